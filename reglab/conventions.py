"""Convert a regularization strength between reglab and other libraries.

reglab minimizes (scikit-learn's ``ElasticNet`` and glmnet's convention)::

    squared loss:  (1 / (2 n)) ||y - X w - b||^2             + alpha * P(w)
    logistic loss: (1 / n) sum_i log(1 + exp(-y_i (x_i w + b))) + alpha * P(w)
    P(w) = l1_ratio * ||w||_1 + (1 - l1_ratio) / 2 * ||w||_2^2

Another library's objective is a positive multiple of this one with its own parameter
in place of ``alpha``; multiplying an objective by a constant does not move its
minimizer, so the two fits agree exactly when the parameters are converted. Each
``to_*`` function returns a dict of the other library's parameters (pass it with
``**``); each ``from_*`` function returns a dict of reglab's ``alpha`` (and
``l1_ratio``). ``n_samples`` is always the number of rows the model is *fitted* on:
inside 5-fold cross-validation that is 4/5 of the data, which is why the same
scikit-learn ``Ridge(alpha=...)`` means a different reglab ``alpha`` on different fold
sizes.

Objectives (``r`` is ``l1_ratio``, RSS is ``||y - Xw - b||^2``) and the conversion:

- scikit-learn ``Ridge``: ``RSS + a ||w||^2``; ``a = n alpha``.
- scikit-learn ``Lasso`` / ``ElasticNet``: ``(1/2n) RSS + a r ||w||_1 +
  a (1-r)/2 ||w||^2``; ``a = alpha``, same ``l1_ratio``.
- scikit-learn ``LogisticRegression``: ``C sum log-loss + r ||w||_1 +
  (1-r)/2 ||w||^2``; ``C = 1 / (n alpha)``.
- glmnet (gaussian, ``standardize=FALSE``): ``(1/2n) RSS + lambda [a ||w||_1 +
  (1-a)/2 ||w||^2]``; ``lambda = alpha``, ``a = l1_ratio`` (when sd(y) = 1).
- textbook: ``RSS + lambda1 ||w||_1 + lambda2 ||w||^2``; ``lambda1 = 2 n alpha r``,
  ``lambda2 = n alpha (1-r)``.
- Keras ``L1L2(l1, l2)`` with ``MeanSquaredError``: ``mean (y-z)^2 + l1 sum|w| +
  l2 sum w^2``; ``l1 = 2 alpha r``, ``l2 = alpha (1-r)``.
- PyTorch SGD ``weight_decay`` with ``MSELoss``: ``weight_decay = 2 alpha`` (r = 0).
- statsmodels ``OLS(...).fit_regularized(method="elastic_net", alpha=a, L1_wt=w)``:
  ``(1/2n) RSS + a [w ||b||_1 + (1-w)/2 ||b||^2]`` over every column, the
  constant included; ``a = alpha``, ``L1_wt = r``. An array ``a`` (one entry per
  column) is a per-coefficient alpha: reglab's ``penalty_factor`` times ``alpha``.
- statsmodels ``Logit(...).fit_regularized(method="l1", alpha=a)``: ``sum log-loss +
  a ||b||_1``; ``a = n alpha``.
- glmnet's ``penalty.factor = v``: glmnet first rescales ``v`` to sum to the number
  of features ``p``, so it fits ``lambda sum_j (v_j / mean(v)) P(w_j)``; reglab uses
  the factors as given, ``alpha sum_j v_j P(w_j)``.

:func:`conventions_table` returns these rows (with numbers filled in) for the course.
"""

import math

import numpy as np

from reglab._validation import (
    check_alpha,
    check_array,
    check_l1_ratio,
    check_option,
    check_scalar,
)

__all__ = [
    "conventions_table",
    "from_glmnet",
    "from_glmnet_penalty_factor",
    "from_keras",
    "from_sklearn_elastic_net",
    "from_sklearn_logistic",
    "from_sklearn_ridge",
    "from_statsmodels",
    "from_textbook",
    "from_torch_weight_decay",
    "to_glmnet",
    "to_glmnet_penalty_factor",
    "to_keras",
    "to_sklearn_elastic_net",
    "to_sklearn_logistic",
    "to_sklearn_ridge",
    "to_statsmodels",
    "to_textbook",
    "to_torch_weight_decay",
]

