"""Explorer for Parr's experiment (lesson 04): how often a penalty gives exact zeros."""

import ipywidgets as widgets
import numpy as np
from matplotlib.patches import Polygon

from reglab._validation import check_scalar
from reglab.plots import COLORS, OKABE_ITO, penalty_name
from reglab.random_bowls import (
    bowl_curvature,
    random_bowls,
    round_bowl_zero_share,
    zero_pattern,
    zero_regions,
)
from reglab.widgets._explorer import Explorer, new_figure
from reglab.widgets.controls import alpha_slider

__all__ = ["zero_share_explorer"]

#: The slider's l1_ratios and the bowls' eigenvalue ratios (1: round).
L1_RATIOS = tuple(round(r, 2) for r in np.linspace(0.0, 1.0, 21).tolist())
STRETCHES = (1.0, 2.0, 4.0, 8.0, 16.0)
#: The one bowl's tilt (its long axis), in degrees.
TILT_DEGREES = 30.0
#: alpha from 0.05 to 2, five steps a decade through 0.5 (the notebook's alpha)
ALPHAS = 0.5 * 10 ** (np.arange(-5, 4) / 5)
#: Half-width of the (c1, c2) panel; the centres are N(0, I).
VIEW = 3.0


def _nearest(grid, value):
    return int(np.argmin(np.abs(np.log(grid) - np.log(max(value, 1e-300)))))


