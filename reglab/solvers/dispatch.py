"""One dispatcher: ``solve`` picks a solver, runs it and certifies the result.

``regularization_path`` uses the same ``resolve_solver`` and ``run`` for every alpha
of a grid (with warm starts), so a solver is chosen, checked and called in exactly
one place.
"""

from dataclasses import dataclass

import numpy as np

from reglab._validation import (
    check_alpha,
    check_array,
    check_l1_ratio,
    check_option,
    check_scalar,
)
from reglab.penalties import L1, L1L2, L2, WeightedL1, WeightedL1L2
from reglab.problem import LOSSES, Problem, check_coef_init
from reglab.solvers.compatibility import check_compatible
from reglab.solvers.coordinate_descent import cd_solve
from reglab.solvers.fista import fista_loop, fista_solve
from reglab.solvers.lars import lars_homotopy
from reglab.solvers.proximal_newton import newton_loop
from reglab.solvers.result import result_from
from reglab.solvers.ridge import RidgeSVD
from reglab.solvers.threads import one_blas_thread

__all__ = [
    "DEFAULT_MAX_ITER",
    "SOLVERS",
    "FreeFit",
    "alpha_max",
    "free_fit",
    "make_penalty",
    "resolve_solver",
    "run",
    "solve",
    "weighted_penalty",
]

SOLVERS = ("auto", "svd", "cd", "fista", "prox_newton", "lars")
# Iteration budgets when max_iter is None: sweeps (CD), steps (FISTA, LARS).
DEFAULT_MAX_ITER = {"svd": 0, "cd": 1000, "fista": 5000, "prox_newton": 5000, "lars": 0}


def make_penalty(alpha, l1_ratio):
    """``L1(alpha)`` for ``l1_ratio = 1``, ``L2(alpha)`` for 0, else ``L1L2``."""
    if l1_ratio == 1:
        return L1(alpha)
    if l1_ratio == 0:
        return L2(alpha)
    return L1L2(alpha, l1_ratio)


def weighted_penalty(alpha, l1_ratio, penalty_factor, n_features):
    """``WeightedL1`` (``l1_ratio = 1``) or ``WeightedL1L2`` with one factor per
    feature, checked under glmnet's name ``penalty_factor``."""
    factors = check_array(penalty_factor, "penalty_factor", ndim=1)
    if factors.size != n_features:
        raise ValueError(
            f"`penalty_factor` must have one entry per feature ({n_features}). Got "
            f"{factors.size} instead."
        )
    if np.any(factors < 0):
        raise ValueError(
            "`penalty_factor` must be >= 0 (0 leaves a feature unpenalized). Got "
            f"{factors[factors < 0][0]!r} instead."
        )
    if l1_ratio == 1:
        return WeightedL1(alpha, factors)
    return WeightedL1L2(alpha, factors, l1_ratio)


def resolve_solver(solver, problem, penalty, *, path=False):
    """The solver ``"auto"`` stands for, checked against the loss and penalty.

    ``"auto"``: the closed form (``"svd"``) for squared-loss ridge and ``alpha = 0``;
    for the lasso the exact homotopy (``"lars"``) on a path, and for a single fit
    when ``p > n`` (where coordinate descent needs thousands of sweeps near
    interpolation); ``"cd"`` for the other squared-loss problems; ``"prox_newton"``
    for the logistic loss. Penalties other than L1, L2 and L1L2 (``WeightedL1``,
    ``GroupL1``, ``MCP``) run on their prox: ``"fista"``, or ``"prox_newton"`` for
    a convex one with the logistic loss.

    LARS for every lasso path, ``n >> p`` included, by measurement (CPU seconds for
    100 alphas down to 1e-3 alpha_max, gap 1e-6, the AR(1) data of
    ``benchmarks/solvers.py``, one BLAS thread, load average ~5 from other work,
    best of 3-5; re-measured after LARS kept its active columns and a packed
    Cholesky factor)::

        (n, p)         lars    cd (Gram)
        (100, 20)     0.008    0.012
        (500, 100)    0.022    0.051
        (2000, 100)   0.023    0.039
        (5000, 200)   0.069    0.091
        (2000, 500)   0.21     0.28
        (1000, 500)   0.29     0.30

    LARS takes a step per knot (about p + drops), coordinate descent a few solves
    per grid alpha, so at p ~ 500 with 100 alphas the two are close; LARS stays
    the default for its exact path.
    """
    if solver == "auto":
        if not isinstance(penalty, L1L2):
            # any other penalty: by its prox (proximal Newton needs convexity)
            convex_logistic = problem.loss.name == "logistic" and penalty.is_convex
            solver = "prox_newton" if convex_logistic else "fista"
        elif problem.loss.name == "logistic":
            solver = "prox_newton"
        elif penalty.l1_ratio == 0 or (not path and penalty.alpha == 0):
            solver = "svd"
        elif penalty.l1_ratio == 1 and (path or problem.p > problem.n):
            solver = "lars"
        else:
            solver = "cd"
    check_compatible(solver, problem.loss, penalty)
    return solver


