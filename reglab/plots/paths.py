"""Regularization paths and cross-validation curves against alpha."""

import numpy as np

from reglab._validation import check_alpha
from reglab.cv import cv_path
from reglab.paths import regularization_path
from reglab.plots._style import COLORS, OKABE_ITO, new_axes, penalty_name
from reglab.solvers import alpha_max

__all__ = [
    "CVCurveDisplay",
    "RegularizationPathDisplay",
    "alpha_grid",
    "group_colors",
    "line_styles",
    "nearest_alpha_index",
    "spread_positions",
    "stated_alpha",
]


def alpha_grid(X, y, *, n_alphas, high=10.0, low=1e-4):
    """``n_alphas`` log-spaced alphas from ``high`` to ``low`` times the lasso's
    alpha_max (descending): one grid every penalty of a figure shares.

    Raises a ValueError naming ``y`` (or ``X``) when alpha_max is 0: a constant
    ``y`` (or no varying column) leaves nothing to fit, every coefficient is 0.
    """
    top = alpha_max(X, y, l1_ratio=1.0)
    if not top > 0:
        y = np.asarray(y, dtype=float)
        name = "y" if np.ptp(y) == 0 else "X"
        what = (
            f"is constant (every value is {y.flat[0]:g})"
            if name == "y"
            else "has no column that varies with y"
        )
        raise ValueError(
            f"`{name}` {what}: with nothing to fit, every coefficient is 0 at every "
            f"alpha. Pass data where y depends on X."
        )
    return np.geomspace(high * top, low * top, n_alphas)


def nearest_alpha_index(alphas, alpha):
    """Index of the grid value nearest ``alpha`` on a log scale.

    ``alpha`` above the grid gives the largest grid alpha (index of ``max``), ``alpha``
    below it (including 0) the smallest: a slider past either end never fails.
    """
    alphas = np.asarray(alphas, dtype=float)
    alpha = check_alpha(alpha)
    if alpha <= 0:
        return int(np.argmin(alphas))
    return int(np.argmin(np.abs(np.log(alphas) - np.log(alpha))))


def stated_alpha(alphas, index, alpha):
    """The alpha a title or text states for a control at ``alpha`` read at grid
    ``index``: past the grid's top (alpha_max, where every fit is 0) the control's own
    value, which its readout shows; otherwise the grid alpha the figure draws."""
    return float(alpha) if alpha > np.max(alphas) else float(np.asarray(alphas)[index])


#: Okabe-Ito without yellow (too light on white), black last: it reads as "least
#: squares" elsewhere in the course.
_LINE_COLORS = [c for c in OKABE_ITO[1:] if c != "#F0E442"] + [OKABE_ITO[0]]
_DASHES = ("-", "--", "-.", ":")


def group_colors(n, groups=None):
    """One colour per feature; features in the same group share one (no yellow)."""
    return [color for color, _ in line_styles(n, groups)]


