"""Figures of the course as scikit-learn-style Displays and small ``ax``-first helpers.

A Display's ``from_*`` class methods compute (fit, evaluate, look up a path);
``plot(ax=None, **kwargs)`` draws, keeps ``ax_``, ``figure_`` and the artists it made,
and returns ``self``, so a widget can move those artists without recomputing.
Helpers such as ``plot_unit_ball(ax, penalty)`` draw on the axes they are given and
return the artists.

Importing this package does not import matplotlib and never changes ``rcParams``; the
course style is opt-in (``course_style()`` or ``matplotlib.style.use(COURSE_STYLE)``).
Colours are fixed per concept (``COLORS``; Okabe-Ito, colour-blind safe).
"""

from reglab.plots._style import (
    COLORS,
    COURSE_STYLE,
    LINESTYLES,
    OKABE_ITO,
    color_of,
    course_style,
    penalty_name,
)
from reglab.plots.classification import (
    BoundaryPathDisplay,
    DecisionBoundaryDisplay,
    WeightHistogramDisplay,
    WeightImageDisplay,
)
from reglab.plots.figure import FigureImage, show_figure
from reglab.plots.paths import CVCurveDisplay, RegularizationPathDisplay
from reglab.plots.penalties import (
    NormDisplay,
    PenaltyGeometryDisplay,
    ThresholdingDisplay,
    penalty_ball,
    plot_unit_ball,
)
from reglab.plots.regression import (
    CoefficientDisplay,
    CurveFitDisplay,
    ErrorCurveDisplay,
    PolynomialFitDisplay,
    RidgeFitDisplay,
    polynomial_design,
)

__all__ = [
    "COLORS",
    "COURSE_STYLE",
    "LINESTYLES",
    "OKABE_ITO",
    "BoundaryPathDisplay",
    "CVCurveDisplay",
    "CoefficientDisplay",
    "CurveFitDisplay",
    "DecisionBoundaryDisplay",
    "ErrorCurveDisplay",
    "FigureImage",
    "NormDisplay",
    "PenaltyGeometryDisplay",
    "PolynomialFitDisplay",
    "RegularizationPathDisplay",
    "RidgeFitDisplay",
    "ThresholdingDisplay",
    "WeightHistogramDisplay",
    "WeightImageDisplay",
    "color_of",
    "course_style",
    "penalty_ball",
    "penalty_name",
    "plot_unit_ball",
    "polynomial_design",
    "show_figure",
]
