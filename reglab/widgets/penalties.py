"""Explorers for the penalties lessons (02, 04): norms, geometry, thresholding."""

import ipywidgets as widgets
import numpy as np

from reglab._validation import check_array, check_l1_ratio
from reglab.datasets import make_dense_regression
from reglab.penalties import L1L2
from reglab.plots import (
    COLORS,
    LINESTYLES,
    CoefficientDisplay,
    NormDisplay,
    PenaltyGeometryDisplay,
    RegularizationPathDisplay,
    ThresholdingDisplay,
    color_of,
    penalty_ball,
    penalty_name,
    plot_unit_ball,
)
from reglab.plots.penalties import vector_norms
from reglab.widgets._explorer import Explorer, new_figure
from reglab.widgets.controls import PENALTY_OPTIONS, alpha_slider, penalty_buttons

__all__ = [
    "geometry_explorer",
    "norm_explorer",
    "thresholding_explorer",
    "unit_ball_explorer",
]


def _vector_problem(w):
    """Why ``w`` cannot be shown (None if it can): its norms must be finite floats."""
    if not np.all(np.isfinite(w)):
        return "every entry must be finite"
    norms = vector_norms(w)
    overflow = [kind for kind, value in norms.items() if not np.isfinite(value)]
    if overflow:
        return (
            f"its {overflow[0].split(' =')[0]} is larger than the largest float "
            f"({np.finfo(float).max:.3g}); use entries below 1e150"
        )
    return None


def _parse_vector(text, size):
    """``(vector, None)`` from numbers separated by commas or spaces, or
    ``(None, why not)``."""
    parts = text.replace(",", " ").replace(";", " ").split()
    try:
        values = np.array([float(p) for p in parts])
    except ValueError:
        return None, f"could not read {text!r} as numbers"
    if values.size != size:
        return None, f"expected {size} numbers, got {values.size} in {text!r}"
    problem = _vector_problem(values)
    return (None, f"{problem} ({text!r})") if problem else (values, None)


def _format_vector(w):
    return ", ".join(f"{v:g}" for v in w)


def _norms_text(vectors):
    return " ".join(
        f"{name} = ({_format_vector(w)}): "
        + ", ".join(
            f"{kind.split(' =')[0]} {v:.4g}" for kind, v in vector_norms(w).items()
        )
        + "."
        for name, w in vectors.items()
    )


def norm_explorer(w1=(1.0, 0.0, 0.0, 0.0), w2=(0.26, 0.25, 0.25, 0.25)):
    """The w1-vs-w2 norm calculator (lesson 02).

    Type two vectors; the figure shows their entries (left) and their L0 count, L1,
    L2 and squared L2 norms (right), and the table under it gives the numbers. The
    default pair has (nearly) equal L1 norms but L2 norms of 1 and about 0.5: L2
    rewards spreading weight, L1 does not care. Text that is not a list of numbers
    of the right length, or whose norms overflow a float, leaves the figure as it
    was and says why.

    A starting vector whose norms overflow a float (1e160 entries) is shown as zeros,
    and the text says why; vectors of different lengths raise a ValueError.

    Returns
    -------
    Explorer with controls ``{"w1": Text, "w2": Text}``, display ``"norms"``
    (NormDisplay), and ``footer`` (an HTML table of the norms). Its
    ``description`` gives every norm of both vectors, after "Not updated: ..." when
    the text could not be used.
    """
    start = {"w1": check_array(w1, "w1", ndim=1), "w2": check_array(w2, "w2", ndim=1)}
    size = start["w1"].size
    # a vector whose norms overflow starts as zeros (the text says why)
    shown = {
        name: np.zeros(size) if _vector_problem(w) else w for name, w in start.items()
    }
    norms = NormDisplay(shown)
    figure, axes = new_figure((10, 3.8), ncols=2)
    norms.plot(axes)
    controls = {
        name: widgets.Text(
            value=_format_vector(w),
            description=name,
            continuous_update=False,
            layout=widgets.Layout(width="320px"),
        )
        for name, w in start.items()
    }
    footer = widgets.HTML()

    def table(vectors):
        header = "".join(f"<th>{kind}</th>" for kind in vector_norms(np.zeros(1)))
        rows = "".join(
            f"<tr><th scope='row'>{name}</th>"
            + "".join(f"<td>{v:.4g}</td>" for v in vector_norms(w).values())
            + "</tr>"
            for name, w in vectors.items()
        )
        return (
            "<table><caption>Norms of the two vectors</caption>"
            f"<tr><td></td>{header}</tr>{rows}</table>"
        )

    def update(values):
        parsed, problems = {}, []
        for name, text in values.items():
            parsed[name], problem = _parse_vector(text, size)
            if problem:
                problems.append(f"{name}: {problem}")
        if problems:
            return f"Not updated ({'; '.join(problems)}). {_norms_text(norms.vectors)}"
        # rescales the axes only when the bars need it
        norms.set_vectors(parsed)
        footer.value = table(parsed)
        return _norms_text(parsed)

    def moving():
        bars = [b for c in norms.entry_bars_.values() for b in c]
        bars += [b for c in norms.norm_bars_.values() for b in c]
        return [norms.axes_[1].title, norms.zero_line_, *bars]

    return Explorer(
        figure,
        controls,
        update,
        animated=moving,
        # the axes (ticks, labels) are redrawn only when their limits change
        background_key=lambda values: tuple(ax.get_ylim() for ax in norms.axes_),
        displays={"norms": norms},
        footer=footer,
    )


