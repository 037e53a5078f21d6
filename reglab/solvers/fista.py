"""Proximal gradient descent with FISTA acceleration: reglab's general engine.

``fista`` minimizes, over the coefficients ``w`` and an unpenalized intercept ``b``,

    F(w, b) = loss(y, X w + b) + penalty(w)

for any loss from ``reglab.losses`` and any penalty from ``reglab.penalties`` that has
a proximal operator (soft thresholding for L1, scaling for L2, hard thresholding for
the non-convex L0).

**The textbook core** (``fista_iterations``, Beck and Teboulle 2009): a gradient step
on the smooth loss, then the penalty's prox, taken at an extrapolated point ``v``::

    x+ = prox_{step P}(v - step grad f(v))                 (ISTA when v = x)
    t+ = (1 + sqrt(1 + 4 t^2)) / 2,   v = x+ + (t - 1) / t+ (x+ - x)

with ``step = 1 / L``, ``L`` the loss's Lipschitz constant on ``[X, 1]`` (the
intercept is one more smooth coordinate, with no prox), and the adaptive restart of
O'Donoghue and Candes (2015): when the momentum points uphill
(``<v - x+, x+ - x> > 0``) it is reset, which gives linear convergence on strongly
convex problems. The non-convex L0 runs without momentum (iterative hard
thresholding), which keeps every step a descent step.

**Acceleration** (``solve_with_working_sets``): for penalties with an L1 part the
problem is solved on a small set of features (the support plus the worst KKT
violators), the full certificate is checked, and the set grows until it is below
``tol``. Most columns of ``X`` are then never touched inside the loop, and the step
uses the (much larger) ``1/L`` of the set. ``reglab.solvers.proximal_newton`` puts
a second acceleration, Newton's quadratic models, inside the same working sets.

The certificate is ``reglab.problem``'s: the relative duality gap for the convex
penalties, the relative KKT residual for L0 (whose fixed points need not be global
minima) and at ``alpha = 0``.
"""

import numpy as np

from reglab._validation import check_bool, check_scalar
from reglab.losses import LogisticLoss, SquaredLoss
from reglab.penalties import L1L2
from reglab.problem import Problem, check_coef_init
from reglab.solvers.compatibility import check_compatible
from reglab.solvers.result import result_from
from reglab.solvers.threads import one_blas_thread

__all__ = [
    "fista",
    "fista_iterations",
    "fista_solve",
    "solve_with_working_sets",
]

# How often (in iterations) the certificate is evaluated: it costs about two
# iterations' worth of work, so checking every iteration would double the run time.
_CHECK_EVERY = 10
# Smallest working set, and how fast it grows when the full gap is still above tol.
_MIN_WORKING_SET = 10
_GROWTH = 2
# A working-set subproblem is solved to this fraction of the current full gap.
_INNER_TOL_FRACTION = 0.3


def fista_iterations(gradient, prox, x, step, max_iter, stop, momentum=True):
    """FISTA with adaptive restart on a vector ``x`` (ISTA with ``momentum=False``).

    ``gradient(v)`` is the smooth part's gradient, ``prox(v, step)`` the penalty's
    prox; ``stop(x+, v, n_iter)`` is asked after every iteration (``|x+ - v| / step``
    is the gradient mapping at ``v``). Returns ``(x, n_iter)``.
    """
    v, t = x, 1.0
    n_iter = 0
    while n_iter < max_iter:
        n_iter += 1
        # x+ = prox_{step P}(v - step grad f(v))
        x_next = prox(v - step * gradient(v), step)
        dx = x_next - x
        done = stop(x_next, v, n_iter)
        if momentum and (v - x_next) @ dx <= 0:
            # t+ = (1 + sqrt(1 + 4 t^2)) / 2;  v = x+ + (t - 1) / t+ (x+ - x)
            t_next = 0.5 * (1.0 + np.sqrt(1.0 + 4.0 * t * t))
            v = x_next + (t - 1.0) / t_next * dx
            t = t_next
        else:
            # restart: the momentum points uphill (or there is none: ISTA)
            t, v = 1.0, x_next
        x = x_next
        if done:
            break
    return x, n_iter


def lipschitz(problem):
    """``loss.lipschitz([X, 1])``: the intercept is one more smooth coordinate."""
    X = problem.X
    if problem.fit_intercept:
        X = np.column_stack([X, np.ones(problem.n)])
    if X.shape[1] == 0:
        return 1.0  # nothing to optimize: any step will do
    return max(problem.loss.lipschitz(X), np.finfo(float).tiny)


