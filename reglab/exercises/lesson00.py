"""Graders for notebook 00 (welcome): a first exercise to try ``check`` on."""

import numpy as np

from reglab.exercises import exercise

# The vector the welcome notebook asks about.
WELCOME_VECTOR = np.array([3.0, -4.0])


@exercise("00.sum_of_sizes")
def sum_of_sizes(answer):
    """The sum of the absolute values of ``WELCOME_VECTOR`` (its L1 norm)."""
    value = float(answer)
    right = float(np.sum(np.abs(WELCOME_VECTOR)))
    if np.isclose(value, right):
        return True, (
            f"{right:g} = |3| + |-4|. This sum of sizes is the L1 norm; notebook 02 "
            "builds on it."
        )
    if np.isclose(value, np.sum(WELCOME_VECTOR)):
        return False, (
            f"{value:g} is 3 + (-4): the signs cancelled. Take the size |w_j| of each "
            "entry first."
        )
    if np.isclose(value, np.linalg.norm(WELCOME_VECTOR)):
        return False, (
            f"{value:g} is the length sqrt(3^2 + 4^2) (the L2 norm). Here we want "
            "|3| + |-4|."
        )
    if np.isclose(value, np.sum(WELCOME_VECTOR**2)):
        return False, f"{value:g} is the sum of squares. Add the sizes |w_j| instead."
    return False, f"{value:g} is not |3| + |-4|. Add the two sizes."


@exercise("00.sum_of_sizes_function")
def sum_of_sizes_function(answer):
    """A function ``w -> sum_j |w_j|`` that works on any 1-D numpy array."""
    if not callable(answer):
        return False, (
            "Give a function, without brackets after its name: def sum_of_sizes(w): "
            "... return total"
        )
    vectors = [WELCOME_VECTOR, np.array([0.5, -2.0, 0.0, 1.5]), np.array([-1.0])]
    got = []
    for w in vectors:
        try:
            got.append(float(answer(w.copy())))
        except Exception as exc:  # the learner's code: report it instead of raising
            return False, (
                f"Calling your function on {w.tolist()} raised "
                f"{type(exc).__name__}: {exc}"
            )
    right = [float(np.sum(np.abs(w))) for w in vectors]
    if np.allclose(got, right):
        return True, (
            f"{right[1]:g} for {vectors[1].tolist()}: the L1 norm, computed for any "
            "length. Notebook 02 calls it l1_norm."
        )
    if np.allclose(got, [float(np.sum(w)) for w in vectors]):
        return False, (
            "That adds the entries with their signs: take np.abs(w) before summing."
        )
    if np.allclose(got, [float(np.linalg.norm(w)) for w in vectors]):
        return False, (
            "That is the Euclidean length sqrt(sum w_j^2), the L2 norm. The sum of "
            "sizes adds |w_j|."
        )
    if np.allclose(got[:1], right[:1]):
        return False, (
            f"Right for (3, -4) but not for {vectors[1].tolist()}: make the function "
            "work on vectors of any length, e.g. with np.sum(np.abs(w))."
        )
    return False, (
        f"For {vectors[1].tolist()} your function gives {got[1]:g}; the sum of sizes "
        f"is {right[1]:g}."
    )