_LOSSES = ("squared", "logistic")


def _check_n_samples(n_samples):
    return check_scalar(n_samples, "n_samples", low=1, integer=True)


def _check_positive(value, name):
    return check_scalar(value, name, low=0.0, low_inclusive=False)


# --- scikit-learn -------------------------------------------------------------------


def to_sklearn_ridge(alpha, n_samples):
    """scikit-learn ``Ridge`` parameters for reglab's ridge (``l1_ratio=0``).

    ``Ridge`` minimizes ``||y - Xw - b||^2 + alpha_sk ||w||^2``. Multiplying reglab's
    ``(1/2n)||y - Xw - b||^2 + (alpha/2)||w||^2`` by ``2n`` gives
    ``||y - Xw - b||^2 + n alpha ||w||^2``, so ``alpha_sk = n * alpha``.

    Returns
    -------
    dict ``{"alpha": n_samples * alpha}``: ``sklearn.linear_model.Ridge(**result)``.
    """
    alpha = check_alpha(alpha)
    return {"alpha": _check_n_samples(n_samples) * alpha}


def from_sklearn_ridge(alpha, n_samples):
    """reglab's ``alpha`` for a scikit-learn ``Ridge(alpha=...)``: ``alpha / n``.

    Returns
    -------
    dict ``{"alpha": alpha / n_samples}``: ``reglab.Ridge(**result)``.
    """
    alpha = check_alpha(alpha)
    return {"alpha": alpha / _check_n_samples(n_samples)}


def to_sklearn_elastic_net(alpha, l1_ratio=1.0):
    """scikit-learn ``Lasso`` / ``ElasticNet`` parameters: the same numbers.

    ``ElasticNet`` minimizes ``(1/2n)||y - Xw - b||^2 + alpha r ||w||_1
    + alpha (1 - r)/2 ||w||^2`` with ``r = l1_ratio``: reglab's objective exactly.
    ``Lasso(alpha)`` is ``l1_ratio=1``.

    Returns
    -------
    dict ``{"alpha": alpha, "l1_ratio": l1_ratio}``.
    """
    return {"alpha": check_alpha(alpha), "l1_ratio": check_l1_ratio(l1_ratio)}


def from_sklearn_elastic_net(alpha, l1_ratio=1.0):
    """reglab's parameters for scikit-learn ``Lasso`` / ``ElasticNet``: the same."""
    return {"alpha": check_alpha(alpha), "l1_ratio": check_l1_ratio(l1_ratio)}


def to_sklearn_logistic(alpha, n_samples, l1_ratio=0.0):
    """scikit-learn ``LogisticRegression`` parameters: ``C = 1 / (n alpha)``.

    ``LogisticRegression`` minimizes ``C sum_i log(1 + exp(-y_i z_i)) + r ||w||_1 +
    (1 - r)/2 ||w||^2`` (scikit-learn >= 1.8 sets the penalty with ``l1_ratio``: 0 is
    ``"l2"``, 1 is ``"l1"``). Dividing by ``C n`` gives reglab's objective with
    ``alpha = 1 / (C n)``. The intercept is unpenalized in both, except with
    scikit-learn's ``liblinear`` solver, which penalizes it. The match is for binary
    problems: for three or more classes scikit-learn fits one multinomial model,
    reglab fits one-vs-rest.

    Returns
    -------
    dict ``{"C": 1 / (n_samples * alpha), "l1_ratio": l1_ratio}``.

    Raises
    ------
    ValueError
        If ``alpha == 0``: no finite ``C`` gives it; scikit-learn's unpenalized model
        is ``C=np.inf``.
    """
    alpha = check_alpha(alpha)
    n_samples = _check_n_samples(n_samples)
    if alpha == 0:
        raise ValueError(
            "`alpha` must be > 0 to convert to C = 1 / (n alpha). Got 0 instead; "
            "the unpenalized scikit-learn model is LogisticRegression(C=np.inf)."
        )
    return {"C": 1.0 / (n_samples * alpha), "l1_ratio": check_l1_ratio(l1_ratio)}


