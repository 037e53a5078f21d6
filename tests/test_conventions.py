"""reglab.conventions: each conversion checked by fitting or by writing the other
library's objective (or gradient) out in numpy."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.special import expit
from sklearn import linear_model

import reglab
from reglab import conventions as cv

RNG = np.random.default_rng(0)
N, P = 60, 8
X_REG = RNG.standard_normal((N, P))
Y_REG = X_REG @ RNG.standard_normal(P) + 0.5 * RNG.standard_normal(N) + 2.0
X_CLF = RNG.standard_normal((N, P))
Y_CLF = (X_CLF[:, 0] - X_CLF[:, 1] + 0.8 * RNG.standard_normal(N) > 0).astype(int)


def squared_objective(w, b, alpha, l1_ratio, X=X_REG, y=Y_REG):
    """reglab's objective: (1/2n)||y - Xw - b||^2 + alpha P(w)."""
    residual = y - X @ w - b
    penalty = l1_ratio * np.abs(w).sum() + (1 - l1_ratio) / 2 * w @ w
    return residual @ residual / (2 * len(y)) + alpha * penalty


def logistic_objective(w, b, alpha, l1_ratio, X=X_CLF, y01=Y_CLF):
    """reglab's objective: (1/n) sum log(1 + exp(-y z)) + alpha P(w), y in {-1, 1}."""
    y_pm = 2.0 * y01 - 1.0
    z = X @ w + b
    penalty = l1_ratio * np.abs(w).sum() + (1 - l1_ratio) / 2 * w @ w
    return np.mean(np.logaddexp(0.0, -y_pm * z)) + alpha * penalty


def relative_gap(a, b):
    return abs(a - b) / max(abs(a), abs(b))


# --- fitted on both sides: scikit-learn vs reglab's estimators ------------------------


@pytest.mark.parametrize("alpha", [1e-3, 0.1, 3.0])
def test_sklearn_ridge_alpha_is_n_alpha(alpha):
    ours = reglab.Ridge(alpha=alpha).fit(X_REG, Y_REG)
    theirs = linear_model.Ridge(**cv.to_sklearn_ridge(alpha, N)).fit(X_REG, Y_REG)
    np.testing.assert_allclose(ours.coef_, theirs.coef_, rtol=1e-8, atol=1e-10)
    assert ours.intercept_ == pytest.approx(theirs.intercept_, rel=1e-8)
    f_ours = squared_objective(ours.coef_, ours.intercept_, alpha, 0.0)
    f_theirs = squared_objective(theirs.coef_, theirs.intercept_, alpha, 0.0)
    assert relative_gap(f_ours, f_theirs) < 1e-8
    assert cv.from_sklearn_ridge(theirs.alpha, N)["alpha"] == pytest.approx(alpha)


@pytest.mark.parametrize(("alpha", "l1_ratio"), [(0.05, 1.0), (0.2, 0.5), (0.01, 0.2)])
def test_sklearn_elastic_net_is_the_same_objective(alpha, l1_ratio):
    est = reglab.Lasso if l1_ratio == 1.0 else reglab.ElasticNet
    kwargs = {} if l1_ratio == 1.0 else {"l1_ratio": l1_ratio}
    ours = est(alpha=alpha, tol=1e-10, **kwargs).fit(X_REG, Y_REG)
    theirs = linear_model.ElasticNet(
        **cv.to_sklearn_elastic_net(alpha, l1_ratio), tol=1e-12, max_iter=100_000
    ).fit(X_REG, Y_REG)
    f_ours = squared_objective(ours.coef_, ours.intercept_, alpha, l1_ratio)
    f_theirs = squared_objective(theirs.coef_, theirs.intercept_, alpha, l1_ratio)
    assert relative_gap(f_ours, f_theirs) < 1e-8
    np.testing.assert_allclose(ours.coef_, theirs.coef_, atol=1e-6)


