"""Regularization paths: the solution for a whole grid of alphas, warm-started.

Objective at every ``alpha`` of the grid (reglab's one convention)::

    squared loss:  (1 / (2 n)) ||y - X w - b||^2                + alpha * P(w)
    logistic loss: (1 / n) sum log(1 + exp(-y_i (x_i w + b)))   + alpha * P(w)
    P(w) = l1_ratio * ||w||_1 + (1 - l1_ratio) / 2 * ||w||_2^2

The grid runs from ``alpha_max`` (every coefficient zero) down to
``eps * alpha_max``, evenly spaced in ``log(alpha)``, as in glmnet and scikit-learn's
``enet_path``. Each problem starts from the previous solution (a warm start), which is
why a whole path costs little more than one fit at its smallest alpha.

Which engine runs:

- ridge (``l1_ratio = 0``, squared loss): one SVD, then every alpha in closed form;
- lasso (``l1_ratio = 1``, squared loss): the exact LARS homotopy, read off at the
  grid (it was the faster engine at every shape of ``benchmarks/solvers.py``); every
  grid point is then checked with its duality gap and, if needed, finished by
  coordinate descent (``solver="cd"`` uses coordinate descent throughout);
- elastic net: coordinate descent with warm starts, the strong rule, the Gram matrix
  computed once when ``n >= p``, and exact solves on a guessed sign pattern;
- logistic loss: FISTA with warm starts (``reglab.solvers.fista.fista_path``).
"""

from dataclasses import dataclass

import numpy as np

from reglab._validation import (
    check_array,
    check_bool,
    check_l1_ratio,
    check_option,
    check_scalar,
    check_X_y,
)
from reglab.solvers._solve import (
    LOSSES,
    RIDGE_L1_RATIO_FOR_ALPHA_MAX,
    SOLVERS,
    _gradient_at_zero,
    make_loss,
)
from reglab.solvers.coordinate_descent import _CenteredData, _enet_cd
from reglab.solvers.fista import fista_path
from reglab.solvers.lars import _lars
from reglab.solvers.ridge import RidgeSVD

__all__ = ["RegularizationPath", "regularization_path"]


@dataclass(frozen=True)
class RegularizationPath:
    """Solutions along a grid of alphas.

    Attributes
    ----------
    alphas : ndarray of shape (n_alphas,)
        Descending.
    coefs : ndarray of shape (n_alphas, n_features)
    intercepts : ndarray of shape (n_alphas,)
    gaps : ndarray of shape (n_alphas,)
        The certificate reached at each alpha: relative duality gap (or the relative
        KKT residual at ``alpha = 0``).
    n_nonzero : ndarray of shape (n_alphas,)
        Number of nonzero coefficients at each alpha.
    n_iters : ndarray of shape (n_alphas,)
        Iterations spent at each alpha (coordinate descent: sweeps plus exact solves;
        FISTA iterations; LARS steps since the previous grid point; 0 for
        closed-form ridge).
    l1_ratio : float
    loss : str
        ``"squared"`` or ``"logistic"``.
    classes : ndarray or None
        For the logistic loss, the two labels; ``classes[1]`` is coded +1.
    """

    alphas: np.ndarray
    coefs: np.ndarray
    intercepts: np.ndarray
    gaps: np.ndarray
    n_nonzero: np.ndarray
    n_iters: np.ndarray
    l1_ratio: float
    loss: str
    classes: np.ndarray | None = None

    def coef_at(self, alpha):
        """``(coef, intercept)`` at ``alpha``, interpolated between grid points.

        Exact at a grid point. Between two grid points, linear in ``log(alpha)``
        between the two neighbouring solutions: a close approximation on a fine grid
        (for the exact lasso at any alpha, use ``reglab.solvers.lars_path``).

        Parameters
        ----------
        alpha : float in ``[alphas[-1], alphas[0]]``

        Returns
        -------
        coef : ndarray of shape (n_features,)
        intercept : float
        """
        alpha = check_scalar(alpha, "alpha", low=0.0)
        low, high = self.alphas[-1], self.alphas[0]
        if not low * (1 - 1e-12) <= alpha <= high * (1 + 1e-12):
            raise ValueError(
                f"`alpha` must be within the path, in [{low:.6g}, {high:.6g}]. Got "
                f"{alpha!r} instead."
            )
        exact = np.flatnonzero(np.isclose(self.alphas, alpha, rtol=1e-12, atol=0))
        if exact.size:
            k = exact[0]
            return self.coefs[k].copy(), float(self.intercepts[k])
        # alphas descending: k is the last grid point above alpha
        k = int(np.searchsorted(-self.alphas, -alpha) - 1)
        upper, lower = self.alphas[k], self.alphas[k + 1]
        if lower > 0:
            t = np.log(upper / alpha) / np.log(upper / lower)
        else:
            t = (upper - alpha) / upper
        coef = (1 - t) * self.coefs[k] + t * self.coefs[k + 1]
        intercept = (1 - t) * self.intercepts[k] + t * self.intercepts[k + 1]
        return coef, float(intercept)