def from_sklearn_logistic(C, n_samples, l1_ratio=0.0):
    """reglab's parameters for scikit-learn ``LogisticRegression(C=...)``.

    ``alpha = 1 / (C n)``; ``C=np.inf`` (no penalty) gives ``alpha = 0``.

    Returns
    -------
    dict ``{"alpha": 1 / (C * n_samples), "l1_ratio": l1_ratio}``.
    """
    if isinstance(C, float) and C == math.inf:
        alpha = 0.0
    else:
        alpha = 1.0 / (_check_positive(C, "C") * _check_n_samples(n_samples))
    _check_n_samples(n_samples)
    return {"alpha": alpha, "l1_ratio": check_l1_ratio(l1_ratio)}


# --- glmnet ---------------------------------------------------------------------------


def to_glmnet(alpha, l1_ratio=1.0, *, y_std=1.0):
    """glmnet's ``(lambda, alpha)`` for ``family="gaussian"``, ``standardize=FALSE``.

    glmnet's documented objective is reglab's with other names:
    ``(1/2n) RSS + lambda [a ||w||_1 + (1 - a)/2 ||w||^2]``, so ``lambda = alpha``
    and glmnet's ``alpha`` (``a``) is reglab's ``l1_ratio``. Assumptions:

    - ``standardize=FALSE`` (otherwise glmnet penalizes the coefficients of the
      standardized columns) and no observation weights or penalty factors.
    - For ``family="gaussian"`` glmnet divides ``y`` by its standard deviation
      ``s`` (the 1/n formula) before fitting and multiplies the coefficients back.
      For the lasso (``a = 1``) this changes nothing; for ``a < 1`` it makes the
      ridge part effectively ``lambda (1 - a) / (2 s) ||w||^2``. Passing
      ``y_std=s`` corrects for it: the result solves
      ``lambda a = alpha r`` and ``lambda (1 - a) / s = alpha (1 - r)``, that is
      ``lambda = alpha (r + s (1 - r))`` and ``a = alpha r / lambda``. With the
      default ``y_std=1`` (a standardized ``y``) the map is the identity.

    The y-scaling is described in glmnet's help page ("glmnet standardizes y to
    have unit variance ... before computing its lambda sequence") and worked out
    for ridge at https://stats.stackexchange.com/questions/129179 (glmnet's
    ``lambda = s * lambda_textbook / n``, which is ``s * alpha`` here). reglab's
    tests check it against R's glmnet 4.1 itself (``tests/test_glmnet.py``).

    Returns
    -------
    dict ``{"lambda_": ..., "alpha": ...}`` (``lambda_`` because ``lambda`` is a
    Python keyword).
    """
    alpha = check_alpha(alpha)
    l1_ratio = check_l1_ratio(l1_ratio)
    y_std = _check_positive(y_std, "y_std")
    lambda_ = alpha * (l1_ratio + y_std * (1.0 - l1_ratio))
    mixing = l1_ratio / (l1_ratio + y_std * (1.0 - l1_ratio))
    return {"lambda_": lambda_, "alpha": mixing}


def from_glmnet(lambda_, alpha, *, y_std=1.0):
    """reglab's ``(alpha, l1_ratio)`` for glmnet's ``(lambda, alpha)``.

    The inverse of :func:`to_glmnet` (same assumptions): reglab's
    ``alpha = lambda a + lambda (1 - a) / s`` and ``l1_ratio = lambda a / alpha``,
    with ``a`` glmnet's ``alpha`` and ``s = y_std``.

    Returns
    -------
    dict ``{"alpha": ..., "l1_ratio": ...}``.
    """
    lambda_ = check_alpha(lambda_, "lambda_")
    mixing = check_l1_ratio(alpha, "alpha")
    y_std = _check_positive(y_std, "y_std")
    reglab_alpha = lambda_ * mixing + lambda_ * (1.0 - mixing) / y_std
    l1_ratio = lambda_ * mixing / reglab_alpha if reglab_alpha > 0 else mixing
    return {"alpha": reglab_alpha, "l1_ratio": l1_ratio}


def _check_factors(penalty_factor, name="penalty_factor"):
    factors = check_array(penalty_factor, name, ndim=1)
    if np.any(factors < 0) or not np.any(factors > 0):
        raise ValueError(
            f"`{name}` must be >= 0 with at least one entry > 0. Got "
            f"{factors.tolist()!r} instead."
        )
    return factors


