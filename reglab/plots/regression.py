"""Regression figures: data with fitted curves, train vs validation error, coefficients.

The polynomial lessons fit ``y ~ b + w_1 t + w_2 t^2 + ... + w_d t^d``: a linear model
on ``d`` inputs. ``t`` is ``x`` rescaled to [-1, 1] over the training range, so the
powers stay between -1 and 1 and their coefficients are comparable in a bar chart.
"""

import numpy as np
from sklearn.base import clone
from sklearn.metrics import mean_squared_error

from reglab._validation import check_alpha, check_array, check_scalar
from reglab.plots._style import COLORS, LINESTYLES, color_of, concept_of, new_axes
from reglab.solvers import RidgeSVD

__all__ = [
    "CoefficientDisplay",
    "CurveFitDisplay",
    "ErrorCurveDisplay",
    "PolynomialFitDisplay",
    "RidgeFitDisplay",
    "polynomial_design",
]


def polynomial_design(x, degree, x_range):
    """Columns ``t, t^2, ..., t^degree`` with ``t`` = ``x`` mapped to [-1, 1].

    No constant column: the intercept is fitted (and never penalized) separately.
    """
    x = np.asarray(x, dtype=float).ravel()
    low, high = x_range
    t = 2.0 * (x - low) / (high - low) - 1.0 if high > low else x - low
    return t[:, None] ** np.arange(1, degree + 1)


def _mse(y, prediction):
    return float(np.mean((np.asarray(y) - prediction) ** 2))


def _draw_points(ax, x, y, x_val, y_val):
    artists = {}
    artists["train"] = ax.scatter(
        x,
        y,
        s=22,
        color=COLORS["train"],
        edgecolor="black",
        linewidth=0.4,
        label="training data",
        zorder=3,
    )
    if x_val is not None:
        artists["validation"] = ax.scatter(
            x_val,
            y_val,
            s=22,
            marker="s",
            facecolor="none",
            edgecolor=COLORS["validation"],
            linewidth=1.2,
            label="validation data",
            zorder=3,
        )
    return artists


def _draw_data_and_truth(display, ax):
    """Axes (new when ``ax`` is None) with the data points and the true function.

    Sets ``display.figure_``, ``ax_``, ``points_`` and ``truth_line_`` (None without
    a truth), the x limits of the grid and the axis labels. Returns the axes.
    """
    display.figure_, display.ax_ = new_axes(ax, (6, 4))
    ax = display.ax_
    display.points_ = _draw_points(
        ax, display.x, display.y, display.x_val, display.y_val
    )
    display.truth_line_ = None
    if display.truth is not None:
        (display.truth_line_,) = ax.plot(
            display.x_grid,
            display.truth,
            color=COLORS["truth"],
            linestyle=":",
            linewidth=2,
            label="true function",
        )
    ax.set_xlim(display.x_grid[0], display.x_grid[-1])
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    return ax


def _legend_below(ax, ncols=2):
    """A legend under the axes (below the x label), where it covers no data."""
    return ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.17),
        ncols=ncols,
        fontsize="small",
        frameon=False,
    )


def _y_limits(*arrays, pad=0.25):
    values = np.concatenate([np.ravel(a) for a in arrays if a is not None])
    low, high = float(values.min()), float(values.max())
    span = high - low if high > low else 1.0
    return low - pad * span, high + pad * span


