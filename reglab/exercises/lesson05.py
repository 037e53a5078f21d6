"""Graders for notebook 05 (elastic net).

Each grader takes the learner's answer and returns ``(is_right, message)``. The right
answer is always computed here from numpy or reglab, never typed in.
"""

import numpy as np

from reglab.exercises import answers_close, exercise
from reglab.penalties import L1L2, soft_threshold

# 05.enet_prox: the numbers the notebook's question states.
PROX_W = np.array([2.0, -0.3, 0.8])
PROX_ALPHA = 1.0
PROX_L1_RATIO = 0.5
PROX_STEP = 1.0

# 05.copies: x2 is an exact copy of x1 and y = COPIES_TOTAL * x1 (no noise).
COPIES_TOTAL = 3.0

# 05.max_lasso_nonzero: a lasso without intercept on n samples and p features.
MAX_N = 30
MAX_P = 200


@exercise("05.enet_prox")
def _grade_enet_prox(answer):
    got = np.asarray(answer, dtype=float)
    penalty = L1L2(PROX_ALPHA, l1_ratio=PROX_L1_RATIO)
    right = penalty.prox(PROX_W, PROX_STEP)
    l1 = PROX_STEP * PROX_ALPHA * PROX_L1_RATIO
    l2 = PROX_STEP * PROX_ALPHA * (1.0 - PROX_L1_RATIO)
    if got.shape != PROX_W.shape:
        return False, f"give all {PROX_W.size} entries, as an array or list."
    if answers_close(got, right):
        shown = (np.round(right, 4) + 0.0).tolist()  # + 0.0 turns -0.0 into 0.0
        return True, (
            f"soft-threshold at step * alpha * l1_ratio = {l1:g}, then divide by "
            f"1 + step * alpha * (1 - l1_ratio) = {1 + l2:g}: {shown}. "
            "The small entry is exactly zero, the others are shrunk twice."
        )
    if answers_close(got, soft_threshold(PROX_W, l1)):
        return False, (
            f"you did the L1 part (soft threshold at {l1:g}) but forgot the L2 part: "
            f"divide by 1 + {l2:g}."
        )
    if answers_close(got, PROX_W / (1.0 + l2)):
        return False, (
            "you did only the L2 scaling; nothing became zero. Soft-threshold first "
            f"at {l1:g}."
        )
    if answers_close(got, soft_threshold(PROX_W, PROX_STEP * PROX_ALPHA) / (1.0 + l2)):
        return False, (
            f"the threshold is step * alpha * l1_ratio = {l1:g}, not step * alpha: "
            "only the L1 share of the penalty thresholds."
        )
    if answers_close(got, soft_threshold(PROX_W, l1) / (1.0 + PROX_STEP * PROX_ALPHA)):
        return False, (
            f"divide by 1 + step * alpha * (1 - l1_ratio) = {1 + l2:g}: only the L2 "
            "share of the penalty scales."
        )
    if answers_close(got, soft_threshold(PROX_W / (1.0 + l2), l1)):
        return False, (
            "you scaled first and thresholded second; the order matters. Threshold "
            "first, then scale."
        )
    return False, (
        f"for w = {PROX_W.tolist()} compute soft_threshold(w, {l1:g}) / {1 + l2:g}."
    )


@exercise("05.copies")
def _grade_copies(answer):
    got = np.asarray(answer, dtype=float)
    if got.shape != (2,):
        return False, "give the two coefficients [w1, w2]."
    # Ridge as alpha -> 0 tends to the minimum-norm least-squares solution.
    x = np.linspace(-1.0, 1.0, 11)
    X = np.column_stack([x, x])
    right = np.linalg.pinv(X) @ (COPIES_TOTAL * x)
    if answers_close(got, right):
        return True, (
            f"{np.round(right, 4).tolist()}: every split with w1 + w2 = "
            f"{COPIES_TOTAL:g} fits equally well, and among them w1^2 + w2^2 is "
            "smallest when the two are equal. Ridge shares the weight."
        )
    if not np.isclose(got.sum(), COPIES_TOTAL):
        return False, (
            f"the fit needs w1 + w2 = {COPIES_TOTAL:g} (both features are the same "
            f"column); your pair sums to {got.sum():g}."
        )
    if np.count_nonzero(got) == 1:
        return False, (
            "putting all the weight on one copy is what the lasso may do (its penalty "
            "|w1| + |w2| is the same for every split of the same sign). Ridge's "
            "squared penalty is smaller for an equal split."
        )
    return False, (
        "that split fits, but ridge picks the one with the smallest w1^2 + w2^2 "
        f"among all splits summing to {COPIES_TOTAL:g}."
    )


