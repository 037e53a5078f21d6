"""Data for the course: deterministic generators and scikit-learn's bundled sets.

Every generator takes ``random_state`` (an int, a ``numpy.random.Generator``, or
``None`` for fresh randomness) and gives the same data for the same seed. Generators
with a linear truth return it as ``true_coef`` so a lesson can compare an estimate
with the coefficients that made the data. Nothing here downloads: the loaders wrap the
copies of diabetes, digits and breast cancer that ship inside scikit-learn.

Generators
----------
make_polynomial          noisy samples of a polynomial, for the overfitting lesson
make_sparse_regression   a few large coefficients, the rest exactly zero
make_dense_regression    every coefficient non-zero and small
make_correlated_groups   groups of nearly identical columns (the grouping effect)
make_ar1_regression      AR(1)-correlated design with a sparse truth (benchmarks)
make_moons, make_circles, make_noisy_linear
                         2-D classification, optional noise features

Loaders
-------
load_diabetes, load_digits, load_breast_cancer
"""

import numbers

import numpy as np
import sklearn.datasets

from reglab._validation import check_bool, check_scalar

__all__ = [
    "load_breast_cancer",
    "load_diabetes",
    "load_digits",
    "make_ar1_regression",
    "make_circles",
    "make_correlated_groups",
    "make_dense_regression",
    "make_moons",
    "make_noisy_linear",
    "make_polynomial",
    "make_sparse_regression",
]


def _rng(random_state):
    """A ``numpy.random.Generator`` from an int seed, a Generator or None."""
    if random_state is None or isinstance(random_state, np.random.Generator):
        return np.random.default_rng(random_state)
    if isinstance(random_state, numbers.Integral) and not isinstance(
        random_state, bool
    ):
        check_scalar(random_state, "random_state", low=0, integer=True)
        return np.random.default_rng(int(random_state))
    raise TypeError(
        "`random_state` must be an int, a numpy.random.Generator or None. "
        f"Got {random_state!r} of type {type(random_state).__name__} instead."
    )


def _sklearn_seed(rng):
    """An int seed for scikit-learn's generators, drawn from our Generator."""
    return int(rng.integers(0, 2**31 - 1))


def _check_counts(**counts):
    return [check_scalar(v, k, low=1, integer=True) for k, v in counts.items()]


def make_polynomial(
    n_samples=30, *, degree=3, noise=0.3, x_range=(-1.0, 1.0), random_state=0
):
    """Noisy samples of a random polynomial: the data of the overfitting lesson.

    ``y = f(x) + noise * e`` with ``e ~ N(0, 1)`` and ``f(x) = sum_k c_k x^k`` a
    polynomial of degree ``degree`` whose coefficients ``c_k`` are standard normal.
    ``x`` is uniform on ``x_range`` and sorted, so a line plot of ``(x, y)`` reads left
    to right. Fitting a polynomial of degree ``d`` is a linear model on the ``d``
    inputs ``x, x^2, ..., x^d``.

    Parameters
    ----------
    n_samples : int, default=30
    degree : int, default=3
        Degree of the true polynomial.
    noise : float, default=0.3
        Standard deviation of the Gaussian noise added to ``f(x)``.
    x_range : (float, float), default=(-1.0, 1.0)
    random_state : int, numpy.random.Generator or None, default=0

    Returns
    -------
    x : ndarray of shape (n_samples,)
    y : ndarray of shape (n_samples,)
    truth : numpy.polynomial.Polynomial
        The true function: call it, ``truth(x)``, and read its coefficients,
        ``truth.coef`` (constant term first).
    """
    (n_samples,) = _check_counts(n_samples=n_samples)
    degree = check_scalar(degree, "degree", low=0, integer=True)
    noise = check_scalar(noise, "noise", low=0.0)
    x_low, x_high = _check_range(x_range)
    rng = _rng(random_state)
    truth = np.polynomial.Polynomial(rng.standard_normal(degree + 1))
    x = np.sort(rng.uniform(x_low, x_high, size=n_samples))
    y = truth(x) + noise * rng.standard_normal(n_samples)
    return x, y, truth


