"""``solve``: one entry point that picks a solver, and ``alpha_max``."""

import numpy as np

from reglab._validation import (
    check_alpha,
    check_array,
    check_bool,
    check_l1_ratio,
    check_option,
    check_scalar,
    check_X_y,
)
from reglab.losses import LogisticLoss, SquaredLoss
from reglab.penalties import L1, L1L2, L2
from reglab.solvers._gap import duality_gap
from reglab.solvers._result import SolverResult
from reglab.solvers.coordinate_descent import (
    _CenteredData,
    _check_coef_init,
    _result_from_cd,
)
from reglab.solvers.lars import _lars
from reglab.solvers.ridge import RidgeSVD

__all__ = ["alpha_max", "make_loss", "make_penalty", "solve"]

LOSSES = ("squared", "logistic")
SOLVERS = ("auto", "svd", "cd", "fista", "lars")

# glmnet's choice: a pure ridge path has no alpha that zeroes every coefficient, so
# its largest alpha is computed as if l1_ratio were 1e-3.
RIDGE_L1_RATIO_FOR_ALPHA_MAX = 1e-3


def make_penalty(alpha, l1_ratio):
    """``L1(alpha)`` for ``l1_ratio = 1``, ``L2(alpha)`` for 0, else ``L1L2``."""
    if l1_ratio == 1:
        return L1(alpha)
    if l1_ratio == 0:
        return L2(alpha)
    return L1L2(alpha, l1_ratio)


def make_loss(name):
    """``SquaredLoss()`` or ``LogisticLoss()`` from its name."""
    check_option(name, "loss", LOSSES)
    return SquaredLoss() if name == "squared" else LogisticLoss()


def _check_logistic_targets(y):
    values = np.unique(y)
    if not np.all(np.isin(values, (-1.0, 1.0))):
        raise ValueError(
            "`y` must contain only -1 and +1 for loss='logistic'. Got values "
            f"{values[:5].tolist()} instead; map the two classes to -1 and +1 first."
        )
    return y


def solve(
    X,
    y,
    *,
    alpha,
    l1_ratio=1.0,
    loss="squared",
    fit_intercept=True,
    tol=1e-6,
    max_iter=None,
    solver="auto",
    coef_init=None,
    intercept_init=None,
):
    """Minimize ``loss + alpha * P(w)`` with a suitable solver.

    Objective::

        squared:   (1 / (2 n)) ||y - X w - b||^2           + alpha * P(w)
        logistic:  (1 / n) sum log(1 + exp(-y_i (x_i w + b))) + alpha * P(w)
        P(w) = l1_ratio * ||w||_1 + (1 - l1_ratio) / 2 * ||w||^2

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
        Real targets, or -1.0 / +1.0 for ``loss="logistic"``.
    alpha : float, >= 0
    l1_ratio : float in [0, 1], default 1.0
    loss : {"squared", "logistic"}, default "squared"
    fit_intercept : bool, default True
    tol : float, default 1e-6
        Target for the certificate (relative duality gap or KKT residual).
    max_iter : int, optional
        Solver's iteration budget (coordinate descent: 1000 sweeps; FISTA: 5000).
    solver : {"auto", "svd", "cd", "fista", "lars"}, default "auto"
        ``"auto"`` picks ``"svd"`` for squared-loss ridge and for ``alpha = 0``
        (minimum-norm least squares), ``"cd"`` for other squared-loss problems and
        ``"fista"`` for the logistic loss. ``"svd"`` needs ``l1_ratio = 0`` (or
        ``alpha = 0``), ``"lars"`` needs ``l1_ratio = 1``; both need the squared loss.
    coef_init : array_like of shape (n_features,), optional
        Warm start (ignored by the closed-form ``"svd"`` and by ``"lars"``).
    intercept_init : float, optional
        Warm start for the intercept (used by FISTA).

    Returns
    -------
    SolverResult
    """
    check_option(loss, "loss", LOSSES)
    check_option(solver, "solver", SOLVERS)
    alpha = check_alpha(alpha)
    l1_ratio = check_l1_ratio(l1_ratio)
    tol = check_scalar(tol, "tol", low=0.0, low_inclusive=False)
    if max_iter is not None:
        max_iter = check_scalar(max_iter, "max_iter", low=1, integer=True)
    X, y = check_X_y(X, y)
    if loss == "logistic":
        _check_logistic_targets(y)
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    penalty = make_penalty(alpha, l1_ratio)

    if solver == "auto":
        if loss == "logistic":
            solver = "fista"
        elif l1_ratio == 0 or alpha == 0:
            solver = "svd"
        else:
            solver = "cd"

    if solver in ("svd", "cd", "lars") and loss != "squared":
        raise ValueError(
            f"solver={solver!r} handles only the squared loss; use solver='fista' for "
            "loss='logistic'."
        )
    if solver == "svd":
        if l1_ratio > 0 and alpha > 0:
            raise ValueError(
                f"{type(penalty).__name__} has no closed form; solver='svd' needs "
                "l1_ratio=0 (ridge). Use coordinate descent (solver='cd') or FISTA."
            )
        return RidgeSVD(X, y, fit_intercept=fit_intercept).solve(alpha * (1 - l1_ratio))
    if solver == "cd":
        data = _CenteredData(X, y, fit_intercept, use_gram=False)
        w0 = _check_coef_init(coef_init, data.p)
        return _result_from_cd(
            data,
            penalty.l1_strength,
            penalty.l2_strength,
            w0,
            tol,
            1000 if max_iter is None else max_iter,
        )
    if solver == "lars":
        if l1_ratio != 1:
            raise ValueError(
                f"LARS computes the lasso path only; solver='lars' needs l1_ratio=1. "
                f"Got l1_ratio={l1_ratio!r}; use solver='cd' for "
                f"{type(penalty).__name__}."
            )
        data = _CenteredData(X, y, fit_intercept)
        path = _lars(data, alpha, 8 * min(data.n, data.p) + 100)
        coef, intercept = path.coef_at(alpha)
        _, primal, relative = duality_gap(
            X, y, coef, intercept, SquaredLoss(), penalty, fit_intercept=fit_intercept
        )
        return SolverResult(
            coef=coef,
            intercept=intercept,
            n_iter=path.n_iter,
            objective=primal,
            certificate=relative,
            certificate_kind="duality gap",
            converged=bool(relative <= tol),
        )
    # solver == "fista": the general proximal-gradient engine (reglab.solvers.fista)
    from reglab.solvers.fista import fista

    kwargs = {"fit_intercept": fit_intercept, "tol": tol}
    if max_iter is not None:
        kwargs["max_iter"] = max_iter
    if coef_init is not None:
        kwargs["coef_init"] = check_array(coef_init, "coef_init", ndim=1)
    if intercept_init is not None:
        kwargs["intercept_init"] = check_scalar(intercept_init, "intercept_init")
    # (H-fista) proximal Newton steps for the logistic loss: its curvature is far
    # below the bound 1/L at small alpha, where plain FISTA steps need thousands of
    # iterations; the certificate (full duality gap) is the same
    kwargs["newton"] = loss == "logistic"
    return fista(X, y, make_loss(loss), penalty, **kwargs)


