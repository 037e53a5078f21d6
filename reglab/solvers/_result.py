"""What every solver returns, and the warning it gives when it stops early."""

import warnings
from dataclasses import dataclass, field

import numpy as np
from sklearn.exceptions import ConvergenceWarning

__all__ = ["SolverResult", "warn_not_converged"]


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
        a sign pattern; LARS: homotopy steps; 0 for the closed form).
    objective : float
        The primal objective ``loss(X w + b) + alpha * P(w)`` at the returned point.
    certificate : float
        How far from optimal the point is provably: the relative duality gap
        ``gap / max(objective, tiny)`` or, where no gap is available, the largest
        KKT residual (distance of ``-grad`` to the penalty's subdifferential).
    certificate_kind : str
        ``"duality gap"`` or ``"kkt residual"``.
    converged : bool
        Whether ``certificate <= tol`` was reached.
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
    history: dict | None = field(default=None, compare=False, repr=False)


def warn_not_converged(solver, certificate, certificate_kind, tol, max_iter):
    """Warn with the certificate reached and what to change."""
    warnings.warn(
        f"{solver} stopped after max_iter={max_iter} iterations with a "
        f"{certificate_kind} of {certificate:.3g} > tol={tol:.3g}; increase max_iter "
        "or loosen tol.",
        ConvergenceWarning,
        stacklevel=3,
    )
