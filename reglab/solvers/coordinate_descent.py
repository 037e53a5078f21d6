"""Coordinate descent for the squared loss with L1, L2 and elastic-net penalties.

Objective (centred ``X`` and ``y`` when there is an intercept, see
``reglab.problem``)::

    (1 / (2 n)) ||y - X w||^2 + penalty(w)

**The textbook core** (``cd_sweep``): minimizing over one coordinate ``w_j`` with the
others fixed has a closed form, the penalty's 1-D prox::

    z_j = x_j . (y - X w + x_j w_j) / n          (the partial residual's correlation)
    w_j <- argmin_x G_jj x^2 / 2 - z_j x + P(x) = S(z_j, l1) / (G_jj + l2)

with ``G_jj = ||x_j||^2 / n``, ``S`` soft thresholding, ``l1 = alpha l1_ratio`` and
``l2 = alpha (1 - l1_ratio)``. A sweep visits every coordinate once, keeping the
residual ``r = y - X w`` up to date (changing ``w_j`` by ``delta`` changes ``r`` by
``-delta x_j``).

**Accelerations**, each a separate piece around that core (ablation rows in
``benchmarks/solvers.py``):

- **covariance updates** (``cd_sweep_gram``): with the Gram matrix ``G = X.T X / n``
  cached (along a path with ``n >= p``) the same update reads
  ``z_j = q_j + G_jj w_j`` with ``q = X.T r / n``, and changing ``w_j`` changes
  ``q`` by ``-delta G[:, j]``: O(p) per step instead of O(n);
- **working sets and the strong rule** (``working_set``): sweeps run over the nonzero
  coefficients plus the worst coordinates that violate the optimality conditions (on
  a path, the strong rule's guess ``|q_j| >= 2 l1 - l1_previous``, Tibshirani et al.
  2012), at most as many as the support (10 at least); the full gradient is only
  needed to check those conditions and the certificate;
- **exact solves on a sign pattern** (``reglab.solvers.sign_pattern``): with the signs
  fixed the problem is a linear system; solved for the warm start's pattern before
  sweeping, and again after a sweep that left the signs unchanged;
- **sign patterns followed along a path** (``follow_sign_patterns``): with the Gram
  matrix, one eigendecomposition solves a pattern at every alpha of the grid, so a
  path's head (small supports) costs one solve per change of pattern, not per alpha;
- **duality-gap stopping**: the solver stops when the certificate of
  ``reglab.problem`` is below ``tol``, never on a heuristic.

``coordinate_descent_sweeps`` steps through the textbook core, one sweep (or one
coordinate) at a time, for the course.
"""

from dataclasses import dataclass

import numpy as np

from reglab._validation import check_scalar
from reglab.penalties import L1L2
from reglab.problem import Problem, check_coef_init
from reglab.solvers.compatibility import check_compatible
from reglab.solvers.result import result_from
from reglab.solvers.sign_pattern import (
    solve_on_sign_pattern,
    solve_on_sign_pattern_along,
)
from reglab.solvers.threads import one_blas_thread

__all__ = [
    "CDStep",
    "cd_solve",
    "cd_sweep",
    "cd_sweep_gram",
    "coordinate_descent",
    "coordinate_descent_sweeps",
    "follow_sign_patterns",
    "working_set",
]

# A working set is solved to this fraction of tol before the full certificate is
# checked; with the Gram matrix its certificate is checked every few sweeps only
# (it costs two products with X_W, more than a sweep of covariance updates).
_INNER_TOL_FRACTION = 0.1
_GRAM_CHECK_EVERY = 10
# Guessed sign patterns tried per fit before sweeping alone.
_MAX_PATTERN_GUESSES = 5
# Violators a working set takes in at least (more when the support is larger).
_MIN_WORKING_SET = 10
# Supports up to this size are followed along a path's grid, one eigensolve per
# sign pattern (follow_sign_patterns); larger ones are solved alpha by alpha.
_MAX_FOLLOWED_SUPPORT = 32
# Alphas a followed pattern is first solved at (the window doubles while it holds).
_FIRST_WINDOW = 4


