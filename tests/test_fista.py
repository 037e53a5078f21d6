"""Tests for reglab.solvers.fista: certificates, scikit-learn as an oracle, bad input.

Every loss x penalty pair must reach its certificate on several random problems
(p > n, duplicated columns, unscaled features), and the certificate is re-checked here
with ``reglab.solvers.duality_gap`` from the raw data (a fresh ``Problem``), not with
the solver's own state.
"""

from types import SimpleNamespace

import numpy as np
import pytest
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import ElasticNet as SkElasticNet
from sklearn.linear_model import Lasso as SkLasso
from sklearn.linear_model import LogisticRegression as SkLogisticRegression

from reglab.losses import LogisticLoss, SquaredLoss
from reglab.paths import regularization_path
from reglab.penalties import L0, L1, L1L2, L2
from reglab.solvers import duality_gap, proximal_newton
from reglab.solvers import fista as plain_fista

LOSSES = {"squared": SquaredLoss(), "logistic": LogisticLoss()}
PENALTIES = {
    "l1": lambda alpha: L1(alpha),
    "l2": lambda alpha: L2(alpha),
    "elastic-net": lambda alpha: L1L2(alpha, l1_ratio=0.5),
}
KINDS = ["n > p", "p > n", "duplicated", "unscaled"]


def make_problem(kind, loss_name, seed=0):
    """A random problem of the given kind, with a sparse truth."""
    rng = np.random.default_rng(seed)
    shapes = {"n > p": (80, 15), "p > n": (30, 120), "duplicated": (60, 10)}
    n, p = shapes.get(kind, (70, 12))
    X = rng.standard_normal((n, p))
    if kind == "duplicated":
        X = np.column_stack([X, X[:, :4], 2.0 * X[:, :2]])  # exact and scaled copies
    if kind == "unscaled":
        X = X * np.logspace(-1, 1, p) + 3.0  # scales from 0.1 to 10, non-centred
    true_coef = np.zeros(X.shape[1])
    true_coef[:3] = [1.5, -2.0, 1.0] / np.std(X[:, :3], axis=0)
    z = X @ true_coef + 0.5 * rng.standard_normal(n)
    if loss_name == "logistic":
        y = np.where(z - np.median(z) > 0, 1.0, -1.0)
    else:
        y = z + 4.0
    return X, y


def fista(X, y, loss, penalty, *, newton=False, **options):
    """Plain FISTA, or proximal Newton steps inside the same working sets."""
    return (proximal_newton if newton else plain_fista)(X, y, loss, penalty, **options)


def fista_path(X, y, loss, alphas, l1_ratio=1.0, *, newton=False, **options):
    """One certified result per alpha, warm-started along the path."""
    solver = "prox_newton" if newton else "fista"
    path = regularization_path(
        X, y, loss=loss.name, alphas=alphas, l1_ratio=l1_ratio, solver=solver, **options
    )
    return [
        SimpleNamespace(
            coef=coef,
            converged=gap <= options.get("tol", 1e-6),
            certificate=gap,
            objective=objective(X, y, loss, L1L2(alpha, l1_ratio), coef, intercept),
        )
        for alpha, coef, intercept, gap in zip(
            path.alphas, path.coefs, path.intercepts, path.gaps, strict=True
        )
    ]


def null_intercept(y, loss):
    return loss.null_intercept(y)


def alpha_max(X, y, loss):
    """``||X.T grad loss(b0)||_inf`` at the intercept-only model (l1_ratio = 1)."""
    b0 = null_intercept(y, loss)
    return float(np.max(np.abs(X.T @ loss.gradient(y, np.full(y.shape[0], b0)))))


def objective(X, y, loss, penalty, coef, intercept):
    return loss.value(y, X @ coef + intercept) + penalty.value(coef)


# ------------------------------------------------------------------ certificates


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("penalty_name", sorted(PENALTIES))
@pytest.mark.parametrize("loss_name", sorted(LOSSES))
@pytest.mark.parametrize("fraction", [0.3, 0.02])
def test_duality_gap_reached(kind, penalty_name, loss_name, fraction):
    seed = 10 * KINDS.index(kind) + sorted(PENALTIES).index(penalty_name)
    X, y = make_problem(kind, loss_name, seed=seed)
    loss = LOSSES[loss_name]
    penalty = PENALTIES[penalty_name](fraction * alpha_max(X, y, loss))
    result = fista(X, y, loss, penalty, tol=1e-6, max_iter=50_000)
    assert result.converged
    assert result.certificate_kind == "duality gap"
    assert result.certificate <= 1e-6
    # an independent evaluation of the gap at the returned point
    _, primal, relative = duality_gap(
        X, y, result.coef, result.intercept, loss, penalty, fit_intercept=True
    )
    assert relative <= 1e-6
    assert primal == pytest.approx(result.objective, rel=1e-12)


