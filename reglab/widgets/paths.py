"""Explorers over precomputed paths: lasso/elastic-net path (04), l1_ratio on
correlated features (05), cross-validation (06). A slider move is a look-up."""

import numpy as np

from reglab.widgets._explorer import Explorer, new_figure

__all__ = ["cv_explorer", "l1_ratio_explorer", "path_explorer"]


def _alpha_slider(alphas, value, *, extra_decades_above=0.0):
    """A log slider whose steps match the (log-spaced) grid ``alphas``."""
    import ipywidgets as widgets

    logs = np.log10(np.asarray(alphas, dtype=float))
    low, high = logs.min(), logs.max() + extra_decades_above
    step = (logs.max() - logs.min()) / max(logs.size - 1, 1)
    return widgets.FloatLogSlider(
        value=float(np.clip(value, 10**low, 10**high)),
        base=10,
        min=low,
        max=high,
        step=step,
        description="alpha",
        readout_format=".2e",
    )


def _name_of(l1_ratio):
    return {1.0: "lasso", 0.0: "ridge"}.get(float(l1_ratio), "elastic net")


def _default_sparse_data():
    """50 samples, 10 features, 3 with a true effect."""
    from reglab.datasets import make_sparse_regression

    X, y, _ = make_sparse_regression(50, 10, n_nonzero=3, noise=1.0, random_state=0)
    return X, y


