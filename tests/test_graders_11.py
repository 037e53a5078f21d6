"""Graders of notebook 11, and notebook 10's questions on it, accept the right answer
and name the usual mistakes (each wrong answer below is one a grader should recognise);
notebook 10's folded model answers for those questions are the graded ones."""

import re
from pathlib import Path

import nbformat
import numpy as np
import pytest

from reglab.exercises import check
from reglab.penalties import block_soft_threshold, soft_threshold

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def feedback(exercise_id, answer, capsys):
    check(exercise_id, answer)
    return capsys.readouterr().out


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ([0.9, -0.5, 0.3, 0.8], "Right"),
        ([0.9, -0.2, 0.0, 1.4], "plain lasso prox"),
        ([0.9, 0.0, 0.0, 3.4], "multiply the threshold"),
        ([0.9, 0.0, 0.0, 1.7], "divided alpha"),
        ([0.9, -0.5, 0.3], "give all 4"),
        ([1.0, -0.5, 0.3, 0.8], "entry 1"),
    ],
)
def test_weighted_prox(answer, expected, capsys):
    assert expected in feedback("11.weighted_prox", answer, capsys)


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ([0.5, 2.0, 10.0], "Right"),
        ([0.5, -2.0, 10.0], "never negative"),
        ([2.0, 0.5, 0.1], "inverts it"),
        ([0.25, 4.0, 100.0], "not 2"),
        ([1.0, 1.0, 1.0], "1 / np.abs"),
    ],
)
def test_adaptive_weights(answer, expected, capsys):
    assert expected in feedback("11.adaptive_weights", answer, capsys)


def _elementwise(z, t):
    return soft_threshold(z, t)


def _no_clip(z, t):
    norm = np.linalg.norm(z)
    return z * (1 - t / norm) if norm > 0 else z


def _squared_norm(z, t):
    norm = np.linalg.norm(z)
    return z * max(1 - t / norm**2, 0.0) if norm > 0 else z


def _l1_norm(z, t):
    norm = np.abs(z).sum()
    return z * max(1 - t / norm, 0.0) if norm > 0 else z


def _divides_by_zero(z, t):
    norm = np.linalg.norm(z)
    with np.errstate(divide="ignore", invalid="ignore"):
        return z / norm * max(norm - t, 0.0)  # 0 / 0 for a zero block


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (block_soft_threshold, "Right"),
        (_elementwise, "elementwise soft"),
        (_no_clip, "flipped sign"),
        (_squared_norm, "not by its square"),
        (_l1_norm, "not its L1 norm"),
        (_divides_by_zero, "guard the division"),
        (lambda z, t: z[:1], "whole block"),
        (np.zeros(2), "pass the function itself"),
    ],
)
def test_block_soft_threshold(answer, expected, capsys):
    assert expected in feedback("11.block_soft_threshold", answer, capsys)


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ([1.65, 0.0, -0.775], "Right"),
        ([1.35, 0.0, -0.525], "swapped"),
        ([1.5, 0.0, -0.65], "midpoint"),
        ([1.8, 0.0, -0.9], "blend the two fits"),
    ],
)
def test_relaxed_blend(answer, expected, capsys):
    assert expected in feedback("11.relaxed_blend", answer, capsys)


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ([0.0, 1.5, 4.0], "Right"),
        ([0.0, 1.0, 3.0], "soft thresholding"),
        ([0.0, 2.0, 4.0], "hard thresholding"),
        ([0.5, 2.0, 4.0], "three zones"),
    ],
)
def test_mcp_threshold(answer, expected, capsys):
    assert expected in feedback("11.mcp_threshold", answer, capsys)


# notebook 10's questions on notebook 11


def _model_answers():
    notebook = nbformat.read(NOTEBOOKS / "10_interview_review.ipynb", as_version=4)
    answers = next(
        cell.source
        for cell in notebook.cells
        if cell.cell_type == "markdown" and "<details>" in cell.source
    )
    return dict(re.findall(r"\*\*Q(\d+) \(([a-z, ]+)\)\.\*\*", answers))


@pytest.mark.parametrize(
    ("question", "exercise_id"),
    [("15", "10.beyond_statements"), ("17", "10.lasso_bias")],
)
def test_folded_letter_answers_are_the_graded_ones(question, exercise_id, capsys):
    letters = _model_answers()[question]
    assert feedback(exercise_id, letters, capsys).startswith(f"[{exercise_id}] Right")


@pytest.mark.parametrize(
    ("exercise_id", "answer", "expected"),
    [
        ("10.beyond_statements", "acf", "Right"),
        ("10.beyond_statements", "abcf", "SMALL factor"),
        ("10.beyond_statements", "ac", "you left out (f)"),
        ("10.beyond_statements", "acef", "not convex"),
        ("10.group_prox", [1.5, 2.0], "Right"),
        ("10.group_prox", [0.5, 1.5], "elementwise"),
        ("10.group_prox", [0.0, 0.0], "larger than t"),
        ("10.lasso_bias", "b", "Right"),
        ("10.lasso_bias", "a", "large ones included"),
    ],
)
def test_beyond_questions(exercise_id, answer, expected, capsys):
    assert expected in feedback(exercise_id, answer, capsys)
