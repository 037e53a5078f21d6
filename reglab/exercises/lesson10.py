"""Graders for notebook 10 (interview review).

Each grader takes the learner's answer and returns ``(is_right, message)``. Multiple-
choice answers are letters ("b", or "abe" when several are right); every wrong option
has its own explanation and the notebook that demonstrates it. Numeric answers are
computed here from numpy or reglab, never typed in.
"""

import numpy as np

from reglab.exercises import answers_close, exercise

# The numbers the notebook's questions state.
W2 = np.array([0.26, 0.25, 0.25, 0.25])  # the worked example of notebook 02
ONE_FEATURE_OLS = 5.0  # 10.ridge_one_feature: least-squares coefficient
ONE_FEATURE_ALPHA = 0.25  # ... and alpha, one standardized feature
ORTHONORMAL_Z = np.array([2.5, -0.7, 1.2])  # 10.soft_threshold
ORTHONORMAL_ALPHA = 1.0
ENET_W = np.array([1.0, -2.0])  # 10.elastic_net
ENET_ALPHA = 1.0
ENET_L1_RATIO = 0.5
KERAS_L1 = 0.01  # 10.keras: kernel_regularizer=l1(0.01), mean squared error loss
LOGISTIC_ALPHA = 0.01  # 10.logistic_c: reglab alpha ...
LOGISTIC_N = 200  # ... on this many samples


def _close(a, b):
    return answers_close(a, b, rtol=1e-3, atol=1e-6)


def _letters(answer, options):
    """The set of option letters in ``answer`` ("abe", "a, b", ["a", "b"])."""
    if isinstance(answer, str):
        letters = {c for c in answer.lower() if c.isalpha()}
    else:
        letters = {str(item).strip().lower() for item in answer}
    unknown = sorted(letters - set(options))
    if unknown:
        raise ValueError(
            f"options are {', '.join(sorted(options))}; got {', '.join(unknown)}."
        )
    if not letters:
        raise ValueError("give at least one letter.")
    return letters


def _grade_choice(answer, options, right):
    """One right option; ``options`` maps letter -> explanation of that option."""
    letters = _letters(answer, options)
    if len(letters) > 1:
        return False, "pick one option (a single letter)."
    (letter,) = letters
    return letter == right, options[letter]


def _grade_choices(
    answer, options, right, *, wrong="is not right", missed="which is true"
):
    """Several right options: explain every wrong pick and every missed one."""
    letters = _letters(answer, options)
    if letters == set(right):
        return True, " ".join(f"({c}) {options[c]}" for c in sorted(right))
    parts = [f"({c}) {wrong}: {options[c]}" for c in sorted(letters - set(right))]
    parts += [
        f"you left out ({c}), {missed}: {options[c]}"
        for c in sorted(set(right) - letters)
    ]
    return False, " ".join(parts)


@exercise("10.objectives")
def _grade_objectives(answer):
    options = {
        "a": "that is the lasso (L1): the sum of absolute values, times alpha.",
        "b": (
            "ridge adds alpha/2 times the SQUARED L2 norm to the mean squared error; "
            "the intercept is not penalized (notebook 02)."
        ),
        "c": (
            "that penalizes the L2 norm itself, not its square. It is a different "
            "penalty (it can zero the whole vector at once); ridge uses the square, "
            "which is smooth and gives a closed form (notebook 02)."
        ),
        "d": (
            "the intercept is never penalized: shifting every y by a constant should "
            "shift the intercept, not change how much the model shrinks (notebook 02)."
        ),
    }
    return _grade_choice(answer, options, "b")


