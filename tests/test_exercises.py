"""The exercise checker and the notebooks agree: every check() a notebook calls has a
grader, every grader is used by a notebook, and check() never raises on a learner's
answer."""

import re
from pathlib import Path

import nbformat
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