class CurveFitDisplay:
    """Data points with one or more fitted curves of a 1-D regression.

    Parameters
    ----------
    x, y : array of shape (n,)
        Training data.
    x_grid : array of shape (n_points,)
    curves : dict of label -> array of shape (n_points,)
        Predictions on ``x_grid``. A label naming a concept ("ridge", "least squares",
        "lasso", ...) gets the course colour of that concept.
    x_val, y_val : array of shape (m,), optional
        Held-out data, drawn as open squares.
    truth : array of shape (n_points,), optional
        The true function on ``x_grid``.

    Attributes (after ``plot``)
    ---------------------------
    ax_, figure_, lines_ (dict label -> Line2D), points_ (dict), truth_line_
    """

    def __init__(self, x, y, x_grid, curves, *, x_val=None, y_val=None, truth=None):
        self.x, self.y = np.asarray(x, float), np.asarray(y, float)
        self.x_grid = np.asarray(x_grid, float)
        self.curves = {label: np.asarray(c, float) for label, c in curves.items()}
        self.x_val = None if x_val is None else np.asarray(x_val, float)
        self.y_val = None if y_val is None else np.asarray(y_val, float)
        self.truth = None if truth is None else np.asarray(truth, float)

    @classmethod
    def from_estimator(
        cls,
        estimator,
        x,
        y,
        *,
        x_val=None,
        y_val=None,
        truth=None,
        label=None,
        n_points=200,
    ):
        """Fit nothing: evaluate a fitted 1-D regressor on a grid over the data.

        ``estimator.predict`` receives ``x_grid.reshape(-1, 1)``; a ``Pipeline``
        with ``PolynomialFeatures`` works. ``truth`` may be a callable ``f(x)``.
        """
        x = check_array(x, "x", ndim=1)
        y = check_array(y, "y", ndim=1)
        both = x if x_val is None else np.concatenate([x, np.ravel(x_val)])
        x_grid = np.linspace(both.min(), both.max(), n_points)
        label = label or type(estimator).__name__
        curves = {label: estimator.predict(x_grid.reshape(-1, 1))}
        if callable(truth):
            truth = truth(x_grid)
        return cls(x, y, x_grid, curves, x_val=x_val, y_val=y_val, truth=truth)

    def plot(self, ax=None, *, ylim=None, title=None, legend=True):
        """Draw points, curves and the truth. Returns ``self``."""
        ax = _draw_data_and_truth(self, ax)
        self.lines_ = {}
        for i, (label, curve) in enumerate(self.curves.items()):
            concept = concept_of(label)
            (self.lines_[label],) = ax.plot(
                self.x_grid,
                curve,
                label=label,
                linewidth=2,
                color=COLORS.get(concept, f"C{i}"),
                linestyle=LINESTYLES.get(concept, "-"),
            )
        observed = [self.y, self.y_val, self.truth]
        ax.set_ylim(ylim if ylim is not None else _y_limits(*observed))
        ax.set_title(title or "Data and fitted curve")
        if legend:
            _legend_below(ax)
        return self


class _PolynomialData:
    """Training data, validation data and a plotting grid shared by polynomial fits."""

    def _set_data(self, x, y, x_val, y_val, truth, n_points):
        self.x = check_array(x, "x", ndim=1)
        self.y = check_array(y, "y", ndim=1)
        if self.x.shape != self.y.shape:
            raise ValueError(
                f"`x` and `y` must have the same length. Got {self.x.size} and "
                f"{self.y.size} instead."
            )
        if (x_val is None) != (y_val is None):
            raise ValueError("`x_val` and `y_val` must be given together.")
        self.x_val = None if x_val is None else check_array(x_val, "x_val", ndim=1)
        self.y_val = None if y_val is None else check_array(y_val, "y_val", ndim=1)
        both = self.x if x_val is None else np.concatenate([self.x, self.x_val])
        self.x_range = (float(self.x.min()), float(self.x.max()))
        self.x_grid = np.linspace(both.min(), both.max(), n_points)
        self.truth = truth(self.x_grid) if callable(truth) else truth


