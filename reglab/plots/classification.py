"""Classification figures: 2-D decision boundaries and model weights."""

import numpy as np
from scipy.special import expit
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures, StandardScaler

from reglab._validation import check_array, check_option, check_X_y
from reglab.paths import regularization_path
from reglab.plots._style import COLORS, color_of, new_axes, penalty_name
from reglab.plots.paths import nearest_alpha_index, stated_alpha

__all__ = [
    "DecisionBoundaryDisplay",
    "WeightHistogramDisplay",
    "WeightImageDisplay",
    "class_colormap",
]


def class_colormap(n_bands=10):
    """Class 0 colour -> white -> class 1 colour, lightened, in ``n_bands`` flat bands.

    Flat bands read like filled contours of the probability, and compress to a small
    PNG (a smooth gradient does not).
    """
    from matplotlib.colors import LinearSegmentedColormap, to_rgb

    def light(color, amount=0.45):  # mix with white so the data stay visible
        return tuple(1 - amount * (1 - c) for c in to_rgb(color))

    colors = [light(COLORS["class_0"]), "#FFFFFF", light(COLORS["class_1"])]
    return LinearSegmentedColormap.from_list("reglab_classes", colors, N=n_bands)


def decision_grid(X, grid_resolution=150, margin=0.1):
    """A ``grid_resolution`` x ``grid_resolution`` mesh covering the 2-D data.

    Returns ``(xx, yy, points)`` with ``points = [xx.ravel(), yy.ravel()]``.
    """
    X = check_array(X, "X", ndim=2)
    if X.shape[1] != 2:
        raise ValueError(
            f"`X` must have exactly 2 columns to draw a 2-D boundary. Got {X.shape[1]}."
        )
    low, high = X.min(axis=0), X.max(axis=0)
    pad = margin * np.maximum(high - low, 1e-9)
    xs = np.linspace(low[0] - pad[0], high[0] + pad[0], grid_resolution)
    ys = np.linspace(low[1] - pad[1], high[1] + pad[1], grid_resolution)
    xx, yy = np.meshgrid(xs, ys)
    return xx, yy, np.column_stack([xx.ravel(), yy.ravel()])


def classifier_response(estimator, points, response_method="auto"):
    """``predict_proba[:, 1]`` or ``decision_function`` of a fitted binary classifier.

    Returns ``(values, kind)`` with kind "probability" or "decision function".
    """
    response_method = check_option(
        response_method,
        "response_method",
        ("auto", "predict_proba", "decision_function"),
    )
    if response_method in ("auto", "predict_proba") and hasattr(
        estimator, "predict_proba"
    ):
        proba = estimator.predict_proba(points)
        if proba.shape[1] != 2:
            raise ValueError(
                "Decision boundaries are drawn for binary classifiers. Got "
                f"{proba.shape[1]} classes instead."
            )
        return proba[:, 1], "probability"
    if response_method == "predict_proba":
        raise ValueError(f"{type(estimator).__name__} has no predict_proba.")
    return np.ravel(estimator.decision_function(points)), "decision function"


