"""Penalties beyond the elastic net (notebook 11): WeightedL1, GroupL1, MCP.

Each passes the penalty x solver optimality grid of tests/test_problem.py (shared
through tests/optimality.py) and is compared with an independent implementation:
weighted L1 with scikit-learn by column rescaling and with statsmodels'
``fit_regularized`` (a per-coefficient alpha); the group lasso by its KKT conditions
written out here, a small reference solve (scipy's SLSQP on the epigraph form) and
skglm; MCP with skglm.
"""

import numpy as np
import pytest
from optimality import assert_same_certified_optimum, grid_problem
from scipy.optimize import minimize
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import Lasso as SklearnLasso

from reglab.cv import cv_path
from reglab.estimators import ElasticNet, Lasso
from reglab.paths import regularization_path
from reglab.penalties import (
    L1,
    L1L2,
    MCP,
    SCAD,
    GroupL1,
    WeightedL1,
    WeightedL1L2,
    block_soft_threshold,
    firm_threshold,
    soft_threshold,
)
from reglab.problem import Problem
from reglab.solvers import alpha_max, fista, solve, subgradient_descent
from reglab.solvers.compatibility import check_compatible
from reglab.solvers.dispatch import resolve_solver, run

RNG = np.random.default_rng(11)
W = np.array([1.5, -0.2, 0.0, 0.7, -3.0, 0.05])
GROUPS = np.array([0, 0, 1, 1, 1, 2])


def weighted(alpha):
    return WeightedL1(alpha, [1.0, 0.5, 2.0, 1.0, 0.25, 3.0])


# ------------------------------------------------------------------ values and proxes


def test_values_by_hand():
    v = np.array([1.0, 0.5, 2.0, 1.0, 0.25, 3.0])
    assert weighted(0.3).value(W) == pytest.approx(0.3 * np.abs(W) @ v)
    norms = [np.hypot(1.5, -0.2), np.linalg.norm([0.0, 0.7, -3.0]), 0.05]
    sizes = np.sqrt([2.0, 3.0, 1.0])
    assert GroupL1(0.3, GROUPS).value(W) == pytest.approx(0.3 * sizes @ norms)
    # MCP: alpha |x| - x^2 / (2 gamma) up to gamma alpha, then gamma alpha^2 / 2
    mcp = MCP(0.5, gamma=3.0)
    inner = [0.5 * a - a * a / 6 for a in (0.2, 0.0, 0.7, 0.05)]
    assert mcp.value(W) == pytest.approx(sum(inner) + 2 * 3.0 * 0.25 / 2)
    # SCAD: alpha |x| up to alpha, the quadratic piece, then alpha^2 (gamma + 1) / 2
    scad = SCAD(0.5, gamma=3.7)
    middle = sum((2 * 3.7 * 0.5 * a - a * a - 0.25) / (2 * 2.7) for a in (0.7, 1.5))
    lasso_part = 0.5 * (0.2 + 0.05)
    assert scad.value(W) == pytest.approx(lasso_part + middle + 0.25 * 4.7 / 2)


def test_special_cases_are_the_lasso():
    ones = WeightedL1(0.4, np.ones(6))
    singletons = GroupL1(0.4, np.arange(6), weights=np.ones(6))
    for penalty in (ones, singletons):
        assert penalty.value(W) == pytest.approx(L1(0.4).value(W))
        np.testing.assert_allclose(penalty.prox(W, 0.7), L1(0.4).prox(W, 0.7))
        assert penalty.alpha_max(W) == pytest.approx(L1(0.4).alpha_max(W))
    # gamma -> inf: the MCP's prox tends to soft thresholding
    np.testing.assert_allclose(
        MCP(0.4, gamma=1e9).prox(W, 0.7), soft_threshold(W, 0.28), atol=1e-8
    )


def test_weighted_prox_is_soft_thresholding_per_coordinate():
    penalty = weighted(0.4)
    expected = [
        soft_threshold(w, 0.7 * 0.4 * v)
        for w, v in zip(W, penalty.weights, strict=True)
    ]
    np.testing.assert_allclose(penalty.prox(W, 0.7), expected)
    unpenalized = WeightedL1(0.4, [0.0, 1, 1, 1, 1, 1])
    assert unpenalized.prox(W, 10.0)[0] == W[0]


