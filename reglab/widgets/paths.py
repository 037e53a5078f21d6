"""Explorers over precomputed paths: lasso/elastic-net path (04), l1_ratio on
correlated features (05), cross-validation (06). A slider move is a look-up."""

import ipywidgets as widgets
import numpy as np

from reglab._validation import check_array
from reglab.cv import cv_path
from reglab.datasets import make_correlated_groups, make_sparse_regression
from reglab.paths import regularization_path
from reglab.plots import (
    CoefficientDisplay,
    CVCurveDisplay,
    RegularizationPathDisplay,
    penalty_name,
)
from reglab.plots.paths import alpha_grid, group_colors, stated_alpha
from reglab.widgets._explorer import Explorer, new_figure
from reglab.widgets.controls import alpha_slider

__all__ = ["cv_explorer", "l1_ratio_explorer", "path_explorer"]


def _default_sparse_data():
    """50 samples, 10 features, 3 with a true effect (and their true coefficients)."""
    return make_sparse_regression(50, 10, n_nonzero=3, noise=1.0, random_state=0)


def _nonzero_text(coef, names):
    """ "3 of 10 coefficients nonzero (bmi 20.1, s5 18, bp 5.2); 7 exactly 0"."""
    nonzero = np.flatnonzero(coef)
    order = nonzero[np.argsort(-np.abs(coef[nonzero]), kind="stable")]
    listed = ", ".join(f"{names[j]} {coef[j]:.3g}" for j in order[:6])
    more = f" and {order.size - 6} more" if order.size > 6 else ""
    text = f"{nonzero.size} of {coef.size} coefficients nonzero"
    if nonzero.size:
        text += f" ({listed}{more})"
    return text + f"; {coef.size - nonzero.size} exactly 0"