@exercise("10.norms")
def _grade_norms(answer):
    got = np.asarray(answer, dtype=float)
    if got.shape != (2,):
        return False, "give two numbers: [L1 norm of w2, squared L2 norm of w2]."
    l1 = float(np.sum(np.abs(W2)))
    l2_sq = float(np.sum(W2**2))
    l2 = float(np.sqrt(l2_sq))
    if _close(got, [l1, l2_sq]):
        return True, (
            f"||w2||_1 = {l1:.2f} and ||w2||_2^2 = {l2_sq:.4f}, against 1 and 1 for "
            "w1 = [1, 0, 0, 0]. L2 clearly prefers w2 (spread out). L1 prefers w1, "
            f"but only by {l1 - 1:.2f}, exactly the amount by which w2 predicts more: "
            "at equal predictions (w3 = [0.25, 0.25, 0.25, 0.25]) L1 ties, since every "
            "split of the same total costs the same, while L2 still prefers the even "
            "split (notebook 02)."
        )
    if _close(got[0], l1) and _close(got[1], l2):
        return False, (
            f"{l2:.4f} is the L2 norm; the ridge penalty uses its square, {l2_sq:.4f}."
        )
    if _close(got, [l2_sq, l1]):
        return False, "the two numbers are swapped: L1 norm first."
    if not _close(got[0], l1):
        return False, f"the L1 norm is the sum of |w_j|: {' + '.join(map(str, W2))}."
    return False, "the squared L2 norm is the sum of w_j^2."


@exercise("10.alpha")
def _grade_alpha(answer):
    options = {
        "a": "alpha = 0 removes the penalty: ordinary least squares (notebook 03).",
        "b": (
            "as alpha grows every coefficient goes to 0 and the intercept to mean(y) "
            "(notebook 03)."
        ),
        "c": (
            "alpha sets the STRENGTH of the penalty; its shape (corners or not) is "
            "set by the choice of L1 vs L2, i.e. l1_ratio (notebooks 02 and 05)."
        ),
        "d": (
            "on perfectly separable classes the unpenalized logistic loss keeps "
            "falling as the weights grow, so it has no minimum and the fit never "
            "converges; any alpha > 0 gives a finite solution (notebook 07, section "
            "1). This is the one case where 'large coefficients stop convergence' is "
            "literally true; least squares converges without any penalty (notebook "
            "09, section 5)."
        ),
        "e": (
            "scikit-learn's Ridge uses n * alpha, LogisticRegression C = 1/(n alpha), "
            "Keras and PyTorch other factors again (notebook 02)."
        ),
    }
    return _grade_choices(answer, options, "abde")


@exercise("10.ridge_one_feature")
def _grade_ridge_one_feature(answer):
    got = float(answer)
    # one standardized feature (x^T x / n = 1): w = w_OLS / (1 + alpha)
    right = ONE_FEATURE_OLS / (1.0 + ONE_FEATURE_ALPHA)
    if _close(got, right):
        return True, (
            f"w = {ONE_FEATURE_OLS:g} / (1 + {ONE_FEATURE_ALPHA:g}) = {right:g}: "
            "between 0 and the least-squares value, not between 0 and 1 "
            "(notebooks 03 and 09)."
        )
    if _close(got, 1.0 / (1.0 + ONE_FEATURE_ALPHA)):
        return False, (
            "that is the shrinkage FACTOR 1/(1 + alpha), which is between 0 and 1; "
            "the coefficient is that factor times the least-squares value."
        )
    if _close(got, ONE_FEATURE_OLS - ONE_FEATURE_ALPHA):
        return False, (
            "subtracting alpha is soft thresholding, the lasso. Ridge divides by "
            "1 + alpha."
        )
    if _close(got, ONE_FEATURE_OLS):
        return False, "alpha > 0 always shrinks: divide by 1 + alpha."
    return False, "with x^T x / n = 1, ridge gives w_OLS / (1 + alpha)."


