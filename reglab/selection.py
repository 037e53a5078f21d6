"""Choosing alpha without refitting on folds: leave-one-out and GCV for ridge, AIC
and BIC for the lasso path.

Ridge is a linear smoother: its fitted values are ``y_hat = H y`` with the hat matrix
``H = 1 1.T / n + U diag(s^2 / (s^2 + n alpha)) U.T`` (``X - mean = U diag(s) V.T``).
Two shortcuts follow from one SVD, for every alpha at once:

- leave-one-out: the error on row ``i`` of the fit without row ``i`` is
  ``r_i / (1 - H_ii)`` (``r = y - y_hat``), so
  ``LOO(alpha) = mean((r_i / (1 - H_ii))^2)``. The fit without row ``i`` keeps the
  penalty's weight against the *summed* squared error, ``n alpha``; in reglab's
  mean-loss convention that is ``alpha n / (n - 1)`` on the ``n - 1`` rows.
- generalized cross-validation (Golub, Heath & Wahba 1979) replaces every ``H_ii``
  by their mean ``tr(H) / n``: ``GCV(alpha) = mean(r^2) / (1 - tr(H) / n)^2``.

For the lasso the number of nonzero coefficients is an unbiased estimate of the
degrees of freedom (Zou, Hastie & Tibshirani 2007), so along the exact (LARS) path::

    AIC = n log(2 pi sigma^2) + RSS / sigma^2 + 2 df
    BIC = n log(2 pi sigma^2) + RSS / sigma^2 + log(n) df

with ``sigma^2`` the noise variance, estimated from least squares on all features
when ``n > p + 1``: scikit-learn's ``LassoLarsIC`` computes the same criteria.
"""

from dataclasses import dataclass

import numpy as np

from reglab._validation import check_X_y
from reglab.solvers import RidgeSVD, lars_path

__all__ = [
    "InformationCriteria",
    "lasso_information_criteria",
    "ridge_gcv",
    "ridge_loo",
]


def _ridge_fits(X, y, alphas):
    X, y = check_X_y(X, y)
    ridge = RidgeSVD(X, y)
    alphas = np.atleast_1d(np.asarray(alphas, dtype=float))
    coefs = ridge.coef_path(alphas)  # also checks the alphas
    # one column per alpha: (n_samples, n_alphas)
    residuals = y[:, None] - (X @ coefs.T + ridge.intercept_path(coefs))
    return ridge, alphas, residuals


def ridge_loo(X, y, alphas):
    """Leave-one-out mean squared error of ridge (with intercept) at each alpha.

    ``mean((r_i / (1 - H_ii))^2)`` from one SVD; equal to refitting ``n`` times
    without row ``i`` at ``alpha n / (n - 1)`` (the same weight ``n alpha`` against
    the summed squared error).

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    alphas : array_like of shape (n_alphas,), each > 0

    Returns
    -------
    ndarray of shape (n_alphas,)
    """
    ridge, alphas, residuals = _ridge_fits(X, y, alphas)
    if np.any(alphas <= 0):
        raise ValueError(
            "`alphas` must be > 0 for leave-one-out: at alpha = 0 with p >= n - 1 a "
            "row's leverage can be 1. Got a value <= 0."
        )
    leverages = np.column_stack([ridge.hat_diagonal(alpha) for alpha in alphas])
    return np.mean((residuals / (1.0 - leverages)) ** 2, axis=0)


def ridge_gcv(X, y, alphas):
    """Generalized cross-validation ``mean(r^2) / (1 - tr(H) / n)^2`` at each alpha.

    ``tr(H)`` is the effective degrees of freedom plus one for the intercept.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    alphas : array_like of shape (n_alphas,), each > 0

    Returns
    -------
    ndarray of shape (n_alphas,)
    """
    ridge, alphas, residuals = _ridge_fits(X, y, alphas)
    if np.any(alphas <= 0):
        raise ValueError("`alphas` must be > 0 for GCV. Got a value <= 0.")
    trace = ridge.effective_df(alphas) + 1.0  # + 1: the intercept
    n = ridge.n_samples
    return np.mean(residuals**2, axis=0) / (1.0 - trace / n) ** 2


@dataclass(frozen=True)
class InformationCriteria:
    """AIC and BIC at every knot of the exact lasso path.

    Attributes
    ----------
    alphas : ndarray of shape (n_knots,)
        The LARS knots, descending, down to least squares at ``alpha = 0``.
    coefs : ndarray of shape (n_knots, n_features)
    intercepts : ndarray of shape (n_knots,)
    rss : ndarray of shape (n_knots,)
        Residual sum of squares ``||y - X w - b||^2``.
    df : ndarray of shape (n_knots,)
        Number of nonzero coefficients.
    noise_variance : float
    aic, bic : ndarray of shape (n_knots,)
    alpha_aic, alpha_bic : float
        The knots where each criterion is smallest.
    """

    alphas: np.ndarray
    coefs: np.ndarray
    intercepts: np.ndarray
    rss: np.ndarray
    df: np.ndarray
    noise_variance: float
    aic: np.ndarray
    bic: np.ndarray

    @property
    def alpha_aic(self):
        return float(self.alphas[np.argmin(self.aic)])

    @property
    def alpha_bic(self):
        return float(self.alphas[np.argmin(self.bic)])


def lasso_information_criteria(X, y, *, noise_variance=None):
    """AIC and BIC along the exact lasso path (with intercept).

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    noise_variance : float, optional
        ``sigma^2``. By default estimated as ``RSS_OLS / (n - p - 1)`` from least
        squares on all features, which needs ``n > p + 1``.

    Returns
    -------
    InformationCriteria
    """
    X, y = check_X_y(X, y)
    n, p = X.shape
    if noise_variance is None:
        if n <= p + 1:
            raise ValueError(
                "`noise_variance` must be given when n_samples <= n_features + 1 "
                f"(least squares fits the data exactly). Got n_samples={n}, "
                f"n_features={p}."
            )
        least_squares = RidgeSVD(X, y).solve(0.0)
        residual = y - X @ least_squares.coef - least_squares.intercept
        noise_variance = float(residual @ residual) / (n - p - 1)
    elif not np.isfinite(noise_variance) or noise_variance <= 0:
        raise ValueError(
            f"`noise_variance` must be a positive number. Got {noise_variance!r} "
            "instead."
        )
    path = lars_path(X, y)
    residuals = y[:, None] - (X @ path.coefs.T + path.intercepts)
    rss = np.sum(residuals**2, axis=0)
    df = np.count_nonzero(path.coefs, axis=1)
    fit = n * np.log(2 * np.pi * noise_variance) + rss / noise_variance
    return InformationCriteria(
        alphas=path.alphas,
        coefs=path.coefs,
        intercepts=path.intercepts,
        rss=rss,
        df=df,
        noise_variance=float(noise_variance),
        aic=fit + 2.0 * df,
        bic=fit + np.log(n) * df,
    )
