"""Graders for notebook 03 (the lambda knob): the ridge closed form and shrinkage."""

import numpy as np

from reglab.exercises import exercise

# The one-feature exercise: a standardized feature (mean 0, variance 1) whose
# least-squares slope is OLS_SLOPE, and the strength the learner shrinks it with.
OLS_SLOPE = -3.0
SHRINK_ALPHA = 0.5


def _test_problem():
    # A small centred problem, no intercept, with correlated columns.
    rng = np.random.default_rng(3)
    n, p = 40, 5
    X = rng.standard_normal((n, p)) @ rng.standard_normal((p, p))
    X -= X.mean(axis=0)
    y = X @ rng.standard_normal(p) + rng.standard_normal(n)
    return X, y - y.mean()


def _solve(X, y, penalty_weight):
    # (X^T X + penalty_weight I) w = X^T y
    return np.linalg.solve(X.T @ X + penalty_weight * np.eye(X.shape[1]), X.T @ y)


@exercise("03.ridge_closed_form")
def ridge_closed_form(answer):
    """A function ``(X, y, alpha) -> w`` minimizing reglab's ridge objective.

    Objective (centred data, no intercept): ``||y - Xw||^2 / (2n) + alpha/2 ||w||^2``,
    whose minimizer solves ``(X^T X + n alpha I) w = X^T y``.
    """
    if not callable(answer):
        return False, "Give a function: def ridge(X, y, alpha): ... return w"
    X, y = _test_problem()
    n, p = X.shape
    alpha = 0.3
    w = np.asarray(answer(X, y, alpha), dtype=float)
    if w.shape != (p,):
        return False, f"Return one coefficient per column: shape ({p},), got {w.shape}."
    right = _solve(X, y, n * alpha)
    if np.allclose(w, right, rtol=1e-6, atol=1e-9):
        return True, (
            "Your function solves (X^T X + n alpha I) w = X^T y, reglab's ridge. "
            "(np.linalg.solve is better than forming the inverse.)"
        )
    if np.allclose(w, _solve(X, y, alpha), rtol=1e-6, atol=1e-9):
        return False, (
            "That is (X^T X + alpha I)^-1 X^T y: scikit-learn's Ridge convention. "
            "reglab divides the squared error by 2n, so the identity gets n * alpha."
        )
    if np.allclose(w, _solve(X, y, 2 * n * alpha), rtol=1e-6, atol=1e-9):
        return False, (
            "You used 2 n alpha. Set the gradient -X^T (y - Xw) / n + alpha w to zero "
            "and multiply by n."
        )
    if np.allclose(w, _solve(X, y, 0.0), rtol=1e-6, atol=1e-9):
        return False, "That is least squares: alpha does not appear in your solution."
    return False, "Not the ridge solution. Solve (X^T X + n alpha I) w = X^T y."


@exercise("03.shrunk_slope")
def shrunk_slope(answer):
    """Ridge slope of one standardized feature with least-squares slope ``OLS_SLOPE``.

    With mean 0 and variance 1, ``x^T x = n``, so
    ``w = x^T y / (n + n alpha) = OLS_SLOPE / (1 + alpha)``.
    """
    value = float(answer)
    factor = 1.0 / (1.0 + SHRINK_ALPHA)
    right = OLS_SLOPE * factor
    if np.isclose(value, right):
        return True, (
            f"w = {OLS_SLOPE:g} / (1 + {SHRINK_ALPHA:g}) = {right:.4g}: between 0 and "
            "the least-squares slope, and not between 0 and 1."
        )
    if np.isclose(value, factor):
        return False, (
            f"{value:.4g} is the shrinkage factor 1 / (1 + alpha) itself. Multiply it "
            f"by the least-squares slope {OLS_SLOPE:g}."
        )
    if np.isclose(value, -right):
        return False, "Right size, wrong sign: shrinkage never flips a lone slope."
    if np.isclose(value, OLS_SLOPE):
        return False, "That is the least-squares slope (alpha = 0). Shrink it."
    if np.isclose(value, OLS_SLOPE / (1 + 2 * SHRINK_ALPHA)):
        return False, (
            "You used 1 + 2 alpha. reglab's penalty is alpha/2 w^2, whose gradient is "
            "alpha w: the factor is 1 / (1 + alpha)."
        )
    return False, f"{value:.4g} is not it. With x^T x = n: w = x^T y / (n + n alpha)."
