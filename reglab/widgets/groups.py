"""Explorer for the group lasso (lesson 11): the group unit ball and the group path.

A slider move is a look-up: both paths (group lasso and lasso, on one alpha grid) and
the unit balls are computed once at build.
"""

import ipywidgets as widgets
import numpy as np

from reglab._validation import check_X_y
from reglab.paths import regularization_path
from reglab.penalties import L1, GroupL1
from reglab.plots import COLORS, CoefficientDisplay, RegularizationPathDisplay
from reglab.plots.paths import group_colors, stated_alpha
from reglab.solvers import alpha_max
from reglab.widgets._explorer import Explorer, new_figure
from reglab.widgets.controls import alpha_slider

__all__ = ["group_lasso_explorer"]

#: The penalty buttons' labels and values.
PENALTIES = (("group lasso", "group"), ("lasso", "lasso"))

#: Resolution of the drawn unit balls (directions in longitude x latitude).
BALL_POINTS = (49, 25)


def _default_data(n_samples=60, random_state=0):
    """A shape with three levels (one-hot, level "circle" as the reference, so two
    dummy columns) and one numeric input; only the shape matters, mostly level
    "square". (Levels named after shapes, not colours, so that no name fights the
    colour a line is drawn in.)"""
    rng = np.random.default_rng(random_state)
    level = rng.integers(0, 3, size=n_samples)
    dummies = np.column_stack([level == 1, level == 2]).astype(float)
    numeric = rng.standard_normal(n_samples)
    X = np.column_stack([dummies, numeric])
    y = X @ np.array([1.0, 0.25, 0.0]) + 0.5 * rng.standard_normal(n_samples)
    return X, y


def _check_groups(groups, p):
    """Group labels for the 3-D ball: three columns, one group of two and one of one.

    Returns ``(labels, pair, single)`` with the column indices of the two groups.
    """
    labels = list(groups)
    if len(labels) != p:
        raise ValueError(
            f"`groups` must give one label per column of X ({p}). Got {len(labels)}."
        )
    names = list(dict.fromkeys(labels))
    sizes = sorted(labels.count(g) for g in names)
    if p != 3 or sizes != [1, 2]:
        raise ValueError(
            "`groups` must split the 3 columns of X into one group of two and one of "
            f"one (the ball is drawn in 3-D). Got {labels!r}."
        )
    pair_name = next(g for g in names if labels.count(g) == 2)
    pair = [j for j, g in enumerate(labels) if g == pair_name]
    single = [j for j, g in enumerate(labels) if g != pair_name]
    return labels, pair, single


def _unit_ball_surface(penalty, pair, single):
    """Points of ``{w in R^3 : P(w) = 1}`` on a longitude x latitude grid.

    Along a unit direction ``u`` the boundary is at ``u / P(u)``, since every
    penalty here is a norm (``P(t u) = t P(u)`` for ``t > 0``). Returns three arrays
    (x, y, z) of shape ``BALL_POINTS[::-1]``, in the order: the two columns of the
    pair, then the single one.
    """
    n_lon, n_lat = BALL_POINTS
    lon = np.linspace(0.0, 2.0 * np.pi, n_lon)
    lat = np.linspace(-np.pi / 2, np.pi / 2, n_lat)
    lon, lat = np.meshgrid(lon, lat)
    u = np.stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])
    u[np.abs(u) < 1e-15] = 0.0
    w = np.zeros((3, *lon.shape))
    w[pair[0]], w[pair[1]], w[single[0]] = u
    values = np.apply_along_axis(penalty.value, 0, w)
    return tuple(u / values)