def path_explorer(
    X=None, y=None, *, l1_ratio=1.0, feature_names=None, n_alphas=100, alpha=None
):
    """Lasso (or elastic-net) path with a moving alpha marker and coefficient bars.

    Left: every coefficient against alpha (log scale), each line named at its
    small-alpha end (names never overlap; colours repeat only with another line
    style), the top axis counting nonzero coefficients (for the lasso, its degrees
    of freedom), a dashed marker at the slider's alpha. Right: the coefficients at
    that alpha as bars; the title counts the nonzero ones. The path is computed once
    (``reglab.regularization_path``); the slider's positions are the path's grid, so
    it looks the coefficients up. The slider reaches a decade above alpha_max (all
    zero) and down to the grid's smallest alpha.

    Parameters
    ----------
    X, y : optional; default 50 samples, 10 features, 3 true
        (``reglab.datasets.make_sparse_regression``)
    l1_ratio : float in (0, 1], default 1.0 (lasso)
    feature_names : list of str, optional
    n_alphas : int, grid size (default 100, from alpha_max down 1000x)
    alpha : float, starting alpha (snapped to the grid); default a third of the way
        down the grid

    Returns
    -------
    Explorer with controls ``{"alpha": FloatLogSlider}`` and displays ``"path"``
    (RegularizationPathDisplay) and ``"coefficients"`` (CoefficientDisplay);
    ``displays["path"].index_`` is the grid index shown. Its ``description`` reads
    e.g. "lasso, alpha = 0.1: 3 of 10 coefficients nonzero (w2 2.1, ...); 7 exactly
    0".
    """
    if X is None and y is None:
        X, y, _ = _default_sparse_data()
    result = regularization_path(X, y, l1_ratio=l1_ratio, n_alphas=n_alphas)
    path = RegularizationPathDisplay.from_path(result, feature_names=feature_names)
    alphas = path.alphas
    slider = alpha_slider(
        alphas,
        alphas[alphas.size // 3] if alpha is None else alpha,
        extra_decades_above=1.0,
    )
    limit = 1.1 * max(np.abs(path.coefs).max(), 1e-12)
    name = penalty_name(l1_ratio)
    bars = CoefficientDisplay(
        path.coefs[0], feature_names=path.feature_names, label=name
    )
    figure, (path_ax, bar_ax) = new_figure((11, 4.2), ncols=2, width_ratios=(1.3, 1))
    path.plot(path_ax, alpha=slider.value, ylim=(-limit, limit))
    bars.plot(bar_ax, ylim=(-limit, limit))

    def update(values):
        index = path.set_alpha(values["alpha"])
        bars.set_coef(path.coefs[index])
        shown = stated_alpha(alphas, index, values["alpha"])
        bars.ax_.set_title(
            f"{name}, alpha = {shown:.3g}\n{bars.n_nonzero} of "
            f"{bars.coef.size} coefficients nonzero",
            fontsize="medium",
        )
        return (
            f"{name}, alpha = {shown:.3g}: "
            f"{_nonzero_text(path.coefs[index], path.feature_names)}."
        )

    return Explorer(
        figure,
        {"alpha": slider},
        update,
        animated=lambda: [path.marker_, *bars.bars_, bars.ax_.title],
        displays={"path": path, "coefficients": bars},
    )


def _default_grouped_data():
    """Three groups of three nearly identical columns; only the first group matters."""
    X, y, _ = make_correlated_groups(100, random_state=0)
    groups = [f"group {j // 3 + 1}" for j in range(X.shape[1])]
    return X, y, groups


def l1_ratio_explorer(
    X=None, y=None, *, groups=None, l1_ratios=None, n_alphas=60, alpha=None
):
    """The l1_ratio slider on correlated features (lesson 05).

    Columns in one group are near copies of each other (one colour per group, one
    line style per member, each line named at its end). At l1_ratio = 1 the lasso
    tends to keep few columns of the informative group; toward 0 the penalty shares
    the weight evenly across the group (the grouping effect). Left: the path at the
    chosen l1_ratio with the alpha marker; right: the coefficients at (l1_ratio,
    alpha). One path per l1_ratio on one alpha grid is computed at build; both
    sliders look up.

    Parameters
    ----------
    X, y : optional; default ``make_correlated_groups(100)`` (3 groups of 3)
    groups : one label per column (colours), optional
    l1_ratios : the slider's values, default 0, 0.1, ..., 1
    n_alphas : alpha grid size (from 10x the lasso's alpha_max down 10^4)
    alpha : starting alpha, snapped to the grid (default: the lasso's alpha_max/10)

    Raises ValueError naming ``y`` when y is constant (nothing to fit).

    Returns
    -------
    Explorer with controls ``{"l1_ratio": SelectionSlider, "alpha":
    FloatLogSlider}``, displays ``"path"``, ``"coefficients"``, and
    ``explorer.paths`` (dict l1_ratio -> RegularizationPath).
    """
    if X is None and y is None:
        X, y, groups = _default_grouped_data()
    X = check_array(X, "X", ndim=2)
    if l1_ratios is None:
        l1_ratios = np.round(np.linspace(0.0, 1.0, 11), 2)
    l1_ratios = [float(r) for r in l1_ratios]
    alphas = alpha_grid(X, y, n_alphas=n_alphas, high=10.0, low=1e-4)
    paths = {r: regularization_path(X, y, l1_ratio=r, alphas=alphas) for r in l1_ratios}
    start = l1_ratios[-1]
    slider = alpha_slider(alphas, alphas[0] / 100.0 if alpha is None else alpha)
    names = [f"x{j + 1}" for j in range(X.shape[1])]
    path = RegularizationPathDisplay(
        alphas, paths[start].coefs, l1_ratio=start, feature_names=names, groups=groups
    )
    limit = 1.1 * max(max(np.abs(p.coefs).max() for p in paths.values()), 1e-12)
    bars = CoefficientDisplay(paths[start].coefs[0], feature_names=names, label="")
    figure, (path_ax, bar_ax) = new_figure((11, 4.2), ncols=2, width_ratios=(1.3, 1))
    path.plot(path_ax, alpha=slider.value, ylim=(-limit, limit), show_nonzero=False)
    bars.plot(bar_ax, ylim=(-limit, limit), color=group_colors(X.shape[1], groups))
    controls = {
        "l1_ratio": widgets.SelectionSlider(
            options=[(f"{r:g}", r) for r in l1_ratios],
            value=start,
            description="l1_ratio",
        ),
        "alpha": slider,
    }

    def update(values):
        r = values["l1_ratio"]
        if r != path.l1_ratio:
            path.set_path(paths[r].coefs, l1_ratio=r)
        index = path.set_alpha(values["alpha"])
        coef = paths[r].coefs[index]
        bars.set_coef(coef)
        bars.ax_.set_title(
            f"{penalty_name(r)}, alpha = {alphas[index]:.3g}\n"
            f"{bars.n_nonzero} of {bars.coef.size} coefficients nonzero",
            fontsize="medium",
        )
        text = f"{penalty_name(r)}, alpha = {alphas[index]:.3g}: "
        if groups is None:
            return text + _nonzero_text(coef, names) + "."
        parts = []
        for g in dict.fromkeys(groups):
            members = [j for j, h in enumerate(groups) if h == g]
            values_in_group = ", ".join(f"{names[j]} {coef[j]:.2g}" for j in members)
            kept = np.count_nonzero(coef[members])
            parts.append(f"{g}: {kept} of {len(members)} nonzero ({values_in_group})")
        return text + "; ".join(parts) + "."

    return Explorer(
        figure,
        controls,
        update,
        animated=lambda: [
            path.marker_,
            *path.lines_,
            *path.labels_,
            *path.leaders_,
            path.ax_.title,
            *bars.bars_,
            bars.ax_.title,
        ],
        displays={"path": path, "coefficients": bars},
        results={"paths": paths},
    )


def cv_explorer(
    X=None,
    y=None,
    *,
    l1_ratio=1.0,
    cv=5,
    random_state=0,
    n_alphas=50,
    alphas=None,
    cv_result=None,
    true_coef=None,
):
    """K-fold cross-validation of a lasso path: pick alpha (lesson 06).

    Left: mean CV error with one-standard-error bars against alpha, ``alpha_min``
    (lowest mean) and ``alpha_1se`` (largest alpha within one SE of it) marked, and a
    marker at the slider's alpha; tick ``show_folds`` to see each fold's curve; the
    buttons "go to alpha_min" / "go to alpha_1se" move the slider there.
    Right: the full-data coefficients at that alpha; with ``true_coef`` the features
    with a true effect are starred in the axis labels and their true values drawn as
    black ticks, so false features can be seen to drop out. ``reglab.cv_path`` runs
    once at build (or pass its result); the slider's positions are its grid.

    Parameters
    ----------
    X, y : optional; default 50 samples, 10 features, 3 true (with ``true_coef``)
    l1_ratio, cv, random_state, n_alphas, alphas : passed to ``reglab.cv_path``
        (pass the same ``alphas`` as a notebook's own ``cv_path`` call, or its
        result as ``cv_result``, and the explorer shows the same alpha_min and
        alpha_1se)
    cv_result : a ``reglab.cv_path`` result to show instead of computing one
    true_coef : array (p,), optional, the coefficients that made the data

    Returns
    -------
    Explorer with controls ``{"alpha": FloatLogSlider, "show_folds": Checkbox}``,
    ``buttons`` (go to alpha_min, go to alpha_1se) and displays ``"cv"``
    (CVCurveDisplay) and ``"coefficients"``. Its ``description`` reads e.g.
    "alpha = 0.274 (alpha_min): CV MSE 1.23 +- 0.11; alpha_min = 0.274, alpha_1se =
    0.639. 4 of 10 coefficients nonzero (...); true features kept: 3 of 3, false
    features kept: 1 of 7".
    """
    if X is None and y is None and cv_result is None:
        X, y, true_coef = _default_sparse_data()
    if cv_result is None:
        cv_result = cv_path(
            X,
            y,
            l1_ratio=l1_ratio,
            cv=cv,
            random_state=random_state,
            n_alphas=n_alphas,
            alphas=alphas,
        )
    curve = CVCurveDisplay.from_cv_path(cv_result)
    coefs = np.asarray(cv_result.path.coefs)
    grid = curve.alphas
    p = coefs.shape[1]
    names = [f"w{j + 1}" for j in range(p)]
    truth = None
    if true_coef is not None:
        truth = check_array(true_coef, "true_coef", ndim=1)
        if truth.size != p:
            raise ValueError(
                f"`true_coef` must have one entry per feature ({p}). Got {truth.size}."
            )
        names = [f"{n}*" if t != 0 else n for n, t in zip(names, truth, strict=True)]
    limit = 1.1 * max(np.abs(coefs).max(), 0 if truth is None else np.abs(truth).max())
    name = penalty_name(cv_result.path.l1_ratio)
    bars = CoefficientDisplay(
        coefs[0],
        feature_names=names,
        label=name,
        reference=truth,
        reference_label="true coefficient",
    )
    figure, (cv_ax, bar_ax) = new_figure((11, 4.2), ncols=2, width_ratios=(1.3, 1))
    curve.plot(cv_ax, alpha=cv_result.alpha_min)
    bars.plot(bar_ax, ylim=(-max(limit, 1e-12), max(limit, 1e-12)))
    if truth is not None:
        bar_ax.set_xlabel("feature (* = has a true effect)")
    controls = {
        "alpha": alpha_slider(grid, cv_result.alpha_min),
        "show_folds": widgets.Checkbox(value=False, description="show each fold"),
    }

    def update(values):
        index = curve.set_alpha(values["alpha"])
        curve.set_show_folds(values["show_folds"])
        coef = coefs[index]
        bars.set_coef(coef)
        bars.ax_.set_title(
            f"{name} at alpha = {grid[index]:.3g} (CV MSE "
            f"{cv_result.mse_mean[index]:.3g})\n{bars.n_nonzero} of {bars.coef.size} "
            "coefficients nonzero",
            fontsize="medium",
        )
        chosen = {cv_result.alpha_min: " (alpha_min)", cv_result.alpha_1se: ""}
        if grid[index] == cv_result.alpha_1se:
            chosen[cv_result.alpha_1se] = " (alpha_1se)"
        text = (
            f"alpha = {grid[index]:.3g}{chosen.get(grid[index], '')}: CV MSE "
            f"{cv_result.mse_mean[index]:.3g} +- {cv_result.mse_se[index]:.2g} (one "
            f"SE); alpha_min = {cv_result.alpha_min:.3g}, alpha_1se = "
            f"{cv_result.alpha_1se:.3g}. {_nonzero_text(coef, names)}"
        )
        if values["show_folds"]:
            folds = np.atleast_2d(cv_result.mse_folds)[:, index]
            text += (
                f"; the {folds.size} fold curves are shown (MSE at this alpha from "
                f"{folds.min():.3g} to {folds.max():.3g})"
            )
        if truth is not None:
            true = truth != 0
            text += (
                f"; true features kept: {np.count_nonzero(coef[true])} of "
                f"{true.sum()}, false features kept: {np.count_nonzero(coef[~true])} "
                f"of {(~true).sum()}"
            )
        return text + "."

    # buttons that move the slider to either choice of alpha
    buttons = []
    for label, chosen in (
        ("alpha_min", cv_result.alpha_min),
        ("alpha_1se", cv_result.alpha_1se),
    ):
        button = widgets.Button(description=f"go to {label}")
        button.on_click(lambda _, a=chosen: setattr(controls["alpha"], "value", a))
        buttons.append(button)

    return Explorer(
        figure,
        controls,
        update,
        animated=lambda: [
            curve.marker_,
            *curve.fold_lines_,
            curve.fold_note_,
            *bars.bars_,
            bars.ax_.title,
        ],
        displays={"cv": curve, "coefficients": bars},
        buttons=buttons,
    )
