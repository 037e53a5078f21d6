"""Two-stage lasso fits: a first fit, refined by a second stage.

The lasso both selects features and shrinks the ones it keeps, with one ``alpha``
for both jobs: an ``alpha`` large enough to drop the noise features also shrinks
the true ones (bias), and one small enough to keep them unshrunk lets noise in.
Each method here gives the two jobs separate handles.

- **Adaptive lasso** (Zou 2006): a first fit ``w_init`` (ridge or least squares)
  gives each feature the weight ``1 / |w_init_j|^gamma``, then the weighted lasso
  ``(1 / (2 n)) ||y - X w - b||^2 + alpha sum_j |w_j| / |w_init_j|^gamma``
  penalizes large first-stage coefficients little (less bias) and small ones a lot
  (noise drops out sooner). With a consistent first stage it selects the true
  support with probability tending to 1, which the lasso does only under an
  irrepresentability condition. The weights depend on the units of ``X``:
  standardize the columns first.
- **Relaxed lasso** (the blend of Hastie, Tibshirani and Tibshirani 2020, after
  Meinshausen 2007; glmnet's ``relax=TRUE``): at each ``alpha``
  of the lasso path, the lasso's support is refit by unpenalized least squares and
  the two fits are blended, glmnet's convention::

      w(alpha, gamma) = gamma * w_lasso(alpha) + (1 - gamma) * w_refit(alpha)

  so ``gamma = 1`` is the lasso and ``gamma = 0`` the fully relaxed fit (least
  squares on the lasso's support); ``alpha`` selects, ``gamma`` sets the shrinkage.
  ``cv_relaxed`` cross-validates both, with glmnet's rules for the minimum and the
  1-SE choice.
"""

from dataclasses import dataclass

import numpy as np

from reglab._validation import check_array, check_option, check_scalar, check_X_y
from reglab.cv import cv_path, make_splitter, mean_and_standard_error
from reglab.paths import RegularizationPath, regularization_path
from reglab.penalties import WeightedL1
from reglab.problem import Problem
from reglab.solvers import solve
from reglab.solvers.ridge import RidgeSVD
from reglab.solvers.threads import one_blas_thread

__all__ = [
    "CVRelaxed",
    "RelaxedPath",
    "adaptive_lasso_path",
    "adaptive_weights",
    "cv_relaxed",
    "relaxed_path",
]

INITS = ("ridge", "ols")
DEFAULT_GAMMAS = (0.0, 0.25, 0.5, 0.75, 1.0)


# ------------------------------------------------------------------ adaptive lasso


RIDGE_EPS = 1e-7


def adaptive_weights(
    X, y, *, gamma=1.0, init="ridge", alpha_init=None, fit_intercept=True
):
    """The adaptive lasso's penalty factors ``1 / |w_init_j|^gamma``.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    gamma : float, > 0, default 1.0
        The power: larger ``gamma`` separates small and large first-stage
        coefficients more.
    init : {"ridge", "ols"} or array_like of shape (n_features,), default "ridge"
        The first stage: ridge regression (at ``alpha_init``), least squares
        (``alpha = 0``: the minimum-norm solution when ``p > n``), or given
        coefficients.
    alpha_init : float, >= 0, optional
        Ridge's ``alpha`` (reglab's convention, ``(alpha / 2) ||w||^2``). Default:
        the ``alpha_min`` of a 5-fold ``cv_path(X, y, l1_ratio=0, eps=1e-7)``
        (unshuffled folds, so the result is deterministic). Only with ``init="ridge"``.
    fit_intercept : bool, default True

    Returns
    -------
    ndarray of shape (n_features,)
        Finite weights > 0, for ``WeightedL1(alpha, weights)`` or
        ``Lasso(penalty_factor=weights)``.
    """
    X, y = check_X_y(X, y)
    gamma = check_scalar(gamma, "gamma", low=0.0, low_inclusive=False)
    if isinstance(init, str):
        check_option(init, "init", INITS)
        if init == "ols":
            if alpha_init is not None:
                raise ValueError(
                    "`alpha_init` is only used with init='ridge'. Got "
                    f"alpha_init={alpha_init!r} with init='ols'."
                )
            alpha_init = 0.0
        elif alpha_init is None:
            # a path's default ridge grid (glmnet's) ends at the lasso's alpha_max,
            # where ridge still shrinks hard; seven decades reach least squares
            alpha_init = cv_path(
                X, y, l1_ratio=0.0, eps=RIDGE_EPS, fit_intercept=fit_intercept
            ).alpha_min
        coef = solve(
            X, y, alpha=alpha_init, l1_ratio=0.0, fit_intercept=fit_intercept
        ).coef
    else:
        if alpha_init is not None:
            raise ValueError(
                "`alpha_init` is only used with init='ridge'. Got "
                f"alpha_init={alpha_init!r} with given coefficients."
            )
        coef = check_array(init, "init", ndim=1)
        if coef.size != X.shape[1]:
            raise ValueError(
                f"`init` must have one coefficient per feature ({X.shape[1]}). Got "
                f"{coef.size} instead."
            )
    magnitude = np.abs(coef)
    if np.any(magnitude == 0):
        raise ValueError(
            "`init` gave exactly zero coefficients (features "
            f"{np.flatnonzero(magnitude == 0).tolist()}), whose weight 1 / 0 would "
            "exclude them; use a first stage without exact zeros (ridge) or drop "
            "those columns."
        )
    with np.errstate(over="raise"):
        try:
            weights = magnitude**-gamma
        except FloatingPointError:
            raise ValueError(
                f"`init` has coefficients so small that 1 / |w|^{gamma:g} overflows; "
                "rescale X or lower `gamma`."
            ) from None
    return weights


