"""Checked exercises for the course notebooks.

A notebook asks a question and the learner writes an answer in a cell::

    answer = ...            # your answer here
    check("02.l1_prefers", answer)

``check`` prints specific feedback, right or wrong; it never raises, so a notebook
shipped with ``answer = ...`` still runs top to bottom. Each lesson module registers its
exercises with ``@exercise("NN.name")``: a function that takes the answer and returns
``(is_right, message)``.
"""

import importlib
import pkgutil
import warnings

import numpy as np

_REGISTRY = {}


def exercise(exercise_id):
    """Register a grader ``answer -> (is_right, message)`` under ``exercise_id``."""

    def register(grader):
        if exercise_id in _REGISTRY:
            raise ValueError(f"Exercise {exercise_id!r} is registered twice.")
        _REGISTRY[exercise_id] = grader
        return grader

    return register


def answers_close(answer, expected, *, rtol=1e-6, atol=1e-9):
    """True when ``answer`` has ``expected``'s shape and values (to tolerance)."""
    answer = np.asarray(answer, dtype=float)
    expected = np.asarray(expected, dtype=float)
    return answer.shape == expected.shape and np.allclose(
        answer, expected, rtol=rtol, atol=atol
    )


def _load_lessons():
    # Each lessonNN module registers its graders when imported.
    for module in pkgutil.iter_modules(__path__, prefix=f"{__name__}."):
        importlib.import_module(module.name)


def exercise_ids():
    """Every registered exercise id, sorted."""
    _load_lessons()
    return sorted(_REGISTRY)


def _grade(grader, answer):
    """``grader(answer)``, with every way an answer can fail turned into feedback."""
    if callable(answer):
        # the learner's own function runs inside the grader: whatever it raises is
        # feedback (its warnings stay warnings: they come from the learner's code)
        try:
            return grader(answer)
        except Exception as exc:
            return (
                False,
                f"Grading your function failed with {type(exc).__name__}: {exc}",
            )
    try:
        # A RuntimeWarning while reading the answer (numpy dropping the imaginary part
        # of a complex number, an overflow on a huge one) means it was not read as
        # written, so it is an answer of the wrong form rather than graded anyway; so
        # is numpy's DeprecationWarning for float() of a one-element array, which
        # numpy 2.0-2.3 warn about and later versions refuse with a TypeError.
        with warnings.catch_warnings():
            warnings.simplefilter("error", RuntimeWarning)
            warnings.simplefilter("error", DeprecationWarning)
            return grader(answer)
    except OverflowError as exc:
        return False, f"That number is too large to be the answer ({exc})."
    except (
        TypeError,
        ValueError,
        ArithmeticError,
        RuntimeWarning,
        DeprecationWarning,
    ) as exc:
        return False, f"That answer has the wrong form: {exc}"
    except Exception as exc:
        return False, f"That answer could not be graded ({type(exc).__name__}: {exc})."


def check(exercise_id, answer):
    """Print feedback on ``answer`` for exercise ``exercise_id``.

    Returns nothing, so a notebook cell shows only the feedback.
    """
    _load_lessons()
    if exercise_id not in _REGISTRY:
        raise ValueError(
            f"`exercise_id` must be one of the course's exercises. Got {exercise_id!r} "
            "instead; see reglab.exercises.exercise_ids()."
        )
    if answer is Ellipsis:
        print(
            f"[{exercise_id}] Not answered yet: replace ... with your answer and run "
            "the cell again."
        )
        return
    is_right, message = _grade(_REGISTRY[exercise_id], answer)
    mark = "Right" if is_right else "Not yet"
    print(f"[{exercise_id}] {mark}: {message}")
