"""Small dense linear-algebra helpers that call LAPACK directly.

The solvers factor and solve many tiny systems (one per LARS step, one per exact
finish in coordinate descent). ``scipy.linalg.cho_factor`` and friends check and
convert their inputs on every call, which costs more than the solve itself at these
sizes, so these helpers call the LAPACK and BLAS routines (``potrf``, ``trtrs``,
and the packed ``tpsv`` for a factor that grows a row at a time).
"""

import numpy as np
from scipy.linalg import blas, lapack

__all__ = [
    "cholesky_lower",
    "cholesky_solve",
    "pack_lower_rows",
    "packed_lower_solve",
    "packed_upper_solve",
]


def cholesky_lower(matrix):
    """Lower-triangular ``L`` with ``L L.T = matrix``, or ``None`` if not positive
    definite."""
    factor, info = lapack.dpotrf(matrix, lower=1, clean=1)
    return factor if info == 0 else None


def cholesky_solve(factor, rhs):
    """Solve ``L L.T x = rhs`` given the lower Cholesky factor ``L``.

    Two triangular solves (``L z = rhs``, ``L.T x = z``): for one right-hand side
    ``trtrs`` twice takes a third of the time of ``potrs`` (measured at k = 250).
    """
    between, info = lapack.dtrtrs(factor, rhs, lower=1)
    if info == 0:
        solution, info = lapack.dtrtrs(factor, between, lower=1, trans=1)
    if info != 0:
        raise np.linalg.LinAlgError(f"dtrtrs failed with info={info}")
    return solution


def packed_lower_solve(packed, k, rhs):
    """Solve ``L x = rhs`` for the ``k x k`` lower factor ``L`` held packed.

    ``packed`` holds ``R = L.T`` upper-triangular by columns (LAPACK's packed
    layout): column ``j`` of ``R`` is row ``j`` of ``L``, so a factor that grows by
    one row (one more active feature) grows by appending ``k + 1`` numbers, with no
    copy of the rest. ``L x = rhs`` is ``R.T x = rhs``.
    """
    return blas.dtpsv(k, packed[: k * (k + 1) // 2], rhs, lower=0, trans=1)


def packed_upper_solve(packed, k, rhs):
    """Solve ``L.T x = rhs`` for the packed factor of ``packed_lower_solve``.

    With ``L z = b`` solved first, this finishes ``L L.T x = b``.
    """
    return blas.dtpsv(k, packed[: k * (k + 1) // 2], rhs, lower=0, trans=0)


def pack_lower_rows(rows, first=0):
    """The packed layout of ``packed_lower_solve`` for rows of a lower factor.

    ``rows`` of shape ``(m, first + m)``: rows ``first, ..., first + m - 1`` of
    ``L``, dense. Row ``r`` of ``L`` holds ``r + 1`` entries in the packed layout
    (``R``'s column ``r``), so a whole factor is ``pack_lower_rows(L)``, and rows
    after ``first`` rewritten (a refactored trailing block) are written from
    ``first (first + 1) / 2`` on.
    """
    m, width = rows.shape
    # a boolean mask reads row after row, in the packed order
    return rows[np.arange(width) <= first + np.arange(m)[:, None]]
