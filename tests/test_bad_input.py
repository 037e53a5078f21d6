"""Bad input at every public entry point: a ValueError or TypeError naming the
parameter, never a NaN returned silently."""

from fractions import Fraction

import numpy as np
import pytest
import scipy.sparse
from sklearn.exceptions import ConvergenceWarning

from reglab import conventions, datasets, penalties
from reglab.cv import cv_path
from reglab.estimators import ElasticNet, Lasso, LogisticRegression, Ridge
from reglab.neural import MLPClassifier
from reglab.paths import regularization_path
from reglab.solvers import RidgeSVD, alpha_max, solve

RNG = np.random.default_rng(0)
X = RNG.standard_normal((20, 3))
Y = X @ np.array([1.0, -2.0, 0.0]) + 0.1 * RNG.standard_normal(20)
LABELS = (Y > 0).astype(int)


def with_value(array, index, value):
    array = np.array(array, dtype=float)
    array[index] = value
    return array


# Each entry point as a function of (X, y); classifiers get class labels.
REGRESSION_ENTRY_POINTS = {
    "Ridge.fit": lambda X, y: Ridge().fit(X, y),
    "Lasso.fit": lambda X, y: Lasso().fit(X, y),
    "ElasticNet.fit": lambda X, y: ElasticNet().fit(X, y),
    "regularization_path": lambda X, y: regularization_path(X, y, n_alphas=3),
    "cv_path": lambda X, y: cv_path(X, y, cv=3, n_alphas=3),
    "solvers.solve": lambda X, y: solve(X, y, alpha=0.1),
    "solvers.alpha_max": lambda X, y: alpha_max(X, y),
    "solvers.RidgeSVD": lambda X, y: RidgeSVD(X, y),
}
CLASSIFICATION_ENTRY_POINTS = {
    "LogisticRegression.fit": lambda X, y: LogisticRegression().fit(X, y),
    "regularization_path(logistic)": lambda X, y: regularization_path(
        X, y, loss="logistic", n_alphas=3
    ),
    "MLPClassifier.fit": lambda X, y: MLPClassifier(n_epochs=2).fit(X, y),
}
ALL_ENTRY_POINTS = [
    *[(name, f, Y) for name, f in REGRESSION_ENTRY_POINTS.items()],
    *[(name, f, LABELS) for name, f in CLASSIFICATION_ENTRY_POINTS.items()],
]
ids = [name for name, _, _ in ALL_ENTRY_POINTS]

BAD_X = [
    ("NaN", with_value(X, (0, 0), np.nan), ValueError, "`X` contains NaN"),
    ("inf", with_value(X, (3, 1), np.inf), ValueError, "`X` contains inf"),
    ("-inf", with_value(X, (3, 1), -np.inf), ValueError, "`X` contains inf"),
    ("1-D", X[:, 0], ValueError, "`X` must be a 2-D array"),
    ("3-D", X[:, :, None], ValueError, "`X` must be a 2-D array"),
    ("empty", np.empty((0, 3)), ValueError, "`X` (is empty|and `y` must have)"),
    ("strings", np.array([["a", "b", "c"]] * 20), TypeError, "`X` must contain only"),
    ("one string", "not a matrix", TypeError, "`X` must be an array of numbers"),
    ("too few rows", X[:15], ValueError, "`X` and `y` must have the same number"),
    # numpy would read each of these as floats, dropping or inventing information
    ("complex", X + 1j, ValueError, "`X` contains complex numbers"),
    ("complex objects", X.astype(object) + 0j, ValueError, "`X` contains complex"),
    ("numeric strings", X.astype(str), TypeError, "`X` must contain only numbers"),
    (
        "numeric string objects",
        X.astype(str).astype(object),
        TypeError,
        "`X` must contain only numbers. Got the string",
    ),
    (
        "datetime64",
        np.arange(60).reshape(20, 3).astype("datetime64[D]"),
        TypeError,
        "`X` holds dates or times",
    ),
    ("timedelta64", X.astype("timedelta64[s]"), TypeError, "`X` holds dates"),
    (
        "masked",
        np.ma.masked_greater(X, 1.0),
        ValueError,
        r"`X` is a masked array with \d+ masked entries",
    ),
    ("sparse", scipy.sparse.csr_matrix(X), TypeError, "sparse `X` is not supported"),
    ("sparse array", scipy.sparse.csr_array(X), TypeError, "sparse `X` is not sup"),
    (
        "None entries",
        np.where(X > 1.5, None, X.astype(object)),
        ValueError,
        r"`X` contains missing values \(None, NaN or pd.NA\)",
    ),
    ("None", None, TypeError, "`X` must be an array of numbers. Got None"),
    ("scalar", 3.0, ValueError, r"`X` must be a 2-D array .* shape \(\)"),
    ("0 features", np.empty((20, 0)), ValueError, r"`X` has 0 feature\(s\)"),
    ("beyond float", [[10**400, 0, 0]] * 20, ValueError, "too large for a float"),
    # numpy's own message for rows of unequal length names no parameter
    (
        "ragged",
        [[1.0, 2.0, 3.0], [1.0, 2.0]] + [[1.0, 2.0, 3.0]] * 18,
        ValueError,
        "`X` must be a rectangular array, but its rows have different lengths",
    ),
]