class DecisionBoundaryDisplay:
    """A binary classifier's response on a 2-D grid, its boundary and the data.

    Parameters
    ----------
    xx, yy : arrays (m, m), the grid
    response : array (m, m), ``P(class 1)`` or the decision function
    kind : "probability" (boundary at 0.5) or "decision function" (boundary at 0)
    X, y : the data (2 columns), optional

    Attributes (after ``plot``): ax_, figure_, image_ (AxesImage of the response),
    boundary_ (PathCollection of the lines at the decision level, moved by
    ``set_response``),
    scatter_ (dict class -> Line2D of markers, no line).
    """

    def __init__(
        self, xx, yy, response, *, kind="probability", X=None, y=None, title=None
    ):
        self.xx, self.yy = np.asarray(xx), np.asarray(yy)
        self.response = np.asarray(response, dtype=float).reshape(self.xx.shape)
        self.kind = kind
        self.X = None if X is None else np.asarray(X, dtype=float)
        self.y = None if y is None else np.asarray(y)
        self.title = title

    @classmethod
    def from_estimator(
        cls,
        estimator,
        X,
        y=None,
        *,
        grid_resolution=150,
        response_method="auto",
        title=None,
    ):
        """Evaluate any fitted scikit-learn-style binary classifier on a grid.

        Uses ``predict_proba`` when the classifier has it, else
        ``decision_function`` (``response_method`` forces one).
        """
        xx, yy, points = decision_grid(X, grid_resolution)
        values, kind = classifier_response(estimator, points, response_method)
        return cls(
            xx,
            yy,
            values,
            kind=kind,
            X=X,
            y=y,
            title=title or f"{type(estimator).__name__} decision boundary",
        )

    @property
    def level(self):
        return 0.5 if self.kind == "probability" else 0.0

    def _norm(self):
        from matplotlib.colors import BoundaryNorm

        if self.kind == "probability":
            limits = (0.0, 1.0)
        else:
            limit = max(float(np.abs(self.response).max()), 1e-9)
            limits = (-limit, limit)
        return BoundaryNorm(np.linspace(*limits, 11), ncolors=10)

    def plot(self, ax=None, *, show_data=True, colorbar=False, legend=True):
        """Draw response image, boundary and data. Returns ``self``.

        The response is shown in ten bands (0-0.1, ..., 0.9-1 for a probability).
        """
        self.figure_, self.ax_ = new_axes(ax, (5.5, 4.5))
        ax = self.ax_
        extent = (self.xx.min(), self.xx.max(), self.yy.min(), self.yy.max())
        self.image_ = ax.imshow(
            self.response,
            origin="lower",
            extent=extent,
            aspect="auto",
            cmap=class_colormap(),
            norm=self._norm(),
            interpolation="bilinear",
            interpolation_stage="data",
        )
        self.boundary_ = None
        self._draw_boundary()
        self.scatter_ = {}
        if show_data and self.X is not None:
            labels = np.unique(self.y) if self.y is not None else [None]
            for k, label in enumerate(labels):
                rows = np.ones(len(self.X), bool) if label is None else self.y == label
                # markers of a line, not a scatter: Agg stamps one rasterized
                # marker per point (a scatter fills and strokes every circle's
                # curves: 5.7 ms against 0.4 ms for 100 circles, redrawn on every
                # change of the classification explorer)
                (self.scatter_[label],) = ax.plot(
                    self.X[rows, 0],
                    self.X[rows, 1],
                    linestyle="none",
                    marker="os"[min(k, 1)],
                    markersize=4,  # a scatter's s=16 (points squared)
                    color=COLORS[f"class_{min(k, 1)}"],
                    markeredgecolor="black",
                    markeredgewidth=0.4,
                    zorder=1,  # under the boundary line, as a scatter is
                    label=f"class {label}",
                )
            if legend:
                ax.legend(loc="upper right", fontsize="x-small")
        if colorbar:
            self.figure_.colorbar(self.image_, ax=ax, label=self.kind)
        ax.set_xlim(extent[:2])
        ax.set_ylim(extent[2:])
        ax.set_xlabel("x1")
        ax.set_ylabel("x2")
        ax.set_title(self.title or "Decision boundary", fontsize="medium")
        return self

    def _draw_boundary(self):
        # One collection whose paths follow the response: contourpy's lines at the
        # level, with the algorithm, corner masking and path codes ``ax.contour``
        # draws (a new ContourSet on every change costs ~6 ms; contourpy ships with
        # matplotlib).
        from contourpy import LineType, contour_generator
        from matplotlib.path import Path

        values = self.response
        paths = []
        if values.min() < self.level < values.max():
            points, codes = contour_generator(
                self.xx,
                self.yy,
                values,
                name="mpl2014",
                corner_mask=True,
                line_type=LineType.SeparateCode,
            ).lines(self.level)
            paths = [Path(p, c) for p, c in zip(points, codes, strict=True)]
        if self.boundary_ is None:
            from matplotlib.collections import PathCollection

            # a line contour's look: no fill, black 1.8 pt lines, above the data
            self.boundary_ = self.ax_.add_collection(
                PathCollection(
                    paths,
                    facecolors="none",
                    edgecolors="black",
                    linewidths=1.8,
                    zorder=2,
                ),
                autolim=False,
            )
        else:
            self.boundary_.set_paths(paths)
        return self.boundary_

    def data_artists(self):
        """Scatter and legend: what must be redrawn over a changed image."""
        return [*self.scatter_.values(), self.ax_.get_legend()]  # legend may be None

    def set_response(self, response, *, title=None):
        """Show a new response on the same grid (image data and boundary)."""
        self.response = np.asarray(response, dtype=float).reshape(self.xx.shape)
        self.image_.set_data(self.response)
        self.image_.set_norm(self._norm())
        self._draw_boundary()
        if title is not None:
            self.title = title
            self.ax_.set_title(title, fontsize="medium")
        return self


