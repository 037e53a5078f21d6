"""reglab.problem: one certificate for every solver, and the scale defects of issue 11.

The data of the issue's reproducers: X standard normal (20, 3),
y = X @ [1, -2, .5] + noise, yc = (y > 0).
"""

import warnings

import numpy as np
import pytest
from optimality import assert_same_certified_optimum, grid_problem
from sklearn.exceptions import ConvergenceWarning

from reglab.cv import cv_path
from reglab.estimators import ElasticNet, Lasso, LogisticRegression, Ridge
from reglab.losses import LogisticLoss, SquaredLoss
from reglab.paths import regularization_path
from reglab.penalties import L0, L1, L1L2, L2, WeightedL1L2
from reglab.problem import Problem
from reglab.solvers import solve
from reglab.solvers.dispatch import make_penalty

RNG = np.random.default_rng(0)
X = RNG.standard_normal((20, 3))
Y = X @ np.array([1.0, -2.0, 0.5]) + 0.1 * RNG.standard_normal(20)
YC = Y > 0


def test_constant_X_gives_a_zero_logistic_path_without_nan():
    # issue 11, item 1
    path = regularization_path(np.full((20, 3), 1.5), YC, loss="logistic", n_alphas=5)
    assert np.all(path.coefs == 0) and np.all(np.isfinite(path.gaps))
    assert np.all(path.gaps <= 1e-6)
    log_odds = np.log(YC.mean() / (1 - YC.mean()))
    np.testing.assert_allclose(path.intercepts, log_odds)


@pytest.mark.parametrize("scale", [1e-15, 1e-50])
def test_lasso_path_is_the_same_at_any_scale_of_X(scale):
    # issue 11, item 2: LARS's pivot test is relative to the column's norm
    reference = regularization_path(X, Y, n_alphas=20)
    small = regularization_path(X * scale, Y, n_alphas=20)
    assert np.all(small.gaps <= 1e-6)
    np.testing.assert_allclose(small.alphas, reference.alphas * scale)
    np.testing.assert_allclose(small.coefs * scale, reference.coefs, atol=1e-8)
    cv = cv_path(X * scale, Y, n_alphas=20)
    assert cv.alpha_min == pytest.approx(cv_path(X, Y, n_alphas=20).alpha_min * scale)


@pytest.mark.parametrize(
    "fit",
    [
        lambda: Ridge(0.0).fit(X * 1e-180, Y),
        lambda: Lasso(0.0).fit(X * 1e-180, Y),
        lambda: solve(X * 1e-180, Y, alpha=0.0),
        lambda: ElasticNet(0.0, l1_ratio=0.0).fit([[1.1e-308], [0.0]], [0.0, 0.0]),
    ],
)
def test_tiny_X_at_alpha_zero_is_refused_by_name(fit):
    # issue 11, item 4: no inf or NaN coefficients, a ValueError naming `X`
    with pytest.raises(ValueError, match="`X` must have entries between 1e-100"):
        fit()


@pytest.mark.parametrize(
    "fit",
    [
        lambda: Ridge(0.1).fit(X * 1e200, Y),
        lambda: LogisticRegression().fit(X * 1e200, YC),
        lambda: ElasticNet(0.01).fit(X * 1e200, Y),
        lambda: regularization_path(np.where(X == X[0, 0], 1e308, X), Y),
        lambda: cv_path(np.where(X == X[0, 0], 1e308, X), Y),
        lambda: regularization_path(X * 1e200, YC, loss="logistic"),
    ],
)
def test_huge_X_is_refused_by_name(fit):
    # issue 11, item 5: no LinAlgError, IndexError, inf certificate or "`step`"
    with pytest.raises(ValueError, match=r"`X` must have entries between .* 1e100"):
        fit()


def test_huge_y_is_refused_by_name():
    with pytest.raises(ValueError, match="`y` must have entries between"):
        Ridge(0.1).fit(X, Y * 1e200)