def adaptive_lasso_path(
    X, y, *, gamma=1.0, init="ridge", alpha_init=None, **path_kwargs
):
    """The adaptive lasso along a grid: ``regularization_path`` with
    ``WeightedL1(alpha, adaptive_weights(X, y, ...))``.

    Objective at each ``alpha``::

        (1 / (2 n)) ||y - X w - b||^2 + alpha * sum_j |w_j| / |w_init_j|^gamma

    Parameters
    ----------
    X, y, gamma, init, alpha_init
        As in :func:`adaptive_weights`.
    **path_kwargs
        Passed to :func:`reglab.regularization_path` (``alphas``, ``n_alphas``,
        ``eps``, ``fit_intercept``, ``tol``, ``max_iter``); the default grid starts
        at the weighted lasso's own ``alpha_max``.

    Returns
    -------
    RegularizationPath
        ``path.penalty.weights`` are the weights used.
    """
    fit_intercept = path_kwargs.get("fit_intercept", True)
    weights = adaptive_weights(
        X,
        y,
        gamma=gamma,
        init=init,
        alpha_init=alpha_init,
        fit_intercept=fit_intercept,
    )
    return regularization_path(X, y, penalty=WeightedL1(1.0, weights), **path_kwargs)


# ------------------------------------------------------------------- relaxed lasso


def _check_gammas(gammas):
    gammas = check_array(gammas, "gammas", ndim=1)
    if np.any((gammas < 0) | (gammas > 1)):
        raise ValueError(
            f"`gammas` must be in [0, 1] (1 is the lasso, 0 the least-squares refit). "
            f"Got {gammas.tolist()!r} instead."
        )
    return np.unique(gammas)


@dataclass(frozen=True)
class RelaxedPath:
    """The relaxed lasso along a path (glmnet's ``relax=TRUE``).

    Attributes
    ----------
    alphas : ndarray of shape (n_alphas,)
        Descending, the lasso path's grid.
    gammas : ndarray of shape (n_gammas,)
        Ascending; 1 is the lasso, 0 the least-squares refit on its support.
    coefs : ndarray of shape (n_gammas, n_alphas, n_features)
        ``gamma * lasso + (1 - gamma) * refit`` for each gamma and alpha.
    intercepts : ndarray of shape (n_gammas, n_alphas)
    n_nonzero : ndarray of shape (n_alphas,)
        The lasso's support size at each alpha (the same for every gamma < 1 too,
        up to a refit coefficient that is exactly zero).
    lasso : RegularizationPath
        The first stage.
    refit_coefs : ndarray of shape (n_alphas, n_features)
        Least squares on the lasso's support at each alpha (minimum-norm when the
        support has more features than samples), zero off it.
    refit_intercepts : ndarray of shape (n_alphas,)
    """

    alphas: np.ndarray
    gammas: np.ndarray
    coefs: np.ndarray
    intercepts: np.ndarray
    n_nonzero: np.ndarray
    lasso: RegularizationPath
    refit_coefs: np.ndarray
    refit_intercepts: np.ndarray

    def blend(self, gamma):
        """``(coefs, intercepts)`` at one ``gamma`` in [0, 1], every alpha.

        ``w = gamma * w_lasso + (1 - gamma) * w_refit`` (and the same for ``b``).
        """
        gamma = check_scalar(gamma, "gamma", low=0.0, high=1.0)
        return _blend(gamma, self.lasso, self.refit_coefs, self.refit_intercepts)

    def coef_at(self, alpha, gamma):
        """``(coef, intercept)`` at a grid ``alpha`` and any ``gamma`` in [0, 1].

        Only grid alphas: between two of them the refit's support is not defined
        (interpolate the lasso with ``lasso.coef_at`` instead).
        """
        alpha = check_scalar(alpha, "alpha", low=0.0)
        on_grid = np.flatnonzero(np.isclose(self.alphas, alpha, rtol=1e-12, atol=0))
        if on_grid.size == 0:
            raise ValueError(
                "`alpha` must be one of the path's alphas (the refit is defined on "
                f"the lasso's support at a grid point). Got {alpha!r} instead."
            )
        coefs, intercepts = self.blend(gamma)
        k = on_grid[0]
        return coefs[k].copy(), float(intercepts[k])


