"""Explorers for the penalties lessons (02, 04): norms, geometry, thresholding."""

import numpy as np

from reglab.widgets._explorer import Explorer, new_figure, title_layer, yaxis_layer

__all__ = [
    "geometry_explorer",
    "norm_explorer",
    "thresholding_explorer",
    "unit_ball_explorer",
]


def _parse_vector(text, size):
    """Numbers separated by commas or spaces, exactly ``size`` of them, or a message."""
    parts = [p for p in text.replace(",", " ").replace(";", " ").split() if p]
    try:
        values = np.array([float(p) for p in parts])
    except ValueError:
        return None, f"could not read {text!r} as numbers"
    if values.size != size:
        return None, f"expected {size} numbers, got {values.size} in {text!r}"
    if not np.all(np.isfinite(values)):
        return None, f"every entry must be finite, got {text!r}"
    return values, None


def _format_vector(w):
    return ", ".join(f"{v:g}" for v in w)


def norm_explorer(w1=(1.0, 0.0, 0.0, 0.0), w2=(0.26, 0.25, 0.25, 0.25)):
    """The w1-vs-w2 norm calculator (lesson 02).

    Type two vectors; the figure shows their entries (left) and their L0 count, L1,
    L2 and squared L2 norms (right), and the table under it gives the numbers. The
    default pair has (nearly) equal L1 norms but L2 norms of 1 and about 0.5: L2
    rewards spreading weight, L1 does not care. Text that is not a list of numbers
    of the right length leaves the figure as it was and says why.

    Returns
    -------
    Explorer with controls ``{"w1": Text, "w2": Text}``, display ``"norms"``
    (NormDisplay), and ``footer`` (an HTML table of the norms or the message).
    """
    import ipywidgets as widgets

    from reglab.plots import NormDisplay
    from reglab.plots.penalties import vector_norms

    start = {"w1": np.asarray(w1, dtype=float), "w2": np.asarray(w2, dtype=float)}
    size = start["w1"].size
    norms = NormDisplay(start)
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
            f"<tr><td><b>{name}</b></td>"
            + "".join(f"<td>{v:.4g}</td>" for v in vector_norms(w).values())
            + "</tr>"
            for name, w in vectors.items()
        )
        return f"<table><tr><th></th>{header}</tr>{rows}</table>"

    def update(values):
        parsed, problems = {}, []
        for name, text in values.items():
            parsed[name], problem = _parse_vector(text, size)
            if problem:
                problems.append(f"{name}: {problem}")
        if problems:
            footer.value = "<br>".join(f"<b>Not updated.</b> {p}" for p in problems)
            return False
        # rescales the axes only when the bars need it; the y axes are layers, so
        # new limits redraw them alone, not the whole figure
        norms.set_vectors(parsed)
        footer.value = table(parsed)
        return False

    def moving():
        bars = [b for c in norms.entry_bars_.values() for b in c]
        bars += [b for c in norms.norm_bars_.values() for b in c]
        return [norms.zero_line_, *bars]

    return Explorer(
        figure,
        controls,
        update,
        animated=moving,
        layers=lambda: [
            *(yaxis_layer(ax) for ax in norms.axes_),
            title_layer(norms.axes_[1]),
        ],
        displays={"norms": norms},
        footer=footer,
    )


