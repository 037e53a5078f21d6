"""scikit-learn compatible estimators built on :func:`reglab.solvers.solve`.

Every estimator minimizes reglab's one objective (scikit-learn's ``ElasticNet`` and
glmnet's convention)::

    regression:      (1 / (2 n)) ||y - X w - b||^2                  + alpha * P(w)
    classification:  (1 / n) sum_i log(1 + exp(-y_i (x_i w + b)))  + alpha * P(w)
    P(w) = l1_ratio * ||w||_1 + (1 - l1_ratio) / 2 * ||w||_2^2

with the intercept ``b`` unpenalized. They follow scikit-learn's rules (``__init__``
only stores its arguments, ``fit`` validates and returns ``self``, fitted attributes
end in ``_``), so they work in ``Pipeline``, ``GridSearchCV`` and
``sklearn.utils.estimator_checks.check_estimator``. Besides ``coef_``, ``intercept_``
and ``n_iter_`` each fitted model keeps ``certificate_``: the relative duality gap
(or KKT residual) the solver reached, a proof of how close to optimal it is.

``reglab.conventions`` converts ``alpha`` to and from scikit-learn's own ``Ridge``
(``alpha_sk = n alpha``) and ``LogisticRegression`` (``C = 1 / (n alpha)``).
"""

from functools import partial

import numpy as np
from scipy.special import expit, logsumexp
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin
from sklearn.utils.validation import check_is_fitted, validate_data

from reglab._validation import (
    check_alpha,
    check_array,
    check_bool,
    check_l1_ratio,
    check_option,
    check_sample_weight,
    check_scalar,
    check_X_y,
    check_y_given,
    column_or_1d,
)
from reglab.solvers import solve

__all__ = ["ElasticNet", "Lasso", "LogisticRegression", "Ridge"]


# --- input checks shared by the estimators ---


def _check_solver_options(tol, max_iter):
    check_scalar(tol, "tol", low=0.0, low_inclusive=False)
    if max_iter is not None:
        check_scalar(max_iter, "max_iter", low=1, integer=True)


def _solve_centred(X, y, *, fit_intercept, **solve_options):
    """``reglab.solvers.solve`` on centred columns, answered for the original ``X``.

    ``X w + b = (X - m) w + (b + m.w)`` with ``m`` the column means: the same model,
    so the same ``w`` and objective, but iterative solvers converge far faster on
    centred columns when the means are large. The intercept is mapped back as
    ``b = b' - m.w``.
    """
    column_means = X.mean(axis=0) if fit_intercept else np.zeros(X.shape[1])
    result = solve(X - column_means, y, fit_intercept=fit_intercept, **solve_options)
    return _fit_summary(result, float(result.intercept - column_means @ result.coef))


def _solve_weighted_squared(X, y, weights, *, fit_intercept, **solve_options):
    """The weighted least-squares problem solved exactly as an unweighted one.

    With weights ``s`` of mean 1 the objective is
    ``(1 / (2 n)) sum_i s_i (y_i - x_i w - b)^2 + alpha P(w)`` (scikit-learn's
    ``ElasticNet`` with ``sample_weight``). For any ``w`` the best ``b`` is
    ``y_s - x_s.w`` with ``x_s, y_s`` the weighted means, so the loss is
    ``(1 / (2 n)) ||sqrt(s) ((y - y_s) - (X - x_s) w)||^2``: the unweighted loss of
    rows centred by the weighted means and scaled by ``sqrt(s)``, with no intercept.
    """
    n = X.shape[0]
    x_mean = weights @ X / n if fit_intercept else np.zeros(X.shape[1])
    y_mean = weights @ y / n if fit_intercept else 0.0
    root = np.sqrt(weights)
    result = solve(
        root[:, None] * (X - x_mean),
        root * (y - y_mean),
        fit_intercept=False,
        **solve_options,
    )
    return _fit_summary(result, float(y_mean - x_mean @ result.coef))


def _fit_summary(result, intercept):
    """``(coef, intercept, n_iter, certificate, objective)`` of one solve."""
    return (
        result.coef,
        intercept,
        # a closed-form solve, or a start that is already optimal, still took one
        # pass over the data (to solve, or to compute the certificate)
        max(int(result.n_iter), 1),
        float(result.certificate),
        float(result.objective),
    )


