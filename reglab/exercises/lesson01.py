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
    try:
        X = np.asarray(answer(x, degree), dtype=float)
    except Exception as exc:  # the learner's code: report it instead of raising
        return False, f"Calling powers(x, 3) raised {type(exc).__name__}: {exc}"
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


def _n_training_points():
    """Size of notebook 01's training set (half of 60 samples)."""
    from sklearn.model_selection import train_test_split

    from reglab.datasets import make_polynomial

    x, y, _ = make_polynomial(n_samples=60, degree=3, noise=0.3, random_state=2)
    x_train, _, _, _ = train_test_split(x, y, test_size=0.5, random_state=0)
    return x_train.size


@exercise("01.interpolating_degree")
def interpolating_degree(answer):
    """Smallest degree whose least-squares fit passes through every training point.

    A degree-d polynomial has d + 1 weights (w_0 .. w_d); n points at distinct x need
    n of them, so d = n - 1.
    """
    degree = float(answer)
    n = _n_training_points()
    right = n - 1
    if degree == right:
        return True, (
            f"A degree-{right} polynomial has {right} + 1 = {n} weights, one per "
            f"training point: it can pass through all {n} (training error 0)."
        )
    if degree == n:
        return False, (
            f"Count the weights: degree d has d + 1 of them (w_0 .. w_d), and {n} "
            f"points need {n}."
        )
    if degree < right:
        return False, (
            f"Degree {degree:g} has only {degree + 1:g} weights for {n} points: in "
            "general it cannot pass through all of them."
        )
    return False, (
        f"Degree {degree:g} can interpolate, but a smaller degree already can. How "
        f"many weights do {n} points need?"
    )


def _least_squares_errors(x, y, x_val, y_val, degree):
    """Training and validation MSE of the least-squares polynomial of ``degree``."""
    design = x[:, None] ** np.arange(degree + 1)  # columns 1, x, ..., x^degree
    weights, *_ = np.linalg.lstsq(design, y, rcond=None)
    val_design = x_val[:, None] ** np.arange(degree + 1)
    return (
        float(np.mean((y - design @ weights) ** 2)),
        float(np.mean((y_val - val_design @ weights) ** 2)),
    )


def _learning_curve(x, y, x_val, y_val, degree, sizes):
    rows = [_least_squares_errors(x[:m], y[:m], x_val, y_val, degree) for m in sizes]
    train, val = zip(*rows, strict=True)
    return np.array(train), np.array(val)


@exercise("01.learning_curve")
def learning_curve(answer):
    """A function ``(x, y, x_val, y_val, degree, sizes) -> (train, validation)``.

    For each ``n`` in ``sizes`` it fits the least-squares polynomial of ``degree`` to
    the first ``n`` points and returns the MSE on those points and on the whole
    validation set.
    """
    if not callable(answer):
        return False, (
            "Give a function: def my_learning_curve(x, y, x_val, y_val, degree, "
            "sizes): ... return train_errors, validation_errors"
        )
    rng = np.random.default_rng(11)
    x = rng.uniform(-1, 1, size=200)
    y = 1 - 2 * x + x**2 + 0.5 * rng.standard_normal(200)
    x_val = rng.uniform(-1, 1, size=300)
    y_val = 1 - 2 * x_val + x_val**2 + 0.5 * rng.standard_normal(300)
    degree, sizes = 4, [10, 25, 60, 200]
    try:
        returned = answer(x, y, x_val, y_val, degree, sizes)
        train, val = (np.asarray(part, dtype=float) for part in returned)
    except Exception as exc:  # the learner's code: report it instead of raising
        return False, (
            f"Calling your function raised {type(exc).__name__}: {exc}. It must return "
            "two arrays, (train_errors, validation_errors)."
        )
    right_train, right_val = _learning_curve(x, y, x_val, y_val, degree, sizes)
    if train.shape != right_train.shape or val.shape != right_val.shape:
        return False, (
            f"Return one error per size in each array: shapes ({len(sizes)},) and "
            f"({len(sizes)},); got {train.shape} and {val.shape}."
        )

    def close(a, b):
        return np.allclose(a, b, rtol=1e-4, atol=1e-9)

    if close(train, right_train) and close(val, right_val):
        return True, (
            "Training error rises with n (a fixed model can bend through fewer of "
            "many points) and validation error falls; both head for the noise "
            f"variance, here 0.25 (training {right_train[0]:.3f} -> "
            f"{right_train[-1]:.3f}, validation {right_val[0]:.3f} -> "
            f"{right_val[-1]:.3f})."
        )
    if close(train, right_val) and close(val, right_train):
        return False, "The two arrays are swapped: return (train, validation)."
    everything = _least_squares_errors(x, y, x_val, y_val, degree)
    if close(val, everything[1]):
        return False, (
            "Your validation errors do not change with n: fit on the first n points "
            "only (x[:n], y[:n]), not on all of them."
        )
    if close(train, right_train) and not close(val, right_val):
        return False, (
            "Training errors are right, validation errors are not: measure the "
            "validation error on all of (x_val, y_val) with the weights fitted on "
            "the first n points."
        )
    for wrong in (degree - 1, degree + 1):
        if close(train, _learning_curve(x, y, x_val, y_val, wrong, sizes)[0]):
            return False, (
                f"Those are the errors of degree {wrong}: use the `degree` argument "
                "(fit_polynomial(x[:n], y[:n], degree))."
            )
    return False, (
        f"At n = {sizes[0]} the training MSE should be {right_train[0]:.4f} and the "
        f"validation MSE {right_val[0]:.4f}; yours are {train[0]:.4g} and "
        f"{val[0]:.4g}."
    )