def group_lasso_explorer(
    X=None,
    y=None,
    *,
    groups=None,
    feature_names=None,
    n_alphas=60,
    alpha=None,
    penalty="group",
):
    """Group lasso against the lasso on three columns in two groups (lesson 11).

    Left: the unit ball ``{P(w) <= 1}`` in 3-D, the two columns of the pair (e.g. the
    two dummies of a one-hot encoded colour) on the floor axes, the single column up.
    For the group lasso, ``P(w) = sqrt(2) ||w_pair||_2 + |w_single|``
    (``reglab.penalties.GroupL1`` with its default weights, the square root of the
    group size): a spinning top, round around its axis, with a sharp rim (the single
    column is 0) and two sharp tips (the pair is 0). For the lasso it is the
    octahedron ``|w1| + |w2| + |w3| <= 1``, whose corners and edges also zero one
    column of the pair alone. The fit at the slider's alpha is drawn on the ball as
    ``w / P(w)`` (same direction, scaled onto the ball), with the whole path of such
    points as a thin line: a group that is out puts the point on a rim or a tip.
    Middle: the path, one colour per group, one line style per member. Right: the
    coefficients at that alpha, coloured by group.

    Parameters
    ----------
    X : array (n, 3), y : array (n,), optional. Default: 60 samples of a shape with
        three levels (two dummy columns, "square" and "triangle" against the
        reference "circle") and one numeric input that has no effect.
    groups : one label per column: one group of two columns, one of one (default
        ``["shape", "shape", "numeric"]``)
    feature_names : three names (default "square", "triangle", "numeric")
    n_alphas : grid size, from 10 times the group lasso's alpha_max down 10^3
    alpha : starting alpha, snapped to the grid (default: a third down the grid)
    penalty : "group" or "lasso", the penalty shown first

    Returns
    -------
    Explorer with controls ``{"alpha": FloatLogSlider, "penalty": ToggleButtons}``,
    displays ``"path"`` and ``"coefficients"``, and ``explorer.paths`` (dict
    "group" / "lasso" -> RegularizationPath on one alpha grid). Its
    ``description`` reads, at the start on the default data, "group lasso, alpha =
    0.0808: shape in (square 0.39, triangle -0.017); numeric out (numeric 0). On the
    ball the fit sits on the rim, where numeric is 0."
    """
    if X is None and y is None:
        X, y = _default_data()
        groups = ["shape", "shape", "numeric"] if groups is None else groups
        feature_names = (
            ["square", "triangle", "numeric"]
            if feature_names is None
            else feature_names
        )
    X, y = check_X_y(X, y)
    p = X.shape[1]
    if groups is None:
        groups = ["pair", "pair", "single"]
    labels, pair, single = _check_groups(groups, p)
    names = [f"x{j + 1}" for j in range(p)] if feature_names is None else feature_names
    names = [str(name) for name in names]
    if len(names) != p:
        raise ValueError(
            f"`feature_names` must name each column of X ({p}). Got {len(names)}."
        )
    if penalty not in dict((v, k) for k, v in PENALTIES):
        raise ValueError(f"`penalty` must be 'group' or 'lasso'. Got {penalty!r}.")
    # GroupL1 takes integer labels; the displays keep the names
    codes = np.unique(np.asarray(labels, dtype=str), return_inverse=True)[1]
    group_penalty = GroupL1(1.0, codes)
    penalties = {"group": group_penalty, "lasso": L1(1.0)}
    group_alpha_max = alpha_max(X, y, penalty=group_penalty)
    lasso_alpha_max = alpha_max(X, y)
    alphas = np.geomspace(
        10.0 * max(group_alpha_max, lasso_alpha_max),
        min(group_alpha_max, lasso_alpha_max) / 1e3,
        n_alphas,
    )
    paths = {
        "group": regularization_path(X, y, penalty=group_penalty, alphas=alphas),
        "lasso": regularization_path(X, y, l1_ratio=1.0, alphas=alphas),
    }
    title_names = dict((v, k) for k, v in PENALTIES)

    # the fit scaled onto the unit ball, w / P(w), for every alpha of each path
    on_ball = {}
    for key, result in paths.items():
        values = np.array([penalties[key].value(w) for w in result.coefs])
        scaled = np.zeros_like(result.coefs)
        nonzero = values > 0
        scaled[nonzero] = result.coefs[nonzero] / values[nonzero, None]
        on_ball[key] = (scaled, nonzero)
    surfaces = {
        key: _unit_ball_surface(pen, pair, single) for key, pen in penalties.items()
    }
    order = [pair[0], pair[1], single[0]]  # the ball's x, y, z axes

    figure, axes = new_figure((13, 4.4), ncols=3, width_ratios=(1.0, 1.3, 0.8))
    figure.get_layout_engine().set(wspace=0.06)
    spec = axes[0].get_subplotspec()
    axes[0].remove()
    ball_ax = figure.add_subplot(spec, projection="3d")
    ball_ax.computed_zorder = False  # the path's trace and the dot stay on top
    path_ax, bar_ax = axes[1], axes[2]

    ball_artists = {}
    for key, (bx, by, bz) in surfaces.items():
        color = COLORS["elastic_net"] if key == "group" else COLORS["l1"]
        wire = ball_ax.plot_wireframe(
            bx, by, bz, rstride=2, cstride=3, color=color, linewidth=0.5, alpha=0.6
        )
        scaled, nonzero = on_ball[key]
        (trace,) = ball_ax.plot(
            scaled[nonzero][:, order[0]],
            scaled[nonzero][:, order[1]],
            scaled[nonzero][:, order[2]],
            color="black",
            linewidth=1.8,
            label="the fit along the path",
            zorder=4,
        )
        ball_artists[key] = (wire, trace)
    for start, end in (((-1.3, 0, 0), (1.3, 0, 0)), ((0, -1.3, 0), (0, 1.3, 0))):
        ball_ax.plot(*zip(start, end, strict=True), color="grey", linewidth=0.6)
    ball_ax.plot([0, 0], [0, 0], [-1.3, 1.3], color="grey", linewidth=0.6)
    (point,) = ball_ax.plot(
        [0.0],
        [0.0],
        [0.0],
        marker="o",
        markersize=8,
        color=COLORS["marker"],
        markeredgecolor="black",
        linestyle="none",
        label="the fit at this alpha",
        zorder=5,
    )
    ball_ax.legend(
        handles=[point, ball_artists[penalty][1]],
        loc="upper left",
        bbox_to_anchor=(-0.05, 0.92),
        fontsize="x-small",
        frameon=False,
    )
    limit_3d = 1.05
    ball_ax.set(
        xlim=(-limit_3d, limit_3d),
        ylim=(-limit_3d, limit_3d),
        zlim=(-limit_3d, limit_3d),
        xlabel=names[order[0]],
        ylabel=names[order[1]],
        zlabel=names[order[2]],
    )
    ball_ax.set_box_aspect((1, 1, 1), zoom=0.85)
    ball_ax.view_init(elev=18, azim=-60)
    for axis in (ball_ax.xaxis, ball_ax.yaxis, ball_ax.zaxis):
        axis.set_ticks([-1.0, 0.0, 1.0])
        axis.pane.set_alpha(0.15)
        axis.labelpad = -4
    ball_ax.tick_params(labelsize="x-small", pad=-2)

    start = penalty
    index0 = alphas.size // 3
    slider = alpha_slider(alphas, alphas[index0] if alpha is None else alpha)
    path = RegularizationPathDisplay(
        alphas, paths[start].coefs, feature_names=names, groups=labels
    )
    all_coefs = np.concatenate([r.coefs for r in paths.values()])
    limit = 1.15 * max(np.abs(all_coefs).max(), 1e-12)
    path.plot(path_ax, alpha=slider.value, ylim=(-limit, limit), show_nonzero=False)
    # room beyond the largest alpha, so the marker at the slider's top end is not
    # hidden in the frame
    low, _ = path_ax.get_xlim()
    path_ax.set_xlim(low, 1.5 * alphas.max())
    bars = CoefficientDisplay(paths[start].coefs[0], feature_names=names, label="")
    bars.plot(
        bar_ax,
        ylim=(-limit, limit),
        color=group_colors(p, labels),
        hatch=["", "//", ".."],
    )
    controls = {
        "alpha": slider,
        "penalty": widgets.ToggleButtons(
            options=PENALTIES, value=start, description="penalty"
        ),
    }
    group_names = list(dict.fromkeys(labels))

    def where_on_ball(coef, key):
        pair_in = np.any(coef[pair] != 0)
        single_in = coef[single[0]] != 0
        if not pair_in and not single_in:
            return "every coefficient is 0, so there is no point on the ball"
        if not single_in and pair_in:
            if key == "lasso" and np.count_nonzero(coef[pair]) == 1:
                return (
                    f"the fit sits on a corner of the octahedron: {names[single[0]]} "
                    "and one column of the pair are 0"
                )
            return f"the fit sits on the rim, where {names[single[0]]} is 0"
        if not pair_in:
            return "the fit sits on a tip, where the whole pair is 0"
        if key == "lasso" and np.count_nonzero(coef[pair]) == 1:
            return (
                "the fit sits on an edge of the octahedron: one column of the pair is 0"
            )
        return "the fit sits inside a face: every coefficient is nonzero"

    def update(values):
        key = values["penalty"]
        name = title_names[key]
        for k, (wire, trace) in ball_artists.items():
            wire.set_visible(k == key)
            trace.set_visible(k == key)
        if not np.array_equal(path.coefs, paths[key].coefs):
            path.set_path(paths[key].coefs)
        path.ax_.set_title(f"{name} path", fontsize="medium")
        index = path.set_alpha(values["alpha"])
        coef = paths[key].coefs[index]
        bars.set_coef(coef)
        shown = stated_alpha(alphas, index, values["alpha"])
        scaled, nonzero = on_ball[key]
        point.set_visible(bool(nonzero[index]))
        s = scaled[index]
        point.set_data_3d([s[order[0]]], [s[order[1]]], [s[order[2]]])
        ball_ax.set_title(
            f"{name} unit ball P(w) <= 1\nand the fit scaled onto it, w / P(w)",
            fontsize="medium",
        )
        parts = []
        for g in group_names:
            members = [j for j, h in enumerate(labels) if h == g]
            listed = ", ".join(f"{names[j]} {coef[j] + 0.0:.2g}" for j in members)
            kept = np.count_nonzero(coef[members])
            status = (
                "in" if kept == len(members) else "out" if kept == 0 else "partly in"
            )
            parts.append(f"{g} {status} ({listed})")
        bars.ax_.set_title(
            f"{name}, alpha = {shown:.3g}\n"
            + "; ".join(p_.split(" (")[0] for p_ in parts),
            fontsize="medium",
        )
        return (
            f"{name}, alpha = {shown:.3g}: " + "; ".join(parts) + ". On the ball "
            f"{where_on_ball(coef, key)}."
        )

    return Explorer(
        figure,
        controls,
        update,
        # the balls, the path lines and their titles change only with the penalty:
        # one kept background per penalty, so a slider move redraws four artists
        animated=lambda: [point, path.marker_, *bars.bars_, bars.ax_.title],
        background_key=lambda values: values["penalty"],
        warm_states=[{"penalty": key} for _, key in PENALTIES],
        displays={"path": path, "coefficients": bars},
        results={"paths": paths},
    )
