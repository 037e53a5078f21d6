"""Ridge regression in closed form through one SVD of the centred ``X``.

Objective (reglab's convention, ``l1_ratio = 0``)::

    (1 / (2 n)) ||y - X w - b||^2 + alpha / 2 ||w||^2

Setting the gradient to zero gives ``(X.T X / n + alpha I) w = X.T y / n``. With the
thin SVD ``X = U diag(s) V.T`` (of the centred ``X`` when there is an intercept)::

    w(alpha) = V diag(s / (s^2 + n alpha)) U.T y

so after one SVD every new ``alpha`` costs O(p min(n, p)) -- a slider move. At
``alpha = 0`` the zero singular values are dropped (``s / s^2 -> 1 / s`` only for
``s > 0``), which is the minimum-norm least-squares solution: correct when ``p > n``.
scikit-learn's ``Ridge`` minimizes ``||y - X w||^2 + alpha_sk ||w||^2``, so
``alpha_sk = n * alpha``.

**An acceleration** of a path (``tridiagonal_coef_path``, ablation row in
``benchmarks/solvers.py``): when ``n >= p`` and every alpha is well above rounding,
``coef_path`` stops the eigendecomposition of ``G = X.T X / n`` half-way, at the
tridiagonal ``T`` of ``G = Q T Q.T`` (Householder reflections, a third of the work),
and solves ``(T + alpha I) u = Q.T c`` for every alpha in O(p), ``w = Q u``.
"""

import numpy as np
from scipy.linalg import lapack

from reglab._validation import check_alpha
from reglab.penalties import L1L2
from reglab.problem import Problem
from reglab.solvers.result import result_from
from reglab.solvers.threads import one_blas_thread

__all__ = ["RidgeSVD", "tridiagonal_coef_path"]


def _thin_svd(X, gram=None):
    """Thin SVD ``X = U diag(s) V.T``, through the smaller Gram matrix when safe.

    ``gram``: ``X.T X`` when ``n >= p``, if the caller has it.

    Returns ``U``, ``s`` and ``V.T``; ``U`` (when ``n >= p``) or ``V.T`` (when
    ``p > n``) is ``None`` where it was not formed.

    The eigendecomposition of ``X.T X`` (or ``X X.T`` when ``p > n``) costs a
    fraction of a direct SVD and is what scikit-learn's ``RidgeCV`` uses; but it
    squares the condition number, so singular values below ``1e-4 s_max`` lose
    accuracy. When any appears that is not an exact zero (ill-conditioned ``X``, such
    as polynomial features), the direct SVD is used instead.
    """
    n, p = X.shape
    tall = n >= p
    if gram is None:
        gram = X.T @ X if tall else X @ X.T  # V S^2 V^T  or  U S^2 U^T
    eigenvalues, eigenvectors = np.linalg.eigh(gram)
    eigenvalues, eigenvectors = eigenvalues[::-1], eigenvectors[:, ::-1]
    top = eigenvalues[0] if eigenvalues.size else 0.0
    # eigenvalues at rounding level are exact zeros (rank deficiency, such as the
    # one centring creates when p > n); ones between that and 1e-8 top cannot be
    # told apart from rounding after squaring: then take the direct SVD
    zero = eigenvalues <= 1e-13 * top
    unclear = ~zero & (eigenvalues < 1e-8 * top)
    if top <= 0 or unclear.any():
        return np.linalg.svd(X, full_matrices=False)
    eigenvalues, eigenvectors = eigenvalues[~zero], eigenvectors[:, ~zero]
    s = np.sqrt(eigenvalues)
    if tall:
        # U = X V S^-1 costs as much as the Gram matrix: not formed
        return None, s, eigenvectors.T
    # V^T = S^-1 U^T X costs as much as the Gram matrix again: RidgeSVD applies it
    # to coefficient rows instead of forming it
    return eigenvectors, s, None


# Below this fraction of trace(G) >= lambda_max(G) an alpha is too small for the
# Gram matrix route: G's rounding (about eps lambda_max) would move w by more than
# 1e-8 relative (the direct SVD's threshold in _thin_svd).
_TRIDIAGONAL_MIN_SHIFT = 1e-8


