"""Penalties: the regularization term ``alpha * P(w)`` as small classes.

Every penalty carries its strength ``alpha`` and knows

- ``value(w)``: the number it adds to the objective;
- ``prox(w, step)``: its proximal operator
  ``argmin_z ||z - w||^2 / (2 step) + value(z)``;
- ``prox_1d(z, curvature)``: the same for one coordinate, as coordinate descent needs
  it: ``argmin_x curvature x^2 / 2 - z x + P_j(x)`` for a float ``z``;
- ``subgradient(w)``: the minimum-norm element of its subdifferential;
- ``subdiff_distance(w, grad)``: per coordinate, the distance from ``-grad`` to the
  subdifferential at ``w`` -- zero everywhere exactly at a minimizer of
  ``loss + penalty`` when ``grad`` is the loss gradient (the KKT residual);
- ``alpha_max(grad0)``: the smallest ``alpha`` whose minimizer is ``w = 0``, given the
  loss gradient at zero (where such an ``alpha`` exists);
- ``conjugate(u)`` and ``dual_scaling(u)``: what a duality gap needs (the Fenchel
  conjugate of the penalty, and how much to shrink a dual point to make it finite).

The convention is scikit-learn's and glmnet's (see DESIGN.md)::

    alpha * P(w),  P(w) = l1_ratio * ||w||_1 + (1 - l1_ratio) / 2 * ||w||_2^2

so ``L1(alpha)`` is ``L1L2(alpha, l1_ratio=1)`` and ``L2(alpha)`` is
``L1L2(alpha, l1_ratio=0)``. ``L1L2.along(alphas, l1_ratio)`` is one penalty per alpha
of a grid at once: its methods take one row of coefficients per alpha, so a duality
gap or an objective along a whole path is a few array operations. ``L0`` is
non-convex and is here only so the course can compare hard thresholding with soft
thresholding.

Beyond the elastic net (notebook 11), each one class with the same methods:

- ``WeightedL1(alpha, weights)``: ``alpha * sum_j weights_j |w_j|``, glmnet's
  ``penalty.factor`` (a weight of 0 leaves a feature unpenalized), and
  ``WeightedL1L2(alpha, weights, l1_ratio)``, the elastic net with the same factors;
- ``GroupL1(alpha, groups)``: ``alpha * sum_g weights_g ||w_g||_2``, the group lasso,
  whose prox is block soft thresholding (whole groups in or out);
- ``MCP(alpha, gamma)`` and ``SCAD(alpha, gamma)``: non-convex penalties (the
  MCP's prox is firm thresholding), less biased than the lasso on large
  coefficients.

``with_alpha(alpha)`` gives the same penalty at another strength, which is how a
path runs any penalty along its grid.
"""

import copy

import numpy as np

from reglab._validation import check_alpha, check_array, check_l1_ratio, check_scalar

__all__ = [
    "L0",
    "L1",
    "L1L2",
    "L2",
    "MCP",
    "SCAD",
    "GroupL1",
    "Penalty",
    "WeightedL1",
    "WeightedL1L2",
    "block_soft_threshold",
    "firm_threshold",
    "hard_threshold",
    "soft_threshold",
]


def soft_threshold(z, threshold):
    """Soft thresholding: ``sign(z) * max(|z| - threshold, 0)``, elementwise.

    The proximal operator of ``threshold * |z|``. Entries with ``|z| <= threshold``
    become exactly zero; the others move ``threshold`` towards zero.

    Parameters
    ----------
    z : float or array_like
    threshold : float, >= 0

    Returns
    -------
    float or ndarray, same shape as ``z``.
    """
    threshold = check_scalar(threshold, "threshold", low=0.0)
    return _soft(np.asarray(z, dtype=float), threshold)


def _soft(z, threshold):
    """``S(z, t) = sign(z) (|z| - t)_+`` without input checks (``t`` may broadcast)."""
    return np.sign(z) * np.maximum(np.abs(z) - threshold, 0.0)


def hard_threshold(z, threshold):
    """Hard thresholding: ``z * (|z| > threshold)``, elementwise.

    Entries with ``|z| <= threshold`` become zero; the others are kept unchanged
    (no shrinkage). ``hard_threshold(z, sqrt(2 * step * alpha))`` is the proximal
    operator of ``step * alpha * count_nonzero``.

    Parameters
    ----------
    z : float or array_like
    threshold : float, >= 0

    Returns
    -------
    float or ndarray, same shape as ``z``.
    """
    threshold = check_scalar(threshold, "threshold", low=0.0)
    z = np.asarray(z, dtype=float)
    return np.where(np.abs(z) > threshold, z, 0.0)


def _check_step(step):
    # a positive finite float passes without check_scalar's conversions: solvers
    # call a prox thousands of times per fit with the step they computed
    if isinstance(step, float) and 0.0 < step < np.inf:
        return float(step)
    return check_scalar(step, "step", low=0.0, low_inclusive=False)


def _number(value):
    """A float for one penalty, the array itself for a grid of them (``along``)."""
    return float(value) if np.ndim(value) == 0 else value


