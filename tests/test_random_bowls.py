"""reglab.random_bowls: exact minimizers of penalized 2-D bowls and where they are 0."""

import math

import numpy as np
import pytest
from matplotlib.path import Path

from reglab.penalties import soft_threshold
from reglab.random_bowls import (
    bowl_curvature,
    kkt_violation,
    penalized_minimizers,
    random_bowls,
    round_bowl_zero_share,
    zero_pattern,
    zero_regions,
)

PENALTIES = [(0.0, 0.5), (0.3, 0.0), (0.5, 0.25), (0.5, 1.0), (2.0, 0.6)]


def coordinate_descent_by_hand(centres, H, alpha, l1_ratio, n_sweeps=500):
    """The independent oracle: many sweeps of w_j <- S(b_j - G_jk w_k, lam) / G_jj."""
    G = H + alpha * (1 - l1_ratio) * np.eye(2)
    G = np.broadcast_to(G, (len(centres), 2, 2))
    b = np.einsum("...ij,...j->...i", H, centres)
    w = np.zeros_like(centres)
    for _ in range(n_sweeps):
        for j, k in [(0, 1), (1, 0)]:
            partial = b[:, j] - G[:, j, k] * w[:, k]
            w[:, j] = soft_threshold(partial, alpha * l1_ratio) / G[:, j, j]
    return w


@pytest.mark.parametrize(("alpha", "l1_ratio"), PENALTIES)
def test_minimizers_are_exact_and_agree_with_coordinate_descent(alpha, l1_ratio):
    centres, H = random_bowls(3000, random_state=1)
    w = penalized_minimizers(centres, H, alpha, l1_ratio)
    oracle = coordinate_descent_by_hand(centres, H, alpha, l1_ratio)
    np.testing.assert_allclose(w, oracle, atol=1e-10)
    np.testing.assert_array_equal(w == 0, oracle == 0)
    assert kkt_violation(w, centres, H, alpha, l1_ratio).max() < 1e-12
    assert not np.any(np.signbit(w) & (w == 0))  # no -0.0


def test_kkt_violation_sees_a_point_that_is_not_the_minimizer():
    centres, H = random_bowls(50, random_state=2)
    w = penalized_minimizers(centres, H, 0.5, 1.0)
    assert np.all(kkt_violation(w + 0.01, centres, H, 0.5, 1.0) > 1e-3)


@pytest.mark.parametrize(("alpha", "l1_ratio"), PENALTIES)
def test_zero_pattern_is_where_the_minimizer_is_zero(alpha, l1_ratio):
    centres, H = random_bowls(5000, random_state=3)
    for curvatures in (H, bowl_curvature([4.0, 0.25], 0.5)):
        w = penalized_minimizers(centres, curvatures, alpha, l1_ratio)
        pattern = zero_pattern(centres, curvatures, alpha, l1_ratio)
        np.testing.assert_array_equal(pattern, w == 0)
    grid = zero_pattern(centres, H, alpha, [0.0, l1_ratio, 1.0])
    assert grid.shape == (3, 5000, 2)
    np.testing.assert_array_equal(grid[1], zero_pattern(centres, H, alpha, l1_ratio))
    assert not grid[0].any() or alpha == 0  # ridge never gives a zero


def test_round_bowl_is_soft_thresholding_and_matches_the_formula():
    assert np.array_equal(bowl_curvature([1.0, 1.0], 0.7), np.eye(2))
    centres, H = random_bowls(40000, eigenvalue_range=(1.0, 1.0), random_state=4)
    assert np.array_equal(H[0], np.eye(2))
    alpha, l1_ratio = 0.5, 0.6
    w = penalized_minimizers(centres, H, alpha, l1_ratio)
    np.testing.assert_array_equal(w == 0, np.abs(centres) <= alpha * l1_ratio)
    expected = soft_threshold(centres, alpha * l1_ratio) / (1 + alpha * (1 - l1_ratio))
    np.testing.assert_allclose(w, expected, atol=1e-15)
    share = np.mean(np.any(w == 0, axis=1))
    formula = round_bowl_zero_share(alpha, l1_ratio)
    standard_error = np.sqrt(formula * (1 - formula) / len(centres))
    assert abs(share - formula) < 4 * standard_error
    # P(|Z| <= 0.5) = erf(0.5 / sqrt 2) per coordinate, two independent coordinates
    one = math.erf(0.5 / math.sqrt(2))
    np.testing.assert_allclose(
        round_bowl_zero_share(alpha, [0.0, 1.0]), [0.0, 1 - (1 - one) ** 2]
    )
    # same seed, same centres, whatever the bowls' shape
    np.testing.assert_array_equal(random_bowls(5, random_state=4)[0], centres[:5])