def test_group_prox_is_block_soft_thresholding_group_by_group():
    penalty = GroupL1(0.4, GROUPS)
    prox = penalty.prox(W, 0.7)
    for label, weight in zip(penalty.group_labels, penalty.weights, strict=True):
        members = GROUPS == label
        np.testing.assert_allclose(
            prox[members], block_soft_threshold(W[members], 0.7 * 0.4 * weight)
        )
    # whole groups in or out: the first group has norm 1.51 < 0.7 * 0.4 * ... * 10
    assert np.all(GroupL1(3.0, GROUPS).prox(W, 0.7)[:2] == 0)
    np.testing.assert_allclose(block_soft_threshold([3.0, 4.0], 2.5), [1.5, 2.0])
    np.testing.assert_array_equal(block_soft_threshold([3.0, 4.0], 5.0), [0.0, 0.0])


@pytest.mark.parametrize(
    "penalty",
    [
        weighted(0.4),
        GroupL1(0.4, GROUPS),
        MCP(0.4, 3.0),
        MCP(0.4, 1.5),
        SCAD(0.4, 3.7),
        SCAD(0.4, 2.5),
    ],
    ids=repr,
)
@pytest.mark.parametrize("step", [0.5, 2.0, 5.0])
def test_prox_is_the_argmin(penalty, step):
    # argmin_z ||z - w||^2 / (2 step) + P(z): no point nearby does better
    prox = penalty.prox(W, step)

    def objective(z):
        return (z - W) @ (z - W) / (2 * step) + penalty.value(z)

    best = objective(prox)
    for _ in range(300):
        trial = prox + RNG.normal(scale=RNG.choice([1e-3, 1e-1, 1.0]), size=W.size)
        assert objective(trial) >= best - 1e-12
    for z in (np.zeros(6), W):
        assert objective(z) >= best - 1e-12


@pytest.mark.parametrize("gamma", [3.0, 1.2])
@pytest.mark.parametrize("curvature", [2.0, 0.5])
def test_mcp_prox_1d_matches_its_prox(gamma, curvature):
    penalty = MCP(0.3, gamma)
    for z in [-2.0, -0.5, -0.2, 0.0, 0.25, 0.6, 1.5]:
        # argmin_x c x^2 / 2 - z x + P(x) = prox_{P / c}(z / c)
        expected = penalty.prox(np.array([z / curvature]), 1 / curvature)[0]
        assert penalty.prox_1d(z, curvature) == pytest.approx(expected)
        assert isinstance(penalty.prox_1d(z, curvature), float)


@pytest.mark.parametrize("curvature", [2.0, 0.2])
def test_scad_prox_is_fan_and_lis_rule_and_its_prox_1d(curvature):
    penalty = SCAD(0.3, 3.7)
    z = np.linspace(-2, 2, 41)
    # Fan and Li's thresholding at unit step (step < gamma - 1)
    a = np.abs(z)
    rule = np.where(
        a <= 2 * 0.3,
        soft_threshold(z, 0.3),
        np.where(a <= 3.7 * 0.3, (2.7 * z - np.sign(z) * 3.7 * 0.3) / 1.7, z),
    )
    np.testing.assert_allclose(penalty.prox(z, 1.0), rule, atol=1e-12)
    for value in z[::5]:
        expected = penalty.prox(np.array([value / curvature]), 1 / curvature)[0]
        assert penalty.prox_1d(value, curvature) == pytest.approx(expected)


def test_firm_thresholding_sits_between_soft_and_hard():
    z = np.array([-2.0, -0.9, -0.3, 0.0, 0.4, 1.0, 2.0])
    firm = firm_threshold(z, 0.5, 3.0)
    np.testing.assert_array_equal(firm[np.abs(z) <= 0.5], 0.0)
    np.testing.assert_array_equal(firm[np.abs(z) > 1.5], z[np.abs(z) > 1.5])
    assert np.all(np.abs(soft_threshold(z, 0.5)) <= np.abs(firm))
    assert np.all(np.abs(firm) <= np.abs(z))


# ------------------------------------------------------- subdifferentials and duals


