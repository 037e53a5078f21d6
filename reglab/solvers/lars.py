"""LARS / homotopy: the exact lasso path, knot by knot.

Objective (after centring when there is an intercept)::

    (1 / (2 n)) ||y - X w||^2 + alpha ||w||_1

The solution ``w(alpha)`` is piecewise linear in ``alpha``. On a stretch where the
active set ``A`` and the signs ``s_A`` do not change, the optimality conditions
``c_A = X_A.T (y - X w) / n = alpha s_A`` give::

    w_A(alpha - gamma) = w_A(alpha) + gamma d_A,   d_A = (X_A.T X_A / n)^{-1} s_A

and every correlation moves linearly, ``c(alpha - gamma) = c - gamma a`` with
``a = X.T X_A d_A / n``. The stretch ends at the first event:

- an inactive ``j`` reaches ``|c_j| = alpha - gamma`` and joins ``A`` (a knot), at
  ``gamma = (alpha - c_j) / (1 - a_j)`` or ``(alpha + c_j) / (1 + a_j)``;
- an active coefficient reaches zero and leaves ``A`` (the lasso modification of LARS,
  a "drop" step), at ``gamma = -w_j / d_j``.

Between knots the exact solution is the linear interpolation of the knots, so the
whole path at any alphas costs one pass. ``(X_A.T X_A / n)`` is kept as a Cholesky
factor updated one column at a time.
"""

from dataclasses import dataclass

import numpy as np

from reglab._validation import check_alpha, check_scalar
from reglab.penalties import L1
from reglab.problem import Problem
from reglab.solvers.linalg import (
    cholesky_lower,
    pack_lower_rows,
    packed_lower_solve,
    packed_upper_solve,
)
from reglab.solvers.result import result_from
from reglab.solvers.threads import one_blas_thread

__all__ = ["ActiveSet", "LarsPath", "lars_homotopy", "lars_path", "lasso_at_alphas"]

_EPS = float(np.finfo(float).eps)


@dataclass(frozen=True)
class LarsPath:
    """The exact lasso path as knots, with interpolation to any alpha.

    Attributes
    ----------
    alphas : ndarray of shape (n_knots,)
        Knots, descending from ``alpha_max`` to the path's end (``alpha_min``).
    coefs : ndarray of shape (n_knots, n_features)
        The exact lasso solution at each knot.
    intercepts : ndarray of shape (n_knots,)
    n_iter : int
        Number of homotopy steps (knots after the first).
    problem : Problem
        The problem the path solves; ``solve_at(alpha)`` certifies a point with it.

    ``alphas, coefs = lars_path(X, y)`` unpacks the knots.
    """

    alphas: np.ndarray
    coefs: np.ndarray
    intercepts: np.ndarray
    n_iter: int
    problem: Problem

    def __iter__(self):
        return iter((self.alphas, self.coefs))

    def coefs_at(self, alphas):
        """Exact lasso coefficients at each of ``alphas`` (linear between knots).

        Parameters
        ----------
        alphas : array_like of shape (m,), each in ``[alphas[-1], inf)``
            Above ``alpha_max`` the solution is zero.

        Returns
        -------
        coefs : ndarray of shape (m, n_features)
        intercepts : ndarray of shape (m,)
        """
        query = np.atleast_1d(np.asarray(alphas, dtype=float))
        if np.any(~np.isfinite(query)) or np.any(query < self.alphas[-1] * (1 - 1e-12)):
            raise ValueError(
                f"`alpha` must be >= {self.alphas[-1]:.6g}, where this path ends. Got "
                f"{query.min():.6g} instead; compute the path with a smaller "
                "alpha_min."
            )
        # knots ascending for searchsorted
        knots = self.alphas[::-1]
        query = np.clip(query, knots[0], knots[-1])
        # snap to a knot within rounding (alpha_max computed another way, say), so
        # that the exact zeros at alpha_max stay exact
        nearest = knots[np.clip(np.searchsorted(knots, query), 0, knots.size - 1)]
        query = np.where(np.abs(query - nearest) <= 1e-12 * nearest, nearest, query)
        right = np.clip(np.searchsorted(knots, query), 1, max(knots.size - 1, 1))
        if knots.size == 1:
            return (
                np.repeat(self.coefs[:1], query.size, axis=0),
                np.repeat(self.intercepts[:1], query.size),
            )
        left = right - 1
        span = knots[right] - knots[left]
        t = np.where(span > 0, (query - knots[left]) / np.where(span > 0, span, 1), 0)
        coefs_ascending = self.coefs[::-1]
        intercepts_ascending = self.intercepts[::-1]
        # w(alpha) = (1 - t) w_left + t w_right
        coefs = (1 - t)[:, None] * coefs_ascending[left] + t[:, None] * coefs_ascending[
            right
        ]
        intercepts = (1 - t) * intercepts_ascending[left] + t * intercepts_ascending[
            right
        ]
        return coefs, intercepts

    def coef_at(self, alpha):
        """``(coef, intercept)``: the exact lasso solution at one ``alpha``."""
        alpha = check_alpha(alpha)
        coefs, intercepts = self.coefs_at([alpha])
        return coefs[0], float(intercepts[0])

    def steps_to(self, alphas):
        """Homotopy steps taken down to each of ``alphas`` (descending)."""
        return np.searchsorted(-self.alphas, -np.asarray(alphas), side="right") - 1

    def solve_at(self, alpha, tol=1e-6):
        """The solution at ``alpha`` as a ``SolverResult``, with its duality gap."""
        coef, _ = self.coef_at(alpha)
        return result_from(
            self.problem,
            coef,
            0.0,
            L1(alpha),
            n_iter=max(int(self.steps_to([alpha])[0]), 0),
            tol=tol,
            solver="lars",
        )


