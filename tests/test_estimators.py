"""reglab's estimators: scikit-learn's estimator checks, agreement with scikit-learn on
the same objective, and behaviour inside Pipeline and GridSearchCV."""

import numpy as np
import pytest
from scipy.linalg import pinv
from sklearn import linear_model
from sklearn.base import clone
from sklearn.datasets import make_blobs
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import GridSearchCV, KFold
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn_checks import estimator_check_cases

from reglab import conventions, datasets
from reglab.estimators import ElasticNet, Lasso, LogisticRegression, Ridge
from reglab.losses import LogisticLoss
from reglab.solvers import alpha_max

ESTIMATORS = [
    Ridge(),
    Ridge(alpha=0.01, solver="cd"),
    Lasso(),
    Lasso(alpha=0.01, warm_start=True),
    ElasticNet(),
    ElasticNet(alpha=0.01, l1_ratio=0.2),
    LogisticRegression(),
    # the L1 and elastic-net defaults fit something (all-zero models fail checks)
    LogisticRegression("l1"),
    LogisticRegression("elasticnet", l1_ratio=0.5),
    LogisticRegression(penalty="l1", alpha=0.1),
    LogisticRegression(penalty="elasticnet", alpha=0.001, l1_ratio=0.5),
]


def expected_failed_checks(estimator):
    """scikit-learn checks our estimators fail on purpose, with the reason."""
    if isinstance(estimator, LogisticRegression) and estimator.penalty != "l1":
        return {
            "check_sample_weight_equivalence_on_dense_data": (
                "the check's data has p = 30 > n = 15, where an L2 part of alpha "
                "<= 0.01 is the only curvature in most directions: the weighted and "
                "the repeated fits each stop at their relative duality gap (tol = "
                "1e-6), which bounds the objective, not the probabilities (they "
                "differ by 3e-4). At tol = 1e-12 they are the same fit: see "
                "test_logistic_sample_weight_matches_sklearn_and_repeated_rows."
            )
        }
    return {}


@pytest.mark.parametrize(
    ("estimator", "check"),
    estimator_check_cases(ESTIMATORS, expected_failed_checks),
)
def test_sklearn_estimator_checks(estimator, check):
    check(estimator)


def squared_objective(X, y, w, b, alpha, l1_ratio):
    residual = y - X @ w - b
    penalty = l1_ratio * np.abs(w).sum() + (1 - l1_ratio) / 2 * w @ w
    return residual @ residual / (2 * len(y)) + alpha * penalty


def logistic_objective(X, y01, w, b, alpha, l1_ratio):
    y = 2.0 * y01 - 1.0
    penalty = l1_ratio * np.abs(w).sum() + (1 - l1_ratio) / 2 * w @ w
    return np.mean(np.logaddexp(0.0, -y * (X @ w + b))) + alpha * penalty


def regression_problems():
    """Small problems covering the cases that break naive solvers."""
    X, y, _ = datasets.make_sparse_regression(60, 15, noise=0.5, random_state=1)
    yield "n > p", X, y + 3.0
    X, y, _ = datasets.make_sparse_regression(30, 80, n_nonzero=4, random_state=2)
    yield "p > n", X, y
    X, y, _ = datasets.make_correlated_groups(
        50, n_groups=3, group_size=3, group_noise=0.0, random_state=3
    )
    yield "duplicated columns", X, y
    X, y, _ = datasets.make_dense_regression(50, 6, random_state=4)
    yield "unscaled", X * np.array([1e-2, 1, 10, 100, 1, 0.1]) + 50.0, y


@pytest.mark.parametrize(("name", "X", "y"), list(regression_problems()))
@pytest.mark.parametrize(("alpha_fraction", "l1_ratio"), [(0.1, 1.0), (0.01, 0.5)])
def test_lasso_and_enet_objective_matches_sklearn(name, X, y, alpha_fraction, l1_ratio):
    alpha = alpha_fraction * alpha_max(X, y, l1_ratio=l1_ratio)
    ours = ElasticNet(alpha=alpha, l1_ratio=l1_ratio, tol=1e-12, max_iter=100_000)
    ours.fit(X, y)
    theirs = linear_model.ElasticNet(
        alpha=alpha, l1_ratio=l1_ratio, tol=1e-14, max_iter=1_000_000
    ).fit(X, y)
    f_ours = squared_objective(X, y, ours.coef_, ours.intercept_, alpha, l1_ratio)
    f_theirs = squared_objective(X, y, theirs.coef_, theirs.intercept_, alpha, l1_ratio)
    assert abs(f_ours - f_theirs) <= 1e-8 * f_theirs
    assert ours.objective_ == pytest.approx(f_ours, rel=1e-12)
    assert ours.certificate_ <= 1e-12


