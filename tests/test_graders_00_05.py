"""The graders added for notebooks 00-05 accept the right answer and name the usual
mistakes (each test feeds a grader a wrong answer the grader should recognise)."""

import numpy as np
import pytest

from reglab.exercises import check


def feedback(exercise_id, answer, capsys):
    check(exercise_id, answer)
    return capsys.readouterr().out


def l1(w):
    return np.sum(np.abs(w))


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (l1, "Right"),
        (np.sum, "with their signs"),
        (np.linalg.norm, "L2 norm"),
        (lambda w: 7.0, "any length"),
        (7, "Give a function"),
    ],
)
def test_sum_of_sizes_function(answer, expected, capsys):
    assert expected in feedback("00.sum_of_sizes_function", answer, capsys)


def _fit(x, y, degree):
    design = x[:, None] ** np.arange(degree + 1)
    return np.linalg.lstsq(design, y, rcond=None)[0]


def _mse(x, y, w):
    return np.mean((y - (x[:, None] ** np.arange(w.size)) @ w) ** 2)


def learning_curve(x, y, x_val, y_val, degree, sizes):
    train = [_mse(x[:m], y[:m], _fit(x[:m], y[:m], degree)) for m in sizes]
    val = [_mse(x_val, y_val, _fit(x[:m], y[:m], degree)) for m in sizes]
    return np.array(train), np.array(val)


def swapped(*args):
    return learning_curve(*args)[::-1]


def on_all_points(x, y, x_val, y_val, degree, sizes):
    w = _fit(x, y, degree)
    return (
        np.array([_mse(x[:m], y[:m], w) for m in sizes]),
        np.full(len(sizes), _mse(x_val, y_val, w)),
    )


def degree_too_high(x, y, x_val, y_val, degree, sizes):
    return learning_curve(x, y, x_val, y_val, degree + 1, sizes)


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (learning_curve, "Right"),
        (swapped, "swapped"),
        (on_all_points, "first n points only"),
        (degree_too_high, "degree 5"),
        (lambda *args: (1.0, 2.0), "one error per size"),
    ],
)
def test_learning_curve(answer, expected, capsys):
    assert expected in feedback("01.learning_curve", answer, capsys)


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (np.full(4, 0.25), "Right"),
        ([1.0, 0.0, 0.0, 0.0], "Spread the weight"),
        ([0.5, 0.5, 0.5, 0.5], "add up to 1"),
        ([0.4, 0.2, 0.2, 0.2], "above the smallest possible"),
    ],
)
def test_min_l2_split(answer, expected, capsys):
    assert expected in feedback("02.min_l2_split", answer, capsys)


def bias_variance(X, w_star, sigma, alpha, *, n_scale=True):
    _, s, Vt = np.linalg.svd(X, full_matrices=False)
    shrink = X.shape[0] * alpha if n_scale else alpha
    bias = Vt.T @ ((s**2 / (s**2 + shrink) - 1) * (Vt @ w_star))
    return bias @ bias, sigma**2 * np.sum(s**2 / (s**2 + shrink) ** 2)


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (bias_variance, "Right"),
        (lambda *args: bias_variance(*args)[::-1], "swapped"),
        (lambda X, w, sigma, a: bias_variance(X, w, 1.0, a), "factor sigma^2"),
        (
            lambda X, w, sigma, a: bias_variance(X, w, sigma, a, n_scale=False),
            "s^2 + n alpha",
        ),
    ],
)
def test_bias_variance(answer, expected, capsys):
    assert expected in feedback("03.bias_variance", answer, capsys)


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ([3.0, 0.4, 1.5, 0.8, 2.2], "Right"),
        ([3.0, -0.4, 1.5, 0.8, -2.2], "never negative"),
        ([4.5, 0.08, 1.125, 0.32, 2.42], "hard thresholding"),
        ([0.4, 0.8, 1.5, 2.2, 3.0], "wrong places"),
        ([1.0, 2.0], "one alpha per coefficient"),
    ],
)
def test_entry_alphas(answer, expected, capsys):
    assert expected in feedback("04.entry_alphas", answer, capsys)


def grouping_bound(X, y, i, j, alpha, l1_ratio):
    rho = np.corrcoef(X[:, i], X[:, j])[0, 1]
    return np.sqrt(2 * (1 - rho)) / (alpha * (1 - l1_ratio)) * np.std(y)


def uncentred(X, y, i, j, alpha, l1_ratio):
    rho = np.corrcoef(X[:, i], X[:, j])[0, 1]
    return np.sqrt(2 * (1 - rho)) / (alpha * (1 - l1_ratio)) * np.sqrt(np.mean(y**2))


def whole_alpha(X, y, i, j, alpha, l1_ratio):
    return grouping_bound(X, y, i, j, alpha, 0.0)


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (grouping_bound, "the bound holds"),
        (uncentred, "centre y first"),
        (whole_alpha, "alpha * (1 - l1_ratio)"),
        (3.0, "Give a function"),
    ],
)
def test_grouping_bound(answer, expected, capsys):
    assert expected in feedback("05.grouping_bound", answer, capsys)
