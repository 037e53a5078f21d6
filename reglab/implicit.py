"""Regularization without a penalty term, each written as the ridge problem it mimics.

Three habits of deep learning shrink a model without adding ``alpha * P(w)`` to the
loss. On a linear model with reglab's squared loss
``(1 / (2 n)) ||y - X w||^2`` (``X`` and ``y`` centred, no intercept) each one is
ridge, exactly or nearly:

- **early stopping**: gradient descent from ``w = 0`` with step ``eta``, stopped after
  ``t`` steps. Along each singular direction of ``X`` (eigenvalue ``lam`` of
  ``X^T X / n``) it has fitted the fraction ``1 - (1 - eta lam)^t`` of the
  least-squares coefficient, where ridge fits ``lam / (lam + alpha)``; the two are
  close for ``alpha = 1 / (eta t)`` (Friedman & Popescu 2004; Ali, Kolter &
  Tibshirani 2019).
- **dropout** of the inputs, each entry kept with probability ``1 - q`` and scaled by
  ``1 / (1 - q)``: the expected loss is the loss plus
  ``(q / (1 - q)) / (2 n) * sum_j w_j^2 ||x_j||^2``, a ridge whose penalty on each
  coefficient is weighted by its feature's mean square (Wager, Wang & Liang 2013).
- **input noise** ``x + s e`` with ``e ~ N(0, I)``: the expected loss is the loss plus
  ``s^2 / 2 * ||w||^2``, ridge with ``alpha = s^2`` (Bishop 1995).

The expectations are exact; a finite number of noisy or dropped-out copies of the
data approaches them (``dropout_copies``, ``noise_copies``), which is how notebook 08
checks each statement.
"""

import numpy as np

from reglab._validation import check_scalar, check_X_y

__all__ = [
    "dropout_copies",
    "dropout_ridge",
    "early_stopping_alpha",
    "gradient_descent_path",
    "noise_copies",
]


def gradient_descent_path(X, y, *, learning_rate, n_steps):
    """Every iterate of gradient descent on ``(1 / (2 n)) ||y - X w||^2`` from 0.

    ``w_{k+1} = w_k + learning_rate * X^T (y - X w_k) / n``, ``w_0 = 0``. ``X`` and
    ``y`` should be centred (there is no intercept).

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    learning_rate : float, > 0
        Step size. Below ``2 / lam_max`` (``lam_max`` the largest eigenvalue of
        ``X^T X / n``) the iterates converge to least squares.
    n_steps : int, >= 1

    Returns
    -------
    coefs : ndarray of shape (n_steps + 1, n_features)
        ``coefs[k]`` is ``w_k``; ``coefs[0]`` is all zeros.
    """
    X, y = check_X_y(X, y)
    learning_rate = check_scalar(
        learning_rate, "learning_rate", low=0.0, low_inclusive=False
    )
    n_steps = check_scalar(n_steps, "n_steps", low=1, integer=True)
    n = X.shape[0]
    coefs = np.zeros((n_steps + 1, X.shape[1]))
    # Overflow only happens when the iterates diverge, reported below as an error.
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(n_steps):
            # w <- w + eta X^T (y - X w) / n
            coefs[k + 1] = coefs[k] + learning_rate * X.T @ (y - X @ coefs[k]) / n
    if not np.all(np.isfinite(coefs)):
        raise ValueError(
            "Gradient descent diverged: the iterates became inf or NaN. Lower "
            f"`learning_rate` (got {learning_rate!r}) below 2 / (largest eigenvalue "
            "of X^T X / n)."
        )
    return coefs