def cd_sweep(problem, w, residual, penalty, columns):
    """One sweep of textbook coordinate descent over ``columns`` (in place).

    ``residual`` is ``y - X w`` and is kept so.
    """
    X, n, sq_norms = problem.X, problem.n, problem.column_sq_norms
    prox_1d = penalty.prox_1d
    for j in columns:
        x_j = X[:, j]
        old = w[j]
        # z = x_j . (r + x_j w_j) / n: the correlation of the partial residual
        z = x_j @ residual / n + sq_norms[j] * old
        # w_j = argmin G_jj x^2 / 2 - z x + P(x)  (= S(z, l1) / (G_jj + l2))
        new = prox_1d(z, sq_norms[j])
        if new != old:
            residual -= (new - old) * x_j  # r = y - X w
            w[j] = new


def cd_sweep_gram(gram, q, w, sq_norms, penalty):
    """One sweep with covariance updates over all entries of ``w`` (in place).

    ``gram`` is ``G`` restricted to the swept coordinates, ``q`` is ``X.T r / n``
    there and is kept so.
    """
    prox_1d = penalty.prox_1d
    for j in range(w.size):
        old = w[j]
        z = q[j] + sq_norms[j] * old  # q_j + G_jj w_j
        new = prox_1d(z, sq_norms[j])
        if new != old:
            q -= (new - old) * gram[j]  # q = c - G w
            w[j] = new


def working_set(w, q, penalty, previous_l1, movable):
    """The support plus the worst KKT violators (on a path, the strong rule's guess).

    At most ``max(support size, _MIN_WORKING_SET)`` violators join, the largest
    ``|q_j|`` first: the set at most doubles per round, so a fit far from its
    solution (``p >> n``, most coordinates violating at ``w = 0``) sweeps a few
    dozen coordinates, not all of them.
    """
    l1 = penalty.l1_strength
    if l1 == 0:
        return np.flatnonzero(movable)
    # strong rule: |q_j| >= 2 l1 - l1_previous predicts that j enters at l1
    threshold = l1 if previous_l1 is None else min(max(2 * l1 - previous_l1, 0), l1)
    support = w != 0
    violators = np.flatnonzero(~support & (np.abs(q) > threshold) & movable)
    room = max(int(np.count_nonzero(support)), _MIN_WORKING_SET)
    if violators.size > room:
        violators = violators[np.argpartition(-np.abs(q[violators]), room)[:room]]
    # the union, sorted: a mask, not np.union1d (which sorts by hashing)
    chosen = support & movable
    chosen[violators] = True
    return np.flatnonzero(chosen)


def cd_solve(
    problem,
    penalty,
    w,
    *,
    tol,
    max_iter,
    use_gram,
    previous_l1=None,
    working_sets=True,
    exact_solves=True,
):
    """Working-set coordinate descent. Returns ``(w, n_iter, certificate)``.

    ``n_iter`` counts sweeps and exact solves on a sign pattern. ``use_gram``,
    ``working_sets`` and ``exact_solves`` switch the accelerations on or off (the
    benchmark's ablation rows); with all three off this is sweeps of ``cd_sweep``
    until the certificate is below ``tol``.
    """
    w = np.array(w, dtype=float)
    movable = problem.column_sq_norms + penalty.l2_strength > 0
    residual = None if use_gram else problem.y - problem.X @ w
    n_iter, guesses, last_pattern = 0, 0, None
    inner_tol = _INNER_TOL_FRACTION * tol
    while True:
        # with the Gram matrix the certificate comes from moments, without X
        z = None if use_gram else problem.y - residual
        certificate = problem.certificate(w, 0.0, penalty, z)
        if certificate.value <= tol or n_iter >= max_iter:
            return w, n_iter, certificate
        q = certificate.correlation  # X^T r / n
        working = (
            working_set(w, q, penalty, previous_l1, movable)
            if working_sets
            else np.flatnonzero(movable)
        )
        previous_l1 = None
        if working.size == 0:
            return w, n_iter, certificate  # nothing can move: w is optimal

        # guess the sign pattern (the support keeps its signs, each violator enters
        # with the sign of its correlation) and solve exactly on it
        entering = (w == 0) & (np.abs(q) > penalty.l1_strength) & movable
        guess = np.flatnonzero((w != 0) | entering)
        signs = np.where(w[guess] != 0, np.sign(w[guess]), np.sign(q[guess]))
        pattern = guess.tobytes() + signs.tobytes()
        if exact_solves and guesses < _MAX_PATTERN_GUESSES and pattern != last_pattern:
            guesses += 1
            last_pattern = pattern
            exact = solve_on_sign_pattern(
                problem,
                guess,
                signs,
                penalty,
                w[guess],
                use_gram,
                gap_target=_INNER_TOL_FRACTION * tol * certificate.objective,
            )
            if exact is not None:
                n_iter += 1  # an exact solve counts as one iteration
                w[guess] = exact
                if residual is not None:
                    residual[:] = problem.y - problem.X[:, guess] @ exact
                continue
        else:
            # the last round did not certify: solve the next one tighter
            inner_tol = max(inner_tol / 10, 1e-4 * tol)
        n_iter += _sweep_working_set(
            problem,
            working,
            w,
            residual,
            penalty,
            inner_tol,
            max_iter - n_iter,
            exact_solves,
        )