def tridiagonal_coef_path(problem, alphas):
    """Ridge coefficients at every alpha from one tridiagonal reduction of ``G``.

    An acceleration of ``RidgeSVD.coef_path`` for ``n >= p``. The eigendecomposition
    ``G = V diag(lam) V.T`` starts by reducing ``G`` to a tridiagonal ``T`` with
    Householder reflections, ``G = Q T Q.T`` (LAPACK ``sytrd``), and spends two more
    such costs on ``T``'s eigenvectors and on applying ``Q`` to them. A path needs
    none of that::

        (G + alpha I) w = c   <=>   (T + alpha I) u = Q.T c,   w = Q u

    and each tridiagonal system is solved in O(p) (all alphas as one block-diagonal
    system, LAPACK ``ptsv``); ``Q`` is applied to the ``u``'s as a product of
    reflections (``ormqr``).

    Returns ``(n_alphas, p)`` coefficients, or ``None`` where it does not apply
    (``p > n``, an alpha below ``_TRIDIAGONAL_MIN_SHIFT trace(G)``, a system not
    positive definite in floats): then the SVD is the route.
    """
    n, p = problem.n, problem.p
    floor = _TRIDIAGONAL_MIN_SHIFT * float(np.sum(problem.column_sq_norms))
    if p > n or p < 2 or not floor > 0 or alphas.min() < floor:
        return None
    m = alphas.size
    lwork, info = lapack.dsytrd_lwork(p, lower=1)
    if info != 0:
        return None
    # G = Q T Q^T: T's diagonal d and off-diagonal e; Q's reflections below e, in
    # the layout of a QR factorization of the trailing (p - 1) x (p - 1) block
    packed, d, e, tau, info = lapack.dsytrd(problem.gram, lower=1, lwork=int(lwork))
    if info != 0:
        return None
    reflections = packed[1:, : p - 1]
    rhs = problem.Xty.copy()[:, None]  # Q^T c (Q's first row and column are e_1)
    rhs[1:], _, info = lapack.dormqr(b"L", b"T", reflections, tau, rhs[1:], p)
    if info != 0:
        return None
    # (T + alpha_k I) u_k = Q^T c for every k: one block-diagonal tridiagonal system,
    # the blocks uncoupled by zeros on its off-diagonal
    diagonal = (d + alphas[:, None]).ravel()
    off = np.zeros((m, p))
    off[:, :-1] = e
    _, _, u, info = lapack.dptsv(diagonal, off.ravel()[:-1], np.tile(rhs[:, 0], m))
    if info != 0:
        return None
    u = np.asfortranarray(u.reshape(m, p).T)
    # w = Q u
    u[1:], _, info = lapack.dormqr(b"L", b"N", reflections, tau, u[1:], 64 * m)
    if info != 0:
        return None
    return u.T