def fista_loop(problem, penalty, w, b, tol, max_iter):
    """The core on one problem. Returns ``(w, b, n_iter, certificate)``.

    The variables are ``x = (w, b)`` (``b`` only with an intercept).
    """
    p, loss, X, y = problem.p, problem.loss, problem.X, problem.y
    intercept = problem.fit_intercept

    def gradient(x):
        # d/dw = X^T f'(X w + b),  d/db = sum f'(X w + b)
        gradient_z = loss.gradient(y, X @ x[:p] + (x[p] if intercept else 0.0))
        g = X.T @ gradient_z
        return np.append(g, gradient_z.sum()) if intercept else g

    def prox(x, step):
        w_next = penalty.prox(x[:p], step)  # b is unpenalized: no prox
        return np.append(w_next, x[p]) if intercept else w_next

    reached = [None]

    def stop(x, v, n_iter):
        if n_iter % _CHECK_EVERY and n_iter != max_iter:
            return False
        reached[0] = problem.certificate(x[:p], x[p] if intercept else 0.0, penalty)
        return reached[0].value <= tol

    x0 = np.append(w, b) if intercept else np.array(w, dtype=float)
    x, n_iter = fista_iterations(
        gradient,
        prox,
        x0,
        1.0 / lipschitz(problem),
        max_iter,
        stop,
        momentum=penalty.is_convex,
    )
    w, b = x[:p], (float(x[p]) if intercept else 0.0)
    certificate = reached[0] or problem.certificate(w, b, penalty)
    return w, b, n_iter, certificate


def solve_with_working_sets(problem, penalty, w, b, tol, max_iter, inner):
    """Solve on growing sets of features until the full certificate is <= tol.

    ``inner(sub_problem, penalty, w, b, tol, max_iter)`` solves one set, returning
    ``(w, b, n_iter, certificate)``.
    """
    n_features = problem.p
    size_limit = _MIN_WORKING_SET
    n_iter = 0
    while True:
        certificate = problem.certificate(w, b, penalty)
        if certificate.value <= tol or n_iter >= max_iter:
            return w, b, n_iter, certificate
        # KKT violation of each feature: distance of -grad_j to alpha dP(w_j)
        violation = penalty.subdiff_distance(w, -certificate.correlation)
        support = w != 0
        violation[support] = np.inf  # the support always stays in the set
        n_candidates = int(np.count_nonzero(violation > 0))
        size_limit = min(n_features, max(size_limit, _GROWTH * int(support.sum())))
        size = min(size_limit, n_candidates)
        if size == 0 and not problem.fit_intercept:
            return w, b, n_iter, certificate  # only rounding is left in the gap
        working = np.sort(np.argpartition(-violation, size - 1)[:size])
        if size == n_candidates:
            # every violator is in the set: solve it to the end (to tol / 2, so that
            # features left out have a margin to enter without a second round)
            inner_tol = 0.5 * tol
        else:
            # more features may enter: a rough solve tells which
            inner_tol = max(_INNER_TOL_FRACTION * certificate.value, 0.5 * tol)
        w_set, b, inner_iter, _ = inner(
            problem.columns(working),
            penalty,
            w[working],
            b,
            inner_tol,
            max_iter - n_iter,
        )
        w = np.zeros(n_features)
        w[working] = w_set
        # a round whose set was already solved (inner_iter = 0) still counts, so that
        # a gap the set cannot close (rounding) ends at max_iter, not in a loop
        n_iter += max(inner_iter, 1)
        size_limit = min(n_features, _GROWTH * size_limit)


def fista_solve(
    problem, penalty, w, b, *, tol, max_iter, inner=fista_loop, working_sets=True
):
    """Working sets for penalties with an L1 part, the core alone otherwise.

    ``inner`` is the core (``fista_loop``) or ``proximal_newton.newton_loop``;
    ``working_sets=False`` runs it on all features (the benchmark's ablation).
    """
    w = np.array(w, dtype=float)  # a copy: the caller's warm start is not touched
    b = float(b) if problem.fit_intercept else 0.0
    # working sets solve on a subset of columns with the same penalty: the elastic
    # net only (per-feature weights and groups are not restricted to a subset)
    sparse = isinstance(penalty, L1L2) and penalty.l1_ratio > 0
    if working_sets and sparse and problem.has_gap(penalty):
        return solve_with_working_sets(problem, penalty, w, b, tol, max_iter, inner)
    if penalty.is_convex and problem.has_gap(penalty):
        return inner(problem, penalty, w, b, tol, max_iter)
    return fista_loop(problem, penalty, w, b, tol, max_iter)