class _LinearPredictorMixin:
    """Validation of ``X`` at predict time and the linear predictor ``X w + b``."""

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        # dense, finite, real-valued 2-D X only: sparse matrices, NaN and strings are
        # refused in fit and predict with an error naming `X`
        tags.input_tags.sparse = False
        tags.input_tags.allow_nan = False
        tags.input_tags.string = False
        # one target column (a column vector y is accepted with a warning)
        tags.target_tags.multi_output = False
        tags.target_tags.single_output = True
        if tags.classifier_tags is not None:
            tags.classifier_tags.multi_class = True  # one-vs-rest
            tags.classifier_tags.multi_label = False
        return tags

    def _validate_X_predict(self, X):
        check_is_fitted(self)
        X_checked = check_array(X, "X", ndim=2)
        # checks n_features_in_ and feature names against those seen in fit
        validate_data(self, X, reset=False, skip_check_array=True)
        return X_checked

    def _validate_fit_data(self, X, y, *, classifier):
        check_y_given(self, y)
        X_checked, y_checked = check_X_y(
            X, column_or_1d(y), classification=classifier, max_classes=None
        )
        classes = np.unique(y_checked) if classifier else None
        # records n_features_in_ and, for data frames, feature_names_in_
        validate_data(self, X, reset=True, skip_check_array=True)
        return X_checked, y_checked, classes


# --- regression ---


class _PenalizedRegression(_LinearPredictorMixin, RegressorMixin, BaseEstimator):
    """Squared loss plus ``alpha * P(w)``; subclasses fix ``l1_ratio``."""

    def _penalty_l1_ratio(self):
        raise NotImplementedError

    def _coef_init(self, n_features):
        return None

    def _penalty_factor(self):
        return None

    def fit(self, X, y, sample_weight=None):
        """Fit the model by minimizing the penalized squared loss.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        sample_weight : array-like of shape (n_samples,), default=None
            Weights ``s_i >= 0``, rescaled to mean 1: the loss becomes
            ``(1 / (2 n)) sum_i s_i (y_i - x_i w - b)^2``, scikit-learn's
            convention for ``ElasticNet`` and ``Lasso`` (its ``Ridge`` uses the raw
            weights, so its ``alpha`` is ``alpha * sum(sample_weight)``). A weight
            of 2 counts a row twice; a weight of 0 drops it.

        Returns
        -------
        self
        """
        alpha = check_alpha(self.alpha)
        l1_ratio = self._penalty_l1_ratio()
        _check_solver_options(self.tol, self.max_iter)
        X, y, _ = self._validate_fit_data(X, y, classifier=False)
        fit_intercept = check_bool(self.fit_intercept, "fit_intercept")
        if sample_weight is None:
            solve_problem = _solve_centred
        else:
            weights = check_sample_weight(sample_weight, X.shape[0])
            solve_problem = partial(_solve_weighted_squared, weights=weights)
        (
            self.coef_,
            self.intercept_,
            self.n_iter_,
            self.certificate_,
            self.objective_,
        ) = solve_problem(
            X,
            y,
            fit_intercept=fit_intercept,
            alpha=alpha,
            l1_ratio=l1_ratio,
            loss="squared",
            tol=self.tol,
            max_iter=self.max_iter,
            solver=self._solver_option(),
            coef_init=self._coef_init(X.shape[1]),
            penalty_factor=self._penalty_factor(),
        )
        return self

    def _solver_option(self):
        return "auto"

    def predict(self, X):
        """Predict ``X w + b``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,)
        """
        X = self._validate_X_predict(X)
        return X @ self.coef_ + self.intercept_


