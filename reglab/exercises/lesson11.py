"""Graders for notebook 11 (beyond L1 and L2).

Each grader takes the learner's answer and returns ``(is_right, message)``. The right
answer is always computed here from numpy or reglab, never typed in.
"""

import numpy as np

from reglab.exercises import answers_close, exercise
from reglab.penalties import MCP, WeightedL1, block_soft_threshold, soft_threshold

# 11.weighted_prox: the numbers the notebook's question states.
WEIGHTED_W = np.array([1.5, -0.8, 0.3, 2.0])
WEIGHTED_FACTORS = np.array([1.0, 0.5, 0.0, 2.0])
WEIGHTED_ALPHA = 0.6

# 11.adaptive_weights: a first-stage fit and the exponent gamma.
ADAPTIVE_INIT = np.array([2.0, -0.5, 0.1])
ADAPTIVE_GAMMA = 1.0

# 11.relaxed_blend: the lasso fit at one alpha, the least-squares refit on its support.
RELAXED_LASSO = np.array([1.2, 0.0, -0.4])
RELAXED_REFIT = np.array([1.8, 0.0, -0.9])
RELAXED_GAMMA = 0.25

# 11.mcp_threshold: orthonormal least-squares values, alpha and MCP's gamma.
MCP_Z = np.array([0.5, 2.0, 4.0])
MCP_ALPHA = 1.0
MCP_GAMMA = 3.0


def _shown(values):
    return (np.round(np.asarray(values, dtype=float), 4) + 0.0).tolist()


@exercise("11.weighted_prox")
def _grade_weighted_prox(answer):
    got = np.asarray(answer, dtype=float)
    if got.shape != WEIGHTED_W.shape:
        return False, f"give all {WEIGHTED_W.size} entries, as a list or an array."
    penalty = WeightedL1(WEIGHTED_ALPHA, WEIGHTED_FACTORS)
    right = penalty.prox(WEIGHTED_W, 1.0)
    thresholds = WEIGHTED_ALPHA * WEIGHTED_FACTORS
    if answers_close(got, right):
        return True, (
            f"each entry is soft-thresholded at its own alpha * v_j = "
            f"{_shown(thresholds)}: {_shown(right)}. The entry with factor 0 is never "
            "shrunk (glmnet's penalty.factor = 0: always in the model), the one with "
            "factor 2 is shrunk twice as hard."
        )
    if answers_close(got, soft_threshold(WEIGHTED_W, WEIGHTED_ALPHA)):
        return False, (
            f"that is the plain lasso prox, one threshold alpha = {WEIGHTED_ALPHA:g} "
            "for every entry; each entry's threshold is alpha times its own factor."
        )
    if answers_close(
        got, soft_threshold(WEIGHTED_W * WEIGHTED_FACTORS, WEIGHTED_ALPHA)
    ):
        return False, (
            "the factors multiply the threshold, not the coefficients: threshold w_j "
            "at alpha * v_j."
        )
    with np.errstate(divide="ignore"):
        divided = np.sign(WEIGHTED_W) * np.maximum(
            np.abs(WEIGHTED_W) - WEIGHTED_ALPHA / WEIGHTED_FACTORS, 0.0
        )
    if answers_close(got, divided):
        return False, (
            "you divided alpha by the factors; a larger factor means a larger "
            "penalty, so multiply: the threshold is alpha * v_j."
        )
    worst = int(np.argmax(np.abs(got - right)))
    return False, (
        f"entry {worst + 1} (w = {WEIGHTED_W[worst]:g}, factor "
        f"{WEIGHTED_FACTORS[worst]:g}) should be soft-thresholded at "
        f"{thresholds[worst]:g}: {right[worst]:.4g}, not {got[worst]:.4g}."
    )


@exercise("11.adaptive_weights")
def _grade_adaptive_weights(answer):
    got = np.asarray(answer, dtype=float)
    if got.shape != ADAPTIVE_INIT.shape:
        return False, f"give one weight per coefficient ({ADAPTIVE_INIT.size} numbers)."
    right = 1.0 / np.abs(ADAPTIVE_INIT) ** ADAPTIVE_GAMMA
    if answers_close(got, right):
        return True, (
            f"v_j = 1 / |w_init_j|^gamma = {_shown(right)}: the large first-stage "
            "coefficient gets the smallest penalty factor, so the second-stage lasso "
            "barely shrinks it, while the near-zero one is penalized hardest."
        )
    if answers_close(got, 1.0 / ADAPTIVE_INIT):
        return False, (
            "a penalty factor is never negative: take the absolute value, "
            "1 / |w_init_j|^gamma."
        )
    if answers_close(got, np.abs(ADAPTIVE_INIT) ** ADAPTIVE_GAMMA):
        return False, (
            "that is |w_init|^gamma itself: the penalty would be largest on the "
            "largest coefficient. The adaptive lasso inverts it: 1 / |w_init_j|^gamma."
        )
    if answers_close(got, 1.0 / ADAPTIVE_INIT**2):
        return False, f"gamma is {ADAPTIVE_GAMMA:g} here, not 2."
    return False, (
        f"for w_init = {ADAPTIVE_INIT.tolist()} and gamma = {ADAPTIVE_GAMMA:g} compute "
        "1 / np.abs(w_init) ** gamma."
    )


def _block_test_cases():
    """Vectors and thresholds that catch the usual mistakes of a block prox."""
    return [
        (np.array([3.0, 4.0]), 2.5),  # norm 5: scaled by 1 - 2.5 / 5
        (np.array([0.3, -0.4]), 1.0),  # norm 0.5 <= 1: the whole block is zero
        (np.array([2.0, -0.1, 0.05]), 1.0),  # small entries kept, unlike soft thr.
        (np.zeros(3), 0.5),  # zero stays zero, no division by 0
        (np.array([-6.0, 8.0]), 0.0),  # threshold 0 changes nothing
    ]


