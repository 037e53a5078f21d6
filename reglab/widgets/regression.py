"""Explorers for the regression lessons: polynomial degree (01) and ridge alpha (03)."""

import ipywidgets as widgets
import numpy as np

from reglab.datasets import make_polynomial
from reglab.plots import (
    CoefficientDisplay,
    PolynomialFitDisplay,
    RegularizationPathDisplay,
    RidgeFitDisplay,
)
from reglab.solvers import RidgeSVD
from reglab.widgets._explorer import Explorer, new_figure
from reglab.widgets.controls import alpha_slider

__all__ = ["polynomial_explorer", "ridge_explorer"]


def _default_polynomial_data(n_samples=40, random_state=0):
    """Noisy cubic; even samples train, odd samples validate."""
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
    (PolynomialFitDisplay), ``"errors"`` (ErrorCurveDisplay). Its ``description``
    reads e.g. "degree 3: training MSE 0.081, validation MSE 0.095; the lowest
    validation MSE is 0.095, at degree 3".
    """
    x, y, x_val, y_val, truth = _data(x, y, x_val, y_val, truth)
    fit = PolynomialFitDisplay.from_data(
        x, y, max_degree=max_degree, x_val=x_val, y_val=y_val, truth=truth
    )
    errors = fit.error_curve()
    figure, (fit_ax, error_ax) = new_figure((10, 4), ncols=2, width_ratios=(1.3, 1))
    start = int(np.clip(degree, 0, fit.degrees[-1]))
    fit.plot(fit_ax, degree=start)
    errors.plot(error_ax, marker=start)
    controls = {
        "degree": widgets.IntSlider(
            value=start, min=0, max=int(fit.degrees[-1]), description="degree"
        )
    }

    def update(values):
        d = values["degree"]
        fit.set_degree(d)
        errors.set_marker(d)
        text = f"Degree {fit.degree}: training MSE {fit.train_errors[fit.degree]:.3g}"
        if fit.validation_errors is not None:
            best = int(np.argmin(fit.validation_errors))
            text += (
                f", validation MSE {fit.validation_errors[fit.degree]:.3g}; the "
                f"lowest validation MSE is {fit.validation_errors[best]:.3g}, at "
                f"degree {fit.degrees[best]}"
            )
        return text + "."

    return Explorer(
        figure,
        controls,
        update,
        animated=lambda: [fit.line_, fit.ax_.title, errors.marker_],
        displays={"fit": fit, "errors": errors},
    )


def _symlog_threshold(coef_path):
    """A power of ten at or below the smallest |w_j| on the path: with it as the
    linear range of a symlog axis, every nonzero bar is at least one decade tall."""
    smallest = np.abs(coef_path)[coef_path != 0]
    floor = smallest.min() if smallest.size else 1.0
    return float(10 ** np.floor(np.log10(floor)))


def _shrinkage_text(coef, ols_coef):
    """ "||w||_2 = ... (least squares ...); smallest |w_j| = ..., none exactly 0"."""
    text = (
        f"||w||_2 = {np.linalg.norm(coef):.3g} (least squares "
        f"{np.linalg.norm(ols_coef):.3g}); smallest |w_j| = {np.abs(coef).min():.2g}"
    )
    n_zero = coef.size - np.count_nonzero(coef)
    return text + (", none exactly 0" if n_zero == 0 else f", {n_zero} exactly 0")


def ridge_explorer(
    x=None,
    y=None,
    *,
    x_val=None,
    y_val=None,
    truth=None,
    degree=12,
    alpha_range=(1e-6, 1e2),
    alpha=None,
    feature_names=None,
):
    """Ridge on a degree-12 polynomial with a log-scale alpha slider (lessons 01, 03).

    Left: the data, the least-squares fit (alpha = 0, dashed black) and the ridge fit
    (blue) at the slider's alpha; the title gives train and validation error. Right:
    the ridge coefficients as bars with the least-squares coefficients as black ticks
    (the legend sits outside the axes). The bar axis is symmetric-logarithmic with
    its linear range below the smallest coefficient on the slider's range, so every
    bar stays visible as alpha grows; the title prints the smallest ``|w_j|``: ridge
    shrinks every coefficient and zeroes none. The ``least_squares`` checkbox sets
    alpha = 0 exactly (least squares; the minimum-norm solution when degree >= n).
    One SVD is computed at build (``RidgeSVD``); every slider position is read from it.

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
    alpha_range : (float, float), the slider's ends (log scale, 20 steps a decade)
    alpha : float, the starting alpha (snapped to the slider). Default: with
        validation data, the slider position with the lowest validation error (where
        ridge beats least squares most); without, 1e-2.
    feature_names : list of str, optional (design-matrix form)

    Returns
    -------
    Explorer with controls ``{"alpha": FloatLogSlider, "least_squares": Checkbox}``
    and displays ``"fit"`` (RidgeFitDisplay; ``"path"``, a
    RegularizationPathDisplay, in the design-matrix form) and ``"coefficients"``
    (CoefficientDisplay). ``explorer.solver`` is the cached ``RidgeSVD``.
    """
    if x is not None and np.ndim(x) == 2 and np.shape(x)[1] > 1:
        return _ridge_design_matrix(
            x, y, feature_names=feature_names, alpha_range=alpha_range, alpha=alpha
        )
    x, y, x_val, y_val, truth = _data(x, y, x_val, y_val, truth)
    fit = RidgeFitDisplay.from_data(
        x, y, degree=degree, x_val=x_val, y_val=y_val, truth=truth
    )
    controls = _alpha_controls(alpha_range, alpha)
    slider = controls["alpha"]
    grid = 10 ** np.arange(slider.min, slider.max + slider.step / 2, slider.step)
    coefs = fit.solver.coef_path(grid)
    if alpha is None and fit.y_val is not None:
        intercepts = fit.solver.intercept_path(coefs)
        validation = [
            fit.errors(w, b)[1] for w, b in zip(coefs, intercepts, strict=True)
        ]
        slider.value = grid[int(np.argmin(validation))]
    ols_train, ols_val = fit.errors(fit.ols_coef_, fit.ols_intercept_)
    scale = max(np.abs(fit.ols_coef_).max(), np.abs(coefs).max(), 1e-12)
    bars = CoefficientDisplay(
        fit.ols_coef_,
        feature_names=fit.feature_names,
        reference=fit.ols_coef_,
        label="ridge",
        reference_label="least squares",
    )
    figure, (fit_ax, bar_ax) = new_figure((10, 4), ncols=2)
    fit.plot(fit_ax, alpha=slider.value)
    bars.plot(
        bar_ax,
        ylim=(-3 * scale, 3 * scale),
        yscale="symlog",
        linthresh=_symlog_threshold(coefs),
    )

    def update(values):
        least_squares = values["least_squares"]
        controls["alpha"].disabled = least_squares
        fit.set_alpha(0.0 if least_squares else values["alpha"])
        bars.set_coef(fit.coef_)
        bars.ax_.set_title(
            f"Coefficients at alpha = {fit.alpha:.3g}\nsmallest |w_j| = "
            f"{np.abs(fit.coef_).min():.2g}",
            fontsize="medium",
        )
        train, val = fit.errors(fit.coef_, fit.intercept_)
        name = "least squares" if least_squares else "ridge"
        text = (
            f"alpha = {fit.alpha:.3g} ({name}, degree {fit.degree}): training MSE "
            f"{train:.3g}"
        )
        if val is not None:
            text += f", validation MSE {val:.3g}"
        text += f"; least squares (alpha = 0): training MSE {ols_train:.3g}"
        if ols_val is not None:
            text += f", validation MSE {ols_val:.3g}"
        return f"{text}. {_shrinkage_text(fit.coef_, fit.ols_coef_)}."

    return Explorer(
        figure,
        controls,
        update,
        animated=lambda: [fit.line_, fit.ax_.title, *bars.bars_, bars.ax_.title],
        displays={"fit": fit, "coefficients": bars},
        results={"solver": fit.solver},
    )


def _alpha_controls(alpha_range, alpha):
    low, high = sorted(float(a) for a in alpha_range)
    if not 0 < low < high:
        raise ValueError(
            "`alpha_range` must be two different positive numbers. Got "
            f"{alpha_range!r} instead."
        )
    return {
        "alpha": alpha_slider((low, high), 1e-2 if alpha is None else alpha),
        "least_squares": widgets.Checkbox(
            value=False, description="alpha = 0 (least squares)", indent=False
        ),
    }


def _ridge_design_matrix(X, y, *, feature_names, alpha_range, alpha):
    """``ridge_explorer`` for a design matrix: ridge path + coefficient bars."""
    solver = RidgeSVD(X, y)
    controls = _alpha_controls(alpha_range, alpha)
    slider = controls["alpha"]
    alphas = 10 ** np.arange(slider.max, slider.min - slider.step / 2, -slider.step)
    ols = solver.solve(0.0).coef
    path = RegularizationPathDisplay(
        alphas, solver.coef_path(alphas), l1_ratio=0.0, feature_names=feature_names
    )
    limit = 1.1 * max(np.abs(ols).max(), np.abs(path.coefs).max(), 1e-12)
    bars = CoefficientDisplay(
        ols, feature_names=path.feature_names, reference=ols, label="ridge"
    )
    figure, (path_ax, bar_ax) = new_figure((11, 4.2), ncols=2, width_ratios=(1.2, 1))
    path.plot(path_ax, alpha=slider.value, ylim=(-limit, limit), show_nonzero=False)
    bars.plot(
        bar_ax,
        ylim=(-3 * limit, 3 * limit),
        yscale="symlog",
        linthresh=_symlog_threshold(path.coefs),
    )

    def update(values):
        least_squares = values["least_squares"]
        controls["alpha"].disabled = least_squares
        current = 0.0 if least_squares else values["alpha"]
        path.set_alpha(current)
        coef = solver.solve(current).coef  # from the cached SVD, exact at any alpha
        bars.set_coef(coef)
        df = solver.effective_df(current)
        bars.ax_.set_title(
            f"Ridge at alpha = {current:.3g}\neffective degrees of freedom "
            f"{df:.2f} of {coef.size}",
            fontsize="medium",
        )
        return (
            f"alpha = {current:.3g}: ridge, effective degrees of freedom {df:.2f} "
            f"of {coef.size}. {_shrinkage_text(coef, ols)}."
        )

    return Explorer(
        figure,
        controls,
        update,
        animated=lambda: [path.marker_, *bars.bars_, bars.ax_.title],
        displays={"path": path, "coefficients": bars},
        results={"solver": solver},
    )