class Ridge(_PenalizedRegression):
    """Least squares with an L2 penalty (ridge regression).

    Minimizes ``(1 / (2 n)) ||y - X w - b||^2 + (alpha / 2) ||w||_2^2``.

    scikit-learn's ``Ridge`` writes the same problem as ``||y - Xw - b||^2 +
    alpha_sk ||w||^2``, so ``alpha_sk = n_samples * alpha``
    (``reglab.conventions.to_sklearn_ridge``). ``alpha=0`` gives ordinary least
    squares and, when there are more features than samples, the minimum-norm
    least-squares solution.

    Parameters
    ----------
    alpha : float >= 0, default=1.0
        Regularization strength.
    fit_intercept : bool, default=True
        Fit an unpenalized intercept ``b`` (equivalently: centre ``X`` and ``y``).
    solver : {"auto", "svd", "cd", "fista"}, default="auto"
        ``"auto"`` and ``"svd"`` use the closed form from one SVD of the centred
        ``X``: ``w = V diag(s / (s^2 + n alpha)) U^T y``; ``"cd"`` (coordinate
        descent) and ``"fista"`` (proximal gradient) are iterative, for comparison.
    tol : float > 0, default=1e-6
        Target relative duality gap for the iterative solvers.
    max_iter : int, default=None
        Iteration budget of the iterative solvers (``None``: the solver's default).

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
    intercept_ : float
    n_iter_ : int
        Iterations run (1 for the closed form).
    certificate_ : float
        Relative duality gap reached.
    objective_ : float
        The objective at the solution.
    n_features_in_ : int
    feature_names_in_ : ndarray of str
        Only when ``X`` has column names.
    """

    def __init__(
        self, alpha=1.0, *, fit_intercept=True, solver="auto", tol=1e-6, max_iter=None
    ):
        self.alpha = alpha
        self.fit_intercept = fit_intercept
        self.solver = solver
        self.tol = tol
        self.max_iter = max_iter

    def _penalty_l1_ratio(self):
        return 0.0

    def _solver_option(self):
        return check_option(self.solver, "solver", ("auto", "svd", "cd", "fista"))


class _WarmStartMixin:
    def _coef_init(self, n_features):
        """The previous solution as a starting point when ``warm_start=True``."""
        previous = getattr(self, "coef_", None)
        warm_start = check_bool(self.warm_start, "warm_start")
        if warm_start and previous is not None and previous.shape == (n_features,):
            return previous
        return None


class Lasso(_WarmStartMixin, _PenalizedRegression):
    """Least squares with an L1 penalty (the lasso).

    Minimizes ``(1 / (2 n)) ||y - X w - b||^2 + alpha ||w||_1``, the same objective
    and ``alpha`` as scikit-learn's ``Lasso``. Solved by coordinate descent; large
    ``alpha`` sets coefficients exactly to zero (all of them from
    ``reglab.solvers.alpha_max`` on). ``alpha=0`` is least squares, solved in
    closed form (the minimum-norm solution when there are more features than
    samples). With ``penalty_factor`` the penalty is ``alpha * sum_j v_j |w_j|``
    (the weighted lasso, ``reglab.penalties.WeightedL1``), solved by FISTA.

    Parameters
    ----------
    alpha : float >= 0, default=1.0
    fit_intercept : bool, default=True
    tol : float > 0, default=1e-6
        Target relative duality gap.
    max_iter : int, default=None
        Coordinate-descent sweeps allowed (``None``: 1000); with ``penalty_factor``,
        FISTA iterations (``None``: 5000).
    warm_start : bool, default=False
        Start from the previous ``coef_`` (what a slider does between refits).
    penalty_factor : array-like of shape (n_features,), default=None
        glmnet's ``penalty.factor``: a weight ``v_j >= 0`` per feature (0 leaves a
        feature unpenalized; ``None`` is all ones). Used as given: glmnet first
        rescales the factors to sum to ``n_features``, which multiplies its
        ``lambda`` (``reglab.conventions.from_glmnet_penalty_factor`` converts).

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
    intercept_ : float
    n_iter_ : int
        Coordinate-descent sweeps run (at least 1: certifying that the starting
        point is already optimal counts as one pass).
    certificate_ : float
        Relative duality gap reached.
    objective_ : float
    n_features_in_ : int
    feature_names_in_ : ndarray of str
    """

    def __init__(
        self,
        alpha=1.0,
        *,
        fit_intercept=True,
        tol=1e-6,
        max_iter=None,
        warm_start=False,
        penalty_factor=None,
    ):
        self.alpha = alpha
        self.fit_intercept = fit_intercept
        self.tol = tol
        self.max_iter = max_iter
        self.warm_start = warm_start
        self.penalty_factor = penalty_factor

    def _penalty_l1_ratio(self):
        return 1.0

    def _penalty_factor(self):
        return self.penalty_factor