def line_styles(n, groups=None):
    """``(colour, linestyle)`` per feature, so that colour is never the only cue.

    Without groups the pairs are all different (7 colours, then the same colours
    dashed, and so on); with groups a group shares a colour and its members differ
    by line style.
    """
    if groups is None:
        k = len(_LINE_COLORS)
        return [
            (_LINE_COLORS[j % k], _DASHES[(j // k) % len(_DASHES)]) for j in range(n)
        ]
    labels = list(dict.fromkeys(groups))
    rank = {}
    styles = []
    for g in groups:
        member = rank[g] = rank.get(g, -1) + 1
        color = _LINE_COLORS[labels.index(g) % len(_LINE_COLORS)]
        styles.append((color, _DASHES[member % len(_DASHES)]))
    return styles


def spread_positions(targets, gap, low=0.0, high=1.0):
    """Positions as close to ``targets`` as possible, at least ``gap`` apart, within
    ``[low, high]`` (when they fit): where to put labels that must not overlap."""
    targets = np.asarray(targets, dtype=float)
    order = np.argsort(targets, kind="stable")
    placed = np.clip(targets[order], low + gap / 2, high - gap / 2)
    for i in range(1, placed.size):
        placed[i] = max(placed[i], placed[i - 1] + gap)
    if placed.size and placed[-1] > high - gap / 2:
        placed[-1] = max(high - gap / 2, low + gap / 2 + gap * (placed.size - 1))
        for i in range(placed.size - 2, -1, -1):
            placed[i] = min(placed[i], placed[i + 1] - gap)
    positions = np.empty_like(placed)
    positions[order] = placed
    return positions


class _AlphaMarker:
    """A vertical marker at the current alpha (``marker_``) on a grid of ``alphas``."""

    def set_alpha(self, alpha):
        """Move the marker to the grid alpha nearest ``alpha``; returns the index."""
        self.index_ = nearest_alpha_index(self.alphas, alpha)
        shown = self.alphas[self.index_]
        self.marker_.set_xdata([shown, shown])
        self.marker_.set_visible(True)
        return self.index_


class RegularizationPathDisplay(_AlphaMarker):
    """Coefficients against alpha (log scale), with the nonzero count on a top axis.

    Parameters
    ----------
    alphas : array (n_alphas,), descending, as ``RegularizationPath.alphas``
    coefs : array (n_alphas, p)
    l1_ratio : float, names the penalty in the title
    feature_names : list of str, optional
    groups : list, optional, one label per feature: features of a group share a
        colour (the correlated-groups lesson)
    penalty : a reglab.penalties penalty, optional: names it in the title instead of
        ``l1_ratio`` (a path's ``penalty``, for ``WeightedL1``, ``GroupL1``, ``MCP``)

    Attributes (after ``plot``): ax_, figure_, lines_ (one Line2D per coefficient),
    labels_ (one Text per coefficient naming its line, or empty), leaders_ (one
    Line2D per label, from the line's end to its name, in the line's colour), marker_
    (vertical line at the current alpha, see ``set_alpha``), nonzero_ax_ (the top
    axis; its tick labels are the number of nonzero coefficients), index_ (grid
    index shown).
    """

    def __init__(
        self,
        alphas,
        coefs,
        *,
        l1_ratio=1.0,
        feature_names=None,
        groups=None,
        penalty=None,
    ):
        self.alphas = np.asarray(alphas, dtype=float)
        self.coefs = np.asarray(coefs, dtype=float)
        self.n_nonzero = np.count_nonzero(self.coefs, axis=1)
        self.l1_ratio = l1_ratio
        self.penalty = penalty
        p = self.coefs.shape[1]
        self.feature_names = (
            [f"w{j + 1}" for j in range(p)] if feature_names is None else feature_names
        )
        self.groups = groups

    @classmethod
    def from_path(cls, path, *, feature_names=None, groups=None):
        """From a ``reglab.paths.RegularizationPath`` (nothing is refitted)."""
        return cls(
            path.alphas,
            path.coefs,
            l1_ratio=path.l1_ratio,
            feature_names=feature_names,
            groups=groups,
            penalty=path.penalty,
        )

    @classmethod
    def from_data(cls, X, y, *, l1_ratio=1.0, feature_names=None, groups=None, **kw):
        """Compute ``reglab.regularization_path(X, y, l1_ratio, **kw)`` and wrap it."""
        path = regularization_path(X, y, l1_ratio=l1_ratio, **kw)
        return cls.from_path(path, feature_names=feature_names, groups=groups)

    @property
    def penalty_name(self):
        name = penalty_name(self.l1_ratio if self.penalty is None else self.penalty)
        return name[0].upper() + name[1:]

    def coef_at(self, alpha):
        """Coefficients at the grid alpha nearest ``alpha`` (a look-up, no refit)."""
        return self.coefs[nearest_alpha_index(self.alphas, alpha)]

    def plot(
        self,
        ax=None,
        *,
        alpha=None,
        show_nonzero=True,
        legend=None,
        ylim=None,
        end_labels=None,
    ):
        """Draw the path. ``alpha`` shows the marker there. Returns ``self``.

        Each line has its own colour and line style pair (a group shares a colour).
        ``end_labels`` (default: with at most 20 features) names each line at its
        small-alpha end, in room added left of the grid, the names spread so that
        none overlaps another (a thin leader joins a moved name to its line).
        ``legend`` (default: only with ``groups``) adds a legend instead.
        """
        self.figure_, self.ax_ = new_axes(ax, (6, 4))
        ax = self.ax_
        p = self.coefs.shape[1]
        if end_labels is None:
            end_labels = p <= 20
        if self.groups is None:
            labels = self.feature_names
        else:  # one legend entry per group
            seen = set()
            labels = [
                "_nolegend_" if g in seen or seen.add(g) else str(g)
                for g in self.groups
            ]
            legend = True if legend is None else legend
        self.lines_ = []
        for j, (color, linestyle) in enumerate(line_styles(p, self.groups)):
            (line,) = ax.plot(
                self.alphas,
                self.coefs[:, j],
                color=color,
                linestyle=linestyle,
                linewidth=1.5,
                label=labels[j],
            )
            self.lines_.append(line)
        ax.axhline(0.0, color="black", linewidth=0.6)
        ax.set_xscale("log")
        low, high = self.alphas.min(), self.alphas.max()
        # room for the names: 0.18 of the grid's decades (at least 0.5 decade)
        room = max(0.18 * np.log10(high / low), 0.5) if end_labels else 0.0
        ax.set_xlim(low / 10**room, high)
        if ylim is not None:
            ax.set_ylim(ylim)
        ax.set_xlabel("alpha (log scale; stronger penalty to the right)")
        ax.set_ylabel("coefficient")
        ax.set_title(f"{self.penalty_name} path", fontsize="medium")
        self.nonzero_ax_ = None
        if show_nonzero:
            self.nonzero_ax_ = self._draw_nonzero_axis(ax)
        self.labels_, self.leaders_ = [], []
        if end_labels:
            self._label_x = low / 10 ** (0.15 * room)
            for name, line in zip(self.feature_names, self.lines_, strict=True):
                # dark text (WCAG AA contrast); the leader has the line's colour
                self.labels_.append(
                    ax.text(
                        self._label_x,
                        0.0,
                        name,
                        ha="right",
                        va="center",
                        fontsize="small",
                        color="#222222",
                    )
                )
                (leader,) = ax.plot(
                    [], [], color=line.get_color(), linewidth=1.0, clip_on=False
                )
                self.leaders_.append(leader)
            self._place_labels()
        if legend:
            ax.legend(fontsize="x-small", loc="upper right", ncols=2)
        self.marker_ = ax.axvline(
            self.alphas[0],
            color=COLORS["marker"],
            linewidth=1.5,
            linestyle="--",
            visible=False,
        )
        self.index_ = None
        if alpha is not None:
            self.set_alpha(alpha)
        return self

    def _place_labels(self):
        """Put each end label level with its line's small-alpha end, none overlapping,
        with a leader from the line's end to its label.

        Works on the (linear) y axis's current limits; the gap is 1.3 label heights
        of the axes' current height.
        """
        if not self.labels_:
            return
        ax = self.ax_
        y0, y1 = ax.get_ylim()
        low = self.alphas.min()
        ends = self.coefs[np.argmin(self.alphas)]
        height = ax.get_position().height * ax.figure.get_figheight() * 72  # points
        gap = 1.3 * self.labels_[0].get_fontsize() / height * (y1 - y0)
        positions = spread_positions(ends, gap=gap, low=min(y0, y1), high=max(y0, y1))
        for label, leader, end, y in zip(
            self.labels_, self.leaders_, ends, positions, strict=True
        ):
            label.set_y(y)
            leader.set_data([low, self._label_x * 1.08], [end, y])

    def _draw_nonzero_axis(self, ax):
        top = ax.twiny()
        top.set_xscale("log")
        top.set_xlim(ax.get_xlim())
        picks = np.unique(np.linspace(0, self.alphas.size - 1, 6).round().astype(int))
        top.set_xticks(self.alphas[picks], [str(k) for k in self.n_nonzero[picks]])
        top.minorticks_off()
        if self.l1_ratio == 1:
            label = "nonzero coefficients (the lasso's degrees of freedom, estimated)"
        else:
            label = "number of nonzero coefficients"
        top.set_xlabel(label, fontsize="small")
        top.tick_params(labelsize="small")
        return top

    def set_path(self, coefs, *, l1_ratio=None):
        """Show another path on the same alpha grid (same lines, new data).

        The end labels move with the lines (``labels_``, ``leaders_``); the top
        axis's nonzero counts are updated too (a figure that keeps its background
        must redraw it).
        """
        self.coefs = np.asarray(coefs, dtype=float)
        self.n_nonzero = np.count_nonzero(self.coefs, axis=1)
        if l1_ratio is not None:
            self.l1_ratio = l1_ratio
        for j, line in enumerate(self.lines_):
            line.set_ydata(self.coefs[:, j])
        if self.nonzero_ax_ is not None:
            ticks = self.nonzero_ax_.get_xticks()
            picks = [int(np.argmin(np.abs(self.alphas - t))) for t in ticks]
            self.nonzero_ax_.set_xticks(ticks, [str(self.n_nonzero[i]) for i in picks])
        self._place_labels()
        self.ax_.set_title(f"{self.penalty_name} path", fontsize="medium")
        return self


class CVCurveDisplay(_AlphaMarker):
    """K-fold cross-validated error against alpha, with SE bars, alpha_min, alpha_1se.

    Parameters
    ----------
    cv_path : ``reglab.cv.CVPath`` (``alphas``, ``mse_mean``, ``mse_se``,
        ``mse_folds``, ``alpha_min``, ``alpha_1se``, ``path``)

    Attributes (after ``plot``): ax_, figure_, mean_line_, errorbars_ (the
    ErrorbarContainer of mean +- one standard error), fold_lines_ (one per fold,
    hidden unless ``show_folds``), alpha_min_line_, alpha_1se_line_, one_se_line_ (the
    horizontal "min + 1 SE" level), marker_ (current alpha), legend_ (no fold
    entry), fold_note_ (a text naming the fold curves, shown with them).
    """

    def __init__(self, cv_path):
        self.cv_path = cv_path
        self.alphas = np.asarray(cv_path.alphas, dtype=float)

    @classmethod
    def from_cv_path(cls, cv_path):
        return cls(cv_path)

    @classmethod
    def from_data(cls, X, y, *, l1_ratio=1.0, cv=5, random_state=0, **kw):
        """Compute ``reglab.cv_path(X, y, ...)`` and wrap it."""
        return cls(
            cv_path(X, y, l1_ratio=l1_ratio, cv=cv, random_state=random_state, **kw)
        )

    def plot(self, ax=None, *, show_folds=False, alpha=None):
        """Draw the curve and both choices of alpha. Returns ``self``."""
        self.figure_, self.ax_ = new_axes(ax, (6, 4))
        ax = self.ax_
        cvp = self.cv_path
        folds = np.atleast_2d(np.asarray(cvp.mse_folds))
        self.fold_lines_ = [
            ax.plot(
                self.alphas,
                fold,
                color=COLORS["validation"],
                linewidth=0.7,
                alpha=0.6,
                visible=show_folds,
                label="one fold" if k == 0 else "_nolegend_",
            )[0]
            for k, fold in enumerate(folds)
        ]
        # under the legend (upper left), where the curve is low
        self.fold_note_ = ax.text(
            0.02,
            0.72,
            f"thin lines: each of the {folds.shape[0]} folds",
            transform=ax.transAxes,
            ha="left",
            va="top",
            fontsize="x-small",
            visible=show_folds,
        )
        self.errorbars_ = ax.errorbar(
            self.alphas,
            cvp.mse_mean,
            yerr=cvp.mse_se,
            color=COLORS["validation"],
            ecolor="#999999",
            elinewidth=0.8,
            capsize=0,
            marker="o",
            markersize=3,
            label="CV error (mean +- 1 SE)",
        )
        self.mean_line_ = self.errorbars_.lines[0]
        index_min = int(np.argmin(np.abs(self.alphas - cvp.alpha_min)))
        level = cvp.mse_mean[index_min] + cvp.mse_se[index_min]
        self.one_se_line_ = ax.axhline(
            level, color="#999999", linestyle=":", linewidth=1, label="min + 1 SE"
        )
        self.alpha_min_line_ = ax.axvline(
            cvp.alpha_min,
            color=COLORS["ols"],
            linestyle="--",
            linewidth=1.2,
            label=f"alpha_min = {cvp.alpha_min:.3g}",
        )
        self.alpha_1se_line_ = ax.axvline(
            cvp.alpha_1se,
            color=COLORS["l1"],
            linestyle="-.",
            linewidth=1.2,
            label=f"alpha_1se = {cvp.alpha_1se:.3g}",
        )
        self.marker_ = ax.axvline(
            self.alphas[0],
            color=COLORS["marker"],
            linewidth=2,
            alpha=0.5,
            visible=False,
        )
        ax.set_xscale("log")
        ax.set_xlim(self.alphas.min(), self.alphas.max())
        ax.set_xlabel("alpha (log scale)")
        ax.set_ylabel("cross-validated mean squared error")
        n_folds = folds.shape[0]
        ax.set_title(f"{n_folds}-fold cross-validation error", fontsize="medium")
        self._legend()
        self.index_ = None
        if alpha is not None:
            self.set_alpha(alpha)
        return self

    def _legend(self):
        """The legend of what is always shown; the folds get a note of their own."""
        handles = [
            self.errorbars_,
            self.one_se_line_,
            self.alpha_min_line_,
            self.alpha_1se_line_,
        ]
        self.legend_ = self.ax_.legend(
            handles=handles, fontsize="x-small", loc="upper left"
        )
        return self.legend_

    def set_show_folds(self, show):
        """Show or hide each fold's curve, and the note that names them."""
        for line in self.fold_lines_:
            line.set_visible(bool(show))
        self.fold_note_.set_visible(bool(show))
        return self
