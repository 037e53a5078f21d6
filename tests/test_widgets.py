"""Every explorer in reglab.widgets is found, built with no arguments, and driven
headlessly across each control's whole range; the figure shows what the math says.

Warnings are errors in this repo's pytest configuration, so every sweep also asserts
that no slider position warns.
"""

import base64
import html
import importlib
import inspect
import io
import pkgutil
import re

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

import ipywidgets
import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from PIL import Image

import reglab.widgets
from reglab.datasets import make_dense_regression
from reglab.plots import polynomial_design


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
        return [
            "0 0 0 0",
            "-1, 2, -3, 4",
            "not numbers",
            "1 2",
            "1e160, 0, 0, 0",
            "1e-300 0 0 0",
            control.value,
        ]
    raise AssertionError(f"no sweep for {type(control).__name__}")


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_explorer_builds_and_every_control_redraws_once(name):
    fignums = plt.get_fignums()
    explorer = built(name)
    assert isinstance(explorer.widget, ipywidgets.Widget)
    assert isinstance(explorer.figure, Figure)
    assert explorer.controls
    assert explorer.png.startswith(b"\x89PNG")
    assert explorer._repr_mimebundle_()  # displays as its widget
    # every panel says what it shows (a twin axis only adds a top scale)
    panels = [ax for ax in explorer.figure.axes if ax.get_ylabel()]
    assert panels
    for ax in panels:
        assert ax.get_title() and ax.get_xlabel(), f"{name}: panel without labels"
    twins = [ax for ax in explorer.figure.axes if ax not in panels]
    assert all(ax.get_xlabel() for ax in twins)
    figure = explorer.figure
    size = tuple(figure.get_size_inches())
    for control_name, control in explorer.controls.items():
        original = control.value
        for value in sweep_values(control):
            before, old = explorer.n_renders, control.value
            control.value = value
            changed = control.value != old
            assert explorer.n_renders == before + changed, control_name
            assert explorer.figure is figure  # artists moved, no new figure
            assert explorer.png.startswith(b"\x89PNG")
            # the page gets that PNG as a data URL (decoded in the page, no blob)
            assert explorer.image.format == "url"
            data_url = b"data:image/png;base64," + base64.b64encode(explorer.png)
            assert bytes(explorer.image.value) == data_url
            # the text equivalent is current (the page copies it into the alt text);
            # no Image tooltip: ipywidgets 8.1's Image view fails to render with one
            assert explorer.description
            assert explorer.image.tooltip is None
            assert html.escape(explorer.description) in explorer.text.value
        control.value = original
    assert tuple(figure.get_size_inches()) == size  # keeps its figsize
    assert plt.get_fignums() == fignums  # explorers never touch pyplot


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_text_equivalent_follows_the_figure_and_has_a_static_fallback(name):
    explorer = built(name)
    for control in explorer.controls.values():
        values, original = sweep_values(control), control.value
        texts = set()
        for value in values:
            control.value = value
            texts.add(explorer.description)
        control.value = original
        if len(set(map(repr, values))) > 1 and not isinstance(control, ipywidgets.Text):
            assert len(texts) > 1, f"{name}: the text ignores {control.description}"
    bundle = explorer.widget._repr_mimebundle_()
    assert bundle["text/plain"] == explorer.description
    static = bundle["text/html"]
    assert f'alt="{html.escape(explorer.description)}"' in static
    assert "data:image/png;base64," in static
    # the DOM classes the browser tests find the explorer, figure and text by
    assert "reglab-explorer" in explorer.widget._dom_classes
    assert "reglab-figure" in explorer.image._dom_classes
    assert "reglab-description" in explorer.text._dom_classes
    assert 'class="reglab-description-text"' in explorer.text.value
    assert "aria-live" in html.unescape(explorer.text.value)


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_every_control_has_a_description_to_be_named_by(name):
    # the page names each slider handle by its description label (aria-labelledby);
    # the other controls' labels and texts name them (tests/e2e runs axe-core)
    explorer = built(name)
    for control_name, control in explorer.controls.items():
        assert control.description.strip(), f"{name}: {control_name} has no label"
    assert "aria-labelledby" in html.unescape(explorer.text.value)


