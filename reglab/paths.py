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

- ridge (``l1_ratio = 0``, squared loss): every alpha in closed form from one
  factorization (``RidgeSVD.coef_path``: for ``n >= p`` the tridiagonal reduction
  of the Gram matrix, else one SVD);
- lasso (``l1_ratio = 1``, squared loss): the exact LARS homotopy, read off at the
  grid (it was the faster engine at every shape of ``benchmarks/solvers.py``), or,
  when it would pass more knots than the grid has alphas, the same exact solutions
  found at each alpha by active-set solves (``lasso_at_alphas``); every
  grid point is then checked with its duality gap and, if needed, finished by
  coordinate descent (``solver="cd"`` uses coordinate descent throughout);
- elastic net: coordinate descent with warm starts, the strong rule, the Gram matrix
  computed once when ``n >= p``, and exact solves on a guessed sign pattern; with
  the Gram matrix the grid's head is solved one sign pattern at a time
  (``follow_sign_patterns``), many alphas per solve;
- logistic loss: proximal Newton steps inside FISTA's working sets
  (``solver="prox_newton"``; ``"fista"`` runs plain FISTA steps);
- any other penalty (``penalty=WeightedL1(...)``, ``GroupL1``, ``MCP``): its alpha
  is replaced along the grid and FISTA (proximal Newton for a convex one with the
  logistic loss) runs on its prox.