def _reach(l1_ratio, budget):
    """How far the ball ``{P <= budget}`` reaches along an axis and the diagonal."""
    ball = penalty_ball(l1_ratio, budget, n_points=9)  # angles 0, 45, 90, ... degrees
    return float(np.hypot(*ball[0])), float(np.hypot(*ball[1]))


def unit_ball_explorer(
    w1=(1.0, 0.0, 0.0, 0.0), w2=(0.25, 0.25, 0.25, 0.25), *, l1_ratio=0.5, budget=1.0
):
    """The elastic-net ball for a budget, and two equally good vectors (lesson 02).

    Left: the shape of the ball ``{w in R^2 : P(w) <= t}`` for the budget ``t`` on
    the slider, ``P(w) = l1_ratio ||w||_1 + (1 - l1_ratio)/2 ||w||_2^2``, drawn
    scaled so that it crosses the axes at +-1 (the title gives where it really
    crosses), over the L1 diamond and the L2 circle scaled the same way. The L1 and
    L2 balls only grow with the budget, so their shapes never change; the elastic
    net's does: like the diamond for small budgets (the L1 term dominates near 0),
    rounder for large ones.

    Right: the penalties ``P(w1)`` and ``P(w2)`` against ``l1_ratio`` (alpha = 1,
    ``L1L2(1.0, l1_ratio).value``) with the current ``l1_ratio`` marked. The default
    pair fits equally well: both predict 1 at ``x = (1, 1, 1, 1)``. Their L1 norms
    tie (1 and 1), and w2's L2 norm is smaller (0.5 against 1), so every penalty
    with some L2 in it (``l1_ratio < 1``) prefers w2, the spread-out vector; at
    ``l1_ratio = 1`` (the lasso) they tie. Rescaling both vectors changes nothing.

    Parameters
    ----------
    w1, w2 : array-like (p,), the two weight vectors compared
    l1_ratio : float in [0, 1], starting position of the l1_ratio slider
    budget : float > 0, starting budget ``t`` (log slider from 0.01 to 100)

    Returns
    -------
    Explorer with controls ``{"l1_ratio": FloatSlider, "budget": FloatLogSlider}``.
    Its ``description`` gives where the ball reaches and both penalties, e.g.
    "l1_ratio = 0.5, budget t = 1: ...; P(w1) = 0.75, P(w2) = 0.5625: w2 has the
    smaller penalty."
    """
    vectors = {"w1": check_array(w1, "w1", ndim=1), "w2": check_array(w2, "w2", ndim=1)}
    l1_ratio = check_l1_ratio(l1_ratio)
    figure, (ball_ax, value_ax) = new_figure((10, 4.3), ncols=2, width_ratios=(1, 1.3))

    for reference, label in (("l1", "L1 diamond"), ("l2", "L2 circle")):
        plot_unit_ball(ball_ax, reference, alpha=0.6, linewidth=1.2, label=label)
    (ball,) = ball_ax.plot(
        [],
        [],
        color=COLORS["elastic_net"],
        linestyle=LINESTYLES["elastic_net"],
        linewidth=2.5,
        label="elastic net, {P(w) <= t}",
    )
    ball_ax.axhline(0.0, color="grey", linewidth=0.5)
    ball_ax.axvline(0.0, color="grey", linewidth=0.5)
    ball_ax.set_xlim(-1.3, 1.3)
    ball_ax.set_ylim(-1.3, 1.3)
    ball_ax.set_aspect("equal")
    ball_ax.set_xlabel("w1, scaled so the ball crosses at +-1")
    ball_ax.set_ylabel("w2, scaled the same")
    ball_ax.legend(
        loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize="x-small", frameon=False
    )

    grid = np.linspace(0.0, 1.0, 101)
    markers, styles = {}, {"w1": "l1", "w2": "l2"}
    for name, w in vectors.items():
        curve = [L1L2(1.0, r).value(w) for r in grid]
        value_ax.plot(
            grid,
            curve,
            color=COLORS[styles[name]],
            linestyle=LINESTYLES[styles[name]],
            label=f"P({name}), {name} = ({_format_vector(w)})",
        )
        (markers[name],) = value_ax.plot(
            [], [], marker="os"[len(markers)], color=COLORS[styles[name]], ls="none"
        )
    cursor = value_ax.axvline(l1_ratio, color=COLORS["marker"], linewidth=1.0)
    value_ax.set_xlim(0.0, 1.0)
    value_ax.set_xlabel("l1_ratio (0: L2 ridge, 1: L1 lasso)")
    value_ax.set_ylabel("elastic-net penalty P(w), alpha = 1")
    value_ax.legend(loc="lower right", fontsize="x-small")

    controls = {
        "l1_ratio": widgets.FloatSlider(
            value=l1_ratio, min=0.0, max=1.0, step=0.05, description="l1_ratio"
        ),
        "budget": widgets.FloatLogSlider(
            value=budget,
            base=10,
            min=-2,
            max=2,
            step=0.1,
            description="budget t",
            readout_format=".3g",
        ),
    }

    def update(values):
        r, t = values["l1_ratio"], values["budget"]
        points = penalty_ball(r, t)
        axis, diagonal = _reach(r, t)
        ball.set_data(points[:, 0] / axis, points[:, 1] / axis)
        ball_ax.set_title(
            f"{{P(w) <= {t:.3g}}} at l1_ratio = {r:.2f}\ncrosses the axes at "
            f"+-{axis:.3g}",
            fontsize="medium",
        )
        penalty = L1L2(1.0, r)
        values_now = {name: penalty.value(w) for name, w in vectors.items()}
        for name, value in values_now.items():
            markers[name].set_data([r], [value])
        cursor.set_xdata([r, r])
        p1, p2 = values_now["w1"], values_now["w2"]
        if np.isclose(p1, p2, rtol=1e-12, atol=1e-15):
            verdict = "a tie"
        else:
            verdict = f"{'w1' if p1 < p2 else 'w2'} has the smaller penalty"
        value_ax.set_title(
            f"P(w1) = {p1:.4g}, P(w2) = {p2:.4g}: {verdict}", fontsize="medium"
        )
        return (
            f"l1_ratio = {r:.2f}, budget t = {t:.3g}: the ball {{P(w) <= t}} crosses "
            f"the axes at +-{axis:.3g}; along the diagonal it reaches "
            f"{diagonal / axis:.3f} of that (L1 diamond 0.707, L2 circle 1, at every "
            f"budget). P(w1) = {p1:.4g}, P(w2) = {p2:.4g}: {verdict}."
        )

    return Explorer(
        figure,
        controls,
        update,
        animated=lambda: [
            ball,
            ball_ax.title,
            cursor,
            *markers.values(),
            value_ax.title,
        ],
    )