def _blend(gamma, lasso, refit_coefs, refit_intercepts):
    # w(alpha, gamma) = gamma w_lasso(alpha) + (1 - gamma) w_refit(alpha)
    coefs = gamma * lasso.coefs + (1.0 - gamma) * refit_coefs
    intercepts = gamma * lasso.intercepts + (1.0 - gamma) * refit_intercepts
    return coefs, intercepts


def _refit_on_supports(problem, coefs):
    """Least squares on each row's support: ``(coefs, intercepts)``.

    One SVD per distinct support; ``alpha = 0`` of ``RidgeSVD`` is the
    minimum-norm least-squares solution.
    """
    refit = np.zeros_like(coefs)
    solved = {}
    for k, row in enumerate(coefs):
        support = np.flatnonzero(row)
        if support.size == 0:
            continue
        key = support.tobytes()
        if key not in solved:
            sub = problem.columns(support)
            solved[key] = RidgeSVD.from_problem(sub).coef_path([0.0])[0]
        refit[k, support] = solved[key]
    return refit, problem.intercept(refit)


@one_blas_thread
def relaxed_path(X, y, *, gammas=DEFAULT_GAMMAS, **path_kwargs):
    """The relaxed lasso: the lasso path, its supports refit, blended by ``gamma``.

    At each ``alpha`` of the lasso path (``regularization_path`` with
    ``l1_ratio=1``), with ``S`` the lasso's support::

        w_refit = argmin_{w : w_j = 0 off S} (1 / (2 n)) ||y - X w - b||^2
        w(alpha, gamma) = gamma * w_lasso + (1 - gamma) * w_refit

    glmnet's ``relax=TRUE`` and ``gamma``: ``gamma = 1`` is the lasso,
    ``gamma = 0`` the unpenalized refit. This blend is Hastie, Tibshirani and
    Tibshirani's (2020) simplified form; Meinshausen's (2007) relaxed lasso refits
    the support with a smaller lasso penalty instead, and the two agree only for
    orthonormal columns.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    gammas : array_like of floats in [0, 1], default (0, 0.25, 0.5, 0.75, 1)
        glmnet's default grid.
    **path_kwargs
        Passed to :func:`reglab.regularization_path` (``alphas``, ``n_alphas``,
        ``eps``, ``fit_intercept``, ``tol``, ``max_iter``, ``solver``); the loss is
        squared and the penalty L1.

    Returns
    -------
    RelaxedPath
    """
    gammas = _check_gammas(gammas)
    for name in ("loss", "l1_ratio", "penalty"):
        if name in path_kwargs:
            raise TypeError(
                f"relaxed_path fits the lasso with the squared loss; `{name}` cannot "
                "be set."
            )
    lasso = regularization_path(X, y, **path_kwargs)
    X, y = check_X_y(X, y)
    problem = Problem(X, y, fit_intercept=path_kwargs.get("fit_intercept", True))
    refit_coefs, refit_intercepts = _refit_on_supports(problem, lasso.coefs)
    blended = [_blend(g, lasso, refit_coefs, refit_intercepts) for g in gammas]
    return RelaxedPath(
        alphas=lasso.alphas,
        gammas=gammas,
        coefs=np.array([coefs for coefs, _ in blended]),
        intercepts=np.array([intercepts for _, intercepts in blended]),
        n_nonzero=lasso.n_nonzero,
        lasso=lasso,
        refit_coefs=refit_coefs,
        refit_intercepts=np.asarray(refit_intercepts, dtype=float),
    )