class PolynomialFitDisplay(_PolynomialData):
    """Least-squares polynomial fits of every degree, one shown at a time.

    Each degree ``d`` minimizes ``(1/2n) ||y - b - T_d w||^2`` with
    ``T_d = [t, t^2, ..., t^d]`` (``polynomial_design``); where ``d >= n`` has many
    minimizers the minimum-norm one is taken (``RidgeSVD.solve(0)``). Every fit is
    computed once in ``from_data``; ``set_degree`` only looks one up.

    Attributes
    ----------
    degrees : ndarray of int
    curves : ndarray (n_degrees, n_points), the fit of each degree on ``x_grid``
    train_errors, validation_errors : ndarray (n_degrees,), mean squared errors
        (``validation_errors`` is None without validation data)
    """

    @classmethod
    def from_data(
        cls, x, y, *, max_degree=15, x_val=None, y_val=None, truth=None, n_points=200
    ):
        self = cls()
        self._set_data(x, y, x_val, y_val, truth, n_points)
        max_degree = check_scalar(max_degree, "max_degree", low=0, integer=True)
        self.degrees = np.arange(max_degree + 1)
        curves, train, val = [], [], []
        for d in self.degrees:
            if d == 0:  # no inputs: the best constant is the mean
                coef, intercept = np.zeros(0), float(np.mean(self.y))
            else:
                design = polynomial_design(self.x, d, self.x_range)
                fit = RidgeSVD(design, self.y).solve(0.0)
                coef, intercept = fit.coef, fit.intercept

            def predict(x, d=d, coef=coef, intercept=intercept):
                return polynomial_design(x, d, self.x_range) @ coef + intercept

            curves.append(predict(self.x_grid))
            train.append(_mse(self.y, predict(self.x)))
            if self.x_val is not None:
                val.append(_mse(self.y_val, predict(self.x_val)))
        self.curves = np.array(curves)
        self.train_errors = np.array(train)
        self.validation_errors = np.array(val) if val else None
        return self

    def error_curve(self):
        """Train and validation error against degree, as an ``ErrorCurveDisplay``."""
        return ErrorCurveDisplay(
            self.degrees,
            self.train_errors,
            self.validation_errors,
            param_name="polynomial degree",
            error_name="mean squared error",
        )

    def plot(self, ax=None, *, degree=1):
        """Draw the data, the truth and the fit of ``degree``. Returns ``self``."""
        ax = _draw_data_and_truth(self, ax)
        (self.line_,) = ax.plot(
            self.x_grid,
            self.curves[0],
            color=COLORS["ols"],
            linewidth=2,
            label="least-squares fit",
        )
        ax.set_ylim(_y_limits(self.y, self.y_val, self.truth))
        _legend_below(ax)
        self.set_degree(degree)
        return self

    def set_degree(self, degree):
        """Show the fit of ``degree`` (looked up, not refitted)."""
        index = int(np.clip(degree, self.degrees[0], self.degrees[-1]))
        self.degree = index
        self.line_.set_ydata(self.curves[index])
        text = f"Least-squares polynomial of degree {index}\ntrain MSE "
        text += f"{self.train_errors[index]:.3g}"
        if self.validation_errors is not None:
            text += f", validation MSE {self.validation_errors[index]:.3g}"
        self.ax_.set_title(text, fontsize="medium")
        return self


