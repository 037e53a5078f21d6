"""Time reglab's solvers against scikit-learn, in the same run, at the same gap.

Run from the repository root::

    python benchmarks/solvers.py            # all rows (a few minutes)
    python benchmarks/solvers.py --quick    # fewer repeats
    python benchmarks/solvers.py --busy     # the same with the other core busy
    python benchmarks/solvers.py --quick --rows enet --shapes 500x100   # a subset

Issue 10 asks for each run twice, idle and with the other core busy: ``--busy``
starts a second process spinning on one core for the duration of the run.

What is compared (100 alphas from alpha_max down to 1e-3 alpha_max, log-spaced):

- lasso path: ``reglab.regularization_path`` (solver "auto") vs ``enet_path``;
  also the exact LARS homotopy (``solver="lars"``) vs ``enet_path``;
- elastic-net path (l1_ratio 0.5) vs ``enet_path(l1_ratio=0.5)``;
- ridge path (100 alphas, one SVD) vs 100 refits of ``Ridge`` and vs ``RidgeCV``
  (one decomposition for all alphas);
- L1-logistic path on (1000, 100) vs a loop of ``LogisticRegression`` liblinear fits
  (no intercept on either side: liblinear would penalize it);
- one warm-started refit at a new alpha (what a slider does), in milliseconds;
- one ``Lasso`` and one ``ElasticNet(l1_ratio=0.5)`` fit at n = 20, p = 5000,
  alpha = 1e-3 (``solve``'s default solver vs scikit-learn's ``ElasticNet`` at its
  defaults; the table shows the gap each side reached).

Data: AR(1)-correlated Gaussian columns (rho = 0.5) with a sparse truth
(``reglab.datasets.make_ar1_regression``, signal-to-noise 3). Both sides get centred
data, so no intercept is needed on the squared-loss paths.

Fairness: every path must reach a relative duality gap <= 1e-6 at every alpha. reglab
stops there by construction. scikit-learn's ``tol`` means something else (a gap
relative to ``||y||^2``), so for each row its loosest ``tol`` (from 1e-2 down, in
steps of 10, then one step of 3 back) whose output has relative gap <= 1e-6 at every
alpha -- computed with ``reglab.solvers.duality_gap`` -- is found first, untimed, and
then timed. The table shows the largest gap each side reached.

Timing: median of repeats (9 at the small shapes, 5 at the large ones, 1 at
(200, 5000); ``--quick`` 3 and 1), the two sides interleaved; BLAS at its default
thread count (``--one-thread`` limits both sides to one, with threadpoolctl).
Ratios are reglab time / scikit-learn time: below 1 means reglab is faster.
``benchmarks/bounds.py`` measures what bounds the rows that miss their targets.
"""

import argparse
import multiprocessing
import os
import statistics
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import (
    ElasticNet,
    Lasso,
    LogisticRegression,
    Ridge,
    RidgeCV,
    enet_path,
)
from threadpoolctl import threadpool_limits

from reglab.datasets import make_ar1_regression
from reglab.losses import LogisticLoss, SquaredLoss
from reglab.paths import regularization_path
from reglab.penalties import L1L2
from reglab.problem import Problem
from reglab.solvers import alpha_max, duality_gap, solve
from reglab.solvers.coordinate_descent import cd_solve
from reglab.solvers.dispatch import make_penalty
from reglab.solvers.fista import fista_loop, fista_solve
from reglab.solvers.lars import lars_homotopy, lasso_at_alphas
from reglab.solvers.proximal_newton import newton_loop
from reglab.solvers.ridge import RidgeSVD
from reglab.solvers.threads import one_blas_thread

SHAPES = [(100, 20), (500, 100), (2000, 500), (200, 5000)]
TARGET_GAP = 1e-6
N_ALPHAS = 100
EPS = 1e-3


