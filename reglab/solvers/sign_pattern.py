"""Exact solves on a sign pattern (feature-sign search), an acceleration of CD.

With the signs ``s`` of the coefficients on a support ``S`` fixed (and ``w = 0`` off
it), the squared-loss elastic net is a quadratic whose minimizer solves the linear
system::

    (G_SS + l2 I) w_S = c_S - l1 s,      G = X.T X / n,  c = X.T y / n.

If the solution keeps the signs ``s`` it is the minimizer over that orthant. If not,
move from the current point towards it only until the first coefficient reaches zero
(the objective decreases all along that segment), drop that coefficient and solve
again on the smaller support (Lee et al., 2007, "feature-sign search"). On a fine
path grid a guessed pattern (the warm start's support and signs) is usually right,
and one solve replaces every sweep.

Large systems are solved by conjugate gradients, small ones by a Cholesky
factorization; with the Gram matrix and most features on the support, CG's products
use all of ``G`` (``SupportBlock``) rather than a copy of ``G_SS``.
"""

import numpy as np

from reglab.solvers.linalg import cholesky_lower, cholesky_solve

__all__ = [
    "SupportBlock",
    "conjugate_gradient",
    "solve_on_sign_pattern",
    "solve_on_sign_pattern_along",
]

# CG is used above this many unknowns (k^2 per iteration from a close warm start beats
# the k^3 / 3 of a factorization), for at most this many iterations.
_CG_MIN_SIZE = 64
_CG_MAX_ITER = 100
# With the Gram matrix, a support of at least this many features and this share of
# all of them is solved through SupportBlock (products with all of G) instead of a
# copy of G_SS: at k = 450 of p = 500 the copy costs about seven products with G_SS,
# as much as CG spends, while a product with all of G costs about one with G_SS.
_SUPPORT_BLOCK_MIN_SIZE = 200
_SUPPORT_BLOCK_MIN_SHARE = 0.8


def solve_on_sign_pattern(
    problem, support, signs, penalty, current, use_gram, gap_target=0.0
):
    """Minimize exactly over the sign pattern ``signs`` on ``support``.

    Returns the new ``w_S`` (never worse than ``current``), or ``None`` when the
    factorization is not worth it or the system is (nearly) singular.

    ``gap_target``: the duality gap the caller will accept. For the residual
    ``res`` of the linear system the gap on the pattern is ``||res||^2 / (2 l2)``
    with an L2 part, and at most about ``2 ||w||_1 ||res||_inf`` for the lasso, so
    conjugate gradients stop there rather than at rounding level.
    """
    l1, l2 = penalty.l1_strength, penalty.l2_strength
    if support.size == 0 or penalty.alpha == 0:
        return None
    k = support.size
    # worth it only if cheaper than the ~30 sweeps it replaces: a factorization
    # costs k^3 / 3 (+ n k^2 to form X_S^T X_S without the Gram matrix), a sweep
    # about 2 n k (or p k) flops plus a few microseconds of Python per coordinate
    factor_cost = k**3 / 3 + (0 if use_gram else problem.n * k**2)
    sweep_cost = k * ((problem.p if use_gram else 2 * problem.n) + 4000)
    if factor_cost > 30 * sweep_cost:
        return None
    rhs = problem.Xty[support] - l1 * signs  # c_S - l1 s
    point = np.array(current, dtype=float)
    if l2 > 0:
        atol = np.sqrt(2 * l2 * gap_target)  # ||res||^2 / (2 l2) <= gap_target
    else:
        # 2 ||w||_1 ||res||_inf <= gap_target, with room for ||w||_1 to grow (a
        # start at zero says nothing about ||w||_1: rounding level then)
        norm = np.abs(point).sum()
        atol = gap_target / (4 * norm) if norm > 0 else 0.0
    # the system divided by its largest diagonal entry (G_jj + l2) has the same
    # solution, and CG's squared residuals stay in range when X and y are near 1e100
    unit = float(problem.column_sq_norms[support].max()) + l2
    if not unit > 0:
        return None
    if use_gram and k >= max(
        _SUPPORT_BLOCK_MIN_SIZE, _SUPPORT_BLOCK_MIN_SHARE * problem.p
    ):
        system = SupportBlock(problem.gram, support, l2, unit)
    else:
        if use_gram:
            system = problem.gram[support][:, support]
        else:
            X_s = problem.X[:, support]
            system = X_s.T @ X_s / problem.n
        system.flat[:: k + 1] += l2  # G_SS + l2 I (a fresh copy)
        system /= unit
    rhs = rhs / unit
    # a residual of the divided system is 1 / unit of the original's; and never
    # looser than a thousandth of the right-hand side
    atol = min(atol / unit, 1e-3 * float(np.sqrt(rhs @ rhs)))
    keep = np.ones(k, dtype=bool)
    improved = False
    for _ in range(k):
        kept = np.flatnonzero(keep)
        # w_S = (G_SS + l2 I)^{-1} (c_S - l1 s)
        solution = _solve_on(system, rhs, keep, point, atol)
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


