"""Graders for notebook 02 (penalties): norms and the scaling of alpha."""

import numpy as np

from reglab.conventions import to_sklearn_ridge
from reglab.exercises import exercise
from reglab.penalties import L2

# The vector, strength and sample size the exercises in notebook 02 use.
EXERCISE_W = np.array([3.0, -4.0, 0.0, 1.0])
EXERCISE_ALPHA = 0.5
EXERCISE_N = 50
EXERCISE_REGLAB_ALPHA = 0.1


@exercise("02.l1_norm")
def l1_norm(answer):
    """``||w||_1`` of ``EXERCISE_W``."""
    value = float(answer)
    w = EXERCISE_W
    right = float(np.sum(np.abs(w)))
    if np.isclose(value, right):
        return True, f"||w||_1 = 3 + 4 + 0 + 1 = {right:g}."
    if np.isclose(value, np.sum(w)):
        return False, (
            f"{value:g} is the plain sum: the -4 cancelled part of the rest. The L1 "
            "norm adds the absolute values |w_j|."
        )
    if np.isclose(value, np.linalg.norm(w)):
        return False, f"{value:g} is the L2 norm sqrt(sum w_j^2), not the L1 norm."
    if np.isclose(value, np.sum(w**2)):
        return False, f"{value:g} is the squared L2 norm. The L1 norm adds |w_j|."
    if np.isclose(value, np.count_nonzero(w)):
        return False, (
            f"{value:g} counts the nonzero entries (the 'L0 norm'). The L1 norm adds "
            "their sizes."
        )
    return False, f"{value:g} is not sum |w_j|. Add the absolute values of all entries."


@exercise("02.ridge_penalty")
def ridge_penalty(answer):
    """reglab's ridge penalty ``alpha / 2 * ||w||_2^2`` at ``EXERCISE_W``."""
    value = float(answer)
    w, alpha = EXERCISE_W, EXERCISE_ALPHA
    right = L2(alpha).value(w)
    squared = float(np.sum(w**2))
    if np.isclose(value, right):
        return True, (
            f"alpha / 2 * ||w||^2 = {alpha} / 2 * {squared:g} = {right:g}, "
            f"the same as L2({alpha}).value(w)."
        )
    if np.isclose(value, alpha * squared):
        return False, (
            f"{value:g} is alpha * ||w||^2: reglab's penalty has a factor 1/2 "
            "(alpha / 2 * ||w||^2), so that its gradient is alpha * w."
        )
    if np.isclose(value, alpha / 2 * np.sqrt(squared)) or np.isclose(
        value, alpha * np.sqrt(squared)
    ):
        return False, (
            f"{value:g} uses the L2 norm, not its square. The ridge penalty uses the "
            "squared norm sum w_j^2."
        )
    if np.isclose(value, squared):
        return False, f"{value:g} is ||w||^2 alone: multiply by alpha / 2."
    return False, f"{value:g} is not alpha / 2 * sum w_j^2 with alpha = {alpha}."


@exercise("02.sklearn_ridge_alpha")
def sklearn_ridge_alpha(answer):
    """scikit-learn ``Ridge(alpha=...)`` equal to reglab ``Ridge(alpha=0.1)``, n = 50.

    reglab minimizes ``||y - Xw||^2 / (2n) + alpha / 2 ||w||^2``; multiplying by
    ``2n`` gives scikit-learn's ``||y - Xw||^2 + (n alpha) ||w||^2``.
    """
    value = float(answer)
    n, alpha = EXERCISE_N, EXERCISE_REGLAB_ALPHA
    right = to_sklearn_ridge(alpha, n_samples=n)["alpha"]
    if np.isclose(value, right):
        return True, (
            f"Multiply reglab's objective by 2n: ||y - Xw||^2 + n alpha ||w||^2, so "
            f"scikit-learn's alpha is n * alpha = {n} * {alpha} = {right:g}."
        )
    if np.isclose(value, alpha):
        return False, (
            "Same number, different objective: scikit-learn's Ridge does not divide "
            "the squared error by 2n and has no 1/2 on the penalty."
        )
    if np.isclose(value, 2 * n * alpha):
        return False, (
            f"{value:g} = 2 n alpha: multiplying by 2n also turns alpha/2 ||w||^2 into "
            "n alpha ||w||^2, not 2 n alpha."
        )
    if np.isclose(value, n * alpha / 2) or np.isclose(value, alpha / n):
        return False, (
            f"{value:g}: check the factor. Multiply the whole reglab objective by 2n "
            "and read off the weight on ||w||^2."
        )
    return False, f"{value:g} is not it: multiply reglab's objective by 2n."


@exercise("02.min_l2_split")
def min_l2_split(answer):
    """The w with x^T w = 1 for x = (1, 1, 1, 1) that has the smallest ||w||_2^2.

    By symmetry (or Lagrange), the equal split w = x / ||x||^2 = (1/4, ..., 1/4).
    """
    x = np.ones(4)
    got = np.asarray(answer, dtype=float)
    if got.shape != x.shape:
        return False, f"give four weights, one per input; got shape {got.shape}."
    if not np.all(np.isfinite(got)):
        return False, "every weight must be a finite number."
    right = x / (x @ x)
    prediction = float(x @ got)
    if not np.isclose(prediction, 1.0):
        return False, (
            f"your vector predicts x^T w = {prediction:.4g}, not 1: the weights must "
            "add up to 1."
        )
    if np.allclose(got, right):
        return True, (
            "w = (0.25, 0.25, 0.25, 0.25): squared L2 norm 0.25, a quarter of "
            "w1 = (1, 0, 0, 0)'s, with the same prediction and the same L1 norm. "
            "Spreading weight evenly is what the L2 penalty rewards."
        )
    excess = float(got @ got - right @ right)
    if np.count_nonzero(got) == 1:
        return False, (
            "all the weight on one input is what L1 tolerates (it ties), but its "
            "squared L2 norm is 1. Spread the weight."
        )
    return False, (
        f"the prediction is right, but the squared L2 norm is {got @ got:.4g}, "
        f"{excess:.4g} above the smallest possible. Which split of 1 into four parts "
        "has the smallest sum of squares?"
    )