class RidgeFitDisplay(_PolynomialData):
    """Ridge fit of a polynomial of degree ``degree``, beside the least-squares fit.

    Minimizes ``(1/2n) ||y - b - T w||^2 + alpha/2 ||w||^2`` with
    ``T = polynomial_design(x, degree)``. One SVD of ``T`` is computed in ``from_data``
    (``RidgeSVD``); every ``set_alpha`` reads the solution from it. ``alpha = 0`` is
    least squares (the minimum-norm solution when ``degree >= n``).

    Attributes
    ----------
    coef_, intercept_ : the fit at the current alpha (after ``plot``/``set_alpha``)
    ols_coef_ : least-squares coefficients
    """

    @classmethod
    def from_data(
        cls, x, y, *, degree=12, x_val=None, y_val=None, truth=None, n_points=200
    ):
        self = cls()
        self._set_data(x, y, x_val, y_val, truth, n_points)
        self.degree = check_scalar(degree, "degree", low=1, integer=True)
        self._design = polynomial_design(self.x, self.degree, self.x_range)
        self._grid_design = polynomial_design(self.x_grid, self.degree, self.x_range)
        self._val_design = (
            None
            if self.x_val is None
            else polynomial_design(self.x_val, self.degree, self.x_range)
        )
        self.solver = RidgeSVD(self._design, self.y)
        ols = self.solver.solve(0.0)
        self.ols_coef_, self.ols_intercept_ = ols.coef, ols.intercept
        self.ols_curve = self._grid_design @ ols.coef + ols.intercept
        self.feature_names = [f"t^{k}" for k in range(1, self.degree + 1)]
        return self

    def error_curve(self, alphas=None):
        """Train and validation error against alpha, from the cached SVD.

        ``alphas`` defaults to 50 values from 1e-6 to 1e2. Returns an
        ``ErrorCurveDisplay`` (log-scale alpha axis); with validation data its star
        marks the alpha with the lowest validation error.
        """
        alphas = np.geomspace(1e-6, 1e2, 50) if alphas is None else np.asarray(alphas)
        coefs = self.solver.coef_path(alphas)
        intercepts = self.solver.intercept_path(coefs)
        errors = [self.errors(w, b) for w, b in zip(coefs, intercepts, strict=True)]
        train, val = zip(*errors, strict=True)
        return ErrorCurveDisplay(
            alphas,
            train,
            None if val[0] is None else val,
            param_name="alpha",
            log_scale=True,
        )

    def errors(self, coef, intercept):
        """Train and validation MSE of ``(coef, intercept)`` (validation: None)."""
        train = _mse(self.y, self._design @ coef + intercept)
        if self._val_design is None:
            return train, None
        return train, _mse(self.y_val, self._val_design @ coef + intercept)

    def plot(self, ax=None, *, alpha=1.0):
        """Draw data, truth, least-squares and ridge fits. Returns ``self``."""
        ax = _draw_data_and_truth(self, ax)
        (self.ols_line_,) = ax.plot(
            self.x_grid,
            self.ols_curve,
            color=COLORS["ols"],
            linestyle="--",
            linewidth=1.2,
            label="least squares (alpha = 0)",
        )
        (self.line_,) = ax.plot(
            self.x_grid,
            self.ols_curve,
            color=COLORS["l2"],
            linewidth=2.5,
            label="ridge",
        )
        ax.set_ylim(_y_limits(self.y, self.y_val, self.truth))
        _legend_below(ax)
        self.set_alpha(alpha)
        return self

    def set_alpha(self, alpha):
        """Show the ridge fit at ``alpha`` (from the cached SVD)."""
        self.alpha = check_alpha(alpha)
        fit = self.solver.solve(self.alpha)
        self.coef_, self.intercept_ = fit.coef, fit.intercept
        self.line_.set_ydata(self._grid_design @ fit.coef + fit.intercept)
        train, val = self.errors(fit.coef, fit.intercept)
        text = f"Ridge, degree {self.degree}, alpha = {self.alpha:.3g}\n"
        text += f"train MSE {train:.3g}"
        if val is not None:
            text += f", validation {val:.3g}"
        self.ax_.set_title(text, fontsize="medium")
        return self