@pytest.mark.parametrize("loss_name", sorted(LOSSES))
def test_without_intercept(loss_name):
    X, y = make_problem("n > p", loss_name, seed=3)
    loss = LOSSES[loss_name]
    penalty = L1(0.05 * alpha_max(X, y, loss))
    result = fista(X, y, loss, penalty, fit_intercept=False, tol=1e-8)
    assert result.intercept == 0.0
    _, _, relative = duality_gap(
        X, y, result.coef, 0.0, loss, penalty, fit_intercept=False
    )
    assert result.converged and relative <= 1e-8


@pytest.mark.parametrize("newton", [False, True])
@pytest.mark.parametrize("loss_name", sorted(LOSSES))
def test_alpha_above_alpha_max_gives_the_intercept_only_model(loss_name, newton):
    X, y = make_problem("n > p", loss_name, seed=4)
    loss = LOSSES[loss_name]
    penalty = L1(1.01 * alpha_max(X, y, loss))
    result = fista(X, y, loss, penalty, tol=1e-10, newton=newton)
    assert result.converged and np.all(result.coef == 0)
    assert result.intercept == pytest.approx(null_intercept(y, loss), abs=1e-6)
    # just below alpha_max at least one feature enters
    penalty = L1(0.9 * alpha_max(X, y, loss))
    result = fista(X, y, loss, penalty, tol=1e-10, newton=newton)
    assert np.count_nonzero(result.coef) >= 1


@pytest.mark.parametrize("loss_name", sorted(LOSSES))
def test_l0_reaches_a_fixed_point_of_hard_thresholding(loss_name):
    X, y = make_problem("n > p", loss_name, seed=5)
    loss = LOSSES[loss_name]
    penalty = L0(0.01 * alpha_max(X, y, loss))
    result = fista(X, y, loss, penalty, tol=1e-8, max_iter=50_000)
    assert result.converged and result.certificate_kind == "kkt residual"
    # one more proximal gradient step from the returned point changes (almost) nothing
    Xa = np.column_stack([X, np.ones(X.shape[0])])
    step = 1.0 / loss.lipschitz(Xa)
    gradient_z = loss.gradient(y, X @ result.coef + result.intercept)
    coef_next = penalty.prox(result.coef - step * (X.T @ gradient_z), step)
    assert np.array_equal(coef_next != 0, result.coef != 0)
    scale = alpha_max(X, y, loss)
    assert np.max(np.abs(coef_next - result.coef)) / step <= 1e-8 * scale
    # and hard thresholding gives exact zeros without shrinking the kept coefficients
    assert 0 < np.count_nonzero(result.coef) < X.shape[1]


def test_alpha_zero_is_certified_by_the_gradient():
    X, y = make_problem("n > p", "squared", seed=6)
    result = fista(X, y, SquaredLoss(), L1(0.0), tol=1e-9, max_iter=50_000)
    assert result.converged and result.certificate_kind == "kkt residual"
    least_squares, *_ = np.linalg.lstsq(
        np.column_stack([X, np.ones(X.shape[0])]), y, rcond=None
    )
    np.testing.assert_allclose(result.coef, least_squares[:-1], rtol=1e-6, atol=1e-8)


# ------------------------------------------------------- scikit-learn as an oracle


@pytest.mark.parametrize("kind", ["n > p", "p > n", "duplicated"])
@pytest.mark.parametrize("l1_ratio", [1.0, 0.5, 0.1])
def test_squared_loss_matches_sklearn_elastic_net(kind, l1_ratio):
    X, y = make_problem(kind, "squared", seed=7)
    alpha = 0.05 * alpha_max(X, y, SquaredLoss())
    penalty = L1(alpha) if l1_ratio == 1.0 else L1L2(alpha, l1_ratio)
    ours = fista(X, y, SquaredLoss(), penalty, tol=1e-12, max_iter=100_000)
    if l1_ratio == 1.0:
        sk = SkLasso(alpha=alpha, tol=1e-14, max_iter=1_000_000)
    else:
        sk = SkElasticNet(alpha=alpha, l1_ratio=l1_ratio, tol=1e-14, max_iter=1_000_000)
    sk.fit(X, y)
    theirs = objective(X, y, SquaredLoss(), penalty, sk.coef_, sk.intercept_)
    assert ours.objective == pytest.approx(theirs, rel=1e-8)
    if kind == "n > p":  # a unique solution: the coefficients agree too
        np.testing.assert_allclose(ours.coef, sk.coef_, atol=1e-6)


