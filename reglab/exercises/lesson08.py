"""Graders for notebook 08 (neural networks).

Each grader takes the learner's answer and returns ``(is_right, message)``. The right
answer is always computed here from numpy or reglab, never typed in.
"""

import numpy as np

from reglab.exercises import exercise
from reglab.neural import ADAM_EPS
from reglab.penalties import L1

# 08.adam_first_step: the numbers the notebook states in the question.
ADAM_W = 2.0
ADAM_GRAD = 0.1
ADAM_LR = 0.01
ADAM_DECAY = 0.1

# 08.prox_step
PROX_W = 0.003
PROX_GRAD = 0.002
PROX_LR = 0.5
PROX_ALPHA = 0.01

# 08.keras_l2: kernel_regularizer=l2(KERAS_L2) with BinaryCrossentropy
KERAS_L2 = 0.0005

# 08.dropout_alpha: inverted dropout of standardized inputs with this drop rate
DROPOUT_RATE = 0.2


def _close(a, b):
    return bool(np.isclose(a, b, rtol=1e-7, atol=1e-9))


def _pair(answer, what):
    values = np.ravel(np.asarray(answer, dtype=float))
    if values.shape != (2,):
        raise ValueError(f"give two numbers, {what}")
    return float(values[0]), float(values[1])


def _adam_step(gradient):
    # at t = 1: m_hat = g and v_hat = g^2, so the step is lr * g / (|g| + eps)
    return ADAM_LR * gradient / (abs(gradient) + ADAM_EPS)


@exercise("08.adam_first_step")
def _grade_adam_first_step(answer):
    adam_got, adamw_got = _pair(answer, "(adam, adamw)")
    coupled_gradient = ADAM_GRAD + ADAM_DECAY * ADAM_W
    adam = ADAM_W - _adam_step(coupled_gradient)
    adamw = ADAM_W - _adam_step(ADAM_GRAD) - ADAM_LR * ADAM_DECAY * ADAM_W
    if _close(adam_got, adam) and _close(adamw_got, adamw):
        return True, (
            f"Adam: {adam:.4f}, AdamW: {adamw:.4f}. In Adam the decay is part of the "
            f"gradient and is normalized away: the first step has size lr = "
            f"{ADAM_LR:g} whatever the decay. AdamW's decay lr * wd * w = "
            f"{ADAM_LR * ADAM_DECAY * ADAM_W:g} comes on top of the normalized step."
        )
    if _close(adam_got, adamw) and _close(adamw_got, adam):
        return False, "the two numbers are swapped: give (adam, adamw)."
    messages = []
    if not _close(adam_got, adam):
        if _close(adam_got, adamw):
            messages.append(
                "Adam: that is AdamW's update. In torch.optim.Adam the decay is added "
                "to the gradient, g + wd * w, before the division by sqrt(v_hat)."
            )
        elif _close(adam_got, ADAM_W - ADAM_LR * coupled_gradient):
            messages.append(
                "Adam: you took a plain SGD step. Adam divides m_hat by sqrt(v_hat); "
                "at t = 1 that is g / |g|, so the step is lr times the sign."
            )
        elif _close(adam_got, ADAM_W - _adam_step(ADAM_GRAD)):
            messages.append(
                "Adam: the decay is missing. With Adam's weight_decay the gradient is "
                "g + wd * w."
            )
        else:
            messages.append("Adam: add wd * w to g, then step by lr * g / (|g| + eps).")
    if not _close(adamw_got, adamw):
        if _close(adamw_got, adam):
            messages.append(
                "AdamW: that is Adam's coupled update. AdamW keeps the decay out of "
                "the gradient and subtracts lr * wd * w separately."
            )
        elif _close(adamw_got, ADAM_W - _adam_step(ADAM_GRAD) - ADAM_DECAY * ADAM_W):
            messages.append(
                "AdamW: that is Loshchilov and Hutter's form with schedule "
                "multiplier 1, where the decay is not multiplied by the learning "
                "rate. The exercise asks for PyTorch's torch.optim.AdamW, which "
                "multiplies it by lr: w <- w - lr * wd * w."
            )
        elif _close(adamw_got, ADAM_W - ADAM_LR * (ADAM_GRAD + ADAM_DECAY * ADAM_W)):
            messages.append(
                "AdamW: the loss gradient still goes through Adam's normalization, "
                "m_hat / (sqrt(v_hat) + eps); only the decay stays outside."
            )
        else:
            messages.append(
                "AdamW: w - lr * (g / (|g| + eps) + wd * w) at the first step."
            )
    return False, " ".join(messages)


