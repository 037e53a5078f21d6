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

from reglab._validation import check_alpha, check_bool, check_scalar, check_X_y
from reglab.solvers._linalg import (
    cholesky_lower,
    cholesky_solve,
    triangular_solve_lower,
)
from reglab.solvers.coordinate_descent import _CenteredData

__all__ = ["LarsPath", "lars_path"]


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
    active : list of int
        Features in the order they entered (a feature that leaves and re-enters
        appears twice).
    n_iter : int
        Number of homotopy steps (knots after the first).

    ``alphas, coefs = lars_path(X, y)`` unpacks the knots.
    """

    alphas: np.ndarray
    coefs: np.ndarray
    intercepts: np.ndarray
    active: list
    n_iter: int

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
        ``coefs_at(alphas)`` interpolate exactly between them.

    Notes
    -----
    A column that is (numerically) a linear combination of the active ones cannot
    join: ``X_A.T X_A`` would be singular. Such ties (duplicated columns, or
    ``|A| = n`` when ``p > n``) are skipped, as scikit-learn does; the lasso solution
    is then one of several equally good ones.
    """
    X, y = check_X_y(X, y)
    alpha_min = check_alpha(alpha_min, "alpha_min")
    data = _CenteredData(X, y, check_bool(fit_intercept, "fit_intercept"))
    if max_steps is None:
        max_steps = 8 * min(data.n, data.p) + 100
    max_steps = check_scalar(max_steps, "max_steps", low=1, integer=True)
    return _lars(data, alpha_min, max_steps)