@pytest.mark.parametrize(("name", "entry", "y"), ALL_ENTRY_POINTS, ids=ids)
@pytest.mark.parametrize(
    ("bad_X", "error", "match"),
    [case[1:] for case in BAD_X],
    ids=[case[0] for case in BAD_X],
)
def test_bad_X(name, entry, y, bad_X, error, match):
    with pytest.raises(error, match=match):
        entry(bad_X, y)


BAD_Y_REGRESSION = [
    ("NaN", with_value(Y, 2, np.nan), ValueError, "`y` contains NaN"),
    ("inf", with_value(Y, 2, np.inf), ValueError, "`y` contains inf"),
    ("too long", np.append(Y, 1.0), ValueError, "`X` and `y` must have the same"),
    ("2-D", np.column_stack([Y, Y]), ValueError, "`y` must be a 1-D array"),
    ("strings", np.array(["a"] * 20), TypeError, "`y` must contain only numbers"),
    ("numeric strings", Y.astype(str), TypeError, "`y` must contain only numbers"),
    ("complex", Y + 1j, ValueError, "`y` contains complex numbers"),
    ("masked", np.ma.masked_greater(Y, 1.0), ValueError, "`y` is a masked array"),
    ("sparse", scipy.sparse.csr_matrix(Y), TypeError, "sparse `y` is not supported"),
    ("ragged", [[1.0], [2.0, 3.0]] + [[1.0]] * 18, ValueError, "`y` must be a rect"),
]


@pytest.mark.parametrize(
    ("name", "entry"), REGRESSION_ENTRY_POINTS.items(), ids=REGRESSION_ENTRY_POINTS
)
@pytest.mark.parametrize(
    ("bad_y", "error", "match"),
    [case[1:] for case in BAD_Y_REGRESSION],
    ids=[case[0] for case in BAD_Y_REGRESSION],
)
def test_bad_y_regression(name, entry, bad_y, error, match):
    with pytest.raises(error, match=match):
        entry(X, bad_y)


def test_missing_y():
    for model in (Ridge(), Lasso(), ElasticNet(), LogisticRegression()):
        with pytest.raises(ValueError, match="requires y to be passed"):
            model.fit(X, None)


@pytest.mark.parametrize(
    ("name", "entry"),
    CLASSIFICATION_ENTRY_POINTS.items(),
    ids=CLASSIFICATION_ENTRY_POINTS,
)
def test_single_class(name, entry):
    with pytest.raises(
        ValueError, match=r"`y` must contain (at least|exactly) 2 classes"
    ):
        entry(X, np.ones(20, dtype=int))


