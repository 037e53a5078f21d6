"""Regularization paths and cross-validation curves against alpha."""

import numpy as np

from reglab._validation import check_alpha
from reglab.plots._style import COLORS, OKABE_ITO, new_axes

__all__ = ["CVCurveDisplay", "RegularizationPathDisplay", "nearest_alpha_index"]


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


def group_colors(n, groups=None):
    """One colour per feature; features in the same group share one (no yellow)."""
    # black last: it reads as "least squares" elsewhere in the course
    cycle = [c for c in OKABE_ITO[1:] if c != "#F0E442"] + [OKABE_ITO[0]]
    if groups is None:
        return [cycle[j % len(cycle)] for j in range(n)]
    labels = list(dict.fromkeys(groups))
    return [cycle[labels.index(g) % len(cycle)] for g in groups]


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

    Attributes (after ``plot``): ax_, figure_, lines_ (one Line2D per coefficient),
    marker_ (vertical line at the current alpha, see ``set_alpha``), nonzero_ax_ (the
    top axis; its tick labels are the number of nonzero coefficients), index_ (grid
    index shown).
    """

    def __init__(self, alphas, coefs, *, l1_ratio=1.0, feature_names=None, groups=None):
        self.alphas = np.asarray(alphas, dtype=float)
        self.coefs = np.asarray(coefs, dtype=float)
        self.n_nonzero = np.count_nonzero(self.coefs, axis=1)
        self.l1_ratio = l1_ratio
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
        )

    @classmethod
    def from_data(cls, X, y, *, l1_ratio=1.0, feature_names=None, groups=None, **kw):
        """Compute ``reglab.regularization_path(X, y, l1_ratio, **kw)`` and wrap it."""
        from reglab.paths import regularization_path

        path = regularization_path(X, y, l1_ratio=l1_ratio, **kw)
        return cls.from_path(path, feature_names=feature_names, groups=groups)

    @property
    def penalty_name(self):
        if self.l1_ratio == 1:
            return "Lasso"
        if self.l1_ratio == 0:
            return "Ridge"
        return f"Elastic net (l1_ratio = {self.l1_ratio:g})"

    def coef_at(self, alpha):
        """Coefficients at the grid alpha nearest ``alpha`` (a look-up, no refit)."""
        return self.coefs[nearest_alpha_index(self.alphas, alpha)]

    def plot(self, ax=None, *, alpha=None, show_nonzero=True, legend=None, ylim=None):
        """Draw the path. ``alpha`` shows the marker there. Returns ``self``."""
        self.figure_, self.ax_ = new_axes(ax, (6, 4))
        ax = self.ax_
        colors = group_colors(self.coefs.shape[1], self.groups)
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
        for j in range(self.coefs.shape[1]):
            (line,) = ax.plot(
                self.alphas,
                self.coefs[:, j],
                color=colors[j],
                linewidth=1.5,
                label=labels[j],
            )
            self.lines_.append(line)
        ax.axhline(0.0, color="black", linewidth=0.6)
        ax.set_xscale("log")
        ax.set_xlim(self.alphas.min(), self.alphas.max())
        if ylim is not None:
            ax.set_ylim(ylim)
        ax.set_xlabel("alpha (log scale; stronger penalty to the right)")
        ax.set_ylabel("coefficient")
        ax.set_title(f"{self.penalty_name} path", fontsize="medium")
        self.nonzero_ax_ = None
        if show_nonzero:
            self.nonzero_ax_ = self._draw_nonzero_axis(ax)
        if legend or (legend is None and self.coefs.shape[1] <= 8):
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

    def _draw_nonzero_axis(self, ax):
        top = ax.twiny()
        top.set_xscale("log")
        top.set_xlim(ax.get_xlim())
        picks = np.unique(np.linspace(0, self.alphas.size - 1, 6).round().astype(int))
        top.set_xticks(self.alphas[picks], [str(k) for k in self.n_nonzero[picks]])
        top.minorticks_off()
        top.set_xlabel("number of nonzero coefficients", fontsize="small")
        top.tick_params(labelsize="small")
        return top

    def set_path(self, coefs, *, l1_ratio=None):
        """Show another path on the same alpha grid (same lines, new data).

        The top axis's nonzero counts are updated too: redraw the whole figure.
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
    horizontal "min + 1 SE" level), marker_ (current alpha).
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
        from reglab.cv import cv_path

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
        ax.legend(fontsize="x-small", loc="upper left")
        self.index_ = None
        if alpha is not None:
            self.set_alpha(alpha)
        return self

    def set_show_folds(self, show):
        for line in self.fold_lines_:
            line.set_visible(bool(show))
        return self