def thresholding_explorer(*, alpha=1.0, l1_ratio=0.5, z_max=3.0):
    """Soft, proportional, hard and elastic-net thresholding (lesson 04).

    With an orthonormal design each coefficient's penalized estimate is a function of
    its least-squares value ``z``: the penalty's proximal operator. Soft thresholding
    (L1) sets ``|z| <= alpha`` to exactly zero and shifts the rest by ``alpha``; L2
    divides by ``1 + alpha`` (never zero); hard thresholding (L0) keeps or kills; the
    elastic net does both. The curves come from ``reglab.penalties`` prox methods.

    Returns
    -------
    Explorer with controls ``{"alpha": FloatSlider, "l1_ratio": FloatSlider}`` and
    display ``"thresholding"`` (ThresholdingDisplay). Its ``description`` says, for
    each curve, which ``|z|`` it sets to exactly 0 and its value at ``z = z_max``.
    """
    display = ThresholdingDisplay.from_penalties(alpha, l1_ratio=l1_ratio, z_max=z_max)
    figure, ax = new_figure((6.5, 5.5))
    display.plot(ax)
    controls = {
        "alpha": widgets.FloatSlider(
            value=alpha, min=0.0, max=z_max, step=0.05, description="alpha"
        ),
        "l1_ratio": widgets.FloatSlider(
            value=l1_ratio, min=0.0, max=1.0, step=0.05, description="l1_ratio"
        ),
    }

    def update(values):
        display.set_alpha(values["alpha"], l1_ratio=values["l1_ratio"])
        parts = []
        for name, line in display.lines_.items():
            if name == "least squares":
                continue
            w = np.asarray(line.get_ydata())
            zeroed = np.abs(display.z[(w == 0) & (display.z != 0)])
            band = f"sets |z| <= {zeroed.max():.3g} to 0" if zeroed.size else "never 0"
            parts.append(f"{name} {band}, gives {w[-1]:.3g} at z = {z_max:g}")
        return (
            f"alpha = {display.alpha:.3g}, elastic-net l1_ratio = "
            f"{display.l1_ratio:.2g}: " + "; ".join(parts) + "."
        )

    return Explorer(
        figure,
        controls,
        update,
        animated=lambda: [*display.lines_.values(), display.ax_.title],
        displays={"thresholding": display},
    )