@exercise("10.differences")
def _grade_differences(answer):
    options = {
        "a": "only L1 has a corner at 0, so only it sets coefficients exactly to 0.",
        "b": (
            "ridge is one linear solve (or one SVD for every alpha); the lasso needs "
            "an iterative solver or LARS (notebooks 03 and 04)."
        ),
        "c": (
            "L2's penalty is smallest when equal copies share the weight equally; "
            "for L1 every split costs the same, so it is free to keep one copy "
            "(notebook 05)."
        ),
        "d": (
            "with orthonormal features ridge divides every least-squares estimate by "
            "the same 1 + alpha, small or large (the recap table); in general it "
            "shrinks along the singular directions of X, most where the data vary "
            "least, not by the importance of a predictor (notebook 03)."
        ),
        "e": (
            "that is ridge (orthonormal case: z / (1 + alpha)); the lasso subtracts "
            "alpha from |z| and stops at 0 (notebook 04)."
        ),
    }
    return _grade_choices(answer, options, "abc")


@exercise("10.why_sparse")
def _grade_why_sparse(answer):
    options = {
        "a": (
            "plain (sub)gradient descent does NOT stop at 0: it jitters around it. "
            "Exact zeros come from the optimum itself, which soft thresholding or "
            "a proximal step finds (notebook 04, section 5)."
        ),
        "b": (
            "L2's pull alpha*w fades as w nears 0; L1's pull stays alpha, so w_j = 0 "
            "is optimal whenever |x_j^T r| / n <= alpha: soft thresholding "
            "(notebook 04)."
        ),
        "c": (
            "for |w| > 1 it is L2 that penalizes more; the point is near 0, where "
            "L1's slope stays alpha and L2's vanishes (notebook 04)."
        ),
        "d": (
            "a search over subsets is best-subset selection (the L0 penalty, hard "
            "thresholding). The lasso is a convex problem solved continuously "
            "(notebook 04)."
        ),
    }
    return _grade_choice(answer, options, "b")


@exercise("10.soft_threshold")
def _grade_soft_threshold(answer):
    from reglab.penalties import hard_threshold, soft_threshold

    got = np.asarray(answer, dtype=float)
    z, alpha = ORTHONORMAL_Z, ORTHONORMAL_ALPHA
    if got.shape != z.shape:
        return False, f"give {z.size} numbers, one per coefficient."
    right = soft_threshold(z, alpha)
    if _close(got, right):
        return True, (
            "sign(z) max(|z| - alpha, 0): the small one becomes exactly 0, the others "
            "move alpha towards 0 (notebook 04)."
        )
    if _close(got, z / (1 + alpha)):
        return False, "that is ridge (z / (1 + alpha)); the lasso soft-thresholds."
    if _close(got, hard_threshold(z, np.sqrt(2 * alpha))) or _close(
        got, hard_threshold(z, alpha)
    ):
        return False, (
            "that is hard thresholding (best subset): the survivors must also move "
            "alpha towards 0."
        )
    if _close(got, np.maximum(np.abs(z) - alpha, 0)):
        return False, "keep the sign: -0.7 and the others keep their signs."
    return False, "apply sign(z) * max(|z| - alpha, 0) to each z."


@exercise("10.which_when")
def _grade_which_when(answer):
    if not isinstance(answer, str):
        raise TypeError("give a string of three letters such as 'RLE'.")
    got = answer.replace(" ", "").upper()
    right = "RLE"
    if len(got) != 3 or set(got) - set("RLE"):
        return False, "give three letters, each R, L or E, e.g. 'LRE'."
    feedback = {
        0: {
            "R": "(1) R: many small effects, prediction only: ridge's dense bet fits.",
            "L": (
                "(1) with many small effects the lasso zeroes real effects; ridge "
                "won every dense data set in notebook 09."
            ),
            "E": (
                "(1) the elastic net can work, but with no selection wanted and a "
                "dense truth, plain ridge is the natural choice (notebook 09)."
            ),
        },
        1: {
            "L": "(2) L: a few true effects and a short list wanted: the lasso.",
            "R": (
                "(2) ridge keeps every feature, so it gives no short list, and with a "
                "sparse truth it loses accuracy too (notebook 09)."
            ),
            "E": (
                "(2) with independent features the elastic net only adds a second "
                "knob; the lasso is the simplest tool that gives the list."
            ),
        },
        2: {
            "E": "(3) E: selection that keeps correlated groups together.",
            "L": (
                "(3) with groups of near-copies the lasso keeps an arbitrary member "
                "and changes it from sample to sample (notebooks 05 and 09)."
            ),
            "R": "(3) ridge keeps the groups but selects nothing.",
        },
    }
    messages = [feedback[i][got[i]] for i in range(3)]
    return got == right, " ".join(messages)


