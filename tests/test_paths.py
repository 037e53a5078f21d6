"""Regularization paths: certificates at every alpha, scikit-learn's paths as oracle."""

import numpy as np
import pytest
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import enet_path, lasso_path

from reglab.losses import LogisticLoss, SquaredLoss
from reglab.paths import RegularizationPath, regularization_path
from reglab.penalties import L1L2
from reglab.problem import Problem
from reglab.solvers import (
    alpha_max,
    duality_gap,
    follow_sign_patterns,
    lars_path,
    solve,
)


def make_problem(n, p, seed=0, rho=0.5):
    rng = np.random.default_rng(seed)
    X = np.empty((n, p))
    X[:, 0] = rng.normal(size=n)
    for j in range(1, p):  # AR(1) columns: neighbours correlated
        X[:, j] = rho * X[:, j - 1] + np.sqrt(1 - rho**2) * rng.normal(size=n)
    truth = np.zeros(p)
    truth[rng.choice(p, size=min(5, p), replace=False)] = rng.normal(size=min(5, p))
    return X, X @ truth + 0.5 * rng.normal(size=n) + 1.0


SHAPES = [(60, 15), (30, 90)]


def check_gaps(path, X, y, fit_intercept=True):
    loss = SquaredLoss() if path.loss == "squared" else LogisticLoss()
    if path.loss == "logistic":
        y = np.where(y == path.classes[1], 1.0, -1.0)
    for alpha, coef, intercept in zip(
        path.alphas, path.coefs, path.intercepts, strict=True
    ):
        penalty = L1L2(alpha, path.l1_ratio)
        _, _, relative = duality_gap(
            X, y, coef, intercept, loss, penalty, fit_intercept=fit_intercept
        )
        assert relative <= 1e-6, alpha


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("l1_ratio", [1.0, 0.5, 0.1, 0.0])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_path_reaches_the_gap_at_every_alpha(shape, l1_ratio, fit_intercept):
    X, y = make_problem(*shape)
    path = regularization_path(X, y, l1_ratio=l1_ratio, fit_intercept=fit_intercept)
    assert isinstance(path, RegularizationPath)
    assert path.alphas.shape == (100,) and path.coefs.shape == (100, shape[1])
    assert np.all(np.diff(path.alphas) < 0)
    top = alpha_max(X, y, l1_ratio=l1_ratio, fit_intercept=fit_intercept)
    assert path.alphas[0] == pytest.approx(top)
    assert path.alphas[-1] == pytest.approx(1e-3 * top)
    assert np.all(path.gaps <= 1e-6)
    np.testing.assert_array_equal(path.n_nonzero, np.count_nonzero(path.coefs, axis=1))
    if l1_ratio > 0:
        assert path.n_nonzero[0] == 0 and path.n_nonzero[-1] > 0
    check_gaps(path, X, y, fit_intercept)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("solver", ["cd", "lars", "fista"])
def test_every_path_solver_gives_the_same_lasso_path(shape, solver):
    X, y = make_problem(*shape, seed=1)
    reference = regularization_path(X, y, n_alphas=20, eps=1e-2, tol=1e-10, solver="cd")
    path = regularization_path(X, y, n_alphas=20, eps=1e-2, tol=1e-8, solver=solver)
    for k, alpha in enumerate(path.alphas):
        penalty = L1L2(alpha, 1.0)
        ours = penalty.value(path.coefs[k]) + SquaredLoss().value(
            y, X @ path.coefs[k] + path.intercepts[k]
        )
        best = penalty.value(reference.coefs[k]) + SquaredLoss().value(
            y, X @ reference.coefs[k] + reference.intercepts[k]
        )
        assert ours == pytest.approx(best, rel=1e-7)