def test_explorer_png_holds_a_few_colour_figure_exactly():
    # flat, unsmoothed colours (fewer than a palette's 256): the PNG is the canvas,
    # pixel for pixel and channel for channel (red stays red, not blue)
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.patches import Rectangle

    figure = Figure(figsize=(2, 1), dpi=50)
    FigureCanvasAgg(figure)
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    box = ax.add_patch(Rectangle((0, 0), 0.5, 1, color=(1.0, 0.4, 0.0), lw=0))
    ax.add_patch(Rectangle((0.5, 0), 0.5, 0.5, color=(0.0, 0.2, 0.8), lw=0))
    slider = ipywidgets.FloatSlider(value=0.5, min=0.1, max=0.9)

    def update(values):
        box.set_width(values["width"])
        return f"an orange box {values['width']:.1f} wide"

    explorer = reglab.widgets.Explorer(
        figure, {"width": slider}, update, animated=lambda: [box]
    )
    slider.value = 0.3
    png = Image.open(io.BytesIO(explorer.png))
    canvas = np.asarray(figure.canvas.buffer_rgba())[..., :3]
    np.testing.assert_array_equal(np.asarray(png.convert("RGB")), canvas)
    assert {tuple(c) for c in canvas.reshape(-1, 3)} >= {(255, 102, 0), (0, 51, 204)}


def _full_redraw(explorer):
    """The figure drawn from scratch in its current state (animated artists too)."""
    explorer.figure.canvas.draw()
    for artist in explorer.animated_artists():
        if artist.get_visible():
            (artist.axes or explorer.figure).draw_artist(artist)
    return np.asarray(explorer.figure.canvas.buffer_rgba())[..., :3]


@pytest.mark.parametrize(
    "name, control, value",
    [
        ("thresholding_explorer", "alpha", 1.3),
        ("norm_explorer", "w1", "3000, -4000, 0, 0"),  # new axis limits
        ("norm_explorer", "w1", "-0.5 0 0 0.25"),
        ("neural_explorer", "regularizer", "L1 penalty (proximal)"),
    ],
)
def test_explorer_image_is_the_figure_as_drawn(name, control, value):
    explorer = built(name)
    explorer.controls[control].value = value
    image = Image.open(io.BytesIO(explorer.png))
    width, height = explorer.figure.canvas.get_width_height()
    assert image.size == (width, height)
    # blitted frame == a full redraw of the same state
    blitted = np.asarray(image.convert("RGB"))
    full = _full_redraw(explorer)
    # the PNG is a 256-colour palette: colours may move a little, shapes may not
    difference = np.abs(blitted.astype(int) - full.astype(int)).max(axis=-1)
    assert np.mean(difference > 32) < 1e-3


def _ridge_reference(fit, alpha):
    """Ridge (or min-norm least squares) written out with numpy, for comparison."""
    T = polynomial_design(fit.x, fit.degree, fit.x_range)
    Tc, yc = T - T.mean(axis=0), fit.y - fit.y.mean()
    n = T.shape[0]
    if alpha == 0:
        coef = np.linalg.pinv(Tc) @ yc
    else:  # (T^T T / n + alpha I) w = T^T y / n
        coef = np.linalg.solve(
            Tc.T @ Tc / n + alpha * np.eye(T.shape[1]), Tc.T @ yc / n
        )
    intercept = fit.y.mean() - T.mean(axis=0) @ coef
    grid = polynomial_design(fit.x_grid, fit.degree, fit.x_range)
    return grid @ coef + intercept, coef


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
        polynomial_design(fit.x, fit.degree, fit.x_range) @ fit.coef_ + fit.intercept_,
        fit.y,
        atol=1e-8,
    )


def test_polynomial_explorer_shows_the_least_squares_fit_of_each_degree():
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
    X, y, _ = make_dense_regression(40, 2, noise=1.0, random_state=8)  # the default
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
    assert "Not updated" in explorer.description
    assert norms.norms["w1"]["L1 = sum |w|"] == pytest.approx(7.0)
    assert explorer.n_renders == renders + 1


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


def test_classification_explorer_shows_every_point_as_a_marker_of_its_class():
    explorer = built("classification_explorer")
    boundary = explorer.displays["boundary"].boundary
    shapes = set()
    for label, points in boundary.scatter_.items():
        np.testing.assert_array_equal(
            points.get_xydata(), boundary.X[boundary.y == label]
        )
        assert points.get_linestyle() == "None"  # markers only, no line through them
        assert points in explorer.animated_artists()  # redrawn over the new image
        shapes.add(points.get_marker())
    assert shapes == {"o", "s"}  # shape, not only colour, tells the classes apart


def test_classification_explorer_boundary_and_weights_come_from_the_path():
    from scipy.special import expit

    explorer = built("classification_explorer")
    boundary = explorer.displays["boundary"]
    grid = np.column_stack([boundary.xx.ravel(), boundary.yy.ravel()])
    grid_features = boundary.features.transform(grid)
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
                grid_features @ coef + path.intercepts[boundary.index_]
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