def _check_range(x_range):
    try:
        low, high = x_range
    except (TypeError, ValueError):
        raise TypeError(
            f"`x_range` must be a pair (low, high). Got {x_range!r} instead."
        ) from None
    low = check_scalar(low, "x_range[0]")
    high = check_scalar(high, "x_range[1]")
    if not low < high:
        raise ValueError(
            f"`x_range` must satisfy low < high. Got ({low}, {high}) instead."
        )
    return low, high


def _linear_targets(X, true_coef, noise, rng):
    # y = X w + noise * e, e ~ N(0, 1)
    return X @ true_coef + noise * rng.standard_normal(X.shape[0])


def make_sparse_regression(
    n_samples=100, n_features=20, *, n_nonzero=5, noise=1.0, random_state=0
):
    """Gaussian design with a sparse truth: the setting where the lasso shines.

    ``X`` has independent standard normal entries; ``true_coef`` has ``n_nonzero``
    entries at random positions with random signs and magnitudes uniform in [1, 3],
    and exact zeros elsewhere; ``y = X true_coef + noise * e`` with ``e ~ N(0, 1)``
    (no intercept).

    Parameters
    ----------
    n_samples, n_features : int, default=100, 20
    n_nonzero : int, default=5
        Number of non-zero true coefficients, at most ``n_features``.
    noise : float, default=1.0
        Standard deviation of the noise.
    random_state : int, numpy.random.Generator or None, default=0

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
    true_coef : ndarray of shape (n_features,)
    """
    n_samples, n_features = _check_counts(n_samples=n_samples, n_features=n_features)
    n_nonzero = check_scalar(
        n_nonzero, "n_nonzero", low=0, high=n_features, integer=True
    )
    noise = check_scalar(noise, "noise", low=0.0)
    rng = _rng(random_state)
    X = rng.standard_normal((n_samples, n_features))
    true_coef = np.zeros(n_features)
    support = rng.choice(n_features, size=n_nonzero, replace=False)
    signs = rng.choice([-1.0, 1.0], size=n_nonzero)
    true_coef[support] = signs * rng.uniform(1.0, 3.0, size=n_nonzero)
    return X, _linear_targets(X, true_coef, noise, rng), true_coef


def make_dense_regression(n_samples=100, n_features=20, *, noise=1.0, random_state=0):
    """Gaussian design where every feature matters a little: ridge's home ground.

    ``X`` has independent standard normal entries, ``true_coef ~ N(0, 1 / p)``
    (so the signal variance stays near 1 whatever ``p`` is) and
    ``y = X true_coef + noise * e`` (no intercept).

    Parameters
    ----------
    n_samples, n_features : int, default=100, 20
    noise : float, default=1.0
    random_state : int, numpy.random.Generator or None, default=0

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
    true_coef : ndarray of shape (n_features,)
    """
    n_samples, n_features = _check_counts(n_samples=n_samples, n_features=n_features)
    noise = check_scalar(noise, "noise", low=0.0)
    rng = _rng(random_state)
    X = rng.standard_normal((n_samples, n_features))
    true_coef = rng.standard_normal(n_features) / np.sqrt(n_features)
    return X, _linear_targets(X, true_coef, noise, rng), true_coef