@exercise("08.prox_step")
def _grade_prox_step(answer):
    sub_got, prox_got = _pair(answer, "(subgradient, proximal)")
    subgradient = PROX_W - PROX_LR * (PROX_GRAD + PROX_ALPHA * np.sign(PROX_W))
    v = PROX_W - PROX_LR * PROX_GRAD  # after the gradient step on the loss
    proximal = float(L1(PROX_ALPHA).prox(np.array([v]), PROX_LR)[0])
    if _close(sub_got, subgradient) and _close(prox_got, proximal):
        return True, (
            f"the subgradient step overshoots to {subgradient:g}, across zero, and "
            f"next step it will be pushed back; the proximal step lands on exactly "
            f"{proximal:g}, because |v| = {abs(v):g} is below lr * alpha = "
            f"{PROX_LR * PROX_ALPHA:g}."
        )
    if _close(sub_got, proximal) and _close(prox_got, subgradient):
        return False, "the two numbers are swapped: give (subgradient, proximal)."
    messages = []
    if not _close(sub_got, subgradient):
        if sub_got == 0.0:
            messages.append(
                "subgradient: it does not stop at zero; it subtracts lr * (g + alpha "
                "* sign(w)) whatever the result, here crossing zero."
            )
        elif _close(sub_got, v):
            messages.append(
                "subgradient: you left out the penalty's part, lr * alpha * sign(w)."
            )
        else:
            messages.append("subgradient: compute w - lr * (g + alpha * sign(w)).")
    if not _close(prox_got, proximal):
        if _close(prox_got, v):
            messages.append(
                "proximal: that is only the gradient step v; then soft-threshold it "
                "at lr * alpha."
            )
        elif _close(prox_got, np.sign(v) * (abs(v) - PROX_LR * PROX_ALPHA)):
            messages.append(
                "proximal: |v| - lr * alpha is negative here; soft thresholding clips "
                "it at 0 (max(..., 0)), so the weight becomes exactly zero."
            )
        else:
            messages.append(
                "proximal: v = w - lr * g, then sign(v) * max(|v| - lr * alpha, 0)."
            )
    return False, " ".join(messages)


@exercise("08.keras_l2")
def _grade_keras_l2(answer):
    from reglab.conventions import from_keras

    got = float(answer)
    right = from_keras(l2=KERAS_L2, loss="logistic")["alpha"]
    if _close(got, right):
        return True, (
            f"alpha = 2 x {KERAS_L2:g} = {right:g}. Keras adds c * sum(w^2) to the "
            "mean cross-entropy; reglab's L2 is alpha / 2 * sum(w^2) next to the same "
            "mean log-loss, so alpha = 2c."
        )
    if _close(got, KERAS_L2):
        return False, (
            "Keras' l2(c) adds c * sum(w^2), without the 1/2 that reglab's L2 penalty "
            "alpha / 2 * sum(w^2) has, so alpha is 2c. (c itself would be right "
            "with MeanSquaredError, whose mean of squares is twice reglab's data term.)"
        )
    if _close(got, KERAS_L2 / 2):
        return False, ("the factor goes the other way: alpha / 2 = c, so alpha = 2c.")
    if _close(got, 4 * KERAS_L2):
        return False, (
            "BinaryCrossentropy's mean log-loss is exactly reglab's data term; only "
            "the 1/2 in reglab's L2 penalty needs a factor 2."
        )
    return False, (
        "match c * sum(w^2) to reglab's alpha / 2 * sum(w^2); the mean cross-entropy "
        "is the same in both."
    )


@exercise("08.dropout_alpha")
def _grade_dropout_alpha(answer):
    got = float(answer)
    # expected loss = loss + (q / (1 - q)) / 2 * sum_j (mean_i x_ij^2) w_j^2, and
    # standardized columns have mean_i x_ij^2 = 1: ridge with alpha = q / (1 - q)
    right = DROPOUT_RATE / (1.0 - DROPOUT_RATE)
    if _close(got, right):
        return True, (
            f"alpha = q / (1 - q) = {DROPOUT_RATE:g} / {1 - DROPOUT_RATE:g} = "
            f"{right:g}. Each kept input is divided by 1 - q, which adds variance "
            "q / (1 - q) x^2 to it; with standardized features that is the same "
            "penalty on every coefficient."
        )
    if _close(got, DROPOUT_RATE):
        return False, (
            "q itself is the drop rate; the penalty comes from the variance of the "
            "rescaled input, q / (1 - q) times x^2."
        )
    if _close(got, (1.0 - DROPOUT_RATE) / DROPOUT_RATE):
        return False, "upside down: more dropout must mean a stronger penalty."
    if _close(got, DROPOUT_RATE / (1.0 + DROPOUT_RATE)):
        return False, "divide by the keep probability 1 - q, not by 1 + q."
    return False, (
        "write the variance of x / (1 - q) kept with probability 1 - q, and compare "
        "the averaged loss with (1/2n) RSS + alpha / 2 ||w||^2."
    )