# (300, 120): supports above 64, where the exact solves use conjugate gradients
@pytest.mark.parametrize("shape", [*SHAPES, (300, 120)])
@pytest.mark.parametrize("l1_ratio", [1.0, 0.5, 0.1])
def test_matches_sklearn_enet_path_objectives(shape, l1_ratio):
    X, y = make_problem(*shape, seed=2)
    path = regularization_path(X, y, l1_ratio=l1_ratio, n_alphas=30, tol=1e-12)
    Xc, yc = X - X.mean(0), y - y.mean()
    _, coefs, _ = enet_path(
        Xc, yc, l1_ratio=l1_ratio, alphas=path.alphas, tol=1e-14, max_iter=1_000_000
    )
    for k, alpha in enumerate(path.alphas):
        penalty = L1L2(alpha, l1_ratio)
        ours = SquaredLoss().value(yc, Xc @ path.coefs[k]) + penalty.value(
            path.coefs[k]
        )
        theirs = SquaredLoss().value(yc, Xc @ coefs[:, k]) + penalty.value(coefs[:, k])
        assert ours == pytest.approx(theirs, rel=1e-8)
        assert ours <= theirs * (1 + 1e-12)


def test_default_grid_matches_sklearn_lasso_path():
    X, y = make_problem(60, 15, seed=3)
    path = regularization_path(X, y)
    # 100 alphas is the default in every scikit-learn the course admits (1.8 names
    # the count n_alphas, 1.9 alphas=100): leave it to the default.
    alphas, _, _ = lasso_path(X - X.mean(0), y - y.mean(), eps=1e-3)
    np.testing.assert_allclose(path.alphas, alphas, rtol=1e-10)


def test_ridge_path_is_the_closed_form_and_starts_at_glmnets_alpha_max():
    X, y = make_problem(30, 90, seed=4)
    path = regularization_path(X, y, l1_ratio=0.0, n_alphas=10)
    assert path.alphas[0] == pytest.approx(alpha_max(X, y) / 1e-3)
    for alpha, coef in zip(path.alphas, path.coefs, strict=True):
        np.testing.assert_allclose(
            coef, solve(X, y, alpha=alpha, l1_ratio=0.0).coef, atol=1e-12
        )
    assert np.all(path.n_iters == 0)


def test_lars_path_is_read_off_at_the_grid():
    X, y = make_problem(30, 90, seed=5)
    path = regularization_path(X, y, solver="lars", n_alphas=25)
    exact = lars_path(X, y, alpha_min=path.alphas[-1])
    coefs, intercepts = exact.coefs_at(path.alphas)
    np.testing.assert_allclose(path.coefs, coefs, atol=1e-10)
    np.testing.assert_allclose(path.intercepts, intercepts, atol=1e-10)


def test_user_alphas_are_sorted_descending_and_may_include_zero():
    X, y = make_problem(60, 15, seed=6)
    path = regularization_path(X, y, alphas=[0.0, 0.5, 0.05], l1_ratio=0.5)
    np.testing.assert_array_equal(path.alphas, [0.5, 0.05, 0.0])
    ols = np.linalg.lstsq(X - X.mean(0), y - y.mean(), rcond=None)[0]
    np.testing.assert_allclose(path.coefs[-1], ols, atol=1e-6)


def test_coef_at_is_exact_on_the_grid_and_interpolates_between():
    X, y = make_problem(60, 15, seed=7)
    path = regularization_path(X, y, n_alphas=50)
    coef, intercept = path.coef_at(path.alphas[10])
    np.testing.assert_array_equal(coef, path.coefs[10])
    assert intercept == path.intercepts[10]
    middle = np.sqrt(path.alphas[10] * path.alphas[11])  # halfway in log(alpha)
    coef, _ = path.coef_at(middle)
    np.testing.assert_allclose(coef, (path.coefs[10] + path.coefs[11]) / 2)
    exact = solve(X, y, alpha=middle, tol=1e-10).coef
    assert np.abs(coef - exact).max() <= 0.05 * np.abs(exact).max()
    with pytest.raises(ValueError, match="`alpha` must be within the path"):
        path.coef_at(10 * path.alphas[0])