def regularization_path(
    X,
    y,
    *,
    l1_ratio=1.0,
    loss="squared",
    alphas=None,
    n_alphas=100,
    eps=1e-3,
    fit_intercept=True,
    tol=1e-6,
    max_iter=None,
    solver="auto",
):
    """Solve the penalized problem for a descending grid of alphas, warm-started.

    Objective at each ``alpha``::

        squared:  (1 / (2 n)) ||y - X w - b||^2 + alpha * P(w)
        logistic: (1 / n) sum log(1 + exp(-y_i (x_i w + b))) + alpha * P(w)
        P(w) = l1_ratio * ||w||_1 + (1 - l1_ratio) / 2 * ||w||^2

    the objective of scikit-learn's ``enet_path`` (``alpha`` and ``l1_ratio``
    identical) and of glmnet (``lambda = alpha``, glmnet's ``alpha = l1_ratio``).

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
        Real targets; for ``loss="logistic"`` any two labels (the larger, in sorted
        order, is coded +1).
    l1_ratio : float in [0, 1], default 1.0
    loss : {"squared", "logistic"}, default "squared"
    alphas : array_like, optional
        The grid (sorted descending here). Default: ``n_alphas`` values from
        ``alpha_max`` down to ``eps * alpha_max``, log-spaced. For ``l1_ratio = 0``
        ``alpha_max`` is computed with ``l1_ratio = 1e-3`` (glmnet's choice).
    n_alphas : int, default 100
    eps : float in (0, 1], default 1e-3
    fit_intercept : bool, default True
    tol : float, default 1e-6
        Relative duality gap every grid point must reach.
    max_iter : int, optional
        Iteration budget per alpha (coordinate descent: 1000 sweeps; FISTA: 5000).
    solver : {"auto", "svd", "cd", "fista", "lars"}, default "auto"
        See the module docstring; ``"svd"`` needs ``l1_ratio = 0``, ``"lars"`` needs
        ``l1_ratio = 1``, both the squared loss.

    Returns
    -------
    RegularizationPath

    Warns
    -----
    ConvergenceWarning
        Once, if any grid point stopped at ``max_iter`` above ``tol``.
    """
    check_option(loss, "loss", LOSSES)
    check_option(solver, "solver", SOLVERS)
    l1_ratio = check_l1_ratio(l1_ratio)
    n_alphas = check_scalar(n_alphas, "n_alphas", low=1, integer=True)
    eps = check_scalar(eps, "eps", low=0.0, high=1.0, low_inclusive=False)
    tol = check_scalar(tol, "tol", low=0.0, low_inclusive=False)
    if max_iter is not None:
        max_iter = check_scalar(max_iter, "max_iter", low=1, integer=True)
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    X, y = check_X_y(X, y, classification=loss == "logistic")

    classes = None
    if loss == "logistic":
        classes = np.unique(y)
        y = np.where(y == classes[1], 1.0, -1.0)  # the two labels as -1 / +1

    if alphas is None:
        grad0 = _gradient_at_zero(X, y, loss, fit_intercept)
        top = np.max(np.abs(grad0)) / max(l1_ratio, RIDGE_L1_RATIO_FOR_ALPHA_MAX)
        if top == 0:
            top = 1.0  # y is constant (or X is zero): any grid gives w = 0
        alphas = top * np.logspace(0, np.log10(eps), n_alphas)
    else:
        alphas = check_array(alphas, "alphas", ndim=1)
        if np.any(alphas < 0):
            raise ValueError(
                f"`alphas` must be >= 0. Got {alphas[alphas < 0][0]!r} instead."
            )
        alphas = np.sort(alphas)[::-1]

    if loss == "logistic":
        if solver not in ("auto", "fista"):
            raise ValueError(
                f"solver={solver!r} handles only the squared loss; use solver='fista' "
                "(or 'auto') for loss='logistic'."
            )
        return _fista_path(
            X, y, loss, alphas, l1_ratio, fit_intercept, tol, max_iter, classes
        )

    if solver == "svd" and l1_ratio != 0:
        raise ValueError(
            "solver='svd' is the closed form of ridge and needs l1_ratio=0. Got "
            f"l1_ratio={l1_ratio!r}; use solver='cd' or 'auto'."
        )
    if solver == "lars" and l1_ratio != 1:
        raise ValueError(
            "LARS computes the lasso path only; solver='lars' needs l1_ratio=1. Got "
            f"l1_ratio={l1_ratio!r}; use solver='cd' or 'auto'."
        )
    if solver == "fista":
        return _fista_path(
            X, y, loss, alphas, l1_ratio, fit_intercept, tol, max_iter, None
        )
    if l1_ratio == 0 and solver in ("auto", "svd"):
        return _ridge_path(X, y, alphas, fit_intercept)

    data = _CenteredData(X, y, fit_intercept)
    max_iter = 1000 if max_iter is None else max_iter
    use_lars = solver == "lars" or (solver == "auto" and l1_ratio == 1)
    if use_lars:
        return _lasso_path_by_lars(data, alphas, tol, max_iter)
    return _cd_path(data, alphas, l1_ratio, tol, max_iter)