def zero_share_explorer(*, n_problems=20000, n_shown=300, random_state=0):
    """How often the penalized minimizer of a random 2-D bowl has an exact zero.

    Terence Parr's experiment, with the penalized form: random bowls
    ``1/2 (w - c)^T H (w - c)`` with centres ``c ~ N(0, I)``, plus ``alpha P(w)``
    (``reglab.random_bowls``). Left: the plane of unpenalized minimizers ``c`` for
    one bowl shape (eigenvalue ratio ``stretch``, tilted 30 degrees; ``1`` is the
    round bowl ``H = I``): the hatched bands are the centres whose minimizer has
    ``w1 = 0`` (``//``) or ``w2 = 0`` (``\\\\``), and ``n_shown`` sampled centres are
    marked by whether theirs has a zero (x) or not (o). For the round bowl the bands
    are ``|c_j| <= alpha l1_ratio``, soft thresholding's dead zone; for ridge they
    have width 0. Right: the share with a zero against ``l1_ratio`` (0 ridge, 1
    lasso) for that bowl shape, for Parr's random bowls (random tilt, eigenvalues
    uniform in [0.2, 2]) and the round-bowl formula, with the current l1_ratio
    marked.

    Every (l1_ratio, alpha, stretch) on the sliders' grids is evaluated at build
    (``zero_pattern`` on ``n_problems`` centres); a control change looks it up.

    Parameters
    ----------
    n_problems : int, random centres (and Parr's random bowls), default 20000
    n_shown : int, centres marked in the left panel
    random_state : int, the seed of ``random_bowls`` (0: the notebook's bowls)

    Returns
    -------
    Explorer with controls ``{"l1_ratio": SelectionSlider, "alpha":
    FloatLogSlider, "stretch": SelectionSlider}`` and ``explorer.shares``, a dict
    ``"this bowl"``, ``"w1 = 0"``, ``"w2 = 0"`` (arrays (stretch, alpha,
    l1_ratio)), ``"random bowls"`` and ``"round formula"`` (arrays (alpha,
    l1_ratio)). Its ``description`` gives the shares at the current state, e.g.
    "elastic net (l1_ratio = 0.5), alpha = 0.5, round bowl: 35.1% of 20000 ...".
    """
    n_problems = check_scalar(n_problems, "n_problems", low=1, integer=True)
    n_shown = check_scalar(n_shown, "n_shown", low=0, integer=True)
    centres, random_curvatures = random_bowls(n_problems, random_state=random_state)
    tilt = np.deg2rad(TILT_DEGREES)
    curvatures = [bowl_curvature([np.sqrt(s), 1 / np.sqrt(s)], tilt) for s in STRETCHES]
    shape = (len(STRETCHES), len(ALPHAS), len(L1_RATIOS))
    shares = {name: np.empty(shape) for name in ("this bowl", "w1 = 0", "w2 = 0")}
    shown = np.empty((*shape, min(n_shown, n_problems)), dtype=bool)
    regions = {}
    for k, H in enumerate(curvatures):
        reach = 2 * VIEW * np.linalg.norm(H, 2)  # every b = H c of the view inside
        for a, alpha in enumerate(ALPHAS):
            zero = zero_pattern(centres, H, alpha, L1_RATIOS)  # (ratios, m, 2)
            any_zero = zero[..., 0] | zero[..., 1]
            shares["this bowl"][k, a] = np.count_nonzero(any_zero, 1) / n_problems
            for j in (0, 1):
                shares[f"w{j + 1} = 0"][k, a] = (
                    np.count_nonzero(zero[..., j], 1) / n_problems
                )
            shown[k, a] = any_zero[:, : shown.shape[-1]]
            for i, r in enumerate(L1_RATIOS):
                regions[k, a, i] = zero_regions(H, alpha, r, reach=reach)
    shares["random bowls"] = np.array(
        [
            np.count_nonzero(zero[..., 0] | zero[..., 1], 1) / n_problems
            for zero in (
                zero_pattern(centres, random_curvatures, alpha, L1_RATIOS)
                for alpha in ALPHAS
            )
        ]
    )
    shares["round formula"] = np.array(
        [round_bowl_zero_share(a, np.array(L1_RATIOS)) for a in ALPHAS]
    )
    # the bowl's shape: the level set c^T H c = 1, c = H^(-1/2) (cos t, sin t)
    t = np.linspace(0.0, 2 * np.pi, 90)
    circle = np.stack([np.cos(t), np.sin(t)])
    ellipses = []
    for H in curvatures:
        values, vectors = np.linalg.eigh(H)
        ellipses.append((vectors / np.sqrt(values)) @ vectors.T @ circle)

    figure, (plane_ax, share_ax) = new_figure(
        (10, 4.8), ncols=2, width_ratios=(1.0, 1.2)
    )
    hatch_style = {"closed": True, "alpha": 0.35, "linewidth": 1.5}
    bands = [
        Polygon(
            np.zeros((3, 2)),
            facecolor=OKABE_ITO[1],
            edgecolor=OKABE_ITO[1],
            hatch="//",
            label="c giving w1 = 0 (//)",
            **hatch_style,
        ),
        Polygon(
            np.zeros((3, 2)),
            facecolor=OKABE_ITO[2],
            edgecolor=OKABE_ITO[5],
            hatch="\\\\",
            label="c giving w2 = 0 (\\\\)",
            **hatch_style,
        ),
    ]
    for band in bands:
        plane_ax.add_patch(band)
    (with_zero,) = plane_ax.plot(
        [], [], "x", color=OKABE_ITO[0], markersize=4, label="sampled c: a zero (x)"
    )
    (without_zero,) = plane_ax.plot(
        [],
        [],
        "o",
        color=COLORS["marker"],
        markerfacecolor="none",
        markersize=3,
        label="sampled c: no zero (o)",
    )
    (ellipse,) = plane_ax.plot(
        [], [], ":", color=OKABE_ITO[7], linewidth=1.8, label="the bowl's shape"
    )
    plane_ax.axhline(0.0, color="grey", linewidth=0.5)
    plane_ax.axvline(0.0, color="grey", linewidth=0.5)
    plane_ax.set_xlim(-VIEW, VIEW)
    plane_ax.set_ylim(-VIEW, VIEW)
    plane_ax.set_aspect("equal")
    plane_ax.set_title("Centres c whose minimizer has an exact zero")
    plane_ax.set_xlabel("c1 (unpenalized minimizer)")
    plane_ax.set_ylabel("c2")
    plane_ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.13),
        ncols=2,
        fontsize="x-small",
        frameon=False,
    )

    r_grid = np.array(L1_RATIOS)
    (this_bowl,) = share_ax.plot(
        r_grid, r_grid, "-o", color=OKABE_ITO[0], markersize=4, label="this bowl (o)"
    )
    (random_line,) = share_ax.plot(
        r_grid,
        r_grid,
        "-.s",
        color=OKABE_ITO[5],
        markersize=4,
        label="Parr's random bowls (s): random tilt, eigenvalues in [0.2, 2]",
    )
    (formula_line,) = share_ax.plot(
        r_grid, r_grid, "--", color=OKABE_ITO[6], label="round bowls, formula (dashed)"
    )
    (current,) = share_ax.plot(
        [], [], "D", color=OKABE_ITO[0], markersize=9, markerfacecolor="none"
    )
    cursor = share_ax.axvline(0.0, color=COLORS["marker"], linewidth=1.0)
    # the current share, above 1 where no curve goes
    readout = share_ax.text(0.03, 0.975, "", transform=share_ax.transAxes, va="top")
    share_ax.set_title("Share of the bowls whose minimizer has an exact zero")
    share_ax.set_xlim(-0.03, 1.03)
    share_ax.set_ylim(0.0, 1.1)
    share_ax.set_yticks(np.linspace(0.0, 1.0, 6))
    share_ax.set_xticks(
        [0, 0.25, 0.5, 0.75, 1],
        ["0\nL2 (ridge)", "0.25", "0.5", "0.75", "1\nL1 (lasso)"],
    )
    share_ax.set_xlabel("l1_ratio")
    share_ax.set_ylabel("share of minimizers with an exact zero")
    share_ax.grid(alpha=0.3)
    share_ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.2),
        fontsize="x-small",
        frameon=False,
    )

    controls = {
        "l1_ratio": widgets.SelectionSlider(
            options=[(f"{r:g}", r) for r in L1_RATIOS],
            value=0.5,
            description="l1_ratio",
        ),
        "alpha": alpha_slider(ALPHAS, 0.5),
        "stretch": widgets.SelectionSlider(
            options=[("1 (round)" if s == 1 else f"{s:g}", s) for s in STRETCHES],
            value=1.0,
            description="bowl stretch",
            style={"description_width": "initial"},
        ),
    }
    shown_centres = centres[: shown.shape[-1]]

    def update(values):
        r = values["l1_ratio"]
        k = STRETCHES.index(values["stretch"])
        a = _nearest(ALPHAS, values["alpha"])
        index = (k, a, L1_RATIOS.index(r))
        alpha, stretch = ALPHAS[a], STRETCHES[k]
        for j, band in enumerate(bands):
            band.set_xy(regions[index][j])
        zero = shown[index]
        with_zero.set_data(*shown_centres[zero].T)
        without_zero.set_data(*shown_centres[~zero].T)
        ellipse.set_data(*ellipses[k])
        this_bowl.set_ydata(shares["this bowl"][k, a])
        random_line.set_ydata(shares["random bowls"][a])
        formula_line.set_ydata(shares["round formula"][a])
        share = shares["this bowl"][index]
        current.set_data([r], [share])
        cursor.set_xdata([r, r])
        bowl = "round bowl"
        if stretch != 1:
            bowl = (
                f"bowl with eigenvalue ratio {stretch:g}, tilted {TILT_DEGREES:g} "
                "degrees"
            )
        name = penalty_name(r)
        readout.set_text(f"this bowl at l1_ratio = {r:g}: {share:.1%} (diamond)")
        text = (
            f"{name}, alpha = {alpha:.3g}, {bowl}: {share:.1%} of {n_problems} random "
            f"centres c give a minimizer with an exact zero (w1 = 0: "
            f"{shares['w1 = 0'][index]:.1%}, w2 = 0: {shares['w2 = 0'][index]:.1%}); "
            f"round bowls by the formula {shares['round formula'][index[1:]]:.1%}; "
            f"Parr's random bowls {shares['random bowls'][index[1:]]:.1%}. "
        )
        if r == 0:
            return text + (
                "Ridge: the zero bands have width 0, so a zero needs c exactly on a "
                "line, which a random centre never is."
            )
        if stretch == 1:
            return text + (
                f"For the round bowl the bands are |c_j| <= alpha * l1_ratio = "
                f"{alpha * r:.3g}: soft thresholding sets those coordinates to 0."
            )
        return text + (
            "The bands are slanted: a coordinate is 0 when the loss's slope along it, "
            "at the best value of the other coordinate, is within the soft threshold "
            f"alpha * l1_ratio = {alpha * r:.3g}."
        )

    return Explorer(
        figure,
        controls,
        update,
        animated=lambda: [
            *bands,
            with_zero,
            without_zero,
            ellipse,
            this_bowl,
            random_line,
            formula_line,
            current,
            cursor,
            readout,
        ],
        results={"shares": shares},
    )