def follow_sign_patterns(
    problem, alphas, l1_ratio, tol, max_support=_MAX_FOLLOWED_SUPPORT
):
    """Certified solutions along the head of a path's grid, one pattern at a time.

    An acceleration of the CD path (squared loss, Gram matrix cached): from
    ``w = 0`` at the top of the grid, the current sign pattern is solved at the
    next alphas at once (``solve_on_sign_pattern_along``, on a window that doubles
    while the pattern holds) and the leading run of alphas whose certificates are
    below ``tol`` is kept. At the first alpha that
    fails, the next pattern is guessed as feature-sign search does (the
    coefficients that kept their sign, plus the violators ``|q_j| > alpha r`` with
    the sign of their correlation); if the guess fails there too, that alpha is
    solved by ``cd_solve`` (1000 iterations at most) and its support is the next
    pattern. Stops at a support larger than ``max_support`` (the eigensolve costs
    ``|S|^3``), or where that ``cd_solve`` stops above ``tol``; the caller solves
    the rest alpha by alpha.

    Returns ``(coefs, gaps, n_iters)``; rows not reached have ``gaps = inf``.
    """
    m, p = alphas.size, problem.p
    coefs, gaps, n_iters = np.zeros((m, p)), np.full(m, np.inf), np.zeros(m, int)
    support, signs = np.zeros(0, dtype=int), np.zeros(0)
    k, guessed, window = 0, False, _FIRST_WINDOW
    while k < m and support.size <= max_support:
        # a pattern usually holds for a few alphas: solve it on a window that
        # doubles while the pattern keeps holding
        grid = alphas[k : k + window]
        penalty = L1L2.along(grid, l1_ratio)
        solved = solve_on_sign_pattern_along(problem, support, signs, grid, l1_ratio)
        if solved is None or not problem.has_gap(penalty):
            break
        rows, gram_rows = solved
        gap, objective, correlation = problem.duality_gap(
            rows, 0.0, penalty, gram_coefs=gram_rows
        )
        values = problem.relative(gap, objective)
        run = values.size if np.all(values <= tol) else int(np.argmax(values > tol))
        coefs[k : k + run] = rows[:run]
        gaps[k : k + run] = values[:run]
        n_iters[k : k + run] = np.arange(run) == 0  # one eigensolve per run
        if run == 0 and guessed:
            # the guess failed: solve this alpha by CD, and follow its pattern
            start = coefs[k - 1] if k else np.zeros(p)
            previous_l1 = alphas[k - 1] * l1_ratio if k else None
            w, n_iter, certificate = cd_solve(
                problem,
                L1L2(float(alphas[k]), l1_ratio),
                start,
                tol=tol,
                max_iter=1000,
                use_gram=True,
                previous_l1=previous_l1,
            )
            if certificate.value > tol:
                break
            coefs[k], gaps[k], n_iters[k] = w, certificate.value, n_iter
            support = np.flatnonzero(w)
            signs, guessed = np.sign(w[support]), False
            k += 1
            continue
        k += run
        window = 2 * window if run == grid.size else max(2 * run, _FIRST_WINDOW)
        if k == m or run == grid.size:
            continue
        # guess the pattern at alphas[k]: kept signs, plus the violators entering
        w, q = rows[run], correlation[run]
        kept = np.sign(w[support]) == signs
        entering = np.flatnonzero((w == 0) & (np.abs(q) > alphas[k] * l1_ratio))
        support = np.concatenate([support[kept], entering])
        signs = np.concatenate([signs[kept], np.sign(q[entering])])
        guessed = True
    return coefs, gaps, n_iters