def make_data(n, p, random_state=0):
    """Centred AR(1) design with a sparse truth."""
    n_nonzero = min(max(5, p // 20), n // 4)
    X, y, _ = make_ar1_regression(
        n, p, rho=0.5, n_nonzero=n_nonzero, snr=3.0, random_state=random_state
    )
    return X - X.mean(axis=0), y - y.mean()


def timed(function, repeats):
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def interleaved(ours, theirs, repeats):
    """Median times of two functions, alternating so that load hits both alike."""
    ours_times, theirs_times = [], []
    ours_result = theirs_result = None
    for _ in range(repeats):
        start = time.perf_counter()
        ours_result = ours()
        ours_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        theirs_result = theirs()
        theirs_times.append(time.perf_counter() - start)
    return (
        statistics.median(ours_times),
        ours_result,
        statistics.median(theirs_times),
        theirs_result,
    )


def squared_gaps(X, y, alphas, coefs, l1_ratio, which=2):
    """Relative duality gap (``which=1``: primal) of each row of ``coefs``.

    No intercept: the data are centred.
    """
    loss = SquaredLoss()
    return np.array(
        [
            duality_gap(X, y, w, 0.0, loss, L1L2(a, l1_ratio), fit_intercept=False)[
                which
            ]
            for a, w in zip(alphas, coefs, strict=True)
        ]
    )


def first_tol(X, y, alphas, coefs, l1_ratio):
    """A decade above the tol scikit-learn needs by its own stopping rule.

    scikit-learn's coordinate descent stops when ``gap <= tol * ||y||^2 / n``; ours
    is ``gap <= 1e-6 * primal``. Starting the search there saves minutes of
    pointlessly loose runs on the large shapes.
    """
    primal = squared_gaps(X, y, alphas, coefs, l1_ratio, which=1)
    needed = TARGET_GAP * primal.min() / (y @ y / len(y))
    return min(1e-2, 10.0 ** np.ceil(np.log10(needed)) * 10)


def calibrate(run, gaps_of, start=1e-2, floor=1e-16, ceiling=1e-2):
    """Loosest scikit-learn tol (decades, then one step of 3) reaching the target.

    Searched down from ``start``; if ``start`` already reaches the target, up from
    it (to ``ceiling``) instead, so that scikit-learn is never timed at a tighter
    tol than it needs.
    """

    def reaches(tol):
        return gaps_of(run(tol)).max() <= TARGET_GAP

    tol = start
    if reaches(tol):
        while tol * 10 <= ceiling * (1 + 1e-9) and reaches(tol * 10):
            tol *= 10
        return tol * 3 if tol * 3 <= ceiling and reaches(tol * 3) else tol
    while tol >= floor:
        tol /= 10
        if reaches(tol):
            return tol * 3 if reaches(tol * 3) else tol
    raise RuntimeError("scikit-learn did not reach the target gap at any tol")


def quiet(function):
    """Run scikit-learn with its ConvergenceWarnings silenced (the gap is checked)."""

    def wrapped(*args, **kwargs):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            return function(*args, **kwargs)

    return wrapped


@quiet
def sk_enet_path(X, y, alphas, l1_ratio, tol):
    _, coefs, _ = enet_path(
        X, y, l1_ratio=l1_ratio, alphas=alphas, tol=tol, max_iter=100_000
    )
    return coefs.T


_CALIBRATED = {}  # (n, p, l1_ratio) -> scikit-learn tol, shared by rows


def path_row(X, y, l1_ratio, solver, repeats):
    """reglab path vs enet_path at the same gap. Returns (ours, theirs, gaps)."""
    reference = regularization_path(X, y, l1_ratio=l1_ratio, fit_intercept=False)
    alphas = reference.alphas

    def gaps_of(coefs):
        return squared_gaps(X, y, alphas, coefs, l1_ratio)

    key = (*X.shape, l1_ratio)
    if key not in _CALIBRATED:
        start = first_tol(X, y, alphas, reference.coefs, l1_ratio)
        _CALIBRATED[key] = calibrate(
            lambda t: sk_enet_path(X, y, alphas, l1_ratio, t), gaps_of, start=start
        )
    tol = _CALIBRATED[key]
    ours_time, ours, theirs_time, theirs = interleaved(
        lambda: regularization_path(
            X, y, l1_ratio=l1_ratio, fit_intercept=False, tol=TARGET_GAP, solver=solver
        ),
        lambda: sk_enet_path(X, y, alphas, l1_ratio, tol),
        repeats,
    )
    return (
        ours_time,
        theirs_time,
        ours.gaps.max(),
        gaps_of(theirs).max(),
        tol,
        ours.solver,
    )


def ridge_rows(X, y, repeats):
    n = X.shape[0]
    alphas = alpha_max(X, y, l1_ratio=0.0, fit_intercept=False) * np.logspace(
        0, np.log10(EPS), N_ALPHAS
    )

    def ours():
        return regularization_path(
            X, y, l1_ratio=0.0, alphas=alphas, fit_intercept=False
        )

    def refits():
        # sklearn's Ridge: ||y - X w||^2 + alpha_sk ||w||^2, so alpha_sk = n alpha
        return [Ridge(alpha=n * a, fit_intercept=False).fit(X, y).coef_ for a in alphas]

    def ridge_cv():
        return RidgeCV(alphas=n * alphas, fit_intercept=False).fit(X, y)

    ours_time, path, refit_time, refit_coefs = interleaved(ours, refits, repeats)
    _, _, cv_time, _ = interleaved(ours, ridge_cv, repeats)
    refit_gaps = squared_gaps(X, y, alphas, np.array(refit_coefs), 0.0)
    return ours_time, refit_time, cv_time, path.gaps.max(), refit_gaps.max()


def logistic_gaps(X, y_signed, alphas, coefs):
    return np.array(
        [
            duality_gap(
                X,
                y_signed,
                coef,
                0.0,
                LogisticLoss(),
                L1L2(alpha, 1.0),
                fit_intercept=False,
            )[2]
            for alpha, coef in zip(alphas, coefs, strict=True)
        ]
    )


@quiet
def liblinear_loop(X, y01, alphas, tol):
    n = X.shape[0]
    coefs = []
    for alpha in alphas:
        # liblinear: ||w||_1 + C sum log(1 + exp(-y x w)); reglab's alpha = 1 / (C n)
        model = LogisticRegression(
            l1_ratio=1.0,
            solver="liblinear",
            C=1.0 / (n * alpha),
            fit_intercept=False,
            tol=tol,
            max_iter=10_000,
            random_state=0,  # liblinear shuffles coordinates: the same run each time
        )
        coefs.append(model.fit(X, y01).coef_[0])
    return np.array(coefs)


def logistic_row(repeats):
    n, p = 1000, 100
    X, y = make_data(n, p, random_state=1)
    y01 = (y > 0).astype(int)
    y_signed = np.where(y01 == 1, 1.0, -1.0)
    reference = regularization_path(X, y01, loss="logistic", fit_intercept=False)
    alphas = reference.alphas

    def gaps_of(coefs):
        return logistic_gaps(X, y_signed, alphas, coefs)

    tol = calibrate(lambda t: liblinear_loop(X, y01, alphas, t), gaps_of)
    ours_time, ours, theirs_time, theirs = interleaved(
        lambda: regularization_path(
            X, y01, loss="logistic", fit_intercept=False, tol=TARGET_GAP
        ),
        lambda: liblinear_loop(X, y01, alphas, tol),
        repeats,
    )
    return ours_time, theirs_time, ours.gaps.max(), gaps_of(theirs).max(), tol


def warm_refit_row(X, y, repeats):
    """One refit at a new alpha from the previous solution (a slider step)."""
    top = alpha_max(X, y, fit_intercept=False)
    old_alpha, new_alpha = 0.1 * top, 0.09 * top
    previous = solve(X, y, alpha=old_alpha, fit_intercept=False, tol=TARGET_GAP)

    def ours():
        return solve(
            X,
            y,
            alpha=new_alpha,
            fit_intercept=False,
            tol=TARGET_GAP,
            coef_init=previous.coef,
        )

    def gap_of(coef):
        return squared_gaps(X, y, [new_alpha], [coef], 1.0).max()

    @quiet
    def sk_refit(tol):
        model = Lasso(alpha=old_alpha, fit_intercept=False, tol=tol, warm_start=True)
        model.fit(X, y)
        model.set_params(alpha=new_alpha)
        start = time.perf_counter()
        model.fit(X, y)
        return time.perf_counter() - start, model.coef_

    tol = calibrate(lambda t: sk_refit(t)[1], gap_of)
    ours_time, result = timed(ours, repeats)
    theirs_times = [sk_refit(tol)[0] for _ in range(repeats)]
    theirs_time = statistics.median(theirs_times)
    return ours_time, theirs_time, result.certificate, gap_of(sk_refit(tol)[1])


def single_fit_row(repeats, l1_ratio=1.0):
    """One fit at n = 20, p = 5000, alpha = 1e-3: solve's default vs scikit-learn.

    ``Lasso`` (``l1_ratio = 1``) or ``ElasticNet(l1_ratio)``. Not at the same gap:
    scikit-learn needs about 70,000 sweeps (minutes) to reach 1e-6 on the lasso
    here (issue 10), so it runs at its defaults (tol 1e-4, max_iter 1000) and the
    table shows the gap each side reached.
    """
    X, y = make_data(20, 5000, random_state=2)
    alpha = 1e-3

    @quiet
    def sk_fit():
        model = ElasticNet(alpha=alpha, l1_ratio=l1_ratio, fit_intercept=False)
        return model.fit(X, y).coef_

    ours_time, ours, theirs_time, theirs = interleaved(
        lambda: solve(
            X, y, alpha=alpha, l1_ratio=l1_ratio, fit_intercept=False, tol=TARGET_GAP
        ),
        sk_fit,
        repeats,
    )
    sk_gap = squared_gaps(X, y, [alpha], [theirs], l1_ratio).max()
    return ours_time, theirs_time, ours.certificate, sk_gap, ours.solver


@one_blas_thread  # the thread policy of the public entry points
def _cd_path(
    problem, alphas, l1_ratio, use_gram, working_sets, exact_solves, strong_rule=True
):
    w, previous, gaps = np.zeros(problem.p), None, []
    for alpha in alphas:
        penalty = make_penalty(float(alpha), l1_ratio)
        w, _, certificate = cd_solve(
            problem,
            penalty,
            w,
            tol=TARGET_GAP,
            max_iter=1_000_000,
            use_gram=use_gram,
            previous_l1=previous if working_sets and strong_rule else None,
            working_sets=working_sets,
            exact_solves=exact_solves,
        )
        previous = penalty.l1_strength
        gaps.append(certificate.value)
    return max(gaps)


@one_blas_thread
def _fista_path(problem, alphas, inner, working_sets):
    w, b, gaps = np.zeros(problem.p), problem.b0, []
    for alpha in alphas:
        penalty = make_penalty(float(alpha), 1.0)
        w, b, _, certificate = fista_solve(
            problem,
            penalty,
            w,
            b,
            tol=TARGET_GAP,
            max_iter=1_000_000,
            inner=inner,
            working_sets=working_sets,
        )
        gaps.append(certificate.value)
    return max(gaps)


@one_blas_thread
def _ridge_path(X, y, alphas, tridiagonal):
    """Ridge coefficients at ``alphas`` from a fresh problem (its Gram matrix too)."""
    problem = Problem(X, y, fit_intercept=False)
    coefs = RidgeSVD.from_problem(problem).coef_path(alphas, tridiagonal=tridiagonal)
    return problem.certificates(coefs, 0.0, alphas, 0.0)[0].max()


def ablation_rows(repeats):
    """What each acceleration buys: the same path with it switched off.

    Times relative to the path with every acceleration on (same grid, same gap).
    """
    rows = []
    n, p = 500, 100
    X, y = make_data(n, p)
    problem = Problem(X, y, fit_intercept=False)
    for l1_ratio in (1.0, 0.5):
        alphas = problem.alpha_max(l1_ratio) * np.logspace(0, np.log10(EPS), N_ALPHAS)
        full, gap = timed(
            lambda a=alphas, r=l1_ratio: regularization_path(
                X, y, l1_ratio=r, alphas=a, fit_intercept=False, solver="cd"
            ).gaps.max(),
            repeats,
        )
        rows.append(
            (
                f"cd path, all accelerations (l1_ratio {l1_ratio})",
                (n, p),
                full,
                full,
                gap,
            )
        )
        variants = {
            "cd without following sign patterns": (True, True, True),
            "cd without covariance updates": (False, True, True),
            "cd without the strong rule": (True, True, True, False),
            "cd without working sets / strong rule": (True, False, True),
            "cd without exact sign-pattern solves": (True, True, False),
            "cd textbook sweeps only": (False, False, False),
        }
        for what, switches in variants.items():
            seconds, gap = timed(
                lambda s=switches, a=alphas, r=l1_ratio: _cd_path(problem, a, r, *s),
                repeats,
            )
            rows.append((f"{what} (l1_ratio {l1_ratio})", (n, p), seconds, full, gap))
        if l1_ratio == 1.0:
            seconds, lars = timed(
                lambda a=alphas: lars_homotopy(problem, a[-1]), repeats
            )
            gaps, _ = problem.certificates(lars.coefs_at(alphas)[0], 0.0, alphas, 1.0)
            rows.append(
                ("lars homotopy (l1_ratio 1.0)", (n, p), seconds, full, gaps.max())
            )
    # the exact lasso at the grid: from active sets, or read off the homotopy's knots
    n, p = 2000, 500
    X, y = make_data(n, p)
    problem = Problem(X, y, fit_intercept=False)
    _ = problem.gram  # untimed: both use it
    alphas = problem.alpha_max() * np.logspace(0, np.log10(EPS), N_ALPHAS)
    full = None
    for what, grid in [
        (
            "lasso at the grid: lasso_at_alphas",
            lambda a: lasso_at_alphas(problem, a)[0],
        ),
        (
            "lasso at the grid: homotopy's knots read off",
            lambda a: lars_homotopy(problem, a[-1]).coefs_at(a)[0],
        ),
    ]:
        # under the thread policy of the path that calls them
        seconds, coefs = timed(one_blas_thread(lambda g=grid: g(alphas)), repeats)
        gaps, _ = problem.certificates(coefs, 0.0, alphas, 1.0)
        full = full or seconds
        rows.append((what, (n, p), seconds, full, gaps.max()))
    for n, p in [(500, 100), (2000, 500)]:
        X, y = make_data(n, p)
        alphas = alpha_max(X, y, l1_ratio=0.0, fit_intercept=False) * np.logspace(
            0, np.log10(EPS), N_ALPHAS
        )
        _ridge_path(X, y, alphas, True)  # untimed: the first LAPACK calls load code
        full = None
        for what, tridiagonal in [
            ("ridge path: tridiagonal reduction of G", True),
            ("ridge path without it: eigendecomposition", False),
        ]:
            seconds, gap = timed(
                lambda t=tridiagonal, a=alphas, X=X, y=y: _ridge_path(X, y, a, t),
                repeats,
            )
            full = full or seconds
            rows.append((what, (n, p), seconds, full, gap))
    n, p = 1000, 100
    X, y = make_data(n, p, random_state=1)
    y_signed = np.where(y > 0, 1.0, -1.0)
    problem = Problem(X, y_signed, "logistic", fit_intercept=False)
    alphas = problem.alpha_max() * np.logspace(0, np.log10(EPS), N_ALPHAS)
    full = None
    for what, inner, working_sets in [
        ("logistic: prox_newton in working sets", newton_loop, True),
        ("logistic: fista in working sets", fista_loop, True),
        ("logistic: fista, no working sets", fista_loop, False),
    ]:
        seconds, gap = timed(
            lambda i=inner, w=working_sets: _fista_path(problem, alphas, i, w), repeats
        )
        full = full or seconds
        rows.append((what, (n, p), seconds, full, gap))
    return rows


def spin():
    """Keep one core busy (the issue's "other core busy" run)."""
    while True:
        pass


ROWS = ("single", "lasso", "lasso-cd", "enet", "ridge", "warm", "logistic", "ablation")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    parser.add_argument(
        "--one-thread", action="store_true", help="limit BLAS to one thread"
    )
    parser.add_argument(
        "--skip-wide", action="store_true", help="leave out the (200, 5000) shape"
    )
    parser.add_argument(
        "--busy",
        action="store_true",
        help="run a second process spinning on one core for the whole run",
    )
    parser.add_argument(
        "--rows",
        default=",".join(ROWS),
        help=f"comma-separated subset of {','.join(ROWS)} (default: all)",
    )
    parser.add_argument(
        "--shapes",
        default=",".join(f"{n}x{p}" for n, p in SHAPES),
        help="comma-separated subset of the path shapes, as NxP",
    )
    args = parser.parse_args()
    wanted = set(args.rows.split(","))
    if not wanted <= set(ROWS):
        parser.error(f"--rows must be a subset of {','.join(ROWS)}")
    shapes = [
        tuple(int(v) for v in shape.split("x")) for shape in args.shapes.split(",")
    ]
    spinner = None
    if args.busy:
        spinner = multiprocessing.Process(target=spin, daemon=True)
        spinner.start()
    print(f"load average at start: {os.getloadavg()[0]:.2f}; busy: {args.busy}")
    try:
        run_rows(args, wanted, shapes)
    finally:
        if spinner is not None:
            spinner.terminate()
            spinner.join()
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


def run_rows(args, wanted, shapes):
    """Time the rows in ``wanted`` and print them, then the summary tables."""
    # medians of 9 and 5 in a full run: rows of a few milliseconds moved by 30-50%
    # between runs with 5 and 2 (issue 10's notes)
    repeats_small, repeats_large = (3, 1) if args.quick else (9, 5)

    rows = []

    def line(what, shape, ours, theirs, ours_gap, theirs_gap, note):
        if note == "ms":
            timing = f"{ours * 1e3:8.2f}ms {theirs * 1e3:8.2f}ms"
        else:
            timing = f"{ours:10.4f} {theirs:10.4f}"
        return (
            f"{what:36s} {shape!s:>12s} {timing} {ours / theirs:7.3f} "
            f"{ours_gap:11.1e} {theirs_gap:11.1e}  {note}"
        )

    def add(what, shape, ours, theirs, ours_gap, theirs_gap, note=""):
        rows.append((what, shape, ours, theirs, ours_gap, theirs_gap, note))
        print("  " + line(*rows[-1]), flush=True)

    ablations = []
    with threadpool_limits(limits=1 if args.one_thread else None):
        if "single" in wanted:
            for l1_ratio in (1.0, 0.5):
                ours, theirs, g1, g2, what = single_fit_row(repeats_large, l1_ratio)
                name = "Lasso" if l1_ratio == 1 else "ElasticNet(l1_ratio=0.5)"
                add(
                    f"{name} fit, solve() ran {what}",
                    (20, 5000),
                    ours,
                    theirs,
                    g1,
                    g2,
                    "sk at its defaults",
                )
        for n, p in shapes:
            if args.skip_wide and p > 10 * n:
                continue
            X, y = make_data(n, p)
            repeats = repeats_small if n * p <= 50_000 else repeats_large
            if p > 10 * n:
                repeats = 1  # scikit-learn takes minutes here
            rows_here = [
                ("lasso", "lasso path (auto)", 1.0, "auto"),
                ("lasso-cd", "lasso path, coordinate descent", 1.0, "cd"),
                ("enet", "enet path l1_ratio=0.5", 0.5, "auto"),
            ]
            if p > 10 * n:
                # near interpolation (|support| -> n) coordinate descent for the
                # lasso needs thousands of sweeps; LARS is the engine here
                del rows_here[1]
            for key, what, l1_ratio, solver in rows_here:
                if key not in wanted:
                    continue
                ours, theirs, g1, g2, tol, ran = path_row(
                    X, y, l1_ratio, solver, repeats
                )
                add(
                    f"{what} ran {ran}",
                    (n, p),
                    ours,
                    theirs,
                    g1,
                    g2,
                    f"sk tol {tol:.0e}",
                )
            if "ridge" in wanted:
                ours, refit, cv, g1, g2 = ridge_rows(X, y, repeats)
                add("ridge path vs 100 Ridge fits", (n, p), ours, refit, g1, g2)
                add("ridge path vs RidgeCV", (n, p), ours, cv, g1, float("nan"))
            if "warm" in wanted and p <= 500:
                ours, theirs, g1, g2 = warm_refit_row(X, y, repeats_small)
                add("warm refit at a new alpha", (n, p), ours, theirs, g1, g2, "ms")
        if "logistic" in wanted:
            ours, theirs, g1, g2, tol = logistic_row(repeats_large)
            add(
                "L1-logistic path vs liblinear loop",
                (1000, 100),
                ours,
                theirs,
                g1,
                g2,
                f"sk tol {tol:.0e}",
            )
        if "ablation" in wanted:
            ablations = ablation_rows(1 if args.quick else 2)

    if ablations:
        print()
        print(
            f"{'ablation':48s} {'(n, p)':>12s} {'seconds':>9s} {'x full':>7s} "
            f"{'gap':>9s}"
        )
    for what, shape, seconds, full, gap in ablations:
        print(
            f"{what:48s} {shape!s:>12s} {seconds:9.4f} {seconds / full:7.2f} {gap:9.1e}"
        )
    print()
    print(
        f"{'row':36s} {'(n, p)':>12s} {'reglab s':>10s} {'sklearn s':>10s} "
        f"{'ratio':>7s} {'reglab gap':>11s} {'sklearn gap':>11s}  note"
    )
    for row in rows:
        print(line(*row))


if __name__ == "__main__":
    main()