def make_correlated_groups(
    n_samples=100,
    *,
    n_groups=3,
    group_size=3,
    n_informative_groups=1,
    group_noise=0.01,
    noise=0.5,
    random_state=0,
):
    """Groups of nearly identical columns: the lasso picks one, ridge shares.

    Each group ``g`` has a latent ``z_g ~ N(0, 1)``; its ``group_size`` columns are
    ``z_g + group_noise * e_j``, so columns inside a group have correlation
    ``1 / (1 + group_noise^2)`` (0.9999 by default) and columns in different groups
    are independent. Column ``j`` belongs to group ``j // group_size``. The first
    ``n_informative_groups`` groups carry signal, every column of group ``g`` with
    coefficient ``(-1)^g``; the other groups are pure noise. So the truth spreads each
    group's effect evenly over its columns, which ridge and the elastic net recover and
    the lasso does not.

    Parameters
    ----------
    n_samples : int, default=100
    n_groups : int, default=3
    group_size : int, default=3
    n_informative_groups : int, default=1
        At most ``n_groups``.
    group_noise : float, default=0.01
        How far the columns of a group are from identical (0 gives exact copies).
    noise : float, default=0.5
        Standard deviation of the noise on ``y``.
    random_state : int, numpy.random.Generator or None, default=0

    Returns
    -------
    X : ndarray of shape (n_samples, n_groups * group_size)
    y : ndarray of shape (n_samples,)
    true_coef : ndarray of shape (n_groups * group_size,)
    """
    n_samples, n_groups, group_size = _check_counts(
        n_samples=n_samples, n_groups=n_groups, group_size=group_size
    )
    n_informative_groups = check_scalar(
        n_informative_groups, "n_informative_groups", low=0, high=n_groups, integer=True
    )
    group_noise = check_scalar(group_noise, "group_noise", low=0.0)
    noise = check_scalar(noise, "noise", low=0.0)
    rng = _rng(random_state)
    latent = rng.standard_normal((n_samples, n_groups))
    X = np.repeat(latent, group_size, axis=1)
    X += group_noise * rng.standard_normal(X.shape)
    group_of_column = np.arange(n_groups * group_size) // group_size
    group_sign = np.where(np.arange(n_groups) % 2 == 0, 1.0, -1.0)
    true_coef = np.where(
        group_of_column < n_informative_groups, group_sign[group_of_column], 0.0
    )
    return X, _linear_targets(X, true_coef, noise, rng), true_coef


def make_ar1_regression(
    n_samples=100, n_features=20, *, rho=0.5, n_nonzero=5, snr=3.0, random_state=0
):
    """AR(1)-correlated Gaussian design with a sparse truth (the benchmark data).

    Rows of ``X`` are ``N(0, Sigma)`` with ``Sigma_jk = rho^|j - k|``, built column by
    column as ``x_j = rho x_{j-1} + sqrt(1 - rho^2) e_j``. ``true_coef`` has
    ``n_nonzero`` entries at random positions, drawn from ``N(0, 1)``; the noise
    standard deviation is ``std(X true_coef) / snr``, so ``snr`` is the ratio of signal
    to noise standard deviations (the convention of the celer and skglm benchmarks).

    Parameters
    ----------
    n_samples, n_features : int, default=100, 20
    rho : float in (-1, 1), default=0.5
        Correlation between neighbouring columns.
    n_nonzero : int, default=5
        At most ``n_features``.
    snr : float > 0, default=3.0
    random_state : int, numpy.random.Generator or None, default=0

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
    true_coef : ndarray of shape (n_features,)
    """
    n_samples, n_features = _check_counts(n_samples=n_samples, n_features=n_features)
    rho = check_scalar(
        rho, "rho", low=-1.0, high=1.0, low_inclusive=False, high_inclusive=False
    )
    n_nonzero = check_scalar(
        n_nonzero, "n_nonzero", low=0, high=n_features, integer=True
    )
    snr = check_scalar(snr, "snr", low=0.0, low_inclusive=False)
    rng = _rng(random_state)
    X = rng.standard_normal((n_samples, n_features))
    innovation_scale = np.sqrt(1.0 - rho**2)
    for j in range(1, n_features):
        # x_j = rho x_{j-1} + sqrt(1 - rho^2) e_j keeps unit variance
        X[:, j] = rho * X[:, j - 1] + innovation_scale * X[:, j]
    true_coef = np.zeros(n_features)
    support = rng.choice(n_features, size=n_nonzero, replace=False)
    true_coef[support] = rng.standard_normal(n_nonzero)
    signal = X @ true_coef
    signal_std = signal.std()
    noise_std = signal_std / snr if signal_std > 0 else 1.0 / snr
    y = signal + noise_std * rng.standard_normal(n_samples)
    return X, y, true_coef