class Penalty:
    """Base class. Subclasses set ``alpha`` and implement the methods below.

    Attributes
    ----------
    alpha : float
        Strength of the penalty.
    l1_ratio : float
        Weight of ``||w||_1`` in ``P(w)`` (1 for L1, 0 for L2). ``None`` for L0.
    is_smooth : bool
        True when the penalty has a gradient everywhere (then ``gradient(w)`` exists).
    is_convex : bool
    """

    is_smooth = False
    is_convex = True
    l1_ratio = None

    def __repr__(self):
        return f"{type(self).__name__}(alpha={self.alpha!r})"

    def __eq__(self, other):
        return type(self) is type(other) and vars(self) == vars(other)

    def __hash__(self):
        return hash((type(self).__name__, *sorted(vars(self).items())))

    @property
    def has_dual(self):
        """Whether a duality gap can certify this penalty: convex, with a conjugate
        that a scaled dual point makes finite (``dual_scaling``)."""
        return self.is_convex

    @property
    def unpenalized(self):
        """Indices of the features the penalty leaves free (none by default)."""
        return np.array([], dtype=int)

    def with_alpha(self, alpha):
        """The same penalty at strength ``alpha`` (a path's grid point)."""
        penalty = copy.copy(self)
        penalty.alpha = check_alpha(alpha)
        return penalty

    def gradient(self, w):
        """Gradient of the penalty (only for smooth penalties)."""
        raise TypeError(
            f"{type(self).__name__} has no gradient; use a proximal solver such as "
            "FISTA or coordinate descent."
        )

    def alpha_max(self, grad0):
        """Smallest ``alpha`` with ``w = 0`` optimal (given the loss gradient at 0)."""
        raise ValueError(
            f"{type(self).__name__} has no alpha_max: no finite alpha sets every "
            "coefficient to zero."
        )


