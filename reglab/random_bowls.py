"""How often a penalty gives an exact zero: random two-coefficient problems (Parr).

A *bowl* is the quadratic loss ``1/2 (w - c)^T H (w - c)`` in two coefficients: ``c``
is its unpenalized minimizer, ``H`` (positive definite) its curvature. With the
course's penalty ``alpha P(w)``, ``P(w) = r ||w||_1 + (1 - r)/2 ||w||_2^2`` (``r`` the
``l1_ratio``), the problem is, up to a constant,

    minimize  1/2 w^T G w - b^T w + lam ||w||_1,
    G = H + alpha (1 - r) I,   b = H c,   lam = alpha r.

Its minimizer is found exactly: the minimizer lies on one of seven faces (w = 0, one
coordinate 0, or a sign pattern of both), each face's minimizer has a closed form, and
the one with the lowest objective is the minimizer (the objective is strictly convex).
On the face ``w2 = 0`` the answer is one soft threshold, ``w1 = S(b1, lam) / G11``:
the same update as one step of coordinate descent.

A coordinate is exactly zero on a band of centres (``zero_regions``):
``w1 = 0`` exactly when ``|b1 - G12 S(b2, lam) / G22| <= lam``. For the round bowl
``H = I`` this is ``|c1| <= lam``, soft thresholding's dead zone, and with
``c ~ N(0, I)`` the share of minimizers with a zero has a closed form
(``round_bowl_zero_share``). Ridge (``r = 0``) has bands of width 0: a zero needs
``c`` exactly on a line, which happens with probability 0.
"""

import numpy as np
from scipy.special import erf

from reglab._validation import (
    check_alpha,
    check_array,
    check_l1_ratio,
    check_random_state,
    check_scalar,
)
from reglab.penalties import soft_threshold

__all__ = [
    "bowl_curvature",
    "kkt_violation",
    "penalized_minimizers",
    "random_bowls",
    "round_bowl_zero_share",
    "zero_pattern",
    "zero_regions",
]

# the faces' sign patterns, sparse ones first: on a tie the sparser point wins
_FULL_SIGNS = np.array([[1.0, 1.0], [1.0, -1.0], [-1.0, 1.0], [-1.0, -1.0]])


def bowl_curvature(eigenvalues, angle):
    """``H = Q diag(eigenvalues) Q^T``, ``Q`` the rotation by ``angle`` (radians).

    Vectorised: ``eigenvalues`` (..., 2) and ``angle`` (...) give ``H`` (..., 2, 2).
    Computed as ``l2 I + (l1 - l2) q q^T`` with ``q = (cos, sin)``, so equal
    eigenvalues give exactly ``l I`` (a round bowl), whatever the angle.
    """
    eigenvalues = np.asarray(eigenvalues, dtype=float)
    angle = np.asarray(angle, dtype=float)
    if eigenvalues.shape[-1:] != (2,) or np.any(~(eigenvalues > 0)):
        raise ValueError(
            "`eigenvalues` must be positive, two per bowl (shape (..., 2)). Got "
            f"{eigenvalues!r} instead."
        )
    q = np.stack([np.cos(angle), np.sin(angle)], axis=-1)
    low = eigenvalues[..., 1, None, None] * np.eye(2)
    spread = (eigenvalues[..., 0] - eigenvalues[..., 1])[..., None, None]
    return low + spread * (q[..., :, None] * q[..., None, :])  # exactly symmetric


def random_bowls(n_problems, *, eigenvalue_range=(0.2, 2.0), random_state=None):
    """Random bowls as in Parr's experiment: ``(centres, curvatures)``.

    Centres ``c ~ N(0, I)`` (drawn first, so one seed gives the same centres for
    any ``eigenvalue_range``); ``H`` with a uniformly random tilt in [0, pi) and two
    eigenvalues drawn uniformly from ``eigenvalue_range`` (``(1, 1)``: round bowls,
    ``H = I``).

    Returns ``centres`` (n_problems, 2) and ``curvatures`` (n_problems, 2, 2).
    """
    n_problems = check_scalar(n_problems, "n_problems", low=1, integer=True)
    low, high = (float(v) for v in eigenvalue_range)
    if not 0 < low <= high or not np.isfinite(high):
        raise ValueError(
            "`eigenvalue_range` must be (low, high) with 0 < low <= high. Got "
            f"{eigenvalue_range!r} instead."
        )
    rng = np.random.default_rng(check_random_state(random_state))
    centres = rng.standard_normal((n_problems, 2))
    angle = rng.uniform(0.0, np.pi, n_problems)
    eigenvalues = rng.uniform(low, high, (n_problems, 2))
    return centres, bowl_curvature(eigenvalues, angle)