def _sweep_working_set(
    problem, working, w, residual, penalty, tol, max_sweeps, exact_solves=True
):
    """Sweep over ``working`` until its own certificate is below ``tol``.

    After a sweep that left the signs unchanged the pattern is solved exactly.
    Updates ``w`` (and ``residual``) in place; returns the number of sweeps.
    """
    sub = problem.columns(working)
    use_gram = residual is None
    w_w = w[working].copy()
    if use_gram:
        gram_w = sub.gram
        q_w = sub.Xty - gram_w @ w_w
    previous_signs, tried = None, set()
    sweeps = 0
    while sweeps < max_sweeps:
        sweeps += 1
        if use_gram:
            cd_sweep_gram(gram_w, q_w, w_w, sub.column_sq_norms, penalty)
        else:
            w[working] = w_w
            cd_sweep(problem, w, residual, penalty, working)
            w_w = w[working]
        signs = np.sign(w_w)
        solved = False
        stable = exact_solves and np.array_equal(signs, previous_signs)
        if stable and signs.tobytes() not in tried:
            tried.add(signs.tobytes())
            on = np.flatnonzero(signs)
            exact = solve_on_sign_pattern(
                problem, working[on], signs[on], penalty, w_w[on], use_gram
            )
            if exact is not None:
                w_w = np.zeros_like(w_w)
                w_w[on] = exact
                solved = True
                if use_gram:
                    q_w = sub.Xty - gram_w @ w_w
                else:
                    residual[:] = problem.y - sub.X @ w_w
                signs = np.sign(w_w)
        previous_signs = signs
        if use_gram and not solved and sweeps % _GRAM_CHECK_EVERY:
            continue
        if use_gram:
            # G_WW w_W = X_W.T y / n - q_W
            certificate = sub.certificate(w_w, 0.0, penalty, gram_coefs=sub.Xty - q_w)
        else:
            certificate = sub.certificate(w_w, 0.0, penalty, problem.y - residual)
        if certificate.value <= tol:
            break
    w[working] = w_w
    return sweeps


@one_blas_thread
def coordinate_descent(
    X,
    y,
    penalty,
    *,
    fit_intercept=True,
    coef_init=None,
    tol=1e-6,
    max_iter=1000,
):
    """Minimize the squared loss plus an elastic-net penalty by coordinate descent.

    Objective::

        (1 / (2 n)) ||y - X w - b||^2 + penalty.value(w)

    with ``penalty`` one of ``L1(alpha)`` (lasso), ``L2(alpha)`` (ridge) or
    ``L1L2(alpha, l1_ratio)``, i.e. ``alpha * (l1_ratio ||w||_1 +
    (1 - l1_ratio) / 2 ||w||^2)``. This is scikit-learn's ``ElasticNet(alpha,
    l1_ratio)`` objective and glmnet's with ``lambda = alpha``, ``alpha = l1_ratio``.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    penalty : L1, L2 or L1L2
    fit_intercept : bool, default True
        Fit an unpenalized intercept ``b`` (by centring ``X`` and ``y``).
    coef_init : array_like of shape (n_features,), optional
        Warm start.
    tol : float, default 1e-6
        Stop when the certificate (relative duality gap) is below ``tol``.
    max_iter : int, default 1000
        Maximum number of iterations: sweeps over the working set and exact solves
        on a sign pattern (see the module docstring) each count as one.

    Returns
    -------
    SolverResult
        ``certificate`` is the relative duality gap (``certificate_kind="duality
        gap"``); with ``alpha = 0`` (or at rounding level) there is no useful dual
        point and it is the relative KKT residual instead.

    Warns
    -----
    ConvergenceWarning
        When ``max_iter`` iterations end before the certificate reaches ``tol``.
    """
    problem = Problem(X, y, "squared", fit_intercept=fit_intercept)
    check_compatible("cd", problem.loss, penalty)
    tol = check_scalar(tol, "tol", low=0.0, low_inclusive=False)
    max_iter = check_scalar(max_iter, "max_iter", low=1, integer=True)
    w0 = check_coef_init(coef_init, problem.p)
    return cd_result(problem, penalty, w0, tol=tol, max_iter=max_iter)