@pytest.mark.parametrize(
    ("name", "entry"),
    CLASSIFICATION_ENTRY_POINTS.items(),
    ids=CLASSIFICATION_ENTRY_POINTS,
)
@pytest.mark.parametrize(
    ("bad_y", "error", "match"),
    [
        (with_value(LABELS, 0, np.nan), ValueError, "`y` contains NaN"),
        (
            np.array(["a", 1] * 10, dtype=object),
            TypeError,
            "`y` mixes strings and numbers as labels",
        ),
        (["a", 1] * 10, TypeError, "`y` mixes strings and numbers as labels"),
        (
            np.where(LABELS == 1, "yes", None),
            ValueError,
            r"`y` contains missing values \(None, NaN or pd.NA\)",
        ),
        (LABELS + 0j, ValueError, "`y` contains complex numbers"),
        (scipy.sparse.csr_matrix(LABELS), TypeError, "sparse `y` is not supported"),
        ([[0], [1, 1]] + [[0]] * 18, ValueError, "`y` must be a rectangular array"),
        (Y, ValueError, "Unknown label type: continuous"),
    ],
    ids=[
        "NaN",
        "mixed str/int",
        "mixed list",
        "None",
        "complex",
        "sparse",
        "ragged",
        "continuous",
    ],
)
def test_bad_labels(name, entry, bad_y, error, match):
    with pytest.raises(error, match=match):
        entry(X, bad_y)


def test_labels_stored_as_python_objects_are_read_as_their_values():
    # a pandas column or a list of mixed ints and floats arrives as dtype=object
    as_objects = LABELS.astype(object)
    model = LogisticRegression().fit(X, as_objects)
    np.testing.assert_array_equal(model.classes_, [0, 1])
    reference = LogisticRegression().fit(X, LABELS)
    np.testing.assert_array_equal(model.coef_, reference.coef_)


def test_classifier_label_problems():
    with pytest.raises(ValueError, match="Unknown label type: continuous"):
        LogisticRegression().fit(X, Y)
    with pytest.raises(ValueError, match="`y` contains NaN"):
        LogisticRegression().fit(X, with_value(LABELS, 0, np.nan))
    with pytest.raises(ValueError, match="`X` and `y` must have the same number"):
        LogisticRegression().fit(X, LABELS[:-1])
    with pytest.raises(ValueError, match="`y` must be a 1-D array"):
        LogisticRegression().fit(X, np.column_stack([LABELS, LABELS]))


ESTIMATOR_PARAMETERS = [
    (Ridge(alpha=-1.0), ValueError, r"`alpha` must be >= 0"),
    (Ridge(alpha="strong"), TypeError, "`alpha` must be a real number"),
    (Ridge(alpha=np.nan), ValueError, "`alpha` must be finite"),
    (Ridge(solver="qr"), ValueError, "`solver` must be one of"),
    (Ridge(alpha=1.0, solver="cd", tol=0.0), ValueError, "`tol` must be > 0"),
    (Lasso(alpha=-0.5), ValueError, r"`alpha` must be >= 0"),
    (Lasso(max_iter=0), ValueError, r"`max_iter` must be >= 1"),
    (Lasso(max_iter=2.5), TypeError, "`max_iter` must be an integer"),
    (ElasticNet(l1_ratio=1.5), ValueError, r"`l1_ratio` must be in \[0, 1\]"),
    (ElasticNet(l1_ratio=-0.1), ValueError, r"`l1_ratio` must be in \[0, 1\]"),
    (ElasticNet(l1_ratio="half"), TypeError, "`l1_ratio` must be a real number"),
    (LogisticRegression(alpha=-1.0), ValueError, r"`alpha` must be >= 0"),
    (LogisticRegression(penalty="l3"), ValueError, "`penalty` must be one of"),
    (
        LogisticRegression(penalty="elasticnet"),
        ValueError,
        "`l1_ratio` must be set for penalty='elasticnet'",
    ),
    (
        LogisticRegression(penalty="elasticnet", l1_ratio=2.0),
        ValueError,
        r"`l1_ratio` must be in \[0, 1\]",
    ),
    (
        LogisticRegression(penalty="l2", l1_ratio=0.5),
        ValueError,
        "`l1_ratio` is only used with penalty='elasticnet'",
    ),
]


