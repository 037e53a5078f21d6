"""Interactive explorers for the course's lessons, one builder per lesson.

Each ``*_explorer`` builder computes what its lesson needs once (fits, paths, the
SVD), then returns an ``Explorer``: ``.widget`` (what a notebook displays; the
explorer itself also displays as its widget), ``.controls`` (dict name -> ipywidget),
``.figure`` (the matplotlib Figure) and ``.displays`` (the Displays drawn). Setting
``explorer.controls[name].value`` redraws synchronously, so tests and benchmarks
drive explorers without a browser. Builders never call ``display()``.

The figure reaches the browser as a PNG in an ``ipywidgets.Image`` (works in
JupyterLab, Notebook 7, VS Code and Colab with only ipywidgets; no flicker). Every
builder works with no arguments on the course's default data.

=========================  ===========================================  ======
builder                    what it shows                                lesson
=========================  ===========================================  ======
polynomial_explorer        degree slider, fit + train/validation error  01
ridge_explorer             ridge alpha slider, fit + coefficients       01, 03
norm_explorer              w1 vs w2: entries and L0/L1/L2 norms         02
unit_ball_explorer         l1_ratio morphs circle -> diamond; P(w1/w2)  02
geometry_explorer          contours meet diamond/circle, path, bars     04, 05
thresholding_explorer      soft / proportional / hard / elastic net     04
path_explorer              lasso path, alpha marker, coefficient bars   04
zero_share_explorer        how often each penalty gives an exact zero   04
l1_ratio_explorer          l1_ratio on correlated groups                05
cv_explorer                CV curve, alpha_min / alpha_1se, bars        06
classification_explorer    L1/L2 logistic boundary and weights          07
neural_explorer            MLP with L1 / L2 / weight decay              08
early_stopping_explorer    gradient-descent steps vs the ridge path     08
group_lasso_explorer       group unit ball in 3-D, group path vs lasso  11
=========================  ===========================================  ======
"""

from reglab.widgets._explorer import Explorer
from reglab.widgets.classification import classification_explorer, neural_explorer
from reglab.widgets.groups import group_lasso_explorer
from reglab.widgets.implicit import early_stopping_explorer
from reglab.widgets.paths import cv_explorer, l1_ratio_explorer, path_explorer
from reglab.widgets.penalties import (
    geometry_explorer,
    norm_explorer,
    thresholding_explorer,
    unit_ball_explorer,
)
from reglab.widgets.random_bowls import zero_share_explorer
from reglab.widgets.regression import polynomial_explorer, ridge_explorer

__all__ = [
    "Explorer",
    "classification_explorer",
    "cv_explorer",
    "early_stopping_explorer",
    "geometry_explorer",
    "group_lasso_explorer",
    "l1_ratio_explorer",
    "neural_explorer",
    "norm_explorer",
    "path_explorer",
    "polynomial_explorer",
    "ridge_explorer",
    "thresholding_explorer",
    "unit_ball_explorer",
    "zero_share_explorer",
]
