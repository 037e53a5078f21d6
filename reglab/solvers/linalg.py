"""Small dense linear-algebra helpers that call LAPACK directly.

The solvers factor and solve many tiny systems (one per LARS step, one per exact
finish in coordinate descent). ``scipy.linalg.cho_factor`` and friends check and
convert their inputs on every call, which costs more than the solve itself at these
sizes, so these helpers call the LAPACK routines (``potrf``, ``potrs``, ``trtrs``).
"""

import numpy as np
from scipy.linalg import lapack

__all__ = ["cholesky_lower", "cholesky_solve", "triangular_solve_lower"]


def cholesky_lower(matrix):
    """Lower-triangular ``L`` with ``L L.T = matrix``, or ``None`` if not positive
    definite."""
    factor, info = lapack.dpotrf(matrix, lower=1, clean=1)
    return factor if info == 0 else None


def cholesky_solve(factor, rhs):
    """Solve ``L L.T x = rhs`` given the lower Cholesky factor ``L``."""
    solution, info = lapack.dpotrs(factor, rhs, lower=1)
    if info != 0:
        raise np.linalg.LinAlgError(f"dpotrs failed with info={info}")
    return solution


def triangular_solve_lower(factor, rhs):
    """Solve ``L x = rhs`` for lower-triangular ``L``."""
    solution, info = lapack.dtrtrs(factor, rhs, lower=1)
    if info != 0:
        raise np.linalg.LinAlgError(f"dtrtrs failed with info={info}")
    return solution
