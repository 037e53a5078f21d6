"""Graders for notebook 09 (claims, tested).

Each grader takes the learner's answer and returns ``(is_right, message)``. The right
answer is always computed here from numpy or reglab, never typed in.
"""

import numpy as np

from reglab.exercises import answers_close, exercise

# 09.prior_alpha and 09.laplace_alpha: the numbers the notebook's questions state.
SIGMA = 3.0
N_SAMPLES = 100
TAU = 0.2  # Gaussian prior w_j ~ N(0, TAU^2)
BETA = 0.05  # Laplace prior p(w_j) ~ exp(-|w_j| / BETA)


def _prior_grader(answer, *, scale, scale_name, squared):
    """Shared feedback for alpha = sigma^2 / (n * scale^k), k = 2 (Gaussian) or 1."""
    got = float(answer)
    prior_term = scale**2 if squared else scale
    right = SIGMA**2 / (N_SAMPLES * prior_term)
    formula = f"sigma^2 / (n {scale_name}{'^2' if squared else ''})"
    if answers_close(got, right):
        return True, (
            f"alpha = {formula} = {SIGMA**2:g} / ({N_SAMPLES} * {prior_term:g}) = "
            f"{right:.4g}. Dividing the negative log posterior's "
            "1/(2 sigma^2) RSS by n/sigma^2 turns it into reglab's (1/2n) RSS."
        )
    if answers_close(got, SIGMA**2 / prior_term):
        return False, (
            "you forgot n: reglab's loss is RSS / (2n), so multiplying the negative "
            f"log posterior by sigma^2 / n leaves alpha = {formula}."
        )
    if answers_close(got, prior_term / (N_SAMPLES * SIGMA**2)) or answers_close(
        got, prior_term / SIGMA**2
    ):
        return False, (
            "the ratio is upside down: a tighter prior (smaller "
            f"{scale_name}) must mean MORE shrinkage, so {scale_name} goes in the "
            "denominator."
        )
    if answers_close(got, SIGMA / (N_SAMPLES * prior_term)):
        return False, "use the noise variance sigma^2, not sigma."
    if squared and answers_close(got, SIGMA**2 / (N_SAMPLES * scale)):
        return (
            False,
            "the Gaussian prior's term is w^2 / (2 tau^2): use tau^2, not tau.",
        )
    if not squared and answers_close(got, SIGMA**2 / (N_SAMPLES * scale**2)):
        return False, (
            "the Laplace prior's term is |w| / beta, linear in beta: use beta, not "
            "beta^2."
        )
    if answers_close(got, SIGMA**2 / (2 * N_SAMPLES * prior_term)) or answers_close(
        got, 2 * right
    ):
        return False, (
            "a factor 2 is off: multiply the whole negative log posterior by "
            "sigma^2 / n; its 1/(2 sigma^2) RSS becomes reglab's (1/2n) RSS and the "
            "prior's term then reads off as alpha = " + formula + "."
        )
    return False, (
        f"write the negative log posterior, multiply it by sigma^2 / n and read off "
        f"alpha: it is {formula}."
    )


@exercise("09.prior_alpha")
def _grade_prior_alpha(answer):
    return _prior_grader(answer, scale=TAU, scale_name="tau", squared=True)


@exercise("09.laplace_alpha")
def _grade_laplace_alpha(answer):
    return _prior_grader(answer, scale=BETA, scale_name="beta", squared=False)


@exercise("09.ridge_n_by_n")
def _grade_ridge_n_by_n(answer):
    if not callable(answer):
        return False, (
            "pass the function itself (my_ridge, without brackets), not the result of "
            "calling it."
        )
    # Import here: solvers are heavier than what this module needs otherwise.
    from reglab.solvers import RidgeSVD

    rng = np.random.default_rng(9)
    n, p, alpha = 30, 300, 0.5
    X = rng.standard_normal((n, p))
    X -= X.mean(axis=0)
    y = X[:, :10] @ rng.standard_normal(10) + rng.standard_normal(n)
    y -= y.mean()
    got = np.asarray(answer(X, y, alpha), dtype=float)
    right = RidgeSVD(X, y, fit_intercept=False).solve(alpha).coef
    if got.shape == (n,):
        return False, (
            f"your function returned {n} numbers, one per sample: those are the dual "
            "coefficients a = (X X^T + n alpha I)^{-1} y. Multiply by X^T to get "
            f"the {p} ridge coefficients."
        )
    if got.shape != (p,):
        return (
            False,
            f"return one coefficient per feature: shape ({p},), got {got.shape}.",
        )
    if answers_close(got, right):
        return True, (
            "w = X^T (X X^T + n alpha I_n)^{-1} y: one 30 x 30 solve for 300 "
            "coefficients, the same answer as the 300 x 300 system."
        )
    if answers_close(got, RidgeSVD(X, y, fit_intercept=False).solve(alpha / n).coef):
        return False, (
            "you added alpha I instead of n alpha I: reglab's objective divides the "
            "RSS by 2n, so the n x n system is X X^T + n alpha I."
        )
    if answers_close(got, RidgeSVD(X, y, fit_intercept=False).solve(alpha * n).coef):
        return (
            False,
            "the penalty is n times too strong: use n alpha I, not n^2 alpha I.",
        )
    if answers_close(got, X.T @ y / (n * alpha)):
        return False, (
            "that is the limit for very large alpha, X^T y / (n alpha); keep the "
            "X X^T term inside the inverse."
        )
    return False, (
        f"on a test problem (n = {n}, p = {p}, alpha = {alpha}) your coefficients "
        f"differ from ridge's by up to {np.max(np.abs(got - right)):.3g}. Use "
        "w = X^T (X X^T + n alpha I_n)^{-1} y."
    )
