"""reglab: the library behind a course on L1, L2 and elastic-net regularization.

Every solver, path and estimator minimizes the same objective (scikit-learn's and
glmnet's convention)::

    squared loss:  (1 / (2 n)) ||y - X w - b||^2  +  alpha * P(w)
    logistic loss: (1 / n) sum log(1 + exp(-y_i (x_i w + b)))  +  alpha * P(w)
    P(w) = l1_ratio * ||w||_1  +  (1 - l1_ratio) / 2 * ||w||_2^2

Ridge is ``l1_ratio=0``, lasso is ``l1_ratio=1``; the intercept ``b`` is never
penalized. ``reglab.conventions`` converts ``alpha`` to and from other libraries'.

Submodules, from the math up: ``penalties``, ``losses``, ``problem``, ``solvers``,
``paths``, ``cv``, ``estimators``, ``two_stage`` (adaptive and relaxed lasso),
``selection`` (leave-one-out, GCV, AIC/BIC), ``multinomial`` (softmax logistic
regression), ``implicit`` (early stopping, dropout and input noise as ridge),
``random_bowls`` (how often a penalty gives an exact zero), ``neural``,
``conventions``, ``datasets``, ``plots``, ``widgets``.
Names below are imported on first use, so ``import reglab`` stays fast and does not
pull in matplotlib or ipywidgets.
"""

import importlib

__version__ = "0.1.0"

_PUBLIC = {
    "Ridge": "reglab.estimators",
    "Lasso": "reglab.estimators",
    "ElasticNet": "reglab.estimators",
    "LogisticRegression": "reglab.estimators",
    "regularization_path": "reglab.paths",
    "cv_path": "reglab.cv",
}
_SUBMODULES = {
    "conventions",
    "cv",
    "datasets",
    "estimators",
    "exercises",
    "implicit",
    "losses",
    "multinomial",
    "neural",
    "paths",
    "penalties",
    "plots",
    "problem",
    "random_bowls",
    "selection",
    "solvers",
    "two_stage",
    "widgets",
}

__all__ = sorted([*_PUBLIC, *_SUBMODULES])


def __getattr__(name):
    if name in _PUBLIC:
        return getattr(importlib.import_module(_PUBLIC[name]), name)
    if name in _SUBMODULES:
        return importlib.import_module(f"reglab.{name}")
    raise AttributeError(f"module 'reglab' has no attribute {name!r}")


def __dir__():
    return __all__
