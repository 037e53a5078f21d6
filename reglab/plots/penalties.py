"""Penalty figures: unit balls, loss contours meeting them, thresholding, norms."""

import numpy as np

from reglab._validation import check_alpha, check_array, check_l1_ratio
from reglab.paths import regularization_path
from reglab.penalties import L0, L1, L1L2, L2
from reglab.plots._style import (
    COLORS,
    LINESTYLES,
    concept_of,
    new_axes,
    penalty_name,
)
from reglab.plots.paths import alpha_grid, nearest_alpha_index
from reglab.solvers import RidgeSVD

__all__ = [
    "NormDisplay",
    "PenaltyGeometryDisplay",
    "ThresholdingDisplay",
    "penalty_ball",
    "plot_unit_ball",
]

_NAMES = {"l1": 1.0, "lasso": 1.0, "l2": 0.0, "ridge": 0.0}


def _l1_ratio_of(penalty, l1_ratio=0.5):
    """``l1_ratio`` of a penalty given by name or as a ``reglab.penalties`` object."""
    if isinstance(penalty, str):
        name = penalty.lower().replace("-", "").replace("_", "").replace(" ", "")
        if name in _NAMES:
            return _NAMES[name]
        if name in ("elasticnet", "enet", "l1l2"):
            return check_l1_ratio(l1_ratio)
        raise ValueError(
            "`penalty` must be 'l1', 'l2', 'elasticnet' or a reglab.penalties object. "
            f"Got {penalty!r} instead."
        )
    if hasattr(penalty, "l1_ratio"):
        return float(penalty.l1_ratio)
    raise TypeError(
        "`penalty` must be 'l1', 'l2', 'elasticnet' or a reglab.penalties object with "
        f"an l1_ratio (L1, L2, L1L2). Got {type(penalty).__name__} instead."
    )


def penalty_ball(l1_ratio, level, n_points=401):
    """Boundary ``{w in R^2 : P(w) = level}`` with ``P`` the elastic-net penalty.

    ``P(w) = l1_ratio ||w||_1 + (1 - l1_ratio)/2 ||w||^2``. Along a direction ``u``
    (``||u||_2 = 1``) the boundary is at the ``t > 0`` solving
    ``a t^2 + b t = level`` with ``a = (1 - l1_ratio)/2``, ``b = l1_ratio ||u||_1``.
    Returns an array (n_points, 2); the points include the four axis crossings, so the
    L1 diamond has sharp corners.
    """
    theta = np.linspace(0.0, 2.0 * np.pi, n_points)
    u = np.column_stack([np.cos(theta), np.sin(theta)])
    u[np.abs(u) < 1e-15] = 0.0
    a = (1.0 - l1_ratio) / 2.0
    b = l1_ratio * np.abs(u).sum(axis=1)
    if a == 0.0:
        t = level / b
    else:
        # t = (-b + sqrt(b^2 + 4 a level)) / (2a), written to stay exact for small a
        t = 2.0 * level / (b + np.sqrt(b**2 + 4.0 * a * level))
    return u * t[:, None]


def plot_unit_ball(ax, penalty, *, radius=1.0, l1_ratio=0.5, budget=None, **kwargs):
    """Draw the ball ``{w in R^2 : P(w) <= budget}`` of ``penalty`` in 2-D.

    ``penalty`` is "l1" (the diamond), "l2" (the circle), "elasticnet" (with
    ``l1_ratio``), or a ``reglab.penalties`` object; ``P`` is the elastic-net penalty
    ``l1_ratio ||w||_1 + (1 - l1_ratio)/2 ||w||_2^2`` (an object's ``alpha``
    multiplies it). Without ``budget`` the ball drawn is the one through
    ``(+-radius, 0)``: its budget is ``P(radius e_1)``, which is 1 for the L1
    diamond of radius 1 but 1/2 for the circle (``P = ||w||^2 / 2``) and depends on
    ``l1_ratio`` for the elastic net; pass ``budget`` to draw ``{P <= budget}``
    itself. The L1 and L2 balls only scale with the budget; the elastic net's shape
    changes with it (diamond-like for small budgets, round for large ones).
    Returns the ``Line2D``.
    """
    r = _l1_ratio_of(penalty, l1_ratio)
    strength = float(getattr(penalty, "alpha", 1.0))
    if budget is None:
        level = r * radius + (1.0 - r) / 2.0 * radius**2
    else:
        level = check_alpha(budget, "budget") / strength
    points = penalty_ball(r, level)
    concept = concept_of(penalty_name(r))
    kwargs.setdefault("color", COLORS[concept])
    kwargs.setdefault("linestyle", LINESTYLES[concept])
    kwargs.setdefault("linewidth", 2)
    (line,) = ax.plot(points[:, 0], points[:, 1], **kwargs)
    return line


