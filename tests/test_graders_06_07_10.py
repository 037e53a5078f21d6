"""Graders of notebooks 06, 07 and 10 tell the wrong answers the issues found from the
right ones, and notebook 10's folded model answers are the answers its graders accept;
reglab.selection and reglab.multinomial agree with brute force and scikit-learn."""

import re
from pathlib import Path

import nbformat
import numpy as np
import pytest
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LassoLarsIC, LogisticRegression

from reglab.conventions import to_sklearn_logistic
from reglab.datasets import load_digits, make_sparse_regression
from reglab.exercises import check
from reglab.multinomial import multinomial_logistic
from reglab.selection import lasso_information_criteria, ridge_gcv, ridge_loo
from reglab.solvers import RidgeSVD

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def _feedback(capsys, exercise_id, answer):
    check(exercise_id, answer)
    return capsys.readouterr().out


def _is_right(capsys, exercise_id, answer):
    return _feedback(capsys, exercise_id, answer).startswith(f"[{exercise_id}] Right")


# notebook 07


def _alpha_max_from(labels_minus):
    def answer(X, y01):
        return np.max(np.abs(X.T @ labels_minus(y01))) / X.shape[0]

    return answer


def test_alpha_max_accepts_y01_minus_p(capsys):
    assert _is_right(capsys, "07.alpha_max", _alpha_max_from(lambda y: y - y.mean()))


def test_alpha_max_rejects_y01_minus_one_half(capsys):
    out = _feedback(capsys, "07.alpha_max", _alpha_max_from(lambda y: y - 0.5))
    assert "Not yet" in out and "subtracted 0.5" in out


# notebook 06


def test_honest_procedure_letters_are_the_notebooks(capsys):
    notebook = nbformat.read(NOTEBOOKS / "06_choosing_lambda.ipynb", as_version=4)
    question = next(
        cell.source
        for cell in notebook.cells
        if cell.cell_type == "markdown" and "Exercise 2: which estimate" in cell.source
    )
    letters = re.findall(r"^- \(([a-z])\)", question, flags=re.MULTILINE)
    assert letters == ["a", "b", "c", "d"]
    right = [
        letter for letter in letters if _is_right(capsys, "06.honest_procedure", letter)
    ]
    assert right == ["c"]


# notebook 10


def _model_answers():
    notebook = nbformat.read(NOTEBOOKS / "10_interview_review.ipynb", as_version=4)
    answers = next(
        cell.source
        for cell in notebook.cells
        if cell.cell_type == "markdown" and "<details>" in cell.source
    )
    return dict(re.findall(r"\*\*Q(\d+) \(([a-z, ]+)\)\.\*\*", answers)), answers


MULTIPLE_CHOICE = {
    "1": "10.objectives",
    "3": "10.alpha",
    "5": "10.differences",
    "6": "10.why_sparse",
    "10": "10.pick_alpha",
    "11": "10.deep_nets",
    "14": "10.seed_claims",
}


@pytest.mark.parametrize("question", sorted(MULTIPLE_CHOICE, key=int))
def test_folded_letter_answers_are_the_graded_ones(question, capsys):
    letters, _ = _model_answers()
    assert _is_right(capsys, MULTIPLE_CHOICE[question], letters[question])


def test_model_answers_are_folded_for_static_viewers():
    _, answers = _model_answers()
    assert (
        answers.index("<details>")
        < answers.index("**Q1 ")
        < answers.index("</details>")
    )
    notebook = nbformat.read(NOTEBOOKS / "10_interview_review.ipynb", as_version=4)
    for cell in notebook.cells:
        assert not cell.metadata.get("jupyter", {}).get("source_hidden"), cell.id


@pytest.mark.parametrize(
    ("exercise_id", "answer"),
    [
        ("10.norms", [1.01, 0.2551]),
        ("10.ridge_one_feature", 4.0),
        ("10.soft_threshold", [1.5, 0.0, 0.2]),
        ("10.which_when", "RLE"),
        ("10.elastic_net", 2.75),
        ("10.keras", 0.005),
        ("10.logistic_c", 0.5),
    ],
)
def test_folded_numeric_answers_are_right(exercise_id, answer, capsys):
    assert _is_right(capsys, exercise_id, answer)


def test_norms_feedback_keeps_the_tie_at_equal_predictions(capsys):
    out = _feedback(capsys, "10.norms", [1.01, 0.2551])
    assert "L1 ties" in out


def test_separable_logistic_claim_is_true_and_old_answer_is_not_enough(capsys):
    assert not _is_right(capsys, "10.alpha", "abe")
    out = _feedback(capsys, "10.alpha", "abe")
    assert "separable" in out


def test_l2_always_beats_l1_is_graded_false(capsys):
    assert not _is_right(capsys, "10.seed_claims", "abcg")


# reglab.selection


@pytest.fixture(scope="module")
def regression():
    X_all, y_all, _ = make_sparse_regression(
        80, 12, n_nonzero=3, noise=2.0, random_state=3
    )
    return X_all, y_all