def _checked(centres, curvatures, alpha, l1_ratio):
    centres = check_array(centres, "centres", ndim=2)
    if centres.shape[1] != 2:
        raise ValueError(
            f"`centres` must have 2 columns (w1, w2). Got shape {centres.shape} "
            "instead."
        )
    curvatures = np.asarray(curvatures, dtype=float)
    if curvatures.shape[-2:] != (2, 2) or not np.all(np.isfinite(curvatures)):
        raise ValueError(
            "`curvatures` must be finite 2 x 2 matrices, one or one per centre. Got "
            f"shape {curvatures.shape} instead."
        )
    a, d = curvatures[..., 0, 0], curvatures[..., 1, 1]
    b, c = curvatures[..., 0, 1], curvatures[..., 1, 0]
    if np.any(b != c) or np.any(~(a > 0)) or np.any(~(a * d - b * c > 0)):
        raise ValueError("`curvatures` must be symmetric and positive definite.")
    return centres, curvatures, check_alpha(alpha), check_l1_ratio(l1_ratio)


def _smooth_part(centres, curvatures, alpha, l1_ratio):
    # G = H + alpha (1 - r) I, b = H c, lam = alpha r
    G = curvatures + alpha * (1.0 - l1_ratio) * np.eye(2)
    b = np.einsum("...ij,...j->...i", curvatures, centres)
    return np.broadcast_to(G, (len(centres), 2, 2)), b, alpha * l1_ratio


def penalized_minimizers(centres, curvatures, alpha, l1_ratio):
    """The exact minimizer of each ``1/2 (w - c)^T H (w - c) + alpha P(w)``.

    Parameters
    ----------
    centres : array (m, 2), the unpenalized minimizers ``c``
    curvatures : array (2, 2) or (m, 2, 2), symmetric positive definite ``H``
    alpha : float >= 0
    l1_ratio : float in [0, 1]

    Returns
    -------
    ndarray (m, 2); a coordinate the penalty zeroes is exactly 0.0.
    """
    centres, curvatures, alpha, l1_ratio = _checked(
        centres, curvatures, alpha, l1_ratio
    )
    G, b, lam = _smooth_part(centres, curvatures, alpha, l1_ratio)
    m = len(centres)
    zero = np.zeros((m, 2))
    # one coordinate free, the other 0: a soft threshold, as in coordinate descent
    only_w1 = np.column_stack([soft_threshold(b[:, 0], lam) / G[:, 0, 0], zero[:, 0]])
    only_w2 = np.column_stack([zero[:, 0], soft_threshold(b[:, 1], lam) / G[:, 1, 1]])
    # both free with signs s: G w = b - lam s, kept only where sign(w) = s
    full = np.linalg.solve(G[:, None], (b[:, None, :] - lam * _FULL_SIGNS)[..., None])
    full = full[..., 0]
    consistent = np.all(np.sign(full) == _FULL_SIGNS, axis=-1)
    candidates = np.concatenate([np.stack([zero, only_w1, only_w2], axis=1), full], 1)
    objective = (
        0.5 * np.einsum("mki,mij,mkj->mk", candidates, G, candidates)
        - np.einsum("mki,mi->mk", candidates, b)
        + lam * np.abs(candidates).sum(axis=-1)
    )
    objective[:, 3:][~consistent] = np.inf
    best = np.argmin(objective, axis=1)
    return candidates[np.arange(m), best] + 0.0  # + 0.0: no -0.0


def kkt_violation(w, centres, curvatures, alpha, l1_ratio):
    """How far each ``w`` is from the optimality conditions, per problem (m,).

    With ``g = G w - b`` (the smooth part's gradient): ``|g_j + lam sign(w_j)|``
    where ``w_j != 0``, and ``max(|g_j| - lam, 0)`` where ``w_j = 0``; the largest
    over both coordinates. Zero exactly at the minimizer.
    """
    centres, curvatures, alpha, l1_ratio = _checked(
        centres, curvatures, alpha, l1_ratio
    )
    w = check_array(w, "w", ndim=2)
    if w.shape != centres.shape:
        raise ValueError(
            f"`w` must have the shape of `centres` {centres.shape}. Got {w.shape} "
            "instead."
        )
    G, b, lam = _smooth_part(centres, curvatures, alpha, l1_ratio)
    g = np.einsum("mij,mj->mi", G, w) - b
    off = np.where(w != 0, np.abs(g + lam * np.sign(w)), np.maximum(np.abs(g) - lam, 0))
    return off.max(axis=1)


