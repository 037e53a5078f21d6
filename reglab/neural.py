"""A small multilayer perceptron in plain numpy, for the neural-network lesson.

``MLPClassifier`` is a scikit-learn classifier with ``tanh`` or ``relu`` hidden layers.
For two classes it has one logistic output and minimizes reglab's objective with the
network's weight matrices in place of ``w``::

    (1 / n) sum_i log(1 + exp(-y_i f(x_i)))  +  alpha * sum_l P(W_l)

    penalty="l2":  P(W) = ||W||_F^2 / 2      (the sum of squared weights, halved)
    penalty="l1":  P(W) = ||W||_1            (the sum of absolute weights)

with ``y_i`` in {-1, +1} and ``f(x)`` the network's output (the logit). With K >= 3
classes it has K outputs and the loss is the softmax cross-entropy
``(1 / n) sum_i -log softmax(f(x_i))_{y_i}`` (the multinomial log-loss). Biases are not
penalized. ``weight_decay`` is not part of the objective: it shrinks the weights
inside the optimizer step, the way PyTorch's ``weight_decay`` argument does. The
lesson (notebook 08) uses this class to show that

- an L2 penalty and weight decay give the same weights with plain SGD,
  but not with Adam: AdamW's decoupled decay is a different method;
- L1 by subgradient leaves many weights near zero and none exactly zero, while a
  proximal (soft-thresholding) step sets weights exactly to zero.

Everything is written out: the forward pass, backpropagation, the SGD and Adam
updates. Training 200 points with ``(16, 16)`` hidden units for 300 full-batch
epochs takes a fraction of a second.
"""

import itertools
import numbers

import numpy as np
from scipy.special import expit, logsumexp, softmax
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted, validate_data

from reglab._validation import (
    check_alpha,
    check_array,
    check_bool,
    check_labels,
    check_option,
    check_random_state,
    check_sample_weight,
    check_scalar,
    check_X_y,
    check_y_given,
    column_or_1d,
)
from reglab.penalties import L1, L2

__all__ = ["MLPClassifier"]

# Adam's constants, as in Kingma & Ba (2015) and torch.optim.Adam.
ADAM_BETA1 = 0.9
ADAM_BETA2 = 0.999
ADAM_EPS = 1e-8

# The loss curve keeps one number per epoch, and the lesson's (16, 16) network on 200
# points trains at about 0.3 ms per epoch: a million epochs is minutes of waiting.
MAX_EPOCHS = 1_000_000


def _activate(a, activation):
    """The hidden-unit nonlinearity h = g(a)."""
    if activation == "tanh":
        return np.tanh(a)
    return np.maximum(a, 0.0)  # relu


def _activation_derivative(h, activation):
    """g'(a), written in terms of the unit's output h = g(a)."""
    if activation == "tanh":
        return 1.0 - h**2  # tanh' = 1 - tanh^2
    return (h > 0.0).astype(float)  # relu' = 1 where a > 0, taken as 0 at a = 0


def _forward(X, coefs, intercepts, activation):
    """Run the network on ``X``.

    Returns the list of layer outputs ``[X, h_1, ..., h_L]`` (backpropagation needs
    them) and the logits ``z`` of shape (n, n_outputs): one column for two classes,
    one per class for more.
    """
    layer_outputs = [X]
    h = X
    for W, b in zip(coefs[:-1], intercepts[:-1], strict=True):
        h = _activate(h @ W + b, activation)  # h_l = g(h_{l-1} W_l + b_l)
        layer_outputs.append(h)
    z = h @ coefs[-1] + intercepts[-1]  # the output layer is linear: the logits
    return layer_outputs, z


def _log_loss(targets, z, weights=None):
    """Mean log-loss of the logits ``z`` against ``targets`` (see ``_targets``).

    One output: ``(1/n) sum log(1 + exp(-y z))`` with ``y = 2 y01 - 1``, computed as
    ``log(1 + exp(z)) - y01 z`` (the same number, without overflow). K outputs:
    ``(1/n) sum -log softmax(z_i)_{y_i} = (1/n) sum (logsumexp(z_i) - z_{i, y_i})``.
    With sample weights ``s_i`` each term is multiplied by ``s_i``.
    """
    if z.shape[1] == 1:
        losses = np.logaddexp(0.0, z[:, 0]) - targets[:, 0] * z[:, 0]
    else:
        losses = logsumexp(z, axis=1) - np.sum(targets * z, axis=1)
    return float(np.mean(losses if weights is None else weights * losses))