def test_unit_ball_explorer_draws_the_budget_ball_and_compares_equal_fits():
    from reglab.penalties import L1L2

    explorer = built("unit_ball_explorer")
    controls = explorer.controls
    ball_ax = explorer.figure.axes[0]
    (ball,) = [line for line in ball_ax.lines if "elastic net" in line.get_label()]
    w1, w2 = np.array([1.0, 0.0, 0.0, 0.0]), np.array([0.25] * 4)
    assert w1.sum() == w2.sum() == 1  # equal predictions at x = (1, 1, 1, 1)
    diagonal_reach = {}
    for budget in (0.01, 1.0, 100.0):
        controls["budget"].value = budget
        for step in range(21):  # every l1_ratio position, 0 and 1 included
            renders = explorer.n_renders
            controls["l1_ratio"].value = step / 20
            r, t = controls["l1_ratio"].value, controls["budget"].value
            assert explorer.n_renders == renders + 1  # one redraw per change
            # drawn scaled to cross the axes at +-1; the title gives the scale
            crossing = float(ball_ax.get_title().split("+-")[1])
            w = ball.get_xydata() * crossing
            level = r * np.abs(w).sum(axis=1) + (1 - r) / 2 * (w**2).sum(axis=1)
            np.testing.assert_allclose(level, t, rtol=1e-2)  # {P(w) = t}
            p1, p2 = L1L2(1.0, r).value(w1), L1L2(1.0, r).value(w2)
            assert f"P(w1) = {p1:.4g}, P(w2) = {p2:.4g}" in explorer.description
            # L1 ties; any share of L2 prefers the spread-out w2
            verdict = "a tie" if r == 1.0 else "w2 has the smaller penalty"
            assert verdict in explorer.description
            if r == 0.5:
                diagonal_reach[t] = np.abs(w[np.argmin(np.abs(w[:, 0] - w[:, 1]))])
    # the elastic-net ball's shape depends on the budget: rounder as it grows
    ratios = [
        d[0] / c
        for d, c in zip(diagonal_reach.values(), [0.0198, 1.24, 19], strict=True)
    ]
    assert ratios == sorted(ratios)


def test_plot_unit_ball_draws_the_budget_it_is_given():
    from reglab.plots import plot_unit_ball

    figure = Figure()
    ax = figure.subplots()
    for penalty, norm in [("l1", lambda w: np.abs(w).sum(1)), ("l2", None)]:
        line = plot_unit_ball(ax, penalty, budget=2.0)
        w = line.get_xydata()
        if norm is None:  # P = ||w||^2 / 2 <= 2: the circle of radius 2
            np.testing.assert_allclose(np.hypot(*w.T), 2.0)
        else:
            np.testing.assert_allclose(norm(w), 2.0)


def test_text_controls_never_raise_on_overflowing_vectors():
    explorer = reglab.widgets.norm_explorer(w1=(1e160, 0.0, 0.0, 0.0))
    assert "larger than the largest float" in explorer.description
    explorer.controls["w2"].value = "1e300 1e300 1e300 1e300"
    assert "Not updated" in explorer.description
    explorer.controls["w2"].value = "1 2 3 4"
    explorer.controls["w1"].value = "1e150, 0, 0, 0"
    norms = explorer.displays["norms"].norms["w1"]
    assert norms["L2 = sqrt(sum w^2)"] == pytest.approx(1e150)
    assert all(np.isfinite(ax.get_ylim()).all() for ax in explorer.figure.axes)


@pytest.mark.parametrize("builder", ["geometry_explorer", "l1_ratio_explorer"])
def test_explorers_on_constant_y_say_so(builder):
    X = np.random.default_rng(0).standard_normal((20, 3))
    if builder == "geometry_explorer":
        X = X[:, :2]
    with pytest.raises(ValueError, match="`y` is constant"):
        getattr(reglab.widgets, builder)(X, np.ones(20))


@pytest.mark.parametrize(
    "name, title_of",
    [
        ("geometry_explorer", lambda e: e.displays["geometry"].ax_.get_title()),
        ("l1_ratio_explorer", lambda e: e.displays["coefficients"].ax_.get_title()),
        ("path_explorer", lambda e: e.displays["coefficients"].ax_.get_title()),
        ("cv_explorer", lambda e: e.displays["coefficients"].ax_.get_title()),
    ],
)
def test_slider_starts_on_its_grid_and_agrees_with_the_title(name, title_of):
    explorer = EXPLORERS[name]()
    slider = explorer.controls["alpha"]
    position = (np.log10(slider.value) - slider.min) / slider.step
    assert position == pytest.approx(round(position), abs=1e-6)
    assert f"alpha = {slider.value:.3g}" in title_of(explorer)
    assert f"alpha = {slider.value:.3g}" in explorer.description


def test_path_labels_name_every_line_without_overlap():
    explorer = built("path_explorer")
    path = explorer.displays["path"]
    assert [label.get_text() for label in path.labels_] == path.feature_names
    renderer = explorer.figure.canvas.get_renderer()
    boxes = [label.get_window_extent(renderer) for label in path.labels_]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b)
    styles = {(line.get_color(), str(line.get_linestyle())) for line in path.lines_}
    assert len(styles) == len(path.lines_)  # colour is never the only cue