@pytest.mark.parametrize(
    "penalty", [weighted(0.4), GroupL1(0.4, GROUPS), MCP(0.4), SCAD(0.4)], ids=repr
)
def test_prox_point_satisfies_the_optimality_condition(penalty):
    # z = prox_{step P}(w) iff (w - z) / step is in dP(z): distance 0
    step = 0.7
    z = penalty.prox(W, step)
    distance = penalty.subdiff_distance(z, -(W - z) / step)
    np.testing.assert_allclose(distance, 0.0, atol=1e-12)
    # and a point that is not the prox has a positive distance
    assert penalty.subdiff_distance(z + 0.1, -(W - z) / step).max() > 1e-3


@pytest.mark.parametrize("penalty", [weighted(0.4), GroupL1(0.4, GROUPS)], ids=repr)
def test_conjugate_and_dual_scaling(penalty):
    for _ in range(50):
        u = RNG.standard_normal(6) * 3
        scaled = penalty.dual_scaling(u) * u
        assert 0 < penalty.dual_scaling(u) <= 1
        assert penalty.conjugate(scaled) == 0.0
        # Fenchel-Young: P(w) + P*(u) >= u.w for every w
        w = RNG.standard_normal(6)
        assert penalty.value(w) + penalty.conjugate(scaled) >= scaled @ w - 1e-12
    assert penalty.conjugate(10 * penalty.alpha * np.ones(6)) == np.inf


def test_alpha_max_sets_every_coefficient_to_zero():
    rng = np.random.default_rng(3)
    X = rng.standard_normal((30, 6))
    y = X @ [1.0, -2.0, 0, 0, 0.5, 0] + 0.1 * rng.standard_normal(30)
    problem = Problem(X, y)
    for penalty in (weighted(1.0), GroupL1(1.0, GROUPS), MCP(1.0), SCAD(1.0)):
        top = penalty.alpha_max(problem.gradient_at_zero)
        at_top = fista(X, y, problem.loss, penalty.with_alpha(top), tol=1e-10)
        below = fista(X, y, problem.loss, penalty.with_alpha(0.9 * top), tol=1e-10)
        assert np.all(at_top.coef == 0) and np.any(below.coef != 0), penalty


def test_has_dual_only_with_every_weight_positive():
    assert weighted(1.0).has_dual and GroupL1(1.0, GROUPS).has_dual
    assert not WeightedL1(1.0, [0.0, 1, 1, 1, 1, 1]).has_dual
    assert not GroupL1(1.0, GROUPS, weights=[0.0, 1.0, 1.0]).has_dual
    assert not MCP(1.0).has_dual and not SCAD(1.0).has_dual
    np.testing.assert_array_equal(
        GroupL1(1.0, GROUPS, weights=[0.0, 1.0, 1.0]).unpenalized, [0, 1]
    )


def test_equality_repr_and_with_alpha():
    assert weighted(0.4) == weighted(0.4) and weighted(0.4) != weighted(0.5)
    assert hash(weighted(0.4)) == hash(weighted(0.4))
    assert GroupL1(0.4, GROUPS) == GroupL1(0.4, list(GROUPS))
    assert GroupL1(0.4, GROUPS) != GroupL1(0.4, [0, 0, 1, 1, 2, 2])
    assert MCP(0.4) == MCP(0.4) and MCP(0.4) != MCP(0.4, gamma=2.0)
    assert weighted(0.4).with_alpha(2.0) == weighted(2.0)
    assert repr(MCP(0.4)) == "MCP(alpha=0.4, gamma=3.0)"
    assert "weights=[1.0, 0.5" in repr(weighted(0.4))