@pytest.mark.parametrize("alpha", [1e-3, 0.05, 0.5])
def test_sklearn_logistic_C_is_one_over_n_alpha_l2(alpha):
    ours = reglab.LogisticRegression(penalty="l2", alpha=alpha, tol=1e-10)
    ours.fit(X_CLF, Y_CLF)
    theirs = linear_model.LogisticRegression(
        **cv.to_sklearn_logistic(alpha, N), tol=1e-12, max_iter=10_000
    ).fit(X_CLF, Y_CLF)
    f_ours = logistic_objective(ours.coef_[0], ours.intercept_[0], alpha, 0.0)
    f_theirs = logistic_objective(theirs.coef_[0], theirs.intercept_[0], alpha, 0.0)
    assert relative_gap(f_ours, f_theirs) < 1e-8
    # ours is within its certified gap (1e-10 relative) of the optimum
    assert f_ours <= f_theirs * (1 + 1e-10)
    # lbfgs stops on a gradient tolerance: coefficients agree to about 1e-5
    np.testing.assert_allclose(ours.coef_, theirs.coef_, atol=1e-4)


@pytest.mark.parametrize("alpha", [0.01, 0.05])
def test_sklearn_logistic_C_is_one_over_n_alpha_l1(alpha):
    # liblinear penalizes an intercept, so compare without one
    ours = reglab.LogisticRegression(
        penalty="l1", alpha=alpha, fit_intercept=False, tol=1e-10
    ).fit(X_CLF, Y_CLF)
    C = cv.to_sklearn_logistic(alpha, N, l1_ratio=1.0)["C"]
    theirs = linear_model.LogisticRegression(
        C=C,
        l1_ratio=1.0,
        solver="liblinear",
        fit_intercept=False,
        tol=1e-12,
        max_iter=100_000,
        random_state=0,  # liblinear shuffles its coordinates
    ).fit(X_CLF, Y_CLF)
    f_ours = logistic_objective(ours.coef_[0], 0.0, alpha, 1.0)
    f_theirs = logistic_objective(theirs.coef_[0], 0.0, alpha, 1.0)
    assert relative_gap(f_ours, f_theirs) < 1e-7
    assert f_ours <= f_theirs * (1 + 1e-8)


def test_logistic_C_round_trip_and_alpha_zero():
    assert cv.from_sklearn_logistic(np.inf, N)["alpha"] == 0.0
    back = cv.from_sklearn_logistic(cv.to_sklearn_logistic(0.3, N)["C"], N)
    assert back["alpha"] == pytest.approx(0.3)
    with pytest.raises(ValueError, match="`alpha` must be > 0 to convert to C"):
        cv.to_sklearn_logistic(0.0, N)


# --- objectives written out in numpy --------------------------------------------------


def test_textbook_ridge_closed_form():
    alpha = 0.7
    lam = cv.to_textbook(alpha, N)["lambda2"]
    assert lam == pytest.approx(N * alpha)
    Xc = X_REG - X_REG.mean(axis=0)
    yc = Y_REG - Y_REG.mean()
    # the textbook solution of RSS + lam ||w||^2: w = (X^T X + lam I)^{-1} X^T y
    w_textbook = np.linalg.solve(Xc.T @ Xc + lam * np.eye(P), Xc.T @ yc)
    # the reglab objective's gradient vanishes there
    gradient = -Xc.T @ (yc - Xc @ w_textbook) / N + alpha * w_textbook
    np.testing.assert_allclose(gradient, 0.0, atol=1e-12)
    np.testing.assert_allclose(
        reglab.Ridge(alpha=alpha).fit(X_REG, Y_REG).coef_, w_textbook, rtol=1e-9
    )


@pytest.mark.parametrize("l1_ratio", [0.0, 0.3, 1.0])
def test_textbook_objective_is_2n_times_reglab(l1_ratio):
    alpha = 0.4
    lam = cv.to_textbook(alpha, N, l1_ratio)
    for _ in range(5):
        w, b = RNG.standard_normal(P), RNG.standard_normal()
        rss = np.sum((Y_REG - X_REG @ w - b) ** 2)
        textbook = rss + lam["lambda1"] * np.abs(w).sum() + lam["lambda2"] * w @ w
        ours = squared_objective(w, b, alpha, l1_ratio)
        assert textbook == pytest.approx(2 * N * ours, rel=1e-12)
    back = cv.from_textbook(N, **lam)
    assert back["alpha"] == pytest.approx(alpha)
    assert back["l1_ratio"] == pytest.approx(l1_ratio if alpha else 1.0)