def check_solver_call(
    X, y, loss, penalty, solver, fit_intercept, coef_init, intercept_init, tol, max_iter
):
    """The checks ``fista`` and ``proximal_newton`` share; returns the problem."""
    if not isinstance(loss, (SquaredLoss, LogisticLoss)):
        raise TypeError(
            "`loss` must be a reglab.losses loss (SquaredLoss() or LogisticLoss()). "
            f"Got {loss!r} of type {type(loss).__name__} instead."
        )
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    problem = Problem(X, y, loss, fit_intercept=fit_intercept)
    check_compatible(solver, loss, penalty)
    tol = check_scalar(tol, "tol", low=0.0, low_inclusive=False)
    max_iter = check_scalar(max_iter, "max_iter", low=1, integer=True)
    w = check_coef_init(coef_init, problem.p)
    b = check_scalar(intercept_init, "intercept_init") if fit_intercept else 0.0
    return problem, w, problem.centred_intercept(w, b), tol, max_iter


@one_blas_thread
def fista(
    X,
    y,
    loss,
    penalty,
    *,
    fit_intercept=True,
    coef_init=None,
    intercept_init=0.0,
    tol=1e-6,
    max_iter=5000,
):
    """Minimize ``loss(y, X w + b) + penalty(w)`` by accelerated proximal gradient.

    The objective (``n`` samples; the intercept ``b`` is never penalized)::

        squared:  (1 / (2 n)) ||y - X w - b||^2       + alpha * P(w)
        logistic: (1 / n) sum log(1 + exp(-y_i z_i))  + alpha * P(w),  z = X w + b
        P(w) = l1_ratio * ||w||_1 + (1 - l1_ratio) / 2 * ||w||_2^2

    This is scikit-learn's ``Lasso``/``ElasticNet`` objective for the squared loss,
    and ``LogisticRegression(C=1 / (n * alpha))`` for the logistic loss with an L2 or
    L1 penalty.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
        Targets; for ``LogisticLoss`` the labels as floats in {-1, +1}.
    loss : SquaredLoss or LogisticLoss
    penalty : L1, L2, L1L2 or L0
        Carries its strength ``alpha``.
    fit_intercept : bool, default True
        Fit an unpenalized intercept ``b`` (else ``b = 0``).
    coef_init : array_like of shape (n_features,), optional
        Starting coefficients (a warm start); zeros by default.
    intercept_init : float, default 0.0
        Starting intercept (ignored when ``fit_intercept=False``).
    tol : float, default 1e-6
        Stop when the certificate (``reglab.problem``) is ``<= tol``.
    max_iter : int, default 5000
        Maximum number of proximal gradient iterations, summed over working sets.

    Returns
    -------
    SolverResult

    Warns
    -----
    ConvergenceWarning
        When ``max_iter`` iterations end with the certificate still above ``tol``.

    Examples
    --------
    >>> import numpy as np
    >>> from reglab.losses import SquaredLoss
    >>> from reglab.penalties import L1
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((50, 10))
    >>> y = X[:, 0] - 2 * X[:, 1] + 0.1 * rng.standard_normal(50)
    >>> result = fista(X, y, SquaredLoss(), L1(0.1))
    >>> result.converged, int(np.count_nonzero(result.coef))
    (True, 2)
    """
    problem, w, b, tol, max_iter = check_solver_call(
        X,
        y,
        loss,
        penalty,
        "fista",
        fit_intercept,
        coef_init,
        intercept_init,
        tol,
        max_iter,
    )
    return solver_result(problem, penalty, w, b, tol, max_iter, "fista", fista_loop)


def solver_result(problem, penalty, w, b, tol, max_iter, name, inner):
    """Run ``fista_solve`` with ``inner`` and wrap it, warning if it stopped early."""
    w, b, n_iter, certificate = fista_solve(
        problem, penalty, w, b, tol=tol, max_iter=max_iter, inner=inner
    )
    return result_from(
        problem,
        w,
        b,
        penalty,
        n_iter=n_iter,
        tol=tol,
        solver=name,
        certificate=certificate,
        warn_as=name,
        max_iter=max_iter,
    )