@pytest.mark.parametrize(
    ("make", "error", "match"),
    [
        (lambda: WeightedL1(0.1, [1.0, -1.0]), ValueError, "`weights` must be >= 0"),
        (lambda: WeightedL1(0.1, [1.0, np.inf]), ValueError, "`weights` contains inf"),
        (lambda: WeightedL1(-0.1, [1.0]), ValueError, "`alpha` must be >= 0"),
        (lambda: GroupL1(0.1, [0.5, 1.0]), TypeError, "`groups` must hold integer"),
        (lambda: GroupL1(0.1, [[0, 1]]), ValueError, "`groups` must be a non-empty"),
        (
            lambda: GroupL1(0.1, [0, 1], weights=[1.0]),
            ValueError,
            "one entry per group",
        ),
        (lambda: MCP(0.1, gamma=1.0), ValueError, "`gamma` must be > 1"),
        (lambda: SCAD(0.1, gamma=2.0), ValueError, "`gamma` must be > 2"),
        (lambda: weighted(0.1).value(np.ones(3)), ValueError, "one weight per feature"),
        (lambda: firm_threshold([1.0], -1, 3.0), ValueError, "`threshold` must be"),
    ],
)
def test_bad_input_is_refused_by_name(make, error, match):
    with pytest.raises(error, match=match):
        make()


# ------------------------------------------------------- every solver, one optimum


CONVEX_SOLVERS = {
    "squared": ["fista", "prox_newton"],
    "logistic": ["fista", "prox_newton"],
}


def beyond_penalties(p):
    """The new convex penalties on p features, at unit strength."""
    weights = np.linspace(0.5, 2.0, p)
    labels = np.arange(p) // 3
    return {
        "WeightedL1": WeightedL1(1.0, weights),
        "WeightedL1 with unpenalized": WeightedL1(
            1.0, np.where(weights < 1, 0, weights)
        ),
        "WeightedL1L2": WeightedL1L2(1.0, weights, l1_ratio=0.5),
        "GroupL1": GroupL1(1.0, labels),
    }


@pytest.mark.parametrize("loss", ["squared", "logistic"])
@pytest.mark.parametrize("name", list(beyond_penalties(8)))
@pytest.mark.parametrize("shape", [(40, 8), (15, 40)])
def test_every_solver_reaches_the_same_certified_optimum(loss, name, shape):
    problem = grid_problem(loss, shape)
    penalty = beyond_penalties(shape[1])[name]
    penalty = penalty.with_alpha(0.05 * penalty.alpha_max(problem.gradient_at_zero))
    # a KKT residual closes more slowly than a gap (FISTA without a dual point)
    tol = 1e-9 if penalty.has_dual else 1e-6
    w = assert_same_certified_optimum(problem, penalty, CONVEX_SOLVERS[loss], tol=tol)
    assert np.count_nonzero(w) > 0
    auto = "fista" if loss == "squared" else "prox_newton"
    assert resolve_solver("auto", problem, penalty) == auto


@pytest.mark.parametrize("loss", ["squared", "logistic"])
@pytest.mark.parametrize("kind", [MCP, SCAD])
def test_mcp_and_scad_are_certified_by_their_kkt_residual(loss, kind):
    problem = grid_problem(loss, (40, 8))
    if loss == "logistic":
        # MCP is bounded, so on separable labels (these are) nothing stops |w| from
        # growing: a logistic MCP fit needs labels that overlap
        rng = np.random.default_rng(5)
        X = rng.standard_normal((200, 6))
        labels = X[:, 0] - X[:, 1] + 1.5 * rng.standard_normal(200) > 0
        problem = Problem(X, np.where(labels, 1.0, -1.0), loss)
    penalty = kind(0.05 * kind(1.0).alpha_max(problem.gradient_at_zero))
    assert not problem.has_gap(penalty)
    assert_same_certified_optimum(problem, penalty, ["fista"], tol=1e-6)
    assert resolve_solver("auto", problem, penalty) == "fista"


@pytest.mark.parametrize(
    "penalty", [weighted(0.1), GroupL1(0.1, GROUPS), MCP(0.1), SCAD(0.1)], ids=repr
)
@pytest.mark.parametrize("solver", ["cd", "lars", "svd"])
def test_elastic_net_solvers_refuse_them_in_one_sentence(penalty, solver):
    problem = grid_problem("squared", (40, 6))
    with pytest.raises(ValueError, match=f"solver='{solver}' cannot minimize"):
        check_compatible(solver, problem.loss, penalty)


def test_prox_newton_refuses_mcp():
    problem = grid_problem("logistic", (40, 6))
    with pytest.raises(ValueError, match=r"MCP.* is not convex, and proximal Newton"):
        check_compatible("prox_newton", problem.loss, MCP(0.1))


