"""Losses (data-fit terms) as functions of the linear predictor ``z = X w + b``.

Each loss knows its ``value(y, z)``, its ``gradient(y, z)`` with respect to ``z``
(so the gradient with respect to ``w`` is ``X.T @ gradient``), its ``curvature(y, z)``
(the second derivative, per sample), the Lipschitz constant of
``w -> X.T @ gradient(y, X w)``, and ``null_intercept(y)``, the best intercept of the
model with ``w = 0``. For duality gaps it also gives ``dual_value(y, theta)``, which
is ``-f*(-theta)`` (``f*`` the Fenchel conjugate), and
``dual_point(y, z, fit_intercept)``, the dual point built from a primal one.

The Fenchel dual of ``min_w f(X w) + g(w)`` is ``max_theta -f*(-theta) - g*(X.T theta)``
and every dual value is a lower bound on the optimum, so
``gap = primal(w) - dual(theta) >= primal(w) - optimum``: a certificate.
With an unpenalized intercept the dual adds the constraint ``sum(theta) = 0``.

``z`` and ``theta`` may also be 2-D, one row per problem (a path's alphas): every
method then works row by row and returns one number per row.
"""

import numpy as np
from scipy.special import entr, expit

from reglab._validation import check_array, check_sample_weight

__all__ = ["LogisticLoss", "SquaredLoss", "spectral_norm_squared"]


def spectral_norm_squared(X):
    """``||X||_2^2``: the top eigenvalue of the smaller of ``X.T X`` and ``X X.T``."""
    n, p = X.shape
    gram = X.T @ X if p <= n else X @ X.T
    return float(np.linalg.eigvalsh(gram)[-1])


def _number(value):
    return float(value) if np.ndim(value) == 0 else value


class _Loss:
    def __repr__(self):
        return f"{type(self).__name__}()"

    def __eq__(self, other):
        return type(self) is type(other)

    def __hash__(self):
        return hash(type(self).__name__)


class SquaredLoss(_Loss):
    """Least squares ``f(z) = ||y - z||^2 / (2 n)``."""

    name = "squared"

    def check_targets(self, y):
        """Any real targets will do."""
        return y

    def value(self, y, z):
        """``||y - z||^2 / (2 n)``."""
        residual = np.asarray(y, dtype=float) - z
        return _number(np.sum(residual * residual, axis=-1) / (2 * np.shape(z)[-1]))

    def gradient(self, y, z):
        """``(z - y) / n``."""
        return (z - np.asarray(y, dtype=float)) / np.shape(z)[-1]

    def curvature(self, y, z):
        """``f''(z) = 1 / n`` per sample."""
        return np.full(np.shape(z), 1.0 / np.shape(z)[-1])

    def lipschitz(self, X):
        """``||X||_2^2 / n``: the Lipschitz constant of ``X.T (X w - y) / n``."""
        return spectral_norm_squared(X) / X.shape[0]

    def null_intercept(self, y):
        """``mean(y)``: the best constant prediction."""
        return float(np.mean(y))

    def dual_value(self, y, theta):
        """``-f*(-theta) = theta.y - n ||theta||^2 / 2``."""
        n = np.shape(theta)[-1]
        return _number(np.sum(theta * y - 0.5 * n * theta * theta, axis=-1))

    def dual_point(self, y, z, fit_intercept=False):
        """``theta = (y - z) / n`` (minus its mean with an intercept: ``sum = 0``)."""
        theta = (np.asarray(y, dtype=float) - z) / np.shape(z)[-1]
        if fit_intercept:
            theta = theta - theta.mean(axis=-1, keepdims=True)
        return theta


