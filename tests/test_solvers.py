"""Solvers: every penalty x solver reaches its certificate; scikit-learn as oracle."""

import warnings

import numpy as np
import pytest
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import ElasticNet as SkElasticNet
from sklearn.linear_model import Lasso as SkLasso
from sklearn.linear_model import Ridge as SkRidge
from sklearn.linear_model import lars_path as sk_lars_path

from reglab.datasets import make_ar1_regression
from reglab.losses import LogisticLoss, SquaredLoss
from reglab.penalties import L0, L1, L1L2, L2
from reglab.problem import Problem
from reglab.solvers import (
    RidgeSVD,
    SolverResult,
    alpha_max,
    coordinate_descent,
    coordinate_descent_sweeps,
    duality_gap,
    kkt_residual,
    lars_path,
    lasso_at_alphas,
    solve,
    subgradient_descent,
    working_set,
)
from reglab.solvers.linalg import (
    pack_lower_rows,
    packed_lower_solve,
    packed_upper_solve,
)
from reglab.solvers.ridge import tridiagonal_coef_path
from reglab.solvers.sign_pattern import SupportBlock, solve_on_sign_pattern


def make_problem(kind, seed=0):
    """Random regression problems, including the awkward ones."""
    rng = np.random.default_rng(seed)
    if kind == "n > p":
        X = rng.normal(size=(60, 15))
    elif kind == "p > n":
        X = rng.normal(size=(25, 70))
    elif kind == "duplicated columns":
        X = rng.normal(size=(40, 12))
        X = np.column_stack([X, X[:, :3]])  # three exact copies
    elif kind == "unscaled":
        X = rng.normal(size=(50, 12)) * np.logspace(-3, 3, 12)
    else:
        raise ValueError(kind)
    truth = np.zeros(X.shape[1])
    truth[:4] = rng.normal(size=4) * 3 / np.std(X[:, :4], axis=0)
    y = X @ truth + rng.normal(size=X.shape[0]) + 2.0
    return X, y


KINDS = ["n > p", "p > n", "duplicated columns", "unscaled"]
PENALTIES = [
    lambda a: L1(a),
    lambda a: L2(a),
    lambda a: L1L2(a, 0.5),
    lambda a: L1L2(a, 0.9),
]


def objective(X, y, coef, intercept, penalty):
    residual = y - X @ coef - intercept
    return residual @ residual / (2 * len(y)) + penalty.value(coef)


def lasso_scale(X, y):
    return alpha_max(X, y)


# ------------------------------------------------------------------ certificates


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "make_penalty", PENALTIES, ids=["L1", "L2", "L1L2-.5", "L1L2-.9"]
)
@pytest.mark.parametrize("fraction", [0.5, 0.1, 0.02])
@pytest.mark.parametrize("seed", [0, 1])
def test_coordinate_descent_reaches_its_duality_gap(kind, make_penalty, fraction, seed):
    X, y = make_problem(kind, seed)
    penalty = make_penalty(fraction * lasso_scale(X, y))
    result = coordinate_descent(X, y, penalty, tol=1e-6, max_iter=5000)
    assert isinstance(result, SolverResult)
    assert result.converged
    assert result.certificate_kind == "duality gap"
    assert result.certificate <= 1e-6
    # the certificate agrees with an independent computation of the gap
    _, primal, relative = duality_gap(
        X, y, result.coef, result.intercept, SquaredLoss(), penalty
    )
    assert relative <= 1e-6
    assert primal == pytest.approx(result.objective, rel=1e-10)
    assert primal == pytest.approx(
        objective(X, y, result.coef, result.intercept, penalty), rel=1e-12
    )


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_ridge_svd_reaches_its_duality_gap(kind, fit_intercept):
    X, y = make_problem(kind)
    ridge = RidgeSVD(X, y, fit_intercept=fit_intercept)
    for alpha in [10.0, 0.1, 1e-4]:
        result = ridge.solve(alpha)
        _, _, relative = duality_gap(
            X,
            y,
            result.coef,
            result.intercept,
            SquaredLoss(),
            L2(alpha),
            fit_intercept=fit_intercept,
        )
        assert result.certificate <= 1e-9 and relative <= 1e-9