class PenaltyGeometryDisplay:
    """Loss contours of a two-coefficient problem meeting the penalty ball.

    For ``X`` with two columns the squared loss ``(1/2n)||y - b - X w||^2`` (with the
    best intercept) is a bowl around the least-squares point ``w_ols``. The penalized
    solution ``w(alpha)`` is where the smallest contour touches the ball
    ``{P(w) <= P(w(alpha))}``: on a corner of the L1 diamond (a zero coefficient) far
    more often than anywhere special on the L2 circle. Paths for each ``l1_ratio`` are
    computed once (``reglab.regularization_path`` on one alpha grid); ``set_state``
    looks solutions up.

    Attributes
    ----------
    alphas : the common alpha grid (descending)
    paths : dict l1_ratio -> RegularizationPath
    ols_coef : least-squares coefficients (minimum-norm if X is rank deficient)
    After ``plot``: ax_, figure_, contours_, ols_point_, ball_ (Line2D), solution_
    (Line2D with one point), touching_contour_ (the loss contour through the
    solution), trace_ (the solution path in the plane), coef_ (shown).
    """

    @classmethod
    def from_data(cls, X, y, *, l1_ratios=(1.0, 0.5, 0.0), n_alphas=100, alphas=None):
        self = cls()
        X = check_array(X, "X", ndim=2)
        if X.shape[1] != 2:
            raise ValueError(
                f"`X` must have exactly 2 columns (one per axis). Got {X.shape[1]}."
            )
        y = check_array(y, "y", ndim=1)
        self.l1_ratios = tuple(check_l1_ratio(r) for r in l1_ratios)
        Xc = X - X.mean(axis=0)
        self.gram = Xc.T @ Xc / X.shape[0]
        self.ols_coef = RidgeSVD(X, y).solve(0.0).coef
        if alphas is None:
            alphas = alpha_grid(X, y, n_alphas=n_alphas, high=30.0, low=1e-3)
        self.alphas = np.sort(np.asarray(alphas, dtype=float))[::-1]
        self.paths = {
            r: regularization_path(X, y, l1_ratio=r, alphas=self.alphas)
            for r in self.l1_ratios
        }
        return self

    def loss_contour(self, w, n_points=200):
        """The loss level set through ``w``: an ellipse around ``w_ols``.

        ``(v - w_ols)^T G (v - w_ols) / 2 = c`` with ``c`` its value at ``w`` and
        ``G = Xc^T Xc / n``: ``v = w_ols + sqrt(2 c) Q diag(1 / sqrt(lambda)) u`` over
        unit vectors ``u`` (``G = Q diag(lambda) Q^T``). At the penalized solution
        this contour just touches the penalty ball.
        """
        d = np.asarray(w, dtype=float) - self.ols_coef
        level = 0.5 * d @ self.gram @ d
        eigenvalues, Q = np.linalg.eigh(self.gram)
        eigenvalues = np.maximum(eigenvalues, 1e-12 * max(eigenvalues.max(), 1e-300))
        theta = np.linspace(0.0, 2.0 * np.pi, n_points)
        u = np.column_stack([np.cos(theta), np.sin(theta)])
        return self.ols_coef + np.sqrt(2.0 * level) * (u / np.sqrt(eigenvalues)) @ Q.T

    def _window(self):
        extent = 1.35 * max(np.abs(self.ols_coef).max(), 1e-12)
        return -extent, extent

    def plot(self, ax=None, *, alpha=None, l1_ratio=None, n_contours=8):
        """Draw contours, the least-squares point, the ball and the solution."""
        self.figure_, self.ax_ = new_axes(ax, (5, 5))
        ax = self.ax_
        low, high = self._window()
        grid = np.linspace(low, high, 161)
        W1, W2 = np.meshgrid(grid, grid)
        D = np.stack([W1 - self.ols_coef[0], W2 - self.ols_coef[1]], axis=-1)
        # loss(w) - loss(w_ols) = (w - w_ols)^T G (w - w_ols) / 2, G = Xc^T Xc / n
        excess = 0.5 * np.einsum("...i,ij,...j->...", D, self.gram, D)
        levels = np.quantile(excess, np.linspace(0.0, 0.6, n_contours + 1)[1:]) ** 1
        levels = np.unique(levels)
        self.contours_ = ax.contour(
            W1, W2, excess, levels=levels, colors="#888888", linewidths=0.8
        )
        ax.axhline(0.0, color="black", linewidth=0.6)
        ax.axvline(0.0, color="black", linewidth=0.6)
        (self.ols_point_,) = ax.plot(
            *self.ols_coef,
            marker="X",
            markersize=10,
            color=COLORS["ols"],
            linestyle="none",
            label="least squares (alpha = 0)",
        )
        (self.trace_,) = ax.plot([], [], color="#999999", linewidth=1, linestyle=":")
        (self.touching_contour_,) = ax.plot(
            [],
            [],
            color="black",
            linewidth=1.2,
            linestyle="--",
            label="loss contour through the solution",
        )
        (self.ball_,) = ax.plot([], [], linewidth=2)
        (self.solution_,) = ax.plot(
            [],
            [],
            marker="o",
            markersize=9,
            markeredgecolor="black",
            linestyle="none",
            label="penalized solution",
        )
        ax.set_xlim(low, high)
        ax.set_ylim(low, high)
        ax.set_aspect("equal")
        ax.set_xlabel("w1")
        ax.set_ylabel("w2")
        self.l1_ratio = self.l1_ratios[0] if l1_ratio is None else l1_ratio
        self.set_state(alpha=self.alphas[0] if alpha is None else alpha)
        from matplotlib.lines import Line2D

        # a neutral marker: the solution's colour changes with the penalty
        solution = Line2D(
            [],
            [],
            marker="o",
            color="white",
            markeredgecolor="black",
            linestyle="none",
            label="penalized solution",
        )
        ax.legend(
            handles=[self.ols_point_, self.touching_contour_, solution],
            loc="lower left",
            fontsize="x-small",
        )
        return self

    def set_state(self, *, alpha=None, l1_ratio=None):
        """Show the solution at ``alpha`` for ``l1_ratio`` (a look-up in the paths)."""
        if l1_ratio is not None:
            if l1_ratio not in self.paths:
                raise ValueError(
                    f"`l1_ratio` must be one of {sorted(self.paths)}. "
                    f"Got {l1_ratio!r} instead."
                )
            self.l1_ratio = l1_ratio
        if alpha is not None:
            self.index_ = nearest_alpha_index(self.alphas, alpha)
        path = self.paths[self.l1_ratio]
        r = self.l1_ratio
        self.coef_ = path.coefs[self.index_]
        level = r * np.abs(self.coef_).sum() + (1 - r) / 2 * (self.coef_ @ self.coef_)
        ball = penalty_ball(r, level)
        concept = concept_of(penalty_name(r))
        self.ball_.set_data(ball[:, 0], ball[:, 1])
        self.ball_.set_color(COLORS[concept])
        self.ball_.set_linestyle(LINESTYLES[concept])
        self.solution_.set_data([self.coef_[0]], [self.coef_[1]])
        contour = self.loss_contour(self.coef_)
        self.touching_contour_.set_data(contour[:, 0], contour[:, 1])
        self.solution_.set_color(COLORS[concept])
        self.trace_.set_data(path.coefs[:, 0], path.coefs[:, 1])
        self.ax_.set_title(
            f"{penalty_name(r)}, alpha = {self.alphas[self.index_]:.3g}: "
            f"w = ({self.coef_[0]:.2f}, {self.coef_[1]:.2f})",
            fontsize="medium",
        )
        return self


