"""Tests for reglab.neural.MLPClassifier: gradients, penalties, optimizers, input."""

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.datasets import make_blobs, make_moons
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression as SklearnLogisticRegression
from sklearn_checks import estimator_check_cases

from reglab.neural import MLPClassifier, _minibatches, _prox_per_weight, _targets
from reglab.penalties import L1, L2


@pytest.fixture(scope="module")
def moons():
    return make_moons(200, noise=0.2, random_state=0)


def _all_params(net):
    return [*net.coefs_, *net.intercepts_]


# ------------------------------------------------------------------ gradients
@pytest.mark.parametrize("n_classes", [2, 3])
@pytest.mark.parametrize("activation", ["tanh", "relu"])
@pytest.mark.parametrize("penalty", ["none", "l1", "l2"])
def test_gradient_matches_finite_differences(activation, penalty, n_classes):
    X, y = make_moons(30, noise=0.3, random_state=1)
    if n_classes == 3:
        y = np.where(X[:, 0] > 1.0, 2, y)  # a third class: softmax outputs
    net = MLPClassifier(
        (5, 4), activation=activation, penalty=penalty, alpha=0.05, n_epochs=3
    ).fit(X, y)
    assert net.coefs_[-1].shape[1] == (1 if n_classes == 2 else 3)
    y01 = _targets(y, net.classes_)
    # The L1 term has a kink at 0 and relu at a = 0: central differences are only
    # valid away from both, which random weights and data are (checked here).
    assert min(np.min(np.abs(W)) for W in net.coefs_) > 1e-4
    _, _, grad_coefs, grad_intercepts = net._objective_and_gradients(X, y01)
    eps = 1e-6
    for param, grad in zip(
        _all_params(net), [*grad_coefs, *grad_intercepts], strict=True
    ):
        numeric = np.empty_like(param)
        for index in np.ndindex(param.shape):
            saved = param[index]
            param[index] = saved + eps
            plus = sum(net._objective_and_gradients(X, y01)[:2])
            param[index] = saved - eps
            minus = sum(net._objective_and_gradients(X, y01)[:2])
            param[index] = saved
            numeric[index] = (plus - minus) / (2 * eps)
        np.testing.assert_allclose(grad, numeric, rtol=1e-5, atol=1e-8)


def test_objective_is_log_loss_plus_alpha_times_penalty(moons):
    X, y = moons
    net = MLPClassifier((8,), penalty="l2", alpha=0.1, n_epochs=20).fit(X, y)
    proba = net.predict_proba(X)[:, 1]
    y01 = y == net.classes_[1]
    log_loss = -np.mean(np.where(y01, np.log(proba), np.log1p(-proba)))
    squared = sum(np.sum(W**2) for W in net.coefs_)  # biases are not penalized
    assert net.objective(X, y) == pytest.approx(log_loss + 0.1 / 2 * squared)
    # full batch, loss_curve_[k] is the objective after k epochs
    longer = MLPClassifier((8,), penalty="l2", alpha=0.1, n_epochs=21).fit(X, y)
    assert longer.loss_curve_[-1] == pytest.approx(net.objective(X, y))
    assert longer.data_loss_curve_[-1] == pytest.approx(log_loss)


def test_empty_hidden_layers_is_logistic_regression_with_reglab_alpha(moons):
    # reglab's alpha is scikit-learn's C = 1 / (n alpha)
    X, y = moons
    alpha = 0.05
    net = MLPClassifier(
        (), penalty="l2", alpha=alpha, optimizer="sgd", learning_rate=1.0, n_epochs=500
    ).fit(X, y)
    oracle = SklearnLogisticRegression(C=1 / (len(y) * alpha), tol=1e-10).fit(X, y)
    np.testing.assert_allclose(net.coefs_[0][:, 0], oracle.coef_[0], atol=1e-6)
    np.testing.assert_allclose(net.intercepts_[0], oracle.intercept_, atol=1e-6)


