"""The BLAS thread policy: reglab's solvers run with one BLAS thread.

Measured with ``benchmarks/solvers.py`` and the shapes of issue 10 on this project's
2-core machine: the solvers' matrix products are small (at most a few million
flops each, thousands of them per path), and a second BLAS thread never made them
faster; with other work on the machine it made them up to 10x slower (an L1-logistic
path at n = 1000, p = 100: 4.9 s with one thread, 49.5 s with two, load average ~20;
issue 10 reports the LARS path at n = 200, p = 2000 at 125 ms vs 805 ms idle). So every
public solver entry point limits BLAS to one thread for its duration (threadpoolctl,
the library scikit-learn uses for the same purpose) and restores it afterwards.
Problems larger than those measured (n p above 1e6) get the same policy, unmeasured.
"""

import functools

from threadpoolctl import ThreadpoolController

__all__ = ["one_blas_thread"]

_CONTROLLER = []  # created on first use: it inspects the BLAS libraries loaded then


def one_blas_thread(function):
    """Run ``function`` with BLAS limited to one thread (restored afterwards)."""

    @functools.wraps(function)
    def limited(*args, **kwargs):
        if not _CONTROLLER:
            _CONTROLLER.append(ThreadpoolController())
        with _CONTROLLER[0].limit(limits=1, user_api="blas"):
            return function(*args, **kwargs)

    return limited