def _cd_path(data, alphas, l1_ratio, tol, max_iter, coef_init=None, n_steps=None):
    """Coordinate descent along ``alphas``, each warm-started from the previous one."""
    n_alphas, p = alphas.size, data.p
    coefs = np.zeros((n_alphas, p))
    gaps = np.zeros(n_alphas)
    n_iters = np.zeros(n_alphas, dtype=int) if n_steps is None else n_steps.copy()
    w = np.zeros(p)
    previous_l1 = None
    for k, alpha in enumerate(alphas):
        l1, l2 = alpha * l1_ratio, alpha * (1 - l1_ratio)
        start = w if coef_init is None else coef_init[k]
        w, sweeps, _, gaps[k] = _enet_cd(
            data, l1, l2, start, tol=tol, max_iter=max_iter, previous_l1=previous_l1
        )
        n_iters[k] += sweeps
        coefs[k] = w
        previous_l1 = l1
    _warn_if_stopped("coordinate descent", alphas, gaps, tol, max_iter)
    return _make_path(data, alphas, coefs, gaps, n_iters, l1_ratio)


def _lasso_path_by_lars(data, alphas, tol, max_iter):
    """Exact LARS knots read off at the grid; any grid point whose duality gap is
    above ``tol`` (rounding, ties) is finished by coordinate descent from there."""
    lars = _lars(data, float(alphas[-1]), 8 * min(data.n, data.p) + 100)
    coefs, _ = lars.coefs_at(alphas)
    # LARS steps taken between consecutive grid points
    steps_before = np.searchsorted(-lars.alphas, -alphas, side="right")
    n_steps = np.diff(np.concatenate([[0], steps_before]))
    gaps = _squared_gaps(data, alphas, coefs, 1.0)
    unfinished = np.flatnonzero(gaps > tol)
    for k in unfinished:
        coefs[k], sweeps, _, gaps[k] = _enet_cd(
            data, alphas[k], 0.0, coefs[k], tol=tol, max_iter=max_iter
        )
        n_steps[k] += sweeps
    _warn_if_stopped("LARS + coordinate descent", alphas, gaps, tol, max_iter)
    return _make_path(data, alphas, coefs, gaps, n_steps, 1.0)