class ThresholdingDisplay:
    """Penalized estimate against the least-squares estimate, orthonormal design.

    When ``X^T X / n = I`` each coefficient is solved alone: with ``z`` the
    least-squares value the penalized estimate is the penalty's proximal operator,
    ``w = prox_{alpha P}(z)``:

    - L1: soft thresholding ``sign(z) max(|z| - alpha, 0)``;
    - L2: proportional shrinkage ``z / (1 + alpha)``;
    - L0 (``alpha * count_nonzero``): hard thresholding at ``sqrt(2 alpha)``;
    - elastic net: ``soft(z, alpha r) / (1 + alpha (1 - r))``.

    The curves are computed by ``reglab.penalties`` (``L1(alpha).prox(z, 1.0)``...).

    Attributes (after ``plot``): ax_, figure_, lines_ (dict name -> Line2D: "least
    squares", "L1 (soft)", "L2 (proportional)", "L0 (hard)", "elastic net").
    """

    NAMES = (
        "least squares",
        "L1 (soft)",
        "L2 (proportional)",
        "L0 (hard)",
        "elastic net",
    )

    def __init__(self, z, *, alpha=1.0, l1_ratio=0.5):
        self.z = np.asarray(z, dtype=float)
        self.alpha, self.l1_ratio = check_alpha(alpha), check_l1_ratio(l1_ratio)

    @classmethod
    def from_penalties(cls, alpha=1.0, *, l1_ratio=0.5, z_max=3.0, n_points=601):
        """Estimates for least-squares values ``z`` in ``[-z_max, z_max]``."""
        return cls(np.linspace(-z_max, z_max, n_points), alpha=alpha, l1_ratio=l1_ratio)

    def estimates(self, alpha=None, l1_ratio=None):
        """dict name -> estimate on ``self.z`` at ``alpha`` and ``l1_ratio``."""
        alpha = self.alpha if alpha is None else check_alpha(alpha)
        l1_ratio = self.l1_ratio if l1_ratio is None else check_l1_ratio(l1_ratio)
        return {
            "least squares": self.z,
            "L1 (soft)": L1(alpha).prox(self.z, 1.0),
            "L2 (proportional)": L2(alpha).prox(self.z, 1.0),
            "L0 (hard)": L0(alpha).prox(self.z, 1.0),
            "elastic net": L1L2(alpha, l1_ratio).prox(self.z, 1.0),
        }

    def plot(self, ax=None, *, show=None):
        """Draw the curves named in ``show`` (default all). Returns ``self``."""
        self.figure_, self.ax_ = new_axes(ax, (5.5, 5))
        ax = self.ax_
        show = self.NAMES if show is None else show
        concepts = dict(
            zip(self.NAMES, ["ols", "l1", "l2", "l0", "elastic_net"], strict=True)
        )
        self.lines_ = {}
        for name, values in self.estimates().items():
            concept = concepts[name]
            (self.lines_[name],) = ax.plot(
                self.z,
                values,
                color=COLORS[concept],
                linestyle=LINESTYLES[concept],
                linewidth=1.2 if concept == "ols" else 2.2,
                label=name,
                visible=name in show,
            )
        z_max = float(np.abs(self.z).max())
        ax.set_xlim(-z_max, z_max)
        ax.set_ylim(-z_max, z_max)
        ax.set_aspect("equal")
        ax.axhline(0.0, color="black", linewidth=0.6)
        ax.axvline(0.0, color="black", linewidth=0.6)
        ax.set_xlabel("least-squares estimate z")
        ax.set_ylabel("penalized estimate w")
        ax.legend(loc="upper left", fontsize="x-small")
        self._set_title()
        return self

    def _set_title(self):
        self.ax_.set_title(
            f"Thresholding, alpha = {self.alpha:.3g} (elastic net l1_ratio = "
            f"{self.l1_ratio:.2g})",
            fontsize="medium",
        )

    def set_alpha(self, alpha=None, *, l1_ratio=None):
        """Recompute every curve at ``alpha`` (and ``l1_ratio``)."""
        if alpha is not None:
            self.alpha = check_alpha(alpha)
        if l1_ratio is not None:
            self.l1_ratio = check_l1_ratio(l1_ratio)
        for name, values in self.estimates().items():
            self.lines_[name].set_ydata(values)
        self._set_title()
        return self


