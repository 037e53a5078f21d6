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

_BLAS = []  # the BLAS libraries loaded, found on first use (threadpoolctl)


def one_blas_thread(function):
    """Run ``function`` with BLAS limited to one thread (restored afterwards).

    Calls each library's own setter (microseconds), not ``threadpool_limits``,
    which inspects every loaded library on each call (a millisecond: more than a
    small ridge path takes).
    """

    @functools.wraps(function)
    def limited(*args, **kwargs):
        if not _BLAS:
            controller = ThreadpoolController()
            _BLAS.append(
                [c for c in controller.lib_controllers if c.user_api == "blas"]
            )
        libraries = _BLAS[0]
        before = [library.get_num_threads() for library in libraries]
        for library in libraries:
            library.set_num_threads(1)
        try:
            return function(*args, **kwargs)
        finally:
            for library, threads in zip(libraries, before, strict=True):
                library.set_num_threads(threads)

    return limited
