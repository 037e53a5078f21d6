"""The ConvergenceWarning names the parameter the solver has and advice that helps."""

import warnings

import numpy as np
import pytest
from sklearn.exceptions import ConvergenceWarning

from reglab.losses import SquaredLoss
from reglab.penalties import L1, L2
from reglab.solvers import alpha_max, coordinate_descent, fista, subgradient_descent


def problem(seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(60, 15))
    y = X[:, :3] @ np.array([2.0, -1.0, 0.5]) + 0.3 * rng.normal(size=60)
    return X, y


def warning_text(run):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        run()
    messages = [str(w.message) for w in caught if w.category is ConvergenceWarning]
    assert len(messages) == 1
    return messages[0]


@pytest.mark.parametrize("penalty", [L1, L2], ids=["L1", "L2"])
def test_subgradient_descent_names_n_iter_and_points_to_a_proximal_solver(penalty):
    X, y = problem()
    alpha = 0.1 * alpha_max(X, y)
    text = warning_text(
        lambda: subgradient_descent(X, y, penalty(alpha), n_iter=50, tol=1e-12)
    )
    assert text.startswith("subgradient_descent stopped after n_iter=50 iterations")
    assert "max_iter" not in text
    assert "increase" not in text  # more iterations are not the fix
    assert "relative kkt residual of" in text
    assert "1/sqrt(k)" in text and "fista or coordinate_descent" in text


def test_the_proximal_solvers_still_say_increase_max_iter():
    X, y = problem(1)
    penalty = L1(0.01 * alpha_max(X, y))
    text = warning_text(
        lambda: coordinate_descent(X, y, penalty, max_iter=1, tol=1e-14)
    )
    assert "stopped after max_iter=1 iterations with a relative duality gap" in text
    assert text.endswith("increase max_iter or loosen tol.")
    text = warning_text(
        lambda: fista(X, y, SquaredLoss(), penalty, max_iter=2, tol=1e-14)
    )
    assert "max_iter=2" in text and "increase max_iter" in text
