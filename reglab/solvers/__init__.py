"""Solvers for ``loss(X w + b) + alpha * P(w)``; each returns a ``SolverResult``.

Textbook cores, each a few lines with the formula in comments:

- ``cd_sweep``: one sweep of coordinate descent (``coordinate_descent_sweeps`` steps
  through it for the course);
- ``fista_iterations``: ISTA / FISTA with adaptive restart;
- ``lars_homotopy``: the exact lasso path, knot by knot;
- ``RidgeSVD``: ridge for every alpha from one SVD;
- ``subgradient_descent``: the naive method, kept to show that it never lands on
  exact zeros.

Solvers built on them, with their accelerations as named pieces:

- ``coordinate_descent``: working sets and the strong rule (``working_set``),
  covariance updates (``cd_sweep_gram``), exact solves on a sign pattern
  (``solve_on_sign_pattern``, with ``conjugate_gradient``) and, along a path,
  one sign pattern over many alphas (``follow_sign_patterns`` with
  ``solve_on_sign_pattern_along``);
- ``fista``: working sets (``solve_with_working_sets``) around the FISTA core;
- ``proximal_newton``: Newton's quadratic models solved by the FISTA core;
- ``lars_path``: the homotopy as a ``LarsPath``; ``lasso_at_alphas``: the same
  exact solutions at a grid's alphas only, from active-set solves (no knots).

``solve`` picks one (``result.solver`` says which); ``alpha_max``: where a path
starts; ``duality_gap`` / ``kkt_residual``: the certificates (``reglab.problem``).
"""

from reglab.problem import duality_gap, kkt_residual
from reglab.solvers.coordinate_descent import (
    CDStep,
    cd_sweep,
    cd_sweep_gram,
    coordinate_descent,
    coordinate_descent_sweeps,
    follow_sign_patterns,
    working_set,
)
from reglab.solvers.dispatch import alpha_max, solve
from reglab.solvers.fista import fista, fista_iterations, solve_with_working_sets
from reglab.solvers.lars import LarsPath, lars_homotopy, lars_path, lasso_at_alphas
from reglab.solvers.proximal_newton import proximal_newton
from reglab.solvers.result import SolverResult
from reglab.solvers.ridge import RidgeSVD
from reglab.solvers.sign_pattern import (
    conjugate_gradient,
    solve_on_sign_pattern,
    solve_on_sign_pattern_along,
)
from reglab.solvers.subgradient import subgradient_descent

__all__ = [
    "CDStep",
    "LarsPath",
    "RidgeSVD",
    "SolverResult",
    "alpha_max",
    "cd_sweep",
    "cd_sweep_gram",
    "conjugate_gradient",
    "coordinate_descent",
    "coordinate_descent_sweeps",
    "duality_gap",
    "fista",
    "fista_iterations",
    "follow_sign_patterns",
    "kkt_residual",
    "lars_homotopy",
    "lars_path",
    "lasso_at_alphas",
    "proximal_newton",
    "solve",
    "solve_on_sign_pattern",
    "solve_on_sign_pattern_along",
    "solve_with_working_sets",
    "subgradient_descent",
    "working_set",
]