@pytest.mark.parametrize("kind", KINDS)
def test_lars_knots_and_interpolation_are_exact(kind):
    X, y = make_problem(kind)
    path = lars_path(X, y)
    top = lasso_scale(X, y)
    assert path.alphas[0] == pytest.approx(top)
    assert np.all(np.diff(path.alphas) <= 0)
    for alpha in [0.7 * top, 0.2 * top, 0.03 * top]:
        coef, intercept = path.coef_at(alpha)
        _, _, relative = duality_gap(X, y, coef, intercept, SquaredLoss(), L1(alpha))
        assert relative <= 1e-9


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("l1_ratio", [1.0, 0.5, 0.0])
def test_every_solver_agrees_on_the_objective(kind, l1_ratio):
    X, y = make_problem(kind, seed=3)
    alpha = 0.1 * lasso_scale(X, y)
    penalty = L1L2(alpha, l1_ratio)
    solvers = (
        ["cd", "fista"]
        + (["svd"] if l1_ratio == 0 else [])
        + (["lars"] if l1_ratio == 1 else [])
    )
    values = {}
    for solver in solvers:
        result = solve(
            X,
            y,
            alpha=alpha,
            l1_ratio=l1_ratio,
            solver=solver,
            tol=1e-10,
            max_iter=100000,
        )
        assert result.certificate <= 1e-10, solver
        values[solver] = objective(X, y, result.coef, result.intercept, penalty)
    reference = values["cd"]
    for solver, value in values.items():
        assert value == pytest.approx(reference, rel=1e-8), solver


def test_l1_logistic_through_solve_reaches_its_gap():
    rng = np.random.default_rng(4)
    X = rng.normal(size=(80, 10))
    y = np.where(X[:, 0] - X[:, 1] + 0.5 * rng.normal(size=80) > 0, 1.0, -1.0)
    top = alpha_max(X, y, loss="logistic")
    result = solve(X, y, alpha=0.2 * top, loss="logistic")
    _, _, relative = duality_gap(
        X, y, result.coef, result.intercept, LogisticLoss(), L1(0.2 * top)
    )
    assert relative <= 1e-6
    assert 0 < np.count_nonzero(result.coef) < 10


# ------------------------------------------------------------------ scikit-learn


TIGHT = {"tol": 1e-14, "max_iter": 1_000_000}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fraction", [0.3, 0.05])
def test_matches_sklearn_lasso(kind, fraction):
    X, y = make_problem(kind, seed=5)
    alpha = fraction * lasso_scale(X, y)
    ours = solve(X, y, alpha=alpha, tol=1e-12)
    theirs = SkLasso(alpha=alpha, **TIGHT).fit(X, y)
    penalty = L1(alpha)
    mine = objective(X, y, ours.coef, ours.intercept, penalty)
    sk = objective(X, y, theirs.coef_, theirs.intercept_, penalty)
    assert mine == pytest.approx(sk, rel=1e-8)
    assert mine <= sk * (1 + 1e-12)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("l1_ratio", [0.2, 0.7])
def test_matches_sklearn_elastic_net(kind, l1_ratio):
    X, y = make_problem(kind, seed=6)
    alpha = 0.05 * lasso_scale(X, y)
    ours = solve(X, y, alpha=alpha, l1_ratio=l1_ratio, tol=1e-12)
    theirs = SkElasticNet(alpha=alpha, l1_ratio=l1_ratio, **TIGHT).fit(X, y)
    penalty = L1L2(alpha, l1_ratio)
    mine = objective(X, y, ours.coef, ours.intercept, penalty)
    sk = objective(X, y, theirs.coef_, theirs.intercept_, penalty)
    assert mine == pytest.approx(sk, rel=1e-8)
    # elastic net is strictly convex: the coefficients themselves agree
    np.testing.assert_allclose(
        ours.coef, theirs.coef_, rtol=1e-5, atol=1e-6 * np.abs(theirs.coef_).max()
    )


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("alpha", [1.0, 1e-3])
def test_ridge_matches_sklearn_with_alpha_times_n(kind, alpha):
    X, y = make_problem(kind, seed=7)
    n = X.shape[0]
    ours = solve(X, y, alpha=alpha, l1_ratio=0.0)
    theirs = SkRidge(alpha=n * alpha, solver="svd").fit(X, y)
    np.testing.assert_allclose(
        ours.coef, theirs.coef_, rtol=1e-8, atol=1e-10 * np.abs(theirs.coef_).max()
    )
    assert ours.intercept == pytest.approx(theirs.intercept_, rel=1e-8, abs=1e-10)