class RidgeSVD:
    """Closed-form ridge for any number of alphas from one cached SVD.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    fit_intercept : bool, default True
        Centre ``X`` and ``y`` first; the intercept is ``mean(y) - mean(X) . w``.

    Attributes
    ----------
    singular_values : ndarray of shape (k,), ``k = min(n, p)``
        Singular values of the centred ``X``, descending.
    rank : int
        Number of singular values above ``max(n, p) * eps * s_max``.

    ``from_problem`` computes the SVD on first use (a path through
    ``tridiagonal_coef_path`` needs none).

    Examples
    --------
    >>> ridge = RidgeSVD(X, y)                       # doctest: +SKIP
    >>> ridge.solve(0.1).coef                        # doctest: +SKIP
    >>> ridge.coef_path(np.logspace(-3, 1, 50))      # doctest: +SKIP
    """

    @one_blas_thread
    def __init__(self, X, y, *, fit_intercept=True):
        self._factor(Problem(X, y, "squared", fit_intercept=fit_intercept))
        self._decompose()  # here, under the one-thread BLAS policy

    @classmethod
    def from_problem(cls, problem):
        """The SVD of a squared-loss ``reglab.problem.Problem`` already built.

        Computed on first use, by the caller's thread policy (``one_blas_thread``).
        """
        ridge = cls.__new__(cls)
        ridge._factor(problem)
        return ridge

    def _factor(self, problem):
        self.problem = problem
        self.fit_intercept = problem.fit_intercept
        self.n_samples, self.n_features = problem.X.shape
        self._s = None  # the SVD, computed by _decompose on first use

    def _decompose(self):
        if self._s is not None:
            return
        X, y = self.problem.X, self.problem.y  # centred with an intercept
        # a tall problem's Gram matrix is the problem's (kept for its certificates)
        gram = self.n_samples * self.problem.gram if X.shape[0] >= X.shape[1] else None
        U, s, Vt = _thin_svd(X, gram)  # X = U diag(s) V^T
        self._singular_values = np.concatenate([s, np.zeros(min(X.shape) - s.size)])
        cutoff = max(X.shape) * np.finfo(float).eps * (s[0] if s.size else 0.0)
        self._rank = int(np.sum(s > cutoff))
        self._s = s[: self._rank]
        self._Vt = None if Vt is None else Vt[: self._rank]
        if U is None:
            self._U = None
            self._Uty = self._Vt @ (X.T @ y) / self._s  # U^T y = S^-1 V^T X^T y
        else:
            self._U = U[:, : self._rank]
            self._Uty = self._U.T @ y  # U^T y

    @property
    def singular_values(self):
        self._decompose()
        return self._singular_values

    @property
    def rank(self):
        self._decompose()
        return self._rank

    def _rotated_coef(self, alpha):
        """``V.T w = diag(s / (s^2 + n alpha)) U.T y`` (for ``s > 0`` only)."""
        self._decompose()
        return self._s / (self._s**2 + self.n_samples * alpha) * self._Uty

    def solve(self, alpha):
        """Ridge solution at ``alpha`` (``alpha = 0``: minimum-norm least squares).

        Parameters
        ----------
        alpha : float, >= 0

        Returns
        -------
        SolverResult
            ``certificate`` is the relative duality gap for ``alpha > 0`` and, at
            ``alpha = 0``, the relative KKT residual; both are at rounding level.
        """
        alpha = check_alpha(alpha)
        # w = V diag(s / (s^2 + n alpha)) U^T y
        coef = self._rotate_back(self._rotated_coef(alpha))
        return result_from(
            self.problem,
            coef,
            0.0,
            L1L2(alpha, 0.0),
            n_iter=0,
            tol=np.inf,
            solver="svd",
        )

    def _rotate_back(self, rotated):
        """``V z`` for rows ``z`` in the SVD basis; ``V = X.T U / s`` if not formed."""
        if self._Vt is not None:
            return rotated @ self._Vt
        return ((rotated / self._s) @ self._U.T) @ self.problem.X

    def coef_path(self, alphas, *, tridiagonal=True):
        """Coefficients for many alphas at once.

        Parameters
        ----------
        alphas : array_like of shape (n_alphas,), each >= 0
        tridiagonal : bool, default True
            Solve through ``tridiagonal_coef_path`` where it applies and the SVD is
            not already computed (an acceleration; ``False`` for the benchmark's
            ablation row).

        Returns
        -------
        ndarray of shape (n_alphas, n_features)
        """
        alphas = self._check_alphas(alphas)
        if tridiagonal and self._s is None:
            coefs = tridiagonal_coef_path(self.problem, alphas)
            if coefs is not None:
                return coefs
        self._decompose()
        # row k: diag(s / (s^2 + n alpha_k)) U^T y, then rotate back by V
        shrink = self._s / (self._s**2 + self.n_samples * alphas[:, None])
        return self._rotate_back(shrink * self._Uty)

    def certificates(self, alphas):
        """Certificates of the closed-form solutions at many alphas.

        The same quantity ``solve(alpha).certificate`` reports (the relative KKT
        residual at ``alpha = 0``), for all alphas at once.
        """
        alphas = self._check_alphas(alphas)
        values, _ = self.problem.certificates(self.coef_path(alphas), 0.0, alphas, 0.0)
        return values

    def intercept_path(self, coefs):
        """Intercepts ``mean(y) - mean(X) . w`` for rows of ``coefs``."""
        return self.problem.intercept(np.asarray(coefs, dtype=float))

    def _check_alphas(self, alphas):
        alphas = np.atleast_1d(np.asarray(alphas, dtype=float))
        if alphas.ndim != 1 or alphas.size == 0:
            raise ValueError(
                f"`alphas` must be a non-empty 1-D array. Got shape {alphas.shape} "
                "instead."
            )
        if not np.all(np.isfinite(alphas)) or np.any(alphas < 0):
            raise ValueError(
                "`alphas` must be finite and >= 0. Got values outside that range."
            )
        return alphas

    def hat_diagonal(self, alpha):
        """Diagonal of the hat matrix ``H`` with ``y_hat = H y`` at ``alpha``.

        ``H = U diag(s^2 / (s^2 + n alpha)) U.T`` (plus ``1/n`` per entry for the
        intercept, when there is one): the leverages that leave-one-out and GCV
        read off one SVD (``reglab.selection``).
        """
        alpha = check_alpha(alpha)
        self._decompose()
        shrink = self._s**2 / (self._s**2 + self.n_samples * alpha)
        if self._U is None:
            self._U = (self.problem.X @ self._Vt.T) / self._s  # U = X V S^-1
        diagonal = (self._U**2) @ shrink
        if self.fit_intercept:
            diagonal = diagonal + 1.0 / self.n_samples
        return diagonal

    def effective_df(self, alpha):
        """Effective degrees of freedom ``sum_i s_i^2 / (s_i^2 + n alpha)``.

        The trace of the hat matrix without the intercept: ``rank(X)`` at
        ``alpha = 0``, falling smoothly to 0 as ``alpha`` grows. Accepts a scalar or
        an array of alphas.
        """
        self._decompose()
        alphas = np.asarray(alpha, dtype=float)
        if alphas.ndim == 0:
            alpha = check_alpha(float(alphas))
            return float(np.sum(self._s**2 / (self._s**2 + self.n_samples * alpha)))
        alphas = self._check_alphas(alphas)
        return np.sum(
            self._s**2 / (self._s**2 + self.n_samples * alphas[:, None]), axis=1
        )