# ---------------------------------------------------------------------- oracles


def oracle_data(seed=0, n=60, p=8):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p))
    w = np.zeros(p)
    w[:3] = [2.0, -1.5, 1.0]
    return X, X @ w + 0.5 * rng.standard_normal(n) + 3.0


def test_weighted_l1_is_the_lasso_on_rescaled_columns():
    # sum_j v_j |w_j| with u_j = v_j w_j is ||u||_1 on the columns x_j / v_j
    X, y = oracle_data()
    weights = np.array([0.5, 1.0, 2.0, 0.3, 1.0, 4.0, 1.5, 0.8])
    alpha = 0.1
    ours = solve_weighted(X, y, WeightedL1(alpha, weights))
    sk = SklearnLasso(alpha=alpha, tol=1e-14, max_iter=100_000).fit(X / weights, y)
    assert np.max(np.abs(ours.coef - sk.coef_ / weights)) < 1e-8
    assert ours.intercept == pytest.approx(sk.intercept_, abs=1e-8)


def solve_weighted(X, y, penalty):
    problem = Problem(X, y)
    solver = resolve_solver("auto", problem, penalty)
    w, b, _, certificate = run(
        problem, penalty, solver, np.zeros(problem.p), 0.0, tol=1e-12, max_iter=100_000
    )
    assert certificate.value <= 1e-12
    return type("Fit", (), {"coef": w, "intercept": problem.intercept(w, b)})


def test_weighted_l1_matches_statsmodels_per_coefficient_alpha():
    sm = pytest.importorskip("statsmodels.api")
    X, y = oracle_data(1)
    weights = np.array([0.0, 1.0, 2.0, 0.3, 1.0, 4.0, 1.5, 0.8])
    alpha = 0.1
    ours = solve_weighted(X, y, WeightedL1(alpha, weights))
    # statsmodels minimizes RSS / (2 n) + sum_j alpha_j |w_j| (L1_wt = 1) over every
    # column, the constant included: its alpha is 0
    exog = np.column_stack([np.ones(len(y)), X])
    fit = sm.OLS(y, exog).fit_regularized(
        method="elastic_net",
        alpha=np.concatenate([[0.0], alpha * weights]),
        L1_wt=1.0,
        cnvrg_tol=1e-14,
        maxiter=10_000,
    )
    assert np.max(np.abs(fit.params[1:] - ours.coef)) < 1e-6
    assert fit.params[0] == pytest.approx(ours.intercept, abs=1e-6)


def group_kkt_violation(X, y, coef, intercept, groups, alpha, weights):
    """The group lasso's optimality conditions, written out from scratch.

    With r = y - X w - b and g = X.T r / n: sum(r) = 0; for a nonzero group
    g_g = alpha v_g w_g / ||w_g||; for a zero group ||g_g|| <= alpha v_g.
    """
    r = y - X @ coef - intercept
    g = X.T @ r / len(y)
    worst = abs(r.sum()) / len(y)
    for label, v in zip(np.unique(groups), weights, strict=True):
        members = groups == label
        norm = np.linalg.norm(coef[members])
        if norm > 0:
            excess = np.linalg.norm(g[members] - alpha * v * coef[members] / norm)
        else:
            excess = max(np.linalg.norm(g[members]) - alpha * v, 0.0)
        worst = max(worst, excess)
    return worst


def group_reference(X, y, groups, alpha, weights):
    """An independent solve: SLSQP on the epigraph form
    min RSS / (2 n) + alpha sum v_g t_g, ||w_g|| <= t_g (centred data)."""
    n, p = X.shape
    labels = np.unique(groups)
    Xc, yc = X - X.mean(0), y - y.mean()

    def objective(x):
        w, t = x[:p], x[p:]
        r = yc - Xc @ w
        return r @ r / (2 * n) + alpha * weights @ t

    constraints = [
        {
            "type": "ineq",
            "fun": lambda x, k=k, m=groups == label: (
                x[p + k] ** 2 - x[:p][m] @ x[:p][m]
            ),
        }
        for k, label in enumerate(labels)
    ] + [{"type": "ineq", "fun": lambda x: x[p:]}]
    start = np.concatenate([np.zeros(p), np.ones(labels.size)])
    result = minimize(
        objective,
        start,
        method="SLSQP",
        constraints=constraints,
        options={"ftol": 1e-14, "maxiter": 2000},
    )
    w = result.x[:p]
    norms = [np.linalg.norm(w[groups == label]) for label in labels]
    # the objective at w itself (SLSQP's t_g may sit a little inside ||w_g||)
    r = yc - Xc @ w
    return w, r @ r / (2 * n) + alpha * weights @ norms


