"""Every explorer in reglab.widgets is found, built with no arguments, and driven
headlessly across each control's whole range; the figure shows what the math says.

Warnings are errors in this repo's pytest configuration, so every sweep also asserts
that no slider position warns.
"""

import importlib
import inspect
import io
import pkgutil

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

import ipywidgets
import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from PIL import Image

import reglab.widgets


def discovered_explorers():
    found = {}
    for info in pkgutil.walk_packages(reglab.widgets.__path__, "reglab.widgets."):
        module = importlib.import_module(info.name)
        for name, obj in inspect.getmembers(module, inspect.isfunction):
            public = not name.startswith("_")
            if (
                public
                and name.endswith("_explorer")
                and obj.__module__ == module.__name__
            ):
                found[name] = obj
    return found


EXPLORERS = discovered_explorers()
_BUILT = {}


def built(name):
    """Each explorer is built once with its defaults and shared by the tests."""
    if name not in _BUILT:
        _BUILT[name] = EXPLORERS[name]()
    return _BUILT[name]


def test_discovery_finds_every_lesson_explorer():
    assert {
        "polynomial_explorer",
        "ridge_explorer",
        "norm_explorer",
        "unit_ball_explorer",
        "geometry_explorer",
        "thresholding_explorer",
        "path_explorer",
        "l1_ratio_explorer",
        "cv_explorer",
        "classification_explorer",
        "neural_explorer",
    } <= set(EXPLORERS)
    assert set(EXPLORERS) == set(reglab.widgets.__all__) - {"Explorer"}


def sweep_values(control):
    """Values covering a control's whole range, ends included."""
    if isinstance(control, ipywidgets.FloatLogSlider):
        return list(10 ** np.linspace(control.min, control.max, 9))
    if isinstance(control, (ipywidgets.IntSlider, ipywidgets.FloatSlider)):
        values = np.linspace(control.min, control.max, 9)
        return [type(control.value)(v) for v in values]
    if isinstance(control, ipywidgets.Checkbox):
        return [not control.value, control.value]
    if isinstance(control, (ipywidgets.ToggleButtons, ipywidgets.SelectionSlider)):
        return [o[1] if isinstance(o, tuple) else o for o in control.options]
    if isinstance(control, ipywidgets.Text):
        return ["0 0 0 0", "-1, 2, -3, 4", "not numbers", "1 2", control.value]
    raise AssertionError(f"no sweep for {type(control).__name__}")


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_explorer_builds_and_every_control_redraws(name):
    fignums = plt.get_fignums()
    explorer = built(name)
    assert isinstance(explorer.widget, ipywidgets.Widget)
    assert isinstance(explorer.figure, Figure)
    assert explorer.controls
    assert bytes(explorer.image.value).startswith(b"\x89PNG")
    assert explorer._repr_mimebundle_()  # displays as its widget
    # every panel says what it shows (a twin axis only adds a top scale)
    panels = [ax for ax in explorer.figure.axes if ax.get_ylabel()]
    assert panels
    for ax in panels:
        assert ax.get_title() and ax.get_xlabel(), f"{name}: panel without labels"
    twins = [ax for ax in explorer.figure.axes if ax not in panels]
    assert all(ax.get_xlabel() for ax in twins)
    figure = explorer.figure
    for control_name, control in explorer.controls.items():
        original = control.value
        for value in sweep_values(control):
            before = explorer.n_renders
            control.value = value
            if control.value != original or value != original:
                assert explorer.n_renders >= before, control_name
            assert explorer.figure is figure  # artists moved, no new figure
            assert bytes(explorer.image.value).startswith(b"\x89PNG")
        control.value = original
    assert plt.get_fignums() == fignums  # explorers never touch pyplot


def test_explorer_image_is_the_figure_as_drawn():
    explorer = built("thresholding_explorer")
    explorer.controls["alpha"].value = 1.3
    image = Image.open(io.BytesIO(bytes(explorer.image.value)))
    width, height = explorer.figure.canvas.get_width_height()
    assert image.size == (width, height)
    # blitted frame == a full redraw of the same state
    blitted = np.asarray(image.convert("RGB"))
    explorer.figure.canvas.draw()
    for artist in explorer.animated_artists():
        artist.axes.draw_artist(artist)
    full = np.asarray(explorer.figure.canvas.buffer_rgba())[..., :3]
    # the PNG is a 256-colour palette: colours may move a little, shapes may not
    difference = np.abs(blitted.astype(int) - full.astype(int)).max(axis=-1)
    assert np.mean(difference > 32) < 1e-3


