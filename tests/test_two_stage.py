"""reglab.two_stage: adaptive lasso weights and path, relaxed lasso and its CV."""

import numpy as np
import pytest
from sklearn.linear_model import Lasso as SklearnLasso
from threadpoolctl import ThreadpoolController, threadpool_limits

from reglab.cv import cv_path
from reglab.estimators import Ridge
from reglab.paths import regularization_path
from reglab.penalties import WeightedL1
from reglab.solvers import RidgeSVD
from reglab.two_stage import (
    adaptive_lasso_path,
    adaptive_weights,
    cv_relaxed,
    relaxed_path,
)

RNG = np.random.default_rng(2)
X = RNG.standard_normal((70, 9))
TRUE = np.array([2.0, -1.5, 1.0, 0, 0, 0, 0, 0, 0])
Y = X @ TRUE + 0.6 * RNG.standard_normal(70) + 1.0


# --------------------------------------------------------------- adaptive lasso


def test_adaptive_weights_are_one_over_the_first_stage_to_the_gamma():
    ridge = Ridge(0.3).fit(X, Y).coef_
    np.testing.assert_allclose(
        adaptive_weights(X, Y, gamma=2.0, alpha_init=0.3), np.abs(ridge) ** -2.0
    )
    design = np.column_stack([X, np.ones(70)])
    ols = np.linalg.lstsq(design, Y, rcond=None)[0][:-1]
    np.testing.assert_allclose(adaptive_weights(X, Y, init="ols"), 1 / np.abs(ols))
    given = np.linspace(0.5, 2, 9)
    np.testing.assert_allclose(adaptive_weights(X, Y, init=given), 1 / given)
    # the default first stage is ridge at the alpha_min of its own CV, on a grid
    # that reaches nearly least squares, and that minimum is inside the grid
    cv = cv_path(X, Y, l1_ratio=0.0, eps=1e-7)
    assert cv.alphas[-1] < cv.alpha_min < cv.alphas[0]
    np.testing.assert_allclose(
        adaptive_weights(X, Y), adaptive_weights(X, Y, alpha_init=cv.alpha_min)
    )


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"init": "lasso"}, ValueError, "`init`"),
        ({"init": "ols", "alpha_init": 1.0}, ValueError, "only used with init='ridge'"),
        ({"init": np.ones(3)}, ValueError, "one coefficient per feature"),
        ({"init": np.r_[np.zeros(1), np.ones(8)]}, ValueError, "exactly zero"),
        ({"gamma": 0.0}, ValueError, "`gamma` must be > 0"),
        ({"init": np.full(9, 1e-300), "gamma": 2.0}, ValueError, "overflows"),
    ],
)
def test_adaptive_weights_refuse_bad_input_by_name(kwargs, error, match):
    with pytest.raises(error, match=match):
        adaptive_weights(X, Y, **kwargs)


def test_adaptive_lasso_path_is_the_weighted_lasso_and_sklearn_on_rescaled_columns():
    weights = adaptive_weights(X, Y, alpha_init=0.3)
    path = adaptive_lasso_path(X, Y, alpha_init=0.3, n_alphas=20, tol=1e-10)
    assert path.penalty == WeightedL1(path.alphas[0], weights)
    direct = regularization_path(
        X, Y, penalty=WeightedL1(1.0, weights), n_alphas=20, tol=1e-10
    )
    np.testing.assert_allclose(path.coefs, direct.coefs)
    # sum_j |w_j| / |w_init_j| on X is the lasso on the columns x_j |w_init_j|
    k = 12
    sk = SklearnLasso(alpha=path.alphas[k], tol=1e-14, max_iter=100_000)
    sk.fit(X / weights, Y)
    assert np.max(np.abs(sk.coef_ / weights - path.coefs[k])) < 1e-7


def test_adaptive_lasso_path_selects_the_true_support_with_less_shrinkage():
    path = adaptive_lasso_path(X, Y, n_alphas=40)
    lasso = regularization_path(X, Y, n_alphas=40)
    true = TRUE != 0

    def first_exact_support(coefs):
        exact = [k for k, row in enumerate(coefs) if np.array_equal(row != 0, true)]
        return coefs[exact[0]]

    adaptive, plain = first_exact_support(path.coefs), first_exact_support(lasso.coefs)
    # at the first alpha that selects exactly the true features, the adaptive
    # lasso's coefficients are closer to the truth than the lasso's in total, and
    # the largest one is shrunk less (its factor is the smallest)
    assert np.abs(adaptive - TRUE).sum() < np.abs(plain - TRUE).sum()
    largest = np.argmax(np.abs(TRUE))
    assert abs(adaptive[largest]) > abs(plain[largest])


# ---------------------------------------------------------------- relaxed lasso


