"""Graders for notebook 06 (choosing lambda).

Each grader takes the learner's answer and returns ``(is_right, message)``. The right
answer is always computed here from numpy, never typed in.
"""

import numpy as np

from reglab.exercises import exercise

# 06.nested_fits: nested CV as the notebook's question states it.
OUTER_FOLDS = 5
INNER_FOLDS = 4
N_ALPHAS = 10

# 06.honest_procedure: the notebook lists four procedures as a, b, c, d.
PROCEDURE_LETTERS = ("a", "b", "c", "d")
HONEST = "c"


def _one_se_reference(alphas, mse_mean, mse_se):
    # Largest alpha whose mean CV error is within one SE (at the minimum) of the
    # minimum. alphas are in descending order, so the first such index is the largest.
    best = int(np.argmin(mse_mean))
    threshold = mse_mean[best] + mse_se[best]
    return alphas[int(np.flatnonzero(mse_mean <= threshold)[0])]


def _one_se_cases():
    """Small CV curves (alphas descending) chosen to tell common mistakes apart."""
    alphas = np.geomspace(1.0, 1e-3, 8)
    return [
        # a U-shaped curve; the minimum is in the middle
        (alphas, np.array([9.0, 6.0, 4.2, 3.9, 3.8, 4.0, 4.5, 5.0]), np.full(8, 0.3)),
        # SE differs per alpha: the rule uses the SE at the minimum
        (
            alphas,
            np.array([9.0, 5.0, 4.6, 4.0, 3.8, 3.9, 4.15, 4.4]),
            np.array([0.2, 0.9, 0.9, 0.2, 0.3, 0.2, 0.2, 0.2]),
        ),
        # the minimum is at the smallest alpha
        (alphas, np.array([9.0, 7.0, 5.0, 4.0, 3.5, 3.3, 3.2, 3.1]), np.full(8, 0.25)),
    ]


@exercise("06.one_se_rule")
def _grade_one_se_rule(answer):
    if not callable(answer):
        return False, "pass the function itself (my_alpha_1se, without brackets)."
    for alphas, mse_mean, mse_se in _one_se_cases():
        got = float(answer(alphas.copy(), mse_mean.copy(), mse_se.copy()))
        right = _one_se_reference(alphas, mse_mean, mse_se)
        if np.isclose(got, right):
            continue
        best = int(np.argmin(mse_mean))
        within = np.flatnonzero(mse_mean <= mse_mean[best] + mse_se[best])
        if np.isclose(got, alphas[best]):
            return False, (
                "that is alpha_min. The 1-SE rule moves from the minimum towards "
                "larger alpha (a simpler model) while the error stays within one "
                "standard error of the minimum."
            )
        if np.isclose(got, alphas[within[-1]]):
            return False, (
                "you picked the smallest alpha within one SE, the most complex such "
                "model; the rule picks the largest alpha (alphas are descending)."
            )
        per_alpha = np.flatnonzero(mse_mean - mse_se <= mse_mean[best])
        if per_alpha.size and np.isclose(got, alphas[per_alpha[0]]):
            return False, (
                "use the standard error at the minimum, mse_se[index_min], for the "
                "threshold, not each alpha's own SE."
            )
        return False, (
            f"for mse_mean = {mse_mean.tolist()}, mse_se = {mse_se.tolist()} you "
            f"returned {got:.4g}; the 1-SE rule gives {right:.4g}."
        )
    return True, (
        "threshold = mse_mean[index_min] + mse_se[index_min]; alpha_1se is the "
        "largest alpha whose mean error is at or below it."
    )


@exercise("06.nested_fits")
def _grade_nested_fits(answer):
    got = int(answer)
    if got != answer:
        return False, "give a whole number of fits."
    per_outer = INNER_FOLDS * N_ALPHAS + 1  # every (fold, alpha) pair, then one refit
    right = OUTER_FOLDS * per_outer
    if got == right:
        return True, (
            f"{OUTER_FOLDS} outer folds x ({INNER_FOLDS} inner folds x {N_ALPHAS} "
            f"alphas + 1 refit) = {right}. Nested CV is expensive, and warm-started "
            "paths make each inner fold much cheaper."
        )
    if got == OUTER_FOLDS * INNER_FOLDS * N_ALPHAS:
        return False, (
            "almost: in each outer fold GridSearchCV refits the best alpha on the "
            "whole outer training set (refit=True), one more fit per outer fold."
        )
    if got == INNER_FOLDS * N_ALPHAS + 1:
        return False, "that is one outer fold; there are several."
    if got in (OUTER_FOLDS * N_ALPHAS, OUTER_FOLDS * (N_ALPHAS + 1)):
        return (
            False,
            "each alpha is fitted once per inner fold, not once per outer fold.",
        )
    return False, (
        "count per outer fold: one fit per (inner fold, alpha) pair plus one refit; "
        "then multiply by the number of outer folds."
    )


@exercise("06.honest_procedure")
def _grade_honest_procedure(answer):
    got = str(answer).strip().lower()
    if got not in PROCEDURE_LETTERS:
        return False, f"answer with one letter: {', '.join(PROCEDURE_LETTERS)}."
    if got == HONEST:
        return True, (
            "every step that looks at the data (screening, scaling, fitting) is "
            "refitted inside each training fold, so the held-out fold is truly unseen."
        )
    reasons = {
        "a": (
            "the scaler saw the validation folds. For standardization the leak is "
            "usually small (the notebook measured it), but it is still a leak; and "
            "this estimate does not account for choosing alpha."
        ),
        "b": (
            "the screening step looked at y on all rows, validation rows included; "
            "that is the big leak the notebook measured on pure noise."
        ),
        "d": (
            "best_score_ is the best of many CV scores on the very folds that chose "
            "alpha: the selection biases it down (and fitting on (K-1)/K of the rows "
            "biases it up), so it is not the honest error of the tuned model. Nested "
            "CV scores the tuning on rows it never saw."
        ),
    }
    return False, reasons[got]