def _ridge_reference(fit, alpha):
    """Ridge (or min-norm least squares) written out with numpy, for comparison."""
    T = fit._design
    Tc, yc = T - T.mean(axis=0), fit.y - fit.y.mean()
    n = T.shape[0]
    if alpha == 0:
        coef = np.linalg.pinv(Tc) @ yc
    else:  # (T^T T / n + alpha I) w = T^T y / n
        coef = np.linalg.solve(
            Tc.T @ Tc / n + alpha * np.eye(T.shape[1]), Tc.T @ yc / n
        )
    intercept = fit.y.mean() - T.mean(axis=0) @ coef
    return fit._grid_design @ coef + intercept, coef


def test_ridge_explorer_alpha_zero_is_least_squares_and_shrinks():
    explorer = built("ridge_explorer")
    fit, bars = explorer.displays["fit"], explorer.displays["coefficients"]
    explorer.controls["least_squares"].value = True
    assert explorer.controls["alpha"].disabled
    curve, coef = _ridge_reference(fit, 0.0)
    np.testing.assert_allclose(fit.line_.get_ydata(), curve, rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(
        [b.get_height() for b in bars.bars_], coef, rtol=1e-6, atol=1e-6
    )
    explorer.controls["least_squares"].value = False
    norms = []
    for alpha in [1e-4, 1e-2, 1.0, 100.0]:
        explorer.controls["alpha"].value = alpha
        curve, coef = _ridge_reference(fit, explorer.controls["alpha"].value)
        np.testing.assert_allclose(fit.line_.get_ydata(), curve, rtol=1e-6, atol=1e-8)
        norms.append(np.linalg.norm([b.get_height() for b in bars.bars_]))
    assert norms == sorted(norms, reverse=True)  # shrinkage grows with alpha


def test_ridge_explorer_alpha_zero_with_more_features_than_samples():
    x = np.linspace(-1, 1, 6)
    explorer = reglab.widgets.ridge_explorer(x, np.sin(3 * x), degree=10)
    explorer.controls["least_squares"].value = True
    fit = explorer.displays["fit"]
    curve, _ = _ridge_reference(fit, 0.0)
    np.testing.assert_allclose(fit.line_.get_ydata(), curve, atol=1e-6)
    # the minimum-norm fit interpolates the 6 points
    np.testing.assert_allclose(
        fit._design @ fit.coef_ + fit.intercept_, fit.y, atol=1e-8
    )


def test_polynomial_explorer_shows_the_least_squares_fit_of_each_degree():
    from reglab.plots import polynomial_design

    explorer = built("polynomial_explorer")
    fit, errors = explorer.displays["fit"], explorer.displays["errors"]
    for degree in [0, 2, 7, explorer.controls["degree"].max]:
        explorer.controls["degree"].value = degree
        T = np.c_[np.ones(fit.x.size), polynomial_design(fit.x, degree, fit.x_range)]
        coef = np.linalg.lstsq(T, fit.y, rcond=None)[0]
        grid = np.c_[
            np.ones(fit.x_grid.size), polynomial_design(fit.x_grid, degree, fit.x_range)
        ]
        np.testing.assert_allclose(fit.line_.get_ydata(), grid @ coef, atol=1e-6)
        assert errors.marker_.get_xdata()[0] == degree
    # training error never rises with degree (nested least-squares models)
    assert np.all(np.diff(fit.train_errors) <= 1e-9)


def test_path_explorer_bars_are_the_path_at_the_marker():
    explorer = built("path_explorer")
    path, bars = explorer.displays["path"], explorer.displays["coefficients"]
    slider = explorer.controls["alpha"]
    for alpha in 10 ** np.linspace(slider.min, slider.max, 15):
        slider.value = alpha
        index = path.index_
        heights = np.array([b.get_height() for b in bars.bars_])
        np.testing.assert_array_equal(heights, path.coefs[index])
        assert np.count_nonzero(heights) == path.n_nonzero[index]
        assert path.marker_.get_xdata()[0] == path.alphas[index]
        assert f"{path.n_nonzero[index]} of" in bars.ax_.get_title()
    slider.value = 10**slider.max  # far above alpha_max: every bar is zero
    assert all(b.get_height() == 0 for b in bars.bars_)


def test_geometry_explorer_solution_is_on_the_ball_and_on_the_path():
    from reglab.paths import regularization_path
    from reglab.solvers import alpha_max

    explorer = built("geometry_explorer")
    geometry = explorer.displays["geometry"]
    path = explorer.displays["path"]
    bars = explorer.displays["coefficients"]
    X, y = reglab.widgets.penalties._default_two_feature_data()
    for l1_ratio in (1.0, 0.5, 0.0):
        explorer.controls["penalty"].value = l1_ratio
        reference = regularization_path(X, y, l1_ratio=l1_ratio, alphas=geometry.alphas)
        for alpha in geometry.alphas[::20]:
            explorer.controls["alpha"].value = alpha
            solution = np.array([d[0] for d in geometry.solution_.get_data()])
            np.testing.assert_allclose(solution, reference.coefs[geometry.index_])
            np.testing.assert_allclose(
                [b.get_height() for b in bars.bars_], solution
            )  # bars, point and marker move together
            assert path.marker_.get_xdata()[0] == geometry.alphas[geometry.index_]
            contour = np.column_stack(geometry.touching_contour_.get_data())
            d = contour - geometry.ols_coef
            excess = 0.5 * np.einsum("ki,ij,kj->k", d, geometry.gram, d)
            at_solution = (
                0.5
                * (solution - geometry.ols_coef)
                @ geometry.gram
                @ (solution - geometry.ols_coef)
            )
            np.testing.assert_allclose(excess, at_solution, rtol=1e-8, atol=1e-12)
            if np.any(solution):
                ball = np.column_stack(geometry.ball_.get_data())
                assert np.min(np.linalg.norm(ball - solution, axis=1)) < 0.05 * max(
                    np.abs(solution).max(), 1e-3
                )
    explorer.controls["penalty"].value = 1.0
    explorer.controls["alpha"].value = 1.5 * alpha_max(X, y)
    np.testing.assert_array_equal(geometry.coef_, [0.0, 0.0])


def test_thresholding_explorer_zero_band_is_alpha():
    explorer = built("thresholding_explorer")
    display = explorer.displays["thresholding"]
    explorer.controls["l1_ratio"].value = 1.0
    for alpha in [0.0, 0.5, 2.0]:
        explorer.controls["alpha"].value = alpha
        z = display.z
        soft = display.lines_["L1 (soft)"].get_ydata()
        assert np.all(soft[np.abs(z) <= alpha] == 0)
        assert np.all(soft[np.abs(z) > alpha + 1e-12] != 0)
        np.testing.assert_allclose(
            display.lines_["elastic net"].get_ydata(), soft
        )  # l1_ratio = 1 is the lasso
        ridge = display.lines_["L2 (proportional)"].get_ydata()
        np.testing.assert_allclose(ridge, z / (1 + alpha))


def test_norm_explorer_reads_vectors_and_never_raises():
    explorer = built("norm_explorer")
    norms = explorer.displays["norms"]
    explorer.controls["w1"].value = "3, -4, 0, 0"
    assert norms.norms["w1"]["L2 = sqrt(sum w^2)"] == pytest.approx(5.0)
    assert norms.norms["w1"]["L1 = sum |w|"] == pytest.approx(7.0)
    assert norms.norms["w1"]["L0 (count)"] == 2
    heights = [b.get_height() for b in norms.norm_bars_["w1"]]
    assert heights == pytest.approx([2, 7, 5, 25])
    assert norms.axes_[1].get_ylim()[1] >= 25  # axis grew to fit
    renders = explorer.n_renders
    explorer.controls["w1"].value = "1 2 three 4"
    assert "Not updated" in explorer.footer.value
    assert norms.norms["w1"]["L1 = sum |w|"] == pytest.approx(7.0)
    assert explorer.n_renders == renders + 1


def _frame(explorer):
    return np.array(explorer.figure.canvas.buffer_rgba())


def _frame_drawn_from_scratch(explorer):
    """What a full redraw shows for the current state (no cached pixels used)."""
    explorer._render(full=True)
    return _frame(explorer)


def test_norm_explorer_rescales_its_axes_without_a_full_redraw():
    explorer = reglab.widgets.norm_explorer()
    norms = explorer.displays["norms"]
    for text in ["3000, -4000, 0, 0", "1 0 0 0", "-0.5 0 0 0.25", "3000, -4000, 0, 0"]:
        background = explorer._background
        limits = [ax.get_ylim() for ax in norms.axes_]
        explorer.controls["w1"].value = text
        assert explorer._background is background, "a full redraw"
        # each step needs new limits on at least one axis
        assert [ax.get_ylim() for ax in norms.axes_] != limits
        # the y axes (ticks, labels) are drawn for their new limits, as from scratch
        np.testing.assert_array_equal(
            _frame(explorer), _frame_drawn_from_scratch(explorer)
        )


def test_neural_explorer_shows_states_drawn_at_build_without_drawing_them():
    explorer = reglab.widgets.neural_explorer(
        strengths=(0.0, 0.1), n_epochs=30, grid_resolution=40
    )
    boundary, controls = explorer.displays["boundary"], explorer.controls
    assert controls["regularizer"].style.button_width == "auto"  # labels not cut
    assert len(controls["regularizer"].tooltips) == len(controls["regularizer"].options)
    image_draws = []
    draw_image = boundary.image_.draw
    boundary.image_.draw = lambda renderer: image_draws.append(draw_image(renderer))
    states = [
        (regularizer, strength)
        for regularizer in controls["regularizer"].options
        for _, strength in controls["strength"].options
    ]
    frames = {}
    for regularizer, strength in states:
        controls["regularizer"].value = regularizer
        controls["strength"].value = strength
        assert f"strength {strength:g}" in boundary.ax_.get_title()
        frames[regularizer, strength] = _frame(explorer)
    assert not image_draws  # every state's panel was drawn once at build
    for regularizer, strength in states:
        controls["regularizer"].value = regularizer
        controls["strength"].value = strength
        np.testing.assert_array_equal(
            frames[regularizer, strength], _frame_drawn_from_scratch(explorer)
        )
    assert image_draws  # the full redraws did draw it


def test_l1_ratio_explorer_lasso_picks_one_ridge_shares():
    explorer = built("l1_ratio_explorer")
    bars = explorer.displays["coefficients"]
    explorer.controls["alpha"].value = explorer.displays["path"].alphas[30]
    group_spread = {}
    for r in (0.0, 1.0):
        explorer.controls["l1_ratio"].value = r
        heights = np.array([b.get_height() for b in bars.bars_])
        np.testing.assert_array_equal(
            heights, explorer.paths[r].coefs[explorer.displays["path"].index_]
        )
        first_group = heights[:3]
        group_spread[r] = first_group.max() - first_group.min()
        if r == 0.0:
            assert np.count_nonzero(first_group) == 3
    # the lasso's weight sits on fewer copies: the spread within the group is larger
    assert group_spread[1.0] > group_spread[0.0]


def test_cv_explorer_starts_at_alpha_min_and_bars_follow_the_path():
    explorer = built("cv_explorer")
    curve, bars = explorer.displays["cv"], explorer.displays["coefficients"]
    cv = curve.cv_path
    assert curve.alphas[curve.index_] == pytest.approx(cv.alpha_min)
    assert cv.alpha_1se >= cv.alpha_min
    for alpha in curve.alphas[::7]:
        explorer.controls["alpha"].value = alpha
        np.testing.assert_array_equal(
            [b.get_height() for b in bars.bars_], cv.path.coefs[curve.index_]
        )
    explorer.controls["show_folds"].value = True
    assert all(line.get_visible() for line in curve.fold_lines_)
    go_to_min, go_to_1se = explorer.buttons
    go_to_1se.click()
    assert curve.alphas[curve.index_] == pytest.approx(cv.alpha_1se)
    np.testing.assert_array_equal(
        [b.get_height() for b in bars.bars_], cv.path.coefs[curve.index_]
    )
    go_to_min.click()
    assert curve.alphas[curve.index_] == pytest.approx(cv.alpha_min)


def test_classification_explorer_boundary_and_weights_come_from_the_path():
    from scipy.special import expit

    explorer = built("classification_explorer")
    boundary = explorer.displays["boundary"]
    bars = explorer.displays["coefficients"]
    for r in (1.0, 0.0):
        explorer.controls["penalty"].value = r
        for alpha in boundary.alphas[::10]:
            explorer.controls["alpha"].value = alpha
            path = boundary.paths[r]
            coef = path.coefs[boundary.index_]
            heights = np.array([b.get_height() for b in bars.bars_])
            np.testing.assert_array_equal(heights, coef)
            expected = expit(
                boundary._grid_features @ coef + path.intercepts[boundary.index_]
            ).reshape(boundary.xx.shape)
            np.testing.assert_allclose(
                boundary.boundary.image_.get_array(), expected, rtol=1e-12
            )
    explorer.controls["penalty"].value = 1.0
    explorer.controls["alpha"].value = 10 ** explorer.controls["alpha"].max
    assert not np.any([b.get_height() for b in bars.bars_])  # above alpha_max: all 0


def test_neural_explorer_shows_each_precomputed_network():
    explorer = built("neural_explorer")
    boundary, weights = explorer.displays["boundary"], explorer.displays["weights"]
    for regularizer in explorer.controls["regularizer"].options:
        explorer.controls["regularizer"].value = regularizer
        for _, strength in explorer.controls["strength"].options[::3]:
            explorer.controls["strength"].value = strength
            model = explorer.models[regularizer, strength]
            points = np.column_stack([boundary.xx.ravel(), boundary.yy.ravel()])
            np.testing.assert_allclose(
                boundary.image_.get_array().ravel(), model.predict_proba(points)[:, 1]
            )
            n_weights = sum(W.size for W in model.coefs_)
            counts = weights.steps_[regularizer].get_data().values
            assert counts.sum() == n_weights
    # a strong proximal L1 penalty zeroes more weights than none at all
    none = explorer.models["L1 penalty (proximal)", 0.0].fraction_zero()
    strong = explorer.models["L1 penalty (proximal)", 0.01].fraction_zero()
    assert strong > none


def test_ridge_explorer_on_a_design_matrix_with_more_features_than_samples():
    rng = np.random.default_rng(0)
    X, y = rng.standard_normal((10, 25)), rng.standard_normal(10)
    explorer = reglab.widgets.ridge_explorer(X, y, alpha_range=(1e-3, 1e2))
    bars, path = explorer.displays["coefficients"], explorer.displays["path"]
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    explorer.controls["least_squares"].value = True  # alpha = 0: minimum norm
    np.testing.assert_allclose(
        [b.get_height() for b in bars.bars_], np.linalg.pinv(Xc) @ yc, atol=1e-8
    )
    assert "9.00 of 25" in bars.ax_.get_title()  # df = rank of the centred X
    explorer.controls["least_squares"].value = False
    for alpha in [1e-3, 0.1, 100.0]:
        explorer.controls["alpha"].value = alpha
        alpha = explorer.controls["alpha"].value
        expected = np.linalg.solve(Xc.T @ Xc / 10 + alpha * np.eye(25), Xc.T @ yc / 10)
        np.testing.assert_allclose(
            [b.get_height() for b in bars.bars_], expected, atol=1e-8
        )
        assert path.marker_.get_xdata()[0] == pytest.approx(alpha, rel=0.1)


def test_unit_ball_explorer_morphs_the_ball_and_reads_out_the_penalties():
    import warnings

    from reglab.penalties import L1L2

    explorer = built("unit_ball_explorer")
    slider = explorer.controls["l1_ratio"]
    ball_ax = explorer.figure.axes[0]
    (ball,) = [line for line in ball_ax.lines if line.get_label() == "elastic net"]
    w1, w2 = np.array([1.0, 0.0, 0.0, 0.0]), np.array([0.26, 0.25, 0.25, 0.25])
    verdicts = {}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for step in range(21):  # every slider position, 0 and 1 included
            renders = explorer.n_renders
            slider.value = step / 20
            r = slider.value
            assert explorer.n_renders == renders + 1  # one redraw per change
            w = ball.get_xydata()
            # every vertex on r |w|_1 + (1 - r)/2 |w|^2 = P(e_1) = r + (1 - r)/2
            level = r * np.abs(w).sum(axis=1) + (1 - r) / 2 * (w**2).sum(axis=1)
            np.testing.assert_allclose(level, r + (1 - r) / 2, rtol=1e-12)
            expected = {"w1": L1L2(1.0, r).value(w1), "w2": L1L2(1.0, r).value(w2)}
            assert explorer.penalty_values == expected
            for name, value in expected.items():
                assert f"P({name}) = {value:.4f}" in explorer.footer.value
            verdicts[round(r, 2)] = "w1 has" in explorer.footer.value
    slider.value = 1.0
    w = ball.get_xydata()
    np.testing.assert_allclose(np.abs(w).sum(axis=1), 1.0, rtol=1e-12)  # diamond
    for corner in ([1, 0], [0, 1], [-1, 0], [0, -1]):
        assert np.any(np.all(np.isclose(w, corner, atol=1e-12), axis=1)), corner
    slider.value = 0.0
    np.testing.assert_allclose(np.hypot(*ball.get_xydata().T), 1.0, rtol=1e-12)
    # w2 (spread out) wins up to the flip, w1 (one weight) after it:
    # P(w1) - P(w2) = -0.01 r + 0.7449 (1 - r)/2 changes sign at r = 0.974...
    flip = 0.7449 / 2 / (0.7449 / 2 + 0.01)
    assert verdicts == {r: r > flip for r in verdicts}
    assert verdicts[1.0] and not verdicts[0.95]
