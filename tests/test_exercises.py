"""The exercise checker and the notebooks agree: every check() a notebook calls has a
grader, every grader is used by a notebook, and check() never raises on a learner's
answer."""

import re
from pathlib import Path

import nbformat
import numpy as np
import pytest

from reglab.exercises import check, exercise_ids

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
CHECK_CALL = re.compile(r"""check\(\s*["'](\d\d\.\w+)["']""")


def _ids_used_in_notebooks():
    used = {}
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                for exercise_id in CHECK_CALL.findall(cell.source):
                    used.setdefault(exercise_id, set()).add(path.name)
    return used


def test_every_check_in_a_notebook_has_a_grader():
    missing = set(_ids_used_in_notebooks()) - set(exercise_ids())
    assert not missing, f"notebooks call check() on unregistered ids: {missing}"


def test_every_grader_is_used_by_its_notebook():
    used = _ids_used_in_notebooks()
    for exercise_id in exercise_ids():
        lesson = exercise_id.split(".")[0]
        notebooks = used.get(exercise_id, set())
        assert any(name.startswith(lesson) for name in notebooks), (
            f"grader {exercise_id!r} is not used by notebook {lesson}"
        )


def test_unanswered_exercise_gives_a_hint_not_an_error(capsys):
    exercise_id = exercise_ids()[0]
    check(exercise_id, ...)
    assert "Not answered yet" in capsys.readouterr().out


@pytest.mark.parametrize("answer", ["not a number", None, [1, 2, 3], {"a": 1}, -1e300])
def test_graders_never_raise_on_odd_answers(answer, capsys):
    for exercise_id in exercise_ids():
        check(exercise_id, answer)
        feedback = capsys.readouterr().out
        assert feedback.startswith(f"[{exercise_id}] Not yet: "), feedback


def test_unknown_exercise_is_named():
    with pytest.raises(ValueError, match="`exercise_id` must be one of"):
        check("99.no_such_exercise", 1)


def _raises(*args):
    raise IndexError("the learner's bug")


ODD_ANSWERS = [
    float("inf"),
    -float("inf"),
    float("nan"),
    np.float64("inf"),
    10**400,  # beyond the float range
    2**64,
    1e308,
    5e-324,
    -0.0,
    True,
    "3",
    "",
    b"bytes",
    1 + 2j,
    1 + 0j,
    [],
    [[1, 2], [3]],  # ragged
    [float("inf")] * 10,
    np.zeros((3, 3)),
    np.ones(1000),
    np.array([]),
    np.array([np.nan]),
    np.array(["a"]),
    (1,),
    range(5),
    frozenset(),
    object(),
    _raises,
    lambda *args: "not a number",
]


@pytest.mark.parametrize("answer", ODD_ANSWERS, ids=lambda a: repr(a)[:20])
def test_check_never_raises_on_any_answer(answer, capsys):
    # every registered grader, at answers of every odd kind: check() prints one line
    # of feedback and neither raises nor warns (warnings are errors in the tests)
    for exercise_id in exercise_ids():
        check(exercise_id, answer)
        feedback = capsys.readouterr().out
        assert re.fullmatch(
            rf"\[{re.escape(exercise_id)}\] (Right|Not yet): .+\n", feedback
        )
        # graders must read odd answers themselves: the catch-all is for the
        # learner's functions only
        assert "could not be graded" not in feedback, feedback


def test_answers_beyond_the_float_range_are_named(capsys):
    check("05.max_lasso_nonzero", float("inf"))
    assert "too large to be the answer" in capsys.readouterr().out
    check("02.l1_norm", 10**400)
    assert "too large to be the answer" in capsys.readouterr().out


def test_a_learners_function_that_fails_gets_feedback(capsys):
    check("07.alpha_max", _raises)
    assert "Grading your function failed with IndexError: the learner's bug" in (
        capsys.readouterr().out
    )


def test_a_complex_answer_is_not_graded_by_its_real_part(capsys):
    check("07.first_pixel", 1 + 0j)
    assert "wrong form" in capsys.readouterr().out
