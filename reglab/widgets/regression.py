"""Explorers for the regression lessons: polynomial degree (01) and ridge alpha (03)."""

import numpy as np

from reglab.widgets._explorer import Explorer, new_figure

__all__ = ["polynomial_explorer", "ridge_explorer"]


def _default_polynomial_data(n_samples=40, random_state=0):
    """Noisy cubic; even samples train, odd samples validate."""
    from reglab.datasets import make_polynomial

    x, y, truth = make_polynomial(
        n_samples, degree=3, noise=0.3, random_state=random_state
    )
    return x[::2], y[::2], x[1::2], y[1::2], truth


def _data(x, y, x_val, y_val, truth):
    if x is None and y is None:
        return _default_polynomial_data()
    if x is None or y is None:
        raise ValueError("Pass both `x` and `y`, or neither for the course's data.")
    return x, y, x_val, y_val, truth


def polynomial_explorer(
    x=None, y=None, *, x_val=None, y_val=None, truth=None, max_degree=15, degree=1
):
    """Degree slider on a least-squares polynomial fit (lesson 01).

    Left: the data, the true function and the least-squares polynomial of the chosen
    degree. Right: training and validation error against degree, with a marker at the
    chosen degree. Every degree is fitted once when the explorer is built
    (``PolynomialFitDisplay``); the slider only looks fits up. Degrees at or above
    the number of samples give the minimum-norm interpolating fit.

    Parameters
    ----------
    x, y : arrays (n,), optional
        Training data; default: 20 noisy samples of a cubic
        (``reglab.datasets.make_polynomial``), with 20 more for validation.
    x_val, y_val : arrays (m,), optional
    truth : callable or array, optional, the true function
    max_degree : int, default 15
    degree : int, default 1, the starting degree

    Returns
    -------
    Explorer with controls ``{"degree": IntSlider}`` and displays ``"fit"``
    (PolynomialFitDisplay), ``"errors"`` (ErrorCurveDisplay).
    """
    import ipywidgets as widgets

    from reglab.plots import PolynomialFitDisplay

    x, y, x_val, y_val, truth = _data(x, y, x_val, y_val, truth)
    fit = PolynomialFitDisplay.from_data(
        x, y, max_degree=max_degree, x_val=x_val, y_val=y_val, truth=truth
    )
    errors = fit.error_curve()
    figure, (fit_ax, error_ax) = new_figure((10, 4), ncols=2, width_ratios=(1.3, 1))
    fit.plot(fit_ax, degree=degree)
    errors.plot(error_ax, marker=degree)
    controls = {
        "degree": widgets.IntSlider(
            value=int(np.clip(degree, 0, max_degree)),
            min=0,
            max=int(max_degree),
            description="degree",
        )
    }

    def update(values):
        fit.set_degree(values["degree"])
        errors.set_marker(values["degree"])

    return Explorer(
        figure,
        controls,
        update,
        animated=lambda: [fit.line_, fit.ax_.title, errors.marker_],
        displays={"fit": fit, "errors": errors},
    )