def path_explorer(
    X=None, y=None, *, l1_ratio=1.0, feature_names=None, n_alphas=100, alpha=None
):
    """Lasso (or elastic-net) path with a moving alpha marker and coefficient bars.

    Left: every coefficient against alpha (log scale), the top axis counting nonzero
    coefficients, a dashed marker at the slider's alpha. Right: the coefficients at
    that alpha as bars; the title counts the nonzero ones. The path is computed once
    (``reglab.regularization_path``); the slider snaps to its grid and looks the
    coefficients up. The slider reaches a decade above alpha_max (all zero) and down
    to the grid's smallest alpha.

    Parameters
    ----------
    X, y : optional; default 50 samples, 10 features, 3 true
        (``reglab.datasets.make_sparse_regression``)
    l1_ratio : float in (0, 1], default 1.0 (lasso)
    feature_names : list of str, optional
    n_alphas : int, grid size (default 100, from alpha_max down 1000x)

    Returns
    -------
    Explorer with controls ``{"alpha": FloatLogSlider}`` and displays ``"path"``
    (RegularizationPathDisplay) and ``"coefficients"`` (CoefficientDisplay);
    ``displays["path"].index_`` is the grid index shown.
    """
    from reglab.paths import regularization_path
    from reglab.plots import CoefficientDisplay, RegularizationPathDisplay

    if X is None and y is None:
        X, y = _default_sparse_data()
    result = regularization_path(X, y, l1_ratio=l1_ratio, n_alphas=n_alphas)
    path = RegularizationPathDisplay.from_path(result, feature_names=feature_names)
    alphas = path.alphas
    if alpha is None:
        alpha = alphas[alphas.size // 3]
    limit = 1.1 * max(np.abs(path.coefs).max(), 1e-12)
    name = _name_of(l1_ratio)
    bars = CoefficientDisplay(
        path.coefs[0], feature_names=path.feature_names, label=name
    )
    figure, (path_ax, bar_ax) = new_figure((11, 4.2), ncols=2, width_ratios=(1.3, 1))
    path.plot(path_ax, alpha=alpha, ylim=(-limit, limit))
    bars.plot(bar_ax, ylim=(-limit, limit))
    controls = {"alpha": _alpha_slider(alphas, alpha, extra_decades_above=1.0)}

    def update(values):
        index = path.set_alpha(values["alpha"])
        bars.set_coef(path.coefs[index])
        bars.ax_.set_title(
            f"{name}, alpha = {alphas[index]:.3g}\n{bars.n_nonzero} of "
            f"{bars.coef.size} coefficients nonzero",
            fontsize="medium",
        )

    return Explorer(
        figure,
        controls,
        update,
        animated=lambda: [path.marker_, *bars.bars_, bars.ax_.title],
        displays={"path": path, "coefficients": bars},
    )


def _default_grouped_data():
    """Three groups of three nearly identical columns; only the first group matters."""
    from reglab.datasets import make_correlated_groups

    X, y, _ = make_correlated_groups(100, random_state=0)
    groups = [f"group {j // 3 + 1}" for j in range(X.shape[1])]
    return X, y, groups


def l1_ratio_explorer(
    X=None, y=None, *, groups=None, l1_ratios=None, n_alphas=60, alpha=None
):
    """The l1_ratio slider on correlated features (lesson 05).

    Columns in one group are near copies of each other (coloured alike). At
    l1_ratio = 1 the lasso keeps one column of the informative group and zeroes its
    copies; toward 0 the penalty shares the weight evenly across the group (the
    grouping effect). Left: the path at the chosen l1_ratio with the alpha marker;
    right: the coefficients at (l1_ratio, alpha). One path per l1_ratio on one alpha
    grid is computed at build; both sliders look up.

    Parameters
    ----------
    X, y : optional; default ``make_correlated_groups(100)`` (3 groups of 3)
    groups : one label per column (colours), optional
    l1_ratios : the slider's values, default 0, 0.1, ..., 1
    n_alphas : alpha grid size (from 10x the lasso's alpha_max down 10^4)

    Returns
    -------
    Explorer with controls ``{"l1_ratio": SelectionSlider, "alpha":
    FloatLogSlider}``, displays ``"path"``, ``"coefficients"``, and
    ``explorer.paths`` (dict l1_ratio -> RegularizationPath).
    """
    import ipywidgets as widgets

    from reglab.paths import regularization_path
    from reglab.plots import CoefficientDisplay, RegularizationPathDisplay
    from reglab.plots.paths import group_colors
    from reglab.solvers import alpha_max

    if X is None and y is None:
        X, y, groups = _default_grouped_data()
    X = np.asarray(X, dtype=float)
    if l1_ratios is None:
        l1_ratios = np.round(np.linspace(0.0, 1.0, 11), 2)
    l1_ratios = [float(r) for r in l1_ratios]
    top = 10.0 * alpha_max(X, y, l1_ratio=1.0)
    alphas = np.geomspace(top, top * 1e-4, n_alphas)
    paths = {r: regularization_path(X, y, l1_ratio=r, alphas=alphas) for r in l1_ratios}
    start = l1_ratios[-1]
    if alpha is None:
        alpha = top / 100.0
    names = [f"x{j + 1}" for j in range(X.shape[1])]
    path = RegularizationPathDisplay(
        alphas, paths[start].coefs, l1_ratio=start, feature_names=names, groups=groups
    )
    limit = 1.1 * max(np.abs(p.coefs).max() for p in paths.values())
    bars = CoefficientDisplay(paths[start].coefs[0], feature_names=names, label="")
    figure, (path_ax, bar_ax) = new_figure((11, 4.2), ncols=2, width_ratios=(1.3, 1))
    path.plot(path_ax, alpha=alpha, ylim=(-limit, limit), show_nonzero=False)
    bars.plot(bar_ax, ylim=(-limit, limit), color=group_colors(X.shape[1], groups))
    controls = {
        "l1_ratio": widgets.SelectionSlider(
            options=[(f"{r:g}", r) for r in l1_ratios],
            value=start,
            description="l1_ratio",
        ),
        "alpha": _alpha_slider(alphas, alpha),
    }

    def update(values):
        r = values["l1_ratio"]
        if r != path.l1_ratio:
            path.set_path(paths[r].coefs, l1_ratio=r)
        index = path.set_alpha(values["alpha"])
        bars.set_coef(paths[r].coefs[index])
        bars.ax_.set_title(
            f"{_name_of(r)} (l1_ratio = {r:g}), alpha = {alphas[index]:.3g}\n"
            f"{bars.n_nonzero} of {bars.coef.size} coefficients nonzero",
            fontsize="medium",
        )

    explorer = Explorer(
        figure,
        controls,
        update,
        animated=lambda: [
            path.marker_,
            *path.lines_,
            path.ax_.title,
            *bars.bars_,
            bars.ax_.title,
        ],
        displays={"path": path, "coefficients": bars},
    )
    explorer.paths = paths
    return explorer


def cv_explorer(X=None, y=None, *, l1_ratio=1.0, cv=5, random_state=0, n_alphas=50):
    """K-fold cross-validation of a lasso path: pick alpha (lesson 06).

    Left: mean CV error with one-standard-error bars against alpha, ``alpha_min``
    (lowest mean) and ``alpha_1se`` (largest alpha within one SE of it) marked, and a
    marker at the slider's alpha; tick ``show_folds`` to see each fold's curve; the
    buttons "go to alpha_min" / "go to alpha_1se" move the slider there.
    Right: the full-data coefficients at that alpha. ``reglab.cv_path`` runs once at
    build; the slider looks up.

    Parameters
    ----------
    X, y : optional; default 50 samples, 10 features, 3 true
    l1_ratio, cv, random_state, n_alphas : passed to ``reglab.cv_path``

    Returns
    -------
    Explorer with controls ``{"alpha": FloatLogSlider, "show_folds": Checkbox}``,
    ``buttons`` (go to alpha_min, go to alpha_1se) and displays ``"cv"``
    (CVCurveDisplay) and ``"coefficients"``.
    """
    import ipywidgets as widgets

    from reglab.cv import cv_path
    from reglab.plots import CoefficientDisplay, CVCurveDisplay

    if X is None and y is None:
        X, y = _default_sparse_data()
    result = cv_path(
        X, y, l1_ratio=l1_ratio, cv=cv, random_state=random_state, n_alphas=n_alphas
    )
    curve = CVCurveDisplay.from_cv_path(result)
    coefs = np.asarray(result.path.coefs)
    alphas = curve.alphas
    limit = 1.1 * max(np.abs(coefs).max(), 1e-12)
    name = _name_of(l1_ratio)
    bars = CoefficientDisplay(coefs[0], label=name)
    figure, (cv_ax, bar_ax) = new_figure((11, 4.2), ncols=2, width_ratios=(1.3, 1))
    curve.plot(cv_ax, alpha=result.alpha_min)
    bars.plot(bar_ax, ylim=(-limit, limit))
    controls = {
        "alpha": _alpha_slider(alphas, result.alpha_min),
        "show_folds": widgets.Checkbox(value=False, description="show each fold"),
    }

    def update(values):
        index = curve.set_alpha(values["alpha"])
        curve.set_show_folds(values["show_folds"])
        bars.set_coef(coefs[index])
        bars.ax_.set_title(
            f"{name} at alpha = {alphas[index]:.3g} (CV MSE "
            f"{result.mse_mean[index]:.3g})\n{bars.n_nonzero} of {bars.coef.size} "
            "coefficients nonzero",
            fontsize="medium",
        )

    # buttons that move the slider to either choice of alpha
    buttons = []
    for label, chosen in (
        ("alpha_min", result.alpha_min),
        ("alpha_1se", result.alpha_1se),
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
            *bars.bars_,
            bars.ax_.title,
        ],
        displays={"cv": curve, "coefficients": bars},
        buttons=buttons,
    )
