"""reglab against R's glmnet, fitted on both sides.

glmnet's documented objective (``family = "gaussian"``, ``standardize = FALSE``) is
``(1/2n) RSS + lambda sum_j v_j [(1 - a)/2 w_j^2 + a |w_j|]`` with its
``penalty.factor`` ``v`` rescaled to sum to ``p``, and ``y`` divided by its standard
deviation before the fit. ``reglab.conventions`` maps reglab's parameters onto it;
these tests run glmnet itself (through ``tests/r_glmnet.py``) at the mapped
parameters and compare coefficients and intercepts with reglab's fit (and, for
``cv_relaxed``, cv.glmnet's errors and choices). ``y`` has a standard deviation far
from 1 and the factors a mean other than 1, so each part of the mapping is exercised;
where a mapping has a part to leave out, the test shows that glmnet's fit without it
is far from reglab's.

Without R's glmnet the tests skip (``REGLAB_REQUIRE_GLMNET=1``, set by ``.ci/run``,
makes that a failure); the plumbing tests at the end run everywhere.
"""

import shutil

import numpy as np
import pytest
import r_glmnet

import reglab
from reglab import conventions as cv
from reglab.paths import regularization_path
from reglab.two_stage import (
    adaptive_lasso_path,
    adaptive_weights,
    cv_relaxed,
    relaxed_path,
)

RNG = np.random.default_rng(0)
N, P = 60, 8
X = RNG.standard_normal((N, P))
Y = 3.0 * (X @ RNG.standard_normal(P) + 0.5 * RNG.standard_normal(N) + 2.0)
S = Y.std()  # glmnet's 1/n standard deviation of y: 8.15 here
FACTORS = np.array([0.0, 1.0, 2.0, 0.5, 1.0, 3.0, 1.0, 1.0])  # mean 1.1875
# glmnet at thresh = 1e-22 is ~1e-12 from the optimum. reglab stops on a relative
# duality gap (tol=1e-12), which bounds the objective, not the coefficients: they can
# be ~1e-7 off (measured: 9.5e-8 at one grid point of the adaptive lasso path, where
# the gap was 8e-16 and the KKT residual 7e-8), elsewhere ~1e-11.
TOL = 1e-6
# a mapping that leaves out one of its parts is off by more than this
FAR = 1e-3


@pytest.fixture(scope="module")
def glmnet():
    with r_glmnet.start_glmnet_or_skip() as r:
        yield r


def max_diff(theirs, ours):
    """Largest |difference| over coefficients and intercepts."""
    (coef_theirs, b_theirs), (coef_ours, b_ours) = theirs, ours
    return max(
        np.max(np.abs(np.asarray(coef_theirs) - coef_ours)),
        np.max(np.abs(np.asarray(b_theirs) - b_ours)),
    )


def reglab_fit(alpha, l1_ratio, penalty_factor=None, X=X):
    if l1_ratio == 0 and penalty_factor is None:
        est = reglab.Ridge(alpha)
    else:
        est = reglab.ElasticNet(
            alpha, l1_ratio=l1_ratio, penalty_factor=penalty_factor, tol=1e-12
        )
    est.fit(X, Y)
    return est.coef_, est.intercept_


def glmnet_fit(glmnet, params, X=X, **kwargs):
    coefs, intercepts = glmnet.fit(
        X, Y, [params["lambda_"]], alpha=params["alpha"], **kwargs
    )
    return coefs[0], intercepts[0]


@pytest.mark.parametrize("l1_ratio", [0.0, 0.5, 1.0])
def test_to_glmnet_corrects_for_glmnets_scaling_of_y(glmnet, l1_ratio):
    alpha = 0.2
    ours = reglab_fit(alpha, l1_ratio)
    theirs = glmnet_fit(glmnet, cv.to_glmnet(alpha, l1_ratio, y_std=S))
    assert max_diff(theirs, ours) < TOL
    if l1_ratio < 1:  # for the lasso the scaling of y changes nothing
        unscaled = glmnet_fit(glmnet, cv.to_glmnet(alpha, l1_ratio))
        assert max_diff(unscaled, ours) > FAR


