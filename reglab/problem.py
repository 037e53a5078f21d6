"""One fitting problem, ``loss(y, X w + b) + penalty(w)``, and what every solver shares.

``Problem(X, y, loss, fit_intercept=...)`` owns, for one data set:

- **centring**: with an intercept the columns of ``X`` (and, for the squared loss,
  ``y``) are centred once. ``X w + b = (X - m) w + (b + m.w)`` is the same model, so
  solvers work on the centred data with the intercept ``b_c`` of that model (always 0
  for the squared loss, where centring ``y`` makes it optimal), and
  ``intercept(w, b_c)`` recovers ``b = mean(y) + b_c - m.w``;
- the cached **Gram matrix** ``G = X.T X / n``, ``X.T y / n`` and the column norms;
- the **gradient at zero** ``X.T f'(b0)`` (``b0`` the best intercept of ``w = 0``:
  ``mean(y)``, or the log-odds for the logistic loss) and **alpha_max**;
- the one **duality gap** (vectorised over a grid of alphas) and the one
  **certificate**, with one definition of "relative".

Fenchel duality, for every dual point ``theta`` (with ``sum(theta) = 0`` when there is
an intercept)::

    D(theta) = -f*(-theta) - P*(X.T theta)  <=  min F  <=  F(w).

So ``gap = F(w) - D(theta)`` bounds how far ``w`` is from optimal, and it is zero at
the optimum when ``theta`` comes from the optimal predictor. ``theta`` is built from
the current point (``theta = -f'(z)``, made feasible by ``loss.dual_point`` and
``penalty.dual_scaling``), as scikit-learn and glmnet do. The certificate every solver
reports is this gap relative to the objective,

    gap / max(F(w), 1e-12 F(0, b0), tiny),

(``F(0, b0)``, the objective of the intercept-only model, keeps the ratio meaningful
when the optimum is nearly zero), or, where the dual says nothing (``alpha = 0``,
``alpha`` below rounding level, non-convex penalties), the KKT residual
``max_j dist(-grad_j, dP(w)_j) / ||grad at zero||_inf``.
"""

import copy

import numpy as np

from reglab._validation import check_array, check_bool, check_option, check_X_y
from reglab.losses import LogisticLoss, SquaredLoss
from reglab.penalties import L1L2, WeightedL1L2

__all__ = [
    "LOSSES",
    "Certificate",
    "Problem",
    "check_coef_init",
    "duality_gap",
    "kkt_residual",
    "make_loss",
]

LOSSES = ("squared", "logistic")
_TINY = float(np.finfo(float).tiny)
# Data the solvers can square without overflow or underflow: products such as X.T X
# and ||y||^2 of larger (or smaller) entries leave the range of floats.
_LARGEST_ENTRY = 1e100
# glmnet's choice: a pure ridge path has no alpha that zeroes every coefficient, so
# its largest alpha is computed as if l1_ratio were 1e-3.
RIDGE_L1_RATIO_FOR_ALPHA_MAX = 1e-3
# Below this fraction of ||grad at zero||_inf an alpha only adds rounding to the
# objective, and the dual point's rounding, divided by alpha in P*, swamps the gap:
# the certificate is then the KKT residual, as at alpha = 0.
_ALPHA_ROUNDING = 1e-12
# The L2 part's conjugate ||u||^2 / (2 alpha_2) squares the rounding of
# u = X.T theta (about eps sqrt(n G_jj) ||theta||), so the gap is off by about
# eps^2 n max_j G_jj / alpha_2 relative to the objective. Where that exceeds this,
# a thousandth of the default tol (1e-6), the KKT residual is used instead.
_DUAL_ROUNDING = 1e-9


def make_loss(loss):
    """``SquaredLoss()`` or ``LogisticLoss()`` from its name (a loss passes through)."""
    if isinstance(loss, (SquaredLoss, LogisticLoss)):
        return loss
    if not isinstance(loss, str):
        raise TypeError(
            "`loss` must be 'squared', 'logistic' or a reglab.losses loss. Got "
            f"{loss!r} of type {type(loss).__name__} instead."
        )
    check_option(loss, "loss", LOSSES)
    return SquaredLoss() if loss == "squared" else LogisticLoss()


def check_coef_init(coef_init, n_features):
    """Zeros, or ``coef_init`` checked to have one entry per feature."""
    if coef_init is None:
        return np.zeros(n_features)
    coef = check_array(coef_init, "coef_init", ndim=1)
    if coef.shape[0] != n_features:
        raise ValueError(
            f"`coef_init` must have one entry per feature ({n_features}). Got "
            f"{coef.shape[0]} instead."
        )
    return coef.copy()