def test_alpha_at_rounding_level_is_certified_by_the_kkt_residual():
    # issue 11, item 13: Ridge(1e-300) had a certificate of 2.6e270, Lasso(1e-300)
    # warned although its coefficients are least squares to 2e-16
    least_squares = np.linalg.lstsq(np.column_stack([X, np.ones(20)]), Y, rcond=None)[
        0
    ][:3]
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        for model in [Ridge(1e-300), Lasso(1e-300), ElasticNet(1e-300)]:
            model.fit(X, Y)
            assert model.certificate_ <= 1e-12
            np.testing.assert_allclose(model.coef_, least_squares, rtol=1e-10)
    result = solve(X, Y, alpha=1e-300)
    assert result.certificate_kind == "kkt residual" and result.converged


def test_a_weighted_penalty_has_a_gap_only_where_each_weighted_part_has_one():
    # the rule of gap_is_exact applies to alpha * weights_j, L1 and L2 part alike
    problem = Problem(X, Y)
    alpha = 0.05 * problem.alpha_max(0.5)
    assert problem.has_gap(WeightedL1L2(alpha, np.ones(3), 0.5))
    # one weight that puts its feature's strength below rounding level
    tiny = alpha * 1e-14 / problem.alpha_max()
    assert not problem.gap_is_exact(alpha * tiny, 1.0)
    assert not problem.has_gap(WeightedL1L2(alpha, [1.0, tiny, 1.0], 1.0))
    # X * 1e30: an alpha whose L2 part is above its floor (X.T X ~ 1e60) with
    # weight 1, below it with weight 1e-3
    big = Problem(X * 1e30, Y)
    alpha = 1e11 * big.alpha_max()
    assert big.gap_is_exact(alpha, 0.5) and not big.gap_is_exact(alpha * 1e-3, 0.5)
    assert big.has_gap(WeightedL1L2(alpha, np.ones(3), 0.5))
    assert not big.has_gap(WeightedL1L2(alpha, [1.0, 1.0, 1e-3], 0.5))


def test_path_warning_names_the_certificate_it_reached():
    # issue 11, item 13: at alpha = 0 the certificate is a KKT residual
    Xw = RNG.standard_normal((10, 30))
    yw = RNG.standard_normal(10)
    with pytest.warns(ConvergenceWarning, match="with a relative kkt residual of"):
        path = regularization_path(Xw, yw, alphas=[0.0], solver="cd", max_iter=1)
    assert path.certificate_kinds[0] == "kkt residual"


# ------------------------------------------------ one certificate, every solver


SOLVERS_FOR = {
    ("squared", "L1"): ["cd", "fista", "prox_newton", "lars"],
    ("squared", "L2"): ["svd", "cd", "fista", "prox_newton"],
    ("squared", "L1L2"): ["cd", "fista", "prox_newton"],
    ("logistic", "L1"): ["fista", "prox_newton"],
    ("logistic", "L2"): ["fista", "prox_newton"],
    ("logistic", "L1L2"): ["fista", "prox_newton"],
}
PENALTY_RATIO = {"L1": 1.0, "L2": 0.0, "L1L2": 0.5}


@pytest.mark.parametrize(("loss", "penalty_name"), sorted(SOLVERS_FOR))
@pytest.mark.parametrize("shape", [(40, 8), (15, 40)])
def test_every_penalty_solver_pair_reaches_the_same_certified_optimum(
    loss, penalty_name, shape
):
    problem = grid_problem(loss, shape)
    l1_ratio = PENALTY_RATIO[penalty_name]
    penalty = make_penalty(0.05 * problem.alpha_max(l1_ratio), l1_ratio)
    assert problem.has_gap(penalty)
    assert_same_certified_optimum(problem, penalty, SOLVERS_FOR[loss, penalty_name])