@exercise("10.elastic_net")
def _grade_elastic_net(answer):
    from reglab.penalties import L1L2

    got = float(answer)
    w, alpha, r = ENET_W, ENET_ALPHA, ENET_L1_RATIO
    right = L1L2(alpha, l1_ratio=r).value(w)
    l1, l2_sq = np.sum(np.abs(w)), np.sum(w**2)
    if _close(got, right):
        return True, (
            f"alpha (r ||w||_1 + (1 - r)/2 ||w||^2) = {alpha:g} ({r:g} * {l1:g} + "
            f"{(1 - r) / 2:g} * {l2_sq:g}) = {right:g} (notebook 05)."
        )
    if _close(got, alpha * (r * l1 + (1 - r) * l2_sq)):
        return False, "the L2 part carries a 1/2: (1 - r)/2 ||w||^2."
    if _close(got, alpha * (r * l1 + (1 - r) / 2 * np.sqrt(l2_sq))):
        return False, "use the squared L2 norm, not the norm."
    if _close(got, alpha * (l1 + l2_sq / 2)):
        return False, "weight the two parts by l1_ratio and 1 - l1_ratio."
    return False, "P(w) = l1_ratio ||w||_1 + (1 - l1_ratio)/2 ||w||_2^2, times alpha."


@exercise("10.pick_alpha")
def _grade_pick_alpha(answer):
    options = {
        "a": (
            "training error always falls as alpha falls, so it always picks the "
            "smallest alpha: no regularization (notebooks 01 and 06)."
        ),
        "b": (
            "cross-validate on the training data (all preprocessing inside the "
            "folds), optionally take the 1-SE alpha for a simpler model, and use the "
            "test set once at the end (notebook 06)."
        ),
        "c": (
            "choosing alpha on the test set and then reporting that test error is "
            "optimistic: the test set was used for the choice (nested CV gives an "
            "honest number, notebook 06)."
        ),
        "d": (
            "scaling with statistics of all rows lets the validation folds leak into "
            "training; put the scaler in a Pipeline so each fold fits its own "
            "(notebook 06)."
        ),
    }
    return _grade_choice(answer, options, "b")


@exercise("10.deep_nets")
def _grade_deep_nets(answer):
    options = {
        "a": (
            "L2's pull alpha*w fades near 0, so under plain gradient steps its "
            "weights settle; L1's subgradient alpha*sign(w) keeps weights near 0 "
            "hopping across it every step (notebook 08, section 2a)."
        ),
        "b": (
            "for plain SGD without momentum the L2 gradient step multiplies every "
            "weight by (1 - lr*alpha): weight decay. With momentum the decoupled "
            "form (SGDW) ends at a different ridge strength (notebook 08, section 3)."
        ),
        "c": (
            "L1 shrank the weights and the activations as much as L2 in notebook "
            "08 (section 2b): moderate activations are a reason to penalize, not a "
            "reason to prefer L2."
        ),
        "d": (
            "L1 can be trained with subgradients; it just does not give exact zeros "
            "without a proximal step (notebooks 04 and 08)."
        ),
        "e": "L2 makes weights small, not zero: the network stays dense (notebook 08).",
        "f": (
            "with Adam an L2 penalty is rescaled by the adaptive step, so it is not "
            "weight decay; that is why AdamW decouples the decay (notebook 08)."
        ),
        "g": (
            "with full-batch SGD, minibatches and Adam, L2 shrank the weights as "
            "meant, while L1 gave not one exact zero under any of them: its sparsity "
            "needs a proximal step (notebook 08, section 2c)."
        ),
    }
    return _grade_choices(answer, options, "abg")