def _backprop(layer_outputs, z, targets, coefs, activation, weights=None):
    """Gradients of the mean log-loss with respect to every weight and bias."""
    n = z.shape[0]
    # d loss / d z = (sigmoid(z) - y01) / n, or (softmax(z) - one_hot(y)) / n
    probabilities = expit(z) if z.shape[1] == 1 else softmax(z, axis=1)
    delta = (probabilities - targets) / n
    if weights is not None:
        delta = weights[:, None] * delta  # d (s_i loss_i) / d z_i
    grad_coefs = [None] * len(coefs)
    grad_intercepts = [None] * len(coefs)
    for layer in range(len(coefs) - 1, -1, -1):
        # dL/dW_l = h_{l-1}^T delta_l
        grad_coefs[layer] = layer_outputs[layer].T @ delta
        grad_intercepts[layer] = delta.sum(axis=0)  # dL/db_l = sum over samples
        if layer > 0:
            # delta_{l-1} = (delta_l W_l^T) * g'(a_{l-1})
            delta = (delta @ coefs[layer].T) * _activation_derivative(
                layer_outputs[layer], activation
            )
    return grad_coefs, grad_intercepts


def _prox_per_weight(penalty, w, step):
    """``penalty.prox`` with its own step for every entry of ``w`` (for Adam).

    Adam moves weight ``j`` by ``step_j = lr / (sqrt(v_hat_j) + eps)`` times its
    gradient, so its proximal step uses the same ``step_j``. The formula is
    ``L1L2.prox``'s, which takes one scalar step:
    ``soft(w, step alpha l1_ratio) / (1 + step alpha (1 - l1_ratio))``.
    """
    shrunk = np.sign(w) * np.maximum(np.abs(w) - step * penalty.l1_strength, 0.0)
    return shrunk / (1.0 + step * penalty.l2_strength)


def _targets(y, classes):
    """What the output layer is trained towards: a column of 0/1 for two classes
    (1 for ``classes[1]``), one one-hot column per class for more."""
    if classes.size == 2:
        return (y == classes[1]).astype(float)[:, None]
    return (y[:, None] == classes[None, :]).astype(float)


def _minibatches(n, batch_size, rng):
    """Row indices of one epoch's minibatches.

    A fresh random order each epoch, cut into pieces of ``batch_size`` (the last may
    be smaller); with ``batch_size >= n`` one batch of all rows, in order.
    """
    if batch_size >= n:
        return [np.arange(n)]
    order = rng.permutation(n)
    return [order[start : start + batch_size] for start in range(0, n, batch_size)]


