"""Graders for notebook 07 (classification).

Each grader takes the learner's answer and returns ``(is_right, message)``. The right
answer is always computed here from numpy or reglab, never typed in.
"""

import numpy as np

from reglab.exercises import exercise

# 07.C_for_alpha: the question gives reglab's alpha and the training-set size.
C_ALPHA = 0.01
C_N_SAMPLES = 250

# 07.first_pixel: the notebook's section 4 data, rebuilt here the same way.
DIGIT_PAIR = (3, 8)  # 8 is the positive class
TEST_SIZE = 0.3
SPLIT_SEED = 0  # the notebook's RANDOM_STATE
IMAGE_SHAPE = (8, 8)


def _close(a, b):
    return np.allclose(a, b, rtol=1e-6, atol=1e-12)


@exercise("07.C_for_alpha")
def _grade_c_for_alpha(answer):
    from reglab.conventions import to_sklearn_logistic

    got = float(answer)
    right = to_sklearn_logistic(C_ALPHA, C_N_SAMPLES)["C"]
    if _close(got, right):
        return True, (
            f"C = 1 / (n alpha) = 1 / ({C_N_SAMPLES} x {C_ALPHA:g}) = {right:g}. "
            "scikit-learn multiplies the summed loss by C; dividing its objective by "
            "C n gives reglab's mean loss + alpha P(w)."
        )
    if _close(got, 1.0 / C_ALPHA):
        return False, (
            f"1 / alpha = {1.0 / C_ALPHA:g} forgets n: scikit-learn's C multiplies "
            "the *sum* of the losses, reglab's alpha sits next to their *mean*. That "
            f"C would be a penalty {C_N_SAMPLES} times too weak."
        )
    if _close(got, C_N_SAMPLES * C_ALPHA):
        return False, (
            "n alpha is the penalty's weight relative to the summed loss; C sits on "
            "the loss side, so it is the reciprocal: 1 / (n alpha)."
        )
    if _close(got, C_ALPHA) or _close(got, C_ALPHA / C_N_SAMPLES):
        return False, (
            "a larger C means a *weaker* penalty in scikit-learn, so C is not "
            "proportional to alpha: C = 1 / (n alpha)."
        )
    if _close(got, C_N_SAMPLES / C_ALPHA):
        return False, "n belongs in the denominator too: C = 1 / (n alpha)."
    return False, (
        "divide scikit-learn's objective C sum(loss) + P(w) by C n and match it to "
        "reglab's mean(loss) + alpha P(w)."
    )


def _alpha_max_reference(X, y01):
    from reglab.solvers import alpha_max

    # reglab's logistic solvers take labels in {-1, +1}
    return alpha_max(X, 2.0 * y01 - 1.0, loss="logistic")


