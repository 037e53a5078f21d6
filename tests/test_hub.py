"""The workshop hub for real: JupyterHub on loopback with hub/jupyterhub_config.py,
three learners logging in at once, the course cloned by the nbgitpuller link from a
local `git daemon`, and a notebook run in every learner's kernel (the small version of
benchmarks/workshop.py). Select with `-m hub`; needs configurable-http-proxy from
`make hub-proxy` (part of `make test`)."""

import importlib.util
import math
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location(
    "workshop", ROOT / "benchmarks/workshop.py"
)
workshop = importlib.util.module_from_spec(spec)
spec.loader.exec_module(workshop)

pytestmark = [pytest.mark.hub, pytest.mark.slow]
CHECKING_LEARNER = "learner01"


def readme_fallback():
    """The README's fallback for a hub whose image lacks reglab, as one shell line: the
    code block that writes an IPython startup file putting the course folder on every
    kernel's import path. It replaces `pip install --user -e ~/<repo>`, which fails in
    a virtualenv-based hub. (A user kernel spec "python3" with PYTHONPATH is not
    reliable: Jupyter prefers the environment's own kernel specs to the user's in a
    virtualenv the user owns, as here.)"""
    blocks = re.findall(r"```bash\n(.*?)```", (ROOT / "README.md").read_text(), re.S)
    (block,) = [b for b in blocks if "profile_default/startup" in b]
    return " && ".join(block.strip().replace("<repo>", "reglab").splitlines())


def shell(command):
    """Kernel code that runs `command` in a shell and prints its status and output."""
    return (
        "import subprocess\n"
        f"p = subprocess.run({command!r}, shell=True, capture_output=True, text=True,\n"
        "                   executable='/bin/bash')\n"
        "print('status', p.returncode)\n"
        "print(p.stdout + p.stderr)\n"
    )


@pytest.fixture(scope="module")
def result():
    if not workshop.PROXY.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{workshop.PROXY} is missing: `make hub-proxy` installs it")
        pytest.skip(f"{workshop.PROXY} is missing: run `make hub-proxy`")
    setup = (
        shell("pip install --user -e ~/reglab"),  # the README's old advice
        shell(readme_fallback()),  # typed in a hub terminal: here, a kernel's shell
        # The README's check in that terminal, run by one learner: every learner has
        # the same environment, and each learner's kernel is checked below to import
        # reglab from that learner's own clone (the full check costs ~20 CPU-seconds).
        shell(
            f'if [ "$JUPYTERHUB_USER" = {CHECKING_LEARNER} ]; then '
            "PYTHONPATH=~/reglab python -m reglab.check_setup; else echo not run; fi"
        ),
    )
    return workshop.run_workshop(
        3, notebooks=("03_lambda_knob",), timeout=300, setup_code=setup
    )


def test_every_learner_runs_the_notebook(result):
    failures = [f"{x.name} ({x.where}): {x.failure}" for x in result["learners"]]
    assert not any(x.failure for x in result["learners"]), failures
    for learner in result["learners"]:
        assert math.isfinite(learner.spawn_s) and math.isfinite(learner.run_s)
        assert learner.pss_mib > 50, "the learner's processes were not measured"


def test_the_hub_knows_every_setting_and_runs_the_idle_culler(result):
    assert result["config_warnings"] == []
    assert result["blas_threads"] == "1"  # as the learners' kernels had it
    assert any("jupyterhub_idle_culler" in cmd for cmd in result["services"])
    assert any("200 GET /hub/api/users" in line for line in result["culler_requests"])


def test_nothing_is_left_running(result):
    assert result["left_running"] == []
    assert not Path(result["workdir"]).exists()


def test_user_install_fails_in_a_venv_and_the_kernel_fallback_works(result):
    for learner in result["learners"]:
        pip, fallback, check = learner.setup_output
        assert not pip.startswith("status 0"), pip
        assert "User site-packages are not visible" in pip
        assert fallback.startswith("status 0"), fallback
        assert check.startswith("status 0"), check
        if learner.name == CHECKING_LEARNER:
            assert "READY" in check.replace("NOT READY", ""), check
        else:
            assert check.split("\n", 1)[1].strip() == "not run", check
        # The notebook's kernel imported reglab from the learner's own clone.
        home = Path(result["workdir"]) / learner.name
        assert learner.reglab_file == str(home / "reglab" / "reglab" / "__init__.py")
