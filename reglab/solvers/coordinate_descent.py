"""Coordinate descent for the lasso, ridge and the elastic net (glmnet style).

Objective (after centring ``X`` and ``y`` when there is an intercept)::

    (1 / (2 n)) ||y - X w||^2 + l1 ||w||_1 + l2 / 2 ||w||^2,
    l1 = alpha * l1_ratio,  l2 = alpha * (1 - l1_ratio).

Minimizing over one coordinate ``w_j`` with the others fixed has a closed form::

    w_j <- S(q_j + G_jj w_j, l1) / (G_jj + l2)

where ``q = X.T (y - X w) / n`` is minus the loss gradient, ``G = X.T X / n`` and
``S`` is soft thresholding. Changing ``w_j`` by ``delta`` changes ``q`` by
``-delta * G[:, j]``: with the Gram matrix precomputed ("covariance updates", when
``n >= p``) one step costs O(p) and never touches the n samples; otherwise the residual
``r = y - X w`` is kept up to date instead ("naive updates", O(n) per step).

What makes it fast, as in glmnet:

- **active (working) set**: sweeps run only over the nonzero coefficients plus the
  coordinates that violate the optimality conditions; the full gradient is computed
  only to check those conditions and the duality gap;
- **warm starts**: along a path each problem starts from the previous solution, and the
  strong rule (Tibshirani et al., 2012) guesses the next working set;
- **exact solves on a sign pattern** (feature-sign search, Lee et al. 2007): with the
  signs ``s`` of the coefficients fixed, the problem is a linear system,
  ``(G_SS + l2 I) w_S = c_S - l1 s`` (``c = X.T y / n``). Before sweeping, the solver
  guesses the pattern (the warm start's support and signs, plus each violator with
  the sign of its correlation) and solves it; after a sweep that left the signs
  unchanged it solves again. If a coefficient of the solution has the wrong sign,
  it moves only up to the first sign change (the objective decreases along the way)
  and drops that coefficient. On a fine path grid this usually replaces every sweep;
  the cost of the factorization is weighed against the sweeps it replaces;
- **duality-gap stopping**: the solver stops when the relative duality gap is below
  ``tol`` -- a certificate, not a heuristic.

``coordinate_descent_sweeps`` is the plain textbook version, one coordinate at a
time, that the course steps through.
"""

from dataclasses import dataclass

import numpy as np

from reglab._validation import check_array, check_bool, check_scalar, check_X_y
from reglab.penalties import L1L2, Penalty
from reglab.solvers._gap import relative_gap
from reglab.solvers._linalg import cholesky_lower, cholesky_solve
from reglab.solvers._result import SolverResult, warn_not_converged

__all__ = ["CDStep", "coordinate_descent", "coordinate_descent_sweeps"]


def _check_convex_penalty(penalty, solver):
    if not isinstance(penalty, Penalty):
        raise TypeError(
            f"`penalty` must be a reglab.penalties penalty such as L1(alpha). Got "
            f"{penalty!r} of type {type(penalty).__name__} instead."
        )
    if not isinstance(penalty, L1L2):
        raise TypeError(
            f"{type(penalty).__name__} is not convex; {solver} solves only L1, L2 and "
            "L1L2. Use its prox (hard thresholding) directly for the comparison."
        )
    return penalty


class _CenteredData:
    """``X`` and ``y`` centred (when there is an intercept), with cached products.

    The Gram matrix ``G = X.T X / n`` is computed on first use and kept, so a path
    reuses it for every alpha. It costs O(n p^2) once, so it is used ("covariance
    updates") only where that pays: along a path with ``n >= p``. A single fit
    keeps the residual instead ("naive updates"), as scikit-learn's ``Lasso`` does.
    """

    def __init__(self, X, y, fit_intercept, use_gram=None):
        self.n, self.p = X.shape
        self.fit_intercept = fit_intercept
        if fit_intercept:
            self.x_mean = X.mean(axis=0)
            self.y_mean = float(y.mean())
            X = X - self.x_mean
            y = y - self.y_mean
        else:
            self.x_mean = np.zeros(self.p)
            self.y_mean = 0.0
        self.X = np.asfortranarray(X)
        self.y = y
        self.Xty = X.T @ y / self.n  # c = X^T y / n, minus the gradient at w = 0
        self.null_loss = float(y @ y / (2 * self.n))  # the loss at w = 0
        self.column_sq_norms = np.einsum("ij,ij->j", X, X) / self.n  # G_jj
        self.use_gram = self.n >= self.p if use_gram is None else use_gram
        self._gram = None

    @property
    def gram(self):
        if self._gram is None:
            self._gram = self.X.T @ self.X / self.n  # G = X^T X / n
        return self._gram

    def intercept(self, w):
        """``b = mean(y) - mean(X) . w``: the optimal intercept for given ``w``."""
        return float(self.y_mean - self.x_mean @ w) if self.fit_intercept else 0.0


