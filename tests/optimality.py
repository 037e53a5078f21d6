"""The penalty x solver optimality check, shared by tests/test_problem.py and
tests/test_penalties_beyond.py: every solver that accepts a penalty reaches the same
certified optimum."""

import numpy as np

from reglab.problem import Problem
from reglab.solvers.dispatch import run


def grid_problem(loss, shape):
    """The grid's data: shifted Gaussian X, three true features (labels for
    the logistic loss)."""
    rng = np.random.default_rng(sum(shape))
    X = rng.standard_normal(shape) + 2.0
    y = X[:, :3] @ np.array([1.0, -1.0, 0.5]) + 0.3 * rng.standard_normal(shape[0])
    if loss == "logistic":
        y = np.where(y > np.median(y), 1.0, -1.0)
    return Problem(X, y, loss)


def assert_same_certified_optimum(problem, penalty, solvers, *, tol=1e-9):
    """Each solver from zero reaches a certificate <= tol and the same objective.

    The certificate must be a duality gap when the penalty has one. Returns the
    coefficients of the first solver.
    """
    objectives, coefs = [], []
    expected_kind = "duality gap" if problem.has_gap(penalty) else "kkt residual"
    for solver in solvers:
        w, b, _, certificate = run(
            problem,
            penalty,
            solver,
            np.zeros(problem.p),
            problem.b0,
            tol=tol,
            max_iter=100_000,
        )
        assert certificate.kind == expected_kind, solver
        assert certificate.value <= tol, (solver, certificate.value)
        if expected_kind == "duality gap":
            gap, objective, _ = problem.duality_gap(w, b, penalty)
            assert problem.relative(gap, objective) <= tol
        objectives.append(problem.objective(w, b, penalty))
        coefs.append(w)
    np.testing.assert_allclose(objectives, objectives[0], rtol=1e-8)
    return coefs[0]