@pytest.mark.parametrize("eigenvalues", [(1.0, 1.0), (4.0, 0.25), (0.3, 2.0)])
@pytest.mark.parametrize(("alpha", "l1_ratio"), [(0.5, 1.0), (0.8, 0.4), (2.0, 0.9)])
def test_zero_regions_are_the_centres_with_a_zero(eigenvalues, alpha, l1_ratio):
    H = bowl_curvature(eigenvalues, 0.4)
    centres = np.random.default_rng(5).uniform(-3, 3, (4000, 2))
    pattern = zero_pattern(centres, H, alpha, l1_ratio)
    regions = zero_regions(H, alpha, l1_ratio, reach=100.0)
    for j in (0, 1):
        inside = Path(regions[j]).contains_points(centres)
        assert np.mean(inside == pattern[:, j]) > 0.999  # all but the edges
        assert inside.sum() > 100
    if eigenvalues == (1.0, 1.0):  # the round bowl: |c_j| <= alpha r
        assert np.isclose(np.abs(regions[0][:, 0]).max(), alpha * l1_ratio)


def test_ridge_regions_have_no_area():
    regions = zero_regions(bowl_curvature([2.0, 0.5], 0.3), 0.7, 0.0)
    for polygon in regions.values():
        x, y = polygon.T
        area = 0.5 * abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1)))
        assert area < 1e-6 * np.ptp(x) * np.ptp(y)


def test_bad_input_names_the_parameter():
    centres, H = random_bowls(4, random_state=0)
    with pytest.raises(ValueError, match="`alpha`"):
        penalized_minimizers(centres, H, -1.0, 0.5)
    with pytest.raises(ValueError, match="`l1_ratio`"):
        zero_pattern(centres, H, 1.0, 1.5)
    with pytest.raises(ValueError, match="`l1_ratio`"):
        zero_pattern(centres, H, 1.0, [0.5, -0.1])
    with pytest.raises(ValueError, match="`l1_ratio`"):
        round_bowl_zero_share(1.0, [0.5, 2.0])
    with pytest.raises(ValueError, match="`centres`"):
        penalized_minimizers(np.ones((4, 3)), H, 1.0, 0.5)
    with pytest.raises(ValueError, match="`centres`"):
        penalized_minimizers(np.full((4, 2), np.nan), H, 1.0, 0.5)
    with pytest.raises(ValueError, match="`curvatures`"):
        penalized_minimizers(centres, -np.eye(2), 1.0, 0.5)
    with pytest.raises(ValueError, match="`curvatures`"):
        penalized_minimizers(centres, np.array([[1.0, 0.5], [0.4, 1.0]]), 1.0, 0.5)
    with pytest.raises(ValueError, match="`w`"):
        kkt_violation(np.zeros((3, 2)), centres, H, 1.0, 0.5)
    with pytest.raises(ValueError, match="`eigenvalue_range`"):
        random_bowls(4, eigenvalue_range=(0.0, 1.0))
    with pytest.raises(ValueError, match="`eigenvalues`"):
        bowl_curvature([1.0, -1.0], 0.0)
    with pytest.raises(ValueError, match="`curvature`"):
        zero_regions(H, 1.0, 0.5)
    with pytest.raises(TypeError, match="`n_problems`"):
        random_bowls(2.5)
