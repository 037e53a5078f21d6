"""R's glmnet as a test oracle, run by ``Rscript`` in a subprocess (no rpy2).

One R process serves a whole test module (starting R and loading glmnet takes about
2 s; a fit then takes milliseconds). Each fit is one job: the arrays go into a fresh
folder as little-endian float64 files (exact, no decimal round trip), the job's
integers and flags into ``job.dcf``; the folder's path goes to R on stdin, and R
answers one line, ``ok`` or ``error: <message>``, with ``out.bin`` written (for a
fit, the ``(p + 1) x n_lambda`` matrix of ``coef(fit, s = fit$lambda, gamma = ...)``,
intercept first, column-major). R runs with ``options(warn = 2)``, so a glmnet
warning (a fit that did not converge) fails the test instead of passing quietly.

Without Rscript or the glmnet package the tests skip and say how to install them;
with ``REGLAB_REQUIRE_GLMNET=1`` (set by ``.ci/run``) the skip becomes a failure.
"""

import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

import numpy as np
from required import skip_or_fail

RSCRIPT = os.environ.get("REGLAB_RSCRIPT", "Rscript")
R_PACKAGE = "glmnet"
STARTUP_TIMEOUT = 60  # seconds; ~2 s on an idle machine, 3-4x that under load
FIT_TIMEOUT = 60
INSTALL_HINT = (
    "Install R's glmnet with `sudo apt-get install -y --no-install-recommends "
    'r-cran-glmnet` (Debian/Ubuntu), or in R: install.packages("glmnet"); point '
    "REGLAB_RSCRIPT at Rscript if it is not on PATH. Set REGLAB_REQUIRE_GLMNET=1 to "
    "make this skip a failure."
)

# The server: read a job folder per line of stdin, fit, answer one line.
R_SERVER = r"""
options(warn = 2)
args <- commandArgs(trailingOnly = TRUE)
if (!requireNamespace(args[1], quietly = TRUE)) {
  cat("missing\n"); quit(status = 0)
}
suppressPackageStartupMessages(library(args[1], character.only = TRUE))
cat("ready", format(packageVersion(args[1])), "\n"); flush(stdout())

fit_job <- function(dir) {
  job <- as.list(read.dcf(file.path(dir, "job.dcf"))[1, ])
  n <- as.integer(job$n); p <- as.integer(job$p)
  doubles <- function(name, count) {
    readBin(file.path(dir, name), "double", count, endian = "little")
  }
  lambda <- doubles("lambda.bin", as.integer(job$n_lambda))
  gamma <- doubles("gamma.bin", as.integer(job$n_gamma))
  exclude <- as.integer(strsplit(job$exclude, " ")[[1]])  # "0": none
  exclude <- exclude[exclude > 0]
  relax <- job$relax == "TRUE"
  # do.call puts the values into fit$call: relax = TRUE refits with update(fit),
  # which evaluates that call again elsewhere, where local names do not exist.
  # thresh: glmnet's coordinate descent stops when no update lowers the objective by
  # more than thresh * the null deviance; at 1e-22 its coefficients are ~1e-12 from
  # the optimum (at the default, 1e-7, about 1e-4).
  arguments <- list(
    x = matrix(doubles("x.bin", n * p), n, p),  # column-major, as Python wrote it
    y = doubles("y.bin", n), family = "gaussian", alpha = doubles("alpha.bin", 1),
    lambda = lambda, penalty.factor = doubles("penalty_factor.bin", p),
    exclude = if (length(exclude) > 0) exclude, standardize = FALSE,
    intercept = TRUE, thresh = 1e-22, maxit = 1e7, relax = relax)
  if (job$kind == "cv") {
    arguments$foldid <- as.integer(doubles("foldid.bin", n))
    arguments$gamma <- gamma
    fit <- do.call(cv.glmnet, arguments)
    stats <- fit$relaxed$statlist  # one per gamma: cvm, cvsd at each lambda
    if (any(sapply(stats, function(s) length(s$cvm)) != length(lambda))) {
      stop("cv.glmnet left out lambdas (a support larger than maxp)")
    }
    choice <- fit$relaxed
    out <- c(sapply(stats, `[[`, "cvm"), sapply(stats, `[[`, "cvsd"),
             choice$lambda.min, choice$gamma.min, choice$lambda.1se, choice$gamma.1se)
  } else {
    fit <- do.call(glmnet, arguments)
    if (length(fit$lambda) != length(lambda)) {
      stop("glmnet stopped after ", length(fit$lambda), " of ", length(lambda),
           " lambdas")
    }
    out <- as.matrix(if (relax) {
      coef(fit, s = fit$lambda, gamma = gamma)
    } else {
      coef(fit, s = fit$lambda)
    })
  }
  writeBin(as.vector(out), file.path(dir, "out.bin"), endian = "little")
}

input <- file("stdin", "r")
while (length(dir <- readLines(input, n = 1)) > 0) {
  answer <- tryCatch({ fit_job(dir); "ok" },
                     error = function(e) paste("error:", conditionMessage(e)))
  cat(gsub("\n", " ", answer), "\n", sep = ""); flush(stdout())
}
"""


class GlmnetUnavailable(RuntimeError):
    """Rscript or the glmnet package is missing; the message says which."""