def _lars(data, alpha_min, max_steps):
    n, p = data.n, data.p
    use_gram = data.use_gram
    c0 = data.Xty  # correlations at w = 0: X^T y / n
    w = np.zeros(p)
    correlations = c0.copy()
    alpha = float(np.max(np.abs(c0), initial=0.0))
    alphas, coefs, entered = [alpha], [w.copy()], []
    if alpha <= alpha_min or alpha == 0:
        return _finish(data, alphas, coefs, entered, 0)

    active = []  # feature indices, in the order of the Cholesky factor
    signs = []
    chol = np.zeros((0, 0))  # lower-triangular L with L L^T = X_A^T X_A / n
    excluded = np.zeros(p, dtype=bool)  # columns that cannot join (dependent)
    tiny = np.finfo(float).eps
    steps = 0

    def gram_times(vector):
        """``X.T X_A v / n`` for ``v`` over the active set: O(p |A|) or O(n p)."""
        if use_gram:
            # G[:, A] v as G v_full (v_full zero off A): no copy of G's columns
            full = np.zeros(p)
            full[active] = vector
            return data.gram @ full
        return data.X.T @ (data.X[:, active] @ vector) / n

    def gram_block(rows, columns):
        """``X[:, rows].T X[:, columns] / n``."""
        if use_gram:
            return data.gram[np.ix_(rows, columns)]
        return data.X[:, rows].T @ data.X[:, columns] / n

    def try_add(j):
        """Grow the Cholesky factor by column j; False if j is dependent."""
        nonlocal chol
        g_jj = data.column_sq_norms[j]
        if active:
            # L l = G_Aj, and the new diagonal entry is sqrt(G_jj - l.l)
            g_aj = gram_block(active, [j])[:, 0]
            l_row = triangular_solve_lower(chol, g_aj)
            pivot = g_jj - l_row @ l_row
        else:
            l_row = np.zeros(0)
            pivot = g_jj
        if pivot <= 1e3 * tiny * max(g_jj, tiny):
            return False
        k = len(active)
        grown = np.zeros((k + 1, k + 1), order="F")  # LAPACK order: no copies
        grown[:k, :k] = chol
        grown[k, :k] = l_row
        grown[k, k] = np.sqrt(pivot)
        chol = grown
        return True

    def rebuild():
        nonlocal chol
        if active:
            chol = cholesky_lower(gram_block(active, active))
        else:
            chol = np.zeros((0, 0))

    def enter(j):
        """Add feature j to the active set; False (and exclude it) if dependent."""
        if try_add(j):
            active.append(int(j))
            signs.append(float(np.sign(correlations[j])))
            entered.append(int(j))
            return True
        excluded[j] = True
        return False

    # the first feature: the largest |c_j| = alpha_max (skipping all-zero columns)
    inactive = np.ones(p, dtype=bool)
    for j in np.argsort(-np.abs(correlations)):
        if enter(j):
            break
    else:
        return _finish(data, alphas, coefs, entered, 0)
    inactive[active[-1]] = False
    just_dropped = None

    while steps < max_steps:
        steps += 1
        s_a = np.array(signs)
        # d_A = (X_A^T X_A / n)^{-1} s_A, via L L^T
        direction = cholesky_solve(chol, s_a)
        a = gram_times(direction)  # a = X^T X_A d_A / n

        # entry: |c_j - gamma a_j| = alpha - gamma for an inactive j
        gamma_enter = np.inf
        candidates = inactive & ~excluded
        if candidates.any():
            index = np.flatnonzero(candidates)
            c_i, a_i = correlations[index], a[index]
            # a_j = +-1 means c_j moves in lockstep with the active correlations (a
            # copy of an active column): it never reaches the boundary, and 0/0
            # rounding must not fake an event
            with np.errstate(divide="ignore", invalid="ignore"):
                g1 = np.where(
                    np.abs(1 - a_i) > 1e-10, (alpha - c_i) / (1 - a_i), np.inf
                )
                g2 = np.where(
                    np.abs(1 + a_i) > 1e-10, (alpha + c_i) / (1 + a_i), np.inf
                )
            # a step must be positive; the feature just dropped sits at
            # |c_j| = alpha, so its rounding-level "event" at gamma ~ 0 is not one
            # (its later re-entry, often with the other sign, is)
            smallest = np.full(index.size, tiny * alpha)
            if just_dropped is not None:
                smallest[index == just_dropped] = 1e-9 * alpha
            g = np.minimum(
                np.where(g1 > smallest, g1, np.inf),
                np.where(g2 > smallest, g2, np.inf),
            )
            if g.size and np.isfinite(g.min()):
                entering = int(index[np.argmin(g)])
                gamma_enter = float(g.min())
        # drop: w_j + gamma d_j = 0 for an active j
        w_a = w[active]
        with np.errstate(divide="ignore", invalid="ignore"):
            g_drop = -w_a / direction
        g_drop[~np.isfinite(g_drop) | (g_drop <= tiny * alpha)] = np.inf
        drop_index = int(np.argmin(g_drop))
        gamma_drop = float(g_drop[drop_index])
        gamma_end = alpha - alpha_min

        gamma = min(gamma_enter, gamma_drop, gamma_end)
        w[active] = w_a + gamma * direction
        alpha -= gamma
        if steps % 10 == 0:
            # now and then recompute exactly (no drift): c = c0 - X^T X_A w_A / n
            correlations = c0 - gram_times(w[active])
        else:
            correlations = correlations - gamma * a  # c(alpha - gamma) = c - gamma a

        if gamma == gamma_end:
            alphas.append(alpha_min)
            coefs.append(w.copy())
            break
        just_dropped = None
        if gamma == gamma_drop:
            j = active.pop(drop_index)
            just_dropped = j
            signs.pop(drop_index)
            w[j] = 0.0
            inactive[j] = True
            rebuild()
        else:
            if not enter(entering):
                # it cannot join (dependent on the active columns): a knot without
                # a change, the path goes on in the same direction
                alphas.append(alpha)
                coefs.append(w.copy())
                continue
            inactive[entering] = False
        alphas.append(alpha)
        coefs.append(w.copy())
        if alpha <= alpha_min:
            break
    return _finish(data, alphas, coefs, entered, steps)


def _finish(data, alphas, coefs, entered, steps):
    coefs = np.array(coefs)
    intercepts = (
        data.y_mean - coefs @ data.x_mean
        if data.fit_intercept
        else np.zeros(len(alphas))
    )
    return LarsPath(
        alphas=np.array(alphas),
        coefs=coefs,
        intercepts=intercepts,
        active=entered,
        n_iter=steps,
    )
