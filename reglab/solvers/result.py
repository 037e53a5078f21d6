"""What every solver returns, and the warning it gives when it stops early."""

import warnings
from dataclasses import dataclass, field

import numpy as np
from sklearn.exceptions import ConvergenceWarning

__all__ = ["WHAT_TO_CHANGE", "SolverResult", "result_from", "warn_not_converged"]


@dataclass(frozen=True)
class SolverResult:
    """The outcome of one solver run.

    Attributes
    ----------
    coef : ndarray of shape (n_features,)
        The coefficients ``w``.
    intercept : float
        The unpenalized intercept ``b`` (0.0 when ``fit_intercept=False``).
    n_iter : int
        Iterations that were run (coordinate descent: sweeps plus exact solves on
        a sign pattern; FISTA: proximal gradient steps; proximal Newton: FISTA steps
        on its quadratic models; LARS: homotopy steps; 0 for the closed form).
    objective : float
        The primal objective ``loss(X w + b) + alpha * P(w)`` at the returned point.
    certificate : float
        How far from optimal the point is provably (``reglab.problem``): the
        relative duality gap or, where no gap is available (``alpha = 0`` or at
        rounding level, ``L0``), the relative KKT residual.
    certificate_kind : str
        ``"duality gap"`` or ``"kkt residual"``.
    converged : bool
        Whether ``certificate <= tol`` was reached.
    solver : str
        What ran, for example ``"cd"``, ``"lars"`` or ``"prox_newton"``.
    history : dict or None
        Optional per-iteration records (for example the objective and the number of
        exact zeros in subgradient descent), for the course's figures.
    """

    coef: np.ndarray
    intercept: float
    n_iter: int
    objective: float
    certificate: float
    certificate_kind: str
    converged: bool
    solver: str = ""
    history: dict | None = field(default=None, compare=False, repr=False)


def result_from(
    problem,
    coef,
    centred_intercept,
    penalty,
    *,
    n_iter,
    tol,
    solver,
    certificate=None,
    warn_as=None,
    max_iter=None,
):
    """A ``SolverResult`` for ``problem``: certificate (unless given) and intercept.

    With ``warn_as`` (the name to warn under), a result above ``tol`` warns.
    """
    if certificate is None:
        certificate = problem.certificate(coef, centred_intercept, penalty)
    if warn_as is not None and not certificate.value <= tol:
        warn_not_converged(warn_as, certificate.value, certificate.kind, tol, max_iter)
    return SolverResult(
        coef=coef,
        intercept=problem.intercept(coef, centred_intercept),
        n_iter=int(n_iter),
        objective=certificate.objective,
        certificate=certificate.value,
        certificate_kind=certificate.kind,
        converged=bool(certificate.value <= tol),
        solver=solver,
    )


#: What to change when a solver stops early, per solver (the name it warns under):
#: its iteration parameter, and advice that helps. Solvers not listed take
#: ``max_iter``, and more iterations (or a looser tol) are the fix.
WHAT_TO_CHANGE = {
    "subgradient_descent": (
        "n_iter",
        "more iterations help little: subgradient descent's error falls only like "
        "1/sqrt(k), and it never sets a coefficient exactly to 0. A proximal solver "
        "(reglab.solvers.fista or coordinate_descent) converges fast and lands on "
        "exact zeros; or loosen tol.",
    ),
}


def warn_not_converged(
    solver, certificate, certificate_kind, tol, max_iter, stacklevel=4
):
    """Warn with the certificate reached and what to change (``WHAT_TO_CHANGE``).

    ``max_iter`` is the iteration budget that ran out, under whatever name the
    solver gives it. ``stacklevel`` counts from this function: 4 reaches the caller
    of a public solver that warns through ``result_from``.
    """
    parameter, advice = WHAT_TO_CHANGE.get(
        solver, ("max_iter", "increase max_iter or loosen tol.")
    )
    warnings.warn(
        f"{solver} stopped after {parameter}={max_iter} iterations with a relative "
        f"{certificate_kind} of {certificate:.3g} > tol={tol:.3g}; {advice}",
        ConvergenceWarning,
        stacklevel=stacklevel,
    )