def ridge_explorer(
    x=None,
    y=None,
    *,
    x_val=None,
    y_val=None,
    truth=None,
    degree=12,
    alpha_range=(1e-6, 1e2),
    alpha=1e-2,
    feature_names=None,
):
    """Ridge on a degree-12 polynomial with a log-scale alpha slider (lessons 01, 03).

    Left: the data, the least-squares fit (alpha = 0, dashed black) and the ridge fit
    (blue) at the slider's alpha; the title gives train and validation error. Right:
    the ridge coefficients as bars with the least-squares coefficients as black ticks:
    as alpha grows every bar shrinks toward zero, none reaches it. The
    ``least_squares`` checkbox sets alpha = 0 exactly (least squares; the
    minimum-norm solution when degree >= n). One SVD is computed at build
    (``RidgeSVD``); every slider position is read from it.

    Given a design matrix ``X`` (n, p) with p > 1 in place of ``x`` (the
    standardized diabetes data, say), the left panel is instead the ridge path of
    every coefficient against alpha with a marker at the slider, and the titles give
    the effective degrees of freedom ``sum s^2 / (s^2 + n alpha)``.

    Parameters
    ----------
    x, y : arrays (n,), optional; default as ``polynomial_explorer``. Or ``X``
        (n, p) and ``y`` (n,).
    x_val, y_val, truth : optional
    degree : int, default 12
    alpha_range : (float, float), the slider's ends (log scale)
    alpha : float, the starting alpha

    feature_names : list of str, optional (design-matrix form)

    Returns
    -------
    Explorer with controls ``{"alpha": FloatLogSlider, "least_squares": Checkbox}``
    and displays ``"fit"`` (RidgeFitDisplay; ``"path"``, a
    RegularizationPathDisplay, in the design-matrix form) and ``"coefficients"``
    (CoefficientDisplay). ``explorer.solver`` is the cached ``RidgeSVD``.
    """
    from reglab.plots import CoefficientDisplay, RidgeFitDisplay

    if x is not None and np.ndim(x) == 2 and np.shape(x)[1] > 1:
        return _ridge_design_matrix(
            x, y, feature_names=feature_names, alpha_range=alpha_range, alpha=alpha
        )
    x, y, x_val, y_val, truth = _data(x, y, x_val, y_val, truth)
    fit = RidgeFitDisplay.from_data(
        x, y, degree=degree, x_val=x_val, y_val=y_val, truth=truth
    )
    start = float(np.clip(alpha, *alpha_range))
    # bars keep one scale: the largest coefficient over the slider's range and at 0
    smallest = fit.solver.solve(alpha_range[0]).coef
    scale = max(np.abs(fit.ols_coef_).max(), np.abs(smallest).max(), 1e-12)
    bars = CoefficientDisplay(
        fit.ols_coef_,
        feature_names=fit.feature_names,
        reference=fit.ols_coef_,
        label="ridge",
        reference_label="least squares",
    )
    figure, (fit_ax, bar_ax) = new_figure((10, 4), ncols=2)
    fit.plot(fit_ax, alpha=start)
    # least-squares coefficients of a high-degree fit can be 100x ridge's: symlog
    bars.plot(
        bar_ax,
        ylim=(-1.5 * scale, 1.5 * scale),
        yscale="symlog" if scale > 20 else "linear",
    )
    controls = _alpha_controls(alpha_range, start)

    def update(values):
        least_squares = values["least_squares"]
        controls["alpha"].disabled = least_squares
        fit.set_alpha(0.0 if least_squares else values["alpha"])
        bars.set_coef(fit.coef_)
        bars.ax_.set_title(
            f"Coefficients at alpha = {fit.alpha:.3g}\n||w||_2 = "
            f"{np.linalg.norm(fit.coef_):.3g} (least squares "
            f"{np.linalg.norm(fit.ols_coef_):.3g})",
            fontsize="medium",
        )

    explorer = Explorer(
        figure,
        controls,
        update,
        animated=lambda: [fit.line_, fit.ax_.title, *bars.bars_, bars.ax_.title],
        displays={"fit": fit, "coefficients": bars},
    )
    explorer.solver = fit.solver
    return explorer


def _alpha_controls(alpha_range, alpha):
    import ipywidgets as widgets

    low, high = np.log10(alpha_range[0]), np.log10(alpha_range[1])
    return {
        "alpha": widgets.FloatLogSlider(
            value=float(np.clip(alpha, *alpha_range)),
            base=10,
            min=low,
            max=high,
            step=0.05,
            description="alpha",
            readout_format=".2e",
        ),
        "least_squares": widgets.Checkbox(
            value=False, description="alpha = 0 (least squares)", indent=False
        ),
    }


def _ridge_design_matrix(X, y, *, feature_names, alpha_range, alpha):
    """``ridge_explorer`` for a design matrix: ridge path + coefficient bars."""
    from reglab.plots import CoefficientDisplay, RegularizationPathDisplay
    from reglab.solvers import RidgeSVD

    solver = RidgeSVD(X, y)
    alphas = np.geomspace(alpha_range[1], alpha_range[0], 100)
    ols = solver.solve(0.0).coef
    path = RegularizationPathDisplay(
        alphas, solver.coef_path(alphas), l1_ratio=0.0, feature_names=feature_names
    )
    limit = 1.1 * max(np.abs(ols).max(), np.abs(path.coefs).max(), 1e-12)
    bars = CoefficientDisplay(
        ols, feature_names=path.feature_names, reference=ols, label="ridge"
    )
    figure, (path_ax, bar_ax) = new_figure((11, 4.2), ncols=2, width_ratios=(1.2, 1))
    path.plot(
        path_ax,
        alpha=alpha,
        ylim=(-limit, limit),
        show_nonzero=False,
        legend=feature_names is not None,
    )
    bars.plot(bar_ax, ylim=(-limit, limit))
    controls = _alpha_controls(alpha_range, alpha)

    def update(values):
        least_squares = values["least_squares"]
        controls["alpha"].disabled = least_squares
        current = 0.0 if least_squares else values["alpha"]
        path.set_alpha(current)
        coef = solver.solve(current).coef  # from the cached SVD, exact at any alpha
        bars.set_coef(coef)
        bars.ax_.set_title(
            f"Ridge at alpha = {current:.3g}\neffective degrees of freedom "
            f"{solver.effective_df(current):.2f} of {coef.size}",
            fontsize="medium",
        )

    explorer = Explorer(
        figure,
        controls,
        update,
        animated=lambda: [path.marker_, *bars.bars_, bars.ax_.title],
        displays={"path": path, "coefficients": bars},
    )
    explorer.solver = solver
    return explorer