def run(problem, penalty, solver, w, b, *, tol, max_iter, previous_l1=None):
    """Run ``solver`` (resolved) from ``(w, b_c)``: ``(w, b_c, n_iter, certificate)``.

    LARS runs the homotopy down to ``alpha``; a point its certificate does not
    accept (rounding, ties) is finished by coordinate descent from there.
    """
    if max_iter is None:
        max_iter = DEFAULT_MAX_ITER[solver]
    if solver == "svd":
        coef = RidgeSVD.from_problem(problem).coef_path([penalty.l2_strength])[0]
        return coef, 0.0, 0, problem.certificate(coef, 0.0, penalty)
    if solver == "cd":
        use_gram = previous_l1 is not None and problem.n >= problem.p
        w, n_iter, certificate = cd_solve(
            problem,
            penalty,
            w,
            tol=tol,
            max_iter=max_iter,
            use_gram=use_gram,
            previous_l1=previous_l1,
        )
        return w, 0.0, n_iter, certificate
    if solver == "lars":
        path = lars_homotopy(problem, penalty.alpha)
        w, _ = path.coef_at(penalty.alpha)
        n_iter = path.n_iter
        certificate = problem.certificate(w, 0.0, penalty)
        if certificate.value > tol:
            w, sweeps, certificate = cd_solve(
                problem, penalty, w, tol=tol, max_iter=1000, use_gram=False
            )
            n_iter += sweeps
        return w, 0.0, n_iter, certificate
    inner = newton_loop if solver == "prox_newton" else fista_loop
    return fista_solve(problem, penalty, w, b, tol=tol, max_iter=max_iter, inner=inner)


@dataclass(frozen=True)
class FreeFit:
    """The fit of a penalty's unpenalized features alone: where its path starts.

    Attributes
    ----------
    coef : ndarray of shape (n_features,)
        Zero on the penalized features.
    centred_intercept : float
    gradient : ndarray of shape (n_features,)
        The loss gradient ``X.T f'(z)`` there: ``penalty.alpha_max(gradient)`` is
        the top of the penalty's path.
    """

    coef: np.ndarray
    centred_intercept: float
    gradient: np.ndarray


def free_fit(problem, penalty):
    """``w = 0`` or, when ``penalty`` leaves features free, their fit alone.

    Above ``penalty.alpha_max(free_fit(...).gradient)`` every penalized coefficient
    is zero and the free ones are this fit (least squares, or an unpenalized
    logistic fit): the exact solution a path starts from (glmnet's ``lambda.max``
    with zero penalty factors).
    """
    free = penalty.unpenalized
    coef = np.zeros(problem.p)
    b = problem.b0
    if free.size:
        sub = problem.columns(free)
        free_penalty = L2(0.0)
        coef[free], b, _, _ = run(
            sub,
            free_penalty,
            resolve_solver("auto", sub, free_penalty),
            np.zeros(free.size),
            problem.b0,
            tol=1e-12,
            max_iter=None,
        )
    gradient_z = problem.loss.gradient(problem.y, problem.predict(coef, b))
    return FreeFit(coef, b, problem.X.T @ gradient_z)