class MLPClassifier(ClassifierMixin, BaseEstimator):
    """Multilayer perceptron classifier with an L1 or L2 penalty or weight decay.

    For two classes, minimizes over the weight matrices ``W_l`` and biases ``b_l``::

        (1 / n) sum_i log(1 + exp(-y_i f(x_i)))  +  alpha * sum_l P(W_l)

        f(x) = h_L W_out + b_out,   h_l = g(h_{l-1} W_l + b_l),   h_0 = x

    with ``g`` = tanh or relu, ``y_i`` in {-1, +1} (the second of ``classes_`` is +1),
    ``P(W) = ||W||_F^2 / 2`` for ``penalty="l2"`` and ``P(W) = ||W||_1`` for
    ``penalty="l1"``: reglab's ``alpha`` with ``l1_ratio`` 0 or 1. Biases are never
    penalized. With K >= 3 classes ``f(x)`` has K outputs and the loss term is the
    softmax cross-entropy ``(1 / n) sum_i -log softmax(f(x_i))_{y_i}``. With
    minibatches each step uses the same objective with the mean over the batch in
    place of the mean over all n samples.

    Parameters
    ----------
    hidden_layer_sizes : tuple of int, default=(16, 16)
        Units in each hidden layer. ``()`` gives logistic regression.
    activation : {"tanh", "relu"}, default="tanh"
        Hidden-unit nonlinearity.
    penalty : {"none", "l1", "l2"}, default="none"
        Penalty on the weight matrices, added to the objective with strength
        ``alpha``. The L1 term enters each step through its subgradient
        ``alpha * sign(W)`` (0 where a weight is exactly 0), unless ``proximal=True``.
    alpha : float, default=0.0
        Penalty strength, >= 0 (unused when ``penalty="none"``). With Keras'
        ``BinaryCrossentropy`` (the mean log-loss), ``kernel_regularizer=l1(c)``
        adds ``c * sum|W|``: ``alpha = c``; ``l2(c)`` adds ``c * sum(W^2)``:
        ``alpha = 2 c`` (see ``reglab.conventions.to_keras(..., loss="logistic")``).
    weight_decay : float, default=0.0
        Shrinkage applied by the optimizer, >= 0, with PyTorch's meaning for each
        optimizer:

        - ``"sgd"``: ``W <- W - learning_rate * (grad + weight_decay * W)``.
          ``torch.optim.SGD`` adds the decay to the gradient (coupled); without
          momentum that is the same update as decaying outside the step
          (decoupled), and the same as ``penalty="l2", alpha=weight_decay``.
        - ``"adamw"``: decoupled, ``W <- W - learning_rate * (m_hat / (sqrt(v_hat)
          + eps) + weight_decay * W)``: the decay stays outside Adam's adaptive
          scaling (``torch.optim.AdamW``).
        - ``"adam"``: added to the gradient, ``grad += weight_decay * W``, before the
          adaptive scaling (``torch.optim.Adam(weight_decay=...)``): the same as
          ``penalty="l2", alpha=weight_decay``.

        So PyTorch's ``weight_decay`` with ``BCEWithLogitsLoss`` equals this one, and
        for SGD and Adam it equals reglab's L2 ``alpha`` (see
        ``reglab.conventions.to_torch_weight_decay``); AdamW's has no ``alpha``.
    optimizer : {"sgd", "adam", "adamw"}, default="adam"
        ``"sgd"``: ``W <- W - learning_rate * grad`` (no momentum). ``"adam"`` and
        ``"adamw"``: Adam with beta1 = 0.9, beta2 = 0.999, eps = 1e-8; they differ only
        in how ``weight_decay`` is applied.
    learning_rate : float, default=0.01
        Step size, > 0. Plain SGD usually wants a larger one (about 0.5 full batch).
    n_epochs : int in [1, 1_000_000], default=300
        Passes over the training data. (The lesson's network trains at about 0.3 ms
        an epoch on 200 points, so the upper limit is minutes of training.)
    batch_size : int or None, default=None
        Samples per step; None uses every sample in each step (full batch).
    proximal : bool, default=False
        Replace the penalty's (sub)gradient by its proximal step after the gradient
        step of the loss: ``W <- prox(W, step)``, soft thresholding for L1 (exact
        zeros) and ``W / (1 + step alpha)`` for L2. ``step`` is ``learning_rate`` for
        SGD and Adam's per-weight step ``learning_rate / (sqrt(v_hat) + eps)`` for
        Adam (the proximal step in Adam's own scaling).
    random_state : int in [0, 2**32 - 1] or None, default=0
        Seeds the weight initialization and the minibatch order. None gives a
        different network each fit.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        The labels, sorted; for two classes ``classes_[1]`` is the positive class.
    coefs_ : list of ndarray
        Weight matrices, ``coefs_[l]`` of shape (units in, units out); the last is
        (units in last hidden layer, 1) for two classes, (..., n_classes) for more.
    intercepts_ : list of ndarray
        Bias vectors, ``intercepts_[l]`` of shape (units out,).
    loss_curve_ : ndarray of shape (n_epochs,)
        The objective (mean log-loss + ``alpha * P``) during each epoch: the mean
        over its batches, each measured before its step, as Keras' ``history.history
        ["loss"]`` and scikit-learn's ``loss_curve_`` report it. Full batch, entry k
        is the objective of the network after k epochs (entry 0: the initial one).
        Weight decay is not part of it.
    data_loss_curve_ : ndarray of shape (n_epochs,)
        The same for the mean log-loss alone.
    n_features_in_ : int
        Number of input features.
    feature_names_in_ : ndarray of str
        Only when ``X`` has column names; ``predict`` then checks them.
    n_iter_ : int
        Number of epochs run (``n_epochs``).

    Examples
    --------
    >>> from sklearn.datasets import make_moons
    >>> X, y = make_moons(200, noise=0.2, random_state=0)
    >>> net = MLPClassifier(penalty="l1", alpha=1e-3, proximal=True).fit(X, y)
    >>> net.score(X, y) > 0.9, net.fraction_zero() > 0
    (True, True)
    """

    def __init__(
        self,
        hidden_layer_sizes=(16, 16),
        *,
        activation="tanh",
        penalty="none",
        alpha=0.0,
        weight_decay=0.0,
        optimizer="adam",
        learning_rate=0.01,
        n_epochs=300,
        batch_size=None,
        proximal=False,
        random_state=0,
    ):
        self.hidden_layer_sizes = hidden_layer_sizes
        self.activation = activation
        self.penalty = penalty
        self.alpha = alpha
        self.weight_decay = weight_decay
        self.optimizer = optimizer
        self.learning_rate = learning_rate
        self.n_epochs = n_epochs
        self.batch_size = batch_size
        self.proximal = proximal
        self.random_state = random_state

    # ----------------------------------------------------------------- validation
    def _check_params(self):
        sizes = self.hidden_layer_sizes
        if isinstance(sizes, numbers.Integral) and not isinstance(sizes, bool):
            sizes = (sizes,)
        if not isinstance(sizes, (tuple, list)) or not all(
            isinstance(s, numbers.Integral) and not isinstance(s, bool) and s >= 1
            for s in sizes
        ):
            raise ValueError(
                "`hidden_layer_sizes` must be a tuple of positive integers, such as "
                f"(16, 16). Got {self.hidden_layer_sizes!r} instead."
            )
        check_option(self.activation, "activation", ("tanh", "relu"))
        check_option(self.penalty, "penalty", ("none", "l1", "l2"))
        check_alpha(self.alpha, "alpha")
        check_alpha(self.weight_decay, "weight_decay")
        check_option(self.optimizer, "optimizer", ("sgd", "adam", "adamw"))
        check_scalar(self.learning_rate, "learning_rate", low=0.0, low_inclusive=False)
        check_scalar(self.n_epochs, "n_epochs", low=1, high=MAX_EPOCHS, integer=True)
        if self.batch_size is not None:
            check_scalar(self.batch_size, "batch_size", low=1, integer=True)
        check_bool(self.proximal, "proximal")
        check_random_state(self.random_state)
        return tuple(int(s) for s in sizes)

    def _penalty_term(self):
        """The reglab penalty object for ``alpha * P``, or None."""
        if self.penalty == "l1":
            return L1(self.alpha)
        if self.penalty == "l2":
            return L2(self.alpha)
        return None

    # ------------------------------------------------------------ objective
    def _penalty_value(self):
        """alpha * sum_l P(W_l) over the weight matrices (biases excluded)."""
        if self._penalty_ is None:
            return 0.0
        return float(sum(self._penalty_.value(W.ravel()) for W in self.coefs_))

    def _penalty_gradient(self, W):
        """Gradient of alpha * P at W: alpha W for L2, alpha sign(W) for L1."""
        # L1's subgradient is the minimum-norm element: 0 where W is exactly 0.
        return self._penalty_.subgradient(W.ravel()).reshape(W.shape)

    def _objective_and_gradients(
        self, X, targets, weights=None, *, penalty_gradient=True
    ):
        """The two terms of the objective on (X, targets), and its gradients.

        Returns ``(data_loss, penalty_value, grad_coefs, grad_intercepts)``: the mean
        log-loss, ``alpha * P``, and the gradients of their sum for every weight and
        bias. With ``penalty_gradient=False`` the gradients are the log-loss's alone
        (the proximal step takes care of the penalty).
        """
        layer_outputs, z = _forward(X, self.coefs_, self.intercepts_, self.activation)
        data_loss = _log_loss(targets, z, weights)
        grad_coefs, grad_intercepts = _backprop(
            layer_outputs, z, targets, self.coefs_, self.activation, weights
        )
        if penalty_gradient and self._penalty_ is not None:
            grad_coefs = [
                g + self._penalty_gradient(W)
                for g, W in zip(grad_coefs, self.coefs_, strict=True)
            ]
        return data_loss, self._penalty_value(), grad_coefs, grad_intercepts

    # ------------------------------------------------------------------ training
    def _initialize(self, n_features, hidden_sizes, n_outputs, rng):
        """Glorot-uniform weights for tanh, He-normal for relu; zero biases.

        Returns every parameter in one flat vector ``theta`` (all weights first, then
        all biases) and the number of weights. ``coefs_`` and ``intercepts_`` are
        views into ``theta``, so an optimizer step on ``theta`` updates the network.
        """
        sizes = [n_features, *hidden_sizes, n_outputs]
        shapes = list(itertools.pairwise(sizes))
        n_weights = sum(fan_in * fan_out for fan_in, fan_out in shapes)
        theta = np.zeros(n_weights + sum(sizes[1:]))
        self.coefs_, self.intercepts_ = [], []
        start = 0
        for fan_in, fan_out in shapes:
            W = theta[start : start + fan_in * fan_out].reshape(fan_in, fan_out)
            if self.activation == "tanh":
                limit = np.sqrt(6.0 / (fan_in + fan_out))
                W[...] = rng.uniform(-limit, limit, size=W.shape)
            else:
                W[...] = rng.normal(0.0, np.sqrt(2.0 / fan_in), size=W.shape)
            self.coefs_.append(W)
            start += W.size
        for fan_out in sizes[1:]:
            self.intercepts_.append(theta[start : start + fan_out])
            start += fan_out
        return theta, n_weights

    def fit(self, X, y, sample_weight=None):
        """Train the network on ``X`` (n, p) and class labels ``y`` (n,).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        sample_weight : array-like of shape (n_samples,), default=None
            Weights ``s_i >= 0``, rescaled to mean 1: each sample's log-loss is
            multiplied by ``s_i`` (in every batch it is in), so a weight of 2 counts
            a row twice in the full-batch objective and a weight of 0 drops it.

        Returns
        -------
        self : MLPClassifier
            The fitted network.

        Raises
        ------
        ValueError
            If training diverges (the loss becomes inf or NaN): lower
            ``learning_rate`` or standardize ``X``.
        """
        hidden_sizes = self._check_params()
        check_y_given(self, y)
        X_checked, y = check_X_y(
            X, column_or_1d(y), classification=True, max_classes=None
        )
        # records n_features_in_ and, for data frames, feature_names_in_
        validate_data(self, X, reset=True, skip_check_array=True)
        X = X_checked
        self.classes_ = np.unique(y)
        targets = _targets(y, self.classes_)
        n, p = X.shape
        row_weights = (
            None if sample_weight is None else check_sample_weight(sample_weight, n)
        )
        self._penalty_ = self._penalty_term()
        rng = np.random.default_rng(self.random_state)  # initialization, batch order
        lr = float(self.learning_rate)
        decay = float(self.weight_decay)
        adam = self.optimizer in ("adam", "adamw")
        # plain SGD: lr (g + d W) either way, so it shares AdamW's branch
        decoupled_decay = decay if self.optimizer in ("sgd", "adamw") else 0.0
        coupled_decay = decay if self.optimizer == "adam" else 0.0
        use_prox = self.proximal and self._penalty_ is not None
        batch_size = n if self.batch_size is None else min(int(self.batch_size), n)

        n_outputs = 1 if self.classes_.size == 2 else self.classes_.size
        theta, n_weights = self._initialize(p, hidden_sizes, n_outputs, rng)
        weights = theta[:n_weights]  # the penalized part; theta[n_weights:] are biases
        first_moment = np.zeros_like(theta)
        second_moment = np.zeros_like(theta)
        t = 0
        self.loss_curve_ = np.empty(self.n_epochs)
        self.data_loss_curve_ = np.empty(self.n_epochs)
        # Overflow only happens when training diverges; that is reported below as an
        # error naming learning_rate, instead of as a RuntimeWarning from numpy.
        with np.errstate(over="ignore", invalid="ignore"):
            for epoch in range(self.n_epochs):
                epoch_data_loss = epoch_penalty = 0.0
                for batch in _minibatches(n, batch_size, rng):
                    data_loss, penalty_value, grad_coefs, grad_intercepts = (
                        self._objective_and_gradients(
                            X[batch],
                            targets[batch],
                            None if row_weights is None else row_weights[batch],
                            penalty_gradient=not use_prox,
                        )
                    )
                    # the epoch's loss: a mean over its batches, weighted by size
                    epoch_data_loss += len(batch) / n * data_loss
                    epoch_penalty += len(batch) / n * penalty_value
                    # one gradient vector, laid out like theta
                    grad = np.concatenate(
                        [g.ravel() for g in grad_coefs + grad_intercepts]
                    )
                    if coupled_decay:
                        # torch.optim.Adam's weight_decay: added to the gradient
                        grad[:n_weights] += coupled_decay * weights
                    if adam:
                        t += 1
                        # m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2
                        first_moment = (
                            ADAM_BETA1 * first_moment + (1 - ADAM_BETA1) * grad
                        )
                        second_moment = (
                            ADAM_BETA2 * second_moment + (1 - ADAM_BETA2) * grad**2
                        )
                        m_hat = first_moment / (1 - ADAM_BETA1**t)
                        v_hat = second_moment / (1 - ADAM_BETA2**t)
                        # one step size per parameter
                        step = lr / (np.sqrt(v_hat) + ADAM_EPS)
                        update = step * m_hat  # lr m_hat / (sqrt(v_hat) + eps)
                    else:
                        step = lr
                        update = lr * grad  # plain SGD: lr * grad
                    if decoupled_decay:
                        # W <- W - lr (step + weight_decay W), with W before the step
                        update[:n_weights] += lr * decoupled_decay * weights
                    theta -= update
                    if use_prox:
                        # W <- prox_{step * alpha P}(W): soft thresholding for L1
                        weights[...] = self._prox(weights, step, n_weights)
                if not (np.isfinite(epoch_data_loss) and np.all(np.isfinite(theta))):
                    raise ValueError(
                        f"Training diverged at epoch {epoch + 1}: the loss or the "
                        "weights became inf or NaN. Lower `learning_rate` "
                        f"(got {self.learning_rate!r}) or standardize X."
                    )
                self.loss_curve_[epoch] = epoch_data_loss + epoch_penalty
                self.data_loss_curve_[epoch] = epoch_data_loss
        self.n_iter_ = self.n_epochs
        return self

    def _prox(self, weights, step, n_weights):
        """prox of step * alpha * P: one step (SGD) or one per weight (Adam)."""
        if np.ndim(step) == 0:
            return self._penalty_.prox(weights, step)
        return _prox_per_weight(self._penalty_, weights, step[:n_weights])

    # ---------------------------------------------------------------- prediction
    def _check_X(self, X):
        check_is_fitted(self, "coefs_")
        X_checked = check_array(X, "X", ndim=2)
        # checks n_features_in_ and feature names against those seen in fit
        validate_data(self, X, reset=False, skip_check_array=True)
        return X_checked

    def decision_function(self, X):
        """The network's output f(x) for each row.

        Returns
        -------
        ndarray of shape (n_samples,) for two classes (the logit: positive means
        ``classes_[1]``), or (n_samples, n_classes) for more.
        """
        X = self._check_X(X)
        z = _forward(X, self.coefs_, self.intercepts_, self.activation)[1]
        return z[:, 0] if self.classes_.size == 2 else z

    def predict_proba(self, X):
        """Class probabilities, shape (n, n_classes), columns in ``classes_`` order:
        ``[1 - sigmoid(f(x)), sigmoid(f(x))]`` for two classes, ``softmax(f(x))`` for
        more."""
        scores = self.decision_function(X)
        if self.classes_.size == 2:
            p = expit(scores)  # sigmoid(f(x))
            return np.column_stack([1.0 - p, p])
        return softmax(scores, axis=1)

    def predict(self, X):
        """The predicted label of each row."""
        scores = self.decision_function(X)
        if self.classes_.size == 2:
            return self.classes_[(scores > 0).astype(int)]
        return self.classes_[np.argmax(scores, axis=1)]

    def objective(self, X, y):
        """The penalized objective (mean log-loss + alpha * P) on (X, y)."""
        X = self._check_X(X)
        y, _ = check_labels(column_or_1d(y), "y", min_classes=1)
        if y.shape[0] != X.shape[0]:
            raise ValueError(
                f"`X` and `y` must have the same number of samples. Got {X.shape[0]} "
                f"rows in X and {y.shape[0]} entries in y instead."
            )
        unknown = np.setdiff1d(np.unique(y), self.classes_)
        if unknown.size:
            raise ValueError(
                f"`y` has labels {unknown.tolist()} that were not seen in fit; "
                f"expected {self.classes_.tolist()}."
            )
        _, z = _forward(X, self.coefs_, self.intercepts_, self.activation)
        return _log_loss(_targets(y, self.classes_), z) + self._penalty_value()

    # ------------------------------------------ reading the network (for the lesson)
    def hidden_activations(self, X):
        """Outputs of every hidden layer on ``X``: a list of (n, units) arrays.

        For showing that an L2 penalty keeps activations small, not only weights.
        """
        X = self._check_X(X)
        layer_outputs, _ = _forward(X, self.coefs_, self.intercepts_, self.activation)
        return layer_outputs[1:]

    def flat_weights(self):
        """All weight-matrix entries as one 1-D array (no biases), for histograms."""
        check_is_fitted(self, "coefs_")
        return np.concatenate([W.ravel() for W in self.coefs_])

    def fraction_zero(self, atol=0.0):
        """Fraction of weights with ``|w| <= atol``; ``atol=0`` counts exact zeros."""
        atol = check_scalar(atol, "atol", low=0.0)
        return float(np.mean(np.abs(self.flat_weights()) <= atol))
