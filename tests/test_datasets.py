"""reglab.datasets: deterministic, the truths are the ones that made the data,
nothing downloads."""

import socket

import numpy as np
import pytest

from reglab import datasets

GENERATORS = [
    datasets.make_polynomial,
    datasets.make_sparse_regression,
    datasets.make_dense_regression,
    datasets.make_correlated_groups,
    datasets.make_ar1_regression,
    datasets.make_moons,
    datasets.make_circles,
    datasets.make_noisy_linear,
]


def _arrays(out):
    return [np.asarray(o.coef if hasattr(o, "coef") else o) for o in out]


@pytest.mark.parametrize("make", GENERATORS, ids=lambda f: f.__name__)
def test_same_seed_same_data_other_seed_other_data(make):
    first = _arrays(make(random_state=3))
    again = _arrays(make(random_state=3))
    other = _arrays(make(random_state=4))
    for a, b in zip(first, again, strict=True):
        np.testing.assert_array_equal(a, b)
    assert any(
        a.shape != b.shape or not np.array_equal(a, b)
        for a, b in zip(first, other, strict=True)
    )
    assert all(np.all(np.isfinite(a)) for a in first)


def test_generator_instance_is_accepted():
    x1, _, _ = datasets.make_polynomial(random_state=np.random.default_rng(5))
    x2, _, _ = datasets.make_polynomial(random_state=np.random.default_rng(5))
    np.testing.assert_array_equal(x1, x2)


def test_polynomial_truth_is_the_mean_of_y():
    x, y, truth = datasets.make_polynomial(
        n_samples=20000, degree=3, noise=0.5, random_state=0
    )
    assert truth.degree() == 3
    assert np.all(np.diff(x) >= 0)
    assert x.min() >= -1 and x.max() <= 1
    residual = y - truth(x)
    # residuals are the noise: mean 0, std 0.5, up to sampling error ~ 0.5 / sqrt(n)
    assert abs(residual.mean()) < 0.02
    assert residual.std() == pytest.approx(0.5, rel=0.03)
    _, y0, truth0 = datasets.make_polynomial(noise=0.0, random_state=1)
    x0, _, _ = datasets.make_polynomial(noise=0.0, random_state=1)
    np.testing.assert_allclose(y0, truth0(x0))


@pytest.mark.parametrize(
    "make", [datasets.make_sparse_regression, datasets.make_dense_regression]
)
def test_noiseless_linear_truth_reproduces_y(make):
    X, y, true_coef = make(n_samples=50, n_features=8, noise=0.0, random_state=2)
    assert X.shape == (50, 8) and y.shape == (50,) and true_coef.shape == (8,)
    np.testing.assert_allclose(X @ true_coef, y)


def test_sparse_truth_has_the_requested_support():
    _, _, true_coef = datasets.make_sparse_regression(
        n_features=30, n_nonzero=4, random_state=0
    )
    assert np.count_nonzero(true_coef) == 4
    nonzero = np.abs(true_coef[true_coef != 0])
    assert np.all((nonzero >= 1) & (nonzero <= 3))
    _, _, dense = datasets.make_dense_regression(n_features=30, random_state=0)
    assert np.count_nonzero(dense) == 30


def test_correlated_groups_are_nearly_identical_columns():
    X, y, true_coef = datasets.make_correlated_groups(
        n_samples=500,
        n_groups=3,
        group_size=4,
        n_informative_groups=2,
        group_noise=0.01,
        noise=0.0,
        random_state=0,
    )
    assert X.shape == (500, 12)
    corr = np.corrcoef(X, rowvar=False)
    for g in range(3):
        block = corr[4 * g : 4 * g + 4, 4 * g : 4 * g + 4]
        assert block.min() > 0.999
    assert np.abs(corr[0, 4]) < 0.2  # different groups are independent
    np.testing.assert_array_equal(true_coef, [1.0] * 4 + [-1.0] * 4 + [0.0] * 4)
    np.testing.assert_allclose(X @ true_coef, y)


def test_ar1_design_has_the_stated_correlation_and_snr():
    X, y, true_coef = datasets.make_ar1_regression(
        n_samples=20000, n_features=6, rho=0.7, n_nonzero=3, snr=2.0, random_state=0
    )
    corr = np.corrcoef(X, rowvar=False)
    # Sigma_jk = rho^|j - k|, up to sampling error ~ 1 / sqrt(n)
    for lag in range(1, 4):
        observed = np.diag(corr, lag)
        np.testing.assert_allclose(observed, 0.7**lag, atol=0.03)
    np.testing.assert_allclose(X.std(axis=0), 1.0, atol=0.03)
    assert np.count_nonzero(true_coef) == 3
    signal = X @ true_coef
    assert signal.std() / (y - signal).std() == pytest.approx(2.0, rel=0.03)


def test_ar1_handles_p_much_larger_than_n():
    X, y, true_coef = datasets.make_ar1_regression(
        n_samples=20, n_features=500, n_nonzero=10, random_state=0
    )
    assert X.shape == (20, 500) and y.shape == (20,) and true_coef.shape == (500,)


@pytest.mark.parametrize("make", [datasets.make_moons, datasets.make_circles])
def test_two_d_classification_sets(make):
    X, y = make(n_samples=101, random_state=0)
    assert X.shape == (101, 2)
    assert set(np.unique(y)) == {0, 1}
    X5, _ = make(n_samples=101, n_noise_features=3, random_state=0)
    assert X5.shape == (101, 5)


def test_noisy_linear_is_separable_by_its_truth():
    X, y, true_coef = datasets.make_noisy_linear(
        n_samples=300, n_noise_features=4, margin=0.5, random_state=0
    )
    assert X.shape == (300, 6)
    np.testing.assert_array_equal(true_coef[2:], 0.0)
    assert np.linalg.norm(true_coef) == pytest.approx(1.0)
    distance = X @ true_coef
    np.testing.assert_array_equal(y, (distance > 0).astype(int))
    assert np.abs(distance).min() >= 0.5  # the margin is a clean gap
    _, y_flipped, _ = datasets.make_noisy_linear(
        n_samples=300, flip_fraction=0.1, random_state=0
    )
    _, y_clean, _ = datasets.make_noisy_linear(n_samples=300, random_state=0)
    assert np.sum(y_flipped != y_clean) == 30


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("reglab.datasets tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_loaders_use_bundled_copies(no_network):
    X, y = datasets.load_diabetes(return_X_y=True)
    assert X.shape == (442, 10) and y.shape == (442,)
    bunch = datasets.load_breast_cancer()
    assert bunch.data.shape == (569, 30) and set(np.unique(bunch.target)) == {0, 1}
    X, y = datasets.load_digits(return_X_y=True)
    assert X.shape == (1797, 64) and set(np.unique(y)) == set(range(10))


def test_digits_two_classes():
    digits = datasets.load_digits(classes=(3, 8))
    assert set(np.unique(digits.target)) == {3, 8}
    assert digits.data.shape[0] == digits.target.shape[0] == digits.images.shape[0]
    np.testing.assert_array_equal(digits.target_names, [3, 8])
    n_3_and_8 = np.isin(datasets.load_digits().target, [3, 8]).sum()
    assert digits.data.shape[0] == n_3_and_8
