"""Colours, the opt-in course style, and the one place a Display gets a new figure.

The palette is Okabe and Ito's (2008), chosen so that learners with any common form of
colour blindness can tell every pair apart. Each concept keeps its colour in every
figure of the course: L1 is always vermillion, L2 always blue, and so on. Line styles
and markers double the colour where two concepts share a figure, so a figure printed in
grey still reads.
"""

from contextlib import contextmanager
from pathlib import Path

from reglab.penalties import MCP, SCAD, GroupL1, WeightedL1, WeightedL1L2

OKABE_ITO = (
    "#000000",  # black
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#F0E442",  # yellow
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
)

#: One colour per concept, fixed across the course.
COLORS = {
    "ols": "#000000",  # least squares, no penalty
    "l1": "#D55E00",  # lasso
    "l2": "#0072B2",  # ridge
    "elastic_net": "#009E73",
    "l0": "#CC79A7",  # best subset / hard thresholding
    "weight_decay": "#CC79A7",  # decoupled weight decay (AdamW); never beside L0
    "train": "#E69F00",
    "validation": "#56B4E9",
    "truth": "#999999",  # the function or coefficients that made the data
    "data": "#555555",
    "marker": "#555555",  # the current alpha, degree or l1_ratio
    "class_0": "#0072B2",
    "class_1": "#E69F00",
}

#: Line styles that go with the colours above (for print and for colour blindness).
LINESTYLES = {
    "ols": "--",
    "l1": "-",
    "l2": (0, (7, 2)),  # long dashes: never only colour apart from L1
    "elastic_net": "-.",
    "l0": ":",
    "weight_decay": ":",
    "train": "-",
    "validation": "--",
    "truth": ":",
}

#: Path of the opt-in course style sheet (``matplotlib.style.use(COURSE_STYLE)``).
COURSE_STYLE = str(Path(__file__).resolve().parents[1] / "course.mplstyle")


@contextmanager
def course_style():
    """Use the course's style sheet inside a ``with`` block, and only there.

    Importing reglab never changes ``matplotlib.rcParams``; this is the opt-in::

        with reglab.plots.course_style():
            RegularizationPathDisplay.from_data(X, y).plot()
    """
    import matplotlib.style

    with matplotlib.style.context(COURSE_STYLE):
        yield


def concept_of(label):
    """The concept a label names ("lasso", "L1", "ridge", ...), or None."""
    text = str(label).lower().replace("-", " ").replace("_", " ")
    for concept, words in (
        ("elastic_net", ("elastic", "l1l2", "enet")),
        ("weight_decay", ("weight decay", "adamw")),
        ("l1", ("lasso", "l1", "soft")),
        ("l2", ("ridge", "l2", "proportional")),
        ("l0", ("l0", "hard", "subset")),
        ("ols", ("ols", "least squares", "no penalty", "none", "unpenalized")),
        ("validation", ("validation", "test", "held out")),
        ("train", ("train",)),
        ("truth", ("true", "truth")),
    ):
        if any(word in text for word in words):
            return concept
    return None


_OTHER_PENALTIES = {
    WeightedL1: "weighted lasso",
    WeightedL1L2: "weighted elastic net",
    GroupL1: "group lasso",
    MCP: "MCP",
    SCAD: "SCAD",
}


def penalty_name(penalty):
    """The one name of each penalty: "lasso", "ridge", "elastic net (l1_ratio = r)",
    or "weighted lasso", "group lasso", "MCP", ...

    ``penalty``: an ``l1_ratio`` (the lasso is the elastic net at ``l1_ratio = 1``,
    ridge at 0) or a ``reglab.penalties`` penalty.
    """
    for kind, name in _OTHER_PENALTIES.items():
        if type(penalty) is kind:
            return name
    r = float(getattr(penalty, "l1_ratio", penalty))
    return {1.0: "lasso", 0.0: "ridge"}.get(r, f"elastic net (l1_ratio = {r:g})")


def color_of(label, default=None):
    """The course colour for a label naming a concept, else ``default``."""
    return COLORS.get(concept_of(label), default)


def new_axes(ax, figsize):
    """Return ``(figure, ax)``: the given axes, or a new figure of ``figsize``.

    A new figure comes from ``pyplot.subplots`` created inside this call, as
    scikit-learn's Displays do, so Jupyter's inline backend shows it under the cell
    like any matplotlib figure. No pyplot state is read (no ``plt.gca()``).
    """
    if ax is not None:
        return ax.figure, ax
    import matplotlib.pyplot as plt

    figure, ax = plt.subplots(figsize=figsize, layout="constrained")
    return figure, ax