def _check_scale(values, name):
    # two reductions, no |values| array (a copy of X)
    largest = max(
        -float(np.min(values, initial=0.0)), float(np.max(values, initial=0.0))
    )
    if largest > _LARGEST_ENTRY or 0 < largest < 1 / _LARGEST_ENTRY:
        raise ValueError(
            f"`{name}` must have entries between 1e-100 and 1e100 in absolute value "
            f"(or zeros): the solvers square them (X.T X, ||y||^2), which leaves the "
            f"range of floats. Got a largest entry of {largest:.3g} instead; rescale "
            f"`{name}` first (for example with sklearn.preprocessing.StandardScaler)."
        )


class Certificate:
    """How far a point is provably from optimal, as every solver reports it.

    Attributes
    ----------
    value : float
        The relative duality gap or the relative KKT residual.
    kind : str
        ``"duality gap"`` or ``"kkt residual"``.
    objective : float
        The objective at the point.
    correlation : ndarray of shape (n_features,)
        ``X.T theta`` for the dual point ``theta``: minus the loss gradient (up to
        the intercept's feasibility correction). Solvers reuse it to pick features.
    """

    __slots__ = ("correlation", "kind", "objective", "value")

    def __init__(self, value, kind, objective, correlation):
        self.value = float(value)
        self.kind = kind
        self.objective = float(objective)
        self.correlation = correlation