class WeightImageDisplay:
    """Coefficients of a model on images, drawn as images (e.g. digits, 8 x 8).

    Red-blue is avoided: weights use the colour-blind-safe diverging map ``PuOr_r``
    with white at zero, so exact zeros (the L1 lesson) are white pixels. Colour is
    not the only cue for the sign: every nonzero pixel carries a "+" or a minus sign, in
    black or white, whichever contrasts more with the pixel's colour; an exact zero
    stays blank.

    Parameters
    ----------
    weights : array (k, h, w) or (h, w), one image per class or model
    titles : list of str, optional

    Attributes (after ``plot``): figure_, axes_ (array), images_ (list of AxesImage),
    signs_ (per image, the list of sign Texts, one per nonzero pixel), ``n_zero``
    (zeros per image).
    """

    def __init__(self, weights, *, titles=None, suptitle=None):
        weights = np.asarray(weights, dtype=float)
        self.weights = weights[None] if weights.ndim == 2 else weights
        k = self.weights.shape[0]
        self.titles = titles or [f"image {i}" for i in range(k)]
        self.suptitle = suptitle
        self.n_zero = [int(np.sum(w == 0)) for w in self.weights]

    @classmethod
    def from_estimator(
        cls, estimator, *, image_shape=(8, 8), class_names=None, title=None
    ):
        """One image per row of ``coef_`` (a binary classifier has one row)."""
        coef = np.atleast_2d(estimator.coef_)
        images = coef.reshape(coef.shape[0], *image_shape)
        classes = getattr(estimator, "classes_", None)
        if class_names is None:
            if classes is not None and len(classes) == coef.shape[0]:
                class_names = [f"class {c}" for c in classes]
            elif classes is not None and len(classes) == 2:
                class_names = [f"{classes[1]} vs {classes[0]}"]
        return cls(
            images,
            titles=class_names,
            suptitle=title or f"{type(estimator).__name__}: weights as images",
        )

    def plot(self, ax=None, *, ncols=5):
        """Draw every image with one shared symmetric colour scale."""
        k = self.weights.shape[0]
        if ax is None:
            import matplotlib.pyplot as plt

            ncols = min(ncols, k)
            nrows = int(np.ceil(k / ncols))
            _, ax = plt.subplots(
                nrows,
                ncols,
                figsize=(max(2.2 * ncols + 1, 4.5), 2.3 * nrows + 0.8),
                layout="constrained",
                squeeze=False,
            )
        self.axes_ = np.atleast_1d(np.asarray(ax, dtype=object)).ravel()
        if self.axes_.size < k:
            raise ValueError(
                f"`ax` must hold at least {k} axes. Got {self.axes_.size}."
            )
        self.figure_ = self.axes_[0].figure
        limit = max(float(np.abs(self.weights).max()), 1e-12)
        self.images_, self.signs_ = [], []
        for i, axis in enumerate(self.axes_):
            axis.set_xticks([])
            axis.set_yticks([])
            if i >= k:
                axis.set_visible(False)
                continue
            image = axis.imshow(self.weights[i], cmap="PuOr_r", vmin=-limit, vmax=limit)
            self.images_.append(image)
            self.signs_.append(_draw_signs(axis, image))
            size = self.weights[i].size
            axis.set_title(
                f"{self.titles[i]}\n{self.n_zero[i]} of {size} zero", fontsize="small"
            )
            axis.set_xlabel("pixel column", fontsize="x-small")
            axis.set_ylabel("pixel row", fontsize="x-small")
        self.figure_.colorbar(
            self.images_[0],
            ax=list(self.axes_[:k]),
            label=f"weight (+ positive, {_MINUS} negative, blank: exactly 0)",
        )
        if self.suptitle:
            self.figure_.suptitle(self.suptitle, fontsize="medium")
        return self


#: The sign glyph of a negative weight: wider than "-", as wide as "+".
_MINUS = "\N{MINUS SIGN}"


def _relative_luminance(rgb):
    """WCAG 2 relative luminance of an sRGB colour (components in [0, 1])."""
    rgb = np.asarray(rgb, dtype=float)[:3]
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    return float(linear @ [0.2126, 0.7152, 0.0722])