def test_gap_along_a_grid_equals_the_gap_at_each_alpha():
    problem = Problem(X, Y)
    alphas = problem.alpha_max() * np.array([1.0, 0.3, 0.01])
    coefs = RNG.standard_normal((3, 3))
    gaps, objectives, _ = problem.duality_gap(coefs, 0.0, L1L2.along(alphas, 0.7))
    for k, alpha in enumerate(alphas):
        gap, objective, _ = problem.duality_gap(coefs[k], 0.0, L1L2(alpha, 0.7))
        assert gaps[k] == pytest.approx(gap) and objectives[k] == pytest.approx(
            objective
        )


@pytest.mark.parametrize("fit_intercept", [True, False])
def test_gap_from_moments_equals_the_gap_from_X(fit_intercept):
    # with the Gram matrix cached the squared loss's gap is computed from G,
    # X.T y and y.y (no product with X): the same number, to rounding
    rng = np.random.default_rng(3)
    Xs = rng.standard_normal((60, 12)) + 1.0
    ys = Xs[:, :3] @ np.array([1.0, -2.0, 0.5]) + 0.3 * rng.standard_normal(60) + 2.0
    coefs = rng.standard_normal((4, 12)) * (rng.random((4, 12)) < 0.4)
    from_X = Problem(Xs, ys, fit_intercept=fit_intercept)
    from_moments = Problem(Xs, ys, fit_intercept=fit_intercept)
    from_moments.gram  # noqa: B018 (computes and caches G)
    alpha_max = from_X.alpha_max()
    penalties = [L1(0.01 * alpha_max), L1(2 * alpha_max), L1L2(0.1, 0.5), L2(0.1)]
    for penalty in penalties:
        for w in coefs:
            gap, objective, correlation = from_X.duality_gap(w, 0.0, penalty)
            expected = (gap / objective, objective, correlation)
            gap, objective, correlation = from_moments.duality_gap(w, 0.0, penalty)
            assert gap / objective == pytest.approx(expected[0], abs=1e-12)
            assert objective == pytest.approx(expected[1], rel=1e-12)
            np.testing.assert_allclose(correlation, expected[2], atol=1e-12)
    grid = L1L2.along(alpha_max * np.array([1.0, 0.1, 0.01, 0.001]), 0.7)
    gaps, objectives, _ = from_X.duality_gap(coefs, 0.0, grid)
    gaps_moments, objectives_moments, _ = from_moments.duality_gap(coefs, 0.0, grid)
    np.testing.assert_allclose(gaps_moments / objectives, gaps / objectives, atol=1e-12)
    np.testing.assert_allclose(objectives_moments, objectives, rtol=1e-12)


def test_intercept_recovery_and_alpha_max():
    problem = Problem(X + 5.0, Y + 3.0)
    w = np.array([0.5, -1.0, 2.0])
    b = problem.intercept(w)
    assert b == pytest.approx(np.mean(Y + 3.0) - np.mean(X + 5.0, axis=0) @ w)
    assert problem.centred_intercept(w, b) == pytest.approx(0.0, abs=1e-12)
    assert problem.alpha_max() == pytest.approx(
        np.max(np.abs((X - X.mean(0)).T @ (Y - Y.mean()))) / 20
    )
    logistic = Problem(X, np.where(YC, 1.0, -1.0), LogisticLoss())
    assert logistic.b0 == pytest.approx(np.log(YC.sum() / (~YC).sum()))


def test_penalties_with_a_1d_prox_match_their_prox():
    for penalty in [L1(0.3), L2(0.3), L1L2(0.3, 0.4), L0(0.3)]:
        for z in [-2.0, -0.2, 0.0, 0.25, 1.5]:
            # argmin_x c x^2 / 2 - z x + P(x) = prox_{P / c}(z / c)
            c = 2.0
            assert penalty.prox_1d(z, c) == pytest.approx(
                float(penalty.prox(np.array([z / c]), 1.0 / c)[0])
            )
    assert SquaredLoss().null_intercept(Y) == pytest.approx(Y.mean())