@pytest.mark.parametrize(
    ("model", "error", "match"), ESTIMATOR_PARAMETERS, ids=lambda v: repr(v)[:40]
)
def test_bad_estimator_parameters_raise_in_fit(model, error, match):
    y = LABELS if isinstance(model, LogisticRegression) else Y
    with pytest.raises(error, match=match):
        model.fit(X, y)


@pytest.mark.parametrize(
    "model", [Ridge(), Lasso(alpha=0.01), ElasticNet(alpha=0.01), LogisticRegression()]
)
def test_bad_input_at_predict_time(model):
    y = LABELS if isinstance(model, LogisticRegression) else Y
    model.fit(X, y)
    with pytest.raises(ValueError, match="`X` contains NaN"):
        model.predict(with_value(X, (1, 1), np.nan))
    with pytest.raises(ValueError, match=r"`X` must be a 2-D array.*Reshape your data"):
        model.predict(X[0])
    with pytest.raises(ValueError, match=r"X has 2 features, but .* is expecting 3"):
        model.predict(X[:, :2])
    with pytest.raises(TypeError, match="`X` must contain only numbers"):
        model.predict(np.array([["a", "b", "c"]]))


def test_unfitted_estimators_say_so():
    from sklearn.exceptions import NotFittedError

    for model in (Ridge(), Lasso(), ElasticNet(), LogisticRegression()):
        with pytest.raises(NotFittedError, match="not fitted yet"):
            model.predict(X)


def test_path_and_cv_parameters():
    with pytest.raises(ValueError, match=r"`l1_ratio` must be in \[0, 1\]"):
        regularization_path(X, Y, l1_ratio=1.5)
    with pytest.raises(ValueError, match=r"`alphas` must be >= 0"):
        regularization_path(X, Y, alphas=[1.0, -1.0])
    with pytest.raises(ValueError, match=r"`l1_ratio` must be in \[0, 1\]"):
        cv_path(X, Y, l1_ratio=-0.5)
    with pytest.raises(ValueError, match=r"`alphas` must be >= 0"):
        cv_path(X, Y, alphas=[1.0, -1.0])
    with pytest.raises(ValueError, match=r"`cv` must be >= 2"):
        cv_path(X, Y, cv=1)
    with pytest.raises(ValueError, match=r"`cv` must be at most the number of samples"):
        cv_path(X, Y, cv=50)
    with pytest.raises(TypeError, match="`cv` must be an int >= 2, a scikit-learn"):
        cv_path(X, Y, cv="five")
    with pytest.raises(ValueError, match="`random_state` is only used when `cv` is an"):
        from sklearn.model_selection import KFold

        cv_path(X, Y, cv=KFold(3), random_state=0)
    with pytest.raises(TypeError, match="`random_state` must be an integer"):
        cv_path(X, Y, random_state="seed")


SOLVER_CALLS = [
    (lambda: solve(X, Y, alpha=-1.0), ValueError, "`alpha` must be >= 0"),
    (lambda: solve(X, Y, alpha=1.0, l1_ratio=2.0), ValueError, "`l1_ratio` must be in"),
    (lambda: solve(X, Y, alpha=1.0, solver="newton"), ValueError, "`solver` must be"),
    (lambda: solve(X, Y, alpha=1.0, loss="hinge"), ValueError, "`loss` must be one of"),
    (lambda: solve(X, Y, alpha=1.0, tol=0.0), ValueError, "`tol` must be > 0"),
    (
        lambda: solve(X, LABELS.astype(float), alpha=1.0, loss="logistic"),
        ValueError,
        "`y` must contain only -1 and \\+1",
    ),
    (
        lambda: solve(X, Y, alpha=1.0, l1_ratio=1.0, solver="svd"),
        ValueError,
        "L1 has no closed form",
    ),
    (lambda: alpha_max(X, Y, l1_ratio=-1.0), ValueError, "`l1_ratio` must be in"),
    (lambda: RidgeSVD(X, Y).solve(-1.0), ValueError, "`alpha` must be >= 0"),
]