class ElasticNet(_WarmStartMixin, _PenalizedRegression):
    """Least squares with the elastic-net penalty.

    Minimizes ``(1 / (2 n)) ||y - X w - b||^2 + alpha * (l1_ratio ||w||_1 +
    (1 - l1_ratio) / 2 ||w||_2^2)``, the same objective and parameters as
    scikit-learn's ``ElasticNet`` and glmnet's ``(lambda, alpha)`` with
    ``lambda = alpha`` and glmnet's ``alpha = l1_ratio``. With ``penalty_factor``
    the penalty is glmnet's ``alpha * sum_j v_j (l1_ratio |w_j| + (1 - l1_ratio)
    / 2 w_j^2)`` (``reglab.penalties.WeightedL1L2``), solved by FISTA.

    Parameters
    ----------
    alpha : float >= 0, default=1.0
    l1_ratio : float in [0, 1], default=0.5
        1 is the lasso, 0 is ridge.
    fit_intercept : bool, default=True
    tol : float > 0, default=1e-6
    max_iter : int, default=None
    warm_start : bool, default=False
    penalty_factor : array-like of shape (n_features,), default=None
        As for :class:`Lasso`: glmnet's ``penalty.factor``, used as given.

    Attributes
    ----------
    coef_, intercept_, n_iter_, certificate_, objective_, n_features_in_
        As for :class:`Lasso`.
    """

    def __init__(
        self,
        alpha=1.0,
        *,
        l1_ratio=0.5,
        fit_intercept=True,
        tol=1e-6,
        max_iter=None,
        warm_start=False,
        penalty_factor=None,
    ):
        self.alpha = alpha
        self.l1_ratio = l1_ratio
        self.fit_intercept = fit_intercept
        self.tol = tol
        self.max_iter = max_iter
        self.warm_start = warm_start
        self.penalty_factor = penalty_factor

    def _penalty_l1_ratio(self):
        return check_l1_ratio(self.l1_ratio)

    def _penalty_factor(self):
        return self.penalty_factor


# --- classification ---

_PENALTY_L1_RATIO = {"l1": 1.0, "l2": 0.0}


