"""Certificates that do not depend on the units of X and y (issue 11, items 12-13).

The data of the issue's reproducers: X standard normal (20, 3),
y = X @ [1, -2, .5] + noise. Every warning is an error in the test suite, so each
test below also checks that no RuntimeWarning (overflow) and no ConvergenceWarning
(a certificate that rounding, not the solver, left above tol) is raised.
"""

import numpy as np
import pytest

from reglab.cv import cv_path
from reglab.estimators import ElasticNet, Lasso, Ridge
from reglab.paths import regularization_path
from reglab.problem import Problem
from reglab.solvers import solve

RNG = np.random.default_rng(0)
X = RNG.standard_normal((20, 3))
Y = X @ np.array([1.0, -2.0, 0.5]) + 0.1 * RNG.standard_normal(20)
SCALES = [1e-50, 1e-20, 1e-10, 1e10, 1e20, 1e30, 1e50]


@pytest.mark.parametrize("l1_ratio", [1.0, 0.5, 0.0])
@pytest.mark.parametrize("scale", SCALES)
def test_paths_are_certified_at_any_scale_of_X_or_y(scale, l1_ratio):
    # X * 1e30 used to end a ridge path with a "duality gap" of 2.3: the L2 part
    # of the grid's alphas was below rounding next to X.T X, and the dual divides
    # by it. There the KKT residual certifies the (correct) solution instead.
    for X_s, y_s in [(X * scale, Y), (X, Y * scale), (X * scale, Y * scale)]:
        path = regularization_path(X_s, y_s, l1_ratio=l1_ratio, n_alphas=10)
        assert np.all(path.gaps <= 1e-6)


@pytest.mark.parametrize("scale", SCALES)
def test_lasso_path_coefficients_follow_the_scale_of_X(scale):
    # the lasso problem on c X is the one on X with w / c and alpha * c
    reference = regularization_path(X, Y, n_alphas=10)
    scaled = regularization_path(X * scale, Y, n_alphas=10)
    np.testing.assert_allclose(scaled.alphas, reference.alphas * scale)
    np.testing.assert_allclose(scaled.coefs * scale, reference.coefs, atol=1e-8)


@pytest.mark.parametrize("scale", [1e-15, 1e-50, 1e15, 1e50])
def test_least_squares_is_certified_at_any_scale_of_X(scale):
    # Ridge(0.0) on X * 1e-15 warned with a KKT residual of 0.05: the intercept's
    # residual sum(f'(z)) was divided by the features' gradient scale
    least_squares = np.linalg.lstsq(np.column_stack([X, np.ones(20)]), Y, rcond=None)
    for model in [Ridge(0.0), Lasso(0.0), ElasticNet(0.0)]:
        model.fit(X * scale, Y)
        assert model.certificate_ <= 1e-12
        np.testing.assert_allclose(model.coef_ * scale, least_squares[0][:3], rtol=1e-9)
    assert solve(X * scale, Y, alpha=0.0).certificate <= 1e-12


@pytest.mark.parametrize("scale", [1e80, 1e99, 1e-80, 1e-99])
def test_no_overflow_when_X_and_y_are_both_at_the_ends_of_the_range(scale):
    # the elastic-net conjugate squared X.T theta (~ scale^2) before dividing by
    # alpha (~ scale^2): 1e160^2 overflowed
    X_s, y_s = X * scale, Y * scale
    for model in [Ridge(0.1 * scale**2), Lasso(0.01 * scale**2), ElasticNet(0.01)]:
        assert model.fit(X_s, y_s).certificate_ <= 1e-6
    for l1_ratio in [1.0, 0.5, 0.0]:
        assert np.all(
            regularization_path(X_s, y_s, l1_ratio=l1_ratio, n_alphas=5).gaps <= 1e-6
        )
    cv = cv_path(X_s, y_s, l1_ratio=0.5, n_alphas=5)
    assert np.isfinite(cv.alpha_min)


def test_the_gap_is_used_wherever_rounding_leaves_it_exact():
    # unit-scale data: every alpha of a default path keeps the duality gap
    problem = Problem(X, Y)
    alphas = problem.alpha_max(0.5) * np.logspace(0, -3, 10)
    assert problem.gap_is_exact(alphas, 0.5).all()
    # X * 1e30: the L2 part of those alphas (~1e29) is far below X.T X (~1e60)
    big = Problem(X * 1e30, Y)
    assert not big.gap_is_exact(alphas * 1e30, 0.5).any()
    assert big.gap_is_exact(alphas * 1e30, 1.0).all()  # no L2 part: still exact
