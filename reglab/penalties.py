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
"""

import numpy as np

from reglab._validation import check_alpha, check_l1_ratio, check_scalar

__all__ = [
    "L0",
    "L1",
    "L1L2",
    "L2",
    "Penalty",
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
        l1, l2 = self.l1_strength, self.l2_strength
        return np.sum(l1 * np.abs(w) + 0.5 * l2 * w * w, axis=-1)

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
        excess = np.maximum(np.abs(u) - l1, 0.0)
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
            smooth = np.sum(scaled * scaled, axis=-1)
        indicator = np.where(excess.max(axis=-1) <= slack[:, 0], 0.0, np.inf)
        return np.where(l2[:, 0] > 0, smooth, indicator)

    def dual_scaling(self, u):
        """Factor ``c`` in [0, 1] so that ``conjugate(c u)`` is finite.

        Only the pure L1 penalty needs it: ``c = min(1, alpha / ||u||_inf)``.
        """
        norm = np.abs(np.asarray(u, dtype=float)).max(axis=-1, initial=0.0)
        l1, l2 = self.l1_strength, self.l2_strength
        if np.ndim(self.alpha) == 0:
            return 1.0 if l2 > 0 or norm <= l1 else float(l1 / norm)
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