def _gap_from_gradient(data, w, q, loss, l1, l2, dot_y_residual):
    """Primal value and relative duality gap from ``q = X.T r / n``.

    ``theta = s r / n`` is the dual point, with ``s = min(1, l1 / ||q||_inf)`` for the
    lasso (so that ``||X.T theta||_inf <= l1``) and ``s = 1`` when ``l2 > 0``::

        D(theta) = theta.y - n ||theta||^2 / 2 - P*(X.T theta)
                 = s r.y / n - s^2 loss - sum_j (|s q_j| - l1)_+^2 / (2 l2)
    """
    primal = loss + l1 * np.abs(w).sum() + 0.5 * l2 * (w @ w)
    if l2 > 0:
        scale = 1.0
        excess = np.maximum(np.abs(q) - l1, 0.0)
        conjugate = excess @ excess / (2 * l2)
    else:
        q_norm = np.max(np.abs(q), initial=0.0)
        scale = 1.0 if q_norm <= l1 else l1 / q_norm
        conjugate = 0.0
    dual = scale * dot_y_residual / data.n - scale**2 * loss - conjugate
    return primal, relative_gap(primal - dual, primal, data.null_loss)


def _enet_cd(data, l1, l2, w, *, tol, max_iter, previous_l1=None):
    """Working-set coordinate descent on centred data. Returns w, sweeps, primal, gap.

    The certificate is the relative duality gap, except for ``l1 = l2 = 0`` (least
    squares: no dual point) where it is the relative KKT residual
    ``||X.T r / n||_inf / ||X.T y / n||_inf``.
    """
    n = data.n
    c = data.Xty
    denominators = data.column_sq_norms + l2  # G_jj + l2
    w = np.array(w, dtype=float)
    residual = None if data.use_gram else data.y - data.X @ w
    n_sweeps = 0
    exact_attempts, last_pattern = 0, None
    while True:
        if data.use_gram:
            q = c - data.gram @ w  # q = c - G w
            loss = data.null_loss - 0.5 * (w @ c + w @ q)  # ||r||^2/(2n)
            dot_y_residual = n * (2 * data.null_loss - w @ c)  # r.y
        else:
            q = data.X.T @ residual / n
            loss = residual @ residual / (2 * n)
            dot_y_residual = residual @ data.y
        if l1 == 0 and l2 == 0:
            primal = loss
            certificate = np.max(np.abs(q)) / max(np.max(np.abs(c)), 1e-300)
        else:
            primal, certificate = _gap_from_gradient(
                data, w, q, loss, l1, l2, dot_y_residual
            )
        if certificate <= tol or n_sweeps >= max_iter:
            return w, n_sweeps, float(primal), float(certificate)

        # working set: the support, the coordinates violating |q_j| <= l1 at w_j = 0,
        # and on a path the strong rule's guess |q_j| >= 2 l1 - l1_previous
        threshold = l1 if previous_l1 is None else max(2 * l1 - previous_l1, 0.0)
        previous_l1 = None
        candidates = (w != 0) | (np.abs(q) > threshold) | (np.abs(q) > l1)
        if l1 == 0:
            candidates[:] = True
        working = np.flatnonzero(candidates & (denominators > 0))
        if working.size == 0:
            # nothing can move (every column is zero): w = 0 is optimal
            return w, n_sweeps, float(primal), 0.0

        # Guess the sign pattern -- the support keeps its signs, each violator enters
        # with the sign of its correlation -- and solve exactly on it. If the solution
        # keeps those signs it is the minimizer over that orthant, so never worse than
        # w; on a fine path grid this is often all it takes (zero sweeps).
        entering = (w == 0) & (np.abs(q) > l1)
        guess = np.flatnonzero((w != 0) | entering)
        signs = np.where(w[guess] != 0, np.sign(w[guess]), np.sign(q[guess]))
        pattern = guess.tobytes() + signs.tobytes()
        if exact_attempts < 5 and pattern != last_pattern:
            exact_attempts += 1
            last_pattern = pattern
            exact = _exact_on_support(data, guess, signs, l1, l2, w[guess])
            if exact is not None:
                n_sweeps += 1  # an exact solve counts as one iteration
                w[guess] = exact
                if residual is not None:
                    residual = data.y - data.X[:, guess] @ exact
                continue

        n_sweeps += _sweep_working_set(
            data, working, w, q, residual, l1, l2, tol, max_iter - n_sweeps
        )