def _add_noise_features(X, n_noise_features, rng):
    if n_noise_features == 0:
        return X
    return np.hstack([X, rng.standard_normal((X.shape[0], n_noise_features))])


def make_moons(n_samples=200, *, noise=0.2, n_noise_features=0, random_state=0):
    """Two interleaving half circles (scikit-learn's ``make_moons``), labels 0 and 1.

    Not linearly separable: the data for decision boundaries of neural networks.
    ``n_noise_features`` appends that many standard normal columns that carry no
    information about the label.

    Returns
    -------
    X : ndarray of shape (n_samples, 2 + n_noise_features)
    y : ndarray of shape (n_samples,), ints in {0, 1}
    """
    (n_samples,) = _check_counts(n_samples=n_samples)
    noise = check_scalar(noise, "noise", low=0.0)
    n_noise_features = check_scalar(
        n_noise_features, "n_noise_features", low=0, integer=True
    )
    rng = _rng(random_state)
    X, y = sklearn.datasets.make_moons(
        n_samples=n_samples, noise=noise, random_state=_sklearn_seed(rng)
    )
    return _add_noise_features(X, n_noise_features, rng), y


def make_circles(
    n_samples=200, *, noise=0.1, factor=0.5, n_noise_features=0, random_state=0
):
    """A small circle inside a large one (scikit-learn's ``make_circles``), labels 0/1.

    ``factor`` is the ratio of the inner radius to the outer one.
    ``n_noise_features`` appends that many uninformative standard normal columns.

    Returns
    -------
    X : ndarray of shape (n_samples, 2 + n_noise_features)
    y : ndarray of shape (n_samples,), ints in {0, 1} (1 is the inner circle)
    """
    (n_samples,) = _check_counts(n_samples=n_samples)
    noise = check_scalar(noise, "noise", low=0.0)
    factor = check_scalar(
        factor, "factor", low=0.0, high=1.0, low_inclusive=False, high_inclusive=False
    )
    n_noise_features = check_scalar(
        n_noise_features, "n_noise_features", low=0, integer=True
    )
    rng = _rng(random_state)
    X, y = sklearn.datasets.make_circles(
        n_samples=n_samples, noise=noise, factor=factor, random_state=_sklearn_seed(rng)
    )
    return _add_noise_features(X, n_noise_features, rng), y


