"""04.zero_share: the grader accepts the slider position the formula gives and says
why the others are not it."""

import numpy as np
import pytest

from reglab.exercises import check
from reglab.random_bowls import round_bowl_zero_share


def feedback(answer, capsys):
    check("04.zero_share", answer)
    return capsys.readouterr().out


def test_the_answer_is_where_the_formula_first_reaches_one_half():
    # computed independently of the grader: the slider's grid, the formula
    grid = [round(0.05 * k, 2) for k in range(21)]
    first = next(r for r in grid if round_bowl_zero_share(0.5, r) >= 0.5)
    assert round_bowl_zero_share(0.5, first - 0.05) < 0.5


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (0.8, "Right: at l1_ratio = 0.8 the share of round bowls with a zero is 52.5%"),
        (0.75, "only 49.9%"),
        (0.3, "more L1 is needed"),
        (1.0, "already reaches one half at a smaller l1_ratio"),
        (0.77, "a multiple of 0.05 (for example 0.75)"),
        (1.5, "between 0 (ridge) and 1 (lasso)"),
        ("half", "wrong form"),
    ],
)
def test_feedback(answer, expected, capsys):
    assert expected in feedback(answer, capsys)


def test_a_numpy_number_is_graded_like_a_float(capsys):
    assert "Right" in feedback(np.float64(0.8), capsys)