def cd_result(problem, penalty, w0, *, tol, max_iter, use_gram=False):
    """``cd_solve`` as a ``SolverResult``, warning if it stopped early."""
    w, n_iter, certificate = cd_solve(
        problem, penalty, w0, tol=tol, max_iter=max_iter, use_gram=use_gram
    )
    return result_from(
        problem,
        w,
        0.0,
        penalty,
        n_iter=n_iter,
        tol=tol,
        solver="cd",
        certificate=certificate,
        warn_as="coordinate_descent",
        max_iter=max_iter,
    )


@dataclass(frozen=True)
class CDStep:
    """One step of textbook coordinate descent (see ``coordinate_descent_sweeps``).

    Attributes
    ----------
    sweep : int
        Sweep number, from 1.
    coordinate : int or None
        The coordinate just updated, or ``None`` for an end-of-sweep step.
    coef : ndarray
        A copy of the coefficients after the step.
    intercept : float
    objective : float
        The objective after the step.
    """

    sweep: int
    coordinate: int | None
    coef: np.ndarray
    intercept: float
    objective: float


def coordinate_descent_sweeps(
    X,
    y,
    penalty,
    *,
    fit_intercept=True,
    coef_init=None,
    n_sweeps=10,
    per_coordinate=False,
):
    """Step through textbook coordinate descent (``cd_sweep``), for the course.

    Same objective as :func:`coordinate_descent`; no working sets, no tricks: each
    sweep visits ``j = 0, ..., p - 1`` in order and sets::

        z   = x_j . (y - X w + x_j w_j) / n      (the partial residual's correlation)
        w_j = S(z, alpha * l1_ratio) / (||x_j||^2 / n + alpha * (1 - l1_ratio))

    Parameters
    ----------
    X, y, penalty, fit_intercept, coef_init
        As in :func:`coordinate_descent`.
    n_sweeps : int, default 10
        How many sweeps to yield.
    per_coordinate : bool, default False
        Yield after every coordinate update instead of after every sweep.

    Yields
    ------
    CDStep
        The state after each sweep (or each coordinate update).
    """
    problem = Problem(X, y, "squared", fit_intercept=fit_intercept)
    check_compatible("cd", problem.loss, penalty)
    n_sweeps = check_scalar(n_sweeps, "n_sweeps", low=1, integer=True)
    w = check_coef_init(coef_init, problem.p)
    residual = problem.y - problem.X @ w  # r = y - X w
    movable = np.flatnonzero(problem.column_sq_norms + penalty.l2_strength > 0)

    def step(sweep, coordinate):
        objective = problem.objective(w, 0.0, penalty, problem.y - residual)
        return CDStep(sweep, coordinate, w.copy(), problem.intercept(w), objective)

    for sweep in range(1, n_sweeps + 1):
        if per_coordinate:
            for j in movable:
                cd_sweep(problem, w, residual, penalty, [j])
                yield step(sweep, int(j))
        else:
            cd_sweep(problem, w, residual, penalty, movable)
            yield step(sweep, None)