@pytest.mark.parametrize("l1_ratio", [0.0, 0.5, 1.0])
@pytest.mark.parametrize("loss", ["squared", "logistic"])
def test_keras_objective_is_a_multiple_of_reglab(l1_ratio, loss):
    alpha = 0.25
    reg = cv.to_keras(alpha, l1_ratio, loss=loss)
    factor = 2.0 if loss == "squared" else 1.0
    for _ in range(5):
        w, b = RNG.standard_normal(P), RNG.standard_normal()
        penalty = reg["l1"] * np.abs(w).sum() + reg["l2"] * np.sum(w**2)
        if loss == "squared":
            # keras.losses.MeanSquaredError: mean((y - z)^2)
            keras = np.mean((Y_REG - X_REG @ w - b) ** 2) + penalty
            ours = squared_objective(w, b, alpha, l1_ratio)
        else:
            # keras.losses.BinaryCrossentropy(from_logits=True): mean log-loss
            z = X_CLF @ w + b
            bce = -np.mean(Y_CLF * np.log(expit(z)) + (1 - Y_CLF) * np.log(expit(-z)))
            keras = bce + penalty
            ours = logistic_objective(w, b, alpha, l1_ratio)
        assert keras == pytest.approx(factor * ours, rel=1e-10)
    back = cv.from_keras(**reg, loss=loss)
    assert back["alpha"] == pytest.approx(alpha)
    assert back["l1_ratio"] == pytest.approx(l1_ratio)


@pytest.mark.parametrize("loss", ["squared", "logistic"])
def test_torch_weight_decay_gradient_is_a_multiple_of_reglab(loss):
    alpha = 0.3
    wd = cv.to_torch_weight_decay(alpha, loss=loss)["weight_decay"]
    factor = 2.0 if loss == "squared" else 1.0
    for _ in range(5):
        w, b = RNG.standard_normal(P), RNG.standard_normal()
        if loss == "squared":
            z = X_REG @ w + b
            # d/dw of nn.MSELoss: mean((z - y)^2) -> (2/n) X^T (z - y)
            torch_grad = 2 * X_REG.T @ (z - Y_REG) / N + wd * w
            ours = X_REG.T @ (z - Y_REG) / N + alpha * w
        else:
            z = X_CLF @ w + b
            # d/dw of nn.BCEWithLogitsLoss: (1/n) X^T (sigmoid(z) - y)
            torch_grad = X_CLF.T @ (expit(z) - Y_CLF) / N + wd * w
            y_pm = 2.0 * Y_CLF - 1.0
            ours = X_CLF.T @ (-y_pm * expit(-y_pm * z)) / N + alpha * w
        np.testing.assert_allclose(torch_grad, factor * ours, rtol=1e-10, atol=1e-14)
    assert cv.from_torch_weight_decay(wd, loss=loss)["alpha"] == pytest.approx(alpha)


def _sklearn_elastic_net(X, y, alpha, l1_ratio):
    """scikit-learn's fit of reglab's objective. At l1_ratio = 0 that is scikit-learn's
    Ridge with alpha * n (ElasticNet refuses to converge there before 1.9)."""
    if l1_ratio == 0:
        return linear_model.Ridge(alpha=alpha * len(y)).fit(X, y)
    return linear_model.ElasticNet(
        alpha=alpha, l1_ratio=l1_ratio, tol=1e-13, max_iter=100_000
    ).fit(X, y)


def _glmnet_gaussian(X, y, lambda_, a):
    """glmnet's documented procedure for family="gaussian", standardize=FALSE:
    divide y by its (1/n) standard deviation s, fit at lambda / s, scale back.
    The inner fit is glmnet's stated objective, which is scikit-learn ElasticNet's.
    (This runs without R; tests/test_glmnet.py runs R's glmnet itself.)"""
    s = y.std()
    inner = _sklearn_elastic_net(X, y / s, lambda_ / s, a)
    return s * inner.coef_, s * inner.intercept_