@dataclass(frozen=True)
class CVRelaxed:
    """Cross-validation of the relaxed lasso over ``(alpha, gamma)``.

    Attributes
    ----------
    alphas : ndarray of shape (n_alphas,)
        Descending; computed on the full data.
    gammas : ndarray of shape (n_gammas,)
        Ascending.
    mse_folds : ndarray of shape (n_folds, n_gammas, n_alphas)
    mse_mean, mse_se : ndarray of shape (n_gammas, n_alphas)
        Mean over folds and its standard error (as in ``cv_path``).
    alpha_min, gamma_min : float
        Where ``mse_mean`` is smallest (ties: the largest alpha, then the largest
        gamma).
    alpha_1se, gamma_1se : float
        glmnet's 1-SE rule over both: among the pairs with ``mse_mean <=
        mse_mean[min] + mse_se[min]``, the largest alpha and, at it, the largest
        gamma (the sparsest support, then the most shrinkage).
    index_min, index_1se : tuple of int
        ``(gamma index, alpha index)``.
    path : RelaxedPath
        Fitted on the full data; ``path.coefs[index_1se]`` is the model to report.
    """

    alphas: np.ndarray
    gammas: np.ndarray
    mse_folds: np.ndarray
    mse_mean: np.ndarray
    mse_se: np.ndarray
    alpha_min: float
    gamma_min: float
    alpha_1se: float
    gamma_1se: float
    index_min: tuple
    index_1se: tuple
    path: RelaxedPath


def _largest_alpha_then_gamma(candidates):
    """``(g, k)``: the smallest alpha index (alphas descend) with a candidate,
    and at it the largest gamma index (gammas ascend) -- glmnet's order."""
    k = int(np.flatnonzero(candidates.any(axis=0))[0])
    g = int(np.flatnonzero(candidates[:, k])[-1])
    return g, k


@one_blas_thread
def cv_relaxed(
    X,
    y,
    *,
    gammas=DEFAULT_GAMMAS,
    cv=5,
    alphas=None,
    n_alphas=100,
    eps=1e-3,
    fit_intercept=True,
    tol=1e-6,
    max_iter=None,
    random_state=None,
):
    """K-fold cross-validation of the relaxed lasso over ``(alpha, gamma)``.

    Each fold fits ``relaxed_path`` on its training rows at the full data's grid of
    alphas and scores every ``(alpha, gamma)`` by the mean squared error on its
    held-out rows. The minimum and the 1-SE choice follow glmnet's
    ``cv.glmnet(relax=TRUE)`` (``getOptcv.relaxed``): see ``CVRelaxed``. Put
    ``gamma = 1`` in ``gammas`` to have the plain lasso's CV error on the same
    folds (``mse_mean[-1]``).

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    gammas : array_like of floats in [0, 1], default (0, 0.25, 0.5, 0.75, 1)
    cv : int, scikit-learn splitter or iterable of (train, test), default 5
        As in ``cv_path``.
    alphas, n_alphas, eps, fit_intercept, tol, max_iter
        As in ``regularization_path``.
    random_state : int or numpy.random.RandomState, optional
        Shuffles ``KFold`` when ``cv`` is an int.

    Returns
    -------
    CVRelaxed
    """
    X, y = check_X_y(X, y)
    gammas = _check_gammas(gammas)
    splitter = make_splitter(cv, random_state, X.shape[0])
    options = {"fit_intercept": fit_intercept, "tol": tol, "max_iter": max_iter}
    full = relaxed_path(
        X, y, gammas=gammas, alphas=alphas, n_alphas=n_alphas, eps=eps, **options
    )
    mse_folds = []
    for train, test in splitter.split(X, y):
        fold = relaxed_path(
            X[train], y[train], gammas=gammas, alphas=full.alphas, **options
        )
        # predictions at every (gamma, alpha): (n_gammas, n_alphas, n_test)
        predictions = fold.coefs @ X[test].T + fold.intercepts[..., None]
        mse_folds.append(np.mean((y[test] - predictions) ** 2, axis=-1))
    mse_folds = np.array(mse_folds)
    mse_mean, mse_se = mean_and_standard_error(mse_folds)
    index_min = _largest_alpha_then_gamma(mse_mean <= mse_mean.min())
    threshold = mse_mean[index_min] + mse_se[index_min]
    index_1se = _largest_alpha_then_gamma(mse_mean <= threshold)
    return CVRelaxed(
        alphas=full.alphas,
        gammas=gammas,
        mse_folds=mse_folds,
        mse_mean=mse_mean,
        mse_se=mse_se,
        alpha_min=float(full.alphas[index_min[1]]),
        gamma_min=float(gammas[index_min[0]]),
        alpha_1se=float(full.alphas[index_1se[1]]),
        gamma_1se=float(gammas[index_1se[0]]),
        index_min=index_min,
        index_1se=index_1se,
        path=full,
    )