@exercise("11.block_soft_threshold")
def _grade_block_soft_threshold(answer):
    if not callable(answer):
        return False, (
            "pass the function itself (my_block_soft_threshold, without brackets), "
            "not the result of calling it."
        )
    for z, threshold in _block_test_cases():
        got = np.asarray(answer(z.copy(), threshold), dtype=float)
        right = block_soft_threshold(z, threshold)
        if got.shape != z.shape:
            return False, (
                f"for a block of shape {z.shape} your function returned shape "
                f"{got.shape}; it must return the whole block."
            )
        if not np.all(np.isfinite(got)):
            return False, (
                f"for z = {z.tolist()} your function returned {got.tolist()}: a zero "
                "block must give zeros (guard the division by its norm)."
            )
        if answers_close(got, right):
            continue
        if answers_close(got, soft_threshold(z, threshold)):
            return False, (
                f"for z = {z.tolist()}, t = {threshold:g} that is elementwise soft "
                "thresholding; the group prox shrinks the block's length, "
                "z * max(1 - t / ||z||_2, 0), so small entries of a surviving block "
                "stay nonzero."
            )
        norm = np.linalg.norm(z)
        if norm > 0 and answers_close(got, z * (1.0 - threshold / norm)):
            return False, (
                f"for z = {z.tolist()}, t = {threshold:g} the factor 1 - t / ||z|| is "
                "negative and your block flipped sign; clip the factor at 0."
            )
        if norm > 0 and answers_close(got, z * max(1.0 - threshold / norm**2, 0.0)):
            return False, "divide t by the block's norm ||z||_2, not by its square."
        if norm > 0 and answers_close(
            got, z * max(1.0 - threshold / np.abs(z).sum(), 0.0)
        ):
            return (
                False,
                "use the Euclidean norm ||z||_2 of the block, not its L1 norm.",
            )
        return False, (
            f"for z = {z.tolist()}, t = {threshold:g} your function gives "
            f"{_shown(got)}; the block soft threshold is {_shown(right)}."
        )
    return True, (
        "z * max(1 - t / ||z||_2, 0): a block whose length is at most t becomes "
        "exactly zero as a whole, a longer one keeps its direction and loses t of its "
        "length. No entry of a surviving block is zeroed on its own."
    )


@exercise("11.relaxed_blend")
def _grade_relaxed_blend(answer):
    got = np.asarray(answer, dtype=float)
    if got.shape != RELAXED_LASSO.shape:
        return False, f"give all {RELAXED_LASSO.size} coefficients."
    right = RELAXED_GAMMA * RELAXED_LASSO + (1 - RELAXED_GAMMA) * RELAXED_REFIT
    if answers_close(got, right):
        return True, (
            f"gamma * lasso + (1 - gamma) * refit = {_shown(right)}. The zero stays "
            "zero (the refit uses only the lasso's support), and with gamma = "
            f"{RELAXED_GAMMA:g} the fit is three quarters of the way to the "
            "unshrunk refit."
        )
    swapped = (1 - RELAXED_GAMMA) * RELAXED_LASSO + RELAXED_GAMMA * RELAXED_REFIT
    if answers_close(got, swapped):
        return False, (
            "gamma weighs the LASSO fit in glmnet's convention: gamma = 1 is the "
            "lasso, gamma = 0 the refit. You swapped the two weights."
        )
    if answers_close(got, (RELAXED_LASSO + RELAXED_REFIT) / 2):
        return False, f"that is the midpoint; gamma is {RELAXED_GAMMA:g}, not 0.5."
    return False, (
        f"blend the two fits: {RELAXED_GAMMA:g} * {RELAXED_LASSO.tolist()} + "
        f"{1 - RELAXED_GAMMA:g} * {RELAXED_REFIT.tolist()}."
    )


@exercise("11.mcp_threshold")
def _grade_mcp_threshold(answer):
    got = np.asarray(answer, dtype=float)
    if got.shape != MCP_Z.shape:
        return False, f"give one estimate per z ({MCP_Z.size} numbers)."
    right = MCP(MCP_ALPHA, gamma=MCP_GAMMA).prox(MCP_Z, 1.0)
    if answers_close(got, right):
        return True, (
            f"{_shown(right)}: like the lasso below alpha (exactly 0), unshrunk beyond "
            f"gamma * alpha = {MCP_GAMMA * MCP_ALPHA:g} (the large estimate is kept "
            "as it is), and in between soft thresholding scaled up by "
            f"1 / (1 - 1/gamma) = {1 / (1 - 1 / MCP_GAMMA):g}."
        )
    if answers_close(got, soft_threshold(MCP_Z, MCP_ALPHA)):
        return False, (
            "that is the lasso's soft thresholding: it shrinks the large estimate by "
            "alpha too. MCP's penalty stops growing at |w| = gamma * alpha, so beyond "
            "that the estimate is z itself."
        )
    if answers_close(got, MCP_Z * (np.abs(MCP_Z) > MCP_ALPHA)):
        return False, (
            "that is hard thresholding. MCP agrees with it beyond gamma * alpha, but "
            "between alpha and gamma * alpha it still shrinks: "
            "S(z, alpha) / (1 - 1/gamma)."
        )
    return False, (
        "three zones: |z| <= alpha gives 0; alpha < |z| <= gamma * alpha gives "
        "S(z, alpha) / (1 - 1/gamma); beyond, z unchanged."
    )
