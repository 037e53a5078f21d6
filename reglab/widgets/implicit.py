"""Explorer for regularization without a penalty (lesson 08, section 6): gradient
descent stopped after t steps beside the ridge path. A slider move is a look-up."""

import numpy as np

from reglab.plots.paths import line_styles, spread_positions
from reglab.widgets._explorer import Explorer, new_figure

__all__ = ["early_stopping_explorer"]

DEFAULT_STEPS = (1, 2, 3, 5, 10, 20, 30, 50, 100, 200, 300, 500, 1000)


def _default_data():
    """The diabetes data, standardized columns and centred target."""
    from reglab.datasets import load_diabetes

    X, y = load_diabetes(return_X_y=True)
    return (X - X.mean(axis=0)) / X.std(axis=0), y - y.mean()


def _label_line_ends(ax, lines, names, label_x):
    """Name each line at its last point, the names at ``label_x`` (beyond the lines'
    end, left-aligned) and spread so that none overlaps another; a thin leader in the
    line's colour joins a moved name to its line. Dark text for WCAG AA contrast."""
    ends = np.array([line.get_ydata()[-1] for line in lines])
    end_x = lines[0].get_xdata()[-1]
    y0, y1 = ax.get_ylim()
    height = ax.get_position().height * ax.figure.get_figheight() * 72  # points
    labels = [
        ax.text(label_x, 0, name, ha="left", va="center", fontsize="small", c="#222")
        for name in names
    ]
    gap = 1.3 * labels[0].get_fontsize() / height * (y1 - y0)
    positions = spread_positions(ends, gap=gap, low=y0, high=y1)
    for label, line, end, y in zip(labels, lines, ends, positions, strict=True):
        label.set_y(y)
        ax.plot([end_x, label_x * 1.08], [end, y], color=line.get_color(), lw=0.8)


