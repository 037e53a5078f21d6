"""Proximal gradient descent with FISTA acceleration: reglab's general engine.

``fista`` minimizes, over the coefficients ``w`` and an unpenalized intercept ``b``,

    F(w, b) = loss(y, X w + b) + penalty(w)

    squared loss:  (1 / (2 n)) ||y - X w - b||^2
    logistic loss: (1 / n) sum log(1 + exp(-y_i (x_i w + b))),   y_i in {-1, +1}
    penalty:       alpha * (l1_ratio ||w||_1 + (1 - l1_ratio) / 2 ||w||_2^2)

for any loss from ``reglab.losses`` and any penalty from ``reglab.penalties``.

One iteration (Beck and Teboulle's FISTA, 2009) is a gradient step on the smooth loss
followed by the penalty's proximal operator, taken at an extrapolated point ``v``::

    w+ = prox_{penalty, 1/L}(v_w - grad_w loss(v) / L)   (soft thresholding for L1)
    b+ = v_b - grad_b loss(v) / L                          (b is unpenalized: no prox)
    v  = x+ + (t - 1) / t+ (x+ - x),   t+ = (1 + sqrt(1 + 4 t^2)) / 2

``L`` is the loss's Lipschitz constant computed on ``[X, 1]``: the intercept is one more
coordinate of the smooth part, so it has to be inside the bound. Two additions make
it fast enough to be the engine behind paths and estimators:

- **adaptive restart** (O'Donoghue and Candes, 2015): when the momentum points uphill
  (``<v - x+, x+ - x> > 0``) it is reset to zero, which removes FISTA's oscillations
  and gives linear convergence on strongly convex problems;
- **working sets**: for penalties with an L1 part, the problem is solved on a small
  set of features (the current support plus the features that violate the optimality
  conditions most, measured by ``penalty.subdiff_distance``), the full problem's
  duality gap is checked, and the set grows until the full gap is below ``tol``.
  With ``p`` large and a sparse solution most columns of ``X`` are then never touched
  inside the loop, and the step ``1/L`` uses the (much smaller) ``L`` of the set.

For the logistic loss the fixed step ``1/L`` is the weak point: ``L`` bounds the
curvature by its largest possible value (a quarter of ``||[X, 1]||^2 / n``), while at
small ``alpha`` most samples are classified confidently and the true curvature is ten
or a hundred times smaller. ``newton=True`` (the default of ``fista_path`` for the
logistic loss) then takes proximal Newton steps:
FISTA minimizes the loss's quadratic model on the working set (cheap: ``k x k``
matrices) and a line search accepts the step. The stopping rule does not change.

The certificate is the relative duality gap for the convex penalties (see
``reglab.solvers._gap``). For ``L0`` (non-convex) the same iteration without momentum
is iterative hard thresholding; it reaches a fixed point, which need not be the
global minimum, and ``fista`` reports the size of the gradient mapping there instead
of a gap (``certificate_kind="kkt residual"``).
"""

import numpy as np
from scipy.special import expit

from reglab._validation import check_array, check_scalar, check_X_y
from reglab.losses import LogisticLoss, SquaredLoss
from reglab.penalties import L0, L1L2
from reglab.solvers._gap import relative_gap
from reglab.solvers._result import SolverResult, warn_not_converged

__all__ = ["fista", "fista_path", "null_intercept"]

