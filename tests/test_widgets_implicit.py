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


def test_path_lines_differ_by_style_and_are_named_at_their_ends():
    explorer = early_stopping_explorer()
    path_ax = explorer.figure.axes[0]
    lines = [line for line in path_ax.lines if len(line.get_xdata()) > 2]
    styles = {(line.get_color(), line.get_linestyle()) for line in lines}
    assert len(lines) == len(styles) == 10  # colour is never the only cue
    names = path_ax.texts
    assert [text.get_text() for text in names] == [f"x{j + 1}" for j in range(10)]
    renderer = explorer.figure.canvas.get_renderer()
    boxes = [text.get_window_extent(renderer) for text in names]
    axes_box = path_ax.get_window_extent(renderer)
    for i, box in enumerate(boxes):
        assert axes_box.contains(box.x0, box.y0) and axes_box.contains(box.x1, box.y1)
        assert not any(box.overlaps(other) for other in boxes[i + 1 :])