class RGlmnet:
    """A running R with glmnet loaded; ``fit`` sends it one job.

    Use as a context manager (the R process ends with the ``with`` block). Raises
    ``GlmnetUnavailable`` when Rscript or glmnet is missing.
    """

    def __init__(self):
        rscript = shutil.which(RSCRIPT)
        if rscript is None:
            raise GlmnetUnavailable(f"no Rscript ({RSCRIPT!r} not found)")
        self._dir = tempfile.TemporaryDirectory(prefix="reglab-glmnet-")
        script = Path(self._dir.name) / "server.R"
        script.write_text(R_SERVER)
        self._stderr = open(Path(self._dir.name) / "stderr.txt", "w+")
        self._process = subprocess.Popen(
            [rscript, "--vanilla", str(script), R_PACKAGE],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,  # a file: a full pipe would block R
            text=True,
        )
        first = self._read_line(STARTUP_TIMEOUT)
        if first.startswith("missing"):
            self.close()
            raise GlmnetUnavailable(f"R has no package {R_PACKAGE!r} ({rscript})")
        if not first.startswith("ready"):
            stderr = self.close()
            raise RuntimeError(f"R did not start: {first!r}\n{stderr}")
        self.version = first.split()[1]
        self._n_jobs = 0

    def _read_line(self, timeout):
        # R answers one line per job; a timer kills R if it hangs, so readline ends.
        timer = threading.Timer(timeout, self._process.kill)
        timer.start()
        try:
            return self._process.stdout.readline().strip()
        finally:
            timer.cancel()

    def fit(
        self, X, y, lambdas, *, alpha=1.0, penalty_factor=None, exclude=(), gamma=None
    ):
        """glmnet(x, y, alpha, lambda, penalty.factor, exclude, relax) at each lambda.

        ``standardize = FALSE``, an intercept, ``thresh = 1e-22``. ``exclude``
        takes 0-based column indices (R's are 1-based). With ``gamma`` the fit has
        ``relax = TRUE`` and the coefficients are ``coef(fit, gamma = gamma)``.

        Returns
        -------
        (coefs, intercepts): ndarrays of shape (n_lambdas, p) and (n_lambdas,).
        """
        p = np.shape(X)[1]
        out = self._run(
            "fit", X, y, lambdas, alpha=alpha, penalty_factor=penalty_factor,
            exclude=exclude, gammas=None if gamma is None else [gamma],
        )  # fmt: skip
        coefs = out.reshape(-1, p + 1)  # R's (p + 1) x n_lambda, column-major
        return coefs[:, 1:], coefs[:, 0]

    def cv_relaxed(self, X, y, lambdas, gammas, foldid):
        """cv.glmnet(x, y, lambda, foldid, relax = TRUE, gamma), the lasso.

        ``foldid`` gives each row's fold, 1 to K, as R's ``foldid``.

        Returns
        -------
        dict with ``cvm`` and ``cvsd`` of shape (n_gammas, n_lambdas), and
        ``lambda_min``, ``gamma_min``, ``lambda_1se``, ``gamma_1se``.
        """
        out = self._run("cv", X, y, lambdas, gammas=gammas, foldid=foldid)
        size = len(gammas) * len(lambdas)
        cvm, cvsd = (
            out[k * size : (k + 1) * size].reshape(len(gammas), -1) for k in (0, 1)
        )
        names = ("lambda_min", "gamma_min", "lambda_1se", "gamma_1se")
        return {
            "cvm": cvm,
            "cvsd": cvsd,
            **dict(zip(names, out[2 * size :], strict=True)),
        }

    def _run(
        self, kind, X, y, lambdas, *, alpha=1.0, penalty_factor=None, exclude=(),
        gammas=None, foldid=None,
    ):  # fmt: skip
        """Write one job, let R run it, return R's out.bin as a flat array."""
        X = np.asarray(X, dtype=float)
        n, p = X.shape
        lambdas = np.atleast_1d(np.asarray(lambdas, dtype=float))
        job = Path(self._dir.name) / f"job{self._n_jobs}"
        self._n_jobs += 1
        job.mkdir()
        arrays = {
            "x": X.T,  # R's matrix() fills column by column
            "y": y,
            "lambda": lambdas,
            "alpha": [alpha],
            "penalty_factor": np.ones(p) if penalty_factor is None else penalty_factor,
            "gamma": [1.0] if gammas is None else gammas,
            "foldid": np.zeros(n) if foldid is None else foldid,
        }
        for name, values in arrays.items():
            np.asarray(values, dtype="<f8").tofile(job / f"{name}.bin")
        r_exclude = " ".join(str(j + 1) for j in exclude) or "0"
        relax = "FALSE" if gammas is None else "TRUE"
        (job / "job.dcf").write_text(
            f"kind: {kind}\nn: {n}\np: {p}\nn_lambda: {lambdas.size}\n"
            f"n_gamma: {len(arrays['gamma'])}\nexclude: {r_exclude}\n"
            f"relax: {relax}\n"
        )
        self._process.stdin.write(f"{job}\n")
        self._process.stdin.flush()
        answer = self._read_line(FIT_TIMEOUT)
        if not answer:
            stderr = self.close()
            code = self._process.returncode
            raise RuntimeError(f"R ended (exit code {code}) during a fit:\n{stderr}")
        if answer != "ok":
            raise RuntimeError(f"glmnet failed: {answer}")
        return np.fromfile(job / "out.bin", dtype="<f8")

    def close(self):
        """End R (closing its stdin ends its loop); return what R wrote to stderr."""
        if self._stderr.closed:  # closed already
            return ""
        self._process.stdin.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._process.stdout.close()
        self._stderr.seek(0)
        stderr = self._stderr.read()
        self._stderr.close()
        self._dir.cleanup()
        return stderr

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


def start_glmnet_or_skip():
    """An ``RGlmnet``; skips (or, with REGLAB_REQUIRE_GLMNET=1, fails) without it."""
    try:
        return RGlmnet()
    except GlmnetUnavailable as missing:
        skip_or_fail(
            "REGLAB_REQUIRE_GLMNET", "R's glmnet tests", f"{missing}. {INSTALL_HINT}"
        )