def to_glmnet_penalty_factor(alpha, penalty_factor, l1_ratio=1.0, *, y_std=1.0):
    """glmnet's ``(lambda, alpha, penalty.factor)`` for reglab's weighted penalty.

    reglab's ``alpha sum_j v_j P(w_j)`` (``Lasso(penalty_factor=v)``,
    ``WeightedL1L2``) uses the factors as given. glmnet rescales any factors it is
    given to sum to ``p`` (``v_j / mean(v)``), so the same objective is glmnet's at
    ``lambda`` for ``alpha * mean(v)``; the rest is :func:`to_glmnet` (same
    assumptions: ``standardize=FALSE``, ``y_std`` the 1/n standard deviation of
    ``y``). glmnet's ``exclude`` has no factor: drop the column. (To fit the same
    model with glmnet's ``exclude = j`` instead, keep ``v_j`` but use
    ``lambda = alpha * mean(v)`` with ``v_j`` set to 1: glmnet counts an excluded
    column, with factor 1, when it rescales.)

    Returns
    -------
    dict ``{"lambda_": ..., "alpha": ..., "penalty_factor": v}``.
    """
    alpha = check_alpha(alpha)
    factors = _check_factors(penalty_factor)
    converted = to_glmnet(alpha * float(factors.mean()), l1_ratio, y_std=y_std)
    return {**converted, "penalty_factor": factors}


def from_glmnet_penalty_factor(lambda_, alpha, penalty_factor, *, y_std=1.0):
    """reglab's ``(alpha, l1_ratio, penalty_factor)`` for glmnet with factors.

    The inverse of :func:`to_glmnet_penalty_factor`: glmnet's factors rescaled as
    glmnet does, to mean 1 (``v_j / mean(v)``), and ``alpha, l1_ratio`` from
    :func:`from_glmnet`. Pass them as ``Lasso(alpha, penalty_factor=...)`` or
    ``ElasticNet(alpha, l1_ratio=..., penalty_factor=...)``.

    Returns
    -------
    dict ``{"alpha": ..., "l1_ratio": ..., "penalty_factor": ...}``.
    """
    factors = _check_factors(penalty_factor)
    converted = from_glmnet(lambda_, alpha, y_std=y_std)
    return {**converted, "penalty_factor": factors / factors.mean()}


# --- statsmodels ----------------------------------------------------------------------


def to_statsmodels(
    alpha,
    l1_ratio=1.0,
    *,
    penalty_factor=None,
    loss="squared",
    n_samples=None,
    has_constant=False,
):
    """statsmodels ``fit_regularized`` parameters for reglab's penalty.

    - ``loss="squared"``: ``OLS(y, X).fit_regularized(method="elastic_net", **params)``
      minimizes ``(1/2n) RSS + sum_j a_j [L1_wt |b_j| + (1 - L1_wt)/2 b_j^2]``, which
      is reglab's objective with ``a_j = alpha v_j`` (``v`` the penalty factors, all
      1 by default) and ``L1_wt = l1_ratio``.
    - ``loss="logistic"`` (``l1_ratio=1`` only): ``Logit(y, X).fit_regularized(
      method="l1", **params)`` minimizes ``sum log-loss + sum_j a_j |b_j|`` -- a sum,
      not a mean -- so ``a_j = n alpha v_j`` (``n_samples`` required).

    statsmodels penalizes every column of its design, the constant too: with
    ``has_constant=True`` the returned ``alpha`` is an array with a 0 first (the
    column ``statsmodels.api.add_constant`` puts first), so the intercept stays
    unpenalized as in reglab.

    Returns
    -------
    dict ``{"alpha": float or ndarray, "L1_wt": ...}`` (``{"alpha": ...}`` for the
    logistic loss).
    """
    alpha = check_alpha(alpha)
    l1_ratio = check_l1_ratio(l1_ratio)
    check_option(loss, "loss", _LOSSES)
    scale = 1.0
    if loss == "logistic":
        if l1_ratio != 1:
            raise ValueError(
                "`l1_ratio` must be 1 for loss='logistic': statsmodels' Logit "
                f"fit_regularized has only the L1 penalty. Got {l1_ratio!r} instead."
            )
        if n_samples is None:
            raise ValueError("`n_samples` is required for loss='logistic'.")
        scale = _check_n_samples(n_samples)
    strength = alpha * scale
    if penalty_factor is not None:
        strength = strength * check_array(penalty_factor, "penalty_factor", ndim=1)
    if has_constant:
        if penalty_factor is None:
            raise ValueError(
                "`has_constant=True` needs `penalty_factor` (one entry per "
                "non-constant column) to know how many columns to penalize."
            )
        strength = np.concatenate([[0.0], strength])
    if loss == "logistic":
        return {"alpha": strength}
    return {"alpha": strength, "L1_wt": l1_ratio}