def test_alpha_zero_is_minimum_norm_least_squares_when_p_exceeds_n():
    X, y = make_problem("p > n")
    result = solve(X, y, alpha=0.0)
    Xc, yc = X - X.mean(0), y - y.mean()
    np.testing.assert_allclose(result.coef, np.linalg.pinv(Xc) @ yc, atol=1e-10)
    assert result.certificate_kind == "kkt residual"
    np.testing.assert_allclose(X @ result.coef + result.intercept, y, atol=1e-8)


@pytest.mark.parametrize("kind", ["n > p", "p > n", "unscaled"])
def test_lars_matches_sklearn_lars_path(kind):
    X, y = make_problem(kind, seed=8)
    ours = lars_path(X, y)
    Xc, yc = X - X.mean(0), y - y.mean()
    alphas, _, coefs = sk_lars_path(Xc, yc, method="lasso")
    m = min(len(alphas), len(ours.alphas))
    np.testing.assert_allclose(ours.alphas[:m], alphas[:m], rtol=1e-8, atol=1e-12)
    np.testing.assert_allclose(
        ours.coefs[:m], coefs.T[:m], rtol=1e-6, atol=1e-8 * np.abs(coefs).max()
    )


def test_lars_unpacks_and_evaluates_above_alpha_max():
    X, y = make_problem("n > p")
    alphas, coefs = lars_path(X, y)
    assert coefs.shape == (alphas.size, X.shape[1])
    coef, _ = lars_path(X, y).coef_at(2 * alphas[0])
    assert not coef.any()


# ------------------------------------------------------------------ properties


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("l1_ratio", [1.0, 0.5, 0.01])
def test_alpha_max_zeroes_every_coefficient_and_just_below_does_not(kind, l1_ratio):
    X, y = make_problem(kind, seed=9)
    top = alpha_max(X, y, l1_ratio=l1_ratio)
    assert not solve(X, y, alpha=top, l1_ratio=l1_ratio).coef.any()
    assert not solve(X, y, alpha=3 * top, l1_ratio=l1_ratio).coef.any()
    # just below, the solution is not zero (a tight tol: near alpha_max the gap of
    # w = 0 is already tiny, so a loose tol would accept it)
    assert solve(X, y, alpha=0.99 * top, l1_ratio=l1_ratio, tol=1e-14).coef.any()


def test_alpha_max_of_pure_ridge_uses_glmnet_l1_ratio():
    X, y = make_problem("n > p")
    assert alpha_max(X, y, l1_ratio=0.0) == pytest.approx(alpha_max(X, y) / 1e-3)


def test_alpha_max_logistic_zeroes_every_coefficient():
    rng = np.random.default_rng(10)
    X = rng.normal(size=(60, 5))
    y = np.where(X[:, 0] + rng.normal(size=60) > 0.5, 1.0, -1.0)
    top = alpha_max(X, y, loss="logistic")
    # FISTA starts at b = 0, where the intercept is not yet optimal, so early
    # iterates leave zero; a loose tol can stop before they return. Tight tol, and a
    # hair above alpha_max so that rounding in the intercept cannot matter:
    result = solve(X, y, alpha=top * (1 + 1e-6), loss="logistic", tol=1e-12)
    assert not result.coef.any()
    assert solve(X, y, alpha=0.9 * top, loss="logistic").coef.any()


