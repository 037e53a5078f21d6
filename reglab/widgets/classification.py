"""Explorers for classification (07) and neural networks (08)."""

import ipywidgets as widgets
import numpy as np

from reglab.datasets import make_moons
from reglab.neural import MLPClassifier
from reglab.plots import (
    BoundaryPathDisplay,
    CoefficientDisplay,
    DecisionBoundaryDisplay,
    WeightHistogramDisplay,
    color_of,
)
from reglab.plots.classification import classifier_response, decision_grid
from reglab.widgets._explorer import Explorer, new_figure
from reglab.widgets.controls import PENALTY_OPTIONS, alpha_slider, penalty_buttons

__all__ = ["classification_explorer", "neural_explorer"]


def _default_moons():
    return make_moons(200, noise=0.25, random_state=0)


def classification_explorer(X=None, y=None, *, degree=3, n_alphas=30, alpha=None):
    """L1 vs L2 logistic regression: decision boundary and weights (lesson 07).

    The classifier is logistic regression on the degree-3 monomials of the two
    inputs (standardized), so its boundary can bend. Left: ``P(class 1)`` as colour,
    the boundary (black) and the data. Right: the nine weights; L1 zeroes them one
    by one as alpha grows and the boundary simplifies, L2 shrinks them all. Paths for
    the three penalties are computed once (``BoundaryPathDisplay``); controls look up.

    Parameters
    ----------
    X : array (n, 2), y : two labels, optional; default ``make_moons(200)``
    degree : int, monomial degree of the feature map
    n_alphas : int, grid size (the lasso's grid, from its alpha_max down 1000x)

    Returns
    -------
    Explorer with controls ``{"penalty": ToggleButtons (value: l1_ratio), "alpha":
    FloatLogSlider}`` and displays ``"boundary"`` (BoundaryPathDisplay) and
    ``"coefficients"``.
    """
    if X is None and y is None:
        X, y = _default_moons()
    boundary = BoundaryPathDisplay.from_data(
        X,
        y,
        degree=degree,
        l1_ratios=[r for _, r in PENALTY_OPTIONS],
        n_alphas=n_alphas,
    )
    alphas = boundary.alphas
    slider = alpha_slider(
        alphas,
        alphas[len(alphas) // 3] if alpha is None else alpha,
        extra_decades_above=1.0,
    )
    limit = 1.1 * max(np.abs(p.coefs).max() for p in boundary.paths.values())
    bars = CoefficientDisplay(
        boundary.paths[1.0].coefs[0], feature_names=boundary.feature_names, label="L1"
    )
    figure, (boundary_ax, bar_ax) = new_figure((11, 4.4), ncols=2)
    boundary.plot(boundary_ax, alpha=slider.value, l1_ratio=1.0, legend=False)
    # weakly penalized L2 weights are 10x the rest: symlog keeps both readable
    # a fixed title (the boundary's title gives alpha and the nonzero count), so it
    # stays in the background instead of being redrawn on every change
    bars.plot(
        bar_ax,
        ylim=(-limit, limit),
        yscale="symlog" if limit > 10 else "linear",
        title="Weights, one bar per feature",
    )
    controls = {"penalty": penalty_buttons(1.0), "alpha": slider}
    names = {r: n for n, r in PENALTY_OPTIONS}
    F = boundary.features.transform(boundary.X)

    def update(values):
        r = values["penalty"]
        boundary.set_state(alpha=values["alpha"], l1_ratio=r)
        bars.set_coef(boundary.coef_, label=names[r], color=color_of(names[r]))
        coef, intercept = boundary.coef_, boundary.intercept_
        # P(y = 1 | x) > 1/2 exactly when phi(x) . w + b > 0
        accuracy = np.mean(
            (F @ coef + intercept > 0) == (boundary.y == boundary.y.max())
        )
        kept = [n for n, w in zip(boundary.feature_names, coef, strict=True) if w]
        return (
            f"{names[r]} logistic regression, alpha = "
            f"{boundary.alpha_stated_:.3g}: {len(kept)} of {coef.size} weights "
            f"nonzero ({', '.join(kept) or 'none'}); training accuracy {accuracy:.2f}."
        )

    return Explorer(
        figure,
        controls,
        update,
        animated=lambda: [
            boundary.boundary.image_,
            boundary.boundary.boundary_,
            *boundary.boundary.data_artists(),
            boundary.ax_.title,
            *bars.bars_,
        ],
        displays={"boundary": boundary, "coefficients": bars},
    )


#: What the neural explorer's "regularizer" buttons mean, as MLPClassifier arguments
#: for a strength s.
REGULARIZERS = {
    "L2 penalty": lambda s: {"penalty": "l2", "alpha": s},
    "L1 penalty (proximal)": lambda s: {"penalty": "l1", "alpha": s, "proximal": True},
    "weight decay (AdamW)": lambda s: {"optimizer": "adamw", "weight_decay": s},
}


def neural_explorer(
    X=None,
    y=None,
    *,
    strengths=(0.0, 1e-3, 1e-2, 0.1, 1.0),
    hidden_layer_sizes=(16, 16),
    n_epochs=300,
    grid_resolution=100,
):
    """A small neural network with an L2 penalty, an L1 penalty or weight decay (08).

    Left: the network's ``P(class 1)``, its boundary and the data. Right: a histogram
    of all its weights; the title counts the weights that are exactly 0 and those
    with ``|w| <= 1e-3``. L1 with a proximal step puts many weights at exactly zero,
    L2 and weight decay shrink them all (a tall bar at 0 can be small weights, not
    zeros: the count of exact zeros tells them apart); the same number means
    different strengths for the three (weight decay in AdamW is not an alpha). Every
    (regularizer, strength) network is trained once at build with
    ``reglab.neural.MLPClassifier`` (13 networks by default, about 0.3 s each;
    strength 0 is one shared network); a control change looks one up; the boundary
    panel of each state is drawn once at build and kept (about 0.1 s each).

    Parameters
    ----------
    X : array (n, 2), y : two labels; default ``make_moons(200)``
    strengths : the slider's values (shared by the three regularizers)
    hidden_layer_sizes, n_epochs : passed to MLPClassifier
    grid_resolution : int, grid points per axis of the boundary image

    Returns
    -------
    Explorer with controls ``{"regularizer": ToggleButtons, "strength":
    SelectionSlider}``, displays ``"boundary"`` (DecisionBoundaryDisplay),
    ``"weights"`` (WeightHistogramDisplay), and ``explorer.models`` (dict
    (regularizer, strength) -> fitted MLPClassifier). Its ``description`` reads
    e.g. "L1 penalty (proximal), strength 0.01: training accuracy 0.97; 301 of 337
    weights exactly 0, 301 with |w| <= 0.001."
    """
    if X is None and y is None:
        X, y = _default_moons()
    strengths = [float(s) for s in strengths]
    xx, yy, points = decision_grid(X, grid_resolution)
    models, responses, accuracies = {}, {}, {}
    unregularized = None
    for name, arguments in REGULARIZERS.items():
        for s in strengths:
            if s == 0.0 and unregularized is not None:
                model = unregularized
            else:
                model = MLPClassifier(
                    hidden_layer_sizes, n_epochs=n_epochs, **arguments(s)
                ).fit(X, y)
                if s == 0.0:
                    unregularized = model
            models[name, s] = model
            responses[name, s] = classifier_response(model, points)[0]
            accuracies[name, s] = model.score(X, y)
    start = (next(iter(REGULARIZERS)), strengths[0])
    boundary = DecisionBoundaryDisplay(xx, yy, responses[start], X=X, y=y)
    all_weights = [
        np.concatenate([W.ravel() for W in m.coefs_]) for m in models.values()
    ]
    limit = max(np.abs(w).max() for w in all_weights)
    histogram = WeightHistogramDisplay(
        {start[0]: models[start].coefs_}, limit=limit, bins=41
    )
    top = max(
        np.histogram(np.clip(w, -limit, limit), histogram.bin_edges)[0].max()
        for w in all_weights
    )
    figure, (boundary_ax, weight_ax) = new_figure((11, 4.4), ncols=2)
    boundary.plot(boundary_ax, legend=False)  # the dots' colours match the bands
    histogram.plot(weight_ax, ylim=(0, 1.05 * top))
    controls = {
        # buttons as wide as their labels (the default width cuts "L1 penalty (pro…")
        "regularizer": widgets.ToggleButtons(
            options=list(REGULARIZERS),
            value=start[0],
            description="regularizer",
            tooltips=[
                "adds strength / 2 * (sum of squared weights) to the loss",
                "adds strength * (sum of |weights|) to the loss; soft-threshold step",
                "AdamW multiplies each weight by 1 - learning_rate * strength "
                "every step, outside Adam's scaling",
            ],
            style={"button_width": "auto"},
        ),
        "strength": widgets.SelectionSlider(
            options=[(f"{s:g}", s) for s in strengths],
            value=start[1],
            description="strength",
        ),
    }

    def update(values):
        key = (values["regularizer"], values["strength"])
        model = models[key]
        boundary.set_response(
            responses[key],
            title=f"Network, {key[0]}, strength {key[1]:g}\ntraining accuracy "
            f"{accuracies[key]:.2f}",
        )
        histogram.set_weights(model.coefs_, label=key[0])
        (step,) = histogram.steps_.values()
        step.set_facecolor(color_of(key[0].split(" (")[0]))
        (label,) = histogram.weights
        return (
            f"{key[0]}, strength {key[1]:g}: training accuracy {accuracies[key]:.2f}; "
            f"{histogram.n_exact_zero[label]} of {histogram.weights[label].size} "
            f"weights exactly 0, {histogram.n_zero[label]} with |w| <= "
            f"{histogram.zero_tol:g}."
        )

    return Explorer(
        figure,
        controls,
        update,
        # the boundary panel is one of few looks: drawn once each, then kept
        animated=lambda: [*histogram.steps_.values(), histogram.ax_.title],
        background_key=lambda values: (values["regularizer"], values["strength"]),
        warm_states=[{"regularizer": name, "strength": s} for name, s in models],
        displays={"boundary": boundary, "weights": histogram},
        results={"models": models},
    )