@pytest.mark.parametrize(
    ("l1_ratio", "solver"), [(1.0, "saga"), (0.0, "lbfgs"), (0.5, "saga")]
)
def test_logistic_loss_matches_sklearn_logistic_regression(l1_ratio, solver):
    # C = 1 / (n alpha): scikit-learn minimizes C sum log(1 + exp(-y z)) + P(w)
    X, y = make_problem("n > p", "logistic", seed=8)
    X = X[:, :8]  # small, so that saga gets to 1e-8 in well under a second
    n = X.shape[0]
    alpha = 0.05 * alpha_max(X, y, LogisticLoss())
    penalty = L1L2(alpha, l1_ratio)
    ours = fista(X, y, LogisticLoss(), penalty, tol=1e-12, max_iter=100_000)
    sk = SkLogisticRegression(
        C=1.0 / (n * alpha),
        l1_ratio=l1_ratio,
        solver=solver,
        tol=1e-14,
        max_iter=100_000,
    ).fit(X, y)
    theirs = objective(
        X, y, LogisticLoss(), penalty, sk.coef_.ravel(), sk.intercept_[0]
    )
    assert ours.objective == pytest.approx(theirs, rel=1e-8)
    assert ours.objective <= theirs * (1 + 1e-12)  # certified: we are not worse
    np.testing.assert_allclose(ours.coef, sk.coef_.ravel(), atol=1e-4)


def test_logistic_p_greater_than_n_matches_liblinear_with_a_large_intercept_scaling():
    # liblinear penalizes the intercept; with intercept_scaling = s it penalizes b / s,
    # so a large s makes its problem ours up to that (small) bias
    X, y = make_problem("p > n", "logistic", seed=9)
    n = X.shape[0]
    alpha = 0.1 * alpha_max(X, y, LogisticLoss())
    ours = fista(X, y, LogisticLoss(), L1(alpha), tol=1e-12, max_iter=100_000)
    sk = SkLogisticRegression(
        C=1.0 / (n * alpha),
        l1_ratio=1.0,
        solver="liblinear",
        intercept_scaling=1e4,
        tol=1e-12,
        max_iter=100_000,
        random_state=0,
    ).fit(X, y)
    theirs = objective(
        X, y, LogisticLoss(), L1(alpha), sk.coef_.ravel(), sk.intercept_[0]
    )
    assert ours.objective <= theirs * (1 + 1e-12)
    assert ours.objective == pytest.approx(theirs, rel=1e-6)


# ------------------------------------------------------------------ warm starts, path


def test_warm_start_from_the_solution_stops_at_once():
    X, y = make_problem("p > n", "logistic", seed=10)
    loss = LogisticLoss()
    penalty = L1(0.05 * alpha_max(X, y, loss))
    cold = fista(X, y, loss, penalty, tol=1e-8)
    coef_init = cold.coef.copy()
    warm = fista(
        X,
        y,
        loss,
        penalty,
        coef_init=coef_init,
        intercept_init=cold.intercept,
        tol=1e-8,
    )
    assert warm.n_iter <= 10 < cold.n_iter
    np.testing.assert_array_equal(
        coef_init, cold.coef
    )  # the warm start is not modified


@pytest.mark.parametrize("loss_name", sorted(LOSSES))
@pytest.mark.parametrize("l1_ratio", [1.0, 0.5])
def test_path_agrees_with_separate_fits(loss_name, l1_ratio):
    X, y = make_problem("p > n", loss_name, seed=11)
    loss = LOSSES[loss_name]
    alphas = alpha_max(X, y, loss) / l1_ratio * np.logspace(0, -2, 12)
    results = fista_path(X, y, loss, alphas, l1_ratio, tol=1e-9)
    assert len(results) == len(alphas)
    assert np.all(results[0].coef == 0)  # alpha_max: nothing has entered yet
    for alpha, result in zip(alphas, results, strict=True):
        penalty = L1L2(alpha, l1_ratio)
        alone = fista(X, y, loss, penalty, tol=1e-9)
        assert result.converged and result.certificate <= 1e-9
        assert result.objective == pytest.approx(alone.objective, rel=1e-8)
    n_nonzero = [np.count_nonzero(r.coef) for r in results]
    assert n_nonzero[-1] > n_nonzero[0]


