"""early_stopping_explorer: the slider moves the iterate, the bars and the text."""

import numpy as np
import pytest

from reglab.datasets import load_diabetes
from reglab.implicit import early_stopping_alpha, gradient_descent_path
from reglab.widgets.implicit import DEFAULT_STEPS, early_stopping_explorer


def test_every_step_moves_the_dots_bars_and_text():
    explorer = early_stopping_explorer()
    X, y = load_diabetes(return_X_y=True)
    X, y = (X - X.mean(axis=0)) / X.std(axis=0), y - y.mean()
    eta = 1.0 / np.linalg.eigvalsh(X.T @ X / X.shape[0]).max()
    iterates = gradient_descent_path(X, y, learning_rate=eta, n_steps=1000)
    slider = explorer.controls["steps"]
    dots = explorer.figure.axes[0].collections[0]
    bars = explorer.figure.axes[1].patches[: X.shape[1]]  # gradient descent's bars
    for t in DEFAULT_STEPS:  # starts below the initial value, so every set changes
        renders = explorer.n_renders
        slider.value = t
        assert explorer.n_renders == renders + 1
        offsets = dots.get_offsets()
        np.testing.assert_allclose(offsets[:, 0], early_stopping_alpha(t, eta))
        np.testing.assert_allclose(offsets[:, 1], iterates[t], atol=1e-9)
        heights = [bar.get_height() for bar in bars]
        np.testing.assert_allclose(heights, iterates[t], atol=1e-9)
        assert explorer.description.startswith(f"t = {t} step")


def test_bad_steps_are_named():
    with pytest.raises(ValueError, match="steps"):
        early_stopping_explorer(steps=[])
    with pytest.raises(ValueError, match="steps"):
        early_stopping_explorer(steps=[0, 5])