@pytest.mark.parametrize("l1_ratio", [0.0, 0.5, 1.0])
def test_glmnet_mapping_corrects_for_y_scaling(l1_ratio):
    alpha = 0.2
    y = 3.0 * Y_REG  # sd(y) far from 1, where the correction matters
    s = y.std()
    glm = cv.to_glmnet(alpha, l1_ratio, y_std=s)
    coef, intercept = _glmnet_gaussian(X_REG, y, glm["lambda_"], glm["alpha"])
    reference = _sklearn_elastic_net(X_REG, y, alpha, l1_ratio)
    f_glmnet = squared_objective(coef, intercept, alpha, l1_ratio, y=y)
    f_ref = squared_objective(
        reference.coef_, reference.intercept_, alpha, l1_ratio, y=y
    )
    assert relative_gap(f_glmnet, f_ref) < 1e-8
    back = cv.from_glmnet(glm["lambda_"], glm["alpha"], y_std=s)
    assert back["alpha"] == pytest.approx(alpha)
    assert back["l1_ratio"] == pytest.approx(l1_ratio)


def test_glmnet_is_the_identity_for_standardized_y():
    assert cv.to_glmnet(0.3, 0.4) == pytest.approx({"lambda_": 0.3, "alpha": 0.4})
    # for the lasso the y-scaling does not matter
    assert cv.to_glmnet(0.3, 1.0, y_std=5.0) == pytest.approx(
        {"lambda_": 0.3, "alpha": 1.0}
    )


@given(
    alpha=st.floats(1e-6, 1e3),
    l1_ratio=st.floats(0.0, 1.0),
    n=st.integers(1, 10_000),
    y_std=st.floats(0.01, 100.0),
)
def test_round_trips(alpha, l1_ratio, n, y_std):
    approx = lambda v: pytest.approx(v, rel=1e-9, abs=1e-12)  # noqa: E731
    assert cv.from_sklearn_ridge(cv.to_sklearn_ridge(alpha, n)["alpha"], n) == approx(
        {"alpha": alpha}
    )
    assert cv.from_sklearn_elastic_net(
        **cv.to_sklearn_elastic_net(alpha, l1_ratio)
    ) == approx({"alpha": alpha, "l1_ratio": l1_ratio})
    assert cv.from_sklearn_logistic(
        cv.to_sklearn_logistic(alpha, n, l1_ratio)["C"], n, l1_ratio
    ) == approx({"alpha": alpha, "l1_ratio": l1_ratio})
    glm = cv.to_glmnet(alpha, l1_ratio, y_std=y_std)
    assert cv.from_glmnet(glm["lambda_"], glm["alpha"], y_std=y_std) == approx(
        {"alpha": alpha, "l1_ratio": l1_ratio}
    )
    assert cv.from_textbook(n, **cv.to_textbook(alpha, n, l1_ratio)) == approx(
        {"alpha": alpha, "l1_ratio": l1_ratio}
    )
    for loss in ("squared", "logistic"):
        assert cv.from_keras(**cv.to_keras(alpha, l1_ratio, loss=loss), loss=loss) == (
            approx({"alpha": alpha, "l1_ratio": l1_ratio})
        )
        wd = cv.to_torch_weight_decay(alpha, loss=loss)["weight_decay"]
        assert cv.from_torch_weight_decay(wd, loss=loss)["alpha"] == approx(alpha)


def test_conventions_table_numbers_match_the_functions():
    rows = cv.conventions_table(0.1, l1_ratio=0.0, n_samples=50)
    by_library = {row["library"]: row for row in rows}
    assert by_library["scikit-learn Ridge"]["values"] == {"alpha": pytest.approx(5.0)}
    assert by_library["scikit-learn LogisticRegression"]["values"]["C"] == (
        pytest.approx(0.2)
    )
    assert by_library["PyTorch SGD (MSELoss)"]["values"] == {
        "weight_decay": pytest.approx(0.2)
    }
    assert all(
        set(row) == {"library", "objective", "parameters", "values"} for row in rows
    )
    # Ridge and weight decay do not apply to an L1 penalty; no numbers without alpha
    lasso_rows = {r["library"]: r for r in cv.conventions_table(0.1, l1_ratio=1.0)}
    assert lasso_rows["scikit-learn Ridge"]["values"] is None
    assert lasso_rows["PyTorch SGD (MSELoss)"]["values"] is None
    assert lasso_rows["Keras (MeanSquaredError)"]["values"] == {
        "l1": pytest.approx(0.2),
        "l2": 0.0,
    }
    assert all(row["values"] is None for row in cv.conventions_table())


