"""Graders for notebook 04 (sparsity vs shrinkage).

Each grader takes the learner's answer and returns ``(is_right, message)``. The right
answer is always computed here from numpy or reglab, never typed in.
"""

import numpy as np

from reglab.exercises import exercise
from reglab.penalties import hard_threshold, soft_threshold

# 04.cd_update: one coordinate-descent update w_j = S(rho_j, alpha) / z_j with
# rho_j = x_j^T r_j / n (correlation of feature j with its partial residual) and
# z_j = x_j^T x_j / n. The notebook states these three numbers in the question.
CD_RHO = -0.7
CD_Z = 2.0
CD_ALPHA = 0.3


def _close(a, b):
    return np.allclose(a, b, rtol=1e-6, atol=1e-9)


@exercise("04.soft_threshold")
def _grade_soft_threshold(answer):
    if not callable(answer):
        return False, (
            "pass the function itself (my_soft_threshold, without brackets), not the "
            "result of calling it."
        )
    z = np.linspace(-3.0, 3.0, 13)
    threshold = 1.0
    got = np.asarray(answer(z, threshold), dtype=float)
    if got.shape != z.shape:
        return False, (
            f"for an input of shape {z.shape} your function returned shape "
            f"{got.shape}; soft thresholding works elementwise."
        )
    right = soft_threshold(z, threshold)
    if _close(got, right):
        return True, (
            "entries with |z| <= t become exactly 0 and every other entry moves t "
            "towards zero: sign(z) * max(|z| - t, 0)."
        )
    if _close(got, hard_threshold(z, threshold)):
        return False, (
            "that is hard thresholding: you zeroed the small entries but kept the "
            "large ones unchanged. Soft thresholding also moves the survivors t "
            "towards zero."
        )
    if _close(got, z / (1.0 + threshold)):
        return False, (
            "that is proportional shrinkage (what ridge does): every entry is scaled, "
            "none becomes exactly zero. Soft thresholding subtracts t from |z|."
        )
    if _close(got, np.maximum(np.abs(z) - threshold, 0.0)):
        return False, (
            "the negative entries lost their sign: multiply max(|z| - t, 0) by sign(z)."
        )
    if _close(got, np.sign(z) * (np.abs(z) - threshold)):
        return False, (
            "small entries cross zero instead of stopping at it: clip |z| - t at 0 "
            "with np.maximum(..., 0)."
        )
    if _close(got, z - threshold):
        return False, (
            "subtracting t from every entry moves negative entries away from zero; "
            "work on |z| and restore the sign afterwards."
        )
    worst = int(np.argmax(np.abs(got - right)))
    return False, (
        f"at z = {z[worst]:.1f}, t = {threshold:.1f} your function gives "
        f"{got[worst]:.3f}; soft thresholding gives {right[worst]:.3f}."
    )


@exercise("04.alpha_max")
def _grade_alpha_max(answer):
    if not callable(answer):
        return False, (
            "pass the function itself (my_alpha_max, without brackets), not a number."
        )
    # Import here: solvers are heavier than the penalties this module needs otherwise.
    from reglab.solvers import alpha_max

    rng = np.random.default_rng(4)
    n, p = 40, 6
    X = rng.normal(size=(n, p)) + 3.0  # columns with nonzero means: centring matters
    y = X[:, 0] - 2.0 * X[:, 3] + rng.normal(size=n) + 10.0
    got = float(answer(X, y))
    right = alpha_max(X, y)
    if _close(got, right):
        return True, (
            "alpha_max = max_j |x_j^T (y - mean(y))| / n on centred columns: the "
            "largest correlation of a feature with the centred target. Any alpha at "
            "or above it gives the all-zero lasso."
        )
    Xc = X - X.mean(axis=0)
    yc = y - y.mean()
    if _close(got, right * n):
        return False, "divide by n: the loss is ||y - Xw - b||^2 / (2 n)."
    if _close(got, np.max(np.abs(X.T @ y)) / n):
        return False, (
            "centre X and y first: the intercept is not penalized, so it absorbs the "
            "means before any coefficient moves."
        )
    if _close(got, np.max(np.abs(Xc.T @ y)) / n) or _close(
        got, np.max(np.abs(X.T @ yc)) / n
    ):
        return False, "centre both X and y (you centred only one of them)."
    if _close(got, np.linalg.norm(Xc.T @ yc) / n) or _close(
        got, np.sum(np.abs(Xc.T @ yc)) / n
    ):
        return False, (
            "take the largest absolute entry of X^T y / n (np.max of np.abs), not a "
            "norm of the whole vector: the first feature to enter is the one most "
            "correlated with y."
        )
    return False, (
        f"on a test problem your function gives {got:.4f}; the smallest alpha with "
        f"an all-zero lasso is {right:.4f}."
    )


