"""Every Display in reglab.plots is found, built and drawn; the helpers draw the math.

``DISPLAY_BUILDERS`` names how to build each Display from small data. The discovery
test walks the package and fails if a Display has no builder here, so a new Display
cannot be left out of the smoke test.
"""

import importlib
import inspect
import itertools
import pkgutil
import subprocess
import sys

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.path import Path

import reglab.plots
from reglab import datasets
from reglab.paths import regularization_path
from reglab.penalties import MCP, GroupL1, WeightedL1
from reglab.plots import (
    BoundaryPathDisplay,
    CoefficientDisplay,
    CurveFitDisplay,
    CVCurveDisplay,
    DecisionBoundaryDisplay,
    ErrorCurveDisplay,
    NormDisplay,
    PenaltyGeometryDisplay,
    PolynomialFitDisplay,
    RegularizationPathDisplay,
    RidgeFitDisplay,
    ThresholdingDisplay,
    WeightHistogramDisplay,
    WeightImageDisplay,
    penalty_ball,
    plot_unit_ball,
)


def discovered_displays():
    found = {}
    for info in pkgutil.walk_packages(reglab.plots.__path__, "reglab.plots."):
        module = importlib.import_module(info.name)
        for name, obj in inspect.getmembers(module, inspect.isclass):
            if name.endswith("Display") and obj.__module__.startswith("reglab.plots"):
                found[name] = obj
    return found


@pytest.fixture(autouse=True)
def _close_pyplot_figures():
    yield
    plt.close("all")


def _sparse():
    X, y, _ = datasets.make_sparse_regression(40, 6, n_nonzero=2, random_state=0)
    return X, y


def _poly():
    x, y, truth = datasets.make_polynomial(24, random_state=0)
    return x[::2], y[::2], x[1::2], y[1::2], truth


def _curve_fit():
    from sklearn.linear_model import LinearRegression

    x, y, x_val, y_val, truth = _poly()
    model = LinearRegression().fit(x.reshape(-1, 1), y)
    return CurveFitDisplay.from_estimator(
        model, x, y, x_val=x_val, y_val=y_val, truth=truth, label="least squares"
    )


def _error_curve():
    from sklearn.linear_model import Ridge

    X, y = _sparse()
    return ErrorCurveDisplay.from_estimator(
        Ridge(),
        X[:20],
        y[:20],
        X[20:],
        y[20:],
        param_name="alpha",
        param_range=np.geomspace(1e-3, 1e3, 7),
    )


def _cv_curve():
    X, y = _sparse()
    return CVCurveDisplay.from_data(X, y, cv=3, n_alphas=20)


def _moons_model():
    from sklearn.linear_model import LogisticRegression

    X, y = datasets.make_moons(80, random_state=0)
    return LogisticRegression().fit(X, y), X, y


def _weight_image():
    from sklearn.linear_model import LogisticRegression

    X, y = _digits()
    model = LogisticRegression(max_iter=500).fit(X / 16.0, y == 3)
    return WeightImageDisplay.from_estimator(model)


def _digits():
    from sklearn.datasets import load_digits

    digits = load_digits()
    return digits.data[:300], digits.target[:300]


DISPLAY_BUILDERS = {
    "CurveFitDisplay": _curve_fit,
    "PolynomialFitDisplay": lambda: PolynomialFitDisplay.from_data(
        *_poly()[:2], max_degree=6
    ),
    "RidgeFitDisplay": lambda: RidgeFitDisplay.from_data(*_poly()[:2], degree=8),
    "ErrorCurveDisplay": _error_curve,
    "CoefficientDisplay": lambda: CoefficientDisplay(
        [1.0, 0.0, -2.0], reference=[1.5, 0.2, -2.5], label="lasso"
    ),
    "RegularizationPathDisplay": lambda: RegularizationPathDisplay.from_data(
        *_sparse(), n_alphas=20
    ),
    "CVCurveDisplay": _cv_curve,
    "PenaltyGeometryDisplay": lambda: PenaltyGeometryDisplay.from_data(
        _sparse()[0][:, :2], _sparse()[1], n_alphas=20
    ),
    "ThresholdingDisplay": lambda: ThresholdingDisplay.from_penalties(0.7),
    "NormDisplay": NormDisplay.from_vectors,
    "DecisionBoundaryDisplay": lambda: DecisionBoundaryDisplay.from_estimator(
        *_moons_model(), grid_resolution=40
    ),
    "BoundaryPathDisplay": lambda: BoundaryPathDisplay.from_data(
        *datasets.make_moons(80, noise=0.3, random_state=0),
        degree=2,
        n_alphas=6,
        grid_resolution=30,
    ),
    "WeightImageDisplay": _weight_image,
    "WeightHistogramDisplay": lambda: WeightHistogramDisplay(
        {"L2": np.linspace(-1, 1, 50), "L1": np.r_[np.zeros(30), np.ones(5)]}
    ),
}