def early_stopping_explorer(X=None, y=None, *, steps=DEFAULT_STEPS, learning_rate=None):
    """Early-stopped gradient descent against the ridge path, with a steps slider.

    Left: every ridge coefficient against alpha (lines, log scale; each with its own
    colour and line style pair, named at its small-alpha end) and the
    gradient-descent iterate after ``t`` steps drawn as dots at ``alpha = 1 / (eta
    t)``, with a dashed marker there. Right: the iterate's coefficients beside ridge's
    at that alpha, as bars. Under the figure, a text equivalent names ``t``,
    ``1 / (eta t)``, the relative distance between the two and the closest ridge
    solution. Gradient descent (``reglab.implicit.gradient_descent_path``) and the
    ridge path (``RidgeSVD``, one SVD) are computed once; the slider looks them up.

    Parameters
    ----------
    X, y : optional; default the diabetes data, standardized
        Centred here (no intercept), as ``reglab.implicit`` expects.
    steps : sequence of int >= 1, the slider's values (default 1 to 1000)
    learning_rate : float > 0, optional
        Default ``1 / lam_max``, with ``lam_max`` the largest eigenvalue of
        ``X^T X / n``: a step at which gradient descent converges.

    Returns
    -------
    Explorer with controls ``{"steps": SelectionSlider}``; ``explorer.description`` is
    the text equivalent (shown in the explorer's live region, and the figure's alt).
    """
    import ipywidgets as widgets

    from reglab._validation import check_X_y
    from reglab.implicit import early_stopping_alpha, gradient_descent_path
    from reglab.solvers import RidgeSVD

    if X is None and y is None:
        X, y = _default_data()
    X, y = check_X_y(X, y)
    X, y = X - X.mean(axis=0), y - y.mean()
    steps = np.unique(np.asarray(steps))
    if steps.size == 0 or not np.issubdtype(steps.dtype, np.integer) or steps[0] < 1:
        raise ValueError(
            f"`steps` must be a non-empty sequence of integers >= 1. Got {steps!r}."
        )
    n = X.shape[0]
    if learning_rate is None:
        learning_rate = 1.0 / np.linalg.eigvalsh(X.T @ X / n).max()
    iterates = gradient_descent_path(
        X, y, learning_rate=learning_rate, n_steps=int(steps[-1])
    )
    matched = early_stopping_alpha(steps, learning_rate)  # 1 / (eta t)
    alphas = np.geomspace(matched.max() * 30, matched.min() / 30, 300)
    ridge = RidgeSVD(X, y, fit_intercept=False)
    ridge_coefs = ridge.coef_path(alphas)
    ridge_at_matched = ridge.coef_path(matched)
    limit = 1.1 * max(np.abs(ridge_coefs).max(), np.abs(iterates).max(), 1e-12)
    p = X.shape[1]
    names = [f"x{j + 1}" for j in range(p)]
    styles = line_styles(p)  # colour and line style: colour is never the only cue
    colors = [color for color, _ in styles]

    figure, (path_ax, bar_ax) = new_figure((11, 4.2), ncols=2, width_ratios=(1.3, 1))
    path_lines = [
        path_ax.plot(
            alphas, ridge_coefs[:, j], color=color, linestyle=linestyle, linewidth=1.5
        )[0]
        for j, (color, linestyle) in enumerate(styles)
    ]
    dots = path_ax.scatter(
        np.full(p, matched[0]),
        iterates[steps[0]],
        c=colors,
        s=30,
        zorder=3,
        edgecolors="black",
        linewidths=0.6,
        label="gradient descent after t steps",
    )
    marker = path_ax.axvline(matched[0], color="0.35", linestyle="--", linewidth=1)
    path_ax.plot(
        [], [], color="0.45", linewidth=1.5, label="ridge path, one line per feature"
    )
    # room right of the small-alpha end for the lines' names: 0.18 of the decades
    room = 0.18 * np.log10(alphas[0] / alphas[-1])
    path_ax.set(
        xscale="log",
        xlim=(alphas[0], alphas[-1] / 10**room),
        ylim=(-limit, limit),
        xlabel="alpha, and 1 / (eta t) for the dots (log scale)",
        ylabel="coefficient",
        title="Ridge path and the early-stopped iterate",
    )
    path_ax.legend(loc="lower left", fontsize="small")
    _label_line_ends(path_ax, path_lines, names, alphas[-1] / 10 ** (0.15 * room))
    positions = np.arange(p)
    gd_bars = bar_ax.bar(
        positions - 0.2,
        iterates[steps[0]],
        width=0.4,
        color="0.25",
        label="gradient descent, t steps",
    )
    ridge_bars = bar_ax.bar(
        positions + 0.2,
        ridge_at_matched[0],
        width=0.4,
        color="white",
        edgecolor="0.25",
        hatch="//",
        label="ridge at 1 / (eta t)",
    )
    bar_ax.axhline(0.0, color="black", linewidth=0.6)
    bar_ax.set(
        xticks=positions,
        xticklabels=names,
        ylim=(-limit, limit),
        xlabel="feature",
        ylabel="coefficient",
        title="Coefficients at t",
    )
    bar_ax.legend(loc="upper left", fontsize="small")
    controls = {
        "steps": widgets.SelectionSlider(
            options=[int(t) for t in steps],
            value=int(steps[min(6, steps.size - 1)]),
            description="steps t",
        )
    }

    def update(values):
        t = int(values["steps"])
        index = int(np.searchsorted(steps, t))
        alpha_t = matched[index]
        w_t = iterates[t]
        dots.set_offsets(np.column_stack([np.full(p, alpha_t), w_t]))
        marker.set_xdata([alpha_t, alpha_t])
        for bar, height in zip(gd_bars, w_t, strict=True):
            bar.set_height(height)
        for bar, height in zip(ridge_bars, ridge_at_matched[index], strict=True):
            bar.set_height(height)
        scale = max(np.linalg.norm(ridge_at_matched[index]), 1e-12)
        distance = np.linalg.norm(w_t - ridge_at_matched[index]) / scale
        gaps = np.linalg.norm(ridge_coefs - w_t, axis=1)
        closest = int(np.argmin(gaps))
        closest_gap = gaps[closest] / max(np.linalg.norm(w_t), 1e-12)
        return (
            f"t = {t} step{'s' if t > 1 else ''} of gradient descent "
            f"(step {learning_rate:.3g}) against "
            f"ridge at alpha = 1 / (eta t) = {alpha_t:.3g}: relative distance "
            f"{distance:.0%}. The closest ridge solution, at alpha = "
            f"{alphas[closest]:.3g}, is {closest_gap:.1%} away."
        )

    return Explorer(
        figure,
        controls,
        update,
        animated=lambda: [dots, marker, *gd_bars, *ridge_bars],
    )
