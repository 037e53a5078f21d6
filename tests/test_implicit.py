"""reglab.implicit: early stopping, dropout and input noise as the ridge they mimic."""

import numpy as np
import pytest
from sklearn.linear_model import Ridge

from reglab.implicit import (
    dropout_copies,
    dropout_ridge,
    early_stopping_alpha,
    gradient_descent_path,
    noise_copies,
)


@pytest.fixture
def data():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((60, 5)) * np.array([0.5, 1.0, 2.0, 3.0, 5.0])
    X -= X.mean(axis=0)
    y = X @ np.array([1.0, -2.0, 0.5, 0.0, 0.3]) + rng.standard_normal(60)
    return X, y - y.mean()


def test_gradient_descent_matches_its_spectral_formula(data):
    # w_t = V diag((1 - (1 - eta lam)^t) / lam) V^T X^T y / n
    X, y = data
    n = X.shape[0]
    lam, V = np.linalg.eigh(X.T @ X / n)
    eta = 1.0 / lam.max()
    coefs = gradient_descent_path(X, y, learning_rate=eta, n_steps=50)
    for t in [0, 1, 7, 50]:
        factor = (1.0 - (1.0 - eta * lam) ** t) / lam
        expected = V @ (factor * (V.T @ X.T @ y / n))
        np.testing.assert_allclose(coefs[t], expected, atol=1e-10)


def test_gradient_descent_reaches_least_squares(data):
    X, y = data
    lam = np.linalg.eigvalsh(X.T @ X / X.shape[0])
    coefs = gradient_descent_path(X, y, learning_rate=1.0 / lam.max(), n_steps=20000)
    np.testing.assert_allclose(coefs[-1], np.linalg.lstsq(X, y)[0], atol=1e-8)


def test_gradient_descent_divergence_is_an_error(data):
    X, y = data
    with pytest.raises(ValueError, match="learning_rate"):
        gradient_descent_path(X, y, learning_rate=1e3, n_steps=2000)


def test_early_stopping_alpha():
    assert early_stopping_alpha(10, 0.5) == pytest.approx(0.2)
    np.testing.assert_allclose(early_stopping_alpha([1, 4], 0.25), [4.0, 1.0])
    with pytest.raises(ValueError, match="n_steps"):
        early_stopping_alpha(0, 0.1)
    with pytest.raises(ValueError, match="learning_rate"):
        early_stopping_alpha(3, 0.0)


def test_dropout_ridge_zeroes_the_expected_gradient(data):
    # expected loss: (1/2n)||y - Xw||^2 + (q/(1-q)) / (2n) sum_j ||x_j||^2 w_j^2
    X, y = data
    n, q = X.shape[0], 0.3
    w = dropout_ridge(X, y, drop_rate=q)
    gradient = -X.T @ (y - X @ w) / n + q / (1 - q) * np.sum(X**2, axis=0) / n * w
    np.testing.assert_allclose(gradient, 0.0, atol=1e-10)


def test_dropout_ridge_is_ridge_on_standardized_features(data):
    X, y = data
    q = 0.2
    scale = np.sqrt(np.mean(X**2, axis=0))
    ridge = Ridge(alpha=X.shape[0] * q / (1 - q), fit_intercept=False)
    expected = ridge.fit(X / scale, y).coef_ / scale  # sklearn's alpha = n alpha
    np.testing.assert_allclose(dropout_ridge(X, y, drop_rate=q), expected, rtol=1e-10)
    np.testing.assert_allclose(
        dropout_ridge(X, y, drop_rate=0.0), np.linalg.lstsq(X, y)[0], atol=1e-10
    )


def test_dropout_copies_approach_dropout_ridge(data):
    X, y = data
    w = dropout_ridge(X, y, drop_rate=0.4)
    errors = []
    for n_copies in [5, 2000]:
        X_s, y_s = dropout_copies(X, y, drop_rate=0.4, n_copies=n_copies)
        assert X_s.shape == (n_copies * X.shape[0], X.shape[1])
        fitted = np.linalg.lstsq(X_s, y_s)[0]
        errors.append(np.linalg.norm(fitted - w) / np.linalg.norm(w))
    assert errors[1] < 0.02 < errors[0]


def test_noise_copies_approach_ridge(data):
    X, y = data
    noise_sd = 0.8
    ridge = Ridge(alpha=X.shape[0] * noise_sd**2, fit_intercept=False).fit(X, y)
    X_s, y_s = noise_copies(X, y, noise_sd=noise_sd, n_copies=3000)
    fitted = np.linalg.lstsq(X_s, y_s)[0]
    np.testing.assert_allclose(fitted, ridge.coef_, rtol=0.05, atol=0.02)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda X, y: dropout_ridge(X, y, drop_rate=1.0), "drop_rate"),
        (lambda X, y: dropout_copies(X, y, drop_rate=-0.1, n_copies=2), "drop_rate"),
        (lambda X, y: dropout_copies(X, y, drop_rate=0.1, n_copies=0), "n_copies"),
        (lambda X, y: noise_copies(X, y, noise_sd=-1.0, n_copies=2), "noise_sd"),
        (
            lambda X, y: gradient_descent_path(X, y, learning_rate=0.1, n_steps=0),
            "n_steps",
        ),
        (
            lambda X, y: gradient_descent_path(X, y[:-1], learning_rate=0.1, n_steps=3),
            "same number of samples",
        ),
    ],
)
def test_bad_input_names_the_parameter(data, call, name):
    X, y = data
    with pytest.raises(ValueError, match=name):
        call(X, y)
