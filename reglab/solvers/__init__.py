"""Solvers for ``loss(X w + b) + alpha * P(w)``; each returns a ``SolverResult``.

- ``RidgeSVD``: closed-form ridge from one cached SVD (any alpha, p > n, alpha = 0).
- ``coordinate_descent``: glmnet-style coordinate descent for the squared loss with
  L1 / L2 / elastic-net penalties; ``coordinate_descent_sweeps`` steps through the
  textbook version one sweep at a time.
- ``fista``: accelerated proximal gradient, the general engine (both losses).
- ``lars_path``: the exact lasso path (homotopy), knot by knot.
- ``subgradient_descent``: the naive method, kept to show that it never lands on
  exact zeros.
- ``solve``: picks one of the above; ``alpha_max``: where a path starts.
- ``duality_gap`` / ``kkt_residual``: the certificates.
"""

from reglab.solvers._gap import duality_gap, kkt_residual
from reglab.solvers._result import SolverResult
from reglab.solvers._solve import alpha_max, solve
from reglab.solvers.coordinate_descent import (
    CDStep,
    coordinate_descent,
    coordinate_descent_sweeps,
)
from reglab.solvers.fista import fista, fista_path
from reglab.solvers.lars import LarsPath, lars_path
from reglab.solvers.ridge import RidgeSVD
from reglab.solvers.subgradient import subgradient_descent

__all__ = [
    "CDStep",
    "LarsPath",
    "RidgeSVD",
    "SolverResult",
    "alpha_max",
    "coordinate_descent",
    "coordinate_descent_sweeps",
    "duality_gap",
    "fista",
    "fista_path",
    "kkt_residual",
    "lars_path",
    "solve",
    "subgradient_descent",
]
