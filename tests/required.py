"""Skip a test whose tool is missing on this machine, or fail it where CI requires it.

A learner's laptop may lack Chromium, npm or R; the tests that need them skip and say
how to install them. ``.ci/run`` installs them and sets ``REGLAB_REQUIRE_E2E=1`` and
``REGLAB_REQUIRE_GLMNET=1``, so in CI the same skip is a failure instead.
"""

import os

import pytest


def skip_or_fail(variable, what, reason):
    """Skip with ``"{what} skipped: {reason}"``, or fail when ``variable`` is "1"."""
    if os.environ.get(variable) == "1":
        pytest.fail(f"{variable}=1 but {reason}", pytrace=False)
    pytest.skip(f"{what} skipped: {reason}")