@one_blas_thread
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
    penalty_factor=None,
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
    loss : {"squared", "logistic"} or a reglab.losses loss, default "squared"
        A loss object carries options, e.g. ``LogisticLoss(sample_weight=s)``.
    fit_intercept : bool, default True
    tol : float, default 1e-6
        Target for the certificate (relative duality gap or KKT residual).
    max_iter : int, optional
        Solver's iteration budget (coordinate descent: 1000 sweeps; FISTA and
        proximal Newton: 5000).
    solver : {"auto", "svd", "cd", "fista", "prox_newton", "lars"}, default "auto"
        ``"svd"``: ridge in closed form (or ``alpha = 0``: minimum-norm least
        squares); ``"cd"``: coordinate descent; ``"fista"``: accelerated proximal
        gradient; ``"prox_newton"``: proximal Newton steps solved by FISTA;
        ``"lars"``: the lasso homotopy down to ``alpha``. ``"auto"``: see
        ``resolve_solver``; ``result.solver`` says what ran.
    coef_init : array_like of shape (n_features,), optional
        Warm start (ignored by ``"svd"`` and ``"lars"``).
    intercept_init : float, optional
        Warm start for the intercept (used by FISTA and proximal Newton).
    penalty_factor : array_like of shape (n_features,), optional
        glmnet's name: a weight ``v_j >= 0`` per feature, so that
        ``P(w) = sum_j v_j (l1_ratio |w_j| + (1 - l1_ratio) / 2 w_j^2)``
        (``reglab.penalties.WeightedL1L2``; 0 leaves a feature unpenalized). Used
        as given, not rescaled to sum to ``n_features`` as glmnet does. Solved by
        ``"fista"`` (or ``"prox_newton"``), which ``"auto"`` then picks.

    Returns
    -------
    SolverResult
    """
    check_option(solver, "solver", SOLVERS)
    alpha = check_alpha(alpha)
    l1_ratio = check_l1_ratio(l1_ratio)
    tol = check_scalar(tol, "tol", low=0.0, low_inclusive=False)
    if max_iter is not None:
        max_iter = check_scalar(max_iter, "max_iter", low=1, integer=True)
    problem = Problem(X, y, loss, fit_intercept=fit_intercept)
    if penalty_factor is None:
        penalty = make_penalty(alpha, l1_ratio)
    else:
        penalty = weighted_penalty(alpha, l1_ratio, penalty_factor, problem.p)
    solver = resolve_solver(solver, problem, penalty)
    w = check_coef_init(coef_init, problem.p)
    b = problem.b0
    if intercept_init is not None:
        intercept = check_scalar(intercept_init, "intercept_init")
        b = problem.centred_intercept(w, intercept)
    w, b, n_iter, certificate = run(
        problem, penalty, solver, w, b, tol=tol, max_iter=max_iter
    )
    return result_from(
        problem,
        w,
        b,
        penalty,
        n_iter=n_iter,
        tol=tol,
        solver=solver,
        certificate=certificate,
        warn_as=f"solve (solver={solver!r})",
        max_iter=max_iter or DEFAULT_MAX_ITER[solver],
    )


def alpha_max(X, y, *, l1_ratio=1.0, loss="squared", fit_intercept=True, penalty=None):
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
    penalty : reglab.penalties penalty, optional
        Any penalty instead of the elastic net of ``l1_ratio``: its own
        ``penalty.alpha_max`` of the gradient at zero or, when it leaves features
        unpenalized, at their fit alone (``free_fit``): where
        ``regularization_path(X, y, penalty=penalty)`` starts.

    Returns
    -------
    float
    """
    check_option(loss, "loss", LOSSES)
    l1_ratio = check_l1_ratio(l1_ratio)
    problem = Problem(X, y, loss, fit_intercept=fit_intercept)
    if penalty is not None:
        check_compatible("fista", problem.loss, penalty)  # a reglab penalty
        return float(penalty.alpha_max(free_fit(problem, penalty).gradient))
    return float(problem.alpha_max(l1_ratio))
