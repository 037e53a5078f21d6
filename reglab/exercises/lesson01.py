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