def test_relaxed_path_blends_the_lasso_and_the_least_squares_refit():
    relaxed = relaxed_path(X, Y, n_alphas=15, tol=1e-10)
    lasso = regularization_path(X, Y, n_alphas=15, tol=1e-10)
    np.testing.assert_array_equal(relaxed.gammas, [0, 0.25, 0.5, 0.75, 1])
    # gamma = 1 is the lasso (glmnet's convention)
    np.testing.assert_allclose(relaxed.coefs[-1], lasso.coefs)
    np.testing.assert_allclose(relaxed.intercepts[-1], lasso.intercepts)
    # gamma = 0 is least squares on the lasso's support, with an intercept
    for k in (3, 8, 14):
        support = np.flatnonzero(lasso.coefs[k])
        design = np.column_stack([X[:, support], np.ones(70)])
        ols = np.linalg.lstsq(design, Y, rcond=None)[0]
        np.testing.assert_allclose(relaxed.coefs[0, k, support], ols[:-1])
        assert relaxed.intercepts[0, k] == pytest.approx(ols[-1])
        assert np.all(relaxed.coefs[0, k, lasso.coefs[k] == 0] == 0)
    # in between: linear in gamma
    coefs, intercepts = relaxed.blend(0.3)
    np.testing.assert_allclose(
        coefs, 0.3 * relaxed.coefs[-1] + 0.7 * relaxed.coefs[0], atol=1e-12
    )
    np.testing.assert_allclose(
        intercepts, 0.3 * relaxed.intercepts[-1] + 0.7 * relaxed.intercepts[0]
    )
    np.testing.assert_allclose(relaxed.coefs[2], relaxed.blend(0.5)[0])
    # the top of the path has an empty support: the refit is the mean of y
    assert relaxed.intercepts[0, 0] == pytest.approx(Y.mean())


def test_relaxed_path_refuses_what_it_cannot_relax():
    with pytest.raises(ValueError, match=r"`gammas` must be in \[0, 1\]"):
        relaxed_path(X, Y, gammas=[0.5, 1.5])
    with pytest.raises(TypeError, match="`loss` cannot be set"):
        relaxed_path(X, Y, loss="logistic")
    with pytest.raises(ValueError, match="`gamma` must be <= 1"):
        relaxed_path(X, Y, n_alphas=3).blend(2.0)


def test_cv_relaxed_follows_glmnets_rules_and_contains_the_lasso_cv():
    result = cv_relaxed(X, Y, n_alphas=25, cv=5, random_state=0)
    lasso = cv_path(X, Y, n_alphas=25, cv=5, random_state=0)
    # gamma = 1 on the same folds is the lasso's CV curve
    np.testing.assert_allclose(result.mse_mean[-1], lasso.mse_mean, rtol=1e-6)
    np.testing.assert_allclose(result.alphas, lasso.alphas)
    # glmnet's getOptcv.relaxed: order the candidates by alpha, then gamma, largest
    # first; the minimum's candidates tie at the minimum, the 1-SE rule's are within
    # one standard error of it
    pairs = [
        (result.alphas[k], result.gammas[g], g, k)
        for g in range(result.gammas.size)
        for k in range(result.alphas.size)
    ]

    def glmnet_choice(candidate):
        chosen = max(p for p in pairs if candidate(p[2], p[3]))
        return chosen[2], chosen[3]

    assert result.index_min == glmnet_choice(
        lambda g, k: result.mse_mean[g, k] <= result.mse_mean.min()
    )
    threshold = result.mse_mean[result.index_min] + result.mse_se[result.index_min]
    assert result.index_1se == glmnet_choice(
        lambda g, k: result.mse_mean[g, k] <= threshold
    )
    assert result.alpha_1se >= result.alpha_min
    assert result.mse_mean.min() <= lasso.mse_mean.min()
    # the 1-SE relaxed model keeps the true features only
    chosen = result.path.coefs[result.index_1se]
    np.testing.assert_array_equal(chosen != 0, TRUE != 0)


def test_relaxed_coef_at_reads_a_grid_point():
    result = cv_relaxed(X, Y, n_alphas=10, cv=3, random_state=0)
    coef, intercept = result.path.coef_at(result.alpha_1se, result.gamma_1se)
    np.testing.assert_allclose(coef, result.path.coefs[result.index_1se])
    assert intercept == pytest.approx(result.path.intercepts[result.index_1se])
    with pytest.raises(ValueError, match="`alpha` must be one of the path's alphas"):
        result.path.coef_at(0.987654 * result.alphas[3], 0.5)


@pytest.mark.parametrize("fit", [relaxed_path, cv_relaxed])
def test_the_support_refits_run_with_one_blas_thread(fit, monkeypatch):
    # RidgeSVD.from_problem decomposes under its caller's thread policy: with two
    # BLAS threads, cv_relaxed took 0.4-1.1 s on a busy 2-core machine, against
    # 0.06-0.13 s with one (notebook 11's relaxed-lasso experiment runs it 20 times)
    blas = ThreadpoolController().select(user_api="blas")
    seen = []
    original = RidgeSVD.from_problem

    def spy(problem):
        seen.extend(info["num_threads"] for info in blas.info())
        return original(problem)

    monkeypatch.setattr(RidgeSVD, "from_problem", spy)
    with threadpool_limits(limits=2, user_api="blas"):
        if max(info["num_threads"] for info in blas.info()) < 2:
            pytest.skip("this BLAS runs one thread at most")
        fit(X, Y, n_alphas=10)
    assert seen and set(seen) == {1}