def _draw_signs(axis, image):
    """A "+" or a minus sign on every nonzero pixel of ``image`` (an AxesImage),
    black or white, whichever has the higher WCAG contrast ratio with the pixel's
    colour, about half a pixel high. Returns the Texts."""
    weights = np.asarray(image.get_array())
    rows, columns = weights.shape
    box = axis.get_position()
    figure = axis.figure
    pixel = min(
        box.width * figure.get_figwidth() / columns,
        box.height * figure.get_figheight() / rows,
    )  # inches
    fontsize = float(np.clip(0.55 * 72 * pixel, 5, 12))
    signs = []
    for row, column in zip(*np.nonzero(weights), strict=True):
        weight = weights[row, column]
        luminance = _relative_luminance(image.to_rgba(weight))
        on_white = 1.05 / (luminance + 0.05)  # contrast of white text
        on_black = (luminance + 0.05) / 0.05  # contrast of black text
        signs.append(
            axis.text(
                column,
                row,
                "+" if weight > 0 else _MINUS,
                ha="center",
                va="center",
                fontsize=fontsize,
                fontweight="bold",
                color="white" if on_white > on_black else "black",
            )
        )
    return signs


class WeightHistogramDisplay:
    """Histogram of a model's weights; several models overlaid for comparison.

    L1 piles weights up at exactly zero (with a proximal step) or near it (with a
    subgradient step); L2 and weight decay shrink them all without zeroing.

    Parameters
    ----------
    weights : dict label -> array (any shape, flattened)
    bins : int or array of bin edges
    zero_tol : |w| <= zero_tol counts as zero in the title

    Attributes (after ``plot``): ax_, figure_, steps_ (dict label -> StepPatch,
    the filled histogram; ``steps_[label].get_data().values`` are the counts),
    bin_edges, counts (dict label -> array), n_zero (dict label -> int, weights
    with ``|w| <= zero_tol``), n_exact_zero (dict label -> int, weights == 0).
    """

    def __init__(self, weights, *, bins=41, limit=None, zero_tol=1e-3):
        self.weights = {
            label: np.concatenate([np.ravel(w) for w in ws])
            if isinstance(ws, list | tuple)
            else np.ravel(ws)
            for label, ws in dict(weights).items()
        }
        if limit is None:
            limit = max(max(np.abs(w).max() for w in self.weights.values()), 1e-9)
        self.limit = float(limit)
        self.zero_tol = zero_tol
        self.bin_edges = (
            np.linspace(-self.limit, self.limit, bins + 1)
            if np.isscalar(bins)
            else np.asarray(bins, dtype=float)
        )
        self._count()

    def _count(self):
        self.counts = {
            label: np.histogram(np.clip(w, -self.limit, self.limit), self.bin_edges)[0]
            for label, w in self.weights.items()
        }
        self.n_zero = {
            label: int(np.sum(np.abs(w) <= self.zero_tol))
            for label, w in self.weights.items()
        }
        self.n_exact_zero = {
            label: int(np.sum(w == 0)) for label, w in self.weights.items()
        }

    @classmethod
    def from_estimator(cls, estimator, *, label=None, **kw):
        """All weights of a fitted model: ``coefs_`` of a network, else ``coef_``."""
        weights = getattr(estimator, "coefs_", None)
        if weights is None:
            weights = [estimator.coef_]
        return cls({label or type(estimator).__name__: list(weights)}, **kw)

    def plot(self, ax=None, *, ylim=None, log=False):
        """Draw the histograms (step-free bars, overlaid). Returns ``self``."""
        self.figure_, self.ax_ = new_axes(ax, (5.5, 3.8))
        ax = self.ax_
        self.steps_ = {}
        for i, (label, counts) in enumerate(self.counts.items()):
            # one filled step outline per model: a single artist, cheap to redraw
            self.steps_[label] = ax.stairs(
                counts,
                self.bin_edges,
                fill=True,
                color=color_of(label, f"C{i}"),
                alpha=0.6,
                label=label,
            )
        if log:
            ax.set_yscale("symlog", linthresh=1)
        top = max(max(c.max() for c in self.counts.values()), 1)
        ax.set_ylim(ylim or (0, 1.1 * top))
        ax.set_xlim(self.bin_edges[0], self.bin_edges[-1])
        ax.set_xlabel("weight value")
        ax.set_ylabel("number of weights")
        if len(self.counts) > 1:
            ax.legend(fontsize="x-small", loc="upper right")
        self._set_title()
        return self

    def _set_title(self):
        parts = [
            f"{label}: {self.n_exact_zero[label]} of {self.weights[label].size} "
            "weights exactly 0"
            + (
                f", {self.n_zero[label]} with |w| <= {self.zero_tol:g}"
                if self.zero_tol > 0
                else ""
            )
            for label in self.weights
        ]
        self.ax_.set_title("\n".join(parts), fontsize="small")

    def set_weights(self, weights, *, label=None):
        """Replace one model's weights (same bins); ``label`` renames it."""
        (old,) = self.weights
        flat = np.concatenate([np.ravel(w) for w in weights])
        new = old if label is None else label
        self.weights = {new: flat}
        self.steps_ = {new: self.steps_.pop(old)}
        self._count()
        self.steps_[new].set_data(self.counts[new])
        self._set_title()
        return self