class Problem:
    """``loss(y, X w + b) + penalty(w)`` on one data set, ``b`` unpenalized.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
        Real targets, or -1.0 / +1.0 for the logistic loss.
    loss : {"squared", "logistic"} or a reglab.losses loss, default "squared"
    fit_intercept : bool, default True

    Attributes
    ----------
    X, y : ndarray
        The data the solvers see: centred with an intercept (``y`` only for the
        squared loss), ``X`` in Fortran order (fast column access; a C-ordered
        ``X`` is copied on first use of ``X``, which a path on the Gram matrix
        never makes).
    n, p : int
    x_mean : ndarray of shape (p,)
    y_offset : float
        ``mean(y)`` for the squared loss with an intercept, else 0.
    b0 : float
        Best intercept of ``w = 0`` in centred coordinates (0 for the squared loss,
        the log-odds for the logistic loss).
    """

    def __init__(self, X, y, loss="squared", *, fit_intercept=True):
        X, y = check_X_y(X, y)
        _check_scale(X, "X")
        self.loss = make_loss(loss)
        self.loss.check_targets(y)
        if self.loss.name == "squared":
            _check_scale(y, "y")
        self.fit_intercept = check_bool(fit_intercept, "fit_intercept")
        self.n, self.p = X.shape
        if self.fit_intercept:
            self.x_mean = X.mean(axis=0)
            X = np.subtract(X, self.x_mean, order="F")
        else:
            self.x_mean = np.zeros(self.p)
        self.y_offset = 0.0
        if self.fit_intercept and self.loss.name == "squared":
            self.y_offset = float(y.mean())
            y = y - self.y_offset
        self._X = X  # in Fortran order from the first use of the X property
        self.y = y
        self.b0 = (
            self.loss.null_intercept(y)
            if self.fit_intercept and self.loss.name == "logistic"
            else 0.0
        )
        z0 = np.full(self.n, self.b0)
        # F(0, b0): the objective of the intercept-only model, the scale of "relative"
        self.null_objective = self.loss.value(y, z0)
        # X^T f'(b0): the gradient at w = 0; its largest entry sets alpha_max
        gradient_z0 = self.loss.gradient(y, z0)
        self.gradient_at_zero = X.T @ gradient_z0
        self.gradient_scale = float(np.max(np.abs(self.gradient_at_zero), initial=0))
        # the intercept's gradient is sum(f'(z)), in the units of f', not of X.T f'
        self.intercept_gradient_scale = float(np.sum(np.abs(gradient_z0)))
        self.column_sq_norms = np.einsum("ij,ij->j", X, X) / self.n  # G_jj
        # y.y / n: with G and X.T y / n, the squared loss's gap needs no product
        # with X (see duality_gap)
        self.y_sq_norm = float(y @ y) / self.n
        # the L2 strength below which the gap is rounding (see gap_is_exact)
        largest = float(np.max(self.column_sq_norms, initial=0.0))
        self._l2_floor = np.finfo(float).eps ** 2 * self.n * largest / _DUAL_ROUNDING
        self._gram = None

    # ----------------------------------------------------------------- shared data

    @property
    def X(self):
        """The (centred) ``X`` in Fortran order, made on first use.

        The products below read ``X`` in whatever order it came (a matrix product
        is as fast either way); only the solvers' column access needs Fortran
        order, and a path on the Gram matrix never asks for it (the copy of a
        C-ordered ``X`` at n = 2000, p = 500 is 6 ms, ~8% of the LARS path there).
        """
        if not self._X.flags.f_contiguous:
            self._X = np.asfortranarray(self._X)
        return self._X

    @property
    def gram(self):
        """``G = X.T X / n``, computed on first use and kept (a path reuses it)."""
        if self._gram is None:
            self._gram = self._X.T @ self._X / self.n
        return self._gram

    @property
    def Xty(self):
        """``X.T y / n``: minus the squared loss's gradient at ``w = 0``."""
        return -self.gradient_at_zero if self.loss.name == "squared" else None

    def columns(self, index):
        """The same problem on the columns ``index`` only (a working set).

        It keeps the full problem's ``null_objective`` and ``gradient_scale``, so
        the certificates of both are on one scale.
        """
        sub = copy.copy(self)
        sub._X = self.X[:, index]  # columns of a Fortran array: Fortran order
        sub.p = sub._X.shape[1]
        sub.x_mean = self.x_mean[index]
        sub.column_sq_norms = self.column_sq_norms[index]
        sub.gradient_at_zero = self.gradient_at_zero[index]
        sub._gram = None if self._gram is None else self._gram[index][:, index]
        return sub

    def alpha_max(self, l1_ratio=1.0):
        """The smallest ``alpha`` at which every coefficient is exactly zero.

        At ``w = 0`` (with the best intercept ``b0``) the optimality conditions read
        ``|grad_j| <= alpha * l1_ratio``, so ``alpha_max = ||grad at 0||_inf /
        l1_ratio``. For ``l1_ratio = 0`` (never exact zeros) glmnet's ``l1_ratio =
        1e-3`` is used, a sensible start for a ridge path.
        """
        return self.gradient_scale / max(l1_ratio, RIDGE_L1_RATIO_FOR_ALPHA_MAX)

    def intercept(self, coefs, centred_intercepts=0.0):
        """``b = mean(y) + b_c - mean(X).w`` for the original ``X`` (rows of coefs)."""
        if not self.fit_intercept:
            return _number(np.zeros(np.shape(coefs)[:-1]))
        return _number(self.y_offset + centred_intercepts - coefs @ self.x_mean)

    def centred_intercept(self, coef, intercept):
        """The inverse of ``intercept``: ``b_c`` of ``(coef, intercept)``."""
        if not self.fit_intercept:
            return 0.0
        return float(intercept - self.y_offset + self.x_mean @ coef)

    def predict(self, coefs, centred_intercepts=0.0):
        """``z = X w + b_c`` on the centred data, one row per row of ``coefs``."""
        return coefs @ self._X.T + np.asarray(centred_intercepts)[..., None]

    def objective(self, coefs, centred_intercepts, penalty, z=None):
        """``loss(y, X w + b_c) + penalty(w)``."""
        if z is None:
            z = self.predict(coefs, centred_intercepts)
        return self.loss.value(self.y, z) + penalty.value(coefs)

    # ---------------------------------------------------------------- certificates

    def relative(self, gap, objective):
        """``gap / max(objective, 1e-12 * null_objective, tiny)``: what tol bounds."""
        floor = max(1e-12 * self.null_objective, _TINY)
        if np.ndim(gap) == 0 and np.ndim(objective) == 0:  # one point: plain floats
            return max(float(gap), 0.0) / max(float(objective), floor)
        return _number(np.maximum(gap, 0.0) / np.maximum(objective, floor))

    def duality_gap(self, coefs, centred_intercepts, penalty, z=None, gram_coefs=None):
        """``(gap, objective, X.T theta)`` at ``(coefs, b_c)``; rows for a grid.

        ``coefs`` of shape (p,) with a penalty, or (m, p) with
        ``L1L2.along(alphas, l1_ratio)``: the gap at every alpha of a path from two
        matrix products. For the squared loss with the Gram matrix cached (and
        ``b_c = 0``) the same gap is computed from moments, ``O(p |support|)``
        instead of ``O(n p)``; ``gram_coefs = G w``, when the caller keeps it,
        makes that ``O(p)``.
        """
        if (
            self._gram is not None
            and self.loss.name == "squared"
            and not np.any(centred_intercepts)
        ):
            return self._squared_gap_from_moments(coefs, penalty, gram_coefs)
        loss, y = self.loss, self.y
        if z is None:
            z = self.predict(coefs, centred_intercepts)
        objective = loss.value(y, z) + penalty.value(coefs)
        # theta = -f'(z), made feasible: sum(theta) = 0, then scaled so that
        # P*(X^T theta) is finite
        theta = loss.dual_point(y, z, self.fit_intercept)
        correlation = theta @ self._X  # X^T theta
        scale = np.asarray(penalty.dual_scaling(correlation))[..., None]
        # D(theta) = -f*(-theta) - P*(X^T theta)
        dual = loss.dual_value(y, scale * theta) - penalty.conjugate(
            scale * correlation
        )
        return objective - dual, objective, correlation

    def _squared_gap_from_moments(self, coefs, penalty, gram_coefs=None):
        """``duality_gap`` for the squared loss from ``G``, ``c = X.T y / n``, ``y.y``.

        The same ``F(w) - D(theta)``, with ``r = y - X w`` and the same dual point
        ``theta = s r / n`` (``s`` the penalty's dual scaling; with an intercept the
        data are centred, so ``r`` already sums to zero)::

            X.T r / n      = c - G w                           (the correlation)
            ||r||^2 / n    = y.y / n - 2 w.c + w.G w
            r.y / n        = ||r||^2 / n + w.(X.T r / n)
            F(w)           = ||r||^2 / (2 n) + P(w)
            D(theta)       = theta.y - n ||theta||^2 / 2 - P*(X.T theta)
                           = s r.y / n - s^2 ||r||^2 / (2 n) - P*(s X.T r / n)

        ``||r||^2`` from moments loses digits to cancellation when ``r`` is small,
        but the same rounded value enters ``F`` and ``D``, so the gap keeps only
        ``(1 - s)^2`` of that error (none for ``s = 1``).
        """
        coefs = np.asarray(coefs, dtype=float)
        c, gram = self.Xty, self._gram
        if gram_coefs is None:
            support = np.flatnonzero(coefs) if coefs.ndim == 1 else None
            if support is not None and 4 * support.size < self.p:
                gram_coefs = coefs[support] @ gram[support]  # G w (G symmetric)
            else:
                gram_coefs = coefs @ gram
        correlation = c - gram_coefs
        w_dot_correlation = np.vecdot(coefs, correlation)
        residual_sq = np.maximum(
            self.y_sq_norm - 2 * (coefs @ c) + np.vecdot(coefs, gram_coefs), 0
        )
        objective = 0.5 * residual_sq + penalty.value(coefs)
        scale = penalty.dual_scaling(correlation)
        dual = (
            scale * (residual_sq + w_dot_correlation)
            - 0.5 * scale * scale * residual_sq
            - penalty.conjugate(np.asarray(scale)[..., None] * correlation)
        )
        return _number(objective - dual), _number(objective), correlation

    def kkt_residual(self, coef, centred_intercept, penalty, z=None):
        """``max_j dist(-grad_j, dP(w)_j) / ||grad at zero||_inf`` (and the intercept).

        Zero exactly at a stationary point; divided by the gradient at zero so that
        it does not depend on the units of ``X`` and ``y``. The intercept's
        ``|sum_i f'(z_i)|`` is divided by ``sum_i |f'(b0)_i|``, its own units.
        """
        if z is None:
            z = self.predict(coef, centred_intercept)
        gradient_z = self.loss.gradient(self.y, z)
        gradient = self._X.T @ gradient_z
        residual = float(np.max(penalty.subdiff_distance(coef, gradient), initial=0))
        residual /= self.gradient_scale if self.gradient_scale > 0 else 1.0
        if self.fit_intercept:
            scale = self.intercept_gradient_scale
            residual = max(residual, abs(float(np.sum(gradient_z))) / (scale or 1.0))
        return residual, -gradient

    def gap_is_exact(self, alphas, l1_ratio):
        """Where the duality gap certifies ``L1L2(alpha, l1_ratio)`` in floats.

        The dual divides by each part's strength, so a part far below its own scale
        (``||grad at zero||_inf`` for the whole penalty, ``eps^2 n max_j G_jj`` for
        the L2 part: see ``_DUAL_ROUNDING``) turns rounding into a gap. Such a part
        changes the minimizer by less than rounding, and the KKT residual, which
        divides by nothing, certifies it instead. True or False per alpha.
        """
        # one alpha as a plain float (a solver asks once per check), many as an array:
        # the same expression serves both
        alphas = float(alphas) if np.ndim(alphas) == 0 else np.asarray(alphas, float)
        l2 = alphas * (1.0 - l1_ratio)
        return (alphas > _ALPHA_ROUNDING * self.gradient_scale) & (
            (l2 == 0) | (l2 > self._l2_floor)
        )

    def has_gap(self, penalty):
        """Whether the gap certifies ``penalty`` (a dual, each part above rounding)."""
        if not penalty.has_dual:
            return False
        if isinstance(penalty, (L1L2, WeightedL1L2)):
            strengths = penalty.alpha
            if isinstance(penalty, WeightedL1L2):
                strengths = strengths * penalty.weights  # a part per feature
            exact = self.gap_is_exact(strengths, penalty.l1_ratio)
            return bool(exact) if np.ndim(exact) == 0 else bool(np.all(exact))
        return bool(np.min(penalty.alpha) > _ALPHA_ROUNDING * self.gradient_scale)

    def certificate(self, coef, centred_intercept, penalty, z=None, gram_coefs=None):
        """The one certificate: relative duality gap, or relative KKT residual.

        ``z = X w + b_c`` and ``gram_coefs = G w`` are optional shortcuts (see
        ``duality_gap``).
        """
        if self.has_gap(penalty):
            gap, objective, correlation = self.duality_gap(
                coef, centred_intercept, penalty, z, gram_coefs
            )
            return Certificate(
                self.relative(gap, objective), "duality gap", objective, correlation
            )
        if z is None:
            z = self.predict(coef, centred_intercept)
        residual, correlation = self.kkt_residual(coef, centred_intercept, penalty, z)
        objective = self.objective(coef, centred_intercept, penalty, z)
        return Certificate(residual, "kkt residual", objective, correlation)

    def certificates(self, coefs, centred_intercepts, alphas, l1_ratio):
        """Certificates along a path: ``(values, kinds)``, one per alpha (row)."""
        alphas = np.asarray(alphas, dtype=float)
        centred_intercepts = np.zeros(alphas.size) + centred_intercepts
        values = np.zeros(alphas.size)
        kinds = np.array(["duality gap"] * alphas.size, dtype=object)
        with_gap = self.gap_is_exact(alphas, l1_ratio)
        # every row at once (the usual grid), or the rows with a gap
        rows = slice(None) if with_gap.all() else with_gap
        if with_gap.any():
            penalty = L1L2.along(alphas[rows], l1_ratio)
            gap, objective, _ = self.duality_gap(
                coefs[rows], centred_intercepts[rows], penalty
            )
            values[rows] = self.relative(gap, objective)
        for k in np.flatnonzero(~with_gap):
            penalty = L1L2(float(alphas[k]), l1_ratio)
            values[k], _ = self.kkt_residual(coefs[k], centred_intercepts[k], penalty)
            kinds[k] = "kkt residual"
        return values, kinds


