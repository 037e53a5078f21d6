"""Penalties and losses: values, proximal operators, subdifferentials, conjugates."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from reglab.losses import LogisticLoss, SquaredLoss
from reglab.penalties import L0, L1, L1L2, L2, hard_threshold, soft_threshold

finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)
vectors = st.integers(1, 8).flatmap(lambda k: arrays(float, k, elements=finite))
strengths = st.floats(0.0, 10.0, allow_nan=False)
steps = st.floats(1e-3, 10.0, allow_nan=False)
ratios = st.floats(0.0, 1.0, allow_nan=False)


def convex_penalties(alpha, l1_ratio):
    return [L1(alpha), L2(alpha), L1L2(alpha, l1_ratio)]


# ------------------------------------------------------------------ values


def test_values_follow_the_one_convention():
    w = np.array([1.0, -2.0, 0.0, 0.5])
    assert L1(0.3).value(w) == pytest.approx(0.3 * 3.5)
    assert L2(0.3).value(w) == pytest.approx(0.3 / 2 * 5.25)
    assert L1L2(0.3, 0.25).value(w) == pytest.approx(
        0.3 * (0.25 * 3.5 + 0.75 / 2 * 5.25)
    )
    assert L0(0.3).value(w) == pytest.approx(0.9)


def test_worked_example_of_the_course():
    # lesson 02: same L2 norm scale, very different L1 norms
    w1 = np.array([1.0, 0, 0, 0])
    w2 = np.array([0.26, 0.25, 0.25, 0.25])
    assert L1(1).value(w1) == pytest.approx(1.0)
    assert L1(1).value(w2) == pytest.approx(1.01)
    assert L2(2).value(w1) == pytest.approx(1.0)
    assert L2(2).value(w2) == pytest.approx(0.2551)


def test_l1_and_l2_are_the_ends_of_l1l2():
    w = np.array([0.7, -1.3, 0.0])
    assert L1(0.4).value(w) == pytest.approx(L1L2(0.4, 1.0).value(w))
    assert L2(0.4).value(w) == pytest.approx(L1L2(0.4, 0.0).value(w))
    np.testing.assert_allclose(L1(0.4).prox(w, 0.5), L1L2(0.4, 1.0).prox(w, 0.5))
    np.testing.assert_allclose(L2(0.4).prox(w, 0.5), L1L2(0.4, 0.0).prox(w, 0.5))


# ------------------------------------------------------------------ thresholds


def test_soft_and_hard_threshold_by_hand():
    z = np.array([-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0])
    np.testing.assert_array_equal(
        soft_threshold(z, 1.0), [-2.0, 0.0, 0.0, 0.0, 0.0, 0.0, 2.0]
    )
    np.testing.assert_array_equal(
        hard_threshold(z, 1.0), [-3.0, 0.0, 0.0, 0.0, 0.0, 0.0, 3.0]
    )


@pytest.mark.parametrize("function", [soft_threshold, hard_threshold])
def test_thresholds_reject_negative_threshold(function):
    with pytest.raises(ValueError, match="`threshold` must be >= 0"):
        function([1.0], -1.0)


@settings(deadline=None, max_examples=50)
@given(vectors, strengths, steps)
def test_prox_of_l1_is_soft_thresholding(w, alpha, step):
    np.testing.assert_array_equal(
        L1(alpha).prox(w, step), soft_threshold(w, step * alpha)
    )


@settings(deadline=None, max_examples=50)
@given(vectors, strengths, steps)
def test_prox_of_l0_is_hard_thresholding(w, alpha, step):
    expected = hard_threshold(w, np.sqrt(2 * step * alpha))
    np.testing.assert_array_equal(L0(alpha).prox(w, step), expected)


@settings(deadline=None, max_examples=50)
@given(vectors, vectors, strengths, ratios, steps)
def test_prox_is_non_expansive(a, b, alpha, l1_ratio, step):
    k = min(a.size, b.size)
    a, b = a[:k], b[:k]
    for penalty in convex_penalties(alpha, l1_ratio):
        moved = np.linalg.norm(penalty.prox(a, step) - penalty.prox(b, step))
        assert moved <= np.linalg.norm(a - b) * (1 + 1e-12) + 1e-12


@settings(deadline=None, max_examples=50)
@given(vectors, strengths, ratios, steps, st.integers(0, 2**31))
def test_prox_minimizes_its_objective(w, alpha, l1_ratio, step, seed):
    """prox(w) beats random nearby points on ||z - w||^2 / (2 step) + value(z)."""
    rng = np.random.default_rng(seed)
    for penalty in [*convex_penalties(alpha, l1_ratio), L0(alpha)]:
        z = penalty.prox(w, step)

        def objective(v, penalty=penalty):
            return (v - w) @ (v - w) / (2 * step) + penalty.value(v)

        best = objective(z)
        scale = 1e-3 + np.abs(w)
        for _ in range(20):
            other = z + rng.normal(size=w.size) * scale * rng.choice([1e-3, 1e-1, 1])
            assert best <= objective(other) + 1e-9 * (1 + abs(best))
        assert best <= objective(np.zeros_like(w)) + 1e-9 * (1 + abs(best))


@settings(deadline=None, max_examples=50)
@given(vectors, strengths, ratios, steps)
def test_prox_satisfies_its_optimality_condition(w, alpha, l1_ratio, step):
    """(w - z) / step lies in the subdifferential at z = prox(w)."""
    for penalty in convex_penalties(alpha, l1_ratio):
        z = penalty.prox(w, step)
        distance = penalty.subdiff_distance(z, -(w - z) / step)
        assert np.all(distance <= 1e-9 * (1 + np.abs(w).max() / step))


# ------------------------------------------------------------------ subgradients


def test_subgradient_is_minimum_norm_element():
    w = np.array([2.0, 0.0, -1.0])
    np.testing.assert_allclose(L1(0.5).subgradient(w), [0.5, 0.0, -0.5])
    np.testing.assert_allclose(L2(0.5).subgradient(w), [1.0, 0.0, -0.5])
    np.testing.assert_allclose(L1L2(0.5, 0.5).subgradient(w), [0.75, 0.0, -0.5])


def test_subdiff_distance_by_hand():
    w = np.array([1.0, 0.0, 0.0])
    grad = np.array([-0.5, 0.3, -0.8])
    # w_0 > 0: |grad + alpha|; w_j = 0: max(|grad| - alpha, 0)
    np.testing.assert_allclose(L1(0.5).subdiff_distance(w, grad), [0.0, 0.0, 0.3])


def test_l2_has_a_gradient_and_l1_does_not():
    w = np.array([1.0, -2.0])
    assert L2(0.5).is_smooth
    np.testing.assert_allclose(L2(0.5).gradient(w), [0.5, -1.0])
    with pytest.raises(TypeError, match="L1 has no gradient; use a proximal solver"):
        L1(0.5).gradient(w)


def test_alpha_max_of_each_penalty():
    grad0 = np.array([0.2, -0.6, 0.1])
    assert L1(1.0).alpha_max(grad0) == pytest.approx(0.6)
    assert L1L2(1.0, 0.5).alpha_max(grad0) == pytest.approx(1.2)
    with pytest.raises(ValueError, match="L2 has no alpha_max"):
        L2(1.0).alpha_max(grad0)
    with pytest.raises(ValueError, match="L0 has no alpha_max"):
        L0(1.0).alpha_max(grad0)


# ------------------------------------------------------------------ conjugates


@settings(deadline=None, max_examples=50)
@given(vectors, st.floats(0.01, 10.0), ratios, st.integers(0, 2**31))
def test_fenchel_young_inequality(u, alpha, l1_ratio, seed):
    """P(w) + P*(u) >= u.w for every w (with equality at the maximizer)."""
    rng = np.random.default_rng(seed)
    for penalty in convex_penalties(alpha, l1_ratio):
        scaled = penalty.dual_scaling(u) * u
        conjugate = penalty.conjugate(scaled)
        assert np.isfinite(conjugate)
        for _ in range(10):
            w = rng.normal(size=u.size) * 10
            slack = penalty.value(w) + conjugate - scaled @ w
            assert slack >= -1e-8 * (1 + abs(scaled @ w))


def test_l1_conjugate_is_the_indicator_of_the_dual_ball():
    assert L1(1.0).conjugate(np.array([0.5, -1.0])) == 0.0
    assert L1(1.0).conjugate(np.array([0.5, -1.5])) == np.inf
    assert L1(1.0).dual_scaling(np.array([0.5, -2.0])) == pytest.approx(0.5)


# ------------------------------------------------------------------ losses


def test_squared_loss_value_gradient_lipschitz():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(30, 4))
    y = rng.normal(size=30)
    w = rng.normal(size=4)
    loss = SquaredLoss()
    z = X @ w
    assert loss.value(y, z) == pytest.approx(np.sum((y - z) ** 2) / 60)
    np.testing.assert_allclose(loss.gradient(y, z), (z - y) / 30)
    assert loss.lipschitz(X) == pytest.approx(np.linalg.norm(X, 2) ** 2 / 30)


def test_logistic_loss_is_stable_and_matches_its_gradient():
    loss = LogisticLoss()
    y = np.array([1.0, -1.0, 1.0])
    z = np.array([800.0, 800.0, -800.0])  # exp overflows if computed naively
    assert loss.value(y, z) == pytest.approx((0 + 800 + 800) / 3)
    rng = np.random.default_rng(1)
    X = rng.normal(size=(40, 3))
    y = np.where(rng.normal(size=40) > 0, 1.0, -1.0)
    w = rng.normal(size=3)
    gradient = X.T @ loss.gradient(y, X @ w)
    numeric = [
        (loss.value(y, X @ (w + 1e-6 * e)) - loss.value(y, X @ (w - 1e-6 * e))) / 2e-6
        for e in np.eye(3)
    ]
    np.testing.assert_allclose(gradient, numeric, rtol=1e-6, atol=1e-9)
    assert loss.lipschitz(X) == pytest.approx(np.linalg.norm(X, 2) ** 2 / 160)


@pytest.mark.parametrize("loss", [SquaredLoss(), LogisticLoss()])
def test_dual_value_is_a_lower_bound(loss):
    """Weak duality: loss(z) >= dual(theta) + theta.z for every z and dual point."""
    rng = np.random.default_rng(2)
    y = np.where(rng.normal(size=25) > 0, 1.0, -1.0)
    for _ in range(5):
        theta = loss.dual_point(y, rng.normal(size=25))
        dual = loss.dual_value(y, theta)
        for _ in range(5):
            z = rng.normal(size=25) * 3
            # f(z) >= -f*(-theta) - theta.z   (Fenchel-Young with u = -theta)
            assert loss.value(y, z) >= dual - theta @ z - 1e-12


def test_logistic_dual_point_with_intercept_sums_to_zero():
    rng = np.random.default_rng(3)
    y = np.where(rng.normal(size=31) > 0.3, 1.0, -1.0)
    theta = LogisticLoss().dual_point(y, rng.normal(size=31), fit_intercept=True)
    assert abs(theta.sum()) < 1e-15
    assert np.isfinite(LogisticLoss().dual_value(y, theta))


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize("cls", [L1, L2, L0])
def test_penalties_reject_bad_alpha(cls):
    with pytest.raises(ValueError, match=r"`alpha` must be >= 0.0. Got -1"):
        cls(-1)
    with pytest.raises(TypeError, match="`alpha` must be a real number"):
        cls("big")
    with pytest.raises(ValueError, match="`alpha` must be finite"):
        cls(np.nan)


def test_l1l2_rejects_bad_l1_ratio():
    with pytest.raises(ValueError, match=r"`l1_ratio` must be in \[0, 1\]. Got 1.5"):
        L1L2(1.0, 1.5)
    with pytest.raises(TypeError, match="`l1_ratio` must be a real number"):
        L1L2(1.0, "half")


def test_prox_rejects_non_positive_step():
    with pytest.raises(ValueError, match=r"`step` must be > 0\.0"):
        L1(1.0).prox(np.ones(2), 0.0)