def _squared_gaps(data, alphas, coefs, l1_ratio):
    """Relative duality gaps of many squared-loss solutions at once (two matmuls)."""
    n = data.n
    residuals = data.y[:, None] - data.X @ coefs.T  # R = y - X W^T, (n, n_alphas)
    correlations = data.X.T @ residuals / n  # Q = X^T R / n, (p, n_alphas)
    losses = np.einsum("ij,ij->j", residuals, residuals) / (2 * n)
    l1 = alphas * l1_ratio
    l2 = alphas * (1 - l1_ratio)
    primal = losses + l1 * np.abs(coefs).sum(axis=1) + 0.5 * l2 * (coefs**2).sum(1)
    dot_y = data.y @ residuals / n
    if l1_ratio < 1:
        excess = np.maximum(np.abs(correlations) - l1, 0.0)
        scale = np.ones_like(alphas)
        conjugate = (excess**2).sum(axis=0) / (2 * np.where(l2 > 0, l2, 1))
    else:
        q_norm = np.max(np.abs(correlations), axis=0)
        scale = np.minimum(1.0, l1 / np.maximum(q_norm, 1e-300))
        conjugate = 0.0
    dual = scale * dot_y - scale**2 * losses - conjugate
    denominator = np.maximum(primal, max(1e-12 * data.null_loss, 1e-300))
    return np.maximum(primal - dual, 0.0) / denominator


def _ridge_path(X, y, alphas, fit_intercept):
    ridge = RidgeSVD(X, y, fit_intercept=fit_intercept)
    coefs = ridge.coef_path(alphas)
    gaps = ridge.certificates(alphas)
    return RegularizationPath(
        alphas=alphas,
        coefs=coefs,
        intercepts=ridge.intercept_path(coefs),
        gaps=gaps,
        n_nonzero=np.count_nonzero(coefs, axis=1),
        n_iters=np.zeros(alphas.size, dtype=int),
        l1_ratio=0.0,
        loss="squared",
    )


def _fista_path(X, y, loss, alphas, l1_ratio, fit_intercept, tol, max_iter, classes):
    """A warm-started path by the proximal-gradient engine (``fista_path``)."""
    kwargs = {} if max_iter is None else {"max_iter": max_iter}
    results = fista_path(
        X,
        y,
        make_loss(loss),
        alphas,
        l1_ratio,
        fit_intercept=fit_intercept,
        tol=tol,
        **kwargs,
    )
    return _path_from_results(alphas, results, l1_ratio, loss, classes)


def _path_from_results(alphas, results, l1_ratio, loss, classes):
    coefs = np.array([r.coef for r in results])
    return RegularizationPath(
        alphas=alphas,
        coefs=coefs,
        intercepts=np.array([r.intercept for r in results]),
        gaps=np.array([r.certificate for r in results]),
        n_nonzero=np.count_nonzero(coefs, axis=1),
        n_iters=np.array([r.n_iter for r in results]),
        l1_ratio=l1_ratio,
        loss=loss,
        classes=classes,
    )


def _make_path(data, alphas, coefs, gaps, n_iters, l1_ratio):
    return RegularizationPath(
        alphas=alphas,
        coefs=coefs,
        intercepts=(
            data.y_mean - coefs @ data.x_mean
            if data.fit_intercept
            else np.zeros(alphas.size)
        ),
        gaps=gaps,
        n_nonzero=np.count_nonzero(coefs, axis=1),
        n_iters=n_iters,
        l1_ratio=l1_ratio,
        loss="squared",
    )


def _warn_if_stopped(solver, alphas, gaps, tol, max_iter):
    from reglab.solvers._result import warn_not_converged

    stopped = gaps > tol
    if stopped.any():
        warn_not_converged(
            f"regularization_path ({solver}; at {int(stopped.sum())} of {alphas.size}"
            f" alphas, the largest {alphas[stopped].max():.3g})",
            float(gaps.max()),
            "duality gap",
            tol,
            max_iter,
        )