@pytest.mark.parametrize("l1_ratio", [0.5, 1.0])
def test_glmnet_penalty_factor_is_rescaled_to_sum_to_p(glmnet, l1_ratio):
    alpha = 0.1
    ours = reglab_fit(alpha, l1_ratio, FACTORS)
    params = cv.to_glmnet_penalty_factor(alpha, FACTORS, l1_ratio, y_std=S)
    theirs = glmnet_fit(glmnet, params, penalty_factor=params["penalty_factor"])
    assert max_diff(theirs, ours) < TOL
    # glmnet's lambda taken as reglab's alpha, factors as given: glmnet rescales them
    as_given = glmnet_fit(
        glmnet, cv.to_glmnet(alpha, l1_ratio, y_std=S), penalty_factor=FACTORS
    )
    assert max_diff(as_given, ours) > FAR


def test_from_glmnet_penalty_factor_and_glmnets_scale_free_factors(glmnet):
    # glmnet's side first: its factors v and 5 v fit the same model
    lambda_, mixing = 0.15, 0.7
    theirs = glmnet_fit(
        glmnet, {"lambda_": lambda_, "alpha": mixing}, penalty_factor=FACTORS
    )
    times_five = glmnet_fit(
        glmnet, {"lambda_": lambda_, "alpha": mixing}, penalty_factor=5 * FACTORS
    )
    assert max_diff(times_five, theirs) < TOL
    ours = cv.from_glmnet_penalty_factor(lambda_, mixing, 5 * FACTORS, y_std=S)
    assert ours["penalty_factor"].sum() == pytest.approx(P)
    fit = reglab_fit(ours["alpha"], ours["l1_ratio"], ours["penalty_factor"])
    assert max_diff(theirs, fit) < TOL


def test_glmnet_exclude_rescales_the_factors_with_the_excluded_columns_as_1(glmnet):
    # reglab has no exclude: drop the column. glmnet's exclude keeps the column in
    # its rescaling, with factor 1 (glmnet() sets penalty.factor[exclude] = 1 before
    # rescaling to sum to p), so its lambda is alpha * mean(factors, excluded = 1).
    alpha, dropped = 0.1, 2
    kept = np.delete(np.arange(P), dropped)
    coef, intercept = reglab_fit(alpha, 1.0, FACTORS[kept], X=X[:, kept])
    factors = FACTORS.copy()
    factors[dropped] = 1.0
    theirs_coef, theirs_intercept = glmnet_fit(
        glmnet,
        {"lambda_": alpha * factors.mean(), "alpha": 1.0},
        penalty_factor=FACTORS,
        exclude=[dropped],
    )
    assert theirs_coef[dropped] == 0.0
    assert max_diff((theirs_coef[kept], theirs_intercept), (coef, intercept)) < TOL
    # the rescaling over the kept columns only is not glmnet's
    kept_only = glmnet_fit(
        glmnet,
        {"lambda_": alpha * FACTORS[kept].mean(), "alpha": 1.0},
        penalty_factor=FACTORS,
        exclude=[dropped],
    )
    assert max_diff((kept_only[0][kept], kept_only[1]), (coef, intercept)) > FAR


def test_relaxed_path_is_glmnets_relax_true(glmnet):
    # glmnet refits each support of more than n - 3 features by nothing (maxp):
    # P = 8 keeps every support below that
    alphas = np.geomspace(2.0, 0.05, 6)
    path = relaxed_path(X, Y, alphas=alphas, gammas=[0.0, 0.25, 0.5, 1.0], tol=1e-12)
    assert path.n_nonzero.tolist() == [5, 6, 7, 7, 8, 8]  # a different support each
    for k, gamma in enumerate(path.gammas):
        theirs = glmnet.fit(X, Y, alphas, gamma=gamma)
        # glmnet's blend.relaxed uses max(gamma, 1e-5): its gamma = 0 keeps 1e-5
        # of the lasso; reglab's is the refit exactly (1.9e-5 apart here)
        ours = path.blend(1e-5) if gamma == 0 else (path.coefs[k], path.intercepts[k])
        assert max_diff(theirs, ours) < TOL, f"gamma = {gamma}"
    swapped = glmnet.fit(X, Y, alphas, gamma=0.25)
    assert max_diff(swapped, path.blend(0.75)) > FAR