@exercise("10.keras")
def _grade_keras(answer):
    from reglab.conventions import from_keras

    got = float(answer)
    right = from_keras(l1=KERAS_L1, loss="squared")["alpha"]
    if _close(got, right):
        return True, (
            f"Keras adds {KERAS_L1:g} sum|w| to mean((y - z)^2), which is 2 * reglab's "
            f"(1/2n) RSS, so alpha = {KERAS_L1:g} / 2 = {right:g} "
            "(reglab.conventions.from_keras; notebooks 02 and 08)."
        )
    if _close(got, KERAS_L1):
        return False, (
            "Keras's mean squared error has no 1/2, so its whole objective is twice "
            "reglab's: divide by 2."
        )
    if _close(got, 2 * KERAS_L1):
        return (
            False,
            "the other way round: Keras's objective is twice reglab's, divide.",
        )
    return False, "compare mean((y - z)^2) + l1 sum|w| with (1/2n) RSS + alpha ||w||_1."


@exercise("10.logistic_c")
def _grade_logistic_c(answer):
    from reglab.conventions import to_sklearn_logistic

    got = float(answer)
    right = to_sklearn_logistic(LOGISTIC_ALPHA, LOGISTIC_N)["C"]
    if _close(got, right):
        return True, (
            f"C = 1 / (n alpha) = 1 / ({LOGISTIC_N} * {LOGISTIC_ALPHA:g}) = {right:g}: "
            "a small C is a strong penalty (notebook 07)."
        )
    if _close(got, 1 / LOGISTIC_ALPHA):
        return (
            False,
            "C multiplies the SUM of the losses over n samples: C = 1/(n alpha).",
        )
    if _close(got, LOGISTIC_N * LOGISTIC_ALPHA):
        return False, "upside down: C = 1 / (n alpha), larger C means less penalty."
    return False, "scikit-learn's C = 1 / (n alpha)."


@exercise("10.seed_claims")
def _grade_seed_claims(answer):
    options = {
        "a": (
            "with one standardized feature a ridge coefficient lies between 0 and the "
            "least-squares value (5 or -3 as easily as 0.5): only the shrinkage factor "
            "is in (0, 1); with correlated features a coefficient can even grow or "
            "change sign as alpha grows (notebook 09, section 7, and notebook 03)."
        ),
        "b": (
            "with p >> n ridge is one n x n solve, and with a dense truth it "
            "beats the lasso (notebook 09, section 3)."
        ),
        "c": (
            "in practice, along a warm-started path, a certified lasso fit costs a few "
            "least-squares fits at most (timed against a Cholesky solve); a "
            "coordinate update is O(n) and soft thresholding handles the kink exactly "
            "(notebook 09, section 2)."
        ),
        "d": "a squared-norm penalty is Tikhonov regularization (notebook 01).",
        "e": (
            "it depends on the truth: the lasso won every sparse data set and ridge "
            "every dense one (notebook 09, section 1), so neither is always more "
            "accurate. (How often real data look like either world, a simulation "
            "cannot say.)"
        ),
        "f": "P = l1_ratio ||w||_1 + (1 - l1_ratio)/2 ||w||^2 (notebook 05).",
        "g": (
            "plain (sub)gradient steps leave weights jittering near 0; exact "
            "zeros need a proximal (soft-threshold) step (notebooks 04 and 08)."
        ),
        "h": "with no penalty the objective is least squares (notebook 03).",
    }
    return _grade_choices(
        answer,
        options,
        "abceg",
        wrong="is true, not false",
        missed="which is also false as stated",
    )