class LogisticRegression(_LinearPredictorMixin, ClassifierMixin, BaseEstimator):
    """Logistic regression with an L1, L2 or elastic-net penalty.

    For two classes, with ``y_i`` in {-1, +1} (+1 is ``classes_[1]``), minimizes::

        (1 / n) sum_i log(1 + exp(-y_i (x_i w + b))) + alpha * P(w)
        P(w) = l1_ratio ||w||_1 + (1 - l1_ratio) / 2 ||w||_2^2

    with ``l1_ratio`` 1 for ``penalty="l1"``, 0 for ``"l2"``. scikit-learn's
    ``LogisticRegression(C=...)`` is the same model with ``C = 1 / (n alpha)``
    (``reglab.conventions.to_sklearn_logistic``). Solved by FISTA (accelerated
    proximal gradient). With three or more classes, one such model per class
    separates it from the rest (one-vs-rest).

    Parameters
    ----------
    penalty : {"l2", "l1", "elasticnet"}, default="l2"
    alpha : float >= 0, default=0.01
        Regularization strength. ``alpha=0`` on separable classes has no finite
        minimizer; the solver then stops at ``max_iter`` with a warning. The
        default 0.01 is scikit-learn's default ``C = 1`` at n = 100 samples
        (``C = 1 / (n alpha)``; a default cannot follow n, which scikit-learn's
        ``C`` does). It leaves room for an L1 fit: on standardized columns the
        smallest alpha giving all-zero coefficients is
        ``max_j |x_j^T (y01 - mean(y01))| / n <= 0.5`` (Cauchy-Schwarz), so
        ``alpha = 1`` would zero every L1 coefficient there.
    l1_ratio : float in [0, 1], default=None
        Required for, and only used with, ``penalty="elasticnet"``.
    fit_intercept : bool, default=True
    tol : float > 0, default=1e-6
        Target relative duality gap.
    max_iter : int, default=None
        FISTA iterations allowed per binary problem (``None``: the solver's default).

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
    coef_ : ndarray of shape (1, n_features) or (n_classes, n_features)
        One row for two classes, one row per class for more (one-vs-rest).
    intercept_ : ndarray of shape (1,) or (n_classes,)
    n_iter_ : ndarray of shape (1,) or (n_classes,)
        FISTA iterations run for each binary problem (at least 1).
    certificate_ : ndarray of shape (1,) or (n_classes,)
        Relative duality gap reached by each binary problem.
    objective_ : ndarray of shape (1,) or (n_classes,)
        The objective of each binary problem at its solution.
    n_features_in_ : int
    feature_names_in_ : ndarray of str
    """

    def __init__(
        self,
        penalty="l2",
        *,
        alpha=0.01,
        l1_ratio=None,
        fit_intercept=True,
        tol=1e-6,
        max_iter=None,
    ):
        self.penalty = penalty
        self.alpha = alpha
        self.l1_ratio = l1_ratio
        self.fit_intercept = fit_intercept
        self.tol = tol
        self.max_iter = max_iter

    def _resolve_l1_ratio(self):
        penalty = check_option(self.penalty, "penalty", ("l2", "l1", "elasticnet"))
        if penalty == "elasticnet":
            if self.l1_ratio is None:
                raise ValueError(
                    "`l1_ratio` must be set for penalty='elasticnet' (a number in "
                    "[0, 1]). Got None instead."
                )
            return check_l1_ratio(self.l1_ratio)
        if self.l1_ratio is not None:
            raise ValueError(
                f"`l1_ratio` is only used with penalty='elasticnet'. Got "
                f"l1_ratio={self.l1_ratio!r} with penalty={penalty!r}; leave it None "
                "or set penalty='elasticnet'."
            )
        return _PENALTY_L1_RATIO[penalty]

    def fit(self, X, y):
        """Fit the model by minimizing the penalized logistic loss.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Class labels (any two or more values).

        Returns
        -------
        self
        """
        l1_ratio = self._resolve_l1_ratio()
        alpha = check_alpha(self.alpha)
        _check_solver_options(self.tol, self.max_iter)
        X, y, classes = self._validate_fit_data(X, y, classifier=True)
        # two classes: one problem for classes_[1]; more: one per class (one-vs-rest)
        positives = classes[1:] if classes.size == 2 else classes
        fits = [
            _solve_centred(
                X,
                np.where(y == positive, 1.0, -1.0),
                fit_intercept=check_bool(self.fit_intercept, "fit_intercept"),
                alpha=alpha,
                l1_ratio=l1_ratio,
                loss="logistic",
                tol=self.tol,
                max_iter=self.max_iter,
            )
            for positive in positives
        ]
        coefs, intercepts, n_iters, certificates, objectives = zip(*fits, strict=True)
        self.classes_ = classes
        self.coef_ = np.array(coefs)
        self.intercept_ = np.array(intercepts)
        self.n_iter_ = np.array(n_iters)
        self.certificate_ = np.array(certificates)
        self.objective_ = np.array(objectives)
        return self

    def decision_function(self, X):
        """The linear predictor ``X w + b`` (log-odds of the positive class).

        Returns
        -------
        ndarray of shape (n_samples,) for two classes (positive means
        ``classes_[1]``), or (n_samples, n_classes) for more.
        """
        X = self._validate_X_predict(X)
        scores = X @ self.coef_.T + self.intercept_
        return scores[:, 0] if self.classes_.size == 2 else scores

    def predict_proba(self, X):
        """Class probabilities: ``sigmoid(X w + b)`` for two classes; for more, each
        class's one-vs-rest sigmoid, normalized to sum to 1.

        Returns
        -------
        ndarray of shape (n_samples, n_classes)
        """
        scores = self.decision_function(X)
        if self.classes_.size == 2:
            positive = expit(scores)
            return np.column_stack([1.0 - positive, positive])
        # p_k proportional to sigmoid(z_k), normalized in log space so that very
        # negative scores cannot underflow to 0 / 0
        log_sigmoid = -np.logaddexp(0.0, -scores)
        return np.exp(log_sigmoid - logsumexp(log_sigmoid, axis=1, keepdims=True))

    def predict(self, X):
        """The most probable class for each row of ``X``.

        Returns
        -------
        ndarray of shape (n_samples,) with values from ``classes_``
        """
        scores = self.decision_function(X)
        if self.classes_.size == 2:
            return self.classes_[(scores > 0).astype(int)]
        return self.classes_[np.argmax(scores, axis=1)]
