"""Feedback of the lesson 08 graders on the answers learners are likely to give."""

from reglab.exercises import check
from reglab.exercises.lesson08 import (
    ADAM_DECAY,
    ADAM_GRAD,
    ADAM_LR,
    ADAM_W,
    DROPOUT_RATE,
)


def _feedback(exercise_id, answer, capsys):
    check(exercise_id, answer)
    return capsys.readouterr().out


def test_adamw_in_loshchilov_hutter_form_is_named(capsys):
    adam = ADAM_W - ADAM_LR * (ADAM_GRAD + ADAM_DECAY * ADAM_W) / abs(
        ADAM_GRAD + ADAM_DECAY * ADAM_W
    )
    # decay not multiplied by the learning rate (schedule multiplier 1)
    adamw_paper = ADAM_W - ADAM_LR * 1.0 - ADAM_DECAY * ADAM_W
    out = _feedback("08.adam_first_step", (adam, adamw_paper), capsys)
    assert "Not yet" in out and "Loshchilov and Hutter" in out


def test_dropout_alpha(capsys):
    q = DROPOUT_RATE
    assert "Right" in _feedback("08.dropout_alpha", q / (1 - q), capsys)
    assert "drop rate" in _feedback("08.dropout_alpha", q, capsys)
    assert "upside down" in _feedback("08.dropout_alpha", (1 - q) / q, capsys)
    assert "1 + q" in _feedback("08.dropout_alpha", q / (1 + q), capsys)