def _sweep_working_set(data, working, w, q, residual, l1, l2, tol, max_sweeps):
    """Sweep coordinate descent over ``working`` (updates w, residual in place).

    Stops when the restricted problem's relative duality gap is below ``tol / 10``
    (or after an exact finish on a stable support). Returns the number of sweeps.
    """
    n = data.n
    c_w = data.Xty[working]
    w_w = w[working].copy()
    denominators = data.column_sq_norms[working] + l2
    sq_norms = data.column_sq_norms[working]
    if data.use_gram:
        gram_w = data.gram[np.ix_(working, working)]
        q_w = q[working].copy()
    else:
        X_w = data.X[:, working]
    k = working.size
    previous_signs = None
    tried_patterns = set()
    sweeps = 0
    while sweeps < max_sweeps:
        sweeps += 1
        if data.use_gram:
            for jj in range(k):
                old = w_w[jj]
                z = q_w[jj] + sq_norms[jj] * old  # q_j + G_jj w_j
                # w_j = S(z, l1) / (G_jj + l2)
                if z > l1:
                    new = (z - l1) / denominators[jj]
                elif z < -l1:
                    new = (z + l1) / denominators[jj]
                else:
                    new = 0.0
                if new != old:
                    q_w -= (new - old) * gram_w[jj]  # q -= delta G[:, j]
                    w_w[jj] = new
        else:
            for jj in range(k):
                column = X_w[:, jj]
                old = w_w[jj]
                z = column @ residual / n + sq_norms[jj] * old
                if z > l1:
                    new = (z - l1) / denominators[jj]
                elif z < -l1:
                    new = (z + l1) / denominators[jj]
                else:
                    new = 0.0
                if new != old:
                    residual -= (new - old) * column  # r -= delta x_j
                    w_w[jj] = new

        signs = np.sign(w_w)
        pattern = signs.tobytes()
        if (
            previous_signs is not None
            and np.array_equal(signs, previous_signs)
            and pattern not in tried_patterns
        ):
            tried_patterns.add(pattern)
            on_support = np.flatnonzero(signs)
            exact = _exact_on_support(
                data, working[on_support], signs[on_support], l1, l2, w_w[on_support]
            )
            if exact is not None:
                w_w = np.zeros_like(w_w)
                w_w[on_support] = exact
                if data.use_gram:
                    q_w = c_w - gram_w @ w_w
                else:
                    residual[:] = data.y - X_w @ w_w
                signs = np.sign(w_w)
        previous_signs = signs

        # restricted duality gap (the same formulas, on the working columns only)
        if data.use_gram:
            loss = data.null_loss - 0.5 * (w_w @ c_w + w_w @ q_w)
            dot_y_residual = n * (2 * data.null_loss - w_w @ c_w)
        else:
            q_w = X_w.T @ residual / n
            loss = residual @ residual / (2 * n)
            dot_y_residual = residual @ data.y
        if l1 == 0 and l2 == 0:
            done = np.max(np.abs(q_w)) <= tol / 10 * np.max(np.abs(data.Xty))
        else:
            _, gap = _gap_from_gradient(data, w_w, q_w, loss, l1, l2, dot_y_residual)
            done = gap <= tol / 10
        if done:
            break
    w[working] = w_w
    return sweeps


