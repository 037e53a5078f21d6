"""Losses (data-fit terms) as functions of the linear predictor ``z = X w + b``.

Each loss knows its ``value(y, z)``, its ``gradient(y, z)`` with respect to ``z``
(so the gradient with respect to ``w`` is ``X.T @ gradient``), and the Lipschitz
constant of ``w -> X.T @ gradient(y, X w)``. For duality gaps it also gives
``dual_value(y, theta)``, which is ``-f*(-theta)`` (``f*`` the Fenchel conjugate), and
``dual_point(y, z, fit_intercept)``, the dual point built from a primal one.

The Fenchel dual of ``min_w f(X w) + g(w)`` is ``max_theta -f*(-theta) - g*(X.T theta)``
and every dual value is a lower bound on the optimum, so
``gap = primal(w) - dual(theta) >= primal(w) - optimum``: a certificate.
With an unpenalized intercept the dual adds the constraint ``sum(theta) = 0``.
"""

import numpy as np
from scipy.special import entr, expit

__all__ = ["LogisticLoss", "SquaredLoss"]


def _spectral_norm_squared(X):
    """``||X||_2^2``: the top eigenvalue of the smaller of ``X.T X`` and ``X X.T``."""
    n, p = X.shape
    gram = X.T @ X if p <= n else X @ X.T
    return float(np.linalg.eigvalsh(gram)[-1])


class SquaredLoss:
    """Least squares ``f(z) = ||y - z||^2 / (2 n)``."""

    name = "squared"

    def __repr__(self):
        return "SquaredLoss()"

    def __eq__(self, other):
        return type(self) is type(other)

    def __hash__(self):
        return hash(type(self).__name__)

    def value(self, y, z):
        """``||y - z||^2 / (2 n)``."""
        residual = np.asarray(y, dtype=float) - z
        return float(residual @ residual / (2 * residual.shape[0]))

    def gradient(self, y, z):
        """``(z - y) / n``."""
        return (z - np.asarray(y, dtype=float)) / np.shape(z)[0]

    def lipschitz(self, X):
        """``||X||_2^2 / n``: the Lipschitz constant of ``X.T (X w - y) / n``."""
        return _spectral_norm_squared(X) / X.shape[0]

    def dual_value(self, y, theta):
        """``-f*(-theta) = theta.y - n ||theta||^2 / 2``."""
        n = theta.shape[0]
        return float(theta @ y - 0.5 * n * (theta @ theta))

    def dual_point(self, y, z, fit_intercept=False):
        """``theta = (y - z) / n`` (minus its mean with an intercept: ``sum = 0``)."""
        theta = (np.asarray(y, dtype=float) - z) / np.shape(z)[0]
        if fit_intercept:
            theta = theta - theta.mean()
        return theta


class LogisticLoss:
    """Logistic loss ``f(z) = (1/n) sum log(1 + exp(-y_i z_i))``, ``y`` in {-1, +1}."""

    name = "logistic"

    def __repr__(self):
        return "LogisticLoss()"

    def __eq__(self, other):
        return type(self) is type(other)

    def __hash__(self):
        return hash(type(self).__name__)

    def value(self, y, z):
        """``mean(log(1 + exp(-y z)))``, as ``logaddexp(0, -y z)`` (no overflow)."""
        return float(np.mean(np.logaddexp(0.0, -np.asarray(y, dtype=float) * z)))

    def gradient(self, y, z):
        """``-y * sigmoid(-y z) / n``."""
        y = np.asarray(y, dtype=float)
        return -y * expit(-y * z) / y.shape[0]

    def lipschitz(self, X):
        """``||X||_2^2 / (4 n)``: the sigmoid's slope is at most 1/4."""
        return _spectral_norm_squared(X) / (4 * X.shape[0])

    def dual_value(self, y, theta):
        """``-f*(-theta) = (1/n) sum H(n theta_i y_i)``, ``H`` the binary entropy.

        Defined (finite) when every ``a_i = n theta_i y_i`` lies in [0, 1];
        ``-inf`` otherwise.
        """
        n = theta.shape[0]
        a = n * theta * np.asarray(y, dtype=float)
        if np.any(a < -1e-12) or np.any(a > 1 + 1e-12):
            return -np.inf
        a = np.clip(a, 0.0, 1.0)
        # H(a) = -a log a - (1 - a) log(1 - a)
        return float(np.sum(entr(a) + entr(1.0 - a)) / n)

    def dual_point(self, y, z, fit_intercept=False):
        """``theta = y sigmoid(-y z) / n``: minus the loss gradient.

        With an intercept the dual needs ``sum(theta) = 0``. The positive-class and
        negative-class parts have opposite signs; the larger one is scaled down to
        match the other, which keeps every ``n theta_i y_i`` in [0, 1]. At the optimum
        the intercept's own optimality makes the scale exactly 1.
        """
        y = np.asarray(y, dtype=float)
        theta = y * expit(-y * z) / y.shape[0]
        if fit_intercept:
            positive = theta[y > 0].sum()
            negative = -theta[y < 0].sum()
            if positive > negative:
                theta[y > 0] *= negative / positive
            elif negative > positive:
                theta[y < 0] *= positive / negative
        return theta