def test_group_lasso_meets_its_kkt_conditions_and_a_reference_solve():
    X, y = oracle_data(2)
    groups = np.array([0, 0, 1, 1, 1, 2, 2, 2])
    penalty = GroupL1(0.15, groups)
    ours = solve_weighted(X, y, penalty)
    violation = group_kkt_violation(
        X, y, ours.coef, ours.intercept, groups, penalty.alpha, penalty.weights
    )
    assert violation < 1e-8
    norms = penalty.group_norms(ours.coef)
    assert norms[2] == 0 and np.all(norms[:2] > 0)  # the null group is out, whole
    reference, reference_objective = group_reference(
        X, y, groups, penalty.alpha, penalty.weights
    )
    problem = Problem(X, y)
    assert problem.objective(ours.coef, 0.0, penalty) <= reference_objective + 1e-12
    assert np.max(np.abs(reference - ours.coef)) < 1e-4


@pytest.mark.slow  # numba compiles skglm's solver on first use
def test_group_lasso_matches_skglm():
    skglm = pytest.importorskip("skglm")
    from skglm.datafits import QuadraticGroup
    from skglm.penalties import WeightedGroupL2
    from skglm.solvers import GroupBCD
    from skglm.utils.data import grp_converter

    X, y = oracle_data(3)
    X, y = X - X.mean(0), y - y.mean()  # skglm's group solver has no intercept
    groups = np.array([0, 0, 1, 1, 1, 2, 2, 2])
    penalty = GroupL1(0.15, groups)
    ours = solve_weighted(X, y, penalty)
    grp_indices, grp_ptr = grp_converter([[0, 1], [2, 3, 4], [5, 6, 7]], X.shape[1])
    datafit = QuadraticGroup(grp_ptr, grp_indices)
    theirs = skglm.GeneralizedLinearEstimator(
        datafit,
        WeightedGroupL2(penalty.alpha, penalty.weights, grp_ptr, grp_indices),
        GroupBCD(tol=1e-12, max_iter=10_000, fit_intercept=False),
    ).fit(X, y)
    assert np.max(np.abs(theirs.coef_ - ours.coef)) < 1e-6


@pytest.mark.slow  # numba compiles skglm's solver on first use
def test_mcp_matches_skglm():
    skglm = pytest.importorskip("skglm")
    X, y = oracle_data(4)
    X = (X - X.mean(0)) / X.std(0)
    y = y - y.mean()
    penalty = MCP(0.1, gamma=3.0)
    problem = Problem(X, y, fit_intercept=False)
    w, _, _, certificate = run(
        problem,
        penalty,
        "fista",
        np.zeros(problem.p),
        0.0,
        tol=1e-12,
        max_iter=100_000,
    )
    theirs = skglm.MCPRegression(
        alpha=penalty.alpha,
        gamma=penalty.gamma,
        tol=1e-12,
        max_iter=1000,
        fit_intercept=False,
    ).fit(X, y)
    assert certificate.value <= 1e-12
    assert np.max(np.abs(theirs.coef_ - w)) < 1e-6
    # less bias than the lasso on the large coefficients
    lasso = solve(X, y, alpha=penalty.alpha, fit_intercept=False, tol=1e-12)
    assert np.all(np.abs(w[:3]) > np.abs(lasso.coef[:3]))


# ------------------------------------------------- paths, CV and estimators