def test_warm_start_needs_fewer_sweeps():
    X, y = make_problem("n > p", seed=11)
    top = lasso_scale(X, y)
    cold = coordinate_descent(X, y, L1L2(0.05 * top, 0.5), tol=1e-10)
    near = coordinate_descent(X, y, L1L2(0.051 * top, 0.5), tol=1e-10)
    warm = coordinate_descent(
        X, y, L1L2(0.05 * top, 0.5), coef_init=near.coef, tol=1e-10
    )
    assert warm.n_iter <= cold.n_iter
    assert warm.objective == pytest.approx(cold.objective, rel=1e-10)


def test_convergence_warning_names_the_gap_and_the_fix():
    X, y = make_problem("p > n", seed=12)
    with pytest.warns(ConvergenceWarning, match="increase max_iter or loosen tol"):
        result = coordinate_descent(X, y, L1L2(1e-4, 0.5), max_iter=1, tol=1e-12)
    assert not result.converged
    assert result.certificate > 1e-12


def test_sweeps_generator_decreases_the_objective_to_the_solution():
    X, y = make_problem("n > p", seed=13)
    penalty = L1(0.1 * lasso_scale(X, y))
    steps = list(coordinate_descent_sweeps(X, y, penalty, n_sweeps=200))
    values = [step.objective for step in steps]
    assert np.all(np.diff(values) <= 1e-12)
    assert steps[-1].sweep == 200 and steps[-1].coordinate is None
    best = coordinate_descent(X, y, penalty, tol=1e-12)
    assert values[-1] == pytest.approx(best.objective, rel=1e-8)
    one_sweep = list(
        coordinate_descent_sweeps(X, y, penalty, n_sweeps=1, per_coordinate=True)
    )
    assert [s.coordinate for s in one_sweep] == list(range(X.shape[1]))
    np.testing.assert_allclose(one_sweep[-1].coef, steps[0].coef)


def test_subgradient_descent_never_lands_on_exact_zeros():
    X, y = make_problem("n > p", seed=14)
    penalty = L1(0.2 * lasso_scale(X, y))
    with pytest.warns(ConvergenceWarning, match="kkt residual"):
        result = subgradient_descent(X, y, penalty, n_iter=500, history=True)
    exact = coordinate_descent(X, y, penalty, tol=1e-10)
    assert np.count_nonzero(exact.coef) < X.shape[1]  # the lasso has exact zeros
    assert np.count_nonzero(result.coef) == X.shape[1]  # subgradient descent does not
    assert result.history["n_zeros"].max() == 0
    assert result.history["coef"].shape == (500, X.shape[1])
    # it does get close in objective, just slowly
    assert result.objective <= 1.05 * exact.objective
    assert (
        kkt_residual(X, y, exact.coef, exact.intercept, SquaredLoss(), penalty) < 1e-6
    )


def test_subgradient_descent_on_smooth_ridge_converges():
    X, y = make_problem("n > p", seed=15)
    result = subgradient_descent(X, y, L2(1.0), n_iter=20000, tol=1e-5)
    assert result.converged


def test_ridge_svd_path_and_effective_df():
    X, y = make_problem("p > n")
    ridge = RidgeSVD(X, y)
    alphas = np.array([5.0, 0.5, 0.0])
    path = ridge.coef_path(alphas)
    for row, alpha in zip(path, alphas, strict=True):
        np.testing.assert_allclose(row, ridge.solve(alpha).coef, atol=1e-12)
    n = X.shape[0]
    assert ridge.effective_df(0.0) == pytest.approx(n - 1)  # rank of the centred X
    assert ridge.effective_df(1e8) == pytest.approx(0.0, abs=1e-6)
    dfs = ridge.effective_df(alphas)
    assert np.all(np.diff(dfs) > 0)