# ------------------------------------------------------------------- warnings


def test_convergence_warning_names_the_gap_and_what_to_change():
    X, y = make_problem("unscaled", "logistic", seed=12)
    penalty = L1(0.01 * alpha_max(X, y, LogisticLoss()))
    with pytest.warns(ConvergenceWarning, match=r"duality gap of .* increase max_iter"):
        result = fista(X, y, LogisticLoss(), penalty, max_iter=5)
    assert not result.converged and result.certificate > 1e-6
    assert result.n_iter == 5


def test_path_warns_once_with_the_alphas_that_stopped():
    X, y = make_problem("unscaled", "logistic", seed=12)
    alphas = alpha_max(X, y, LogisticLoss()) * np.array([0.5, 0.1, 0.01])
    with pytest.warns(
        ConvergenceWarning, match=r"regularization_path \(solver='fista'; at \d of 3"
    ):
        fista_path(X, y, LogisticLoss(), alphas, max_iter=3)


# ------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"loss": "squared"}, TypeError, "`loss` must be a reglab.losses loss"),
        ({"penalty": 0.1}, TypeError, "`penalty` must be a reglab.penalties penalty"),
        ({"tol": 0.0}, ValueError, "`tol` must be > 0"),
        ({"tol": "small"}, TypeError, "`tol` must be a real number"),
        ({"max_iter": 0}, ValueError, "`max_iter` must be >= 1"),
        ({"max_iter": 2.5}, TypeError, "`max_iter` must be an integer"),
        ({"coef_init": np.zeros(3)}, ValueError, "`coef_init` must have one entry"),
        ({"coef_init": [np.nan] * 5}, ValueError, "`coef_init` contains NaN"),
        ({"intercept_init": np.inf}, ValueError, "`intercept_init` must be finite"),
        ({"fit_intercept": "yes"}, TypeError, "`fit_intercept` must be True or False"),
        ({"X": np.ones(10)}, ValueError, "`X` must be a 2-D array"),
        ({"X": np.full((10, 5), np.nan)}, ValueError, "`X` contains NaN"),
        ({"y": np.ones(9)}, ValueError, "`X` and `y` must have the same number"),
        ({"X": np.empty((0, 5)), "y": np.empty(0)}, ValueError, "`X` is empty"),
        ({"y": "abc"}, TypeError, "`y` must be an array of numbers"),
    ],
)
def test_bad_input_names_the_parameter(kwargs, error, match):
    rng = np.random.default_rng(0)
    arguments = {
        "X": rng.standard_normal((10, 5)),
        "y": rng.standard_normal(10),
        "loss": SquaredLoss(),
        "penalty": L1(0.1),
    }
    arguments.update(kwargs)
    X, y, loss, penalty = (arguments.pop(k) for k in ("X", "y", "loss", "penalty"))
    with pytest.raises(error, match=match):
        plain_fista(X, y, loss, penalty, **arguments)


def test_logistic_labels_must_be_signed():
    X = np.random.default_rng(0).standard_normal((6, 2))
    with pytest.raises(ValueError, match=r"`y` must contain only -1 and \+1"):
        fista(X, np.array([0.0, 1, 0, 1, 0, 1]), LogisticLoss(), L1(0.1))
    with pytest.raises(ValueError, match=r"`y` must contain both -1 and \+1"):
        proximal_newton(X, np.ones(6), LogisticLoss(), L1(0.1))
    with pytest.raises(ValueError, match=r"`y` must contain both -1 and \+1"):
        fista(X, -np.ones(6), LogisticLoss(), L1(0.1))


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"alphas": [0.1, -1.0]}, ValueError, "`alphas` must be >= 0"),
        ({"alphas": [[0.1]]}, ValueError, "`alphas` must be a 1-D array"),
        ({"l1_ratio": 1.5}, ValueError, r"`l1_ratio` must be in \[0, 1\]"),
    ],
)
def test_path_bad_input_names_the_parameter(kwargs, error, match):
    rng = np.random.default_rng(0)
    X, y = rng.standard_normal((10, 3)), rng.standard_normal(10)
    arguments = {"alphas": [0.1, 0.01]}
    arguments.update(kwargs)
    alphas = arguments.pop("alphas")
    with pytest.raises(error, match=match):
        fista_path(X, y, SquaredLoss(), alphas, **arguments)