class LogisticLoss(_Loss):
    """Logistic loss ``f(z) = (1/n) sum s_i log(1 + exp(-y_i z_i))``, ``y`` in {-1, +1}.

    Parameters
    ----------
    sample_weight : array_like of shape (n_samples,), optional
        Weights ``s_i >= 0``, rescaled to mean 1 (so a weight of 2 counts a row
        twice, a weight of 0 drops it, and all-equal weights change nothing).
        ``None``: every ``s_i = 1``.
    """

    name = "logistic"

    def __init__(self, sample_weight=None):
        self.sample_weight = None
        if sample_weight is not None:
            weights = check_array(sample_weight, "sample_weight", ndim=1)
            self.sample_weight = check_sample_weight(weights, weights.shape[0])

    def __repr__(self):
        if self.sample_weight is None:
            return "LogisticLoss()"
        return f"LogisticLoss(sample_weight=<{self.sample_weight.size} weights>)"

    def __eq__(self, other):
        if type(self) is not type(other):
            return False
        if self.sample_weight is None or other.sample_weight is None:
            return self.sample_weight is other.sample_weight
        return np.array_equal(self.sample_weight, other.sample_weight)

    def __hash__(self):
        return hash((type(self).__name__, self.sample_weight is None))

    def _weights(self, y):
        """``s`` for targets ``y``: checked to have one weight per sample."""
        n = np.shape(y)[-1]
        if self.sample_weight is None:
            return np.ones(n)
        if self.sample_weight.shape[0] != n:
            raise ValueError(
                f"`sample_weight` must have one weight per sample ({n}). Got "
                f"{self.sample_weight.shape[0]} instead."
            )
        return self.sample_weight

    def check_targets(self, y):
        """``y`` must hold both -1 and +1 (with nonzero weight) and nothing else."""
        labels = np.unique(y)
        if not np.all(np.isin(labels, (-1.0, 1.0))):
            shown = ", ".join(f"{v:g}" for v in labels[:5])
            raise ValueError(
                "`y` must contain only -1 and +1 for the logistic loss "
                "(regularization_path and LogisticRegression map labels for you). "
                f"Got values {shown} instead."
            )
        weighted = np.unique(np.asarray(y)[self._weights(y) > 0])
        if weighted.size < 2:
            # with one class the loss keeps decreasing as the intercept grows
            weighting = "" if self.sample_weight is None else ", each with a weight"
            raise ValueError(
                "`y` must contain both -1 and +1 for the logistic loss (two "
                f"classes{weighting}). Got only {weighted[0]:+g} instead."
            )
        return y

    def value(self, y, z):
        """``mean(s log(1 + exp(-y z)))``, as ``logaddexp(0, -y z)`` (no overflow)."""
        margins = -np.asarray(y, dtype=float) * z
        return _number(np.mean(self._weights(y) * np.logaddexp(0.0, margins), axis=-1))

    def gradient(self, y, z):
        """``-s y sigmoid(-y z) / n``."""
        y = np.asarray(y, dtype=float)
        return -self._weights(y) * y * expit(-y * z) / y.shape[0]

    def curvature(self, y, z):
        """``f''(z) = s q (1 - q) / n`` with ``q = sigmoid(-y z)``."""
        q = expit(-np.asarray(y, dtype=float) * z)
        return self._weights(y) * q * (1.0 - q) / np.shape(z)[-1]

    def lipschitz(self, X):
        """``||diag(sqrt(s)) X||_2^2 / (4 n)``: the sigmoid's slope is at most 1/4."""
        if self.sample_weight is not None:
            X = np.sqrt(self._weights(X.T))[:, None] * X
        return spectral_norm_squared(X) / (4 * X.shape[0])

    def null_intercept(self, y):
        """The weighted log-odds ``log(S_+ / S_-)``, where ``sigmoid(b) = S_+ / S``.

        ``S_+`` and ``S_-`` are the total weights of the two classes (their counts
        without weights), ``S`` their sum.
        """
        self.check_targets(y)
        weights = self._weights(y)
        positive = float(np.sum(weights[np.asarray(y) > 0]))
        return float(np.log(positive / (np.sum(weights) - positive)))

    def dual_value(self, y, theta):
        """``-f*(-theta) = (1/n) sum s_i H(n theta_i y_i / s_i)``, ``H`` binary entropy.

        Defined (finite) when every ``a_i = n theta_i y_i / s_i`` lies in [0, 1]
        (and ``theta_i = 0`` where ``s_i = 0``); ``-inf`` otherwise.
        """
        n = np.shape(theta)[-1]
        weights = self._weights(y)
        scaled = n * theta * np.asarray(y, dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            a = np.where(weights > 0, scaled / weights, np.where(scaled == 0, 0, -1))
        feasible = np.all((a >= -1e-12) & (a <= 1 + 1e-12), axis=-1)
        a = np.clip(a, 0.0, 1.0)
        # H(a) = -a log a - (1 - a) log(1 - a)
        entropy = np.sum(weights * (entr(a) + entr(1.0 - a)), axis=-1) / n
        return _number(np.where(feasible, entropy, -np.inf))

    def dual_point(self, y, z, fit_intercept=False):
        """``theta = s y sigmoid(-y z) / n``: minus the loss gradient.

        With an intercept the dual needs ``sum(theta) = 0``. The positive-class and
        negative-class parts have opposite signs; the larger one is scaled down to
        match the other, which keeps every ``n theta_i y_i / s_i`` in [0, 1]. At the
        optimum the intercept's own optimality makes the scale exactly 1.
        """
        theta = -self.gradient(y, z)
        if fit_intercept:
            y = np.asarray(y, dtype=float)
            positive = np.sum(np.where(y > 0, theta, 0.0), axis=-1, keepdims=True)
            negative = -np.sum(np.where(y < 0, theta, 0.0), axis=-1, keepdims=True)
            smaller = np.minimum(positive, negative)
            with np.errstate(divide="ignore", invalid="ignore"):
                scale_positive = np.where(positive > 0, smaller / positive, 1.0)
                scale_negative = np.where(negative > 0, smaller / negative, 1.0)
            theta = theta * np.where(y > 0, scale_positive, scale_negative)
        return theta