def zero_pattern(centres, curvatures, alpha, l1_ratio):
    """Which coordinates of each penalized minimizer are exactly 0, without solving.

    ``w1 = 0`` exactly when ``|b1 - G12 S(b2, lam) / G22| <= lam`` (then
    ``(0, S(b2, lam) / G22)`` meets both optimality conditions), and likewise for
    ``w2``. Agrees with ``penalized_minimizers(...) == 0`` and costs a few array
    operations, so an explorer can evaluate it on a whole grid of penalties.

    ``l1_ratio`` may be a 1-D array (a grid); the result is a boolean array of
    shape ``np.shape(l1_ratio) + (m, 2)``.
    """
    ratios = np.atleast_1d(np.asarray(l1_ratio, dtype=float))
    if ratios.ndim != 1:
        raise ValueError(
            f"`l1_ratio` must be a number or a 1-D array. Got {l1_ratio!r} instead."
        )
    centres, curvatures, alpha, _ = _checked(centres, curvatures, alpha, ratios[0])
    b = np.einsum("...ij,...j->...i", curvatures, centres)  # b = H c
    zero = np.empty((ratios.size, *centres.shape), dtype=bool)
    for i, r in enumerate(ratios):
        lam, ridge = check_l1_ratio(r) * alpha, (1.0 - r) * alpha
        for j, k in [(0, 1), (1, 0)]:
            # the best w_k when w_j = 0: S(b_k, lam) / G_kk, G = H + alpha (1 - r) I
            w_k = soft_threshold(b[:, k], lam) / (curvatures[..., k, k] + ridge)
            zero[i, :, j] = np.abs(b[:, j] - curvatures[..., j, k] * w_k) <= lam
    return zero if np.ndim(l1_ratio) else zero[0]


def round_bowl_zero_share(alpha, l1_ratio):
    """Share of round bowls (``H = I``, ``c ~ N(0, I)``) whose minimizer has a zero.

    ``w_j = S(c_j, alpha r) / (1 + alpha (1 - r))`` is 0 exactly when
    ``|c_j| <= alpha r``, which has probability ``erf(alpha r / sqrt 2)``; the two
    coordinates are independent, so the share is ``1 - (1 - erf(alpha r/sqrt 2))^2``.
    Vectorised over ``l1_ratio`` (an array in [0, 1]).
    """
    alpha = check_alpha(alpha)
    l1_ratio = np.asarray(l1_ratio, dtype=float)
    if np.any(~((l1_ratio >= 0) & (l1_ratio <= 1))):
        raise ValueError(f"`l1_ratio` must be in [0, 1]. Got {l1_ratio!r} instead.")
    one_zero = erf(alpha * l1_ratio / np.sqrt(2.0))
    return 1.0 - (1.0 - one_zero) ** 2


def zero_regions(curvature, alpha, l1_ratio, *, reach=1e3):
    """The centres ``c`` whose penalized minimizer has ``w1 = 0``, and ``w2 = 0``.

    ``w1 = 0`` exactly when ``|b1 - G12 S(b2, lam) / G22| <= lam`` with ``b = H c``:
    in ``b`` a band of half-width ``lam`` around a broken line (kinks at
    ``b2 = +-lam``); in ``c`` its image under ``H^-1``. Likewise for ``w2``. Both
    contain the square ``|b1|, |b2| <= lam`` where ``w = 0``.

    Parameters
    ----------
    curvature : array (2, 2), one symmetric positive definite ``H``
    alpha, l1_ratio : the penalty
    reach : float, the bands are cut at ``|b_j| <= reach`` (far outside any figure)

    Returns
    -------
    dict ``{0: polygon, 1: polygon}``: for coordinate ``j``, an array (8, 2) of
    the vertices (in ``c``) of the region where ``w_j = 0``. With ``l1_ratio = 0``
    (ridge) each region is a line (a polygon of width 0).
    """
    curvature = np.asarray(curvature, dtype=float)
    if curvature.shape != (2, 2):
        raise ValueError(
            f"`curvature` must be one 2 x 2 matrix. Got shape {curvature.shape} "
            "instead."
        )
    _, curvature, alpha, l1_ratio = _checked(
        np.zeros((1, 2)), curvature, alpha, l1_ratio
    )
    reach = check_scalar(reach, "reach", low=0.0, low_inclusive=False)
    G = curvature + alpha * (1.0 - l1_ratio) * np.eye(2)
    lam = alpha * l1_ratio
    other = np.array([-reach, -lam, lam, reach])  # the other coordinate's b, kinks
    regions = {}
    for j, k in [(0, 1), (1, 0)]:
        # b_j on the band's edges: G_jk S(b_k, lam) / G_kk +- lam
        middle = G[j, k] * soft_threshold(other, lam) / G[k, k]
        edges = np.concatenate([middle + lam, (middle - lam)[::-1]])
        b = np.empty((8, 2))
        b[:, j], b[:, k] = edges, np.concatenate([other, other[::-1]])
        regions[j] = np.linalg.solve(curvature, b.T).T  # c = H^-1 b
    return regions