def solve_on_sign_pattern_along(problem, support, signs, alphas, l1_ratio):
    """The sign pattern's minimizer at every alpha of a grid, from one eigensolve.

    On the pattern ``(S, s)`` the elastic net at ``alpha`` solves
    ``(G_SS + alpha (1 - r) I) w_S = c_S - alpha r s``; with ``G_SS = V diag(lam)
    V.T``::

        w_S(alpha) = V diag(1 / (lam + alpha (1 - r))) V.T (c_S - alpha r s)

    Returns ``(coefs, gram_coefs)``, one row per alpha: ``w`` (zero off ``S``) and
    ``G w`` (for ``Problem.duality_gap``), or ``None`` when ``G_SS`` is (nearly)
    singular and the lasso (``r = 1``) has no unique solution on it.
    """
    gram_rows = problem.gram[support]  # G[S, :]
    lam, V = np.linalg.eigh(gram_rows[:, support])
    shift = alphas[:, None] * (1.0 - l1_ratio) + lam  # lam + alpha (1 - r)
    if l1_ratio == 1 and lam.min(initial=1.0) <= 1e-10 * lam.max(initial=1.0):
        return None
    rhs = V.T @ problem.Xty[support] - alphas[:, None] * l1_ratio * (V.T @ signs)
    coefs = np.zeros((alphas.size, problem.p))
    coefs[:, support] = (rhs / shift) @ V.T
    return coefs, coefs[:, support] @ gram_rows


class SupportBlock:
    """``(G_SS + l2 I) / unit`` as the solves use it, without copying ``G_SS``.

    ``block @ v`` is one product with all of ``G`` (``v`` placed on ``S``, zeros
    elsewhere); ``block[rows]`` gives those rows as an array (for a factorization).
    """

    def __init__(self, gram, support, l2, unit):
        self.gram, self.support, self.l2, self.unit = gram, support, l2, unit

    def __matmul__(self, v):
        placed = np.zeros(self.gram.shape[0])
        placed[self.support] = v
        return ((self.gram @ placed)[self.support] + self.l2 * v) / self.unit

    def __getitem__(self, rows):
        rows = np.arange(self.support.size)[rows]
        block = self.gram[self.support[rows]][:, self.support]
        block[np.arange(rows.size), rows] += self.l2  # the rows of G_SS + l2 I
        return block / self.unit


def conjugate_gradient(
    system, rhs, start, mask, max_iter=_CG_MAX_ITER, rtol=1e-8, atol=0.0
):
    """CG for ``system x = rhs`` on the rows and columns where ``mask`` is 1.

    Returns ``x`` once ``||rhs - system x|| <= max(rtol ||rhs||, atol)``, or
    ``None`` if that is not reached in ``max_iter`` iterations.
    """
    x = start * mask
    residual = (rhs - system @ x) * mask  # r = b - A x
    direction = residual.copy()
    rs = residual @ residual
    target = max(rtol**2 * float((rhs * mask) @ (rhs * mask)), atol**2)
    for _ in range(max_iter):
        if rs <= target:
            return x
        product = (system @ direction) * mask
        step = rs / (direction @ product)  # a = r.r / p.A p
        x += step * direction
        residual -= step * product
        rs, rs_old = residual @ residual, rs
        direction = (
            residual + (rs / rs_old) * direction
        )  # p = r + (r.r / r_old.r_old) p
    return None


def _solve_on(system, rhs, keep, start, atol):
    """Solve the rows/columns ``keep`` of ``system x = rhs``; None if singular."""
    kept = np.flatnonzero(keep)
    if kept.size >= _CG_MIN_SIZE:
        x = conjugate_gradient(system, rhs, start, keep.astype(float), atol=atol)
        if x is not None:
            return x[kept]
    sub_system = system[kept][:, kept]
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