@pytest.mark.parametrize(("call", "error", "match"), SOLVER_CALLS)
def test_solver_entry_points_bad_input(call, error, match):
    with pytest.raises(error, match=match):
        call()


CONVENTION_CALLS = [
    (lambda: conventions.to_sklearn_ridge(-1.0, 10), ValueError, "`alpha` must be >="),
    (
        lambda: conventions.to_sklearn_ridge(1.0, 0),
        ValueError,
        "`n_samples` must be >=",
    ),
    (
        lambda: conventions.to_sklearn_ridge(1.0, 2.5),
        TypeError,
        "`n_samples` must be an",
    ),
    (
        lambda: conventions.from_sklearn_ridge("1", 10),
        TypeError,
        "`alpha` must be a re",
    ),
    (
        lambda: conventions.to_sklearn_elastic_net(1.0, 1.5),
        ValueError,
        "`l1_ratio` must",
    ),
    (
        lambda: conventions.from_sklearn_elastic_net(np.nan),
        ValueError,
        "`alpha` must be",
    ),
    (
        lambda: conventions.to_sklearn_logistic(0.0, 10),
        ValueError,
        "`alpha` must be > 0",
    ),
    (
        lambda: conventions.from_sklearn_logistic(-1.0, 10),
        ValueError,
        "`C` must be > 0",
    ),
    (
        lambda: conventions.from_sklearn_logistic(1.0, 10, 2),
        ValueError,
        "`l1_ratio` mu",
    ),
    (
        lambda: conventions.to_glmnet(1.0, 0.5, y_std=0.0),
        ValueError,
        "`y_std` must be >",
    ),
    (lambda: conventions.from_glmnet(-1.0, 0.5), ValueError, "`lambda_` must be >="),
    (
        lambda: conventions.from_glmnet(1.0, 1.5),
        ValueError,
        r"`alpha` must be in \[0, 1",
    ),
    (lambda: conventions.to_textbook(1.0, 10, -0.5), ValueError, "`l1_ratio` must be"),
    (
        lambda: conventions.from_textbook(10, lambda1=-1),
        ValueError,
        "`lambda1` must be",
    ),
    (
        lambda: conventions.to_keras(1.0, loss="hinge"),
        ValueError,
        "`loss` must be one of",
    ),
    (lambda: conventions.from_keras(l2=np.inf), ValueError, "`l2` must be finite"),
    (lambda: conventions.to_torch_weight_decay(-2.0), ValueError, "`alpha` must be >="),
    (
        lambda: conventions.from_torch_weight_decay("x"),
        TypeError,
        "`weight_decay` must be a real number",
    ),
    (lambda: conventions.conventions_table(-1.0), ValueError, "`alpha` must be >="),
    (
        lambda: conventions.conventions_table(1.0, n_samples=0),
        ValueError,
        "`n_samples` must be >=",
    ),
]


@pytest.mark.parametrize(("call", "error", "match"), CONVENTION_CALLS)
def test_conventions_bad_input(call, error, match):
    with pytest.raises(error, match=match):
        call()


