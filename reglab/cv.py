"""K-fold cross-validation of a regularization path: ``alpha_min`` and ``alpha_1se``.

For every fold the whole path is fitted on the training rows, warm-started from one
alpha to the next, and scored by mean squared error on the held-out rows. The grid of
alphas is computed once, on the full data, so every fold is scored at the same alphas
(glmnet's ``cv.glmnet`` and scikit-learn's ``LassoCV`` do the same).

Two choices of alpha come out of the curve:

- ``alpha_min``: the alpha with the smallest mean CV error;
- ``alpha_1se``: the largest alpha whose mean CV error is within one standard error of
  that minimum (glmnet's ``lambda.1se``): the simplest model the data cannot tell apart
  from the best one.
"""

import numbers
from dataclasses import dataclass

import numpy as np
from sklearn.model_selection import KFold, check_cv

from reglab._validation import (
    check_bool,
    check_l1_ratio,
    check_random_state,
    check_scalar,
    check_X_y,
)
from reglab.paths import RegularizationPath, regularization_path
from reglab.solvers.threads import one_blas_thread

__all__ = ["CVPath", "cv_path", "make_splitter", "mean_and_standard_error"]


@dataclass(frozen=True)
class CVPath:
    """Cross-validation errors along a regularization path.

    Attributes
    ----------
    alphas : ndarray of shape (n_alphas,)
        Descending; computed on the full data.
    mse_folds : ndarray of shape (n_folds, n_alphas)
        Mean squared error on each held-out fold at each alpha.
    mse_mean : ndarray of shape (n_alphas,)
        Mean of ``mse_folds`` over the folds.
    mse_se : ndarray of shape (n_alphas,)
        Standard error of that mean: the sample standard deviation over folds
        (``ddof=1``) divided by ``sqrt(n_folds)``, as glmnet's ``cvsd``.
    alpha_min : float
        ``alphas[index_min]``, the alpha with the smallest ``mse_mean``.
    alpha_1se : float
        ``alphas[index_1se]``, the largest alpha with
        ``mse_mean <= mse_mean[index_min] + mse_se[index_min]``.
    index_min, index_1se : int
    path : RegularizationPath
        The path fitted on the full data; ``path.coefs[index_1se]`` is the model to
        report (``path.penalty`` is the penalty, when one was given).
    l1_ratio : float or None
    """

    alphas: np.ndarray
    mse_folds: np.ndarray
    mse_mean: np.ndarray
    mse_se: np.ndarray
    alpha_min: float
    alpha_1se: float
    index_min: int
    index_1se: int
    path: RegularizationPath
    l1_ratio: float

    @property
    def n_folds(self):
        """Number of folds the errors were averaged over."""
        return self.mse_folds.shape[0]


def make_splitter(cv, random_state, n_samples):
    """The splitter ``cv`` stands for: ``KFold(cv)`` for an int (shuffled with
    ``random_state`` when one is given), else a scikit-learn splitter or an
    iterable of (train, test) pairs, checked."""
    random_state = _check_random_state(random_state)
    if isinstance(cv, numbers.Integral) and not isinstance(cv, bool):
        n_splits = check_scalar(cv, "cv", low=2, integer=True)
        if n_splits > n_samples:
            raise ValueError(
                f"`cv` must be at most the number of samples ({n_samples}). Got "
                f"{n_splits} instead."
            )
        shuffle = random_state is not None
        return KFold(n_splits, shuffle=shuffle, random_state=random_state)
    if random_state is not None:
        raise ValueError(
            "`random_state` is only used when `cv` is an int (it shuffles KFold). Got "
            f"random_state={random_state!r} with cv={cv!r}; set the splitter's own "
            "random_state instead."
        )
    if isinstance(cv, str) or cv is None or isinstance(cv, bool):
        raise TypeError(
            "`cv` must be an int >= 2, a scikit-learn splitter or an iterable of "
            f"(train, test) index arrays. Got {cv!r} instead."
        )
    return check_cv(cv)


def _check_random_state(random_state):
    if isinstance(random_state, np.random.RandomState):
        return random_state
    return check_random_state(random_state)


