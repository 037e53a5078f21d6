"""What each solver needs from the loss and the penalty, checked in one place.

A solver that needs only a penalty's ``prox`` (FISTA) works with every penalty that
has one; the others are tied to one problem (LARS: the lasso; the SVD: ridge). A
mismatch is refused with one sentence naming the solver, the loss, the penalty and
what to use instead.

What each solver accepts (penalties of ``reglab.penalties``):

=============  ==============================================  =================
solver         penalties                                       losses
=============  ==============================================  =================
fista          every one (it needs only ``prox``; MCP, SCAD     squared, logistic
               and L0 without momentum)
prox_newton    the convex ones: L1, L2, L1L2, WeightedL1,      squared, logistic
               WeightedL1L2, GroupL1
subgradient    every one (``subgradient``; never exact zeros)  squared, logistic
cd             L1, L2, L1L2                                    squared
lars           L1                                              squared
svd            L2 (or alpha = 0)                               squared
=============  ==============================================  =================

Coordinate descent is written for the elastic net (its working sets, strong rule and
sign-pattern solves use ``alpha * l1_ratio``); ``WeightedL1``, ``WeightedL1L2``,
``GroupL1``, ``MCP`` and ``SCAD`` run on FISTA (their certificate: the duality gap
for the convex ones with every weight positive, the KKT residual otherwise).
"""

from reglab.penalties import L1L2, Penalty

__all__ = ["check_compatible"]


def _squared(loss):
    return loss.name == "squared"


def _elastic_net(penalty):
    return isinstance(penalty, L1L2)


# solver -> [(holds(loss, penalty), why not, what to use instead)]
_NEEDS = {
    "svd": [
        (lambda loss, pen: _squared(loss), "it handles only the squared loss", "cd"),
        (
            lambda loss, pen: (
                isinstance(pen, L1L2) and (pen.l1_ratio == 0 or pen.alpha == 0)
            ),
            "{penalty} has no closed form, only ridge (l1_ratio=0) or alpha=0 has",
            "cd",
        ),
    ],
    "lars": [
        (lambda loss, pen: _squared(loss), "it handles only the squared loss", "cd"),
        (
            lambda loss, pen: isinstance(pen, L1L2) and pen.l1_ratio == 1,
            "LARS computes the lasso path only and needs l1_ratio=1",
            "cd",
        ),
    ],
    "cd": [
        (
            lambda loss, pen: _squared(loss),
            "it handles only the squared loss",
            "prox_newton",
        ),
        (
            lambda loss, pen: pen.is_convex,
            "{penalty} is not convex, and coordinate descent here needs a convex "
            "penalty",
            "fista",
        ),
        (
            lambda loss, pen: _elastic_net(pen),
            "coordinate descent solves only L1, L2 and L1L2 (its sweeps, working sets "
            "and sign-pattern solves are written for alpha * l1_ratio), not {penalty}",
            "fista",
        ),
    ],
    "fista": [],
    "prox_newton": [
        (
            lambda loss, pen: pen.is_convex,
            "{penalty} is not convex, and proximal Newton needs a convex penalty",
            "fista",
        ),
    ],
    "subgradient": [],
}


def check_compatible(solver, loss, penalty):
    """One ``ValueError`` sentence if ``solver`` cannot minimize loss + penalty."""
    if not isinstance(penalty, Penalty):
        raise TypeError(
            f"`penalty` must be a reglab.penalties penalty such as L1(alpha). Got "
            f"{penalty!r} of type {type(penalty).__name__} instead."
        )
    for holds, why, instead in _NEEDS[solver]:
        if not holds(loss, penalty):
            reason = why.format(penalty=type(penalty).__name__)
            raise ValueError(
                f"solver={solver!r} cannot minimize {loss!r} + {penalty!r}: {reason}; "
                f"use solver={instead!r}."
            )