def unit_ball_explorer(
    w1=(1.0, 0.0, 0.0, 0.0), w2=(0.26, 0.25, 0.25, 0.25), *, l1_ratio=0.5
):
    """l1_ratio morphs the L2 circle (0) into the L1 diamond (1); who wins (lesson 02).

    Left: the elastic-net ball ``{w in R^2 : P(w) <= P(e_1)}`` with
    ``P(w) = l1_ratio ||w||_1 + (1 - l1_ratio)/2 ||w||_2^2`` (so it crosses the axes
    at +-1 for every ``l1_ratio``), over the L1 diamond and the L2 circle drawn
    faintly. Right: the penalties ``P(w1)`` and ``P(w2)`` of the lesson's two weight
    vectors against ``l1_ratio``, computed by ``L1L2(1.0, l1_ratio).value``, with
    the current ``l1_ratio`` marked; the readout under the figure says which vector
    the penalty prefers (the smaller value). For the default pair the preference
    flips from ``w2`` (spread out) to ``w1`` (one weight) only close to
    ``l1_ratio = 1``: a little L2 is enough to favour spreading weight.

    Parameters
    ----------
    w1, w2 : array-like (p,), the two weight vectors compared
    l1_ratio : float in [0, 1], starting position of the slider

    Returns
    -------
    Explorer with controls ``{"l1_ratio": FloatSlider}`` and ``footer`` (an HTML
    readout of ``P(w1)`` and ``P(w2)``). ``explorer.penalty_values`` holds the
    readout's numbers, dict name -> ``P(w)`` at the current ``l1_ratio``.
    """
    import ipywidgets as widgets

    from reglab._validation import check_array, check_l1_ratio
    from reglab.penalties import L1L2
    from reglab.plots._style import COLORS, LINESTYLES
    from reglab.plots.penalties import penalty_ball, plot_unit_ball

    vectors = {"w1": check_array(w1, "w1", ndim=1), "w2": check_array(w2, "w2", ndim=1)}
    l1_ratio = check_l1_ratio(l1_ratio)
    figure, (ball_ax, value_ax) = new_figure((10, 4.3), ncols=2, width_ratios=(1, 1.3))

    for reference, label in (("l1", "L1 diamond"), ("l2", "L2 circle")):
        plot_unit_ball(ball_ax, reference, alpha=0.35, linewidth=1.2, label=label)
    ball = plot_unit_ball(
        ball_ax,
        "elasticnet",
        l1_ratio=l1_ratio,
        color=COLORS["elastic_net"],
        linestyle="-",
        linewidth=2.5,
        label="elastic net",
    )
    ball_ax.axhline(0.0, color="grey", linewidth=0.5)
    ball_ax.axvline(0.0, color="grey", linewidth=0.5)
    ball_ax.set_xlim(-1.25, 1.25)
    ball_ax.set_ylim(-1.25, 1.25)
    ball_ax.set_aspect("equal")
    ball_ax.set_xlabel("w1")
    ball_ax.set_ylabel("w2")
    ball_ax.legend(loc="upper right", fontsize="x-small")

    grid = np.linspace(0.0, 1.0, 101)
    markers, colors = {}, {"w1": COLORS["l1"], "w2": COLORS["l2"]}
    for name, w in vectors.items():
        curve = [L1L2(1.0, r).value(w) for r in grid]
        value_ax.plot(
            grid,
            curve,
            color=colors[name],
            linestyle=LINESTYLES["l1" if name == "w1" else "l2"],
            label=f"P({name}), {name} = ({_format_vector(w)})",
        )
        (markers[name],) = value_ax.plot(
            [], [], marker="o", color=colors[name], linestyle="none"
        )
    cursor = value_ax.axvline(l1_ratio, color=COLORS["marker"], linewidth=1.0)
    value_ax.set_xlim(0.0, 1.0)
    value_ax.set_xlabel("l1_ratio (0: L2 ridge, 1: L1 lasso)")
    value_ax.set_ylabel("elastic-net penalty P(w), alpha = 1")
    value_ax.legend(loc="upper left", fontsize="x-small")

    controls = {
        "l1_ratio": widgets.FloatSlider(
            value=l1_ratio, min=0.0, max=1.0, step=0.05, description="l1_ratio"
        )
    }
    footer = widgets.HTML()
    penalty_values = {}

    def update(values):
        r = values["l1_ratio"]
        penalty = L1L2(1.0, r)
        # the ball through (1, 0): {w : P(w) <= P(e_1)}
        points = penalty_ball(r, penalty.value(np.array([1.0, 0.0])))
        ball.set_data(points[:, 0], points[:, 1])
        shape = {1.0: "the L1 diamond", 0.0: "the L2 circle"}.get(r, "elastic net")
        ball_ax.set_title(f"l1_ratio = {r:.2f}: {shape}", fontsize="medium")
        penalty_values.clear()
        penalty_values.update({name: penalty.value(w) for name, w in vectors.items()})
        for name, value in penalty_values.items():
            markers[name].set_data([r], [value])
        cursor.set_xdata([r, r])
        p1, p2 = penalty_values["w1"], penalty_values["w2"]
        if np.isclose(p1, p2):
            verdict = "a tie"
        else:
            verdict = f"{'w1' if p1 < p2 else 'w2'} has the smaller penalty"
        value_ax.set_title(
            f"P(w1) = {p1:.4f}, P(w2) = {p2:.4f}: {verdict}", fontsize="medium"
        )
        footer.value = (
            f"At l1_ratio = {r:.2f}: <b>P(w1) = {p1:.4f}</b>, "
            f"<b>P(w2) = {p2:.4f}</b>; {verdict}."
        )

    explorer = Explorer(
        figure,
        controls,
        update,
        animated=lambda: [ball, cursor, *markers.values()],
        layers=lambda: [title_layer(ball_ax), title_layer(value_ax)],
        footer=footer,
    )
    explorer.penalty_values = penalty_values
    return explorer


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
    display ``"thresholding"`` (ThresholdingDisplay).
    """
    import ipywidgets as widgets

    from reglab.plots import ThresholdingDisplay

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

    return Explorer(
        figure,
        controls,
        update,
        animated=lambda: [*display.lines_.values(), display.ax_.title],
        displays={"thresholding": display},
    )


def _default_two_feature_data():
    """40 samples, 2 features; least squares near (1.6, 0.3): one large, one small."""
    from reglab.datasets import make_dense_regression

    X, y, _ = make_dense_regression(40, 2, noise=1.0, random_state=8)
    return X, y


PENALTY_OPTIONS = (("L1 (lasso)", 1.0), ("elastic net", 0.5), ("L2 (ridge)", 0.0))


def geometry_explorer(X=None, y=None, *, penalty=1.0, alpha=None, n_alphas=100):
    """Loss contours meeting the L1 diamond, the L2 circle or the elastic-net ball.

    One alpha slider moves, together: the penalized solution on its ball (left, the
    ball drawn through the solution, the least-squares point marked X), the marker
    on the regularization path (middle) and the coefficient bars (right). The penalty
    buttons switch between L1 (l1_ratio 1), elastic net (0.5) and L2 (0). All three
    paths are computed once at build (``PenaltyGeometryDisplay``); moving the slider
    looks the solution up.

    Parameters
    ----------
    X : array (n, 2), y : array (n,), optional. Default: two correlated features of
        which only the first has a true effect.
    penalty : float, l1_ratio to start with (1.0, 0.5 or 0.0)
    alpha : float, starting alpha (default: half the lasso's alpha_max)

    Returns
    -------
    Explorer with controls ``{"alpha": FloatLogSlider, "penalty": ToggleButtons}``
    (the penalty's value is its l1_ratio) and displays ``"geometry"``, ``"path"``,
    ``"coefficients"``.
    """
    import ipywidgets as widgets

    from reglab.plots import (
        CoefficientDisplay,
        PenaltyGeometryDisplay,
        RegularizationPathDisplay,
    )
    from reglab.plots._style import color_of

    if X is None and y is None:
        X, y = _default_two_feature_data()
    geometry = PenaltyGeometryDisplay.from_data(
        X, y, l1_ratios=[r for _, r in PENALTY_OPTIONS], n_alphas=n_alphas
    )
    alphas = geometry.alphas
    if alpha is None:
        alpha = (
            alphas[0] / 60.0
        )  # half of the lasso's alpha_max (the grid starts at 30x)
    path = RegularizationPathDisplay(
        alphas,
        geometry.paths[penalty].coefs,
        l1_ratio=penalty,
        feature_names=["w1", "w2"],
    )
    all_coefs = np.concatenate([p.coefs for p in geometry.paths.values()])
    limit = 1.15 * max(np.abs(all_coefs).max(), np.abs(geometry.ols_coef).max())
    bars = CoefficientDisplay(
        geometry.ols_coef,
        feature_names=["w1", "w2"],
        reference=geometry.ols_coef,
        label="lasso",
    )
    figure, axes = new_figure((12, 4.3), ncols=3, width_ratios=(1.1, 1.3, 0.8))
    geometry.plot(axes[0], alpha=alpha, l1_ratio=penalty)
    # no nonzero-count top axis: its tick labels would need a full redraw when the
    # penalty changes; the bars' title counts the nonzero coefficients instead
    path.plot(axes[1], alpha=alpha, ylim=(-limit, limit), show_nonzero=False)
    bars.plot(axes[2], ylim=(-limit, limit))
    log_alphas = np.log10(alphas)
    controls = {
        "alpha": widgets.FloatLogSlider(
            value=alpha,
            base=10,
            min=log_alphas.min(),
            max=log_alphas.max(),
            step=(log_alphas.max() - log_alphas.min()) / (alphas.size - 1),
            description="alpha",
            readout_format=".2e",
        ),
        "penalty": widgets.ToggleButtons(
            options=PENALTY_OPTIONS, value=penalty, description="penalty"
        ),
    }
    state = {"l1_ratio": penalty}

    def update(values):
        r = values["penalty"]
        if r != state["l1_ratio"]:
            state["l1_ratio"] = r
            path.set_path(geometry.paths[r].coefs, l1_ratio=r)  # lines are animated
        geometry.set_state(alpha=values["alpha"], l1_ratio=r)
        index = path.set_alpha(values["alpha"])
        name = {1.0: "lasso", 0.0: "ridge"}.get(r, "elastic net")
        bars.set_coef(geometry.paths[r].coefs[index], label=name, color=color_of(name))

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
            path.ax_.title,
            *bars.bars_,
            bars.ax_.title,
        ],
        displays={"geometry": geometry, "path": path, "coefficients": bars},
    )