def mean_and_standard_error(mse_folds):
    """Mean over folds (axis 0) and its standard error, glmnet's ``cvm``/``cvsd``.

    The standard error is the sample standard deviation over folds (``ddof=1``)
    divided by ``sqrt(n_folds)``.
    """
    n_folds = mse_folds.shape[0]
    if n_folds < 2:
        raise ValueError(
            f"`cv` must give at least 2 folds to estimate a standard error. Got "
            f"{n_folds} instead."
        )
    # taken of the errors divided by their largest: errors beyond 1e154 (y at 1e80
    # and more) would overflow when squared
    unit = np.max(mse_folds, axis=0)
    unit = np.where(unit > 0, unit, 1.0)
    mse_se = (mse_folds / unit).std(axis=0, ddof=1) * unit / np.sqrt(n_folds)
    return mse_folds.mean(axis=0), mse_se


@one_blas_thread
def cv_path(
    X,
    y,
    *,
    l1_ratio=1.0,
    cv=5,
    alphas=None,
    n_alphas=100,
    eps=1e-3,
    fit_intercept=True,
    tol=1e-6,
    max_iter=None,
    random_state=None,
    penalty=None,
):
    """Cross-validate a regularization path of the penalized least-squares problem.

    At each alpha of the path, each fold's model minimizes, on that fold's training
    rows only (``n_train`` of them)::

        (1 / (2 n_train)) ||y - X w - b||^2 + alpha * P(w)
        P(w) = l1_ratio * ||w||_1 + (1 - l1_ratio) / 2 * ||w||^2

    and is scored by the mean squared error ``mean((y_test - X_test w - b)^2)``.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    l1_ratio : float in [0, 1], default=1.0
        1 is the lasso, 0 ridge.
    cv : int, scikit-learn splitter or iterable of (train, test), default=5
        An int ``K`` means ``KFold(K)``, shuffled with ``random_state`` when one is
        given (the rows are not shuffled otherwise, so sorted data needs it).
    alphas : array_like, optional
        The grid; default ``n_alphas`` values log-spaced from ``alpha_max`` (on the
        full data) down to ``eps * alpha_max``.
    n_alphas : int, default=100
    eps : float, default=1e-3
    fit_intercept : bool, default=True
    tol : float, default=1e-6
        Relative duality gap every fit must reach.
    max_iter : int, optional
        Iteration budget per alpha (``None``: the solver's default).
    random_state : int in [0, 2**32 - 1] or numpy.random.RandomState, optional
        Seed for shuffling ``KFold`` when ``cv`` is an int.
    penalty : reglab.penalties penalty, optional
        Any penalty in place of the elastic net of ``l1_ratio`` (``WeightedL1``,
        ``GroupL1``, ``MCP``, ...), its alpha replaced along the grid as in
        ``regularization_path``; ``alpha * P(w)`` above is then that penalty.

    Returns
    -------
    CVPath
    """
    X, y = check_X_y(X, y)
    l1_ratio = check_l1_ratio(l1_ratio)
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    splitter = make_splitter(cv, random_state, X.shape[0])
    options = {
        "l1_ratio": l1_ratio,
        "fit_intercept": fit_intercept,
        "tol": tol,
        "max_iter": max_iter,
        "penalty": penalty,
    }
    # the grid is fixed once, on the full data, so all folds share it
    full_path = regularization_path(
        X, y, alphas=alphas, n_alphas=n_alphas, eps=eps, **options
    )
    grid = full_path.alphas

    mse_folds = []
    for train, test in splitter.split(X, y):
        fold_path = regularization_path(X[train], y[train], alphas=grid, **options)
        # predictions of every alpha at once: (n_test, n_alphas)
        predictions = X[test] @ fold_path.coefs.T + fold_path.intercepts
        mse_folds.append(np.mean((y[test, None] - predictions) ** 2, axis=0))
    mse_folds = np.array(mse_folds)
    mse_mean, mse_se = mean_and_standard_error(mse_folds)
    index_min = int(np.argmin(mse_mean))
    threshold = mse_mean[index_min] + mse_se[index_min]
    # alphas descend, so the first index under the threshold is the largest alpha
    index_1se = int(np.flatnonzero(mse_mean <= threshold)[0])
    return CVPath(
        alphas=grid,
        mse_folds=mse_folds,
        mse_mean=mse_mean,
        mse_se=mse_se,
        alpha_min=float(grid[index_min]),
        alpha_1se=float(grid[index_1se]),
        index_min=index_min,
        index_1se=index_1se,
        path=full_path,
        l1_ratio=full_path.l1_ratio,
    )