def from_statsmodels(alpha, L1_wt=1.0):
    """reglab's parameters for statsmodels ``OLS.fit_regularized(method=
    "elastic_net", alpha=a, L1_wt=...)`` (see :func:`to_statsmodels`).

    A scalar ``a`` is reglab's ``alpha``. A per-coefficient ``a`` (an array) becomes
    ``alpha = mean(a)`` and ``penalty_factor = a / mean(a)`` (factors of mean 1, as
    glmnet rescales them); drop a constant column's entry (0) first.

    Returns
    -------
    dict ``{"alpha": ..., "l1_ratio": ...}`` plus ``"penalty_factor"`` for an array.
    """
    l1_ratio = check_l1_ratio(L1_wt, "L1_wt")
    if np.ndim(alpha) == 0:
        return {"alpha": check_alpha(alpha), "l1_ratio": l1_ratio}
    strengths = _check_factors(alpha, "alpha")
    mean = float(strengths.mean())
    return {"alpha": mean, "l1_ratio": l1_ratio, "penalty_factor": strengths / mean}


# --- the textbook ---------------------------------------------------------------------


def to_textbook(alpha, n_samples, l1_ratio=0.0):
    """``lambda1, lambda2`` of the textbook ``RSS + lambda1 ||w||_1 + lambda2 ||w||^2``.

    Multiplying reglab's objective by ``2n``:
    ``RSS + 2 n alpha r ||w||_1 + n alpha (1 - r) ||w||^2``. So ridge's
    ``RSS + lambda ||w||^2`` has ``lambda = n alpha`` and the lasso's
    ``RSS + lambda ||w||_1`` has ``lambda = 2 n alpha``. (Texts that write the lasso
    as ``(1/2) RSS + lambda ||w||_1``, as ESL does, have ``lambda = n alpha``.)
    This is Zou and Hastie's "naive" elastic net, without their rescaling.

    Returns
    -------
    dict ``{"lambda1": 2 n alpha r, "lambda2": n alpha (1 - r)}``.
    """
    alpha = check_alpha(alpha)
    n_samples = _check_n_samples(n_samples)
    l1_ratio = check_l1_ratio(l1_ratio)
    return {
        "lambda1": 2.0 * n_samples * alpha * l1_ratio,
        "lambda2": n_samples * alpha * (1.0 - l1_ratio),
    }


def from_textbook(n_samples, *, lambda1=0.0, lambda2=0.0):
    """reglab's ``(alpha, l1_ratio)`` for ``RSS + lambda1 ||w||_1 + lambda2 ||w||^2``.

    ``alpha r = lambda1 / (2n)`` and ``alpha (1 - r) = lambda2 / n``.

    Returns
    -------
    dict ``{"alpha": ..., "l1_ratio": ...}`` (``l1_ratio=1`` when both are 0).
    """
    n_samples = _check_n_samples(n_samples)
    l1_part = check_alpha(lambda1, "lambda1") / (2.0 * n_samples)
    l2_part = check_alpha(lambda2, "lambda2") / n_samples
    alpha = l1_part + l2_part
    return {"alpha": alpha, "l1_ratio": l1_part / alpha if alpha > 0 else 1.0}


# --- deep learning frameworks ---------------------------------------------------------


def _mean_loss_factor(loss):
    # the framework's mean loss is factor * reglab's data term:
    # mean squared error (1/n) RSS = 2 * (1/2n) RSS; mean log-loss is the same term.
    return {"squared": 2.0, "logistic": 1.0}[check_option(loss, "loss", _LOSSES)]