@one_blas_thread
def lars_path(X, y, *, fit_intercept=True, alpha_min=0.0, max_steps=None):
    """The exact lasso path by LARS with the lasso modification (drop steps).

    Objective, for every ``alpha`` at once::

        (1 / (2 n)) ||y - X w - b||^2 + alpha ||w||_1

    the same as scikit-learn's ``Lasso(alpha)`` and ``lars_path(method="lasso")``
    (whose ``alphas`` use the same ``1/n`` scaling).

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    fit_intercept : bool, default True
    alpha_min : float, default 0.0
        Stop the path here (the last knot is the solution at ``alpha_min``).
    max_steps : int, optional
        Stop after this many knots (default ``8 * min(n, p) + 100``, far more than a
        path normally needs).

    Returns
    -------
    LarsPath
        Knots ``alphas`` (descending) and ``coefs``; ``coef_at(alpha)`` and
        ``coefs_at(alphas)`` interpolate exactly between them, ``solve_at(alpha)``
        adds the duality gap.

    Notes
    -----
    A column that is (numerically) a linear combination of the active ones cannot
    join: ``X_A.T X_A`` would be singular. Such ties (duplicated columns, or
    ``|A| = n`` when ``p > n``) are skipped, as scikit-learn does; the lasso solution
    is then one of several equally good ones.
    """
    problem = Problem(X, y, "squared", fit_intercept=fit_intercept)
    alpha_min = check_alpha(alpha_min, "alpha_min")
    if max_steps is not None:
        max_steps = check_scalar(max_steps, "max_steps", low=1, integer=True)
    return lars_homotopy(problem, alpha_min, max_steps)