@exercise("07.alpha_max")
def _grade_alpha_max(answer):
    if not callable(answer):
        return False, (
            "pass the function itself (my_alpha_max, without brackets), not a number."
        )
    rng = np.random.default_rng(7)
    n, p = 60, 5
    X = rng.normal(size=(n, p)) + 2.0  # columns with nonzero means
    # 18 ones in 60 labels: p = 0.3, so p and 0.5 (a common slip) differ
    y01 = np.zeros(n)
    y01[np.argsort(X[:, 1] - X[:, 3] + rng.normal(size=n))[-18:]] = 1.0
    got = float(answer(X.copy(), y01.copy()))
    right = _alpha_max_reference(X, y01)
    if _close(got, right):
        return True, (
            "alpha_max = max_j |x_j^T (y01 - p)| / n: the largest slope of the "
            "logistic loss at w = 0 (with the best intercept). It is the lasso's "
            "alpha_max with the 0/1 labels as the target. Centring X is not needed: "
            "y01 - p already sums to zero."
        )
    y_pm = 2.0 * y01 - 1.0
    if _close(got, 2.0 * right) or _close(
        got, np.max(np.abs(X.T @ (y_pm - y_pm.mean()))) / n
    ):
        return False, (
            "that is twice the answer: you used labels -1/+1. The logistic slope at "
            "w = 0 is x_j^T (y01 - p) / n with labels coded 0/1 (with -1/+1 labels it "
            "is x_j^T (y - mean(y)) / (2n))."
        )
    if _close(got, np.max(np.abs(X.T @ (y01 - 0.5))) / n):
        return False, (
            "you subtracted 0.5; subtract p = mean(y01), the fraction of ones (here "
            f"{y01.mean():g}). At w = 0 the best intercept predicts probability p for "
            "every sample, not 0.5, unless the classes are balanced."
        )
    if _close(got, np.max(np.abs(X.T @ y01)) / n):
        return False, (
            "subtract p = mean(y01) from the labels first: at w = 0 the intercept "
            "already predicts probability p for every sample, so only y01 - p is "
            "left to explain."
        )
    if _close(got, right * n):
        return False, "divide by n: the loss is a mean over the n samples."
    centred = X.T @ (y01 - y01.mean()) / n
    if _close(got, np.linalg.norm(centred)) or _close(got, np.sum(np.abs(centred))):
        return False, (
            "take the largest absolute entry (np.max of np.abs), not a norm of the "
            "whole vector: the first weight to leave zero is the one with the "
            "steepest slope."
        )
    return False, (
        f"on a test problem your function gives {got:.4f}; the smallest alpha with "
        f"all-zero weights is {right:.4f}."
    )


def _digits_training_set():
    from sklearn.model_selection import train_test_split

    from reglab.datasets import load_digits

    digits = load_digits(classes=DIGIT_PAIR)
    X = digits.data / 16.0
    y = digits.target
    X_train, _, y_train, _ = train_test_split(
        X, y, test_size=TEST_SIZE, stratify=y, random_state=SPLIT_SEED
    )
    return X_train, (y_train == DIGIT_PAIR[1]).astype(float)


@exercise("07.first_pixel")
def _grade_first_pixel(answer):
    X, y01 = _digits_training_set()
    slopes = np.abs(X.T @ (y01 - y01.mean())) / len(y01)
    order = np.argsort(-slopes)  # pixels in the order they leave zero (at first)
    right = tuple(int(k) for k in np.unravel_index(order[0], IMAGE_SHAPE))
    if isinstance(answer, (int, np.integer)):
        if int(answer) == order[0]:
            return False, (
                f"{int(answer)} is the right pixel as a flat index; give it as "
                f"(row, column) = divmod({int(answer)}, 8)."
            )
        return False, "give the pixel as (row, column), for example (0, 0)."
    got = tuple(int(k) for k in np.ravel(answer))
    if len(got) != 2:
        return False, "give two numbers: (row, column)."
    if got == right:
        return True, (
            f"pixel {right}, left of centre in the lower half: there an 8 closes its "
            "lower loop and a 3 stays open. It has the steepest slope "
            f"|x_j^T (y01 - p)| / n = {slopes[order[0]]:.4f}, which is alpha_max."
        )
    if got == right[::-1]:
        return False, "you swapped row and column: the row comes first."
    if not all(0 <= k < size for k, size in zip(got, IMAGE_SHAPE, strict=True)):
        return False, "rows and columns run from 0 to 7."
    flat = np.ravel_multi_index(got, IMAGE_SHAPE)
    rank = int(np.flatnonzero(order == flat)[0])
    if rank < 5:
        return False, (
            f"close: pixel {got} is among the first to enter (number {rank + 1} by "
            "slope at w = 0), but not the first. Compute |x_j^T (y01 - p)| / n for "
            "every pixel and take the largest."
        )
    return False, (
        "compute |x_j^T (y01 - p)| / n for every pixel j on the training images "
        "(y01 = 1 for the 8s) and take the largest; then (row, column) = divmod(j, 8)."
    )