def test_every_display_has_a_builder():
    assert set(discovered_displays()) == set(DISPLAY_BUILDERS)


def _all_axes(display):
    return list(getattr(display, "axes_", None) or [display.ax_])


@pytest.mark.parametrize("name", sorted(DISPLAY_BUILDERS))
def test_display_builds_and_draws_with_labels_and_title(name):
    display = DISPLAY_BUILDERS[name]()
    assert type(display).__name__ == name
    # into axes of a Figure we own (what widgets do) ...
    figure = Figure(figsize=(10, 4))
    axes = figure.subplots(1, 2) if name == "NormDisplay" else figure.subplots()
    if name == "WeightImageDisplay":
        axes = np.array([axes])
    assert display.plot(axes) is display
    assert display.figure_ is figure
    figure.canvas.draw()
    for ax in _all_axes(display):
        if not ax.get_visible():
            continue
        assert ax.get_xlabel() and ax.get_ylabel(), f"{name}: axis labels"
        title = ax.get_title() or (figure._suptitle and figure._suptitle.get_text())
        assert title, f"{name}: a title says what is shown"
    # ... and with ax=None: a new figure, nothing read from pyplot's current axes
    plt.figure()  # a current figure that must not be drawn into
    current = plt.gca()
    again = DISPLAY_BUILDERS[name]().plot()
    assert all(ax is not current for ax in _all_axes(again))
    assert again.figure_ is not current.figure