class ErrorCurveDisplay:
    """Training and validation error against a complexity parameter (degree or alpha).

    Parameters
    ----------
    param_values : array (k,)
    train_errors, validation_errors : array (k,) (validation may be None)
    param_name : str, the x-axis label ("polynomial degree", "alpha")
    log_scale : bool, log x-axis (use for alpha)

    Attributes (after ``plot``): ax_, figure_, train_line_, validation_line_,
    best_marker_ (the parameter with the lowest validation error), marker_ (a
    vertical line at the current value; see ``set_marker``).
    """

    def __init__(
        self,
        param_values,
        train_errors,
        validation_errors=None,
        *,
        param_name="parameter",
        error_name="mean squared error",
        log_scale=False,
    ):
        self.param_values = np.asarray(param_values, float)
        self.train_errors = np.asarray(train_errors, float)
        self.validation_errors = (
            None if validation_errors is None else np.asarray(validation_errors, float)
        )
        self.param_name, self.error_name = param_name, error_name
        self.log_scale = log_scale

    @classmethod
    def from_estimator(
        cls,
        estimator,
        X,
        y,
        X_val,
        y_val,
        *,
        param_name,
        param_range,
        log_scale=None,
    ):
        """Refit a clone of ``estimator`` for each value of ``param_name``."""
        train, val = [], []
        for value in param_range:
            model = clone(estimator).set_params(**{param_name: value}).fit(X, y)
            train.append(mean_squared_error(y, model.predict(X)))
            val.append(mean_squared_error(y_val, model.predict(X_val)))
        values = np.asarray(param_range, float)
        if log_scale is None:
            log_scale = bool(np.all(values > 0) and values.max() / values.min() > 100)
        return cls(values, train, val, param_name=param_name, log_scale=log_scale)

    def plot(self, ax=None, *, marker=None, logy=True):
        """Draw both curves; ``marker`` puts a vertical line at a value."""
        self.figure_, self.ax_ = new_axes(ax, (5, 4))
        ax = self.ax_
        (self.train_line_,) = ax.plot(
            self.param_values,
            self.train_errors,
            color=COLORS["train"],
            marker="o",
            markersize=3,
            label="training error",
        )
        self.validation_line_ = self.best_marker_ = None
        if self.validation_errors is not None:
            (self.validation_line_,) = ax.plot(
                self.param_values,
                self.validation_errors,
                color=COLORS["validation"],
                linestyle="--",
                marker="s",
                markersize=3,
                label="validation error",
            )
            best = int(np.argmin(self.validation_errors))
            (self.best_marker_,) = ax.plot(
                self.param_values[best],
                self.validation_errors[best],
                marker="*",
                markersize=12,
                color=COLORS["validation"],
                markeredgecolor="black",
                linestyle="none",
                label="lowest validation error",
            )
        self.marker_ = ax.axvline(
            self.param_values[0], color=COLORS["marker"], linewidth=1, visible=False
        )
        if self.log_scale:
            ax.set_xscale("log")
        elif np.all(self.param_values == np.round(self.param_values)):
            from matplotlib.ticker import MaxNLocator

            ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # degrees
        if logy:
            ax.set_yscale("log")
        ax.set_xlabel(self.param_name)
        ax.set_ylabel(self.error_name)
        ax.set_title(
            f"Training and validation error\nagainst {self.param_name}",
            fontsize="medium",
        )
        _legend_below(ax)
        if marker is not None:
            self.set_marker(marker)
        return self

    def set_marker(self, value):
        """Move the vertical marker to ``value``."""
        self.marker_.set_xdata([value, value])
        self.marker_.set_visible(True)
        return self