@pytest.mark.parametrize("kind", ["n > p", "unscaled", "duplicated columns"])
def test_tridiagonal_ridge_path_is_the_svd_closed_form(kind):
    X, y = make_problem(kind, seed=21)
    problem = Problem(X, y)
    alphas = np.logspace(1, -4, 30) * np.sum(problem.column_sq_norms)
    coefs = tridiagonal_coef_path(problem, alphas)
    # (X^T X / n + alpha I) w = X^T y / n, through an SVD of the centred X
    U, s, Vt = np.linalg.svd(problem.X, full_matrices=False)
    n = X.shape[0]
    expected = (s / (s**2 + n * alphas[:, None]) * (U.T @ problem.y)) @ Vt
    np.testing.assert_allclose(
        coefs, expected, rtol=1e-9, atol=1e-12 * abs(expected).max()
    )
    ridge = RidgeSVD.from_problem(problem)
    np.testing.assert_allclose(
        ridge.coef_path(alphas), expected, rtol=1e-9, atol=1e-12 * abs(expected).max()
    )
    gaps, _ = problem.certificates(coefs, 0.0, alphas, 0.0)
    assert gaps.max() <= 1e-12


def test_packed_cholesky_factor_grows_by_appending_rows():
    rng = np.random.default_rng(22)
    A = rng.normal(size=(30, 8))
    G = A.T @ A
    L = np.linalg.cholesky(G)
    rhs = rng.normal(size=8)
    packed = np.zeros(8 * 9 // 2 + 9)  # room to spare, as ActiveSet keeps
    for k in range(1, 9):
        # append row k - 1 of L: a factor of G[:k, :k] in the first k (k + 1) / 2
        packed[(k - 1) * k // 2 : k * (k + 1) // 2] = L[k - 1, :k]
        np.testing.assert_allclose(
            packed_lower_solve(packed, k, rhs[:k].copy()),
            np.linalg.solve(L[:k, :k], rhs[:k]),
            rtol=1e-10,
        )
        np.testing.assert_allclose(
            packed_upper_solve(packed, k, rhs[:k].copy()),
            np.linalg.solve(L[:k, :k].T, rhs[:k]),
            rtol=1e-10,
        )
        # the two halves of L L.T x = rhs
        between = packed_lower_solve(packed, k, rhs[:k].copy())
        np.testing.assert_allclose(
            packed_upper_solve(packed, k, between),
            np.linalg.solve(G[:k, :k], rhs[:k]),
            rtol=1e-10,
        )
    np.testing.assert_array_equal(pack_lower_rows(L), packed[: 8 * 9 // 2])
    # rows 5..7 alone land where the whole factor's rows 5..7 are
    np.testing.assert_array_equal(
        pack_lower_rows(L[5:8, :8], 5), packed[5 * 6 // 2 : 8 * 9 // 2]
    )


def test_tridiagonal_ridge_path_leaves_wide_and_tiny_alphas_to_the_svd():
    X, y = make_problem("p > n")
    assert tridiagonal_coef_path(Problem(X, y), np.array([1.0, 0.1])) is None
    X, y = make_problem("n > p")
    problem = Problem(X, y)
    assert tridiagonal_coef_path(problem, np.array([1.0, 0.0])) is None
    ridge = RidgeSVD.from_problem(problem)
    path = ridge.coef_path([1.0, 0.0])  # alpha = 0: least squares, by the SVD
    np.testing.assert_allclose(path[1], np.linalg.lstsq(problem.X, problem.y)[0])


# ------------------------------------------------------------------ bad input


def test_solve_rejects_bad_input():
    X, y = make_problem("n > p")
    with pytest.raises(ValueError, match="`X` contains NaN"):
        solve(np.where(X > 2, np.nan, X), y, alpha=1.0)
    with pytest.raises(ValueError, match="`y` contains inf"):
        solve(X, np.where(y > 3, np.inf, y), alpha=1.0)
    with pytest.raises(ValueError, match="same number of samples"):
        solve(X, y[:-1], alpha=1.0)
    with pytest.raises(ValueError, match="`X` must be a 2-D array"):
        solve(X[:, 0], y, alpha=1.0)
    with pytest.raises(ValueError, match="`X` is empty"):
        solve(np.empty((0, 3)), np.empty(0), alpha=1.0)
    with pytest.raises(ValueError, match="`alpha` must be >= 0"):
        solve(X, y, alpha=-1.0)
    with pytest.raises(ValueError, match=r"`l1_ratio` must be in \[0, 1\]"):
        solve(X, y, alpha=1.0, l1_ratio=1.5)
    with pytest.raises(
        TypeError, match=r"`X` must be an array of numbers\. Got a string"
    ):
        solve("X", y, alpha=1.0)
    with pytest.raises(TypeError, match="`X` must contain only numbers"):
        solve(np.full(X.shape, "a"), y, alpha=1.0)
    with pytest.raises(ValueError, match="`loss` must be one of"):
        solve(X, y, alpha=1.0, loss="hinge")
    with pytest.raises(ValueError, match="`solver` must be one of"):
        solve(X, y, alpha=1.0, solver="newton")
    with pytest.raises(
        ValueError,
        match=r"solver='svd' cannot minimize SquaredLoss.*L1 has no closed form",
    ):
        solve(X, y, alpha=1.0, solver="svd")
    with pytest.raises(
        ValueError,
        match=r"solver='lars' cannot minimize .*needs l1_ratio=1; use solver='cd'",
    ):
        solve(X, y, alpha=1.0, l1_ratio=0.5, solver="lars")
    with pytest.raises(
        ValueError,
        match=r"solver='cd' cannot minimize LogisticLoss.*only the squared loss",
    ):
        solve(X, np.sign(y - y.mean()), alpha=1.0, loss="logistic", solver="cd")
    with pytest.raises(ValueError, match="`y` must contain only -1 and \\+1"):
        solve(X, y, alpha=1.0, loss="logistic")
    with pytest.raises(ValueError, match="`tol` must be > 0"):
        solve(X, y, alpha=1.0, tol=0)
    with pytest.raises(ValueError, match="`max_iter` must be >= 1"):
        solve(X, y, alpha=1.0, max_iter=0)


def test_alpha_max_rejects_bad_input():
    X, y = make_problem("n > p")
    with pytest.raises(ValueError, match=r"`l1_ratio` must be in \[0, 1\]"):
        alpha_max(X, y, l1_ratio=-0.1)
    with pytest.raises(ValueError, match="`y` must contain only -1 and \\+1"):
        alpha_max(X, np.ones_like(y) * 3, loss="logistic")
    with pytest.raises(ValueError, match="same number of samples"):
        alpha_max(X[:-2], y)


def test_solvers_reject_what_they_cannot_solve():
    X, y = make_problem("n > p")
    with pytest.raises(ValueError, match="L0 is not convex, and coordinate descent"):
        coordinate_descent(X, y, L0(1.0))
    with pytest.raises(TypeError, match=r"`penalty` must be a reglab\.penalties"):
        coordinate_descent(X, y, 0.5)
    with pytest.raises(ValueError, match="`coef_init` must have one entry per feature"):
        coordinate_descent(X, y, L1(0.1), coef_init=np.zeros(3))
    with pytest.raises(ValueError, match="`alpha` must be >= 0"):
        RidgeSVD(X, y).solve(-0.5)
    with pytest.raises(ValueError, match="`alphas` must be finite and >= 0"):
        RidgeSVD(X, y).coef_path([1.0, -1.0])
    with pytest.raises(ValueError, match=r"`alpha` must be >= .*where this path ends"):
        lars_path(X, y, alpha_min=0.5).coef_at(0.1)
    with pytest.raises(ValueError, match="`alpha_min` must be >= 0"):
        lars_path(X, y, alpha_min=-1)
    with pytest.raises(TypeError, match="`loss` must be SquaredLoss"):
        subgradient_descent(X, y, L1(0.1), loss="squared")
    with pytest.raises(ValueError, match="`n_iter` must be >= 1"):
        subgradient_descent(X, y, L1(0.1), n_iter=0)
    with pytest.raises(ValueError, match="`n_sweeps` must be >= 1"):
        next(coordinate_descent_sweeps(X, y, L1(0.1), n_sweeps=0))


def test_sklearn_reference_itself_converged():
    """Guard for the comparisons above: sklearn at TIGHT settings does not warn."""
    X, y = make_problem("n > p", seed=5)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        SkLasso(alpha=0.05 * lasso_scale(X, y), **TIGHT).fit(X, y)


@pytest.mark.parametrize("alpha", [0.0, 1e-6, 1e-2])
def test_ridge_on_ill_conditioned_polynomial_features(alpha):
    """Condition number ~1e9: the closed form must not lose the small directions."""
    x = np.linspace(-1, 1, 30)
    X = np.vander(x, 10, increasing=True)[:, 1:]
    y = np.sin(3 * x) + 0.1 * np.random.default_rng(16).normal(size=30)
    result = solve(X, y, alpha=alpha, l1_ratio=0.0)
    Xc, yc = X - X.mean(0), y - y.mean()
    n = X.shape[0]
    # (X^T X / n + alpha I) w = X^T y / n, solved through the SVD independently
    U, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    expected = Vt.T @ (s / (s**2 + n * alpha) * (U.T @ yc))
    np.testing.assert_allclose(result.coef, expected, rtol=1e-6, atol=1e-8)


def test_working_set_takes_the_worst_violators_at_most_as_many_as_the_support():
    # at w = 0 with p >> n nearly every coordinate violates; sweeping all of them
    # made a single ElasticNet fit at (20, 5000) take 137 sweeps of 5000 coordinates
    q = np.linspace(-1.0, 1.0, 101)
    w = np.zeros(101)
    movable = np.ones(101, dtype=bool)
    chosen = working_set(w, q, L1L2(0.2, 0.5), None, movable)  # l1 = 0.1
    np.testing.assert_array_equal(chosen, [*range(5), *range(96, 101)])
    w[[40, 50, 60]] = 1.0  # a support of 3: still at least 10 violators join
    chosen = working_set(w, q, L1L2(0.2, 0.5), None, movable)
    assert {40, 50, 60} <= set(chosen) and len(chosen) == 13


@pytest.mark.parametrize("l2", [0.0, 0.05])
def test_support_block_matches_the_copied_block(l2):
    # SupportBlock stands for (G_SS + l2 I) / unit without copying G_SS: its products
    # and its rows must be those of the copy
    rng = np.random.default_rng(3)
    problem = Problem(rng.normal(size=(300, 60)), rng.normal(size=300))
    support = np.sort(rng.choice(60, size=50, replace=False))
    unit = 2.5
    dense = problem.gram[np.ix_(support, support)] + l2 * np.eye(50)
    dense /= unit
    block = SupportBlock(problem.gram, support, l2, unit)
    v = rng.normal(size=50)
    np.testing.assert_allclose(block @ v, dense @ v, rtol=1e-12, atol=1e-12)
    rows = np.array([0, 7, 49])
    np.testing.assert_array_equal(block[rows], dense[rows])
    np.testing.assert_array_equal(block[rows][:, rows], dense[np.ix_(rows, rows)])


@pytest.mark.parametrize("l1_ratio", [1.0, 0.5])
def test_sign_pattern_solve_on_a_large_support_through_all_of_gram(l1_ratio):
    # a support of at least 200 features and 80% of p is solved through SupportBlock;
    # the result must be the minimizer on the pattern, as with the copied block
    X, y, _ = make_ar1_regression(600, 240, n_nonzero=240, snr=10.0, random_state=1)
    problem = Problem(X, y, fit_intercept=False)
    penalty = L1L2(1e-4, l1_ratio)
    exact = coordinate_descent(X, y, penalty, fit_intercept=False, tol=1e-12).coef
    support = np.flatnonzero(exact)
    assert support.size >= 200
    signs = np.sign(exact[support])
    system = problem.gram[np.ix_(support, support)]
    system += penalty.l2_strength * np.eye(support.size)
    rhs = problem.Xty[support] - penalty.l1_strength * signs
    solved = solve_on_sign_pattern(
        problem, support, signs, penalty, np.zeros(support.size), use_gram=True
    )
    # CG from zero stops at a residual of 1e-8 of the right-hand side
    residual = np.linalg.norm(system @ solved - rhs)
    assert residual <= 1e-7 * np.linalg.norm(rhs)
    np.testing.assert_allclose(solved, np.linalg.solve(system, rhs), atol=1e-6)
    # a wrong sign on the pattern, from a start on its orthant (that coefficient at
    # zero): the walk drops it and solves again on the rows of the block, never
    # ending worse than where it started
    wrong = signs.copy()
    wrong[0] = -wrong[0]
    start = exact[support].copy()
    start[0] = 0.0
    walked = solve_on_sign_pattern(
        problem, support, wrong, penalty, start, use_gram=True
    )
    before = problem.objective(_placed(start, support, problem.p), 0.0, penalty)
    after = problem.objective(_placed(walked, support, problem.p), 0.0, penalty)
    assert after <= before + 1e-12 * abs(before)


def _placed(values, support, p):
    w = np.zeros(p)
    w[support] = values
    return w


@pytest.mark.parametrize("shape", [(120, 40), (40, 120)])
def test_lars_drop_steps_match_sklearn(shape):
    # strongly correlated columns: coefficients cross zero and leave the active set
    # (first, middle and last rows of the factor), which is then refactored from the
    # dropped row on; with the Gram matrix (n >= p) and without (p > n)
    X, y, _ = make_ar1_regression(*shape, rho=0.9, n_nonzero=8, snr=2.0, random_state=0)
    ours = lars_path(X, y)
    # a drop: a coefficient nonzero at one knot is exactly zero at the next
    dropped = (ours.coefs[:-1] != 0) & (ours.coefs[1:] == 0)
    assert dropped.sum() >= 3
    Xc, yc = X - X.mean(0), y - y.mean()
    alphas, _, coefs = sk_lars_path(Xc, yc, method="lasso")
    m = min(len(alphas), len(ours.alphas))
    assert m >= 0.9 * len(alphas)
    np.testing.assert_allclose(ours.alphas[:m], alphas[:m], rtol=1e-7, atol=1e-12)
    np.testing.assert_allclose(
        ours.coefs[:m], coefs.T[:m], rtol=1e-6, atol=1e-7 * np.abs(coefs).max()
    )


@pytest.mark.parametrize("shape", [(120, 40), (40, 120)])
def test_lasso_at_alphas_finds_the_homotopys_points(shape):
    # strongly correlated columns, so that the active set also loses features
    # between grid points; with the Gram matrix (n >= p) and without (p > n)
    X, y, _ = make_ar1_regression(*shape, rho=0.9, n_nonzero=8, snr=2.0, random_state=0)
    problem = Problem(X, y)
    alphas = problem.alpha_max() * np.logspace(0, -2, 30)
    found = lasso_at_alphas(problem, alphas)
    assert found is not None
    coefs, n_solves = found
    exact = lars_path(X, y, alpha_min=alphas[-1]).coefs_at(alphas)[0]
    np.testing.assert_allclose(coefs, exact, atol=1e-10 * np.abs(exact).max())
    gaps, _ = problem.certificates(coefs, 0.0, alphas, 1.0)
    assert gaps.max() <= 1e-10
    assert np.all(n_solves >= 1)


def test_lasso_at_alphas_declines_when_the_active_set_is_at_the_rank():
    # p > n with an intercept: the centred X has rank n - 1, and down the grid the
    # active set reaches it; a violating column then depends on the active ones and
    # only the homotopy's drop steps trade features: None, and the path runs LARS
    rng = np.random.default_rng(5)
    X = rng.normal(size=(30, 90))
    y = X[:, :4] @ rng.normal(size=4) * 3 + rng.normal(size=30)
    problem = Problem(X, y)
    alphas = problem.alpha_max() * np.logspace(0, -3, 25)
    assert lasso_at_alphas(problem, alphas) is None