def _number(value):
    return float(value) if np.ndim(value) == 0 else value


def duality_gap(X, y, coef, intercept, loss, penalty, *, fit_intercept=True):
    """Duality gap of ``(coef, intercept)`` for ``loss(X w + b) + penalty(w)``.

    Parameters
    ----------
    X : ndarray of shape (n, p)
    y : ndarray of shape (n,)
        Targets (in {-1, +1} for the logistic loss).
    coef : ndarray of shape (p,)
    intercept : float
    loss : SquaredLoss or LogisticLoss
    penalty : L1, L2 or L1L2
    fit_intercept : bool
        Whether ``b`` is a free variable (adds ``sum(theta) = 0`` to the dual).

    Returns
    -------
    gap : float
        ``primal - dual`` (>= 0 up to rounding).
    primal : float
        The objective at ``(coef, intercept)``.
    relative : float
        ``Problem.relative(gap, primal)``.
    """
    problem = Problem(X, y, loss, fit_intercept=fit_intercept)
    coef = np.asarray(coef, dtype=float)
    b_c = problem.centred_intercept(coef, intercept)
    gap, primal, _ = problem.duality_gap(coef, b_c, penalty)
    return float(gap), float(primal), problem.relative(gap, primal)


def kkt_residual(X, y, coef, intercept, loss, penalty, *, fit_intercept=True):
    """Relative KKT residual of ``(coef, intercept)`` (see ``Problem.kkt_residual``)."""
    problem = Problem(X, y, loss, fit_intercept=fit_intercept)
    coef = np.asarray(coef, dtype=float)
    b_c = problem.centred_intercept(coef, intercept)
    return problem.kkt_residual(coef, b_c, penalty)[0]