@pytest.mark.parametrize(
    "penalty",
    [
        WeightedL1(1.0, [0.0, 1, 2, 1, 1, 1, 1, 1]),
        WeightedL1(1.0, [0.5, 1, 2, 1, 1, 1, 1, 1]),
        GroupL1(1.0, [0, 0, 1, 1, 1, 2, 2, 2]),
        MCP(1.0),
        SCAD(1.0),
    ],
    ids=repr,
)
def test_a_path_runs_any_penalty_from_its_alpha_max(penalty):
    X, y = oracle_data(5)
    path = regularization_path(X, y, penalty=penalty, n_alphas=15, tol=1e-7)
    assert np.all(path.gaps <= 1e-7) and path.solver == "fista"
    penalized = np.setdiff1d(np.arange(8), penalty.unpenalized)
    # at the top every penalized coefficient is zero, just below one enters
    assert np.all(path.coefs[0, penalized] == 0)
    assert np.all(path.coefs[0, penalty.unpenalized] != 0)
    below = regularization_path(
        X, y, penalty=penalty, alphas=[0.97 * path.alphas[0]], tol=1e-7
    )
    assert np.any(below.coefs[0, penalized] != 0)
    assert path.penalty == penalty.with_alpha(path.alphas[0])
    assert path.l1_ratio == penalty.l1_ratio
    assert path.n_nonzero[-1] > path.n_nonzero[0]


def test_a_path_with_an_elastic_net_penalty_is_the_l1_ratio_path():
    X, y = oracle_data(6)
    by_penalty = regularization_path(X, y, penalty=L1(1.0), n_alphas=10)
    by_ratio = regularization_path(X, y, n_alphas=10)
    np.testing.assert_allclose(by_penalty.coefs, by_ratio.coefs)
    assert by_penalty.penalty is None and by_penalty.solver == by_ratio.solver


def test_path_and_cv_refuse_a_penalty_with_an_l1_ratio_or_a_non_penalty():
    X, y = oracle_data(6)
    with pytest.raises(ValueError, match="`l1_ratio` must be left at its default"):
        regularization_path(X, y, penalty=MCP(1.0), l1_ratio=0.5)
    with pytest.raises(TypeError, match=r"`penalty` must be a reglab\.penalties"):
        cv_path(X, y, penalty="mcp")


def test_cv_path_cross_validates_any_penalty():
    X, y = oracle_data(7)
    penalty = GroupL1(1.0, [0, 0, 1, 1, 1, 2, 2, 2])
    cv = cv_path(X, y, penalty=penalty, n_alphas=12, cv=4, random_state=0)
    assert cv.path.penalty == penalty.with_alpha(cv.alphas[0])
    assert cv.l1_ratio is None and cv.alpha_1se >= cv.alpha_min
    # the null group (2) is out at alpha_1se, the true ones in
    norms = penalty.group_norms(cv.path.coefs[cv.index_1se])
    assert norms[0] > 0 and norms[2] == 0


def test_estimators_take_glmnet_penalty_factors():
    X, y = oracle_data(8)
    factors = np.array([0.0, 1, 2, 1, 1, 1, 3, 1])
    ours = solve_weighted(X, y, WeightedL1(0.1, factors))
    lasso = Lasso(0.1, penalty_factor=factors, tol=1e-10).fit(X, y)
    np.testing.assert_allclose(lasso.coef_, ours.coef, atol=1e-7)
    assert lasso.get_params()["penalty_factor"] is factors
    # all factors 1: the lasso; factors c on both parts: the elastic net at c alpha
    np.testing.assert_allclose(
        Lasso(0.1, penalty_factor=np.ones(8), tol=1e-10).fit(X, y).coef_,
        Lasso(0.1, tol=1e-10).fit(X, y).coef_,
        atol=1e-7,
    )
    np.testing.assert_allclose(
        ElasticNet(0.1, penalty_factor=np.full(8, 2.0), tol=1e-10).fit(X, y).coef_,
        ElasticNet(0.2, tol=1e-10).fit(X, y).coef_,
        atol=1e-7,
    )
    weights = np.linspace(0.5, 2, 60)
    weighted_rows = Lasso(0.1, penalty_factor=factors, tol=1e-10)
    assert weighted_rows.fit(X, y, sample_weight=weights).certificate_ <= 1e-10


@pytest.mark.parametrize(
    ("factor", "match"),
    [
        (np.ones(3), "`penalty_factor` must have one entry per feature"),
        (-np.ones(8), "`penalty_factor` must be >= 0"),
        ([np.nan] * 8, "`penalty_factor` contains NaN"),
    ],
)
def test_estimators_refuse_bad_penalty_factors_by_name(factor, match):
    X, y = oracle_data(8)
    with pytest.raises(ValueError, match=match):
        Lasso(0.1, penalty_factor=factor).fit(X, y)