class CoefficientDisplay:
    """Coefficients as bars, optionally with reference values (least squares, truth).

    Parameters
    ----------
    coef : array (p,)
    feature_names : list of str, optional
    reference : array (p,), optional, drawn as black ticks over the bars
    label : str, names the model; a concept label ("ridge", "lasso") picks the colour
    reference_label : str

    Attributes (after ``plot``): ax_, figure_, bars_ (BarContainer, one bar per
    coefficient; a bar's height is the coefficient), reference_ (Line2D or None),
    ``n_nonzero`` (of the shown coefficients).
    """

    def __init__(
        self,
        coef,
        *,
        feature_names=None,
        reference=None,
        label="model",
        reference_label="least squares",
    ):
        self.coef = np.ravel(np.asarray(coef, dtype=float))
        p = self.coef.size
        self.feature_names = (
            [f"w{j + 1}" for j in range(p)]
            if feature_names is None
            else [str(f) for f in feature_names]
        )
        self.reference = None if reference is None else np.ravel(reference)
        self.label, self.reference_label = label, reference_label

    @classmethod
    def from_estimator(
        cls, estimator, *, feature_names=None, reference=None, label=None
    ):
        """Bars of a fitted linear model's ``coef_`` (first row if 2-D)."""
        coef = np.atleast_2d(estimator.coef_)[0]
        if feature_names is None:
            feature_names = getattr(estimator, "feature_names_in_", None)
        return cls(
            coef,
            feature_names=feature_names,
            reference=reference,
            label=label or type(estimator).__name__,
        )

    @property
    def n_nonzero(self):
        return int(np.count_nonzero(self.coef))

    def plot(
        self,
        ax=None,
        *,
        ylim=None,
        color=None,
        title=None,
        yscale="linear",
        linthresh=1.0,
        hatch=None,
    ):
        """Draw the bars. ``ylim`` fixes the axis (a widget keeps it still).

        ``color`` is one colour or one per bar (e.g. by correlated group), ``hatch``
        one hatch pattern per bar (a second cue beside colour).
        ``yscale="symlog"`` shows coefficients of very different sizes together; it
        is linear inside ``|w| < linthresh``, so choose ``linthresh`` below the
        smallest coefficient that must stay visible. The reference's legend sits
        outside the axes, right of them, where it covers no tick.
        """
        self.figure_, self.ax_ = new_axes(ax, (max(4, 0.35 * self.coef.size + 2), 3.5))
        ax = self.ax_
        self._title = title
        positions = np.arange(self.coef.size)
        self.bars_ = ax.bar(
            positions,
            self.coef,
            color=color or color_of(self.label, COLORS["l2"]),
            edgecolor="black",
            linewidth=0.4,
            label=self.label,
        )
        if hatch is not None:
            for bar, pattern in zip(self.bars_, hatch, strict=True):
                bar.set_hatch(pattern)
        self.reference_ = None
        if self.reference is not None:
            (self.reference_,) = ax.plot(
                positions,
                self.reference,
                linestyle="none",
                marker="_",
                markersize=14,
                markeredgewidth=2,
                color=COLORS["ols"],
                label=self.reference_label,
            )
        ax.axhline(0.0, color="black", linewidth=0.8)
        ax.set_xticks(positions, self.feature_names)
        if self.coef.size > 12:
            ax.tick_params(axis="x", labelrotation=90, labelsize="small")
        elif sum(len(name) for name in self.feature_names) > 30:
            ax.tick_params(axis="x", labelrotation=45)
        if yscale == "symlog":
            from matplotlib.ticker import SymmetricalLogLocator

            ax.set_yscale("symlog", linthresh=linthresh)
            # a labelled tick every other decade: every decade crowds the axis
            ax.yaxis.set_major_locator(
                SymmetricalLogLocator(base=100, linthresh=linthresh)
            )
        if ylim is None:
            ylim = _y_limits(self.coef, self.reference, np.zeros(1), pad=0.1)
        ax.set_ylim(ylim)
        ax.set_xlabel("feature")
        ax.set_ylabel("coefficient")
        if self.reference is not None:
            # only the reference: the bars' colour may change, their title names them
            ax.legend(
                handles=[self.reference_],
                loc="upper left",
                bbox_to_anchor=(1.0, 1.0),
                fontsize="small",
            )
        self._set_title()
        return self

    def _set_title(self):
        p = self.coef.size
        self.ax_.set_title(
            self._title
            or f"{self.label}\n{self.n_nonzero} of {p} coefficients nonzero",
            fontsize="medium",
        )

    def set_coef(self, coef, *, label=None, color=None):
        """Show new coefficients in the same bars (heights, and colour if given)."""
        self.coef = np.ravel(np.asarray(coef, dtype=float))
        for bar, height in zip(self.bars_, self.coef, strict=True):
            bar.set_height(height)
            if color is not None:
                bar.set_facecolor(color)
        if label is not None:
            self.label = label
        self._set_title()
        return self