# How often (in iterations) the certificate is evaluated: it costs about two
# iterations' worth of work, so checking every iteration would double the run time.
_CHECK_EVERY = 10
# Smallest working set, and how fast it grows when the full gap is still above tol.
_MIN_WORKING_SET = 10
_GROWTH = 2
# A working-set subproblem is solved to this fraction of the current full gap.
_INNER_TOL_FRACTION = 0.3
# Proximal Newton: each quadratic model is solved until its gradient mapping has
# dropped by this factor (0.1 and 0.001 were both slower on the benchmark path); the
# line search asks for this fraction of the model's predicted decrease (Armijo) and
# halves the step at most this many times; above this many columns (or n) the
# Hessian is too costly and plain FISTA steps are taken.
_NEWTON_INNER_RTOL = 0.01
_ARMIJO = 1e-4
_MAX_HALVINGS = 30
_NEWTON_MAX_FEATURES = 500


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
    newton=False,
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
        Stop when the certificate is ``<= tol``: the relative duality gap
        ``(primal - dual) / primal`` for L1, L2 and L1L2 with ``alpha > 0``; the
        gradient-mapping residual (see Notes) for L0 and for ``alpha = 0``.
    max_iter : int, default 5000
        Maximum number of proximal gradient iterations, summed over working sets.
    newton : bool, default False
        Take proximal Newton steps instead of plain FISTA steps: on each working set
        the loss is replaced by its quadratic model (Hessian ``[X, 1]^T diag(f'')
        [X, 1]``), which FISTA minimizes with the penalty, and a line search keeps
        the objective decreasing. Much faster for the logistic loss at small
        ``alpha``, where the curvature of the loss is far below the bound ``L``.
        The stopping rule (the full problem's duality gap) is the same; ``n_iter``
        then counts the FISTA iterations on the quadratic models.

    Returns
    -------
    SolverResult
        ``coef``, ``intercept``, ``n_iter``, ``objective``, ``certificate``,
        ``certificate_kind`` (``"duality gap"`` or ``"kkt residual"``), ``converged``.

    Warns
    -----
    ConvergenceWarning
        When ``max_iter`` iterations end with the certificate still above ``tol``.

    Notes
    -----
    The step is ``1 / L`` with ``L = loss.lipschitz([X, 1])`` (``||[X, 1]||_2^2 / n``
    for the squared loss, a quarter of it for the logistic loss), on the columns of
    the current working set.

    When no duality gap exists -- the non-convex ``L0`` penalty, or ``alpha = 0``
    where the dual is a single point -- the certificate is the largest entry of the
    gradient mapping ``L (x - prox_{1/L}(x - grad / L))`` (including the intercept's
    gradient), divided by ``||X.T grad loss||_inf`` at the intercept-only model so
    that it does not depend on the units of ``X`` and ``y``. It is zero exactly at a
    fixed point of the iteration: for convex penalties that is the minimum; for
    ``L0`` it is a local (``L``-stationary) point only.

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
    X, y = check_X_y(X, y)
    _check_loss_and_penalty(loss, penalty)
    if isinstance(loss, LogisticLoss):
        _check_signed_labels(y)
    fit_intercept = _check_bool(fit_intercept, "fit_intercept")
    tol = check_scalar(tol, "tol", low=0.0, low_inclusive=False)
    max_iter = check_scalar(max_iter, "max_iter", low=1, integer=True)
    coef = _check_coef_init(coef_init, X.shape[1])
    intercept = check_scalar(intercept_init, "intercept_init") if fit_intercept else 0.0

    newton = _check_bool(newton, "newton")
    result = _solve(
        X, y, loss, penalty, coef, intercept, fit_intercept, tol, max_iter, newton
    )
    if not result.converged:
        warn_not_converged(
            "fista", result.certificate, result.certificate_kind, tol, max_iter
        )
    return result


def fista_path(
    X,
    y,
    loss,
    alphas,
    l1_ratio=1.0,
    *,
    fit_intercept=True,
    coef_init=None,
    intercept_init=None,
    tol=1e-6,
    max_iter=5000,
    newton="auto",
):
    """Solve ``loss + L1L2(alpha, l1_ratio)`` for each ``alpha``, with warm starts.

    The engine behind ``regularization_path(..., loss="logistic")``: every fit starts
    from the previous solution, so along a decreasing grid from ``alpha_max`` each one
    takes a few iterations on a small working set.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
        Targets (in {-1, +1} for ``LogisticLoss``).
    loss : SquaredLoss or LogisticLoss
    alphas : array_like of shape (n_alphas,)
        Strengths, solved in the order given (pass them descending for warm starts
        to help).
    l1_ratio : float in [0, 1], default 1.0
        Mix of the penalty ``alpha * (l1_ratio ||w||_1 + (1 - l1_ratio)/2 ||w||^2)``.
    fit_intercept : bool, default True
    coef_init : array_like of shape (n_features,), optional
        Start of the first fit; zeros by default.
    intercept_init : float, optional
        Start of the first fit's intercept; by default the intercept-only model's
        (``null_intercept``), which is optimal at ``alpha_max``.
    tol : float, default 1e-6
        Certificate every fit must reach (as in ``fista``).
    max_iter : int, default 5000
        Iteration budget of each fit.
    newton : bool or "auto", default "auto"
        Take proximal Newton steps (the quadratic model of the loss on the working
        set, minimized with the penalty by FISTA; a line search keeps the objective
        decreasing) instead of plain FISTA steps. ``"auto"`` uses them for the
        logistic loss, whose curvature varies: there the model's Hessian carries
        the local curvature that a fixed step ``1/L`` ignores. Every fit is still
        stopped by the full problem's duality gap.

    Returns
    -------
    list of SolverResult
        One per ``alpha``, in the order of ``alphas``.

    Warns
    -----
    ConvergenceWarning
        Once, naming the alphas whose fit stopped at ``max_iter`` above ``tol``.
    """
    X, y = check_X_y(X, y)
    _check_loss_and_penalty(loss, L1L2(1.0, l1_ratio))
    if isinstance(loss, LogisticLoss):
        _check_signed_labels(y)
    fit_intercept = _check_bool(fit_intercept, "fit_intercept")
    tol = check_scalar(tol, "tol", low=0.0, low_inclusive=False)
    max_iter = check_scalar(max_iter, "max_iter", low=1, integer=True)
    alphas = check_array(alphas, "alphas", ndim=1)
    if np.any(alphas < 0):
        raise ValueError(
            f"`alphas` must be >= 0. Got {alphas[alphas < 0][0]!r} instead."
        )
    if newton == "auto":
        newton = isinstance(loss, LogisticLoss)
    newton = _check_bool(newton, "newton")
    coef = _check_coef_init(coef_init, X.shape[1])
    if not fit_intercept:
        intercept = 0.0
    elif intercept_init is None:
        intercept = null_intercept(y, loss)
    else:
        intercept = check_scalar(intercept_init, "intercept_init")

    results = []
    for alpha in alphas:
        penalty = L1L2(float(alpha), l1_ratio)
        result = _solve(
            X, y, loss, penalty, coef, intercept, fit_intercept, tol, max_iter, newton
        )
        results.append(result)
        coef, intercept = result.coef, result.intercept
    stopped = [
        float(a) for a, r in zip(alphas, results, strict=True) if not r.converged
    ]
    if stopped:
        worst = max(r.certificate for r in results)
        warn_not_converged(
            f"fista_path (at {len(stopped)} of {len(alphas)} alphas, the largest "
            f"{max(stopped):.3g})",
            worst,
            results[0].certificate_kind,
            tol,
            max_iter,
        )
    return results


def null_intercept(y, loss):
    """The optimal intercept of the model with ``w = 0``.

    Squared loss: ``mean(y)``. Logistic loss: the log-odds ``log(n_+ / n_-)`` of the
    two classes in ``y`` (in {-1, +1}), where ``mean(sigmoid(b)) = n_+ / n`` holds.
    At ``alpha >= alpha_max`` the whole solution is ``(0, null_intercept)``, and
    ``alpha_max = ||X.T grad loss(null_intercept)||_inf / l1_ratio``.
    """
    y = np.asarray(y, dtype=float)
    if isinstance(loss, LogisticLoss):
        n_positive = np.count_nonzero(y > 0)
        n_negative = y.shape[0] - n_positive
        if n_positive == 0 or n_negative == 0:
            # one class only: the intercept-only optimum is at infinity
            raise ValueError(
                "`y` must contain both -1 and +1 for the logistic loss. Got only "
                f"{'+1' if n_negative == 0 else '-1'} instead."
            )
        # sigmoid(b) = n_+ / n  <=>  b = log(n_+ / n_-)
        return float(np.log(n_positive / n_negative))
    return float(np.mean(y))


# --------------------------------------------------------------------------- solver


def _solve(
    X, y, loss, penalty, coef, intercept, fit_intercept, tol, max_iter, newton=False
):
    """Dispatch on the penalty: working sets, the full problem, or hard thresholding.

    ``newton=True`` replaces plain FISTA steps on the loss by proximal Newton steps
    whose quadratic models FISTA solves (see ``_proximal_newton``).
    """
    inner_solver = _proximal_newton if newton else _accelerated_proximal_gradient
    coef = np.array(coef, dtype=float)  # a copy: the caller's warm start is not touched
    intercept = float(intercept) if fit_intercept else 0.0
    has_gap = penalty.is_convex and penalty.alpha > 0
    if not has_gap:
        return _solve_without_gap(
            X, y, loss, penalty, coef, intercept, fit_intercept, tol, max_iter
        )
    if penalty.l1_ratio > 0:
        return _solve_with_working_sets(
            X,
            y,
            loss,
            penalty,
            coef,
            intercept,
            fit_intercept,
            tol,
            max_iter,
            inner_solver,
        )
    # ridge: every coefficient is nonzero, so a working set would be all of X
    gap = _GapCertificate(X, y, loss, penalty, fit_intercept)
    coef, intercept, n_iter, certificate = inner_solver(
        X, y, loss, penalty, coef, intercept, fit_intercept, tol, max_iter, gap
    )
    return _result(X, y, loss, penalty, coef, intercept, n_iter, certificate, gap, tol)


def _solve_with_working_sets(
    X, y, loss, penalty, coef, intercept, fit_intercept, tol, max_iter, inner_solver
):
    """Solve on growing sets of features until the full problem's gap is <= tol."""
    full_gap = _GapCertificate(X, y, loss, penalty, fit_intercept)
    n_features = X.shape[1]
    working_set_size = _MIN_WORKING_SET
    n_iter = 0
    while True:
        z = X @ coef + intercept
        certificate = full_gap(coef, intercept, z)
        if certificate <= tol or n_iter >= max_iter:
            break
        # KKT violation of each feature: distance of -grad_j to alpha dP(w_j)
        gradient = X.T @ loss.gradient(y, z)
        violation = penalty.subdiff_distance(coef, gradient)
        support = coef != 0
        violation[support] = np.inf  # the support always stays in the set
        n_candidates = int(np.count_nonzero(violation > 0))
        working_set_size = min(
            n_features,
            max(working_set_size, _GROWTH * int(np.count_nonzero(support))),
        )
        size = min(working_set_size, n_candidates)
        if size == 0 and not fit_intercept:
            break  # nothing violates the KKT rule: only rounding is left in the gap
        working_set = np.sort(np.argpartition(-violation, size - 1)[:size])
        X_ws = X[:, working_set]
        if size == n_candidates:
            # every violator is in the set: solve it to the end (to tol / 2, so that
            # features left out have a margin to enter without a second round)
            inner_tol = 0.5 * tol
        else:
            # more features may enter: a rough solve tells which
            inner_tol = max(_INNER_TOL_FRACTION * certificate, 0.5 * tol)
        sub_gap = _GapCertificate(X_ws, y, loss, penalty, fit_intercept, full_gap)
        coef_ws, intercept, inner_iter, _ = inner_solver(
            X_ws,
            y,
            loss,
            penalty,
            coef[working_set],
            intercept,
            fit_intercept,
            inner_tol,
            max_iter - n_iter,
            sub_gap,
        )
        coef = np.zeros(n_features)
        coef[working_set] = coef_ws
        # a round whose set was already solved (inner_iter = 0) still counts, so that
        # a gap the set cannot close (rounding) ends at max_iter, not in a loop
        n_iter += max(inner_iter, 1)
        working_set_size = min(n_features, _GROWTH * working_set_size)
    return _result(
        X, y, loss, penalty, coef, intercept, n_iter, certificate, full_gap, tol
    )


def _accelerated_proximal_gradient(
    X, y, loss, penalty, coef, intercept, fit_intercept, tol, max_iter, certificate
):
    """FISTA with adaptive restart on the columns of ``X`` until ``certificate <= tol``.

    Returns ``(coef, intercept, n_iter, certificate reached)``.
    """
    step = 1.0 / _lipschitz(X, loss, fit_intercept)
    w, b = coef, intercept
    z = X @ w + b
    w_v, b_v, z_v = w, b, z  # the extrapolated point v
    t = 1.0
    reached = np.inf
    n_iter = 0
    while n_iter < max_iter:
        n_iter += 1
        gradient_z = loss.gradient(y, z_v)  # d loss / d z at v
        # w+ = prox_{step P}(v_w - step X^T f'(z_v))
        w_next = penalty.prox(w_v - step * (X.T @ gradient_z), step)
        # b+ = v_b - step sum f'(z_v): the intercept takes a plain gradient step
        b_next = b_v - step * gradient_z.sum() if fit_intercept else 0.0
        z_next = X @ w_next + b_next
        dw, db = w_next - w, b_next - b
        # restart when <v - x+, x+ - x> > 0: the momentum points uphill
        if (w_v - w_next) @ dw + (b_v - b_next) * db > 0:
            t = 1.0
            w_v, b_v, z_v = w_next, b_next, z_next
        else:
            # t+ = (1 + sqrt(1 + 4 t^2)) / 2;  v = x+ + (t - 1) / t+ (x+ - x)
            t_next = 0.5 * (1.0 + np.sqrt(1.0 + 4.0 * t * t))
            momentum = (t - 1.0) / t_next
            w_v = w_next + momentum * dw
            b_v = b_next + momentum * db
            z_v = z_next + momentum * (z_next - z)  # = X w_v + b_v, without a product
            t = t_next
        w, b, z = w_next, b_next, z_next
        if n_iter % _CHECK_EVERY == 0 or n_iter == max_iter:
            reached = certificate(w, b, z)
            if reached <= tol:
                break
    return w, b, n_iter, reached


def _proximal_newton(
    X, y, loss, penalty, coef, intercept, fit_intercept, tol, max_iter, certificate
):
    """Proximal Newton steps on the columns of ``X``, each one solved by FISTA.

    Around the current point ``(w0, b0)`` (predictor ``z0``) the loss is replaced by
    its quadratic model in the steps ``d = w - w0`` and ``d_b = b - b0``::

        q = loss(z0) + g.d + g_b d_b + (d^T H d + 2 d_b h.d + h_bb d_b^2) / 2
        g = X^T f'(z0),  g_b = sum f'(z0),  H = X^T diag(c) X,  h = X^T c,  h_bb = sum c

    with ``c = f''(z0)``. The intercept is unpenalized, so the model is minimized
    over ``d_b`` in closed form, ``d_b = -(g_b + h.d) / h_bb``; what is left for
    ``d`` is the same kind of model with ``H - h h^T / h_bb`` (``X`` centred with
    weights ``c``: an offset in the features no longer slows FISTA down) and
    ``g - h g_b / h_bb``. FISTA minimizes it with the penalty, at ``k^2`` per
    iteration for ``k`` columns instead of ``n k``, and a backtracking line search
    along ``(d, d_b)`` keeps the true objective decreasing. This is the outer loop of
    glmnet and liblinear (they use coordinate descent where we use FISTA); near the
    solution it converges in a handful of steps where plain FISTA steps need
    hundreds. ``n_iter`` counts the FISTA iterations on the models.

    The Hessian costs ``n k^2`` to form and ``k^3`` to bound; with more columns
    than ``min(n, 500)`` (then it is also singular) plain FISTA steps are taken.
    """
    if X.shape[1] + fit_intercept > min(X.shape[0], _NEWTON_MAX_FEATURES):
        return _accelerated_proximal_gradient(
            X,
            y,
            loss,
            penalty,
            coef,
            intercept,
            fit_intercept,
            tol,
            max_iter,
            certificate,
        )
    w, b = coef, intercept
    z = X @ w + b
    reached = certificate(w, b, z)
    n_iter = 0
    while reached > tol and n_iter < max_iter:
        gradient_z = loss.gradient(y, z)
        curvature = _second_derivative(loss, y, z)
        g = X.T @ gradient_z  # g = X^T f'(z0)
        H = (X.T * curvature) @ X  # H = X^T diag(c) X
        g_model, H_model = g, H
        if fit_intercept:
            h = X.T @ curvature
            h_bb = max(float(curvature.sum()), np.finfo(float).tiny)
            g_b = float(gradient_z.sum())
            # eliminate d_b = -(g_b + h.d) / h_bb: the Schur complement of h_bb
            g_model = g - h * (g_b / h_bb)
            H_model = H - np.outer(h, h / h_bb)
        w_model, inner_iter = _fista_on_quadratic(
            H_model, g_model, w, penalty, max_iter - n_iter
        )
        n_iter += inner_iter
        d = w_model - w
        d_b = -(g_b + h @ d) / h_bb if fit_intercept else 0.0
        # Armijo rule: F(x + s dx) <= F(x) + s sigma (g.d + g_b d_b + P(w + d) - P(w))
        objective = loss.value(y, z) + penalty.value(w)
        predicted = g @ d + penalty.value(w_model) - penalty.value(w)
        if fit_intercept:
            predicted += g_b * d_b
        z_direction = X @ d + d_b
        step_size = 1.0
        for _ in range(_MAX_HALVINGS):
            w_try = w + step_size * d
            z_try = z + step_size * z_direction
            value = loss.value(y, z_try) + penalty.value(w_try)
            if value <= objective + _ARMIJO * step_size * predicted:
                break
            step_size /= 2
        w, b, z = w_try, b + step_size * d_b, z_try
        reached = certificate(w, b, z)
    return w, b, n_iter, reached


def _fista_on_quadratic(H, g, w0, penalty, max_iter):
    """FISTA with restart on ``g.(w - w0) + (w - w0)^T H (w - w0) / 2 + penalty(w)``.

    Stops when the gradient mapping has dropped to ``_NEWTON_INNER_RTOL`` times its
    value at ``w0``: an inexact Newton step.
    """
    largest_eigenvalue = np.max(np.linalg.eigvalsh(H), initial=0.0)
    if largest_eigenvalue <= 0:
        # a flat model: no columns, or only columns that the intercept already spans
        # (constant ones); their gradient is zero once the intercept is optimal
        return w0, 1
    step = 1.0 / largest_eigenvalue
    w, v = w0, w0
    t = 1.0
    first_residual = None
    n_iter = 0
    while n_iter < max_iter:
        n_iter += 1
        # w+ = prox_{step P}(v - step (g + H (v - w0)))
        w_next = penalty.prox(v - step * (g + H @ (v - w0)), step)
        residual = np.max(np.abs(w_next - v), initial=0.0)  # = step |G(v)|_inf
        if first_residual is None:
            first_residual = residual
        dw = w_next - w
        if (v - w_next) @ dw > 0:  # restart: the momentum points uphill
            t, v = 1.0, w_next
        else:
            t_next = 0.5 * (1.0 + np.sqrt(1.0 + 4.0 * t * t))
            v = w_next + (t - 1.0) / t_next * dw
            t = t_next
        w = w_next
        if residual <= _NEWTON_INNER_RTOL * first_residual:
            break
    return w, n_iter


def _second_derivative(loss, y, z):
    """``f''(z)`` per sample: ``1 / n`` (squared), ``s (1 - s) / n`` (logistic)."""
    n = z.shape[0]
    if isinstance(loss, LogisticLoss):
        s = expit(-y * z)
        return s * (1.0 - s) / n
    return np.full(n, 1.0 / n)


def _solve_without_gap(
    X, y, loss, penalty, coef, intercept, fit_intercept, tol, max_iter
):
    """L0 (iterative hard thresholding) or alpha = 0: certified by the gradient mapping.

    No momentum here: for the non-convex L0 penalty plain proximal gradient decreases
    the objective at every step, which is what makes it converge (to a fixed point).
    """
    step = 1.0 / _lipschitz(X, loss, fit_intercept)
    residual = _GradientMappingResidual(X, y, loss, penalty, fit_intercept, step)
    w, b = coef, intercept
    n_iter = 0
    while True:
        gradient_z = loss.gradient(y, X @ w + b)
        # w+ = prox_{step P}(w - step X^T f'(z)); for L0: hard thresholding
        w_next = penalty.prox(w - step * (X.T @ gradient_z), step)
        b_next = b - step * gradient_z.sum() if fit_intercept else 0.0
        # the residual at (w, b) comes with this very step: |x - x+| / step
        certificate = residual.from_step(w, b, w_next, b_next)
        if certificate <= tol or n_iter == max_iter:
            break  # (w, b) is the point this certificate is about
        w, b = w_next, b_next
        n_iter += 1
    z = X @ w + b
    return SolverResult(
        coef=w,
        intercept=float(b),
        n_iter=n_iter,
        objective=loss.value(y, z) + penalty.value(w),
        certificate=float(certificate),
        certificate_kind="kkt residual",
        converged=bool(certificate <= tol),
    )


# --------------------------------------------------------------------- certificates


class _GapCertificate:
    """Relative duality gap of ``(w, b)`` given ``z = X w + b`` (see ``_gap.py``).

    Called with the columns of a working set, it is the gap of that subproblem; the
    denominator's reference (the objective at ``w = 0``) is shared with the full
    problem (``like``) so both gaps are on one scale.
    """

    def __init__(self, X, y, loss, penalty, fit_intercept, like=None):
        self.X, self.y = X, y
        self.loss, self.penalty = loss, penalty
        self.fit_intercept = fit_intercept
        if like is None:
            self.reference = loss.value(y, np.zeros(y.shape[0]))
        else:
            self.reference = like.reference

    def __call__(self, w, b, z):
        loss, penalty = self.loss, self.penalty
        primal = loss.value(self.y, z) + penalty.value(w)
        # theta = -f'(z), made feasible: sum(theta) = 0, then scaled so g*(X^T theta)
        # is finite
        theta = loss.dual_point(self.y, z, self.fit_intercept)
        correlation = self.X.T @ theta
        scale = penalty.dual_scaling(correlation)
        # D(theta) = -f*(-theta) - g*(X^T theta)
        dual = loss.dual_value(self.y, scale * theta) - penalty.conjugate(
            scale * correlation
        )
        return relative_gap(primal - dual, primal, self.reference)


class _GradientMappingResidual:
    """``||(x - prox(x - step grad)) / step||_inf / ||X^T f'(z_0)||_inf``.

    ``x = (w, b)``; ``z_0`` is the intercept-only model's predictor, so the
    denominator is the scale of the gradient at the start of a path.
    """

    def __init__(self, X, y, loss, penalty, fit_intercept, step):
        self.X, self.y = X, y
        self.loss, self.penalty = loss, penalty
        self.fit_intercept, self.step = fit_intercept, step
        b0 = null_intercept(y, loss) if fit_intercept else 0.0
        scale = np.max(np.abs(X.T @ loss.gradient(y, np.full(y.shape[0], b0))))
        self.scale = max(float(scale), np.finfo(float).tiny)

    def from_step(self, w, b, w_next, b_next):
        largest = np.max(np.abs(w - w_next), initial=abs(b - b_next))
        return float(largest / self.step / self.scale)


# ------------------------------------------------------------------------- helpers


def _lipschitz(X, loss, fit_intercept):
    """``loss.lipschitz([X, 1])``: the intercept is one more smooth coordinate."""
    if fit_intercept:
        X = np.column_stack([X, np.ones(X.shape[0])])
    if X.shape[1] == 0:
        return 1.0  # nothing to optimize: any step will do
    return max(loss.lipschitz(X), np.finfo(float).tiny)


def _result(X, y, loss, penalty, coef, intercept, n_iter, certificate, gap, tol):
    z = X @ coef + intercept
    if not np.isfinite(certificate):
        certificate = gap(coef, intercept, z)
    return SolverResult(
        coef=coef,
        intercept=float(intercept),
        n_iter=int(n_iter),
        objective=loss.value(y, z) + penalty.value(coef),
        certificate=float(certificate),
        certificate_kind="duality gap",
        converged=bool(certificate <= tol),
    )


def _check_loss_and_penalty(loss, penalty):
    if not isinstance(loss, (SquaredLoss, LogisticLoss)):
        raise TypeError(
            "`loss` must be a reglab.losses loss (SquaredLoss() or LogisticLoss()). "
            f"Got {loss!r} of type {type(loss).__name__} instead."
        )
    if not isinstance(penalty, (L1L2, L0)):
        raise TypeError(
            "`penalty` must be a reglab.penalties penalty (L1, L2, L1L2 or L0). "
            f"Got {penalty!r} of type {type(penalty).__name__} instead."
        )


def _check_signed_labels(y):
    labels = np.unique(y)
    if not np.all(np.isin(labels, (-1.0, 1.0))):
        shown = ", ".join(f"{v:g}" for v in labels[:5])
        raise ValueError(
            "`y` must contain only -1 and +1 for LogisticLoss (regularization_path "
            f"and LogisticRegression map labels for you). Got values {shown} instead."
        )
    if labels.size < 2:
        # with one class the loss keeps decreasing as the intercept grows: no minimum
        raise ValueError(
            "`y` must contain both -1 and +1 for LogisticLoss. Got only "
            f"{labels[0]:+g} instead."
        )


def _check_bool(value, name):
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(
            f"`{name}` must be True or False. Got {value!r} of type "
            f"{type(value).__name__} instead."
        )
    return bool(value)


def _check_coef_init(coef_init, n_features):
    if coef_init is None:
        return np.zeros(n_features)
    coef = check_array(coef_init, "coef_init", ndim=1)
    if coef.shape[0] != n_features:
        raise ValueError(
            f"`coef_init` must have one entry per feature ({n_features}). Got "
            f"{coef.shape[0]} instead."
        )
    return coef
