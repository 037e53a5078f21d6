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