def to_keras(alpha, l1_ratio=0.0, *, loss="squared"):
    """Keras ``regularizers.L1L2(l1=..., l2=...)`` for reglab's penalty.

    Keras adds ``l1 * sum|w| + l2 * sum(w^2)`` to the mean loss of every batch.
    Assumptions: the penalty is a ``kernel_regularizer`` on the weights (no
    ``bias_regularizer``); the loss is ``MeanSquaredError`` (``mean((y - z)^2)``, no
    1/2) for ``loss="squared"`` or ``BinaryCrossentropy`` (mean log-loss) for
    ``loss="logistic"``, with the default mean-over-batch reduction. Keras's objective
    is then ``k`` times reglab's with ``k = 2`` (squared) or ``k = 1`` (logistic), so
    ``l1 = k alpha r`` and ``l2 = k alpha (1 - r) / 2``. With mini-batches each batch
    adds the whole penalty to its mean loss, so the average over an epoch is the same
    objective.

    Returns
    -------
    dict ``{"l1": ..., "l2": ...}``.
    """
    alpha = check_alpha(alpha)
    l1_ratio = check_l1_ratio(l1_ratio)
    factor = _mean_loss_factor(loss)
    return {
        "l1": factor * alpha * l1_ratio,
        "l2": factor * alpha * (1.0 - l1_ratio) / 2.0,
    }


def from_keras(*, l1=0.0, l2=0.0, loss="squared"):
    """reglab's ``(alpha, l1_ratio)`` for Keras ``L1L2(l1, l2)`` (see :func:`to_keras`).

    Returns
    -------
    dict ``{"alpha": ..., "l1_ratio": ...}`` (``l1_ratio=1`` when both are 0).
    """
    factor = _mean_loss_factor(loss)
    l1_part = check_alpha(l1, "l1") / factor  # alpha r
    l2_part = 2.0 * check_alpha(l2, "l2") / factor  # alpha (1 - r)
    alpha = l1_part + l2_part
    return {"alpha": alpha, "l1_ratio": l1_part / alpha if alpha > 0 else 1.0}


def to_torch_weight_decay(alpha, *, loss="squared"):
    """PyTorch ``torch.optim.SGD(weight_decay=...)`` for reglab's ridge penalty.

    SGD adds ``weight_decay * w`` to the gradient, the gradient of
    ``weight_decay / 2 ||w||^2``, so it minimizes ``mean loss + wd/2 ||w||^2``. With
    ``nn.MSELoss()`` (mean, no 1/2) that is ``2 [(1/2n) RSS + wd/4 ||w||^2]``, so
    ``wd = 2 alpha``; with ``nn.BCEWithLogitsLoss()`` (mean log-loss) ``wd = alpha``.
    Assumptions: the decay applies to the weights only (put biases in a parameter
    group with ``weight_decay=0``). The same holds for ``torch.optim.Adam``'s
    ``weight_decay``, which is also added to the gradient, but not for ``AdamW``:
    its decoupled decay is not the gradient of any fixed penalty. Only the L2
    penalty has a weight-decay form (``l1_ratio=0``).

    Returns
    -------
    dict ``{"weight_decay": ...}``.
    """
    alpha = check_alpha(alpha)
    return {"weight_decay": _mean_loss_factor(loss) * alpha}


def from_torch_weight_decay(weight_decay, *, loss="squared"):
    """reglab's ridge ``alpha`` for PyTorch SGD ``weight_decay`` (see
    :func:`to_torch_weight_decay`).

    Returns
    -------
    dict ``{"alpha": ..., "l1_ratio": 0.0}``.
    """
    weight_decay = check_alpha(weight_decay, "weight_decay")
    return {"alpha": weight_decay / _mean_loss_factor(loss), "l1_ratio": 0.0}


# --- the course's table ---------------------------------------------------------------