def test_ridge_bars_stay_visible_and_start_where_ridge_beats_least_squares():
    from reglab.datasets import make_polynomial

    x, y, truth = make_polynomial(60, degree=3, noise=0.3, random_state=2)
    explorer = reglab.widgets.ridge_explorer(
        x[::2], y[::2], x_val=x[1::2], y_val=y[1::2], truth=truth, degree=12
    )
    fit, bars = explorer.displays["fit"], explorer.displays["coefficients"]
    ridge = fit.errors(fit.coef_, fit.intercept_)[1]
    least_squares = fit.errors(fit.ols_coef_, fit.ols_intercept_)[1]
    assert ridge < least_squares
    slider = explorer.controls["alpha"]
    renderer = explorer.figure.canvas.get_renderer()
    for alpha in (10**slider.min, 1.0, 10**slider.max):
        slider.value = alpha
        heights = [b.get_window_extent(renderer).height for b in bars.bars_]
        assert min(heights) >= 5, alpha  # pixels: no bar looks like zero
        assert "smallest |w_j|" in bars.ax_.get_title()
    legend = bars.ax_.get_legend().get_window_extent(renderer)
    assert legend.x0 >= bars.ax_.get_window_extent(renderer).x1  # outside the ticks


def test_polynomial_error_curve_has_integer_degree_ticks():
    explorer = built("polynomial_explorer")
    ticks = explorer.displays["errors"].ax_.get_xticks()
    assert np.all(ticks == np.round(ticks))


def test_cv_explorer_marks_true_features_and_reuses_a_cv_result():
    from reglab.cv import cv_path
    from reglab.datasets import make_sparse_regression

    X, y, true_coef = make_sparse_regression(50, 10, n_nonzero=3, random_state=0)
    alphas = np.geomspace(3.0, 0.003, 37)
    result = cv_path(X, y, cv=5, alphas=alphas, random_state=0)
    explorer = reglab.widgets.cv_explorer(cv_result=result, true_coef=true_coef)
    curve, bars = explorer.displays["cv"], explorer.displays["coefficients"]
    assert curve.cv_path is result
    assert f"alpha_min = {result.alpha_min:.3g}" in explorer.description
    assert f"alpha_1se = {result.alpha_1se:.3g}" in explorer.description
    starred = [n for n in bars.feature_names if n.endswith("*")]
    assert len(starred) == np.count_nonzero(true_coef)
    np.testing.assert_array_equal(bars.reference_.get_ydata(), true_coef)
    assert "true features kept" in explorer.description
    legend = [t.get_text() for t in curve.legend_.get_texts()]
    assert not any("fold" in entry for entry in legend)
    assert not curve.fold_note_.get_visible()
    explorer.controls["show_folds"].value = True
    assert curve.fold_note_.get_visible() and "5 folds" in curve.fold_note_.get_text()
    same = reglab.widgets.cv_explorer(X, y, alphas=alphas, random_state=0)
    assert same.displays["cv"].cv_path.alpha_min == result.alpha_min


def test_neural_explorer_counts_exact_zeros():
    explorer = reglab.widgets.neural_explorer(
        strengths=(0.0, 0.1), n_epochs=30, grid_resolution=40
    )
    explorer.controls["regularizer"].value = "L1 penalty (proximal)"
    explorer.controls["strength"].value = 0.1
    model = explorer.models["L1 penalty (proximal)", 0.1]
    zeros = sum(int(np.sum(W == 0)) for W in model.coefs_)
    assert f"{zeros} of" in explorer.description and "exactly 0" in explorer.description


@pytest.mark.parametrize(
    "name, title_of",
    [
        ("path_explorer", lambda e: e.displays["coefficients"].ax_.get_title()),
        ("classification_explorer", lambda e: e.displays["boundary"].ax_.get_title()),
        ("group_lasso_explorer", lambda e: e.displays["coefficients"].ax_.get_title()),
    ],
)
def test_title_and_text_state_one_alpha_at_both_ends_of_the_slider(name, title_of):
    # past the grid's top (alpha_max, where every fit is 0) both state the slider's
    # own value, which its readout shows; at the bottom, the grid alpha drawn
    explorer = EXPLORERS[name]()
    slider = explorer.controls["alpha"]
    for value in (10**slider.max, 10**slider.min):
        slider.value = value
        stated = re.search(r"alpha = ([0-9.e+-]+)", explorer.description).group(1)
        assert f"alpha = {stated}" in title_of(explorer), value
    assert float(stated) == pytest.approx(slider.value, rel=0.5)