def test_ridge_loo_equals_refitting_without_each_row(regression):
    X, y = regression
    n = len(y)
    alphas = np.array([3.0, 0.3, 0.01])
    shortcut = ridge_loo(X, y, alphas)
    for alpha, value in zip(alphas, shortcut, strict=True):
        errors = []
        for i in range(n):
            keep = np.arange(n) != i
            fit = RidgeSVD(X[keep], y[keep]).solve(alpha * n / (n - 1))
            errors.append(y[i] - X[i] @ fit.coef - fit.intercept)
        assert np.isclose(value, np.mean(np.square(errors)), rtol=1e-10)


def test_ridge_gcv_uses_the_mean_leverage(regression):
    X, y = regression
    n = len(y)
    alpha = 0.2
    fit = RidgeSVD(X, y).solve(alpha)
    residual = y - X @ fit.coef - fit.intercept
    hat_trace = RidgeSVD(X, y).hat_diagonal(alpha).sum()
    expected = np.mean(residual**2) / (1 - hat_trace / n) ** 2
    assert np.isclose(ridge_gcv(X, y, [alpha])[0], expected, rtol=1e-12)


def test_selection_refuses_alpha_zero(regression):
    X, y = regression
    with pytest.raises(ValueError, match="`alphas` must be > 0"):
        ridge_loo(X, y, [1.0, 0.0])
    with pytest.raises(ValueError, match="`alphas` must be > 0"):
        ridge_gcv(X, y, [0.0])


@pytest.mark.parametrize("criterion", ["aic", "bic"])
def test_information_criteria_match_lasso_lars_ic(regression, criterion):
    X, y = regression
    ours = lasso_information_criteria(X, y)
    theirs = LassoLarsIC(criterion=criterion).fit(X, y)
    assert np.allclose(ours.alphas, theirs.alphas_)
    assert np.allclose(getattr(ours, criterion), theirs.criterion_)
    assert np.isclose(getattr(ours, f"alpha_{criterion}"), theirs.alpha_)
    assert np.isclose(ours.noise_variance, theirs.noise_variance_)


def test_information_criteria_need_a_noise_variance_when_p_is_large():
    X = np.random.default_rng(0).standard_normal((10, 12))
    y = X[:, 0]
    with pytest.raises(ValueError, match="`noise_variance` must be given"):
        lasso_information_criteria(X, y)
    given = lasso_information_criteria(X, y, noise_variance=0.5)
    assert given.noise_variance == 0.5
    with pytest.raises(ValueError, match="`noise_variance` must be a positive"):
        lasso_information_criteria(X, y, noise_variance=-1.0)


# reglab.multinomial


@pytest.fixture(scope="module")
def three_digits():
    digits = load_digits(classes=(0, 1, 7))
    return digits.data[::2] / 16, digits.target[::2]


@pytest.mark.parametrize(("l1_ratio", "solver"), [(1.0, "saga"), (0.0, "lbfgs")])
def test_multinomial_matches_scikit_learn(three_digits, l1_ratio, solver):
    X, y = three_digits
    alpha = 0.02
    ours = multinomial_logistic(X, y, alpha=alpha, l1_ratio=l1_ratio)
    theirs = LogisticRegression(
        **to_sklearn_logistic(alpha, len(y), l1_ratio=l1_ratio),
        solver=solver,
        tol=1e-10,
        max_iter=100_000,
    ).fit(X, y)
    assert ours.converged and ours.certificate <= 1e-8
    assert np.allclose(ours.predict_proba(X), theirs.predict_proba(X), atol=1e-5)
    assert np.array_equal(ours.coef != 0, theirs.coef_ != 0)
    assert np.allclose(ours.coef, theirs.coef_, atol=1e-4)
    centred = theirs.intercept_ - theirs.intercept_.mean()
    assert np.allclose(ours.intercept, centred, atol=1e-4)
    assert np.array_equal(ours.predict(X), theirs.predict(X))


def test_multinomial_l2_rows_sum_to_zero(three_digits):
    X, y = three_digits
    fit = multinomial_logistic(X, y, alpha=0.05, l1_ratio=0.0)
    assert np.allclose(fit.coef.sum(axis=0), 0.0, atol=1e-6)


def test_multinomial_bad_input():
    X = np.random.default_rng(0).standard_normal((12, 3))
    with pytest.raises(ValueError, match="at least 3 classes"):
        multinomial_logistic(X, np.arange(12) % 2, alpha=0.1)
    with pytest.raises(ValueError, match="`alpha` must be > 0"):
        multinomial_logistic(X, np.arange(12) % 3, alpha=0.0)
    with pytest.raises(ValueError, match="one label per row"):
        multinomial_logistic(X, np.arange(11) % 3, alpha=0.1)


def test_multinomial_warns_when_stopped_early(three_digits):
    X, y = three_digits
    with pytest.warns(ConvergenceWarning, match="relative kkt residual") as caught:
        fit = multinomial_logistic(X, y, alpha=0.001, l1_ratio=1.0, max_iter=20)
    assert not fit.converged
    assert str(caught[0].message).startswith(
        "multinomial_logistic stopped after max_iter=20 iterations"
    )
    assert caught[0].filename == __file__  # points at the caller's line