def vector_norms(w):
    """dict of the norms the course compares: L0 count, L1, L2, squared L2.

    A norm larger than the largest float is ``inf`` (no warning): callers that must
    draw it check ``np.isfinite``.
    """
    w = np.asarray(w, dtype=float)
    largest = np.abs(w).max(initial=0.0)
    # sqrt(sum w^2) = m sqrt(sum (w/m)^2) with m = max |w|: no square overflows
    l2 = largest * np.sqrt(np.sum((w / largest) ** 2)) if largest > 0 else 0.0
    with np.errstate(over="ignore"):  # a norm beyond the largest float is inf
        return {
            "L0 (count)": float(np.count_nonzero(w)),
            "L1 = sum |w|": float(np.abs(w).sum()),
            "L2 = sqrt(sum w^2)": float(l2),
            "L2 squared": float(l2 * l2),
        }


def _narrow_y_ticks(ax):
    """Keep y tick labels at most as wide as "-0.000" and the y label clear of them.

    Numbers from 1000 up and below 0.01 are written with a "1e3"-style multiplier
    above the axis, and the y label sits where "-0.000" would end, not next to the
    current labels: new limits (``set_vectors``) then never push the label off a
    figure whose layout was fixed for the first ones.
    """
    import matplotlib as mpl
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextPath
    from matplotlib.transforms import ScaledTranslation

    ax.ticklabel_format(axis="y", style="sci", scilimits=(-2, 3))
    font = FontProperties(size=mpl.rcParams["ytick.labelsize"])
    widest = TextPath((0, 0), "\u22120.000", prop=font).get_extents().width
    points = (
        widest
        + mpl.rcParams["ytick.major.size"]
        + mpl.rcParams["ytick.major.pad"]
        + mpl.rcParams["axes.labelpad"]
    )
    shift = ScaledTranslation(-points / 72, 0, ax.figure.dpi_scale_trans)
    ax.yaxis.set_label_coords(0, 0.5, transform=ax.transAxes + shift)