Every engine is chosen by ``reglab.solvers.dispatch.resolve_solver`` and every
iterative fit runs through ``reglab.solvers.dispatch.run``, warm-started from the
previous alpha; ``path.solver`` says what ran.
"""

from dataclasses import dataclass

import numpy as np

from reglab._validation import (
    check_array,
    check_l1_ratio,
    check_option,
    check_scalar,
    check_X_y,
)
from reglab.penalties import L1L2, Penalty
from reglab.problem import LOSSES, Problem
from reglab.solvers.coordinate_descent import follow_sign_patterns
from reglab.solvers.dispatch import (
    SOLVERS,
    free_fit,
    make_penalty,
    resolve_solver,
    run,
)
from reglab.solvers.lars import lars_homotopy, lasso_at_alphas
from reglab.solvers.result import warn_not_converged
from reglab.solvers.ridge import RidgeSVD
from reglab.solvers.threads import one_blas_thread

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
        FISTA iterations; LARS steps since the previous grid point, or the
        active-set solves of ``lasso_at_alphas`` at this one; 0 for closed-form
        ridge).
    certificate_kinds : ndarray of str, shape (n_alphas,)
        ``"duality gap"``, or ``"kkt residual"`` at ``alpha = 0`` (and alphas at
        rounding level).
    solver : str
        What ran (``"svd"``, ``"lars"``, ``"cd"``, ``"fista"``, ``"prox_newton"``);
        ``"lars"`` is the exact lasso, by the homotopy or ``lasso_at_alphas``.
    l1_ratio : float or None
        ``None`` for a penalty without one (``GroupL1``, ``MCP``; ``WeightedL1``
        has 1).
    loss : str
        ``"squared"`` or ``"logistic"``.
    classes : ndarray or None
        For the logistic loss, the two labels; ``classes[1]`` is coded +1.
    penalty : Penalty or None
        The penalty passed to ``regularization_path`` (at the grid's first alpha),
        ``None`` for the elastic net given by ``l1_ratio``.
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
    certificate_kinds: np.ndarray | None = None
    solver: str = ""
    penalty: Penalty | None = None

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


@one_blas_thread
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
    penalty=None,
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
    penalty : reglab.penalties penalty, optional
        Any penalty instead of the elastic net of ``l1_ratio`` (which must then be
        left at its default): ``WeightedL1``, ``WeightedL1L2``, ``GroupL1``,
        ``MCP``... Its ``alpha`` is replaced by each alpha of the grid
        (``penalty.with_alpha``), and the default grid starts at
        ``penalty.alpha_max(gradient)``, the gradient taken at zero or, when the
        penalty leaves features unpenalized, at the fit of those features alone
        (glmnet's ``lambda.max`` with zero penalty factors).

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
    classes = None
    if loss == "logistic":
        # the labels first; for the squared loss Problem checks X and y (once)
        X, y = check_X_y(X, y, classification=True)
        classes = np.unique(y)
        y = np.where(y == classes[1], 1.0, -1.0)  # the two labels as -1 / +1
    problem = Problem(X, y, loss, fit_intercept=fit_intercept)
    penalty, l1_ratio = _check_penalty(penalty, l1_ratio)
    start = None if penalty is None else free_fit(problem, penalty)

    if alphas is None:
        top = (
            problem.alpha_max(l1_ratio)
            if penalty is None
            else penalty.alpha_max(start.gradient)
        )
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
    # one check for the whole grid, on its first (largest) alpha's penalty
    first = _penalty_at(float(alphas[0]), l1_ratio, penalty)
    solver = resolve_solver(solver, problem, first, path=True)
    gaps = None
    if solver == "svd":
        coefs, n_iters = RidgeSVD.from_problem(problem).coef_path(alphas), None
    elif solver == "lars":
        coefs, n_iters = _lars_at_grid(problem, alphas)
    elif solver == "cd" and problem.n >= problem.p:
        # the head of the grid (small supports) one sign pattern at a time
        coefs, gaps, n_iters = follow_sign_patterns(problem, alphas, l1_ratio, tol)
    else:
        coefs, n_iters = None, None
    return _solve_along(
        problem,
        alphas,
        l1_ratio,
        solver,
        coefs,
        gaps,
        n_iters,
        tol,
        max_iter,
        classes,
        penalty,
        start,
    )


def _check_penalty(penalty, l1_ratio):
    """``(penalty, l1_ratio)``: an elastic-net penalty becomes its ``l1_ratio``."""
    if penalty is None:
        return None, l1_ratio
    if not isinstance(penalty, Penalty):
        raise TypeError(
            "`penalty` must be a reglab.penalties penalty such as WeightedL1(1.0, "
            f"weights). Got {penalty!r} of type {type(penalty).__name__} instead."
        )
    if l1_ratio != 1.0:
        raise ValueError(
            "`l1_ratio` must be left at its default when a `penalty` is given (the "
            f"penalty says what it is). Got l1_ratio={l1_ratio!r} with {penalty!r}."
        )
    if isinstance(penalty, L1L2):
        return None, penalty.l1_ratio
    return penalty, penalty.l1_ratio


def _penalty_at(alpha, l1_ratio, penalty):
    """The penalty at one alpha of the grid."""
    if penalty is None:
        return make_penalty(alpha, l1_ratio)
    return penalty.with_alpha(alpha)


def _lars_at_grid(problem, alphas):
    """The exact lasso at the grid: by active-set solves when the homotopy would
    pass more knots than the grid has alphas, else read off the homotopy (above
    where it stopped, if early).

    The homotopy takes at least about ``min(n, p)`` knots (0.96 to 1.6 times that on
    the shapes of ``benchmarks/solvers.py``), ``lasso_at_alphas`` 1.2 to 2.7 solves
    per alpha, and a knot and a solve cost about the same.
    """
    if min(problem.n, problem.p) > alphas.size:
        found = lasso_at_alphas(problem, alphas)
        if found is not None:
            return found
    lars = lars_homotopy(problem, float(alphas[-1]))
    reached = alphas >= lars.alphas[-1]
    coefs = np.zeros((alphas.size, problem.p))
    coefs[reached] = lars.coefs_at(alphas[reached])[0]
    coefs[~reached] = lars.coefs[-1]
    # LARS steps taken between consecutive grid points
    n_steps = np.diff(np.concatenate([[0], lars.steps_to(alphas) + 1]))
    return coefs, np.maximum(n_steps, 0)


def _extrapolate(before, last, alphas):
    """The next warm start, linear in alpha through the last two solutions.

    Only the support of ``last`` moves, and a coefficient that would cross zero
    stops at zero (it is about to leave).
    """
    ratio = (alphas[2] - alphas[1]) / (alphas[1] - alphas[0])
    guess = np.where(last != 0, last + ratio * (last - before), 0.0)
    return np.where(np.sign(guess) == np.sign(last), guess, 0.0)


def _solve_along(
    problem,
    alphas,
    l1_ratio,
    solver,
    coefs,
    gaps,
    n_iters,
    tol,
    max_iter,
    classes,
    penalty=None,
    free_start=None,
):
    """Certify every grid point; solve (warm-started) those not yet certified.

    The closed form (``coefs`` given by ``"svd"``) and LARS's knots are certified
    in one vectorised pass (``gaps`` given: already certified, as by
    ``follow_sign_patterns``); any point above ``tol`` -- or every point, for the
    iterative solvers -- is solved by ``run``, starting from the previous solution
    (from LARS's point there, for LARS).
    """
    n_alphas = alphas.size
    intercepts = np.zeros(n_alphas)
    kinds = np.array(["duality gap"] * n_alphas, dtype=object)
    iterative = solver not in ("svd", "lars")
    if coefs is None:
        coefs = np.zeros((n_alphas, problem.p))
    if gaps is None and not iterative:
        gaps, kinds = problem.certificates(coefs, 0.0, alphas, l1_ratio)
    elif gaps is None:
        gaps = np.full(n_alphas, np.inf)
    n_iters = np.zeros(n_alphas, dtype=int) if n_iters is None else n_iters
    finish = solver if iterative else "cd"
    for k in np.flatnonzero(gaps > tol):
        penalty_k = _penalty_at(float(alphas[k]), l1_ratio, penalty)
        if not iterative:
            start, b, previous_l1 = coefs[k], 0.0, None
        elif k == 0:
            start, b, previous_l1 = np.zeros(problem.p), problem.b0, None
            if free_start is not None:  # a penalty's free features: their fit alone
                start, b = free_start.coef.copy(), free_start.centred_intercept
        else:
            start, b = coefs[k - 1], intercepts[k - 1]
            previous_l1 = float(alphas[k - 1]) * l1_ratio if finish == "cd" else None
            if finish == "cd" and k >= 2:
                start = _extrapolate(coefs[k - 2], start, alphas[k - 2 : k + 1])
        w, b, steps, certificate = run(
            problem,
            penalty_k,
            finish,
            start,
            b,
            tol=tol,
            max_iter=max_iter,
            previous_l1=previous_l1 if finish == "cd" else None,
        )
        coefs[k], intercepts[k], gaps[k] = w, b, certificate.value
        kinds[k] = certificate.kind
        n_iters[k] += steps
    stopped = gaps > tol
    if stopped.any():
        worst = int(np.argmax(np.where(stopped, gaps, -np.inf)))
        warn_not_converged(
            f"regularization_path (solver={solver!r}; at {int(stopped.sum())} of "
            f"{n_alphas} alphas, the largest {alphas[stopped].max():.3g})",
            float(gaps[worst]),
            kinds[worst],
            tol,
            max_iter or "the default",
        )
    return RegularizationPath(
        alphas=alphas,
        coefs=coefs,
        intercepts=problem.intercept(coefs, intercepts),
        gaps=gaps,
        n_nonzero=np.count_nonzero(coefs, axis=1),
        n_iters=n_iters,
        l1_ratio=l1_ratio,
        loss=problem.loss.name,
        classes=classes,
        certificate_kinds=kinds,
        solver=solver,
        penalty=None if penalty is None else penalty.with_alpha(float(alphas[0])),
    )