def early_stopping_alpha(n_steps, learning_rate):
    """The ridge ``alpha`` that ``n_steps`` of gradient descent resemble: 1 / (eta t).

    Parameters
    ----------
    n_steps : int or array_like of int, >= 1
    learning_rate : float, > 0

    Returns
    -------
    float or ndarray
    """
    learning_rate = check_scalar(
        learning_rate, "learning_rate", low=0.0, low_inclusive=False
    )
    steps = np.asarray(n_steps)
    if not np.issubdtype(steps.dtype, np.integer) or np.any(steps < 1):
        raise ValueError(f"`n_steps` must be integers >= 1. Got {n_steps!r} instead.")
    return 1.0 / (learning_rate * steps)


def dropout_ridge(X, y, *, drop_rate):
    """The minimizer of the expected squared loss under dropout of the inputs.

    Each entry of ``X`` is kept with probability ``1 - drop_rate`` and then divided by
    ``1 - drop_rate`` (inverted dropout, as in Keras and PyTorch), so its mean is
    unchanged. The expected loss is ridge with a weight per coefficient::

        (1 / (2 n)) ||y - X w||^2 + (1 / 2) sum_j c_j w_j^2,
        c_j = drop_rate / (1 - drop_rate) * ||x_j||^2 / n

    whose solution is ``(X^T X + drop_rate / (1 - drop_rate) diag(X^T X))^{-1}
    X^T y``. With standardized columns (``||x_j||^2 / n = 1``) it is plain ridge with
    ``alpha = drop_rate / (1 - drop_rate)``. ``X`` and ``y`` should be centred.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    drop_rate : float in [0, 1)
        Probability that an entry is dropped (PyTorch's ``p`` in ``nn.Dropout``).

    Returns
    -------
    coef : ndarray of shape (n_features,)
    """
    X, y = check_X_y(X, y)
    drop_rate = check_scalar(
        drop_rate, "drop_rate", low=0.0, high=1.0, high_inclusive=False
    )
    gram = X.T @ X
    odds = drop_rate / (1.0 - drop_rate)
    # (X^T X + odds diag(X^T X)) w = X^T y
    return np.linalg.solve(gram + odds * np.diag(np.diag(gram)), X.T @ y)


def _check_copies(X, y, n_copies, random_state):
    X, y = check_X_y(X, y)
    n_copies = check_scalar(n_copies, "n_copies", low=1, integer=True)
    return X, y, n_copies, np.random.default_rng(random_state)


def dropout_copies(X, y, *, drop_rate, n_copies, random_state=0):
    """``n_copies`` dropped-out copies of ``X`` stacked, with ``y`` repeated.

    Least squares on the stack minimizes the average loss over these dropout masks,
    which approaches the expected loss that ``dropout_ridge`` minimizes.

    Returns
    -------
    X_stacked : ndarray of shape (n_copies * n_samples, n_features)
    y_stacked : ndarray of shape (n_copies * n_samples,)
    """
    X, y, n_copies, rng = _check_copies(X, y, n_copies, random_state)
    drop_rate = check_scalar(
        drop_rate, "drop_rate", low=0.0, high=1.0, high_inclusive=False
    )
    keep = rng.random((n_copies, *X.shape)) >= drop_rate
    X_stacked = (X * keep / (1.0 - drop_rate)).reshape(-1, X.shape[1])
    return X_stacked, np.tile(y, n_copies)


def noise_copies(X, y, *, noise_sd, n_copies, random_state=0):
    """``n_copies`` copies of ``X + noise_sd * e`` (``e ~ N(0, 1)``) stacked, ``y``
    repeated.

    Least squares on the stack approaches ridge with ``alpha = noise_sd ** 2``.

    Returns
    -------
    X_stacked : ndarray of shape (n_copies * n_samples, n_features)
    y_stacked : ndarray of shape (n_copies * n_samples,)
    """
    X, y, n_copies, rng = _check_copies(X, y, n_copies, random_state)
    noise_sd = check_scalar(noise_sd, "noise_sd", low=0.0)
    noisy = X + noise_sd * rng.standard_normal((n_copies, *X.shape))
    return noisy.reshape(-1, X.shape[1]), np.tile(y, n_copies)