def alpha_max(X, y, *, l1_ratio=1.0, loss="squared", fit_intercept=True):
    """The smallest ``alpha`` at which every coefficient is exactly zero.

    At ``w = 0`` (with the best intercept ``b0``) the optimality conditions read
    ``|grad_j| <= alpha * l1_ratio`` for every ``j``, with ``grad = X.T f'(b0)``;
    so ``alpha_max = ||grad||_inf / l1_ratio``. For the squared loss
    ``grad = -X.T (y - mean(y)) / n``; for the logistic loss ``b0`` is the log-odds
    of the positive class.

    A pure ridge penalty (``l1_ratio = 0``) never gives exact zeros; as glmnet does,
    its ``alpha_max`` is computed with ``l1_ratio = 1e-3``, which makes it a
    sensible start for a ridge path (coefficients already shrunk close to zero).

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
        Real targets, or -1.0 / +1.0 for ``loss="logistic"``.
    l1_ratio : float in [0, 1], default 1.0
    loss : {"squared", "logistic"}, default "squared"
    fit_intercept : bool, default True

    Returns
    -------
    float
    """
    check_option(loss, "loss", LOSSES)
    l1_ratio = check_l1_ratio(l1_ratio)
    X, y = check_X_y(X, y)
    if loss == "logistic":
        _check_logistic_targets(y)
    grad0 = _gradient_at_zero(X, y, loss, check_bool(fit_intercept, "fit_intercept"))
    return float(np.max(np.abs(grad0)) / max(l1_ratio, RIDGE_L1_RATIO_FOR_ALPHA_MAX))


def _gradient_at_zero(X, y, loss, fit_intercept):
    """``X.T f'(X 0 + b0)``: the loss gradient at ``w = 0``, best intercept ``b0``."""
    n = X.shape[0]
    if loss == "squared":
        centred = y - y.mean() if fit_intercept else y
        return -X.T @ centred / n
    if fit_intercept:
        positive = float(np.mean(y > 0))
        # b0 = log(p / (1 - p)); with a single class it would be infinite
        positive = min(max(positive, 1e-12), 1 - 1e-12)
        b0 = np.log(positive / (1 - positive))
    else:
        b0 = 0.0
    return X.T @ LogisticLoss().gradient(y, np.full(n, b0))