# --- statsmodels, fitted on both sides (glmnet: tests/test_glmnet.py) -------------

FACTORS = np.array([0.0, 1.0, 2.0, 0.5, 1.0, 3.0, 1.0, 1.0])


@pytest.mark.parametrize("l1_ratio", [0.5, 1.0])
@pytest.mark.parametrize("factors", [None, FACTORS], ids=["scalar", "per-coefficient"])
def test_statsmodels_elastic_net_is_reglabs_objective(l1_ratio, factors):
    sm = pytest.importorskip("statsmodels.api")
    alpha = 0.1
    ours = reglab.ElasticNet(
        alpha, l1_ratio=l1_ratio, penalty_factor=factors, tol=1e-12
    ).fit(X_REG, Y_REG)
    params = cv.to_statsmodels(
        alpha,
        l1_ratio,
        penalty_factor=np.ones(P) if factors is None else factors,
        has_constant=True,
    )
    fit = sm.OLS(Y_REG, sm.add_constant(X_REG)).fit_regularized(
        method="elastic_net", cnvrg_tol=1e-14, maxiter=10_000, **params
    )
    assert np.max(np.abs(fit.params[1:] - ours.coef_)) < 1e-6
    assert fit.params[0] == pytest.approx(ours.intercept_, abs=1e-6)
    back = cv.from_statsmodels(params["alpha"][1:], params["L1_wt"])
    expected = 1.0 if factors is None else FACTORS.mean()
    assert back["alpha"] == pytest.approx(alpha * expected)
    assert back["l1_ratio"] == l1_ratio


def test_statsmodels_logit_l1_alpha_is_n_alpha():
    sm = pytest.importorskip("statsmodels.api")
    alpha = 0.02
    ours = reglab.LogisticRegression(penalty="l1", alpha=alpha, tol=1e-10)
    ours.fit(X_CLF, Y_CLF)
    params = cv.to_statsmodels(
        alpha,
        penalty_factor=np.ones(P),
        loss="logistic",
        n_samples=N,
        has_constant=True,
    )
    fit = sm.Logit(Y_CLF, sm.add_constant(X_CLF)).fit_regularized(
        method="l1", disp=False, acc=1e-12, maxiter=1000, **params
    )
    assert np.max(np.abs(fit.params[1:] - ours.coef_.ravel())) < 1e-4
    assert fit.params[0] == pytest.approx(float(ours.intercept_[0]), abs=1e-4)


@pytest.mark.parametrize("l1_ratio", [0.5, 1.0])
def test_glmnet_penalty_factor_round_trip_is_the_same_penalty(l1_ratio):
    params = cv.to_glmnet_penalty_factor(0.1, FACTORS, l1_ratio, y_std=3.0)
    back = cv.from_glmnet_penalty_factor(
        params["lambda_"], params["alpha"], params["penalty_factor"], y_std=3.0
    )
    assert back["penalty_factor"].sum() == pytest.approx(P)  # glmnet's rescaling
    # reglab at (alpha', v / mean(v)) is reglab at (0.1, v): the same alpha v_j
    np.testing.assert_allclose(back["alpha"] * back["penalty_factor"], 0.1 * FACTORS)
    assert back["l1_ratio"] == pytest.approx(l1_ratio)


def test_penalty_factor_conversions_refuse_bad_factors():
    with pytest.raises(ValueError, match="at least one entry > 0"):
        cv.to_glmnet_penalty_factor(0.1, np.zeros(3))
    with pytest.raises(ValueError, match="`penalty_factor` must be >= 0"):
        cv.from_glmnet_penalty_factor(0.1, 1.0, [-1.0, 1.0])
    with pytest.raises(ValueError, match="`l1_ratio` must be 1 for loss='logistic'"):
        cv.to_statsmodels(0.1, 0.5, loss="logistic", n_samples=10)
    with pytest.raises(ValueError, match="`n_samples` is required"):
        cv.to_statsmodels(0.1, loss="logistic")
    with pytest.raises(ValueError, match="needs `penalty_factor`"):
        cv.to_statsmodels(0.1, has_constant=True)