def _default_two_feature_data():
    """40 samples, 2 features; least squares near (1.6, 0.3): one large, one small."""
    X, y, _ = make_dense_regression(40, 2, noise=1.0, random_state=8)
    return X, y


def geometry_explorer(X=None, y=None, *, penalty=1.0, alpha=None, n_alphas=100):
    """Loss contours meeting the L1 diamond, the L2 circle or the elastic-net ball.

    One alpha slider moves, together: the penalized solution on its ball (left, the
    ball drawn through the solution, the least-squares point marked X), the marker
    on the regularization path (middle) and the coefficient bars (right). The penalty
    buttons switch between L1 (l1_ratio 1), elastic net (0.5) and L2 (0). All three
    paths are computed once at build (``PenaltyGeometryDisplay``); the slider's
    positions are their alpha grid, so slider and titles show the same alpha.

    Parameters
    ----------
    X : array (n, 2), y : array (n,), optional. Default: two correlated features of
        which only the first has a true effect.
    penalty : float, l1_ratio to start with (1.0, 0.5 or 0.0)
    alpha : float, starting alpha, snapped to the grid (default: about half the
        lasso's alpha_max; the grid starts at 30x alpha_max)

    Raises ValueError naming ``y`` when y is constant (nothing to fit).

    Returns
    -------
    Explorer with controls ``{"alpha": FloatLogSlider, "penalty": ToggleButtons}``
    (the penalty's value is its l1_ratio) and displays ``"geometry"``, ``"path"``,
    ``"coefficients"``. Its ``description`` reads e.g. "lasso, alpha = 0.57:
    w = (1.05, 0); 1 of 2 coefficients exactly 0; least squares w = (1.6, 0.3)".
    """
    if X is None and y is None:
        X, y = _default_two_feature_data()
    geometry = PenaltyGeometryDisplay.from_data(
        X, y, l1_ratios=[r for _, r in PENALTY_OPTIONS], n_alphas=n_alphas
    )
    alphas = geometry.alphas
    slider = alpha_slider(alphas, alphas[0] / 60.0 if alpha is None else alpha)
    path = RegularizationPathDisplay(
        alphas,
        geometry.paths[penalty].coefs,
        l1_ratio=penalty,
        feature_names=["w1", "w2"],
    )
    all_coefs = np.concatenate([p.coefs for p in geometry.paths.values()])
    limit = 1.15 * max(np.abs(all_coefs).max(), np.abs(geometry.ols_coef).max(), 1e-12)
    bars = CoefficientDisplay(
        geometry.ols_coef,
        feature_names=["w1", "w2"],
        reference=geometry.ols_coef,
        label=penalty_name(penalty),
    )
    figure, axes = new_figure((12, 4.3), ncols=3, width_ratios=(1.1, 1.3, 0.8))
    geometry.plot(axes[0], alpha=slider.value, l1_ratio=penalty)
    # no nonzero-count top axis: its tick labels would need a full redraw when the
    # penalty changes; the bars' title counts the nonzero coefficients instead
    path.plot(axes[1], alpha=slider.value, ylim=(-limit, limit), show_nonzero=False)
    bars.plot(axes[2], ylim=(-limit, limit))
    controls = {"alpha": slider, "penalty": penalty_buttons(penalty)}

    def update(values):
        r = values["penalty"]
        if r != path.l1_ratio:
            path.set_path(geometry.paths[r].coefs, l1_ratio=r)  # lines are animated
        geometry.set_state(alpha=values["alpha"], l1_ratio=r)
        index = path.set_alpha(values["alpha"])
        name = penalty_name(r)
        coef = geometry.paths[r].coefs[index]
        bars.set_coef(coef, label=name, color=color_of(name))
        n_zero = coef.size - np.count_nonzero(coef)
        ols = geometry.ols_coef
        return (
            f"{name}, alpha = {alphas[index]:.3g}: w = ({coef[0]:.3g}, "
            f"{coef[1]:.3g}); {n_zero} of 2 coefficients exactly 0; least squares "
            f"w = ({ols[0]:.3g}, {ols[1]:.3g})."
        )

    return Explorer(
        figure,
        controls,
        update,
        animated=lambda: [
            geometry.ball_,
            geometry.solution_,
            geometry.trace_,
            geometry.touching_contour_,
            geometry.ax_.title,
            path.marker_,
            *path.lines_,
            *path.labels_,
            *path.leaders_,
            path.ax_.title,
            *bars.bars_,
            bars.ax_.title,
        ],
        displays={"geometry": geometry, "path": path, "coefficients": bars},
    )
