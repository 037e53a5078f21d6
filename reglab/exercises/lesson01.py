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