def _exact_on_support(data, support, signs, l1, l2, current):
    """Minimize exactly over the sign pattern ``signs`` on ``support`` (feature-sign).

    On the orthant ``{sign(w_S) = s, w = 0 off S}`` the objective is a quadratic
    whose minimizer solves ``(G_SS + l2 I) w_S = c_S - l1 s``. If that solution keeps
    the signs s, it is the minimizer over the orthant. If not, move from ``current``
    towards it only until the first coefficient reaches zero (the objective decreases
    all along that segment), drop that coefficient and solve again on the smaller
    support (Lee et al., 2007, "feature-sign search").

    Returns the new ``w_S`` (never worse than ``current``), or ``None`` when the
    factorization is not worth it or the system is (nearly) singular.
    """
    if support.size == 0 or (l1 == 0 and l2 == 0):
        return None
    k = support.size
    # worth it only if cheaper than the ~30 sweeps it replaces: a factorization
    # costs k^3 / 3 (+ n k^2 to form X_S^T X_S without the Gram matrix), a sweep
    # about 2 n k (or p k) flops plus a few microseconds of Python per coordinate
    factor_cost = k**3 / 3 + (0 if data.use_gram else data.n * k**2)
    sweep_cost = k * ((data.p if data.use_gram else 2 * data.n) + 4000)
    if factor_cost > 30 * sweep_cost:
        return None
    if data.use_gram:
        gram_ss = data.gram[np.ix_(support, support)]
    else:
        X_s = data.X[:, support]
        gram_ss = X_s.T @ X_s / data.n
    system = gram_ss  # a fresh copy: add l2 to its diagonal in place
    system.flat[:: k + 1] += l2  # G_SS + l2 I
    rhs = data.Xty[support] - l1 * signs  # c_S - l1 s
    point = np.array(current, dtype=float)
    keep = np.ones(k, dtype=bool)
    improved = False
    for _ in range(k):
        kept = np.flatnonzero(keep)
        # w_S = (G_SS + l2 I)^{-1} (c_S - l1 s)
        solution = _solve_on(system, rhs, keep, point)
        if solution is None:
            break
        wrong = np.sign(solution) != signs[kept]
        if not wrong.any():
            point[:] = 0.0
            point[kept] = solution
            return point
        # walk from the current point to the solution until the first sign change
        start = point[kept]
        with np.errstate(divide="ignore", invalid="ignore"):
            # start + t (solution - start) = 0  at  t = start / (start - solution)
            t = np.where(wrong, start / (start - solution), np.inf)
        t_first = float(np.clip(np.min(t), 0.0, 1.0))
        point[kept] = start + t_first * (solution - start)
        first = kept[wrong & (t <= t_first)]
        point[first] = 0.0
        keep[first] = False
        improved = True
        if not keep.any():
            break
    return point if improved else None


