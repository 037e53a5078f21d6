"""Plain subgradient descent, kept to show why nobody uses it for the lasso.

It minimizes ``loss(X w + b) + penalty(w)`` by ``w <- w - step_k g`` with ``g`` a
subgradient (``alpha sign(w_j)`` for L1, 0 at ``w_j = 0``). The iterates jump across
zero instead of landing on it: a coefficient the lasso sets to exactly 0 keeps
oscillating around 0 with an amplitude of about ``step_k * alpha``, and the
objective decreases only like ``1 / sqrt(k)``. The proximal step (soft thresholding,
in FISTA and coordinate descent) lands on exact zeros.
"""

import numpy as np

from reglab._validation import check_bool, check_scalar
from reglab.losses import LogisticLoss, SquaredLoss
from reglab.problem import Problem, check_coef_init
from reglab.solvers.compatibility import check_compatible
from reglab.solvers.result import SolverResult, warn_not_converged

__all__ = ["subgradient_descent"]


def subgradient_descent(
    X,
    y,
    penalty,
    *,
    loss=None,
    step=None,
    n_iter=1000,
    fit_intercept=True,
    coef_init=None,
    tol=1e-6,
    history=False,
):
    """Minimize ``loss(X w + b) + penalty.value(w)`` by subgradient descent.

    Iteration ``k = 0, 1, ...``::

        g   = X.T f'(X w + b) + penalty.subgradient(w)
        w  <- w - step / sqrt(k + 1) * g
        b  <- b - step / sqrt(k + 1) * sum(f'(X w + b))      (with an intercept)

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
        Real targets, or -1.0 / +1.0 for the logistic loss.
    penalty : a reglab.penalties penalty
    loss : SquaredLoss or LogisticLoss, default SquaredLoss()
    step : float, optional
        Initial step; default ``1 / L`` with ``L`` the loss's Lipschitz constant
        (with a column of ones added for the intercept).
    n_iter : int, default 1000
    fit_intercept : bool, default True
    coef_init : array_like of shape (n_features,), optional
    tol : float, default 1e-6
        Stop early if the KKT residual falls below ``tol`` (it will not, for L1).
    history : bool, default False
        Record, per iteration, ``objective``, ``n_zeros`` (exact zeros in ``w``)
        and ``coef`` in ``result.history``.

    Returns
    -------
    SolverResult
        ``certificate`` is the KKT residual (there is no cheap dual point to trust
        along subgradient iterates); ``history`` as described above.

    Warns
    -----
    ConvergenceWarning
        When ``n_iter`` iterations end with the KKT residual above ``tol`` -- which,
        for an L1 penalty, is the point of the demonstration.
    """
    if loss is None:
        loss = SquaredLoss()
    if not isinstance(loss, (SquaredLoss, LogisticLoss)):
        raise TypeError(
            f"`loss` must be SquaredLoss() or LogisticLoss(). Got {loss!r} instead."
        )
    problem = Problem(X, y, loss, fit_intercept=fit_intercept)
    check_compatible("subgradient", loss, penalty)
    # the iterates run on the data as given (the textbook method); the certificate
    # is the problem's, in its centred coordinates
    X, y = problem.X + problem.x_mean, problem.y + problem.y_offset
    n_iter = check_scalar(n_iter, "n_iter", low=1, integer=True)
    tol = check_scalar(tol, "tol", low=0.0, low_inclusive=False)
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    n, p = X.shape
    if step is None:
        design = np.column_stack([X, np.ones(n)]) if fit_intercept else X
        step = 1.0 / max(loss.lipschitz(design), 1e-300)
    step = check_scalar(step, "step", low=0.0, low_inclusive=False)

    w = check_coef_init(coef_init, p)
    b = 0.0
    records = {"objective": [], "n_zeros": [], "coef": []} if history else None
    certificate = np.inf
    k = 0
    for k in range(1, n_iter + 1):
        gradient_z = loss.gradient(y, X @ w + b)
        g = X.T @ gradient_z + penalty.subgradient(w)
        step_k = step / np.sqrt(k)  # diminishing steps: needed without a prox
        w = w - step_k * g
        if fit_intercept:
            b -= step_k * float(np.sum(gradient_z))
        if history:
            records["objective"].append(loss.value(y, X @ w + b) + penalty.value(w))
            records["n_zeros"].append(int(np.sum(w == 0)))
            records["coef"].append(w.copy())
        if k % 10 == 0 or k == n_iter:
            b_c = problem.centred_intercept(w, b)
            certificate, _ = problem.kkt_residual(w, b_c, penalty)
            if certificate <= tol:
                break
    converged = bool(certificate <= tol)
    if not converged:
        warn_not_converged(
            "subgradient_descent", certificate, "kkt residual", tol, n_iter
        )
    if history:
        records = {
            "objective": np.array(records["objective"]),
            "n_zeros": np.array(records["n_zeros"]),
            "coef": np.array(records["coef"]),
        }
    return SolverResult(
        coef=w,
        intercept=float(b),
        n_iter=k,
        objective=loss.value(y, X @ w + b) + penalty.value(w),
        certificate=float(certificate),
        certificate_kind="kkt residual",
        converged=converged,
        solver="subgradient",
        history=records,
    )
