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

    The notebook asks for the SVD form ``w = V diag(s / (s^2 + n alpha)) U^T y``; any
    correct method passes.

    Objective (centred data, no intercept): ``||y - Xw||^2 / (2n) + alpha/2 ||w||^2``,
    whose minimizer solves ``(X^T X + n alpha I) w = X^T y``.
    """
    if not callable(answer):
        return False, "Give a function: def ridge(X, y, alpha): ... return w"
    X, y = _test_problem()
    n, p = X.shape
    alpha = 0.3
    try:
        w = np.asarray(answer(X, y, alpha), dtype=float)
    except Exception as exc:  # the learner's code: report it instead of raising
        return False, f"Calling your function raised {type(exc).__name__}: {exc}"
    if w.shape != (p,):
        return False, f"Return one coefficient per column: shape ({p},), got {w.shape}."
    right = _solve(X, y, n * alpha)
    if np.allclose(w, right, rtol=1e-6, atol=1e-9):
        return True, (
            "w = V diag(s / (s^2 + n alpha)) U^T y: the same as solving "
            "(X^T X + n alpha I) w = X^T y, reglab's ridge."
        )
    if np.allclose(w, _solve(X, y, alpha), rtol=1e-6, atol=1e-9):
        return False, (
            "That is s / (s^2 + alpha), i.e. (X^T X + alpha I) w = X^T y: "
            "scikit-learn's Ridge convention. reglab divides the squared error by 2n, "
            "so the shrinkage term is n * alpha."
        )
    if np.allclose(w, _solve(X, y, 2 * n * alpha), rtol=1e-6, atol=1e-9):
        return False, (
            "You used 2 n alpha. Set the gradient -X^T (y - Xw) / n + alpha w to zero "
            "and multiply by n: the term is n alpha."
        )
    if np.allclose(w, _solve(X, y, 0.0), rtol=1e-6, atol=1e-9):
        return False, "That is least squares: alpha does not appear in your solution."
    return False, (
        "Not the ridge solution. Check each piece: U, s, Vt = np.linalg.svd(X, "
        "full_matrices=False); w = Vt.T @ (s / (s**2 + n * alpha) * (U.T @ y))."
    )


def _standardized_diabetes_singular_values():
    """Singular values of the standardized diabetes features, as in notebook 03."""
    from sklearn.datasets import load_diabetes
    from sklearn.preprocessing import StandardScaler

    X = StandardScaler().fit_transform(load_diabetes().data)
    return np.linalg.svd(X, compute_uv=False), X.shape[0]


@exercise("03.half_shrink_alpha")
def half_shrink_alpha(answer):
    """The alpha at which ridge halves the coordinate along the first direction.

    The factor is ``s^2 / (s^2 + n alpha)``; it equals 1/2 at ``alpha = s_1^2 / n``.
    """
    value = float(answer)
    s, n = _standardized_diabetes_singular_values()
    right = s[0] ** 2 / n
    if np.isclose(value, right, rtol=1e-4):
        return True, (
            f"s_1^2 / (s_1^2 + n alpha) = 1/2 when n alpha = s_1^2, so alpha = "
            f"s_1^2 / n = {right:.4f}: the variance of the data along that direction."
        )
    if np.isclose(value, s[0] / n, rtol=1e-4):
        return False, "You used s_1 / n: the factor has s_1 squared."
    if np.isclose(value, s[0] ** 2, rtol=1e-4):
        return False, (f"{value:.4g} is s_1^2: the factor has n alpha, so divide by n.")
    if np.isclose(value, s[-1] ** 2 / n, rtol=1e-4):
        return False, (
            "That is the last (smallest) singular direction. The question asks about "
            "the first, s[0]."
        )
    if np.isclose(value, 2 * s[0] ** 2 / n, rtol=1e-4) or np.isclose(
        value, s[0] ** 2 / (2 * n), rtol=1e-4
    ):
        return False, "A factor of 2 off: solve s^2 / (s^2 + n alpha) = 1/2 again."
    return False, f"{value:.4g} is not it. Solve s_1^2 / (s_1^2 + n alpha) = 1/2."


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


def _bias_variance(X, w_star, sigma, alpha):
    # w_alpha = A y, A = V diag(s / (s^2 + n alpha)) U^T: E w = A X w*, Cov = s^2 AA^T
    _, s, Vt = np.linalg.svd(X, full_matrices=False)
    n = X.shape[0]
    factors = s**2 / (s**2 + n * alpha)
    bias = Vt.T @ ((factors - 1) * (Vt @ w_star))
    return float(bias @ bias), float(sigma**2 * np.sum(s**2 / (s**2 + n * alpha) ** 2))


@exercise("03.bias_variance")
def bias_variance(answer):
    """A function ``(X, w_star, sigma, alpha) -> (squared_bias, variance)``.

    Ridge without intercept on a fixed design, noise of variance ``sigma^2``:
    squared bias ``||(A X - I) w*||^2`` and variance ``sigma^2 tr(A A^T)``
    ``= sigma^2 sum_j s_j^2 / (s_j^2 + n alpha)^2``.
    """
    if not callable(answer):
        return False, (
            "Give a function: def my_bias_variance(X, w_star, sigma, alpha): ... "
            "return squared_bias, variance"
        )
    rng = np.random.default_rng(8)
    X = rng.standard_normal((30, 8)) @ np.diag(np.linspace(0.3, 2.0, 8))
    w_star = rng.standard_normal(8)
    sigma, alpha = 1.5, 0.2
    try:
        got = np.asarray(answer(X, w_star, sigma, alpha), dtype=float)
    except Exception as exc:  # the learner's code: report it instead of raising
        return False, f"Calling your function raised {type(exc).__name__}: {exc}"
    if got.shape != (2,):
        return False, (
            f"Return two numbers, (squared_bias, variance); got shape {got.shape}."
        )
    right = np.array(_bias_variance(X, w_star, sigma, alpha))

    def close(a, b):
        return np.allclose(a, b, rtol=1e-6, atol=1e-12)

    if close(got, right):
        return True, (
            f"squared bias {right[0]:.4f}, variance {right[1]:.4f} on the checker's "
            "design: the penalty pulls the mean fit away from w* (bias) and makes the "
            "fits vary less between noise draws (variance)."
        )
    if close(got, right[::-1]):
        return False, "The two numbers are swapped: return (squared_bias, variance)."
    if close(got[0], right[0]) and close(got[1], right[1] / sigma**2):
        return False, "Squared bias is right; the variance needs the factor sigma^2."
    if close(got[0], right[0]) and close(got[1], right[1] / sigma):
        return False, "Squared bias is right; the variance scales with sigma^2."
    if close(got, _bias_variance(X, w_star, sigma, alpha / X.shape[0])):
        return False, (
            "That is s^2 + alpha in the denominators (scikit-learn's Ridge scale); "
            "reglab's ridge uses s^2 + n alpha."
        )
    if close(got[1], right[1]) and close(got[0] ** 2, right[0]):
        return False, "Variance is right; square the length of the bias vector."
    if close(got[1], right[1]):
        return False, (
            "Variance is right, squared bias is not: the bias is E w_alpha - w* = "
            "V diag(s^2 / (s^2 + n alpha) - 1) V^T w*."
        )
    if close(got[0], right[0]):
        return False, (
            "Squared bias is right, variance is not: sigma^2 times the sum of "
            "s_j^2 / (s_j^2 + n alpha)^2."
        )
    return False, (
        f"On the checker's design the answer is ({right[0]:.4f}, {right[1]:.4f}); "
        f"yours is ({got[0]:.4g}, {got[1]:.4g})."
    )