DATASET_CALLS = [
    (lambda: datasets.make_polynomial(0), ValueError, "`n_samples` must be >= 1"),
    (lambda: datasets.make_polynomial(degree=-1), ValueError, "`degree` must be >= 0"),
    (lambda: datasets.make_polynomial(noise=-0.1), ValueError, "`noise` must be >= 0"),
    (
        lambda: datasets.make_polynomial(x_range=(1, 1)),
        ValueError,
        "`x_range` must sat",
    ),
    (
        lambda: datasets.make_polynomial(x_range=3),
        TypeError,
        "`x_range` must be a pair",
    ),
    (lambda: datasets.make_polynomial(random_state="a"), TypeError, "`random_state` m"),
    (lambda: datasets.make_polynomial(random_state=-1), ValueError, "`random_state` m"),
    (
        lambda: datasets.make_sparse_regression(10, 5, n_nonzero=6),
        ValueError,
        "`n_nonzero` must be <= 5",
    ),
    (
        lambda: datasets.make_sparse_regression(10, 5.5),
        TypeError,
        "`n_features` must be an integer",
    ),
    (
        lambda: datasets.make_dense_regression(noise=np.nan),
        ValueError,
        "`noise` must be",
    ),
    (
        lambda: datasets.make_correlated_groups(n_informative_groups=4),
        ValueError,
        "`n_informative_groups` must be <= 3",
    ),
    (
        lambda: datasets.make_correlated_groups(group_size=0),
        ValueError,
        "`group_size` must be >= 1",
    ),
    (lambda: datasets.make_ar1_regression(rho=1.0), ValueError, "`rho` must be < 1"),
    (lambda: datasets.make_ar1_regression(snr=0.0), ValueError, "`snr` must be > 0"),
    (
        lambda: datasets.make_moons(n_noise_features=-1),
        ValueError,
        "`n_noise_features`",
    ),
    (lambda: datasets.make_circles(factor=1.5), ValueError, "`factor` must be < 1"),
    (
        lambda: datasets.make_noisy_linear(flip_fraction=0.7),
        ValueError,
        "`flip_fraction` must be <= 0.5",
    ),
    (lambda: datasets.make_noisy_linear(margin=-1), ValueError, "`margin` must be >="),
    (lambda: datasets.load_digits(classes=(3,)), ValueError, "`classes` must name at"),
    (lambda: datasets.load_digits(classes=(3, 12)), ValueError, "`classes` must be <="),
    (lambda: datasets.load_digits(classes="38"), TypeError, "`classes` must be a seq"),
    (
        lambda: datasets.load_digits(return_X_y="False"),
        TypeError,
        "`return_X_y` must be True or False",
    ),
    (
        lambda: datasets.load_diabetes(return_X_y=1),
        TypeError,
        "`return_X_y` must be True or False",
    ),
    (
        lambda: datasets.load_breast_cancer(return_X_y="no"),
        TypeError,
        "`return_X_y` must be True or False",
    ),
]


@pytest.mark.parametrize(("call", "error", "match"), DATASET_CALLS)
def test_datasets_bad_input(call, error, match):
    with pytest.raises(error, match=match):
        call()


PENALTY_CALLS = [
    (lambda: penalties.L1(-1.0), ValueError, "`alpha` must be >= 0"),
    (lambda: penalties.L2("a"), TypeError, "`alpha` must be a real number"),
    (lambda: penalties.L1L2(1.0, 1.5), ValueError, r"`l1_ratio` must be in \[0, 1\]"),
    (lambda: penalties.L1L2(1.0, -0.5), ValueError, r"`l1_ratio` must be in \[0, 1\]"),
    (lambda: penalties.L1L2(np.inf), ValueError, "`alpha` must be finite"),
    (lambda: penalties.L0(np.nan), ValueError, "`alpha` must be finite"),
]


@pytest.mark.parametrize(("call", "error", "match"), PENALTY_CALLS)
def test_penalty_constructors_bad_input(call, error, match):
    with pytest.raises(error, match=match):
        call()


# --- valid but degenerate input: finite answers, no NaN ---


def test_degenerate_regression_inputs_give_finite_answers():
    zero_column = np.column_stack([X, np.zeros(20)])
    duplicated = np.column_stack([X, X[:, :1]])
    constant_y = np.full(20, 3.0)
    for model in (Ridge(), Ridge(alpha=0.0), Lasso(alpha=0.01), ElasticNet(alpha=0.01)):
        for data, target in [(zero_column, Y), (duplicated, Y), (X, constant_y)]:
            fitted = model.fit(data, target)
            assert np.all(np.isfinite(fitted.coef_)) and np.isfinite(fitted.intercept_)
            assert np.all(np.isfinite(fitted.predict(data)))
        assert model.fit(X, constant_y).predict(X) == pytest.approx(constant_y)


