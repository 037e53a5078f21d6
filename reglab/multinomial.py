"""Multinomial (softmax) logistic regression with an L1, L2 or elastic-net penalty.

For ``K`` classes the model has one coefficient column per class, ``W`` of shape
``(n_features, K)``, and one intercept per class, ``b``; the scores ``Z = X W + b``
become probabilities by the softmax ``P(y = k | x) = exp(z_k) / sum_j exp(z_j)``.
Objective (reglab's convention, the mean loss plus ``alpha P``)::

    (1 / n) sum_i [ log sum_k exp(z_ik) - z_i,y_i ]  +  alpha * P(W)
    P(W) = l1_ratio * sum |W_jk|  +  (1 - l1_ratio) / 2 * sum W_jk^2

The intercepts are not penalized. This is scikit-learn's multinomial
``LogisticRegression(C=1 / (n alpha), l1_ratio=...)`` (which multiplies the summed
loss by ``C``). Adding the same number to every class's score changes no probability,
so the intercepts are only defined up to a common shift: they are returned with mean 0.

Solved by proximal gradient with FISTA momentum and adaptive restart
(``reglab.solvers.fista_iterations``, the loop every FISTA in reglab runs), as
``reglab.solvers.fista`` does for one column: a gradient step on the loss, then the
penalty's prox (soft thresholding for L1) on every entry of ``W``. The step is
``1 / L`` with ``L = ||[X, 1]||_2^2 / (2 n)``, a bound on the loss's curvature (the
softmax's Hessian is at most ``I / 2``). The certificate is the norm of the gradient
mapping, ``L ||theta - prox(theta - grad / L)||`` over all entries: zero exactly at the
minimum (a KKT residual), reported relative to its value at ``W = 0``.
"""

from dataclasses import dataclass

import numpy as np
from scipy.special import log_softmax, softmax

from reglab._validation import check_alpha, check_array, check_l1_ratio, check_scalar
from reglab.penalties import L1L2
from reglab.solvers import fista_iterations
from reglab.solvers.result import warn_not_converged

__all__ = ["MultinomialResult", "multinomial_logistic"]


@dataclass(frozen=True)
class MultinomialResult:
    """A fitted multinomial model.

    Attributes
    ----------
    classes : ndarray of shape (K,)
    coef : ndarray of shape (K, n_features)
        One row per class (scikit-learn's ``coef_`` layout).
    intercept : ndarray of shape (K,)
        Mean zero across classes.
    objective : float
    certificate : float
        Relative KKT residual (gradient-mapping norm); below ``tol`` when converged.
    n_iter : int
    converged : bool
    """

    classes: np.ndarray
    coef: np.ndarray
    intercept: np.ndarray
    objective: float
    certificate: float
    n_iter: int
    converged: bool

    def predict_proba(self, X):
        """Softmax probabilities, one column per class."""
        scores = np.asarray(X, dtype=float) @ self.coef.T + self.intercept
        return softmax(scores, axis=1)

    def predict(self, X):
        """The most probable class."""
        return self.classes[np.argmax(self.predict_proba(X), axis=1)]


def _loss_and_gradient(X1, onehot, theta):
    """Mean cross-entropy of ``Z = X1 theta`` and its gradient in ``theta``."""
    log_probabilities = log_softmax(X1 @ theta, axis=1)
    loss = -np.sum(onehot * log_probabilities) / X1.shape[0]
    gradient = X1.T @ (np.exp(log_probabilities) - onehot) / X1.shape[0]
    return loss, gradient


def multinomial_logistic(X, y, *, alpha, l1_ratio=0.0, tol=1e-8, max_iter=20000):
    """Fit penalized multinomial logistic regression (see the module docstring).

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
        Class labels, at least 3 distinct values.
    alpha : float, > 0
    l1_ratio : float in [0, 1], default 0.0
        1 is L1, 0 is L2.
    tol : float, default 1e-8
        Stop when the relative KKT residual is below it.
    max_iter : int, default 20000

    Returns
    -------
    MultinomialResult
    """
    X = check_array(X, "X", ndim=2)
    y = np.asarray(y)
    if y.ndim != 1 or y.shape[0] != X.shape[0]:
        raise ValueError(
            f"`y` must be a 1-D array with one label per row of X ({X.shape[0]}). "
            f"Got shape {y.shape} instead."
        )
    alpha = check_alpha(alpha)
    if alpha <= 0:
        raise ValueError(f"`alpha` must be > 0. Got {alpha!r} instead.")
    l1_ratio = check_l1_ratio(l1_ratio)
    tol = check_scalar(tol, "tol", low=0.0, low_inclusive=False)
    max_iter = check_scalar(max_iter, "max_iter", low=1, integer=True)
    classes, labels = np.unique(y, return_inverse=True)
    if classes.size < 3:
        raise ValueError(
            "`y` must have at least 3 classes for a multinomial model (use "
            f"reglab.LogisticRegression for 2). Got {classes.size} instead."
        )
    n, p = X.shape
    onehot = np.eye(classes.size)[labels]
    X1 = np.column_stack([X, np.ones(n)])  # the last row of theta is the intercept
    lipschitz = np.linalg.norm(X1, 2) ** 2 / (2 * n)
    penalty = L1L2(alpha, l1_ratio=l1_ratio)

    def prox(theta, step):
        # the penalty acts on W only; the intercept row passes through
        return np.vstack([penalty.prox(theta[:p], step), theta[p:]])

    def residual(theta, gradient):
        moved = prox(theta - gradient / lipschitz, 1 / lipschitz)
        return lipschitz * np.linalg.norm(theta - moved)

    shape = (p + 1, classes.size)

    def kkt(flat):
        theta = flat.reshape(shape)
        return residual(theta, _loss_and_gradient(X1, onehot, theta)[1])

    scale = max(kkt(np.zeros(shape).ravel()), 1e-300)
    # the course's one FISTA loop, on theta flattened to a vector
    flat, n_iter = fista_iterations(
        lambda v: _loss_and_gradient(X1, onehot, v.reshape(shape))[1].ravel(),
        lambda v, step: prox(v.reshape(shape), step).ravel(),
        np.zeros(shape).ravel(),
        1 / lipschitz,
        max_iter,
        lambda x, v, k: k % 10 == 0 and kkt(x) / scale <= tol,
    )
    theta = flat.reshape(shape)
    certificate = kkt(flat) / scale
    if certificate > tol:
        # stacklevel 3: the caller of multinomial_logistic
        warn_not_converged(
            "multinomial_logistic", certificate, "kkt residual", tol, max_iter, 3
        )
    loss, _ = _loss_and_gradient(X1, onehot, theta)
    coef = theta[:p].T
    intercept = theta[p] - theta[p].mean()
    return MultinomialResult(
        classes=classes,
        coef=coef,
        intercept=intercept,
        objective=float(loss + penalty.value(coef.ravel())),
        certificate=float(certificate),
        n_iter=n_iter,
        converged=bool(certificate <= tol),
    )