class ActiveSet:
    """The active features, their signs and the Cholesky factor of ``G_AA``.

    ``G = X.T X / n`` (cached by the problem when ``use_gram``, else formed block by
    block from ``X``). ``add`` grows the factor by one column, ``remove`` rebuilds it.
    The active columns of ``G`` (or of ``X``) are kept side by side in one buffer,
    so that a step's products read ``|A|`` contiguous columns, not all ``p``.
    """

    def __init__(self, problem, use_gram):
        self.problem, self.use_gram = problem, use_gram
        self._gram = problem.gram if use_gram else None
        # columns A of G (p x |A|) or of X (n x |A|); at most min(n, p) are active
        rows, most = (problem.p if use_gram else problem.n), min(problem.n, problem.p)
        self._columns = np.zeros((rows, most + 1), order="F")
        # lower-triangular L with L L^T = G_AA, packed (see packed_lower_solve), and
        # z with L z = s_A: the first half of solving G_AA d = s_A, which grows by
        # one entry when L grows by one row (forward substitution)
        self._chol = np.zeros((most + 1) * (most + 2) // 2)
        self._z = np.zeros(most + 1)
        # and u with L u = c_A (c = X.T y / n), for the solution at an alpha
        self._c = problem.Xty
        self._u = np.zeros(most + 1)
        # the active features and their signs, in the order they joined
        self.size = 0
        self._features = np.zeros(most + 1, dtype=int)
        self._signs = np.zeros(most + 1)

    @property
    def features(self):
        """The active features, in the order they joined."""
        return self._features[: self.size]

    @property
    def signs(self):
        """``s_A``: the sign of each active feature's correlation."""
        return self._signs[: self.size]

    @property
    def active_columns(self):
        """``G[:, A]`` (with the Gram matrix) or ``X[:, A]``."""
        return self._columns[:, : self.size]

    def gram_block(self, rows, columns):
        """``X[:, rows].T X[:, columns] / n``."""
        if self.use_gram:
            return self._gram[rows][:, columns]
        X = self.problem.X
        return X[:, rows].T @ X[:, columns] / self.problem.n

    def gram_column(self, j):
        """``G[A, j] = X_A.T x_j / n`` (row ``j`` of the symmetric ``G``)."""
        if self.use_gram:
            return self.active_columns[j]
        return self.active_columns.T @ self.problem.X[:, j] / self.problem.n

    def gram_times(self, vector):
        """``X.T X_A v / n`` for ``v`` over the active set."""
        if self.use_gram:
            return self.active_columns @ vector  # G[:, A] v
        return self.problem.X.T @ (self.active_columns @ vector) / self.problem.n

    def add(self, j, sign):
        """Add feature ``j``; ``False`` (nothing added) if it depends on the others."""
        g_jj = self.problem.column_sq_norms[j]
        l_row = np.zeros(0)
        pivot = g_jj
        k = self.size
        if k:
            # L l = G_Aj, and the new diagonal entry is sqrt(G_jj - l.l)
            l_row = packed_lower_solve(self._chol, k, self.gram_column(j))
            pivot = g_jj - l_row @ l_row
        # relative to the column's own norm: the same decision at any scale of X
        if not g_jj > 0 or pivot <= 1e3 * _EPS * g_jj:
            return False
        # L's new row (l, sqrt(pivot)), appended to the packed factor
        used = k * (k + 1) // 2
        self._chol[used : used + k] = l_row
        self._chol[used + k] = np.sqrt(pivot)
        self._z[k] = (sign - l_row @ self._z[:k]) / self._chol[used + k]
        self._u[k] = (self._c[j] - l_row @ self._u[:k]) / self._chol[used + k]
        # G[:, j] is row j of the symmetric G (contiguous)
        self._columns[:, k] = self._gram[j] if self.use_gram else self.problem.X[:, j]
        self._features[k], self._signs[k] = j, sign
        self.size += 1
        return True

    def remove(self, index):
        """Drop the ``index``-th active feature and refactor the rows after it.

        With ``L = [[L11, 0, 0], [l', d, 0], [L31, l3, L33]]`` and feature ``index``
        in the middle row, the rows before it keep ``L11``, and ``L31`` stays beside
        it; only the trailing block is factored again, from its Schur complement::

            L33' L33'.T = G_TT - L31 L31.T      (T: the features after ``index``)
        """
        k = self.size
        j = int(self._features[index])
        for kept in (self._columns.T, self._features, self._signs):
            kept[index : k - 1] = kept[index + 1 : k].copy()
        self.size -= 1
        trailing = self.features[index:]
        if trailing.size:
            # row r of L starts at r (r + 1) / 2 in the packed layout
            starts = np.arange(index + 1, k) * np.arange(index + 2, k + 1) // 2
            l31 = self._chol[starts[:, None] + np.arange(index)]
            factor = cholesky_lower(self.gram_block(trailing, trailing) - l31 @ l31.T)
            if factor is None:
                raise np.linalg.LinAlgError("G_AA is not positive definite")
            # the new rows index, ..., size - 1 of L: (L31 | L33')
            used = index * (index + 1) // 2
            self._chol[used : self.size * (self.size + 1) // 2] = pack_lower_rows(
                np.hstack([l31, factor]), index
            )
            for kept, rhs in ((self._z, self.signs), (self._u, self._c[self.features])):
                kept[index : self.size] = packed_lower_solve(
                    self._chol, self.size, rhs
                )[index:]
        return j

    def solution(self, alpha):
        """``w_A = G_AA^{-1} (c_A - alpha s_A)``: the lasso at ``alpha`` if ``A`` and
        its signs are right (``L.T w_A = u - alpha z``); empty while ``A`` is."""
        k = self.size
        if k == 0:
            return np.zeros(0)
        return packed_upper_solve(self._chol, k, self._u[:k] - alpha * self._z[:k])

    def direction(self):
        """``d_A = G_AA^{-1} s_A``: how ``w_A`` moves as alpha decreases.

        ``L.T d_A = z``, with ``L z = s_A`` kept as the factor grows.
        """
        return packed_upper_solve(self._chol, self.size, self._z[: self.size])


# c_j reaches +(alpha - gamma) (row 0) or -(alpha - gamma) (row 1)
_SIDES = np.array([[1.0], [-1.0]])


def _entry_step(alpha, correlations, a, can_join, just_dropped):
    """Smallest ``gamma > 0`` at which a ``|c_j - gamma a_j|`` that ``can_join``
    reaches ``alpha - gamma``; ``(inf, None)`` if none does.

    Computed for every feature and masked (a gather of the inactive ones costs more
    than the arithmetic on all ``p`` at these sizes); the caller ignores division
    warnings.
    """
    # c_j - gamma a_j = s (alpha - gamma)  at  gamma = (alpha - s c_j) / (1 - s a_j)
    denominator = 1.0 - _SIDES * a
    g = (alpha - _SIDES * correlations) / denominator
    # a_j = +-1 means c_j moves in lockstep with the active correlations (a copy of
    # an active column): it never reaches the boundary, and 0/0 must not fake one
    valid = (g > _EPS * alpha) & (np.abs(denominator) > 1e-10) & can_join
    if just_dropped is not None:
        # the feature just dropped sits at |c_j| = alpha: its rounding-level "event"
        # at gamma ~ 0 is not one (its later re-entry, often with the other sign, is)
        valid[:, just_dropped] &= g[:, just_dropped] > 1e-9 * alpha
    g = np.where(valid, g, np.inf).min(axis=0)
    j = int(g.argmin())
    return (float(g[j]), j) if g[j] < np.inf else (np.inf, None)


def lars_homotopy(problem, alpha_min=0.0, max_steps=None):
    """Follow the lasso path from ``alpha_max`` down to ``alpha_min`` (the core).

    On each stretch ``w_A`` moves along ``d_A = G_AA^{-1} s_A`` and every correlation
    along ``a = G[:, A] d_A``; the stretch ends at the first entry, drop or
    ``alpha_min`` (see the module docstring).
    """
    p = problem.p
    if max_steps is None:
        max_steps = 8 * min(problem.n, p) + 100
    c0 = problem.Xty  # correlations at w = 0: X^T y / n
    w = np.zeros(p)
    correlations = c0.copy()
    alpha = float(np.max(np.abs(c0), initial=0.0))
    alphas, coefs = [alpha], [w.copy()]
    active = ActiveSet(problem, use_gram=problem.n >= p)
    # inactive and not dependent on the active columns (a dependent one never joins)
    can_join = np.ones(p, dtype=bool)
    steps = 0
    # the first feature: the largest |c_j| = alpha_max (skipping all-zero columns)
    if alpha > alpha_min:
        for j in np.argsort(-np.abs(correlations)):
            can_join[j] = False
            if active.add(j, np.sign(correlations[j])):
                break
    just_dropped = None
    # 0 / 0 and x / 0 in the event times mean "no event" (NaN and inf, which the
    # comparisons reject): no warnings for them
    with np.errstate(divide="ignore", invalid="ignore"):
        while active.size and steps < max_steps and alpha > alpha_min:
            steps += 1
            direction = active.direction()
            a = active.gram_times(direction)  # a = X^T X_A d_A / n
            gamma_enter, entering = _entry_step(
                alpha, correlations, a, can_join, just_dropped
            )
            # drop: w_j + gamma d_j = 0 for an active j
            w_a = w[active.features]
            g_drop = -w_a / direction
            g_drop[~(g_drop > _EPS * alpha)] = np.inf
            drop_index = int(g_drop.argmin())
            gamma_end = alpha - alpha_min
            gamma = min(gamma_enter, g_drop[drop_index], gamma_end)
            # w_A(alpha - gamma) = w_A + gamma d_A;  c(alpha - gamma) = c - gamma a
            w[active.features] = w_a + gamma * direction
            alpha -= gamma
            if steps % 10 == 0:
                # now and then recompute exactly (no drift): c = c0 - X^T X_A w_A / n
                correlations = c0 - active.gram_times(w[active.features])
            else:
                correlations = correlations - gamma * a
            just_dropped = None
            if gamma == g_drop[drop_index]:
                just_dropped = active.remove(drop_index)
                w[just_dropped] = 0.0
                can_join[just_dropped] = True
            elif entering is not None and gamma == gamma_enter:
                # joins, or (dependent on the active columns) a knot without a change
                can_join[entering] = False
                active.add(entering, np.sign(correlations[entering]))
            if gamma == gamma_end:
                alpha = alpha_min
            alphas.append(alpha)
            coefs.append(w.copy())
    coefs = np.array(coefs)
    return LarsPath(
        alphas=np.array(alphas),
        coefs=coefs,
        intercepts=problem.intercept(coefs),
        n_iter=steps,
        problem=problem,
    )


def lasso_at_alphas(problem, alphas, max_rounds=20):
    """The exact lasso at each of ``alphas`` (descending), by active-set solves.

    An acceleration of reading a grid off ``lars_homotopy``: the homotopy passes
    every knot between two grid points to keep ``A`` right, but at a grid point
    ``A`` can be found directly. From the previous alpha's active set and signs:

    1. solve ``G_AA w_A = c_A - alpha s_A`` (``ActiveSet.solution``);
    2. if a coefficient has the wrong sign, drop it and solve again;
    3. add every inactive ``j`` with ``|c_j - G_jA w_A| > alpha`` (the optimality
       condition it violates), with that correlation's sign, and solve again.

    When no sign is wrong and no condition is violated, ``w`` satisfies the lasso's
    optimality conditions: it is the solution at ``alpha``. On a fine grid a step
    takes one or two solves where the homotopy passes several knots.

    Returns ``(coefs, n_solves)``, one row per alpha, or ``None`` where this does
    not apply: a violating column that depends on the active ones (``|A|`` at the
    rank of ``X``, where the solution must trade features, which the homotopy's
    drop steps do), or a point not settled in ``max_rounds`` solves.
    """
    p, c = problem.p, problem.Xty
    active = ActiveSet(problem, use_gram=problem.n >= p)
    can_join = np.ones(p, dtype=bool)  # inactive
    coefs = np.zeros((alphas.size, p))
    n_solves = np.zeros(alphas.size, dtype=int)
    for k, alpha in enumerate(alphas):
        for _ in range(max_rounds):
            w_a = active.solution(alpha)
            n_solves[k] += 1
            wrong = np.flatnonzero(np.sign(w_a) != active.signs)
            if wrong.size:
                for index in wrong[::-1]:  # the last first: the indices stay valid
                    can_join[active.remove(int(index))] = True
                continue
            # q = c - G[:, A] w_A: the correlations with the residual
            q = c - active.gram_times(w_a)
            violating = np.flatnonzero(can_join & (np.abs(q) > alpha * (1 + 1e-12)))
            if violating.size == 0:
                break
            for j in violating[np.argsort(-np.abs(q[violating]))]:
                can_join[j] = False
                if not active.add(j, np.sign(q[j])):
                    return None
        else:
            return None
        coefs[k, active.features] = w_a
    return coefs, n_solves