class BoundaryPathDisplay:
    """Decision boundaries of penalized logistic regression along its paths.

    The model is ``P(y = 1 | x) = expit(phi(x) . w + b)`` where ``phi`` is a fixed
    feature map of the 2-D input (default: all monomials up to degree 3,
    standardized), so the boundary can bend, and L1's zeros show as simpler curves.
    ``from_data`` computes one ``reglab.regularization_path(loss="logistic")`` per
    ``l1_ratio`` on a common alpha grid (the lasso's); ``set_state`` looks up
    ``(w, b)`` and evaluates the model on the grid.

    Attributes
    ----------
    alphas, paths (dict l1_ratio -> RegularizationPath), feature_names
    After ``plot``: boundary (the DecisionBoundaryDisplay drawn: ``image_``,
    ``boundary_``), ax_, figure_, coef_, intercept_, index_, l1_ratio.
    """

    @classmethod
    def from_data(
        cls,
        X,
        y,
        *,
        degree=3,
        l1_ratios=(1.0, 0.5, 0.0),
        n_alphas=30,
        eps=1e-2,
        grid_resolution=120,
    ):
        self = cls()
        X, y = check_X_y(X, y, classification=True)
        self.X, self.y = X, y
        self.features = make_pipeline(
            PolynomialFeatures(degree, include_bias=False), StandardScaler()
        ).fit(X)
        self.feature_names = [
            n.replace(" ", "")
            for n in self.features[0].get_feature_names_out(["x1", "x2"])
        ]
        F = self.features.transform(X)
        self.xx, self.yy, points = decision_grid(X, grid_resolution)
        self._grid_features = self.features.transform(points)
        ratios = sorted(l1_ratios, key=lambda r: -r)
        first = regularization_path(
            F, y, loss="logistic", l1_ratio=ratios[0], n_alphas=n_alphas, eps=eps
        )
        self.alphas = first.alphas
        self.paths = {ratios[0]: first}
        for r in ratios[1:]:
            self.paths[r] = regularization_path(
                F, y, loss="logistic", l1_ratio=r, alphas=self.alphas
            )
        self.l1_ratios = tuple(l1_ratios)
        return self

    def response_at(self, alpha, l1_ratio):
        """``(P(class 1) on the grid, coef, intercept, index)`` at the grid alpha."""
        path = self.paths[l1_ratio]
        index = nearest_alpha_index(self.alphas, alpha)
        coef, intercept = path.coefs[index], path.intercepts[index]
        # P(y = 1 | x) = expit(phi(x) . w + b)
        return expit(self._grid_features @ coef + intercept), coef, intercept, index

    def plot(self, ax=None, *, alpha=None, l1_ratio=None, legend=True):
        self.l1_ratio = self.l1_ratios[0] if l1_ratio is None else l1_ratio
        alpha = self.alphas[len(self.alphas) // 2] if alpha is None else alpha
        response, *_ = self.response_at(alpha, self.l1_ratio)
        self.boundary = DecisionBoundaryDisplay(
            self.xx, self.yy, response, X=self.X, y=self.y
        ).plot(ax, legend=legend)
        self.ax_, self.figure_ = self.boundary.ax_, self.boundary.figure_
        self.set_state(alpha=alpha, l1_ratio=self.l1_ratio)
        return self

    def set_state(self, *, alpha, l1_ratio=None):
        if l1_ratio is not None:
            self.l1_ratio = l1_ratio
        response, self.coef_, self.intercept_, self.index_ = self.response_at(
            alpha, self.l1_ratio
        )
        name = penalty_name(self.l1_ratio)
        self.alpha_stated_ = stated_alpha(self.alphas, self.index_, alpha)
        self.boundary.set_response(
            response,
            title=f"Logistic regression, {name}, alpha = {self.alpha_stated_:.3g}"
            f"\n{np.count_nonzero(self.coef_)} of {self.coef_.size} weights nonzero",
        )
        return self