class NormDisplay:
    """The entries of a few vectors and their L0, L1, L2 and squared L2 norms.

    The course's worked example: ``w1 = [1, 0, 0, 0]`` and
    ``w2 = [0.26, 0.25, 0.25, 0.25]`` have nearly the same L1 norm (1 and 1.01) but
    very different L2 norms (1 and about 0.5): L2 prefers spreading weight out, L1
    is indifferent to it.

    Parameters
    ----------
    vectors : dict name -> array (p,), all the same length

    Attributes (after ``plot``): figure_, axes_ (entries axes, norms axes),
    entry_bars_ and norm_bars_ (dict name -> BarContainer), zero_line_ (the entries'
    y = 0 line), norms (dict name -> dict).
    """

    def __init__(self, vectors):
        self.vectors = {
            name: check_array(w, name, ndim=1) for name, w in dict(vectors).items()
        }
        sizes = {w.size for w in self.vectors.values()}
        if len(sizes) != 1:
            raise ValueError(f"All vectors must have the same length. Got {sizes}.")
        self.norms = {name: vector_norms(w) for name, w in self.vectors.items()}

    @classmethod
    def from_vectors(cls, w1=(1.0, 0.0, 0.0, 0.0), w2=(0.26, 0.25, 0.25, 0.25)):
        return cls({"w1": w1, "w2": w2})

    def plot(self, ax=None, *, ylim=None):
        """Draw on a pair of axes ``(entries, norms)``; ``ax=None`` makes them."""
        if ax is None:
            import matplotlib.pyplot as plt

            _, ax = plt.subplots(1, 2, figsize=(10, 3.8), layout="constrained")
        self.axes_ = tuple(ax)
        self.figure_ = self.axes_[0].figure
        entries_ax, norms_ax = self.axes_
        colors = ["#E69F00", "#56B4E9", "#009E73", "#CC79A7"]
        k = len(self.vectors)
        width = 0.8 / k
        p = next(iter(self.vectors.values())).size
        kinds = list(vector_norms(np.zeros(1)))
        self.entry_bars_, self.norm_bars_ = {}, {}
        for i, (name, w) in enumerate(self.vectors.items()):
            offset = (i - (k - 1) / 2) * width
            # colour and hatch both tell the vectors apart (readable in grey too)
            style = {
                "color": colors[i % 4],
                "label": name,
                "edgecolor": "black",
                "linewidth": 0.4,
                "hatch": ("", "//", "..", "xx")[i % 4],
            }
            self.entry_bars_[name] = entries_ax.bar(
                np.arange(p) + offset, w, width, **style
            )
            self.norm_bars_[name] = norms_ax.bar(
                np.arange(len(kinds)) + offset,
                list(self.norms[name].values()),
                width,
                **style,
            )
        entries_ax.set_xticks(np.arange(p), [f"entry {j + 1}" for j in range(p)])
        self.zero_line_ = entries_ax.axhline(0.0, color="black", linewidth=0.6)
        entries_ax.set_ylabel("value")
        entries_ax.set_xlabel("entry")
        entries_ax.set_title("The vectors", fontsize="medium")
        # a fixed corner: "best" would jump between redraws as the bars change
        entries_ax.legend(fontsize="small", loc="upper right")
        # "L1 = sum |w|" on two lines ("L1" over "sum |w|"): side by side, they overlap
        norms_ax.set_xticks(
            np.arange(len(kinds)),
            [kind.replace(" = ", "\n") for kind in kinds],
            fontsize="small",
        )
        norms_ax.set_ylabel("norm")
        norms_ax.set_xlabel("norm")
        norms_ax.legend(fontsize="small", loc="upper right")
        for axes in self.axes_:
            _narrow_y_ticks(axes)
        self._limits(ylim)
        self._set_title()
        return self

    def _needed_limits(self):
        """((low, high) of the entries, high of the norms), before padding."""
        values = np.concatenate(list(self.vectors.values()))
        norm_top = max(max(n.values()) for n in self.norms.values())
        return (min(values.min(), 0.0), max(values.max(), 0.0)), max(norm_top, 1e-9)

    def _limits(self, ylim=None, headroom=1.0, axes=(0, 1)):
        (low, high), norm_top = self._needed_limits()
        if ylim is not None:
            (low, high), norm_top = ylim, ylim[1]
        pad = 0.1 * max(high - low, 1e-9)
        if 0 in axes:
            self.axes_[0].set_ylim(headroom * (low - pad), headroom * (high + pad))
        if 1 in axes:
            self.axes_[1].set_ylim(0.0, 1.1 * headroom * norm_top)

    def _axes_to_rescale(self, min_fill=0.3):
        """Axes whose values fall outside them or fill less than ``min_fill`` of them.

        With the headroom ``set_vectors`` leaves when it rescales, small edits keep
        the axes as they are (a widget redraws only its bars), and bars never
        shrink to slivers on an axis left over from larger numbers.
        """
        (low, high), norm_top = self._needed_limits()
        entry_low, entry_high = self.axes_[0].get_ylim()
        norm_high = self.axes_[1].get_ylim()[1]
        entries_fit = (
            entry_low <= low
            and high <= entry_high
            and (high - low) >= min_fill * (entry_high - entry_low)
        )
        norms_fit = min_fill * norm_high <= norm_top <= norm_high
        return tuple(i for i, fit in enumerate((entries_fit, norms_fit)) if not fit)

    def _set_title(self):
        parts = [
            f"{name}: L1 {n['L1 = sum |w|']:.3g}, L2 {n['L2 = sqrt(sum w^2)']:.3g}"
            for name, n in self.norms.items()
        ]
        self.axes_[1].set_title("; ".join(parts), fontsize="medium")

    def set_vectors(self, vectors, *, rescale=True):
        """Show new vectors of the same length in the same bars."""
        new = NormDisplay(vectors)
        if set(new.vectors) != set(self.vectors):
            raise ValueError("`vectors` must have the same names as before.")
        self.vectors, self.norms = new.vectors, new.norms
        for name, w in self.vectors.items():
            for bar, height in zip(self.entry_bars_[name], w, strict=True):
                bar.set_height(height)
            for bar, height in zip(
                self.norm_bars_[name], self.norms[name].values(), strict=True
            ):
                bar.set_height(height)
        if rescale and self._axes_to_rescale():
            self._limits(headroom=1.3, axes=self._axes_to_rescale())
        self._set_title()
        return self