# ---------------------------------------------------- weight decay vs L2 penalty
def test_sgd_l2_penalty_equals_weight_decay(moons):
    X, y = moons
    common = dict(optimizer="sgd", learning_rate=0.5, n_epochs=200)
    with_penalty = MLPClassifier(penalty="l2", alpha=0.01, **common).fit(X, y)
    with_decay = MLPClassifier(weight_decay=0.01, **common).fit(X, y)
    plain = MLPClassifier(**common).fit(X, y)
    for a, b in zip(_all_params(with_penalty), _all_params(with_decay), strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(
        with_penalty.data_loss_curve_, with_decay.data_loss_curve_, rtol=1e-9
    )
    # and the decay really did something
    assert np.linalg.norm(with_decay.flat_weights()) < 0.8 * np.linalg.norm(
        plain.flat_weights()
    )


def test_adam_l2_penalty_differs_from_adamw(moons):
    X, y = moons
    with_penalty = MLPClassifier(optimizer="adam", penalty="l2", alpha=0.01).fit(X, y)
    adamw = MLPClassifier(optimizer="adamw", weight_decay=0.01).fit(X, y)
    gap = np.linalg.norm(with_penalty.flat_weights() - adamw.flat_weights())
    assert gap > 0.1 * np.linalg.norm(adamw.flat_weights())


def test_adam_weight_decay_is_added_to_the_gradient_as_in_torch_adam(moons):
    X, y = moons
    with_penalty = MLPClassifier(optimizer="adam", penalty="l2", alpha=0.01).fit(X, y)
    with_decay = MLPClassifier(optimizer="adam", weight_decay=0.01).fit(X, y)
    for a, b in zip(_all_params(with_penalty), _all_params(with_decay), strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("optimizer", ["sgd", "adamw"])
def test_decoupled_decay_shrinks_weights_geometrically_and_leaves_biases(optimizer):
    # With X = 0 the loss does not depend on the weights (their gradient is 0), so only
    # the decay moves them: W = W_0 (1 - lr * weight_decay)^steps (Adam's own step is
    # 0 / (0 + eps) = 0). The bias still learns the class balance, exactly as it does
    # without decay.
    X = np.zeros((5, 2))
    y = np.array([0, 1, 1, 1, 0])
    common = dict(hidden_layer_sizes=(), optimizer=optimizer, learning_rate=0.5)
    decayed = MLPClassifier(weight_decay=0.1, n_epochs=10, **common).fit(X, y)
    plain = MLPClassifier(n_epochs=10, **common).fit(X, y)
    np.testing.assert_allclose(decayed.coefs_[0], plain.coefs_[0] * (1 - 0.05) ** 10)
    assert np.array_equal(decayed.intercepts_[0], plain.intercepts_[0])
    assert plain.intercepts_[0][0] > 0.1  # the bias did move


def test_adam_weight_decay_goes_through_the_adaptive_scaling():
    # Same setting, torch.optim.Adam style: the gradient is weight_decay * W, and
    # Adam's normalized step m_hat / sqrt(v_hat) is about sign(W): every weight moves
    # about lr per step whatever its size, unlike the geometric decay above.
    X = np.zeros((5, 2))
    y = np.array([0, 1, 1, 1, 0])
    common = dict(hidden_layer_sizes=(), optimizer="adam", learning_rate=0.01)
    decayed = MLPClassifier(weight_decay=0.1, n_epochs=10, **common).fit(X, y)
    plain = MLPClassifier(n_epochs=10, **common).fit(X, y)
    moved = np.abs(plain.coefs_[0]) - np.abs(decayed.coefs_[0])
    np.testing.assert_allclose(moved, 10 * 0.01, rtol=0.05)


# ------------------------------------------------------------------- sparsity
def test_l1_subgradient_gives_small_weights_but_no_exact_zeros(moons):
    X, y = moons
    net = MLPClassifier(penalty="l1", alpha=1e-3).fit(X, y)
    assert net.fraction_zero() == 0.0
    assert net.fraction_zero(atol=1e-3) > 0.2


@pytest.mark.parametrize(
    "optimizer, learning_rate", [("sgd", 0.5), ("adam", 0.01), ("adamw", 0.01)]
)
def test_proximal_l1_gives_exact_zeros(moons, optimizer, learning_rate):
    X, y = moons
    common = dict(
        penalty="l1", alpha=1e-3, optimizer=optimizer, learning_rate=learning_rate
    )
    subgradient = MLPClassifier(**common).fit(X, y)
    proximal = MLPClassifier(proximal=True, **common).fit(X, y)
    assert subgradient.fraction_zero() == 0.0
    assert proximal.fraction_zero() > 0.1
    assert proximal.score(X, y) > 0.95
    zeros = proximal.flat_weights() == 0
    assert np.all(proximal.flat_weights()[~zeros] != 0)


def test_l1_subgradient_zigzags_where_l2_and_the_prox_descend(moons):
    # The kink of |w| at 0: subgradient steps jump across it and the objective goes up
    # and down; the smooth L2 penalty and the proximal L1 step descend steadily.
    X, y = moons
    common = dict(optimizer="sgd", learning_rate=0.5)

    def rises_in_last_100_epochs(**params):
        curve = MLPClassifier(**common, **params).fit(X, y).loss_curve_
        return int(np.sum(np.diff(curve[-100:]) > 0))

    assert rises_in_last_100_epochs(penalty="l1", alpha=0.01) > 20
    assert rises_in_last_100_epochs(penalty="l1", alpha=0.01, proximal=True) == 0
    assert rises_in_last_100_epochs(penalty="l2", alpha=0.02) == 0


def test_proximal_l2_shrinks_without_zeros(moons):
    X, y = moons
    net = MLPClassifier(penalty="l2", alpha=0.01, proximal=True).fit(X, y)
    plain = MLPClassifier().fit(X, y)
    assert net.fraction_zero() == 0.0
    assert np.linalg.norm(net.flat_weights()) < np.linalg.norm(plain.flat_weights())


@pytest.mark.parametrize("penalty_class", [L1, L2])
def test_per_weight_prox_matches_penalty_prox_for_a_constant_step(penalty_class):
    W = np.random.default_rng(0).normal(size=(4, 3))
    penalty = penalty_class(0.7)
    step = np.full_like(W, 0.3)
    expected = penalty.prox(W.ravel(), 0.3).reshape(W.shape)
    np.testing.assert_allclose(_prox_per_weight(penalty, W, step), expected)


@pytest.mark.parametrize("penalty", ["l1", "l2"])
def test_larger_alpha_gives_smaller_weights(moons, penalty):
    X, y = moons
    norm = np.linalg.norm if penalty == "l2" else lambda w: np.abs(w).sum()
    sizes = [
        norm(MLPClassifier(penalty=penalty, alpha=a).fit(X, y).flat_weights())
        for a in (0.0, 1e-3, 1e-2, 1e-1)
    ]
    assert all(np.diff(sizes) < 0), sizes


def test_l2_keeps_hidden_activations_small(moons):
    X, y = moons
    plain = MLPClassifier(activation="relu").fit(X, y)
    penalized = MLPClassifier(activation="relu", penalty="l2", alpha=0.01).fit(X, y)
    for h_plain, h_penalized in zip(
        plain.hidden_activations(X), penalized.hidden_activations(X), strict=True
    ):
        assert h_penalized.shape == h_plain.shape
        assert np.abs(h_penalized).mean() < 0.75 * np.abs(h_plain).mean()


# --------------------------------------------------------------------- fitting
@pytest.mark.parametrize(
    "params",
    [
        {},
        {"activation": "relu"},
        {"optimizer": "sgd", "learning_rate": 0.5},
        {"optimizer": "adamw", "weight_decay": 1e-3},
        {"batch_size": 32, "n_epochs": 100},
        {"penalty": "l2", "alpha": 1e-3},
    ],
)
def test_fits_moons(moons, params):
    X, y = moons
    net = MLPClassifier(**params).fit(X, y)
    assert net.score(X, y) >= 0.95
    assert net.loss_curve_[-1] < net.loss_curve_[0]
    assert net.loss_curve_.shape == (net.n_epochs,) == (net.n_iter_,)


def test_predictions_are_consistent_and_keep_labels(moons):
    X, y = moons
    labels = np.array(["left", "right"])[y]
    net = MLPClassifier(n_epochs=50).fit(X, labels)
    assert list(net.classes_) == ["left", "right"]
    proba = net.predict_proba(X)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    expected = np.where(net.decision_function(X) > 0, "right", "left")
    assert np.array_equal(net.predict(X), expected)
    assert np.array_equal(net.predict(X), net.classes_[proba.argmax(axis=1)])
    assert [W.shape for W in net.coefs_] == [(2, 16), (16, 16), (16, 1)]
    assert [b.shape for b in net.intercepts_] == [(16,), (16,), (1,)]
    assert net.flat_weights().shape == (2 * 16 + 16 * 16 + 16,)


@pytest.mark.parametrize("batch_size", [None, 16])
def test_random_state_fixes_initialization_and_batch_order(moons, batch_size):
    X, y = moons
    params = dict(batch_size=batch_size, n_epochs=20)
    first = MLPClassifier(random_state=3, **params).fit(X, y)
    again = MLPClassifier(random_state=3, **params).fit(X, y)
    other = MLPClassifier(random_state=4, **params).fit(X, y)
    assert np.array_equal(first.flat_weights(), again.flat_weights())
    assert np.array_equal(first.loss_curve_, again.loss_curve_)
    assert not np.allclose(first.flat_weights(), other.flat_weights())


def test_minibatches_cover_every_row_once_in_a_new_order_each_epoch():
    rng = np.random.default_rng(0)
    first = _minibatches(10, 4, rng)
    second = _minibatches(10, 4, rng)
    assert [len(b) for b in first] == [4, 4, 2]
    for epoch in (first, second):
        assert sorted(np.concatenate(epoch)) == list(range(10))
    assert not np.array_equal(np.concatenate(first), np.concatenate(second))
    (full,) = _minibatches(10, 10, rng)
    assert np.array_equal(full, np.arange(10))


def test_batch_larger_than_data_is_full_batch(moons):
    X, y = moons
    full = MLPClassifier(n_epochs=20).fit(X, y)
    big = MLPClassifier(n_epochs=20, batch_size=10_000).fit(X, y)
    assert np.array_equal(full.flat_weights(), big.flat_weights())


def test_clone_and_get_params():
    net = MLPClassifier((4,), penalty="l1", alpha=0.1, proximal=True)
    copy = clone(net)
    assert copy.get_params() == net.get_params()
    assert copy.get_params()["hidden_layer_sizes"] == (4,)


def test_diverging_training_raises_naming_learning_rate(moons):
    X, y = moons
    net = MLPClassifier(activation="relu", optimizer="sgd", learning_rate=1e200)
    with pytest.raises(ValueError, match=r"diverged.*`learning_rate`"):
        net.fit(X * 1e100, y)


# ------------------------------------------------------------------ bad input
@pytest.mark.parametrize(
    "params, error, match",
    [
        ({"hidden_layer_sizes": (16, 0)}, ValueError, "`hidden_layer_sizes`"),
        ({"hidden_layer_sizes": "16"}, ValueError, "`hidden_layer_sizes`"),
        ({"activation": "sigmoid"}, ValueError, "`activation` must be one of"),
        ({"penalty": "elasticnet"}, ValueError, "`penalty` must be one of"),
        ({"alpha": -1.0}, ValueError, "`alpha` must be >= 0"),
        ({"alpha": "big"}, TypeError, "`alpha` must be a real number"),
        ({"weight_decay": -0.1}, ValueError, "`weight_decay` must be >= 0"),
        ({"optimizer": "rmsprop"}, ValueError, "`optimizer` must be one of"),
        ({"learning_rate": 0.0}, ValueError, "`learning_rate` must be > 0"),
        ({"n_epochs": 0}, ValueError, "`n_epochs` must be >= 1"),
        ({"n_epochs": 2.5}, TypeError, "`n_epochs` must be an integer"),
        ({"batch_size": 0}, ValueError, "`batch_size` must be >= 1"),
        ({"proximal": "yes"}, TypeError, "`proximal` must be True or False"),
        ({"random_state": -1}, ValueError, "`random_state`"),
    ],
)
def test_bad_parameters_raise_naming_the_parameter(moons, params, error, match):
    X, y = moons
    with pytest.raises(error, match=match):
        MLPClassifier(**params).fit(X, y)


@pytest.mark.parametrize(
    "X, y, error, match",
    [
        ([[0.0, np.nan], [1.0, 1.0]], [0, 1], ValueError, "`X` contains NaN"),
        ([0.0, 1.0, 2.0], [0, 1, 0], ValueError, "`X` must be a 2-D array"),
        ([[0.0], [1.0]], [1, 1], ValueError, "`y` must contain at least 2 classes"),
        ([[0.0], [1.0], [2.0]], [0, 1, 0, 1], ValueError, "same number of samples"),
        ([["a"], ["b"]], [0, 1], TypeError, "`X` must contain only numbers"),
    ],
)
def test_bad_data_raises_naming_the_parameter(X, y, error, match):
    with pytest.raises(error, match=match):
        MLPClassifier(n_epochs=1).fit(X, y)


def test_predict_checks_fitted_and_feature_count(moons):
    X, y = moons
    with pytest.raises(NotFittedError):
        MLPClassifier().predict(X)
    net = MLPClassifier(n_epochs=1).fit(X, y)
    with pytest.raises(ValueError, match="X has 3 features, but MLPClassifier is exp"):
        net.predict(np.ones((2, 3)))
    with pytest.raises(ValueError, match="`atol` must be >= 0"):
        net.fraction_zero(atol=-1.0)
    with pytest.raises(ValueError, match="`y` has labels \\[5\\]"):
        net.objective(X, np.where(y == 1, 5, 0))


# ------------------------------------------------- a scikit-learn classifier
def _expected_failed_checks(estimator):
    if estimator.batch_size is None:
        return {}
    return {
        "check_sample_weight_equivalence_on_dense_data": (
            "minibatches are drawn over rows, so a row of weight 2 and the same row "
            "twice fall into different batches: equal in expectation, not exactly"
        )
    }


@pytest.mark.parametrize(
    ("estimator", "check"),
    estimator_check_cases(
        [
            MLPClassifier(),
            # 30 epochs, not the default 300: every check still runs the minibatch
            # proximal SGD path end to end, and check_classifiers_train's accuracy bar
            # is met from 5 epochs on; at 300 the 62 checks cost 30 CPU-seconds.
            MLPClassifier(
                (8,),
                penalty="l1",
                alpha=1e-3,
                proximal=True,
                optimizer="sgd",
                learning_rate=0.5,
                batch_size=16,
                n_epochs=30,
            ),
        ],
        expected_failed_checks=_expected_failed_checks,
    ),
)
def test_sklearn_estimator_checks(estimator, check):
    check(estimator)


@pytest.fixture(scope="module")
def blobs():
    X, y = make_blobs(150, centers=3, random_state=0)
    return X, np.array(["red", "green", "blue"])[y]


def test_multiclass_is_softmax_cross_entropy(blobs):
    X, y = blobs
    net = MLPClassifier((8,), penalty="l2", alpha=0.01, n_epochs=100).fit(X, y)
    assert list(net.classes_) == ["blue", "green", "red"]
    assert net.coefs_[-1].shape == (8, 3) and net.intercepts_[-1].shape == (3,)
    scores = net.decision_function(X)
    assert scores.shape == (150, 3)
    proba = net.predict_proba(X)
    # softmax of the scores, rows summing to 1, columns in classes_ order
    expected = np.exp(scores - scores.max(axis=1, keepdims=True))
    np.testing.assert_allclose(proba, expected / expected.sum(axis=1, keepdims=True))
    assert np.array_equal(net.predict(X), net.classes_[proba.argmax(axis=1)])
    # the objective is the mean cross-entropy plus alpha / 2 * sum of squared weights
    rows = np.searchsorted(net.classes_, y)
    cross_entropy = -np.mean(np.log(proba[np.arange(len(y)), rows]))
    squared = sum(np.sum(W**2) for W in net.coefs_)
    assert net.objective(X, y) == pytest.approx(cross_entropy + 0.01 / 2 * squared)
    assert net.loss_curve_[-1] < net.loss_curve_[0]
    assert net.score(X, y) > 0.9


def test_feature_names_are_checked_at_predict_time(moons):
    pd = pytest.importorskip("pandas")
    X, y = moons
    frame = pd.DataFrame(X, columns=["width", "height"])
    net = MLPClassifier(n_epochs=5).fit(frame, y)
    assert list(net.feature_names_in_) == ["width", "height"]
    on_array = MLPClassifier(n_epochs=5).fit(X, y)
    np.testing.assert_array_equal(net.predict_proba(frame), on_array.predict_proba(X))
    with pytest.raises(ValueError, match="feature names should match"):
        net.predict(frame[["height", "width"]])


def test_absurd_epoch_count_is_refused_by_name(moons):
    X, y = moons
    with pytest.raises(ValueError, match=r"`n_epochs` must be <= 1000000"):
        MLPClassifier(n_epochs=10**30).fit(X, y)


def test_sample_weight_counts_rows(moons):
    X, y = moons
    weights = np.ones(len(y))
    weights[:50] = 2.0  # the first 50 rows twice
    weights[150:] = 0.0  # the last 50 rows not at all
    weighted = MLPClassifier(n_epochs=50).fit(X, y, sample_weight=weights)
    rows = np.concatenate([np.arange(50), np.arange(150)])
    repeated = MLPClassifier(n_epochs=50).fit(X[rows], y[rows])
    np.testing.assert_allclose(weighted.flat_weights(), repeated.flat_weights())
    np.testing.assert_allclose(weighted.loss_curve_, repeated.loss_curve_)
    unit = MLPClassifier(n_epochs=50).fit(X, y, sample_weight=np.full(len(y), 3.0))
    np.testing.assert_array_equal(
        unit.flat_weights(), MLPClassifier(n_epochs=50).fit(X, y).flat_weights()
    )