@pytest.mark.parametrize(("name", "X", "y"), list(regression_problems()))
def test_ridge_matches_sklearn_with_alpha_times_n(name, X, y):
    alpha = 0.05
    ours = Ridge(alpha=alpha).fit(X, y)
    theirs = linear_model.Ridge(
        **conventions.to_sklearn_ridge(alpha, X.shape[0]), solver="svd"
    ).fit(X, y)
    f_ours = squared_objective(X, y, ours.coef_, ours.intercept_, alpha, 0.0)
    f_theirs = squared_objective(X, y, theirs.coef_, theirs.intercept_, alpha, 0.0)
    assert abs(f_ours - f_theirs) <= 1e-8 * f_theirs
    np.testing.assert_allclose(ours.coef_, theirs.coef_, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(ours.predict(X), theirs.predict(X), rtol=1e-8)


@pytest.mark.parametrize("solver", ["cd", "fista"])
def test_iterative_ridge_solvers_agree_with_the_closed_form(solver):
    X, y, _ = datasets.make_dense_regression(40, 10, random_state=0)
    exact = Ridge(alpha=0.3).fit(X, y)
    iterative = Ridge(alpha=0.3, solver=solver, tol=1e-12, max_iter=100_000).fit(X, y)
    assert iterative.objective_ == pytest.approx(exact.objective_, rel=1e-10)
    np.testing.assert_allclose(iterative.coef_, exact.coef_, atol=1e-6)


def test_ridge_alpha_zero_p_greater_than_n_is_minimum_norm_least_squares():
    X, y, _ = datasets.make_dense_regression(10, 40, random_state=0)
    model = Ridge(alpha=0.0).fit(X, y)
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    np.testing.assert_allclose(model.coef_, pinv(Xc) @ yc, atol=1e-10)
    np.testing.assert_allclose(model.predict(X), y, atol=1e-10)  # interpolates


def test_lasso_at_alpha_max_is_all_zero_and_intercept_is_the_mean():
    X, y, _ = datasets.make_sparse_regression(50, 10, random_state=0)
    model = Lasso(alpha=alpha_max(X, y)).fit(X, y)
    np.testing.assert_array_equal(model.coef_, 0.0)
    assert model.intercept_ == pytest.approx(y.mean())
    just_below = Lasso(alpha=0.99 * alpha_max(X, y)).fit(X, y)
    assert np.count_nonzero(just_below.coef_) == 1


def test_fit_intercept_false_matches_sklearn():
    X, y, _ = datasets.make_sparse_regression(40, 8, random_state=5)
    ours = Lasso(alpha=0.05, fit_intercept=False, tol=1e-12).fit(X, y + 1.0)
    theirs = linear_model.Lasso(alpha=0.05, fit_intercept=False, tol=1e-14).fit(
        X, y + 1.0
    )
    assert ours.intercept_ == 0.0
    np.testing.assert_allclose(ours.coef_, theirs.coef_, atol=1e-7)


def test_warm_start_starts_from_the_previous_solution():
    X, y, _ = datasets.make_ar1_regression(200, 100, rho=0.8, random_state=0)
    alpha = 0.02 * alpha_max(X, y)
    cold = Lasso(alpha=alpha, tol=1e-10).fit(X, y)
    warm = Lasso(alpha=alpha, tol=1e-10, warm_start=True).fit(X, y)
    n_iter_first = warm.n_iter_
    warm.set_params(alpha=0.98 * alpha).fit(X, y)
    fresh = Lasso(alpha=0.98 * alpha, tol=1e-10).fit(X, y)
    assert warm.n_iter_ < fresh.n_iter_
    assert n_iter_first == cold.n_iter_
    assert warm.objective_ == pytest.approx(fresh.objective_, rel=1e-9)


def test_convergence_warning_names_the_gap_and_the_fix():
    X, y, _ = datasets.make_ar1_regression(100, 50, rho=0.9, random_state=0)
    with pytest.warns(ConvergenceWarning, match="increase max_iter or loosen tol"):
        model = Lasso(alpha=1e-3, max_iter=1, tol=1e-12).fit(X, y)
    assert model.certificate_ > 1e-12
    assert np.all(np.isfinite(model.coef_))


def classification_data(n_classes=2, random_state=0):
    X, y, _ = datasets.make_noisy_linear(
        120, n_noise_features=3, flip_fraction=0.1, random_state=random_state
    )
    if n_classes == 3:
        y = np.where(X[:, 2] > 0.5, 2, y)
    return X, y


@pytest.mark.parametrize(
    ("penalty", "l1_ratio", "alpha"),
    [
        ("l2", None, 0.01),
        ("l2", None, 1.0),
        ("l1", None, 0.02),
        ("elasticnet", 0.5, 0.02),
    ],
)
def test_logistic_objective_matches_sklearn(penalty, l1_ratio, alpha):
    X, y = classification_data()
    # standardized: scikit-learn's saga (the one that takes an L1 part) needs it
    X = StandardScaler().fit_transform(X)
    r = {"l2": 0.0, "l1": 1.0, "elasticnet": 0.5}[penalty]
    ours = LogisticRegression(
        penalty, alpha=alpha, l1_ratio=l1_ratio, tol=1e-12, max_iter=100_000
    ).fit(X, y)
    theirs = linear_model.LogisticRegression(
        **conventions.to_sklearn_logistic(alpha, X.shape[0], l1_ratio=r),
        solver="lbfgs" if r == 0 else "saga",
        tol=1e-14,
        max_iter=1_000_000,
    ).fit(X, y)
    f_ours = logistic_objective(X, y, ours.coef_[0], ours.intercept_[0], alpha, r)
    f_theirs = logistic_objective(X, y, theirs.coef_[0], theirs.intercept_[0], alpha, r)
    assert abs(f_ours - f_theirs) <= 1e-8 * f_theirs
    assert ours.objective_[0] == pytest.approx(f_ours, rel=1e-12)
    assert ours.certificate_[0] <= 1e-12
    np.testing.assert_allclose(ours.coef_, theirs.coef_, atol=1e-5)


def test_logistic_classes_probabilities_and_decision_agree():
    X, y = classification_data()
    labels = np.array(["no", "yes"])[y]
    model = LogisticRegression(alpha=0.01).fit(X, labels)
    np.testing.assert_array_equal(model.classes_, ["no", "yes"])
    z = model.decision_function(X)
    proba = model.predict_proba(X)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    np.testing.assert_allclose(proba[:, 1], 1 / (1 + np.exp(-z)))
    np.testing.assert_array_equal(model.predict(X), np.where(z > 0, "yes", "no"))
    assert model.score(X, labels) > 0.8
    assert model.coef_.shape == (1, X.shape[1]) and model.intercept_.shape == (1,)


def test_l1_logistic_zeroes_the_noise_features():
    X, y, true_coef = datasets.make_noisy_linear(
        400, n_noise_features=20, margin=0.2, flip_fraction=0.05, random_state=0
    )
    model = LogisticRegression(penalty="l1", alpha=0.02).fit(X, y)
    assert np.all(model.coef_[0, :2] != 0)
    assert np.count_nonzero(model.coef_[0, 2:]) <= 3
    cosine = model.coef_[0, :2] @ true_coef[:2] / np.linalg.norm(model.coef_[0, :2])
    assert cosine > 0.95


def test_multiclass_is_one_vs_rest_of_binary_fits():
    X, y = classification_data(n_classes=3)
    model = LogisticRegression(alpha=0.01, tol=1e-10).fit(X, y)
    assert model.coef_.shape == (3, X.shape[1])
    for k, label in enumerate(model.classes_):
        binary = LogisticRegression(alpha=0.01, tol=1e-10).fit(X, y == label)
        np.testing.assert_allclose(model.coef_[k], binary.coef_[0], atol=1e-7)
        np.testing.assert_allclose(model.intercept_[k], binary.intercept_[0], atol=1e-7)
    proba = model.predict_proba(X)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    np.testing.assert_array_equal(
        model.predict(X), model.classes_[np.argmax(model.decision_function(X), axis=1)]
    )


def test_pipeline_and_grid_search_pick_the_same_alpha_as_sklearn():
    X, y = datasets.load_diabetes(return_X_y=True)
    grid = {"model__alpha": [0.01, 0.1, 1.0, 3.0]}
    folds = KFold(5, shuffle=True, random_state=0)
    ours = GridSearchCV(
        _named_pipeline(ElasticNet(l1_ratio=0.7, tol=1e-10)), grid, cv=folds
    ).fit(X, y)
    theirs = GridSearchCV(
        _named_pipeline(
            linear_model.ElasticNet(l1_ratio=0.7, tol=1e-12, max_iter=100_000)
        ),
        grid,
        cv=folds,
    ).fit(X, y)
    assert ours.best_params_ == theirs.best_params_
    np.testing.assert_allclose(
        ours.cv_results_["mean_test_score"],
        theirs.cv_results_["mean_test_score"],
        rtol=1e-7,
    )
    refit = clone(ours.best_estimator_).fit(X, y)
    np.testing.assert_allclose(refit.predict(X), ours.predict(X))


def _named_pipeline(model):
    return Pipeline([("scale", StandardScaler()), ("model", model)])


def test_logistic_in_grid_search_over_penalty_and_alpha():
    X, y = datasets.load_breast_cancer(return_X_y=True)
    search = GridSearchCV(
        _named_pipeline(LogisticRegression()),
        {"model__penalty": ["l1", "l2"], "model__alpha": [1e-2, 1e-1]},
        cv=3,
    ).fit(X, y)
    assert search.best_score_ > 0.9
    assert set(search.best_params_) == {"model__penalty", "model__alpha"}


def test_logistic_default_alpha_is_sklearns_default_C_at_100_samples():
    # C = 1 / (n alpha): the default alpha = 0.01 is scikit-learn's C = 1 at n = 100
    X, y, _ = datasets.make_noisy_linear(100, flip_fraction=0.1, random_state=0)
    ours = LogisticRegression(tol=1e-10).fit(X, y)
    theirs = linear_model.LogisticRegression(C=1.0, tol=1e-10).fit(X, y)
    np.testing.assert_allclose(ours.coef_, theirs.coef_, rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(ours.intercept_, theirs.intercept_, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("penalty, l1_ratio", [("l1", None), ("elasticnet", 0.5)])
def test_sparse_logistic_defaults_fit_something(penalty, l1_ratio):
    # the reproducer: at the old default alpha = 1 every coefficient was 0
    X, y = make_blobs(30, 2, centers=3, random_state=0)
    model = LogisticRegression(penalty, l1_ratio=l1_ratio).fit(X, y)
    assert np.all(np.any(model.coef_ != 0, axis=1))
    assert model.score(X, y) > 0.9


# --- sample weights: the weighted squared loss, checked against scikit-learn ---


@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize(
    "ours, theirs",
    [
        (
            Lasso(alpha=0.05, tol=1e-12),
            linear_model.Lasso(alpha=0.05, tol=1e-14, max_iter=100_000),
        ),
        (
            ElasticNet(alpha=0.05, l1_ratio=0.3, tol=1e-12),
            linear_model.ElasticNet(
                alpha=0.05, l1_ratio=0.3, tol=1e-14, max_iter=100_000
            ),
        ),
        (Ridge(alpha=0.05), None),
    ],
    ids=["Lasso", "ElasticNet", "Ridge"],
)
def test_sample_weight_matches_sklearn(ours, theirs, fit_intercept):
    X, y, _ = datasets.make_sparse_regression(40, 6, noise=0.5, random_state=5)
    X = X + 3.0  # uncentred columns: the intercept needs the weighted means
    weights = np.random.default_rng(5).uniform(0.0, 3.0, size=40)
    if theirs is None:
        # scikit-learn's Ridge uses the raw weights: alpha_sk = alpha * sum(weights)
        theirs = linear_model.Ridge(alpha=0.05 * weights.sum())
    ours = clone(ours).set_params(fit_intercept=fit_intercept)
    theirs = clone(theirs).set_params(fit_intercept=fit_intercept)
    ours.fit(X, y, sample_weight=weights)
    theirs.fit(X, y, sample_weight=weights)
    np.testing.assert_allclose(ours.coef_, theirs.coef_, rtol=1e-7, atol=1e-10)
    assert ours.intercept_ == pytest.approx(theirs.intercept_, rel=1e-7, abs=1e-10)
    residual = y - X @ ours.coef_ - ours.intercept_
    w = ours.coef_
    l1_ratio = {Lasso: 1.0, ElasticNet: 0.3, Ridge: 0.0}[type(ours)]
    penalty = l1_ratio * np.abs(w).sum() + (1 - l1_ratio) / 2 * w @ w
    objective = weights @ residual**2 / (2 * weights.sum()) + 0.05 * penalty
    assert ours.objective_ == pytest.approx(objective, rel=1e-10)


def test_zero_and_integer_weights_are_dropping_and_repeating_rows():
    X, y, _ = datasets.make_sparse_regression(30, 5, random_state=6)
    weights = np.ones(30)
    weights[:5] = 0.0
    weights[5:10] = 3.0
    rows = np.concatenate([np.arange(5, 10)] * 3 + [np.arange(10, 30)])
    for model in (Lasso(alpha=0.1, tol=1e-12), Ridge(alpha=0.1)):
        weighted = clone(model).fit(X, y, sample_weight=weights)
        repeated = clone(model).fit(X[rows], y[rows])
        np.testing.assert_allclose(weighted.coef_, repeated.coef_, atol=1e-10)


@pytest.mark.parametrize(
    "weights, match",
    [
        (np.ones(19), "one weight per sample. Got 19 weights for 20"),
        (-np.ones(20), r"`sample_weight` must be >= 0"),
        (np.zeros(20), "`sample_weight` must not be all zero"),
        (np.full(20, np.nan), "`sample_weight` contains NaN"),
        (np.ones((20, 2)), "`sample_weight` must be a 1-D array"),
    ],
)
def test_bad_sample_weight_is_named(weights, match):
    X, y, _ = datasets.make_sparse_regression(20, 3, n_nonzero=2, random_state=7)
    with pytest.raises(ValueError, match=match):
        Lasso().fit(X, y, sample_weight=weights)


# --- sample weights for the logistic loss ---


def _weighted_classification():
    rng = np.random.default_rng(8)
    X = rng.standard_normal((60, 4)) + 2.0  # uncentred: the intercept matters
    y = (X @ [1.0, -1.0, 0.5, 0.0] - 1.0 + rng.standard_normal(60) > 0).astype(int)
    weights = rng.integers(0, 4, size=60).astype(float)
    return X, y, weights


@pytest.mark.parametrize(
    "penalty, l1_ratio, sk_l1_ratio",
    [("l2", None, 0.0), ("l1", None, 1.0), ("elasticnet", 0.5, 0.5)],
)
def test_logistic_sample_weight_matches_sklearn_and_repeated_rows(
    penalty, l1_ratio, sk_l1_ratio
):
    X, y, weights = _weighted_classification()
    alpha = 0.02
    ours = LogisticRegression(penalty, alpha=alpha, l1_ratio=l1_ratio, tol=1e-12)
    ours.fit(X, y, sample_weight=weights)
    # integer weights repeat rows (a weight of 0 drops one): the same problem
    rows = np.repeat(np.arange(len(y)), weights.astype(int))
    repeated = clone(ours).fit(X[rows], y[rows])
    np.testing.assert_allclose(ours.coef_, repeated.coef_, atol=1e-9)
    np.testing.assert_allclose(ours.intercept_, repeated.intercept_, atol=1e-9)
    # scikit-learn's C multiplies the raw weighted loss: C = 1 / (alpha sum(s))
    theirs = linear_model.LogisticRegression(
        C=1.0 / (alpha * weights.sum()),
        l1_ratio=sk_l1_ratio,
        solver="saga",
        tol=1e-12,
        max_iter=200_000,
    ).fit(X - X.mean(axis=0), y, sample_weight=weights)
    np.testing.assert_allclose(ours.coef_, theirs.coef_, atol=1e-5)
    assert ours.certificate_[0] < 1e-10


def test_logistic_all_equal_weights_change_nothing():
    X, y, _ = _weighted_classification()
    plain = LogisticRegression("l1", alpha=0.02, tol=1e-12).fit(X, y)
    equal = clone(plain).fit(X, y, sample_weight=np.full(len(y), 7.0))
    np.testing.assert_allclose(plain.coef_, equal.coef_, atol=1e-12)


def test_logistic_class_without_weight_is_named():
    X, y, _ = _weighted_classification()
    weights = np.where(y == 1, 0.0, 1.0)
    with pytest.raises(ValueError, match="two classes a nonzero weight"):
        LogisticRegression().fit(X, y, sample_weight=weights)
    loss = LogisticLoss(sample_weight=weights)
    with pytest.raises(ValueError, match="two classes, each with a weight"):
        loss.check_targets(np.where(y == 1, 1.0, -1.0))