def test_logistic_path_maps_any_two_labels():
    rng = np.random.default_rng(8)
    X = rng.normal(size=(80, 8))
    labels = np.where(X[:, 0] - X[:, 2] + 0.5 * rng.normal(size=80) > 0, "spam", "ham")
    path = regularization_path(X, labels, loss="logistic", n_alphas=15, eps=1e-2)
    assert path.loss == "logistic"
    np.testing.assert_array_equal(path.classes, ["ham", "spam"])
    assert path.n_nonzero[0] == 0 and path.n_nonzero[-1] > 0
    assert np.all(path.gaps <= 1e-6)
    check_gaps(path, X, labels)
    y = np.where(labels == "spam", 1.0, -1.0)
    assert path.alphas[0] == pytest.approx(alpha_max(X, y, loss="logistic"))


def test_path_warns_once_when_the_budget_is_too_small():
    X, y = make_problem(30, 90, seed=9)
    with pytest.warns(
        ConvergenceWarning, match="regularization_path .* increase max_iter"
    ):
        path = regularization_path(X, y, solver="cd", max_iter=1, tol=1e-14)
    assert np.any(path.gaps > 1e-14)


def test_constant_target_gives_a_zero_path():
    X, _ = make_problem(20, 5)
    path = regularization_path(X, np.full(20, 3.0), n_alphas=5)
    assert not path.coefs.any()
    np.testing.assert_allclose(path.intercepts, 3.0)


def test_path_rejects_bad_input():
    X, y = make_problem(20, 5)
    with pytest.raises(ValueError, match="`X` contains NaN"):
        regularization_path(np.where(X > 1, np.nan, X), y)
    with pytest.raises(ValueError, match="same number of samples"):
        regularization_path(X, y[:5])
    with pytest.raises(ValueError, match="`X` must be a 2-D array"):
        regularization_path(X[:, 0], y)
    with pytest.raises(ValueError, match=r"`l1_ratio` must be in \[0, 1\]"):
        regularization_path(X, y, l1_ratio=2.0)
    with pytest.raises(ValueError, match="`eps` must be > 0"):
        regularization_path(X, y, eps=0.0)
    with pytest.raises(ValueError, match="`n_alphas` must be >= 1"):
        regularization_path(X, y, n_alphas=0)
    with pytest.raises(ValueError, match="`alphas` must be >= 0"):
        regularization_path(X, y, alphas=[1.0, -0.1])
    with pytest.raises(TypeError, match="`y` must contain only numbers"):
        regularization_path(X, np.array(["a"] * 20))
    with pytest.raises(ValueError, match=r"`y` must contain exactly 2 classes\. Got 1"):
        regularization_path(X, np.zeros(20), loss="logistic")
    with pytest.raises(
        ValueError, match=r"solver='svd' cannot minimize .*L1 has no closed form"
    ):
        regularization_path(X, y, solver="svd")
    with pytest.raises(
        ValueError,
        match=r"solver='lars' cannot minimize .*needs l1_ratio=1; use solver='cd'",
    ):
        regularization_path(X, y, solver="lars", l1_ratio=0.5)
    with pytest.raises(
        ValueError,
        match=r"solver='cd' cannot minimize LogisticLoss.*only the squared loss",
    ):
        regularization_path(X, y > 0, loss="logistic", solver="cd")
    with pytest.raises(ValueError, match="`loss` must be one of"):
        regularization_path(X, y, loss="poisson")


def test_sign_patterns_followed_along_the_grid_are_certified_with_few_solves():
    # follow_sign_patterns: one eigensolve per sign pattern serves many alphas
    X, y = make_problem(200, 15, seed=4)
    problem = Problem(X, y)
    problem.gram  # noqa: B018 (the moments form needs the cached Gram matrix)
    alphas = problem.alpha_max(0.5) * np.logspace(0, -3, 100)
    coefs, gaps, n_iters = follow_sign_patterns(problem, alphas, 0.5, 1e-9)
    reached = np.isfinite(gaps)
    assert reached[:50].all() and np.all(gaps[reached] <= 1e-9)
    assert n_iters[reached].sum() < reached.sum() / 2
    # certified again from X (a problem without the Gram matrix)
    values, _ = Problem(X, y).certificates(coefs[reached], 0.0, alphas[reached], 0.5)
    assert np.all(values <= 1e-9)