@pytest.mark.parametrize("loss_name", sorted(LOSSES))
@pytest.mark.parametrize("kind", ["n > p", "p > n"])
def test_newton_and_plain_fista_paths_reach_the_same_optimum(loss_name, kind):
    # proximal Newton steps (the default for the logistic loss) and plain FISTA steps
    # must give the same certified solutions; p > n falls back to FISTA steps once
    # the working set outgrows n
    X, y = make_problem(kind, loss_name, seed=13)
    loss = LOSSES[loss_name]
    alphas = alpha_max(X, y, loss) * np.logspace(0, -2.5, 10)
    newton = fista_path(X, y, loss, alphas, tol=1e-9, newton=True)
    plain = fista_path(X, y, loss, alphas, tol=1e-9, newton=False)
    for with_newton, without in zip(newton, plain, strict=True):
        assert with_newton.converged and without.converged
        assert with_newton.objective == pytest.approx(without.objective, rel=1e-8)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("penalty_name", sorted(PENALTIES))
@pytest.mark.parametrize("loss_name", sorted(LOSSES))
def test_newton_steps_reach_the_duality_gap(kind, penalty_name, loss_name):
    X, y = make_problem(kind, loss_name, seed=20 + KINDS.index(kind))
    loss = LOSSES[loss_name]
    penalty = PENALTIES[penalty_name](0.01 * alpha_max(X, y, loss))
    # unscaled features make the model's Hessian ill-conditioned (cond ~ 1e4): FISTA
    # on it needs many (cheap, k^2) iterations, hence the larger budget
    result = fista(X, y, loss, penalty, tol=1e-8, max_iter=50_000, newton=True)
    plain = fista(X, y, loss, penalty, tol=1e-8, max_iter=50_000)
    assert result.converged and plain.converged
    _, _, relative = duality_gap(X, y, result.coef, result.intercept, loss, penalty)
    assert relative <= 1e-8
    assert result.objective == pytest.approx(plain.objective, rel=1e-7)


@pytest.mark.parametrize("newton", [False, True])
@pytest.mark.parametrize("loss_name", sorted(LOSSES))
def test_huge_alpha_and_constant_columns(loss_name, newton):
    # a constant column is spanned by the intercept: it must stay at zero, and a
    # huge alpha (an empty working set, a huge step * alpha) must not overflow
    X, y = make_problem("n > p", loss_name, seed=14)
    X[:, 2] = 3.0
    loss = LOSSES[loss_name]
    big = fista(X, y, loss, L1(1e6 * alpha_max(X, y, loss)), newton=newton)
    assert big.converged and np.all(big.coef == 0)
    small = fista(X, y, loss, L1(0.01 * alpha_max(X, y, loss)), newton=newton)
    assert small.converged and small.coef[2] == 0


@pytest.mark.parametrize("kind", ["n > p", "p > n"])
def test_logistic_without_intercept_matches_liblinear(kind):
    # without an intercept liblinear's L1 problem is exactly ours (C = 1 / (n alpha))
    X, y = make_problem(kind, "logistic", seed=15)
    n = X.shape[0]
    loss = LogisticLoss()
    alpha = 0.05 * float(np.max(np.abs(X.T @ loss.gradient(y, np.zeros(n)))))
    ours = fista(X, y, loss, L1(alpha), fit_intercept=False, tol=1e-12, newton=True)
    sk = SkLogisticRegression(
        C=1.0 / (n * alpha),
        l1_ratio=1.0,
        solver="liblinear",
        fit_intercept=False,
        tol=1e-12,
        max_iter=100_000,
        random_state=0,  # liblinear shuffles coordinates; unseeded it may stop short
    ).fit(X, y)
    theirs = objective(X, y, loss, L1(alpha), sk.coef_.ravel(), 0.0)
    assert ours.converged and ours.intercept == 0.0
    assert ours.objective == pytest.approx(theirs, rel=1e-8)
    assert ours.objective <= theirs * (1 + 1e-12)
