"""zero_share_explorer shows what reglab.random_bowls computes (the generic sweep over
every control, the text equivalent and the static fallback are in test_widgets.py)."""

import matplotlib

matplotlib.use("Agg")

import io

import numpy as np
import pytest
from PIL import Image

from reglab.random_bowls import (
    penalized_minimizers,
    random_bowls,
    round_bowl_zero_share,
)
from reglab.widgets import zero_share_explorer


@pytest.fixture(scope="module")
def explorer():
    return zero_share_explorer(n_problems=4000, random_state=0)


def lines(explorer):
    share_ax = explorer.figure.axes[1]
    return {line.get_label(): line for line in share_ax.get_lines()}


def test_start_is_the_round_bowl_and_matches_the_formula(explorer):
    assert explorer.values == {
        "l1_ratio": 0.5,
        "alpha": pytest.approx(0.5),
        "stretch": 1,
    }
    formula = round_bowl_zero_share(0.5, 0.5)
    assert f"round bowls by the formula {formula:.1%}" in explorer.description
    assert "|c_j| <= alpha * l1_ratio = 0.25" in explorer.description
    # the round bowl's bands are soft thresholding's dead zone |c_j| <= alpha r
    w1_band, w2_band = explorer.figure.axes[0].patches
    np.testing.assert_allclose(np.abs(w1_band.get_xy()[:, 0]).max(), 0.25)
    np.testing.assert_allclose(np.abs(w2_band.get_xy()[:, 1]).max(), 0.25)
    shown = lines(explorer)["round bowls, formula (dashed)"]
    np.testing.assert_allclose(
        shown.get_ydata(), round_bowl_zero_share(0.5, np.asarray(shown.get_xdata()))
    )


def test_the_shares_are_those_of_the_exact_minimizers(explorer):
    centres, curvatures = random_bowls(4000, random_state=0)
    for l1_ratio in [0.0, 0.3, 1.0]:
        explorer.controls["l1_ratio"].value = l1_ratio
        w = penalized_minimizers(centres, curvatures, 0.5, l1_ratio)
        share = np.mean(np.any(w == 0, axis=1))
        random_line = lines(explorer)[
            "Parr's random bowls (s): random tilt, eigenvalues in [0.2, 2]"
        ]
        index = list(random_line.get_xdata()).index(l1_ratio)
        assert random_line.get_ydata()[index] == share
        assert f"Parr's random bowls {share:.1%}" in explorer.description
    explorer.controls["l1_ratio"].value = 0.5


def test_markers_and_text_follow_the_stretch_and_ridge_has_no_zero(explorer):
    plane = explorer.figure.axes[0]
    with_zero, without_zero = plane.get_lines()[:2]
    explorer.controls["stretch"].value = 16.0
    assert "eigenvalue ratio 16, tilted 30 degrees" in explorer.description
    n_marked = len(with_zero.get_xdata())
    assert 0 < n_marked < 300
    assert n_marked + len(without_zero.get_xdata()) == 300
    explorer.controls["l1_ratio"].value = 0.0
    assert len(with_zero.get_xdata()) == 0
    assert "0.0% of 4000" in explorer.description
    assert explorer.description.count("Ridge") == 1
    explorer.controls["l1_ratio"].value = 0.5
    explorer.controls["stretch"].value = 1.0


def test_alpha_between_grid_points_snaps_and_says_which(explorer):
    explorer.controls["alpha"].value = 0.9  # the grid has 0.792 and 1.26
    assert "alpha = 0.792" in explorer.description
    explorer.controls["alpha"].value = 0.5
    assert "alpha = 0.5," in explorer.description


def test_bad_arguments_name_the_parameter():
    with pytest.raises(TypeError, match="`n_problems`"):
        zero_share_explorer(n_problems=1.5)
    with pytest.raises(ValueError, match="`n_shown`"):
        zero_share_explorer(n_shown=-1)


@pytest.mark.parametrize(
    "state",
    [{"stretch": 16.0, "l1_ratio": 1.0}, {"l1_ratio": 0.0}, {"alpha": 2.0}],
)
def test_image_is_the_figure_as_drawn(explorer, state):
    start = explorer.values
    for name, value in state.items():
        explorer.controls[name].value = value
    blitted = np.asarray(Image.open(io.BytesIO(explorer.png)).convert("RGB"))
    # the same state drawn from scratch, the moving artists included
    explorer.figure.canvas.draw()
    for artist in explorer.animated_artists():
        (artist.axes or explorer.figure).draw_artist(artist)
    full = np.asarray(explorer.figure.canvas.buffer_rgba())[..., :3]
    # the PNG is a 256-colour palette: colours may move a little, shapes may not
    difference = np.abs(blitted.astype(int) - full.astype(int)).max(axis=-1)
    assert np.mean(difference > 32) < 1e-3
    for name, value in start.items():
        explorer.controls[name].value = value


def test_what_notebook_04_says_about_the_shapes(explorer):
    """04: the share grows with l1_ratio and alpha for every shape; at l1_ratio 0.5 a
    stretched bowl has more zeros than the round one at the smallest alpha and fewer
    at the largest."""
    this_bowl = explorer.shares["this bowl"]  # (stretch, alpha, l1_ratio)
    assert np.all(np.diff(this_bowl, axis=1) >= 0)
    assert np.all(np.diff(this_bowl, axis=2) >= 0)
    middle = list(explorer.controls["l1_ratio"].options).index(("0.5", 0.5))
    round_bowl, stretched = this_bowl[0, :, middle], this_bowl[1:, :, middle]
    assert np.all(stretched[:, 0] > round_bowl[0])
    assert np.all(stretched[:, -1] < round_bowl[-1])
