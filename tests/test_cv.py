"""reglab.cv_path: checked against a direct fold-by-fold computation and against
scikit-learn's LassoCV / ElasticNetCV on the same folds and alphas."""

import numpy as np
import pytest
from sklearn import linear_model
from sklearn.model_selection import KFold, ShuffleSplit

from reglab import datasets
from reglab.cv import cv_path
from reglab.estimators import ElasticNet, Ridge

X, Y, _ = datasets.make_sparse_regression(
    80, 12, n_nonzero=4, noise=2.0, random_state=0
)


def test_fold_errors_equal_a_direct_computation():
    result = cv_path(X, Y, l1_ratio=0.7, cv=4, n_alphas=8, tol=1e-10, random_state=1)
    folds = list(KFold(4, shuffle=True, random_state=1).split(X))
    for k, (train, test) in enumerate(folds):
        for j, alpha in enumerate(result.alphas):
            model = ElasticNet(alpha=alpha, l1_ratio=0.7, tol=1e-12).fit(
                X[train], Y[train]
            )
            mse = np.mean((Y[test] - model.predict(X[test])) ** 2)
            assert result.mse_folds[k, j] == pytest.approx(mse, rel=1e-7)
    np.testing.assert_allclose(result.mse_mean, result.mse_folds.mean(axis=0))
    np.testing.assert_allclose(
        result.mse_se, result.mse_folds.std(axis=0, ddof=1) / np.sqrt(4)
    )


@pytest.mark.parametrize("l1_ratio", [1.0, 0.5])
def test_matches_sklearn_cv_on_the_same_folds_and_alphas(l1_ratio):
    folds = KFold(5, shuffle=True, random_state=0)
    ours = cv_path(X, Y, l1_ratio=l1_ratio, cv=folds, n_alphas=30, tol=1e-10)
    options = {"alphas": ours.alphas, "cv": folds, "tol": 1e-12, "max_iter": 100_000}
    if l1_ratio == 1.0:
        theirs = linear_model.LassoCV(**options).fit(X, Y)
    else:
        theirs = linear_model.ElasticNetCV(l1_ratio=l1_ratio, **options).fit(X, Y)
    np.testing.assert_allclose(theirs.alphas_, ours.alphas)
    # scikit-learn stores (n_alphas, n_folds)
    np.testing.assert_allclose(ours.mse_folds, theirs.mse_path_.T, rtol=1e-6)
    assert ours.alpha_min == pytest.approx(theirs.alpha_)


def test_grid_is_computed_once_on_the_full_data():
    result = cv_path(X, Y, cv=5, n_alphas=20, eps=1e-2)
    np.testing.assert_allclose(result.alphas, result.path.alphas)
    assert result.alphas[0] == pytest.approx(
        np.max(np.abs(X.T @ (Y - Y.mean()))) / len(Y)
    )
    assert result.alphas[-1] == pytest.approx(1e-2 * result.alphas[0])
    assert np.all(np.diff(result.alphas) < 0)
    np.testing.assert_array_equal(result.path.coefs[0], 0.0)


def test_alpha_1se_is_the_largest_alpha_within_one_se():
    result = cv_path(X, Y, cv=5, n_alphas=40, random_state=0)
    k = result.index_min
    assert result.mse_mean[k] == result.mse_mean.min()
    threshold = result.mse_mean[k] + result.mse_se[k]
    within = [
        alpha
        for alpha, mse in zip(result.alphas, result.mse_mean, strict=True)
        if mse <= threshold
    ]
    assert result.alpha_1se == max(within)
    assert result.alpha_1se >= result.alpha_min
    assert result.alphas[result.index_1se] == result.alpha_1se
    # the 1-SE model is sparser than (or as sparse as) the minimum-error model
    assert result.path.n_nonzero[result.index_1se] <= result.path.n_nonzero[k]


def test_int_cv_shuffles_only_with_a_random_state():
    plain = cv_path(X, Y, cv=3, n_alphas=5)
    unshuffled = cv_path(X, Y, cv=KFold(3), n_alphas=5)
    np.testing.assert_allclose(plain.mse_folds, unshuffled.mse_folds)
    seeded = cv_path(X, Y, cv=3, n_alphas=5, random_state=7)
    again = cv_path(X, Y, cv=3, n_alphas=5, random_state=7)
    np.testing.assert_array_equal(seeded.mse_folds, again.mse_folds)
    assert not np.allclose(seeded.mse_folds, plain.mse_folds)


def test_any_splitter_or_iterable_of_splits():
    splitter = ShuffleSplit(n_splits=4, test_size=0.25, random_state=0)
    from_splitter = cv_path(X, Y, cv=splitter, n_alphas=6)
    from_list = cv_path(X, Y, cv=list(splitter.split(X)), n_alphas=6)
    assert from_splitter.n_folds == 4
    np.testing.assert_allclose(from_splitter.mse_folds, from_list.mse_folds)


def test_ridge_cv_uses_the_ridge_path():
    alphas = np.logspace(1, -3, 12)
    result = cv_path(X, Y, l1_ratio=0.0, cv=KFold(4), alphas=alphas)
    np.testing.assert_allclose(result.alphas, alphas)
    train, test = next(KFold(4).split(X))
    model = Ridge(alpha=alphas[5]).fit(X[train], Y[train])
    mse = np.mean((Y[test] - model.predict(X[test])) ** 2)
    assert result.mse_folds[0, 5] == pytest.approx(mse, rel=1e-9)