@exercise("10.beyond_statements")
def _grade_beyond_statements(answer):
    options = {
        "a": (
            "a factor of 0 removes the feature's penalty, so it is in the model at "
            "every alpha, like the intercept (glmnet's penalty.factor = 0; notebook "
            "11, section 1)."
        ),
        "b": (
            "the other way round: the factors are 1 / |w_init|^gamma, so a large "
            "first-stage coefficient gets a SMALL factor and is barely shrunk "
            "(notebook 11, section 2)."
        ),
        "c": (
            "the lasso treats each dummy column as a feature of its own: it can keep "
            "some levels and drop others, and changing the reference level changes "
            "the columns, and so what it keeps (notebook 11, section 4)."
        ),
        "d": (
            "inside a group the penalty is the round L2 norm, with no corners: a "
            "group that is in keeps all its columns nonzero (in general); block soft "
            "thresholding zeroes whole groups only (notebook 11, section 4)."
        ),
        "e": (
            "MCP is not convex: its objective can have several local minima, the "
            "answer can depend on where the solver starts, and there is no duality "
            "gap, only a KKT residual showing a point is stationary (notebook 11, "
            "section 5)."
        ),
        "f": (
            "gamma = 0 is the unshrunk least-squares refit on the lasso's support, "
            "gamma = 1 the lasso itself, in glmnet's convention (notebook 11, "
            "section 3)."
        ),
    }
    return _grade_choices(answer, options, "acf")


# 10.group_prox: block soft thresholding of one group (notebook 11, section 4).
GROUP_Z = np.array([3.0, 4.0])
GROUP_THRESHOLD = 2.5


@exercise("10.group_prox")
def _grade_group_prox(answer):
    from reglab.penalties import block_soft_threshold, soft_threshold

    got = np.asarray(answer, dtype=float)
    if got.shape != GROUP_Z.shape:
        return False, "give the whole block: two numbers."
    right = block_soft_threshold(GROUP_Z, GROUP_THRESHOLD)
    norm = float(np.linalg.norm(GROUP_Z))
    if _close(got, right):
        return True, (
            f"||z|| = {norm:g}, so the block keeps its direction and its length "
            f"shrinks by {GROUP_THRESHOLD:g}: z * (1 - {GROUP_THRESHOLD:g} / "
            f"{norm:g}) = {(np.round(right, 4) + 0.0).tolist()} (notebook 11, "
            "section 4)."
        )
    if _close(got, soft_threshold(GROUP_Z, GROUP_THRESHOLD)):
        return False, (
            "that is elementwise soft thresholding; the group prox shrinks the "
            "block's Euclidean length: z * max(1 - t / ||z||_2, 0)."
        )
    if _close(got, np.zeros(2)):
        return False, (
            f"the block is zeroed only when ||z||_2 <= t; here ||z|| = {norm:g} is "
            f"larger than t = {GROUP_THRESHOLD:g}."
        )
    return False, f"compute z * (1 - t / ||z||_2) with ||z||_2 = {norm:g}."


@exercise("10.lasso_bias")
def _grade_lasso_bias(answer):
    options = {
        "a": (
            "the lasso shrinks every surviving coefficient, large ones included: "
            "with orthonormal features by exactly alpha (notebook 04). Leaving large "
            "coefficients unshrunk is what MCP does beyond gamma * alpha, not the "
            "lasso (notebook 11, section 5)."
        ),
        "b": (
            "to drop the noise features alpha must be large, and the same alpha "
            "pulls the true large coefficients towards 0; the adaptive lasso (small "
            "factors on large first-stage coefficients), the relaxed lasso (a blend "
            "with the refit) and MCP (no shrinkage beyond gamma * alpha) each shrink "
            "them less (notebook 11, sections 2, 3 and 5)."
        ),
        "c": (
            "a larger alpha shrinks more, it never removes bias; and speed is not the "
            "problem, the whole lasso path is cheap to fit (notebook 11, section 2)."
        ),
        "d": (
            "ridge shrinks too, and it does not select at all; the fixes the "
            "notebook shows keep the lasso's selection and reduce its shrinkage "
            "(notebook 11)."
        ),
    }
    return _grade_choice(answer, options, "b")