@exercise("04.cd_update")
def _grade_cd_update(answer):
    got = float(answer)
    right = float(soft_threshold(CD_RHO, CD_ALPHA)) / CD_Z
    if _close(got, right):
        return True, (
            f"w_j = S({CD_RHO}, {CD_ALPHA}) / {CD_Z} = {right:.2f}: threshold the "
            "correlation with the partial residual, then divide by x_j^T x_j / n."
        )
    if _close(got, float(soft_threshold(CD_RHO, CD_ALPHA))):
        return False, f"you thresholded but forgot to divide by x_j^T x_j / n = {CD_Z}."
    if _close(got, CD_RHO / CD_Z):
        return False, (
            "that is the least-squares update for this coordinate; the lasso "
            "soft-thresholds rho_j at alpha before dividing."
        )
    if _close(got, float(soft_threshold(CD_RHO / CD_Z, CD_ALPHA))):
        return False, (
            "you divided first and then thresholded at alpha; if you divide first "
            "the threshold must be divided too (alpha / z_j). Threshold rho_j at "
            "alpha, then divide."
        )
    if _close(got, -right):
        return False, "the sign is wrong: the update keeps the sign of rho_j."
    if got == 0.0:
        return False, (
            f"|rho_j| = {abs(CD_RHO)} is larger than alpha = {CD_ALPHA}, so this "
            "coordinate is not zeroed."
        )
    return False, (
        "compute S(rho_j, alpha) = sign(rho_j) max(|rho_j| - alpha, 0), then divide "
        "by z_j."
    )


# 04.entry_alphas: the orthonormal design of the notebook's section 2, whose
# least-squares coefficients the question states.
PATH_Z = (3.0, -0.4, 1.5, 0.8, -2.2)


@exercise("04.entry_alphas")
def _grade_entry_alphas(answer):
    """The alpha at which each orthonormal lasso coefficient leaves zero.

    With orthonormal features the lasso is ``S(z_j, alpha)``, which is 0 exactly when
    ``alpha >= |z_j|``: coefficient ``j`` enters at ``alpha = |z_j|``.
    """
    z = np.array(PATH_Z)
    got = np.asarray(answer, dtype=float)
    if got.shape != z.shape:
        return False, (
            f"give one alpha per coefficient, {z.size} numbers in the order of z; got "
            f"shape {got.shape}."
        )
    right = np.abs(z)
    order = " > ".join(f"w{j + 1}" for j in np.argsort(-right, kind="stable"))
    if _close(got, right):
        return True, (
            f"coefficient j enters at alpha = |z_j|, so the order of entry, from large "
            f"alpha to small, is {order}; below its entry point each coefficient is "
            "the straight line sign(z_j) (|z_j| - alpha)."
        )
    if _close(got, z):
        return False, (
            "those are the z_j themselves; an alpha is never negative. S(z_j, alpha) "
            "is 0 for alpha >= |z_j|."
        )
    if _close(got, z**2 / 2):
        return False, (
            "z_j^2 / 2 is where hard thresholding (best subset) switches, at "
            "|z_j| = sqrt(2 alpha). Soft thresholding switches at alpha = |z_j|."
        )
    if _close(np.sort(got), np.sort(right)):
        return False, (
            "the right numbers in the wrong places: give them in the order of z, "
            "coefficient by coefficient."
        )
    if np.any(~np.isfinite(got)) or np.any(got <= 0):
        return False, (
            "every coefficient enters at some positive alpha: S(z_j, alpha) is nonzero "
            "as soon as alpha < |z_j|."
        )
    worst = int(np.argmax(np.abs(got - right)))
    return False, (
        f"coefficient {worst + 1} (z = {z[worst]:g}): S(z, alpha) is nonzero for "
        f"alpha below {right[worst]:g}, not {got[worst]:g}."
    )


# 04.zero_share: Parr's experiment on round bowls at the notebook's alpha; the
# explorer's l1_ratio slider moves in steps of 0.05.
ZERO_SHARE_ALPHA = 0.5
ZERO_SHARE_STEP = 0.05


@exercise("04.zero_share")
def _grade_zero_share(answer):
    """The smallest l1_ratio on the slider at which half the round bowls have a zero."""
    from reglab.random_bowls import round_bowl_zero_share

    got = float(answer)
    grid = np.round(np.arange(0.0, 1.0 + ZERO_SHARE_STEP / 2, ZERO_SHARE_STEP), 2)
    shares = round_bowl_zero_share(ZERO_SHARE_ALPHA, grid)
    right = float(grid[np.argmax(shares >= 0.5)])
    if not 0.0 <= got <= 1.0:
        return False, f"an l1_ratio lies between 0 (ridge) and 1 (lasso); got {got:g}."
    nearest = int(np.argmin(np.abs(grid - got)))
    if not np.isclose(grid[nearest], got, rtol=0, atol=1e-9):
        return False, (
            f"give a position of the slider, a multiple of {ZERO_SHARE_STEP} "
            f"(for example {grid[nearest]:g})."
        )
    share = shares[nearest]
    if np.isclose(got, right, rtol=0, atol=1e-9):
        below = shares[nearest - 1]
        return True, (
            f"at l1_ratio = {right:g} the share of round bowls with a zero is "
            f"{share:.1%}, one step lower only {below:.1%}: the band |c_j| <= alpha "
            f"l1_ratio must reach {ZERO_SHARE_ALPHA:g} * {right:g} = "
            f"{ZERO_SHARE_ALPHA * right:.2f} before a random centre lands in one of "
            "the two bands half the time. The lasso itself (l1_ratio = 1) gets "
            f"{shares[-1]:.1%}."
        )
    if got < right:
        return False, (
            f"at l1_ratio = {got:g} only {share:.1%} of the round bowls have a zero "
            "(read the dashed formula curve, or the diamond with bowl stretch 1): "
            "more L1 is needed."
        )
    return False, (
        f"at l1_ratio = {got:g} the share is {share:.1%}, but it already reaches one "
        "half at a smaller l1_ratio: step the slider down until it falls below 50%."
    )