def _solve_on(system, rhs, keep, start):
    """Solve the rows/columns ``keep`` of ``system x = rhs``; None if singular.

    Large systems: conjugate gradients from ``start`` (the warm start is close, and
    ``k^2`` per iteration beats the ``k^3 / 3`` of a factorization), falling back to
    Cholesky when CG has not converged after 100 iterations. Small ones: Cholesky.
    """
    kept = np.flatnonzero(keep)
    if kept.size >= 64:
        mask = keep.astype(float)
        x = start * mask
        # CG on the principal submatrix: zero the dropped rows and columns
        residual = (rhs - system @ x) * mask
        direction = residual.copy()
        rs = residual @ residual
        target = 1e-16 * (rhs[kept] @ rhs[kept])  # relative residual 1e-8
        for _ in range(100):
            if rs <= target:
                return x[kept]
            product = (system @ direction) * mask
            step = rs / (direction @ product)
            x += step * direction
            residual -= step * product
            rs, rs_old = residual @ residual, rs
            direction = residual + (rs / rs_old) * direction
    sub_system = system[np.ix_(kept, kept)]
    factor = cholesky_lower(sub_system)
    # reject a (nearly) singular system, such as two copies of one column: its
    # solution would be dominated by rounding
    if (
        factor is None
        or np.diag(factor).min() ** 2 <= 1e-10 * sub_system.diagonal().max()
    ):
        return None
    solution = cholesky_solve(factor, rhs[kept])
    return solution if np.all(np.isfinite(solution)) else None


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
        Stop when the relative duality gap ``gap / primal`` is below ``tol``.
    max_iter : int, default 1000
        Maximum number of iterations: sweeps over the working set and exact solves
        on a sign pattern (see the module docstring) each count as one.

    Returns
    -------
    SolverResult
        ``certificate`` is the relative duality gap (``certificate_kind="duality
        gap"``); with ``alpha = 0`` there is no dual point and it is the relative KKT
        residual ``||X.T r / n||_inf / ||X.T y / n||_inf`` instead.

    Warns
    -----
    ConvergenceWarning
        When ``max_iter`` sweeps end before the certificate reaches ``tol``.
    """
    X, y = check_X_y(X, y)
    penalty = _check_convex_penalty(penalty, "coordinate_descent")
    tol = check_scalar(tol, "tol", low=0.0, low_inclusive=False)
    max_iter = check_scalar(max_iter, "max_iter", low=1, integer=True)
    data = _CenteredData(
        X, y, check_bool(fit_intercept, "fit_intercept"), use_gram=False
    )
    w0 = _check_coef_init(coef_init, data.p)
    return _result_from_cd(
        data, penalty.l1_strength, penalty.l2_strength, w0, tol, max_iter
    )


def _check_coef_init(coef_init, p):
    if coef_init is None:
        return np.zeros(p)
    w0 = check_array(coef_init, "coef_init", ndim=1)
    if w0.shape[0] != p:
        raise ValueError(
            f"`coef_init` must have one entry per feature ({p}). Got {w0.shape[0]} "
            "instead."
        )
    return w0


def _result_from_cd(data, l1, l2, w0, tol, max_iter, previous_l1=None, warn=True):
    w, n_sweeps, primal, certificate = _enet_cd(
        data, l1, l2, w0, tol=tol, max_iter=max_iter, previous_l1=previous_l1
    )
    kind = "kkt residual" if l1 == 0 and l2 == 0 else "duality gap"
    converged = certificate <= tol
    if not converged and warn:
        warn_not_converged("coordinate_descent", certificate, kind, tol, max_iter)
    return SolverResult(
        coef=w,
        intercept=data.intercept(w),
        n_iter=n_sweeps,
        objective=primal,
        certificate=certificate,
        certificate_kind=kind,
        converged=converged,
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
    """Step through textbook coordinate descent, for the course.

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

    Examples
    --------
    >>> from reglab.penalties import L1
    >>> steps = list(coordinate_descent_sweeps(X, y, L1(0.1), n_sweeps=5))
    ... # doctest: +SKIP
    """
    X, y = check_X_y(X, y)
    penalty = _check_convex_penalty(penalty, "coordinate_descent_sweeps")
    n_sweeps = check_scalar(n_sweeps, "n_sweeps", low=1, integer=True)
    data = _CenteredData(X, y, check_bool(fit_intercept, "fit_intercept"))
    l1, l2 = penalty.l1_strength, penalty.l2_strength
    w = _check_coef_init(coef_init, data.p).copy()
    residual = data.y - data.X @ w  # r = y - X w

    def step(sweep, coordinate):
        objective = residual @ residual / (2 * data.n) + penalty.value(w)
        return CDStep(sweep, coordinate, w.copy(), data.intercept(w), float(objective))

    for sweep in range(1, n_sweeps + 1):
        for j in range(data.p):
            column = data.X[:, j]
            if data.column_sq_norms[j] + l2 == 0:
                continue  # an all-zero column with no ridge part: w_j stays 0
            z = column @ residual / data.n + data.column_sq_norms[j] * w[j]
            new = float(soft(z, l1)) / (data.column_sq_norms[j] + l2)
            residual -= (new - w[j]) * column  # keep r = y - X w
            w[j] = new
            if per_coordinate:
                yield step(sweep, j)
        if not per_coordinate:
            yield step(sweep, None)


def soft(z, threshold):
    """Scalar soft thresholding ``sign(z) max(|z| - threshold, 0)``."""
    return np.sign(z) * max(abs(z) - threshold, 0.0)
