"""group_lasso_explorer: the bars and the dot on the ball are the paths' fits; the
group lasso keeps both dummies or neither; bad groups are named."""

import numpy as np
import pytest

from reglab.paths import regularization_path
from reglab.penalties import GroupL1
from reglab.widgets.groups import _default_data, group_lasso_explorer


@pytest.fixture(scope="module")
def explorer():
    return group_lasso_explorer()


def _heights(explorer):
    return np.array(
        [bar.get_height() for bar in explorer.displays["coefficients"].bars_]
    )


def test_paths_are_the_group_lasso_and_the_lasso_on_one_grid(explorer):
    X, y = _default_data()
    group, lasso = explorer.paths["group"], explorer.paths["lasso"]
    np.testing.assert_array_equal(group.alphas, lasso.alphas)
    reference = regularization_path(
        X, y, penalty=GroupL1(1.0, [0, 0, 1]), alphas=group.alphas
    )
    np.testing.assert_allclose(group.coefs, reference.coefs, atol=1e-6)
    # the grid starts above both alpha_max: everything is zero there
    assert not np.any(group.coefs[0]) and not np.any(lasso.coefs[0])


def test_the_group_lasso_keeps_both_dummies_or_neither(explorer):
    dummies = explorer.paths["group"].coefs[:, :2]
    assert set(np.count_nonzero(dummies, axis=1)) <= {0, 2}
    # on the default data the lasso does keep one dummy alone somewhere
    lasso_dummies = explorer.paths["lasso"].coefs[:, :2]
    assert 1 in set(np.count_nonzero(lasso_dummies, axis=1))


@pytest.mark.parametrize("key", ["group", "lasso"])
def test_bars_text_and_dot_follow_the_slider(explorer, key):
    explorer.controls["penalty"].value = key
    path = explorer.displays["path"]
    slider = explorer.controls["alpha"]
    penalty = GroupL1(1.0, [0, 0, 1]) if key == "group" else None
    ball_ax = next(ax for ax in explorer.figure.axes if ax.name == "3d")
    point = next(line for line in ball_ax.lines if line.get_marker() == "o")
    for alpha in 10 ** np.linspace(slider.min, slider.max, 12):
        slider.value = alpha
        coef = explorer.paths[key].coefs[path.index_]
        np.testing.assert_array_equal(_heights(explorer), coef)
        assert explorer.description.startswith(
            "group lasso" if key == "group" else "lasso"
        )
        if np.any(coef):
            assert point.get_visible()
            xs, ys, zs = point.get_data_3d()
            on_ball = np.array([xs[0], ys[0], zs[0]])
            value = penalty.value(on_ball) if penalty else float(np.abs(on_ball).sum())
            assert value == pytest.approx(1.0)
            np.testing.assert_allclose(
                on_ball * np.abs(coef).sum() / np.abs(on_ball).sum(), coef
            )
        else:
            assert not point.get_visible()
            assert "every coefficient is 0" in explorer.description


def test_description_names_whole_groups(explorer):
    explorer.controls["penalty"].value = "group"
    explorer.controls["alpha"].value = explorer.paths["group"].alphas[-1]
    assert "shape in (square" in explorer.description


@pytest.mark.parametrize(
    "groups",
    [[0, 1, 2], [0, 0, 0], [0, 0], ["a", "b", "b", "b"]],
)
def test_bad_groups_are_named(groups):
    X, y = _default_data()
    if len(groups) == 4:
        X = np.column_stack([X, X[:, 0]])
    with pytest.raises(ValueError, match="groups"):
        group_lasso_explorer(X, y, groups=groups)


def test_bad_penalty_is_named():
    with pytest.raises(ValueError, match="penalty"):
        group_lasso_explorer(penalty="ridge")