def test_p_much_larger_than_n_and_alpha_zero():
    wide = RNG.standard_normal((5, 50))
    target = RNG.standard_normal(5)
    for model in (Ridge(alpha=0.0), Lasso(alpha=0.0), ElasticNet(alpha=0.0)):
        fitted = model.fit(wide, target)
        assert np.all(np.isfinite(fitted.coef_))
        np.testing.assert_allclose(fitted.predict(wide), target, atol=1e-8)


def test_one_sample_regression_is_finite():
    fitted = Ridge().fit(X[:1], Y[:1])
    assert np.all(np.isfinite(fitted.coef_))
    assert fitted.predict(X[:1]) == pytest.approx(Y[:1])


def test_unpenalized_logistic_on_separable_data_warns_and_stays_finite():
    X_sep, y_sep, _ = datasets.make_noisy_linear(40, margin=0.5, random_state=0)
    with pytest.warns(ConvergenceWarning, match="increase max_iter or loosen tol"):
        model = LogisticRegression(alpha=0.0, max_iter=200).fit(X_sep, y_sep)
    assert np.all(np.isfinite(model.coef_))
    assert np.all(np.isfinite(model.predict_proba(X_sep)))
    assert model.score(X_sep, y_sep) == 1.0


# --- one validation for the function API and the estimators, pandas included ---


def test_pandas_missing_values_are_named():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(X).astype(object).where(X > -1.5, pd.NA)
    nullable = pd.DataFrame((10 * X).astype(int)).astype("Int64").where(X > -1.5)
    for data in (frame, nullable):
        for _, entry, y in ALL_ENTRY_POINTS:
            with pytest.raises(ValueError, match="`X` contains missing values"):
                entry(data, y)
    labels = pd.Series(LABELS).astype("Int64").where(np.arange(20) > 0, pd.NA)
    for entry in CLASSIFICATION_ENTRY_POINTS.values():
        # pandas hands a nullable column to numpy as floats with NaN for pd.NA
        with pytest.raises(ValueError, match=r"`y` contains (NaN|missing values)"):
            entry(X, labels)
    with pytest.raises(ValueError, match="`y` contains missing values"):
        Ridge().fit(X, pd.Series(Y).astype(object).where(np.arange(20) > 0, pd.NA))


def test_data_frames_without_missing_values_fit_as_arrays():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(X, columns=["a", "b", "c"])
    np.testing.assert_allclose(
        regularization_path(frame, pd.Series(Y), n_alphas=3).coefs,
        regularization_path(X, Y, n_alphas=3).coefs,
    )
    np.testing.assert_allclose(
        Lasso(0.1).fit(frame, Y).coef_, Lasso(0.1).fit(X, Y).coef_
    )


@pytest.mark.parametrize(
    "model",
    [Ridge(), Lasso(alpha=0.01), LogisticRegression(), MLPClassifier(n_epochs=2)],
)
@pytest.mark.parametrize(
    ("bad_X", "error", "match"),
    [
        (X + 1j, ValueError, "`X` contains complex numbers"),
        (X.astype(str), TypeError, "`X` must contain only numbers"),
        (scipy.sparse.csr_matrix(X), TypeError, "sparse `X` is not supported"),
        (np.ma.masked_greater(X, 1.0), ValueError, "`X` is a masked array"),
        ([[1.0, 2.0, 3.0], [1.0]], ValueError, "`X` must be a rectangular array"),
    ],
    ids=["complex", "numeric strings", "sparse", "masked", "ragged"],
)
def test_predict_refuses_what_fit_refuses(model, bad_X, error, match):
    model.fit(X, LABELS if hasattr(model, "predict_proba") else Y)
    with pytest.raises(error, match=match):
        model.predict(bad_X)


# --- boolean options accept only booleans: bool("False") is True ---