def make_noisy_linear(
    n_samples=200,
    *,
    n_noise_features=0,
    margin=0.0,
    flip_fraction=0.0,
    random_state=0,
):
    """Two classes split by a line, plus optional uninformative features.

    The two informative features are standard normal; the label is
    ``1[x . w_true > 0]`` with ``w_true`` a random unit vector in the plane, so
    ``true_coef`` is ``w_true`` followed by zeros for the ``n_noise_features`` extra
    standard normal columns. ``margin > 0`` pushes each point away from the boundary
    by that distance (a clean gap between the classes); ``flip_fraction`` of the labels
    are then flipped at random (label noise; 0 keeps the classes separable).
    An L1 penalty should set the noise features' coefficients to zero.

    Parameters
    ----------
    n_samples : int, default=200
    n_noise_features : int, default=0
    margin : float >= 0, default=0.0
    flip_fraction : float in [0, 0.5], default=0.0
    random_state : int, numpy.random.Generator or None, default=0

    Returns
    -------
    X : ndarray of shape (n_samples, 2 + n_noise_features)
    y : ndarray of shape (n_samples,), ints in {0, 1}
    true_coef : ndarray of shape (2 + n_noise_features,)
        Unit normal of the true boundary (through the origin), zeros for noise columns.
    """
    (n_samples,) = _check_counts(n_samples=n_samples)
    n_noise_features = check_scalar(
        n_noise_features, "n_noise_features", low=0, integer=True
    )
    margin = check_scalar(margin, "margin", low=0.0)
    flip_fraction = check_scalar(flip_fraction, "flip_fraction", low=0.0, high=0.5)
    rng = _rng(random_state)
    angle = rng.uniform(0.0, 2.0 * np.pi)
    normal = np.array([np.cos(angle), np.sin(angle)])
    X = rng.standard_normal((n_samples, 2))
    side = np.where(X @ normal >= 0.0, 1.0, -1.0)
    # move each point margin further from the line along the normal
    X += margin * side[:, None] * normal[None, :]
    y = (side > 0).astype(int)
    n_flips = round(flip_fraction * n_samples)
    if n_flips:
        flipped = rng.choice(n_samples, size=n_flips, replace=False)
        y[flipped] = 1 - y[flipped]
    true_coef = np.concatenate([normal, np.zeros(n_noise_features)])
    return _add_noise_features(X, n_noise_features, rng), y, true_coef


def load_diabetes(*, return_X_y=False):
    """scikit-learn's bundled diabetes data: 442 patients, 10 features, regression.

    The features come already centred and scaled (each column has unit Euclidean
    norm, scikit-learn's ``scaled=True``); the target is a disease-progression score.

    Returns
    -------
    sklearn.utils.Bunch with ``data``, ``target``, ``feature_names``, ``DESCR``, or
    ``(X, y)`` if ``return_X_y=True``.
    """
    return_X_y = check_bool(return_X_y, "return_X_y")
    return sklearn.datasets.load_diabetes(return_X_y=return_X_y)


def load_breast_cancer(*, return_X_y=False):
    """scikit-learn's bundled breast cancer data: 569 samples, 30 features, 2 classes.

    Features are on very different scales (standardize before penalizing); the
    target is 0 for malignant and 1 for benign.

    Returns
    -------
    sklearn.utils.Bunch with ``data``, ``target``, ``feature_names``,
    ``target_names``, ``DESCR``, or ``(X, y)`` if ``return_X_y=True``.
    """
    return_X_y = check_bool(return_X_y, "return_X_y")
    return sklearn.datasets.load_breast_cancer(return_X_y=return_X_y)


def load_digits(*, classes=None, return_X_y=False):
    """scikit-learn's bundled 8x8 digits: 1797 images as 64 pixel features.

    Parameters
    ----------
    classes : sequence of int, default=None
        Keep only these digits, for example ``(3, 8)`` for a binary problem. ``None``
        keeps all ten. Labels keep their digit values.
    return_X_y : bool, default=False

    Returns
    -------
    sklearn.utils.Bunch with ``data``, ``target``, ``images``, ``feature_names``,
    ``target_names``, ``DESCR``, or ``(X, y)`` if ``return_X_y=True``.
    """
    return_X_y = check_bool(return_X_y, "return_X_y")
    digits = sklearn.datasets.load_digits()
    if classes is not None:
        if isinstance(classes, str) or not hasattr(classes, "__iter__"):
            raise TypeError(
                "`classes` must be a sequence of digits such as (3, 8). "
                f"Got {classes!r} instead."
            )
        classes = [
            check_scalar(c, "classes", low=0, high=9, integer=True) for c in classes
        ]
        if len(set(classes)) < 2:
            raise ValueError(
                f"`classes` must name at least 2 different digits. Got {classes!r} "
                "instead."
            )
        keep = np.isin(digits.target, classes)
        digits.data = digits.data[keep]
        digits.target = digits.target[keep]
        digits.images = digits.images[keep]
        digits.target_names = np.array(sorted(set(classes)))
    if return_X_y:
        return digits.data, digits.target
    return digits