def conventions_table(alpha=None, *, l1_ratio=0.0, n_samples=None):
    """Rows of the course's conventions table, one per library.

    Parameters
    ----------
    alpha : float, optional
        A reglab ``alpha``; if given (with ``n_samples``), each row carries the other
        library's numbers for it.
    l1_ratio : float, default=0.0
    n_samples : int, optional
        Rows the model is fitted on; needed for the numbers of the rows that depend
        on ``n``.

    Returns
    -------
    list of dict
        Keys ``"library"``, ``"objective"``, ``"parameters"`` (the formula in reglab's
        ``alpha`` and ``r = l1_ratio``) and ``"values"`` (a dict of numbers, or
        ``None`` when ``alpha`` or ``n_samples`` is missing, or the row does not
        apply to this ``l1_ratio``).
    """
    if alpha is not None:
        alpha = check_alpha(alpha)
    l1_ratio = check_l1_ratio(l1_ratio)
    if n_samples is not None:
        n_samples = _check_n_samples(n_samples)
    have_n = alpha is not None and n_samples is not None

    def values(compute, needs_n=False, applies=True):
        if alpha is None or (needs_n and not have_n) or not applies:
            return None
        return compute()

    return [
        {
            "library": "reglab",
            "objective": "(1/2n) RSS + alpha [r ||w||_1 + (1-r)/2 ||w||^2]",
            "parameters": "alpha, l1_ratio = r",
            "values": values(lambda: {"alpha": alpha, "l1_ratio": l1_ratio}),
        },
        {
            "library": "scikit-learn Ridge",
            "objective": "RSS + a ||w||^2",
            "parameters": "a = n alpha (r = 0)",
            "values": values(
                lambda: to_sklearn_ridge(alpha, n_samples), True, l1_ratio == 0
            ),
        },
        {
            "library": "scikit-learn Lasso / ElasticNet",
            "objective": "(1/2n) RSS + a r ||w||_1 + a (1-r)/2 ||w||^2",
            "parameters": "a = alpha, l1_ratio = r",
            "values": values(lambda: to_sklearn_elastic_net(alpha, l1_ratio)),
        },
        {
            "library": "scikit-learn LogisticRegression",
            "objective": "C sum log-loss + r ||w||_1 + (1-r)/2 ||w||^2",
            "parameters": "C = 1 / (n alpha), l1_ratio = r",
            "values": values(
                lambda: to_sklearn_logistic(alpha, n_samples, l1_ratio),
                True,
                bool(alpha),
            ),
        },
        {
            "library": "glmnet (gaussian, standardize=FALSE, sd(y) = 1)",
            "objective": "(1/2n) RSS + lambda [a ||w||_1 + (1-a)/2 ||w||^2]",
            "parameters": "lambda = alpha, a = r",
            "values": values(lambda: to_glmnet(alpha, l1_ratio)),
        },
        {
            "library": "textbook",
            "objective": "RSS + lambda1 ||w||_1 + lambda2 ||w||^2",
            "parameters": "lambda1 = 2 n alpha r, lambda2 = n alpha (1-r)",
            "values": values(lambda: to_textbook(alpha, n_samples, l1_ratio), True),
        },
        {
            "library": "Keras (MeanSquaredError)",
            "objective": "mean (y - z)^2 + l1 sum|w| + l2 sum w^2",
            "parameters": "l1 = 2 alpha r, l2 = alpha (1-r)",
            "values": values(lambda: to_keras(alpha, l1_ratio)),
        },
        {
            "library": "Keras (BinaryCrossentropy)",
            "objective": "mean log-loss + l1 sum|w| + l2 sum w^2",
            "parameters": "l1 = alpha r, l2 = alpha (1-r)/2",
            "values": values(lambda: to_keras(alpha, l1_ratio, loss="logistic")),
        },
        {
            "library": "PyTorch SGD (MSELoss)",
            "objective": "mean (y - z)^2, gradient + weight_decay w",
            "parameters": "weight_decay = 2 alpha (r = 0)",
            "values": values(
                lambda: to_torch_weight_decay(alpha), applies=l1_ratio == 0
            ),
        },
        {
            "library": "PyTorch SGD (BCEWithLogitsLoss)",
            "objective": "mean log-loss, gradient + weight_decay w",
            "parameters": "weight_decay = alpha (r = 0)",
            "values": values(
                lambda: to_torch_weight_decay(alpha, loss="logistic"),
                applies=l1_ratio == 0,
            ),
        },
    ]
