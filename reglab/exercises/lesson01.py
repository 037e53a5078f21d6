"""Graders for notebook 01 (overfitting): polynomial features as a linear model."""

import numpy as np

from reglab.exercises import exercise


@exercise("01.powers")
def powers(answer):
    """A function ``(x, degree) -> X`` with columns ``x, x^2, ..., x^degree``."""
    if not callable(answer):
        return False, "Give a function: def powers(x, degree): ... return X"
    x = np.array([-1.0, 0.5, 2.0, 3.0])
    degree = 3
    X = np.asarray(answer(x, degree), dtype=float)
    right = x[:, None] ** np.arange(1, degree + 1)
    if X.shape == right.shape and np.allclose(X, right):
        return True, (
            "One row per sample, one column per power x^1 .. x^d: a linear model on "
            "these d inputs is the degree-d polynomial (the bias w_0 is the intercept)."
        )
    with_ones = x[:, None] ** np.arange(0, degree + 1)
    if X.shape == with_ones.shape and np.allclose(X, with_ones):
        return False, (
            "You included the column x^0 = 1. Leave it out: the intercept plays the "
            "role of w_0 and is never penalized."
        )
    if X.shape == right.T.shape and np.allclose(X, right.T):
        return False, (
            f"Transposed: you returned shape {X.shape}; use one row per sample, "
            f"shape {right.shape}."
        )
    short = x[:, None] ** np.arange(1, degree)
    if X.shape == short.shape and np.allclose(X, short):
        return False, "One power short: the last column must be x^degree."
    if X.shape != right.shape:
        return False, f"Expected shape {right.shape} for 4 samples and degree 3."
    return False, "Columns must be x, x^2, ..., x^degree, in that order."


def _lesson_errors():
    """Train and validation MSE of least-squares fits of degree 0..15 (notebook 01)."""
    from sklearn.model_selection import train_test_split

    from reglab.datasets import make_polynomial

    x, y, _ = make_polynomial(n_samples=60, degree=3, noise=0.3, random_state=2)
    x_train, x_val, y_train, y_val = train_test_split(
        x, y, test_size=0.5, random_state=0
    )
    train, val = [], []
    for degree in range(16):
        design = x_train[:, None] ** np.arange(degree + 1)
        weights, *_ = np.linalg.lstsq(design, y_train, rcond=None)
        train.append(np.mean((y_train - design @ weights) ** 2))
        val_design = x_val[:, None] ** np.arange(degree + 1)
        val.append(np.mean((y_val - val_design @ weights) ** 2))
    return np.array(train), np.array(val)


@exercise("01.best_degree")
def best_degree(answer):
    """The degree (0..15) with the lowest validation error in notebook 01."""
    degree = float(answer)
    if degree != int(degree) or not 0 <= degree <= 15:
        return False, "Give a whole number from 0 to 15."
    degree = int(degree)
    train, val = _lesson_errors()
    right = int(np.argmin(val))
    if degree == right:
        return True, (
            f"Degree {right} has the lowest validation error ({val[right]:.3f}), "
            "and it is the degree of the true function."
        )
    if degree == int(np.argmin(train)):
        return False, (
            f"Degree {degree} has the lowest *training* error, as the highest degree "
            "always does. Choose by the validation column."
        )
    if val[degree] < 2 * val[right]:
        return False, (
            f"Close: degree {degree} has validation error {val[degree]:.3f}, but "
            "another degree is lower still."
        )
    return False, (
        f"Degree {degree} has validation error {val[degree]:.3g}. Find the smallest "
        "number in the validation column."
    )