BOOLEAN_OPTIONS = [
    (lambda value: Ridge(fit_intercept=value).fit(X, Y), "fit_intercept"),
    (lambda value: Lasso(fit_intercept=value).fit(X, Y), "fit_intercept"),
    (lambda value: Lasso(warm_start=value).fit(X, Y), "warm_start"),
    (lambda value: ElasticNet(warm_start=value).fit(X, Y), "warm_start"),
    (lambda value: LogisticRegression(fit_intercept=value).fit(X, LABELS), "fit_int"),
    (lambda value: MLPClassifier(proximal=value, n_epochs=2).fit(X, LABELS), "prox"),
    (lambda value: regularization_path(X, Y, fit_intercept=value), "fit_intercept"),
    (lambda value: cv_path(X, Y, fit_intercept=value, cv=3), "fit_intercept"),
    (lambda value: solve(X, Y, alpha=0.1, fit_intercept=value), "fit_intercept"),
    (lambda value: alpha_max(X, Y, fit_intercept=value), "fit_intercept"),
    (lambda value: RidgeSVD(X, Y, fit_intercept=value), "fit_intercept"),
]


@pytest.mark.parametrize(("call", "name"), BOOLEAN_OPTIONS)
@pytest.mark.parametrize("value", ["False", "yes", 0, 1.0, None])
def test_boolean_options_accept_only_booleans(call, name, value):
    with pytest.raises(TypeError, match=rf"`{name}\w*` must be True or False"):
        call(value)


@pytest.mark.parametrize(("call", "name"), BOOLEAN_OPTIONS)
def test_numpy_booleans_are_booleans(call, name):
    call(np.bool_(False))


def test_string_false_does_not_fit_an_intercept_silently():
    with pytest.raises(TypeError, match="`fit_intercept` must be True or False"):
        Lasso(fit_intercept="False").fit(X, Y + 10.0)


# --- messages that name the parameter (and the numbers a learner may type) ---


def test_fraction_alphas_are_real_numbers():
    np.testing.assert_array_equal(
        Lasso(alpha=Fraction(1, 10)).fit(X, Y).coef_, Lasso(alpha=0.1).fit(X, Y).coef_
    )
    np.testing.assert_array_equal(
        ElasticNet(alpha=0.1, l1_ratio=Fraction(1, 2)).fit(X, Y).coef_,
        ElasticNet(alpha=0.1, l1_ratio=0.5).fit(X, Y).coef_,
    )


def test_numbers_beyond_the_float_range_are_named():
    with pytest.raises(ValueError, match="`alpha` is too large for a float"):
        Lasso(alpha=10**400).fit(X, Y)
    with pytest.raises(ValueError, match="`tol` is too large for a float"):
        regularization_path(X, Y, tol=10**400)


def test_random_state_beyond_numpys_seeds_is_named():
    with pytest.raises(
        ValueError, match=r"`random_state` must be None or an integer in"
    ):
        cv_path(X, Y, random_state=2**40)
    with pytest.raises(
        ValueError, match=r"`random_state` must be None or an integer in"
    ):
        MLPClassifier(random_state=2**40).fit(X, LABELS)


def test_cv_at_huge_target_scale_gives_finite_errors_without_warnings():
    # mean squared errors of 1e180: their spread overflows if squared directly (y
    # beyond 1e100 is refused by the solvers, test_problem.py)
    result = cv_path(X, Y * 1e90, cv=3, n_alphas=3)
    assert np.all(np.isfinite(result.mse_mean)) and np.all(np.isfinite(result.mse_se))
    np.testing.assert_allclose(
        result.mse_se / 1e180, cv_path(X, Y, cv=3, n_alphas=3).mse_se, rtol=1e-6
    )


@pytest.mark.parametrize("l1_ratio", [1.0, 0.5, 0.0])
def test_cv_with_one_training_sample_per_fold(l1_ratio):
    result = cv_path(X[:2], Y[:2], cv=2, n_alphas=3, l1_ratio=l1_ratio)
    assert np.all(np.isfinite(result.mse_mean)) and np.all(np.isfinite(result.mse_se))