@pytest.mark.slow  # numba compiles skglm's solver on first use
def test_scad_matches_skglm():
    pytest.importorskip("skglm")
    from skglm import GeneralizedLinearEstimator
    from skglm.datafits import Quadratic
    from skglm.penalties import SCAD as SkglmSCAD
    from skglm.solvers import AndersonCD

    X, y = oracle_data(9)
    X = (X - X.mean(0)) / X.std(0)
    y = y - y.mean()
    penalty = SCAD(0.1, gamma=3.7)
    problem = Problem(X, y, fit_intercept=False)
    w, _, _, certificate = run(
        problem,
        penalty,
        "fista",
        np.zeros(problem.p),
        0.0,
        tol=1e-12,
        max_iter=100_000,
    )
    theirs = GeneralizedLinearEstimator(
        Quadratic(),
        SkglmSCAD(penalty.alpha, penalty.gamma),
        AndersonCD(tol=1e-12, max_iter=1000, fit_intercept=False),
    ).fit(X, y)
    assert certificate.value <= 1e-12
    assert np.max(np.abs(theirs.coef_ - w)) < 1e-6


def test_alpha_max_of_a_penalty_is_where_its_path_starts():
    X, y = oracle_data(10)
    for penalty in (
        WeightedL1(1.0, [0.0, 1, 2, 1, 1, 1, 1, 1]),
        GroupL1(1.0, [0, 0, 1, 1, 1, 2, 2, 2]),
        SCAD(1.0),
    ):
        path = regularization_path(X, y, penalty=penalty, n_alphas=3)
        assert alpha_max(X, y, penalty=penalty) == pytest.approx(path.alphas[0])
    assert alpha_max(X, y, penalty=L1(5.0)) == pytest.approx(alpha_max(X, y))
    with pytest.raises(TypeError, match=r"`penalty` must be a reglab\.penalties"):
        alpha_max(X, y, penalty="l1")


@pytest.mark.parametrize(
    "penalty",
    [weighted(0.05), GroupL1(0.05, GROUPS), MCP(0.05), SCAD(0.05)],
    ids=repr,
)
def test_subgradient_descent_takes_them_and_gets_close_without_exact_zeros(penalty):
    # it needs only value and subgradient; with no prox it never lands on zeros
    X, y = oracle_data(11, n=60, p=6)
    problem = Problem(X, y)
    w, b, _, _ = run(
        problem, penalty, "fista", np.zeros(6), 0.0, tol=1e-10, max_iter=100_000
    )
    best = problem.objective(w, b, penalty)
    with pytest.warns(ConvergenceWarning, match="subgradient_descent stopped"):
        result = subgradient_descent(X, y, penalty, n_iter=3000)
    # (for MCP and SCAD both are stationary points, not necessarily the same one)
    assert abs(result.objective - best) <= 1e-2
    if penalty.is_convex:
        assert result.objective >= best - 1e-12
    assert np.count_nonzero(result.coef == 0) == 0


def test_weighted_elastic_net_conjugate_is_attained():
    # P*(u) = sup_w u.w - P(w), attained at w_j = S(u_j, l1_j) / l2_j
    penalty = WeightedL1L2(0.4, [1.0, 0.5, 2.0, 1.0, 0.25, 3.0], l1_ratio=0.3)
    assert penalty.dual_scaling(W) == 1.0
    for _ in range(20):
        u = RNG.standard_normal(6)
        shrunk = np.sign(u) * np.maximum(np.abs(u) - penalty.l1_strength, 0)
        best = shrunk / penalty.l2_strength
        assert penalty.conjugate(u) == pytest.approx(u @ best - penalty.value(best))
        w = RNG.standard_normal(6)
        assert penalty.conjugate(u) >= u @ w - penalty.value(w) - 1e-12
    np.testing.assert_allclose(
        WeightedL1L2(0.4, np.ones(6), 0.3).prox(W, 0.7), L1L2(0.4, 0.3).prox(W, 0.7)
    )