class L1L2(Penalty):
    """Elastic-net penalty ``alpha * (l1_ratio ||w||_1 + (1 - l1_ratio)/2 ||w||^2)``.

    Parameters
    ----------
    alpha : float, >= 0
        Overall strength.
    l1_ratio : float in [0, 1], default 0.5
        Share of the L1 norm: 1 is the lasso, 0 is ridge.
    """

    def __init__(self, alpha, l1_ratio=0.5):
        self.alpha = check_alpha(alpha)
        self.l1_ratio = check_l1_ratio(l1_ratio)

    @classmethod
    def along(cls, alphas, l1_ratio):
        """One penalty per alpha of a grid, for row-wise evaluation.

        ``value``, ``subdiff_distance``, ``conjugate`` and ``dual_scaling`` then take
        arrays of shape ``(n_alphas, n_features)``, one row per alpha, and return one
        number per row.
        """
        alphas = np.asarray(alphas, dtype=float)
        if alphas.ndim != 1 or not np.all(np.isfinite(alphas) & (alphas >= 0)):
            raise ValueError(
                "`alphas` must be a 1-D array of finite values >= 0. Got "
                f"{alphas!r} instead."
            )
        penalty = cls.__new__(L1L2)
        penalty.alpha = alphas[:, None]
        penalty.l1_ratio = check_l1_ratio(l1_ratio)
        return penalty

    def __repr__(self):
        return f"L1L2(alpha={self.alpha!r}, l1_ratio={self.l1_ratio!r})"

    @property
    def l1_strength(self):
        """``alpha * l1_ratio``: the weight on ``||w||_1``."""
        return self.alpha * self.l1_ratio

    @property
    def l2_strength(self):
        """``alpha * (1 - l1_ratio)``: the weight on ``||w||^2 / 2``."""
        return self.alpha * (1.0 - self.l1_ratio)

    def value(self, w):
        """``alpha * (l1_ratio ||w||_1 + (1 - l1_ratio)/2 ||w||^2)``."""
        w = np.asarray(w, dtype=float)
        if np.ndim(self.alpha) == 0:
            return float(
                self.l1_strength * np.abs(w).sum() + 0.5 * self.l2_strength * (w @ w)
            )
        # one value per row (alpha has shape (n_alphas, 1))
        l1, l2 = self.l1_strength[:, 0], self.l2_strength[:, 0]
        return l1 * np.abs(w).sum(axis=-1) + 0.5 * l2 * np.vecdot(w, w)

    def prox(self, w, step):
        """``S(w, step alpha r) / (1 + step alpha (1 - r))``, ``r = l1_ratio``."""
        step = _check_step(step)
        # argmin_z ||z - w||^2/(2 step) + a r |z|_1 + a (1-r)/2 |z|^2
        #   = S(w, step a r) / (1 + step a (1 - r))
        shrunk = _soft(np.asarray(w, dtype=float), step * self.l1_strength)
        return shrunk / (1.0 + step * self.l2_strength)

    def prox_1d(self, z, curvature):
        """``argmin_x curvature x^2 / 2 - z x + P(x)`` for one coordinate.

        ``S(z, alpha r) / (curvature + alpha (1 - r))``: the coordinate-descent update.
        The scalar form of ``soft_threshold``, written out because a numpy call per
        coordinate would cost more than the update itself.
        """
        l1 = self.alpha * self.l1_ratio
        if z > l1:
            return (z - l1) / (curvature + self.alpha - l1)
        if z < -l1:
            return (z + l1) / (curvature + self.alpha - l1)
        return 0.0

    def subgradient(self, w):
        """Minimum-norm subgradient: ``alpha r sign(w) + alpha (1 - r) w`` (0 at 0)."""
        w = np.asarray(w, dtype=float)
        return self.l1_strength * np.sign(w) + self.l2_strength * w

    def subdiff_distance(self, w, grad):
        """Per-coordinate distance of ``-grad`` to the subdifferential at ``w``.

        At ``w_j != 0``: ``|grad_j + alpha r sign(w_j) + alpha (1 - r) w_j|``;
        at ``w_j = 0``: ``max(|grad_j| - alpha r, 0)``.
        """
        w = np.asarray(w, dtype=float)
        grad = np.asarray(grad, dtype=float) + self.l2_strength * w
        return np.where(
            w != 0,
            np.abs(grad + self.l1_strength * np.sign(w)),
            np.maximum(np.abs(grad) - self.l1_strength, 0.0),
        )

    def alpha_max(self, grad0):
        """``||grad0||_inf / l1_ratio``: above it, ``w = 0`` satisfies the KKT rule."""
        if self.l1_ratio == 0:
            return super().alpha_max(grad0)
        return float(np.max(np.abs(grad0)) / self.l1_ratio)

    def conjugate(self, u):
        """Fenchel conjugate ``P*(u) = sup_w u.w - alpha P(w)``.

        With ``a1 = alpha r`` and ``a2 = alpha (1 - r)``:
        ``sum_j (|u_j| - a1)_+^2 / (2 a2)`` when ``a2 > 0``; for the pure L1
        penalty it is 0 if ``||u||_inf <= a1`` and ``+inf`` otherwise.
        """
        u = np.asarray(u, dtype=float)
        l1, l2 = self.l1_strength, self.l2_strength
        # (|u_j| - a1)_+: all of |u_j| without an L1 part
        excess = np.abs(u) if self.l1_ratio == 0 else np.maximum(np.abs(u) - l1, 0.0)
        # a little slack for rounding when a dual point was scaled exactly onto the ball
        slack = 1e-10 * l1
        # (excess / sqrt(2 a2))^2, not excess^2 / (2 a2): excess^2 alone overflows
        # when X and y are both large (u ~ X.T y, a2 ~ the same order)
        if np.ndim(self.alpha) == 0:  # one penalty: plain floats, no broadcasting
            if l2 > 0:
                scaled = excess / np.sqrt(2.0 * l2)
                return float(scaled @ scaled)
            return 0.0 if excess.max(initial=0.0) <= slack else np.inf
        with np.errstate(divide="ignore", invalid="ignore"):
            scaled = excess / np.sqrt(2.0 * l2)
        smooth = np.vecdot(scaled, scaled)
        smooth_rows = l2[:, 0] > 0
        if smooth_rows.all():  # a grid with an L2 part and every alpha > 0
            return smooth
        indicator = np.where(excess.max(axis=-1) <= slack[:, 0], 0.0, np.inf)
        return np.where(smooth_rows, smooth, indicator)

    def dual_scaling(self, u):
        """Factor ``c`` in [0, 1] so that ``conjugate(c u)`` is finite.

        Only the pure L1 penalty needs it: ``c = min(1, alpha / ||u||_inf)``.
        """
        l1, l2 = self.l1_strength, self.l2_strength
        if np.ndim(self.alpha) == 0:
            if l2 > 0:
                return 1.0
            norm = float(np.abs(np.asarray(u, dtype=float)).max(initial=0.0))
            return 1.0 if norm <= l1 else l1 / norm
        if np.all(l2 > 0):  # a grid with an L2 part and every alpha > 0
            return np.ones(l2.shape[0])
        norm = np.abs(np.asarray(u, dtype=float)).max(axis=-1, initial=0.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            scale = np.where(norm <= l1[:, 0], 1.0, l1[:, 0] / norm)
        return np.where(l2[:, 0] > 0, 1.0, scale)


class L1(L1L2):
    """Lasso penalty ``alpha * ||w||_1``; its prox is soft thresholding.

    Parameters
    ----------
    alpha : float, >= 0
    """

    def __init__(self, alpha):
        super().__init__(alpha, l1_ratio=1.0)

    def __repr__(self):
        return f"L1(alpha={self.alpha!r})"

    def prox(self, w, step):
        """Soft thresholding at ``step * alpha``."""
        return _soft(np.asarray(w, dtype=float), _check_step(step) * self.alpha)


class L2(L1L2):
    """Ridge penalty ``alpha / 2 * ||w||_2^2``; its prox is scaling.

    Parameters
    ----------
    alpha : float, >= 0
    """

    is_smooth = True

    def __init__(self, alpha):
        super().__init__(alpha, l1_ratio=0.0)

    def __repr__(self):
        return f"L2(alpha={self.alpha!r})"

    def gradient(self, w):
        """``alpha * w``."""
        return self.alpha * np.asarray(w, dtype=float)

    def prox(self, w, step):
        """``w / (1 + step * alpha)``: proportional shrinkage, never exact zeros."""
        return np.asarray(w, dtype=float) / (1.0 + _check_step(step) * self.alpha)


class L0(Penalty):
    """Best-subset penalty ``alpha * count_nonzero(w)`` (non-convex).

    Only for the course's comparison of hard and soft thresholding: it has a prox
    (hard thresholding at ``sqrt(2 step alpha)``) but no convex certificate, and the
    convex solvers refuse it.

    Parameters
    ----------
    alpha : float, >= 0
    """

    is_convex = False

    def __init__(self, alpha):
        self.alpha = check_alpha(alpha)

    def value(self, w):
        """``alpha * count_nonzero(w)``."""
        return float(self.alpha * np.count_nonzero(np.asarray(w)))

    def prox(self, w, step):
        """Hard thresholding at ``sqrt(2 step alpha)``.

        Keeping ``w_j`` costs ``step alpha`` in units of ``1/step``; dropping it costs
        ``w_j^2 / 2``. Keep it when ``w_j^2 / 2 > step alpha``.
        """
        return hard_threshold(w, np.sqrt(2.0 * _check_step(step) * self.alpha))

    def prox_1d(self, z, curvature):
        """``argmin_x curvature x^2 / 2 - z x + alpha [x != 0]`` for one coordinate.

        Keep ``x = z / curvature`` when that gains more than ``alpha``:
        ``z^2 / (2 curvature) > alpha``.
        """
        return z / curvature if z * z > 2.0 * curvature * self.alpha else 0.0

    def subgradient(self, w):
        """Zero: ``count_nonzero`` is locally constant away from its jumps."""
        return np.zeros_like(np.asarray(w, dtype=float))

    def subdiff_distance(self, w, grad):
        """Stationarity residual: ``|grad_j|`` on the support, 0 off it."""
        w = np.asarray(w, dtype=float)
        return np.where(w != 0, np.abs(np.asarray(grad, dtype=float)), 0.0)


# a norm this close (relative) to its threshold is at it: 4 units in the last place
_ROUNDING = 4 * np.finfo(float).eps


def _block_scale(norms, thresholds):
    """``(1 - t / ||z||)_+``: the factor block soft thresholding multiplies by.

    A block with ``||z|| <= t`` (a zero block included) gets 0, and so does one
    above ``t`` by rounding only (a few units in the last place, as at ``alpha_max``
    where ``t`` is computed from that very norm).
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = 1.0 - thresholds / norms
    return np.where(norms > thresholds * (1 + _ROUNDING), scale, 0.0)


def block_soft_threshold(z, threshold):
    """Block soft thresholding: ``(1 - threshold / ||z||_2)_+ * z`` for one block.

    The proximal operator of ``threshold * ||z||_2``: a block whose Euclidean norm is
    at most ``threshold`` becomes exactly zero as a whole; otherwise the block keeps
    its direction and its norm shrinks by ``threshold``. For a block of one entry it
    is soft thresholding.

    Parameters
    ----------
    z : array_like of shape (k,)
    threshold : float, >= 0

    Returns
    -------
    ndarray of shape (k,)
    """
    threshold = check_scalar(threshold, "threshold", low=0.0)
    z = np.asarray(z, dtype=float)
    return z * _block_scale(np.linalg.norm(z), threshold)


def firm_threshold(z, threshold, gamma):
    """Firm thresholding: the proximal operator of the MCP at unit step.

    ``0`` for ``|z| <= threshold``, ``z`` for ``|z| > gamma * threshold`` and, in
    between, ``S(z, threshold) / (1 - 1 / gamma)``: soft thresholding near zero,
    none for large entries, continuous in between (``gamma > 1``).

    Parameters
    ----------
    z : float or array_like
    threshold : float, >= 0
    gamma : float, > 1

    Returns
    -------
    ndarray, same shape as ``z``.
    """
    threshold = check_scalar(threshold, "threshold", low=0.0)
    gamma = check_scalar(gamma, "gamma", low=1.0, low_inclusive=False)
    return MCP(threshold, gamma).prox(z, 1.0)


def _check_weights(weights, name, size=None):
    """Finite weights >= 0, one per feature (or group)."""
    weights = check_array(weights, name, ndim=1)
    if size is not None and weights.size != size:
        raise ValueError(
            f"`{name}` must have one entry per group ({size}). Got {weights.size} "
            "instead."
        )
    if np.any(weights < 0):
        raise ValueError(
            f"`{name}` must be >= 0 (0 leaves a feature unpenalized). Got "
            f"{weights[weights < 0][0]!r} instead."
        )
    return weights


class _ArrayPenalty(Penalty):
    """Equality and hashing for penalties that hold arrays (weights, groups)."""

    def __eq__(self, other):
        if type(self) is not type(other) or vars(self).keys() != vars(other).keys():
            return False
        return all(
            np.array_equal(value, vars(other)[key]) for key, value in vars(self).items()
        )

    def __hash__(self):
        items = sorted(vars(self).items())
        return hash(
            (type(self).__name__, *((key, tuple(np.ravel(v))) for key, v in items))
        )

    def _check_size(self, w, size, what):
        if np.shape(w)[-1] != size:
            raise ValueError(
                f"{type(self).__name__} has one {what} per feature ({size}); got "
                f"coefficients of shape {np.shape(w)} instead."
            )


class WeightedL1L2(_ArrayPenalty):
    """Elastic net with a weight per feature (glmnet's ``penalty.factor``)::

        alpha * sum_j weights_j (l1_ratio |w_j| + (1 - l1_ratio) / 2 w_j^2)

    the penalty glmnet minimizes when given ``penalty.factor = weights`` (it applies
    the factor to both parts). Each feature has its own soft-threshold level
    ``alpha * l1_ratio * weights_j``. A weight of 0 leaves a feature unpenalized
    (glmnet's ``penalty.factor = 0``; its ``exclude`` is dropping the column). With
    all weights 1 it is ``L1L2(alpha, l1_ratio)``. glmnet rescales the factors to
    sum to the number of features before fitting; reglab uses them as given
    (``reglab.conventions.from_glmnet_penalty_factor`` converts).

    Parameters
    ----------
    alpha : float, >= 0
    weights : array_like of shape (n_features,)
        Finite, >= 0.
    l1_ratio : float in [0, 1], default 0.5
    """

    def __init__(self, alpha, weights, l1_ratio=0.5):
        self.alpha = check_alpha(alpha)
        self.weights = _check_weights(weights, "weights")
        self.l1_ratio = check_l1_ratio(l1_ratio)

    def __repr__(self):
        return (
            f"WeightedL1L2(alpha={self.alpha!r}, weights={self.weights.tolist()!r}, "
            f"l1_ratio={self.l1_ratio!r})"
        )

    @property
    def has_dual(self):
        """A gap needs every feature penalized (a zero weight's conjugate is the
        indicator of ``u_j = 0``, which no scaling reaches); else the KKT residual."""
        return bool(np.all(self.weights > 0))

    @property
    def unpenalized(self):
        """Indices of the features with weight 0."""
        return np.flatnonzero(self.weights == 0)

    @property
    def l1_strength(self):
        """``alpha * l1_ratio * weights``: each coordinate's soft-threshold level."""
        return self.alpha * self.l1_ratio * self.weights

    @property
    def l2_strength(self):
        """``alpha * (1 - l1_ratio) * weights``: each coordinate's ridge weight."""
        return self.alpha * (1.0 - self.l1_ratio) * self.weights

    def value(self, w):
        """``alpha * sum_j weights_j (l1_ratio |w_j| + (1 - l1_ratio) / 2 w_j^2)``."""
        w = np.asarray(w, dtype=float)
        self._check_size(w, self.weights.size, "weight")
        terms = self.l1_strength * np.abs(w) + 0.5 * self.l2_strength * w * w
        return _number(np.sum(terms, axis=-1))

    def prox(self, w, step):
        """``S(w_j, step l1_j) / (1 + step l2_j)`` coordinate by coordinate."""
        step = _check_step(step)
        w = np.asarray(w, dtype=float)
        self._check_size(w, self.weights.size, "weight")
        return _soft(w, step * self.l1_strength) / (1.0 + step * self.l2_strength)

    def subgradient(self, w):
        """``l1_j sign(w_j) + l2_j w_j`` (0 at 0)."""
        w = np.asarray(w, dtype=float)
        return self.l1_strength * np.sign(w) + self.l2_strength * w

    def subdiff_distance(self, w, grad):
        """At ``w_j != 0``: ``|grad_j + l1_j sign(w_j) + l2_j w_j|``; at 0:
        ``max(|grad_j| - l1_j, 0)``."""
        w = np.asarray(w, dtype=float)
        grad = np.asarray(grad, dtype=float) + self.l2_strength * w
        l1 = self.l1_strength
        return np.where(
            w != 0,
            np.abs(grad + l1 * np.sign(w)),
            np.maximum(np.abs(grad) - l1, 0.0),
        )

    def alpha_max(self, grad0):
        """``max_j |grad0_j| / (l1_ratio weights_j)`` over the penalized features.

        At ``w = 0`` the KKT conditions read ``|grad_j| <= alpha l1_ratio
        weights_j``. With unpenalized features ``grad0`` must be the gradient at the
        fit of those features alone (``regularization_path`` passes it): above the
        value returned every penalized coefficient is zero.
        """
        grad0 = np.abs(np.asarray(grad0, dtype=float))
        penalized = self.weights > 0
        if self.l1_ratio == 0 or not penalized.any():
            return super().alpha_max(grad0)
        return float(np.max(grad0[penalized] / self.weights[penalized]) / self.l1_ratio)

    def conjugate(self, u):
        """``sum_j (|u_j| - l1_j)_+^2 / (2 l2_j)``; for ``l1_ratio = 1`` the
        indicator of ``|u_j| <= alpha weights_j`` (0 or ``+inf``)."""
        u = np.asarray(u, dtype=float)
        excess = np.maximum(np.abs(u) - self.l1_strength, 0.0)
        if self.l1_ratio < 1:
            with np.errstate(divide="ignore", invalid="ignore"):
                terms = excess * excess / (2 * self.l2_strength)
            return float(np.sum(np.where(excess > 0, terms, 0.0)))
        slack = 1e-10 * self.l1_strength  # rounding of a point scaled onto the box
        return 0.0 if np.all(excess <= slack) else np.inf

    def dual_scaling(self, u):
        """1 with a ridge part; for ``l1_ratio = 1`` ``min(1, alpha / max_j (|u_j| /
        weights_j))``, onto the weighted box."""
        if self.l1_ratio < 1:
            return 1.0
        u = np.abs(np.asarray(u, dtype=float))
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(u > 0, u / self.weights, 0.0)
        largest = float(np.max(ratio, initial=0.0))
        return 1.0 if largest <= self.alpha else float(self.alpha / largest)


class WeightedL1(WeightedL1L2):
    """Weighted lasso ``alpha * sum_j weights_j |w_j|`` (glmnet's penalty factors).

    Each feature has its own threshold ``alpha * weights_j``: the prox is soft
    thresholding coordinate by coordinate at ``step * alpha * weights_j``. A weight of
    0 leaves the feature unpenalized (glmnet's ``penalty.factor = 0``). With all
    weights 1 it is ``L1(alpha)``; ``WeightedL1L2`` adds a weighted ridge part.

    Parameters
    ----------
    alpha : float, >= 0
    weights : array_like of shape (n_features,)
        Finite, >= 0.
    """

    def __init__(self, alpha, weights):
        super().__init__(alpha, weights, l1_ratio=1.0)

    def __repr__(self):
        return f"WeightedL1(alpha={self.alpha!r}, weights={self.weights.tolist()!r})"

    def prox(self, w, step):
        """Soft thresholding at ``step * alpha * weights_j`` for each coordinate."""
        step = _check_step(step)
        w = np.asarray(w, dtype=float)
        self._check_size(w, self.weights.size, "weight")
        return _soft(w, step * self.l1_strength)


class GroupL1(_ArrayPenalty):
    """Group lasso ``alpha * sum_g weights_g ||w_g||_2``.

    The features are split into groups (``groups[j]`` is feature ``j``'s label); the
    penalty is the Euclidean norm of each group's coefficients, so a whole group is
    zero or none of it is (Yuan and Lin 2006). The prox is block soft thresholding
    of each group at ``step * alpha * weights_g``. Not separable coordinate by
    coordinate: it has no ``prox_1d``, and coordinate descent refuses it (FISTA and
    proximal Newton solve it). With one feature per group and weights 1 it is
    ``L1(alpha)``.

    Parameters
    ----------
    alpha : float, >= 0
    groups : array_like of int, shape (n_features,)
        A group label per feature; labels need not be contiguous or sorted.
    weights : array_like of shape (n_groups,), optional
        One weight per group, in the order of the sorted labels (``group_labels``).
        Default ``sqrt(group size)``, Yuan and Lin's choice, so that groups of
        different sizes enter the path at comparable alphas.

    Attributes
    ----------
    group_index : ndarray of int, shape (n_features,)
        Each feature's group as a position in ``group_labels`` (and ``weights``).
    """

    def __init__(self, alpha, groups, weights=None):
        self.alpha = check_alpha(alpha)
        labels = np.asarray(groups)
        if labels.ndim != 1 or labels.size == 0:
            raise ValueError(
                "`groups` must be a non-empty 1-D array with one label per feature. "
                f"Got shape {labels.shape} instead."
            )
        if not np.issubdtype(labels.dtype, np.integer):
            raise TypeError(
                "`groups` must hold integer labels, one per feature. Got dtype "
                f"{labels.dtype} instead."
            )
        self.groups = labels.astype(int)
        # position of each feature's group among the sorted labels
        self.group_index = np.unique(self.groups, return_inverse=True)[1]
        sizes = np.bincount(self.group_index)
        if weights is None:
            weights = np.sqrt(sizes)
        self.weights = _check_weights(weights, "weights", size=sizes.size)

    def __repr__(self):
        return (
            f"GroupL1(alpha={self.alpha!r}, groups={self.groups.tolist()!r}, "
            f"weights={self.weights.tolist()!r})"
        )

    @property
    def group_labels(self):
        """The distinct labels, sorted: the order of ``weights``."""
        return np.unique(self.groups)

    @property
    def has_dual(self):
        """A gap needs every group penalized (weight > 0), as for WeightedL1."""
        return bool(np.all(self.weights > 0))

    @property
    def unpenalized(self):
        """Indices of the features in groups of weight 0."""
        return np.flatnonzero(self.weights[self.group_index] == 0)

    def group_norms(self, w):
        """``||w_g||_2`` for each group (each row, for a 2-D ``w``)."""
        w = np.asarray(w, dtype=float)
        self._check_size(w, self.groups.size, "group label")
        index = self.group_index
        squares = np.zeros((*w.shape[:-1], self.weights.size))
        np.add.at(squares, (..., index), w * w)
        return np.sqrt(squares)

    def value(self, w):
        """``alpha * sum_g weights_g ||w_g||_2``."""
        return _number(self.alpha * (self.group_norms(w) @ self.weights))

    def prox(self, w, step):
        """Block soft thresholding of each group at ``step * alpha * weights_g``."""
        step = _check_step(step)
        w = np.asarray(w, dtype=float)
        scale = _block_scale(self.group_norms(w), step * self.alpha * self.weights)
        return w * scale[self.group_index]

    def subgradient(self, w):
        """``alpha weights_g w_g / ||w_g||`` on nonzero groups, 0 on zero groups."""
        w = np.asarray(w, dtype=float)
        norms = self.group_norms(w)[self.group_index]
        with np.errstate(divide="ignore", invalid="ignore"):
            direction = np.where(norms > 0, w / norms, 0.0)
        return self.alpha * self.weights[self.group_index] * direction

    def subdiff_distance(self, w, grad):
        """Distance of ``-grad`` to the subdifferential, reported per coordinate.

        On a nonzero group, coordinate by coordinate:
        ``|grad_j + alpha v_g w_j / ||w_g|||``. On a zero group the subdifferential
        is the ball of radius ``alpha v_g``; each of its coordinates gets the group's
        distance ``max(||grad_g|| - alpha v_g, 0)``.
        """
        w = np.asarray(w, dtype=float)
        grad = np.asarray(grad, dtype=float)
        index = self.group_index
        radius = self.alpha * self.weights
        grad_norms = self.group_norms(grad)
        off = np.maximum(grad_norms - radius, 0.0)[index]
        on = np.abs(grad + self.subgradient(w))
        return np.where(self.group_norms(w)[index] > 0, on, off)

    def alpha_max(self, grad0):
        """``max_g ||grad0_g|| / weights_g`` over the penalized groups.

        At ``w = 0`` the KKT conditions read ``||grad_g|| <= alpha weights_g``; with
        unpenalized groups ``grad0`` is taken at the fit of those alone (as for
        ``WeightedL1``).
        """
        norms = self.group_norms(grad0)
        penalized = self.weights > 0
        if not penalized.any():
            return super().alpha_max(grad0)
        return float(np.max(norms[penalized] / self.weights[penalized]))

    def dual_norm(self, u):
        """``max_g ||u_g|| / weights_g``: the norm whose ball is the conjugate's
        domain (penalized groups only)."""
        norms = self.group_norms(u)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(norms > 0, norms / self.weights, 0.0)
        return float(np.max(ratio, initial=0.0))

    def conjugate(self, u):
        """0 if ``||u_g|| <= alpha weights_g`` for every group, else ``+inf``."""
        return 0.0 if self.dual_norm(u) <= self.alpha * (1 + 1e-10) else np.inf

    def dual_scaling(self, u):
        """``min(1, alpha / max_g (||u_g|| / weights_g))``."""
        largest = self.dual_norm(u)
        return 1.0 if largest <= self.alpha else float(self.alpha / largest)


class _FoldedConcave(Penalty):
    """What MCP and SCAD share: slope ``alpha`` at 0, flat beyond ``gamma alpha``.

    Non-convex, so no dual: the certificate is the KKT residual, from
    ``subdiff_distance``.
    """

    is_convex = False

    def subgradient(self, w):
        """The derivative away from 0, and 0 at 0 (the minimum-norm element)."""
        return self.derivative(w)

    def subdiff_distance(self, w, grad):
        """At ``w_j != 0``: ``|grad_j + P'(w_j)|``; at 0: ``max(|grad_j| - alpha,
        0)`` (the Clarke subdifferential at 0 is ``[-alpha, alpha]``)."""
        w = np.asarray(w, dtype=float)
        grad = np.asarray(grad, dtype=float)
        return np.where(
            w != 0,
            np.abs(grad + self.derivative(w)),
            np.maximum(np.abs(grad) - self.alpha, 0.0),
        )

    def alpha_max(self, grad0):
        """``||grad0||_inf``: above it ``w = 0`` is stationary (a local minimum)."""
        return float(np.max(np.abs(np.asarray(grad0, dtype=float)), initial=0.0))


class MCP(_FoldedConcave):
    """Minimax concave penalty (Zhang 2010), non-convex.

    Per coordinate::

        MCP(x) = alpha |x| - x^2 / (2 gamma)   if |x| <= gamma alpha
               = gamma alpha^2 / 2             otherwise

    It starts like the lasso (slope ``alpha`` at 0) and its slope falls linearly to
    0 at ``|x| = gamma alpha``: large coefficients are not shrunk at all, which
    removes the lasso's bias on them. The price is convexity: the objective can have
    several local minima, there is no duality gap (the certificate is the KKT
    residual, which only says the point is stationary) and a solver's answer can
    depend on where it starts. ``gamma -> inf`` gives the lasso, ``gamma -> 1`` hard
    thresholding.

    Parameters
    ----------
    alpha : float, >= 0
    gamma : float, > 1, default 3.0
        Where the penalty flattens, in units of ``alpha`` (ncvreg's default is 3).
    """

    def __init__(self, alpha, gamma=3.0):
        self.alpha = check_alpha(alpha)
        self.gamma = check_scalar(gamma, "gamma", low=1.0, low_inclusive=False)

    def __repr__(self):
        return f"MCP(alpha={self.alpha!r}, gamma={self.gamma!r})"

    def value(self, w):
        """``sum_j MCP(w_j)``."""
        a = np.abs(np.asarray(w, dtype=float))
        inner = self.alpha * a - a * a / (2.0 * self.gamma)
        flat = 0.5 * self.gamma * self.alpha**2
        return _number(np.sum(np.where(a <= self.gamma * self.alpha, inner, flat), -1))

    def prox(self, w, step):
        """``argmin_z ||z - w||^2 / (2 step) + MCP(z)``, coordinate by coordinate.

        For ``step < gamma`` (the usual case) firm thresholding:
        ``S(w, step alpha) / (1 - step / gamma)`` for ``|w| <= gamma alpha``, ``w``
        beyond. For ``step >= gamma`` the inner part is concave and the minimizer
        is ``0`` or ``w``: hard thresholding at ``alpha sqrt(step gamma)``.
        """
        step = _check_step(step)
        w = np.asarray(w, dtype=float)
        if step >= self.gamma:
            return hard_threshold(w, self.alpha * np.sqrt(step * self.gamma))
        firm = _soft(w, step * self.alpha) / (1.0 - step / self.gamma)
        return np.where(np.abs(w) <= self.gamma * self.alpha, firm, w)

    def prox_1d(self, z, curvature):
        """``argmin_x curvature x^2 / 2 - z x + MCP(x)`` for one coordinate.

        ``prox(z / curvature, 1 / curvature)`` written out for a float, as
        coordinate descent needs it: ``S(z, alpha) / (curvature - 1 / gamma)`` when
        ``|z| <= curvature gamma alpha``, else ``z / curvature`` (for
        ``curvature gamma > 1``).
        """
        if curvature * self.gamma <= 1.0:
            keep = abs(z) > self.alpha * np.sqrt(self.gamma * curvature)
            return z / curvature if keep else 0.0
        if abs(z) > curvature * self.gamma * self.alpha:
            return z / curvature
        if abs(z) <= self.alpha:
            return 0.0
        shrunk = (abs(z) - self.alpha) / (curvature - 1.0 / self.gamma)
        return float(shrunk if z > 0 else -shrunk)

    def derivative(self, w):
        """``MCP'(w) = sign(w) (alpha - |w| / gamma)_+`` (0 at 0)."""
        w = np.asarray(w, dtype=float)
        return np.sign(w) * np.maximum(self.alpha - np.abs(w) / self.gamma, 0.0)


class SCAD(_FoldedConcave):
    """Smoothly clipped absolute deviation penalty (Fan and Li 2001), non-convex.

    Per coordinate::

        SCAD(x) = alpha |x|                                          if |x| <= alpha
                = (2 gamma alpha |x| - x^2 - alpha^2) / (2 (gamma - 1))
                                                         if alpha < |x| <= gamma alpha
                = alpha^2 (gamma + 1) / 2                            otherwise

    The lasso up to ``alpha``, then a slope falling linearly to 0 at
    ``gamma alpha``: like the MCP it leaves large coefficients unshrunk, with the
    same price (no convexity, no duality gap; the certificate is the KKT residual).

    Parameters
    ----------
    alpha : float, >= 0
    gamma : float, > 2, default 3.7
        Fan and Li's recommended value.
    """

    def __init__(self, alpha, gamma=3.7):
        self.alpha = check_alpha(alpha)
        self.gamma = check_scalar(gamma, "gamma", low=2.0, low_inclusive=False)

    def __repr__(self):
        return f"SCAD(alpha={self.alpha!r}, gamma={self.gamma!r})"

    def _values(self, a):
        """SCAD of magnitudes ``a >= 0``, elementwise."""
        alpha, gamma = self.alpha, self.gamma
        middle = (2 * gamma * alpha * a - a * a - alpha**2) / (2 * (gamma - 1))
        flat = 0.5 * alpha**2 * (gamma + 1)
        return np.where(
            a <= alpha, alpha * a, np.where(a <= gamma * alpha, middle, flat)
        )

    def value(self, w):
        """``sum_j SCAD(w_j)``."""
        return _number(np.sum(self._values(np.abs(np.asarray(w, dtype=float))), -1))

    def prox(self, w, step):
        """``argmin_z ||z - w||^2 / (2 step) + SCAD(z)``, coordinate by coordinate.

        On each of the three pieces the objective is a quadratic in ``|z|``; the
        minimizer is the best of each piece's minimizer, clipped to the piece. For
        ``step < gamma - 1`` this is Fan and Li's thresholding rule: ``S(w, step
        alpha)`` for ``|w| <= alpha (1 + step)``, ``((gamma - 1) w - sign(w) step
        gamma alpha) / (gamma - 1 - step)`` up to ``gamma alpha``, ``w`` beyond.
        """
        step = _check_step(step)
        w = np.asarray(w, dtype=float)
        alpha, gamma = self.alpha, self.gamma
        z = np.abs(w)
        candidates = [
            np.clip(z - step * alpha, 0.0, alpha),  # on [0, alpha]
            np.full_like(z, gamma * alpha),
            np.maximum(z, gamma * alpha),  # on [gamma alpha, inf)
        ]
        if step < gamma - 1:  # the middle piece is convex: its stationary point
            middle = ((gamma - 1) * z - step * gamma * alpha) / (gamma - 1 - step)
            candidates.append(np.clip(middle, alpha, gamma * alpha))
        candidates = np.array(candidates)
        costs = (candidates - z) ** 2 / (2 * step) + self._values(candidates)
        best = np.take_along_axis(candidates, np.argmin(costs, axis=0)[None], 0)[0]
        return np.sign(w) * best

    def prox_1d(self, z, curvature):
        """``argmin_x curvature x^2 / 2 - z x + SCAD(x)``: ``prox(z / c, 1 / c)``."""
        return float(self.prox(np.array([z / curvature]), 1.0 / curvature)[0])

    def derivative(self, w):
        """``SCAD'(w)``: ``alpha`` up to ``alpha``, then ``(gamma alpha - |w|) /
        (gamma - 1)`` down to 0 at ``gamma alpha`` (times ``sign(w)``; 0 at 0)."""
        w = np.asarray(w, dtype=float)
        a = np.abs(w)
        slope = np.where(
            a <= self.alpha,
            self.alpha,
            np.maximum(self.gamma * self.alpha - a, 0.0) / (self.gamma - 1),
        )
        return np.sign(w) * slope