def test_importing_plots_imports_no_matplotlib_and_keeps_rcparams():
    # reglab.widgets draws whenever it is used, so it imports matplotlib at once;
    # neither package changes rcParams
    code = (
        "import sys, reglab.plots;"
        "assert 'matplotlib' not in sys.modules, 'eager matplotlib import';"
        "import matplotlib; before = dict(matplotlib.rcParams);"
        "from reglab.plots import CoefficientDisplay; import reglab.widgets;"
        "assert dict(matplotlib.rcParams) == before"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_course_style_is_opt_in_and_temporary():
    before = matplotlib.rcParams["axes.spines.top"]
    with reglab.plots.course_style():
        assert matplotlib.rcParams["axes.spines.top"] is False
    assert matplotlib.rcParams["axes.spines.top"] == before


@pytest.mark.parametrize(
    ("penalty", "norm"),
    [
        ("l1", lambda w: np.abs(w).sum(axis=1)),
        ("l2", lambda w: np.linalg.norm(w, axis=1)),
    ],
)
def test_unit_ball_is_the_norm_level_set(penalty, norm):
    figure = Figure()
    ax = figure.subplots()
    line = plot_unit_ball(ax, penalty, radius=2.0)
    points = np.column_stack(line.get_data())
    np.testing.assert_allclose(norm(points), 2.0, rtol=1e-12)


def test_l1_ball_has_its_corners_and_penalty_objects_work():
    from reglab.penalties import L1, L1L2

    figure = Figure()
    ax = figure.subplots()
    points = np.column_stack(plot_unit_ball(ax, L1(3.0)).get_data())
    for corner in [(1, 0), (0, 1), (-1, 0), (0, -1)]:
        assert np.min(np.linalg.norm(points - corner, axis=1)) < 1e-12
    r = 0.3
    points = np.column_stack(plot_unit_ball(ax, L1L2(1.0, l1_ratio=r)).get_data())
    value = r * np.abs(points).sum(axis=1) + (1 - r) / 2 * (points**2).sum(axis=1)
    np.testing.assert_allclose(value, r + (1 - r) / 2)
    np.testing.assert_allclose(penalty_ball(0.0, 0.5)[:, 0].max(), 1.0)


def test_unit_ball_rejects_unknown_penalty():
    ax = Figure().subplots()
    with pytest.raises(ValueError, match="`penalty` must be"):
        plot_unit_ball(ax, "l3")
    with pytest.raises(TypeError, match="`penalty` must be"):
        plot_unit_ball(ax, 3)


def test_thresholding_curves_are_the_closed_forms():
    display = ThresholdingDisplay.from_penalties(0.8, l1_ratio=0.25).plot(
        Figure().subplots()
    )
    z = display.z
    lines = {name: line.get_ydata() for name, line in display.lines_.items()}
    np.testing.assert_allclose(
        lines["L1 (soft)"], np.sign(z) * np.maximum(abs(z) - 0.8, 0)
    )
    np.testing.assert_allclose(lines["L2 (proportional)"], z / 1.8)
    np.testing.assert_allclose(
        lines["L0 (hard)"], np.where(abs(z) > np.sqrt(1.6), z, 0)
    )
    soft = np.sign(z) * np.maximum(abs(z) - 0.2, 0)
    np.testing.assert_allclose(lines["elastic net"], soft / (1 + 0.8 * 0.75))


def test_decision_boundary_for_any_classifier():
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.svm import SVC

    X, y = datasets.make_moons(60, random_state=1)
    svc = DecisionBoundaryDisplay.from_estimator(SVC().fit(X, y), X, y)
    assert svc.kind == "decision function" and svc.level == 0.0
    knn = DecisionBoundaryDisplay.from_estimator(KNeighborsClassifier().fit(X, y), X, y)
    assert knn.kind == "probability" and 0 <= knn.response.min() <= 1
    knn.plot(Figure().subplots())
    assert knn.boundary_ is not None
    # the boundary's lines are the ones ax.contour draws at the level, also after
    # set_response moves them (and none when the level is outside the response)
    for display, response in [(knn, knn.response), (knn, 1 - knn.response**2)]:
        display.set_response(response)
        contour = (
            Figure()
            .subplots()
            .contour(display.xx, display.yy, response, levels=[display.level])
        )
        path = contour.get_paths()[0]  # every line at the level, each from a MOVETO
        starts = np.flatnonzero(path.codes == Path.MOVETO)
        expected = np.split(path.vertices, starts[1:])
        drawn = [path.vertices for path in display.boundary_.get_paths()]
        assert len(drawn) == len(expected) > 0
        for ours, theirs in zip(drawn, expected, strict=True):
            np.testing.assert_allclose(ours, theirs)
    knn.set_response(np.zeros_like(knn.response))
    assert knn.boundary_.get_paths() == []
    with pytest.raises(ValueError, match="exactly 2 columns"):
        DecisionBoundaryDisplay.from_estimator(SVC().fit(X, y), np.c_[X, X], y)


def test_path_display_marker_and_nonzero_axis():
    X, y = _sparse()
    display = RegularizationPathDisplay.from_data(X, y, n_alphas=30)
    display.plot(Figure().subplots(), alpha=display.alphas[10] * 1.01)
    assert display.index_ == 10
    assert display.marker_.get_xdata()[0] == display.alphas[10]
    labels = [t.get_text() for t in display.nonzero_ax_.get_xticklabels()]
    assert set(labels) <= {str(k) for k in display.n_nonzero}
    # far above alpha_max and at alpha = 0 the look-up stays on the grid
    np.testing.assert_array_equal(display.coef_at(1e9), np.zeros(X.shape[1]))
    np.testing.assert_array_equal(display.coef_at(0.0), display.coefs[-1])


def test_coefficient_display_counts_nonzero_bars():
    display = CoefficientDisplay([0.0, 1.0, 0.0, -3.0], label="lasso")
    display.plot(Figure().subplots())
    assert display.n_nonzero == 2
    assert "2 of 4" in display.ax_.get_title()
    display.set_coef([0.0, 0.0, 0.0, 1.0])
    assert [b.get_height() for b in display.bars_] == [0.0, 0.0, 0.0, 1.0]
    assert "1 of 4" in display.ax_.get_title()


def test_norm_display_worked_example():
    display = NormDisplay.from_vectors()
    assert display.norms["w1"]["L1 = sum |w|"] == pytest.approx(1.0)
    assert display.norms["w2"]["L1 = sum |w|"] == pytest.approx(1.01)
    assert display.norms["w2"]["L2 = sqrt(sum w^2)"] == pytest.approx(0.5050, abs=1e-4)
    with pytest.raises(ValueError, match="same length"):
        NormDisplay({"a": [1, 2], "b": [1, 2, 3]})


def test_norm_display_tick_labels_do_not_overlap():
    # the figure size norm_explorer uses; the widest labels are the L1 and L2 ones
    figure = Figure(figsize=(10, 3.8), layout="constrained")
    display = NormDisplay.from_vectors().plot(figure.subplots(1, 2))
    figure.canvas.draw()
    boxes = [label.get_window_extent() for label in display.axes_[1].get_xticklabels()]
    assert len(boxes) == 4
    for left, right in itertools.pairwise(boxes):
        assert left.x1 < right.x0, "neighbouring norm labels overlap"


def test_norm_display_rescales_so_bars_fill_their_axes():
    figure = Figure(figsize=(10, 3.8))
    display = NormDisplay.from_vectors().plot(figure.subplots(1, 2))
    for w1, w2 in [
        ([3000.0, -4000.0, 0.0, 0.0], [0.26, 0.25, 0.25, 0.25]),
        ([1.0, 0.0, 0.0, 0.0], [0.26, 0.25, 0.25, 0.25]),
        ([0.5, 0.0, 0.0, 0.0], [0.1, 0.0, 0.0, 0.0]),  # tallest bar 4 -> 1
    ]:
        display.set_vectors({"w1": w1, "w2": w2})
        norm_top = max(max(n.values()) for n in display.norms.values())
        assert 0.3 <= norm_top / display.axes_[1].get_ylim()[1] <= 1.0
        low, high = display.axes_[0].get_ylim()
        entries = np.concatenate(list(display.vectors.values()))
        assert low <= entries.min() and entries.max() <= high
        assert np.ptp(np.append(entries, 0.0)) >= 0.3 * (high - low)


def test_weight_histogram_counts_every_weight():
    weights = [np.zeros((3, 4)), np.linspace(-1, 1, 8).reshape(8, 1)]
    display = WeightHistogramDisplay({"L1": weights}).plot(Figure().subplots())
    assert display.counts["L1"].sum() == 20
    assert display.n_zero["L1"] == 12


def test_ridge_error_curve_comes_from_the_cached_svd():
    x, y, x_val, y_val, _ = _poly()
    fit = RidgeFitDisplay.from_data(x, y, degree=8, x_val=x_val, y_val=y_val)
    curve = fit.error_curve(np.geomspace(1e-4, 10, 9)).plot(Figure().subplots())
    for alpha, train, val in zip(
        curve.param_values, curve.train_errors, curve.validation_errors, strict=True
    ):
        result = fit.solver.solve(alpha)
        assert (train, val) == pytest.approx(fit.errors(result.coef, result.intercept))
    # training error only grows as the penalty grows
    assert np.all(np.diff(curve.train_errors) >= -1e-12)
    assert curve.ax_.get_xscale() == "log"


def _wcag_luminance(color):
    # WCAG 2's relative luminance of an sRGB colour
    rgb = np.array(to_rgb(color))
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    return linear @ [0.2126, 0.7152, 0.0722]


def test_weight_images_show_the_sign_by_glyph_not_colour_alone():
    weights = np.array([[[0.0, 1.0], [-2.0, 1e-6]], [[-1e-6, 0.0], [0.0, 2.0]]])
    display = WeightImageDisplay(weights).plot(np.array(Figure().subplots(1, 2)))
    for image, signs, w in zip(display.images_, display.signs_, weights, strict=True):
        nonzero = np.argwhere(w != 0)
        assert len(signs) == len(nonzero)  # an exact zero stays blank
        for sign, (row, column) in zip(signs, nonzero, strict=True):
            assert sign.get_position() == (column, row)
            assert sign.get_text() == ("+" if w[row, column] > 0 else "\N{MINUS SIGN}")
            # WCAG AA for text: contrast ratio >= 4.5 against the pixel's colour
            pixel = _wcag_luminance(image.to_rgba(w[row, column]))
            text = _wcag_luminance(sign.get_color())
            light, dark = max(pixel, text), min(pixel, text)
            assert (light + 0.05) / (dark + 0.05) >= 4.5


@pytest.mark.parametrize(
    ("penalty", "title"),
    [
        (GroupL1(1.0, [0, 0, 1, 1]), "Group lasso path"),
        (MCP(1.0), "MCP path"),
        (WeightedL1(1.0, [1.0, 1.0, 0.5, 2.0]), "Weighted lasso path"),
    ],
)
def test_path_display_names_every_penalty_a_path_can_have(penalty, title):
    # a GroupL1 or MCP path has no l1_ratio (None): the title comes from its penalty
    rng = np.random.default_rng(0)
    X = rng.standard_normal((40, 4))
    y = X @ np.array([1.0, 0.0, 2.0, 0.0]) + rng.standard_normal(40)
    path = regularization_path(X, y, penalty=penalty, n_alphas=10)
    display = RegularizationPathDisplay.from_path(path).plot()
    assert display.ax_.get_title() == title
    plt.close(display.figure_)
