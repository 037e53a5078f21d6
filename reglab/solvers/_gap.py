"""Duality gaps and KKT residuals: the certificates every solver reports.

For ``min_w f(X w + b) + g(w)`` (``f`` a loss, ``g`` a penalty, ``b`` unpenalized)
Fenchel duality gives, for every dual point ``theta`` with ``sum(theta) = 0`` when
there is an intercept,

    D(theta) = -f*(-theta) - g*(X.T theta)  <=  min P  <=  P(w).

So ``gap = P(w) - D(theta)`` bounds how far ``w`` is from optimal, and it is zero
exactly at the optimum when ``theta`` is built from the optimal residual. We build
``theta`` from the current point (``theta = -grad f``, made feasible by
``loss.dual_point`` and ``penalty.dual_scaling``), as scikit-learn and glmnet do.
"""

import numpy as np

__all__ = ["duality_gap", "kkt_residual", "relative_gap"]

_TINY = float(np.finfo(float).tiny)


def relative_gap(gap, primal, reference):
    """``gap / max(primal, 1e-12 * reference, tiny)``.

    ``reference`` is the objective at ``w = 0`` (the scale of the problem); it keeps
    the ratio meaningful when the optimum is (nearly) zero, as when ``p > n`` and
    ``alpha`` is tiny.
    """
    denominator = max(primal, 1e-12 * reference, _TINY)
    return max(gap, 0.0) / denominator


def duality_gap(X, y, coef, intercept, loss, penalty, *, fit_intercept=True):
    """Duality gap of ``(coef, intercept)`` for ``loss(X w + b) + penalty(w)``.

    Parameters
    ----------
    X : ndarray of shape (n, p)
    y : ndarray of shape (n,)
        Targets (in {-1, +1} for the logistic loss).
    coef : ndarray of shape (p,)
    intercept : float
    loss : SquaredLoss or LogisticLoss
    penalty : L1, L2 or L1L2
    fit_intercept : bool
        Whether ``b`` is a free variable (adds ``sum(theta) = 0`` to the dual).

    Returns
    -------
    gap : float
        ``primal - dual`` (>= 0 up to rounding).
    primal : float
        The objective at ``(coef, intercept)``.
    relative : float
        ``relative_gap(gap, primal, primal at w = 0, b = 0)``.
    """
    z = X @ coef + intercept
    primal = loss.value(y, z) + penalty.value(coef)
    theta = loss.dual_point(y, z, fit_intercept)
    correlation = X.T @ theta
    scale = penalty.dual_scaling(correlation)
    dual = loss.dual_value(y, scale * theta) - penalty.conjugate(scale * correlation)
    gap = primal - dual
    reference = loss.value(y, np.zeros_like(z))
    return float(gap), float(primal), relative_gap(gap, primal, reference)


def kkt_residual(X, y, coef, intercept, loss, penalty, *, fit_intercept=True):
    """Largest violation of the optimality conditions at ``(coef, intercept)``.

    ``max_j dist(-grad_j, alpha dP(w)_j)`` with ``grad = X.T f'(X w + b)``, and, with
    an intercept, also ``|sum f'(X w + b)|`` (the intercept's gradient).
    """
    gradient_z = loss.gradient(y, X @ coef + intercept)
    residual = float(np.max(penalty.subdiff_distance(coef, X.T @ gradient_z)))
    if fit_intercept:
        residual = max(residual, abs(float(np.sum(gradient_z))))
    return residual