def test_cv_relaxed_is_cv_glmnet_relax_true(glmnet):
    # three true features among 8, noisier than Y: here the 1-SE pair moves off the
    # minimum in both alpha and gamma, so glmnet's order of the two is exercised
    rng = np.random.default_rng(3)
    X = rng.standard_normal((N, P))
    y = 3.0 * (
        X @ np.r_[2.0, -1.5, 1.0, np.zeros(P - 3)] + 1.5 * rng.standard_normal(N)
    )
    foldid = np.tile(np.arange(1, 6), N // 5)
    folds = [
        (np.flatnonzero(foldid != k), np.flatnonzero(foldid == k)) for k in range(1, 6)
    ]
    gammas = [1e-5, 0.25, 0.5, 0.75, 1.0]  # 1e-5: glmnet's gamma = 0 (see above)
    alphas = regularization_path(X, y, n_alphas=20, eps=1e-2).alphas
    ours = cv_relaxed(X, y, gammas=gammas, cv=folds, alphas=alphas, tol=1e-12)
    theirs = glmnet.cv_relaxed(X, y, alphas, gammas, foldid)
    assert np.max(np.abs(theirs["cvm"] / ours.mse_mean - 1)) < TOL
    assert np.max(np.abs(theirs["cvsd"] / ours.mse_se - 1)) < TOL
    assert (ours.alpha_min, ours.gamma_min) == (
        theirs["lambda_min"],
        theirs["gamma_min"],
    )
    assert (ours.alpha_1se, ours.gamma_1se) == (
        theirs["lambda_1se"],
        theirs["gamma_1se"],
    )
    assert ours.index_min[0] != ours.index_1se[0]
    assert ours.index_min[1] != ours.index_1se[1]


def test_adaptive_lasso_path_is_glmnet_with_the_weights_as_penalty_factor(glmnet):
    # the adaptive lasso in R: least squares (glmnet at lambda = 0), then
    # penalty.factor = 1 / |coef|^gamma
    gamma = 1.5
    least_squares, _ = glmnet.fit(X, Y, [0.0])
    weights = np.abs(least_squares[0]) ** -gamma
    assert (
        np.max(np.abs(adaptive_weights(X, Y, gamma=gamma, init="ols") / weights - 1))
        < TOL
    )
    path = adaptive_lasso_path(
        X, Y, gamma=gamma, init="ols", n_alphas=8, eps=1e-2, tol=1e-12
    )
    # glmnet gets the path's own weights: its first alpha is their alpha_max exactly
    params = cv.to_glmnet_penalty_factor(1.0, path.penalty.weights)
    theirs = glmnet.fit(
        X, Y, path.alphas * params["lambda_"], penalty_factor=params["penalty_factor"]
    )
    assert max_diff(theirs, (path.coefs, path.intercepts)) < TOL
    # the first grid point is the weighted lasso's alpha_max: glmnet's null model
    assert np.all(theirs[0][0] == 0)


def test_r_errors_reach_python(glmnet):
    with pytest.raises(RuntimeError, match=r"length of penalty\.factor does not match"):
        glmnet.fit(X, Y, [0.1], penalty_factor=FACTORS[:-1])
    # and the R process still serves the next fit
    coefs, _ = glmnet.fit(X, Y, [1e3])
    assert np.all(coefs == 0)


# --- the plumbing: skip on a laptop without R, fail in CI --------------------------


def test_missing_rscript_skips_with_install_hint(monkeypatch, tmp_path):
    monkeypatch.setattr(r_glmnet, "RSCRIPT", str(tmp_path / "no-Rscript"))
    monkeypatch.delenv("REGLAB_REQUIRE_GLMNET", raising=False)
    with pytest.raises(
        pytest.skip.Exception, match=r"apt-get install -y .*r-cran-glmnet"
    ):
        r_glmnet.start_glmnet_or_skip()


def test_missing_rscript_fails_when_ci_requires_glmnet(monkeypatch, tmp_path):
    monkeypatch.setattr(r_glmnet, "RSCRIPT", str(tmp_path / "no-Rscript"))
    monkeypatch.setenv("REGLAB_REQUIRE_GLMNET", "1")
    with pytest.raises(pytest.fail.Exception, match="REGLAB_REQUIRE_GLMNET=1 but no"):
        r_glmnet.start_glmnet_or_skip()


def test_missing_r_package_is_named(monkeypatch):
    monkeypatch.setattr(r_glmnet, "R_PACKAGE", "reglabNoSuchPackage")
    has_r = shutil.which(r_glmnet.RSCRIPT) is not None
    message = "no package 'reglabNoSuchPackage'" if has_r else "no Rscript"
    with pytest.raises(r_glmnet.GlmnetUnavailable, match=message):
        r_glmnet.RGlmnet()