@exercise("05.max_lasso_nonzero")
def _grade_max_lasso_nonzero(answer):
    got = int(answer)
    if got != answer:
        return False, "give a whole number of features."
    right = min(MAX_N, MAX_P)
    if got == right:
        return True, (
            f"at most min(n, p) = {right}: a lasso solution with more than n nonzero "
            "coefficients has linearly dependent active columns, and then a sparser "
            "solution with the same fit and no larger penalty exists (with an "
            "intercept the bound is n - 1)."
        )
    if got == MAX_P:
        return False, (
            f"p = {MAX_P} is the number of candidates; the lasso cannot use more "
            f"features than it has samples (n = {MAX_N})."
        )
    if got == MAX_N - 1:
        return False, (
            "that is the bound with an intercept (centring uses one dimension); this "
            "lasso has no intercept."
        )
    if got < right:
        return False, (
            f"it can keep more than {got}: the bound is reached at small alpha. Think "
            "of how many equations n samples give."
        )
    return False, f"more than n = {MAX_N} is not possible for the lasso."


def _grouping_bound(X, y, i, j, alpha, l1_ratio):
    # Zou & Hastie (2005), reglab's scaling: sqrt(2 (1 - rho)) / (alpha (1 - r)) * sd(y)
    rho = np.corrcoef(X[:, i], X[:, j])[0, 1]
    return float(np.sqrt(2 * (1 - rho)) / (alpha * (1 - l1_ratio)) * np.std(y))


@exercise("05.grouping_bound")
def _grade_grouping_bound(answer):
    """A function ``(X, y, i, j, alpha, l1_ratio) -> bound`` on ``|w_i - w_j|``.

    For standardized columns with correlation ``rho`` and same-sign elastic-net
    coefficients, ``|w_i - w_j| <= sqrt(2 (1 - rho)) / (alpha (1 - r)) * ||y_c|| /
    sqrt(n)``.
    """
    if not callable(answer):
        return False, (
            "Give a function: def my_grouping_bound(X, y, i, j, alpha, l1_ratio): ... "
            "return bound"
        )
    from sklearn.preprocessing import StandardScaler

    import reglab

    rng = np.random.default_rng(5)
    z = rng.standard_normal(80)
    X = np.column_stack([z + 0.2 * rng.standard_normal(80) for _ in range(3)])
    X = StandardScaler().fit_transform(X)
    y = X[:, 0] + X[:, 1] + 0.5 * rng.standard_normal(80) + 4.0  # y is not centred
    i, j, alpha, l1_ratio = 0, 1, 0.2, 0.5
    try:
        got = float(answer(X, y, i, j, alpha, l1_ratio))
    except Exception as exc:  # the learner's code: report it instead of raising
        return False, f"Calling your function raised {type(exc).__name__}: {exc}"
    right = _grouping_bound(X, y, i, j, alpha, l1_ratio)
    coef = reglab.ElasticNet(alpha=alpha, l1_ratio=l1_ratio, tol=1e-12).fit(X, y).coef_
    gap = abs(coef[i] - coef[j])
    if np.isclose(got, right, rtol=1e-6):
        return True, (
            f"bound {right:.4f} on the checker's data, where the fitted elastic net "
            f"has |w_i - w_j| = {gap:.4f}: the bound holds, with room to spare."
        )
    rho = np.corrcoef(X[:, i], X[:, j])[0, 1]
    scale = np.sqrt(2 * (1 - rho)) / (alpha * (1 - l1_ratio))
    if np.isclose(got, scale * np.sqrt(np.mean(y**2)), rtol=1e-6):
        return False, (
            "centre y first: the intercept absorbs its mean, so the bound uses "
            "||y - mean(y)|| / sqrt(n), the standard deviation of y."
        )
    if np.isclose(got, scale * np.linalg.norm(y - y.mean()), rtol=1e-6):
        return False, "divide ||y - mean(y)|| by sqrt(n): the loss is scaled by 1 / n."
    if np.isclose(got, np.sqrt(2 * (1 - rho)) / alpha * np.std(y), rtol=1e-6):
        return False, (
            "only the L2 part of the penalty, alpha (1 - l1_ratio), ties the two "
            "weights together: divide by alpha * (1 - l1_ratio), not by alpha."
        )
    if np.isclose(got, (1 - rho) / (alpha * (1 - l1_ratio)) * np.std(y), rtol=1e-6):
        return False, (
            "the distance between the two columns is sqrt(2 (1 - rho)) per sample: "
            "take the square root of 2 (1 - rho)."
        )
    return False, (
        f"on the checker's data the bound is {right:.4f}; yours gives {got:.4g}. "
        "It is sqrt(2 (1 - rho)) / (alpha (1 - l1_ratio)) * np.std(y)."
    )
