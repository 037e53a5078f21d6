"""The pre-workshop check: each check passes here, and says what is wrong when the
environment is broken (simulated with temporary files and stand-in checks)."""

import subprocess
import sys
from pathlib import Path

import pytest

from reglab import check_setup
from reglab.check_setup import FAIL, PASS, WARN, CheckResult

ROOT = Path(__file__).resolve().parents[1]


def _installed_from_the_pins():
    """False under `make floors`, where numpy and friends are at their lower bounds."""
    pins = check_setup.read_pins(ROOT / "constraints.txt")
    return all(
        check_setup._installed_version(name) == version
        for name, version in pins.values()
        if name in ("numpy", "scipy", "scikit-learn", "matplotlib")
    )


def test_command_passes_here_and_prints_the_verdict_block():
    completed = subprocess.run(
        [sys.executable, "-m", "reglab.check_setup"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    out = completed.stdout
    # Installed from the pins (make test) every check passes; installed at the floors
    # (make floors) the versions differ from the pins, which is a warning.
    pinned = _installed_from_the_pins()
    verdict = "7 passed, 0 warnings" if pinned else "6 passed, 1 warnings"
    assert f"VERDICT: READY ({verdict}, 0 failed)" in out
    for name in ("Python", "dependencies", "reglab imports", "widgets",
                 "JupyterLab widgets", "notebook kernel"):  # fmt: skip
        assert f"PASS  {name} " in out
    assert ("PASS  versions " if pinned else "WARN  versions ") in out
    # The widget check built every explorer and saw a new image after a control moved
    # (it runs here once, in the command, rather than again in this process).
    explorers = check_setup._explorers()
    assert len(explorers) >= 11
    assert f"all {len(explorers)} explorers built; moving a control redrew" in out
    assert f"Python:   {sys.version.split()[0]}" in out
    assert out.startswith("=" * 72) and out.rstrip().endswith("=" * 72)


def test_python_outside_requires_python_fails():
    result = check_setup.check_python((3, 10, 13), ">=3.11")
    assert result.status == FAIL
    assert "3.10.13 does not satisfy >=3.11" in result.detail
    assert check_setup.check_python((3, 12, 1), ">=3.11").status == PASS


def test_version_mismatch_is_a_warning_naming_both_versions(tmp_path):
    import numpy

    constraints = tmp_path / "constraints.txt"
    constraints.write_text(
        "# a comment, then a pin that differs and odd lines that must not crash\n"
        "numpy==0.0.1\n"
        "not a requirement at all ==\n"
        "\n"
        f'scipy=={__import__("scipy").__version__} ; python_version >= "3"\n'
        'ipykernel==0.0.1 ; python_version < "3"\n'
    )
    result = check_setup.check_versions(constraints)
    assert result.status == WARN
    assert f"numpy {numpy.__version__} (pinned 0.0.1)" in result.detail
    assert "scipy" not in result.detail  # matches its pin
    assert "ipykernel" not in result.detail  # marker does not apply to this Python


def test_a_pin_nothing_here_requires_is_not_missing(tmp_path, monkeypatch):
    # Pins follow environment markers: `overrides` is pinned because jupyter-server
    # needs it below Python 3.12; on 3.13 nothing requires it, so it is not missing.
    constraints = tmp_path / "constraints.txt"
    constraints.write_text("reglab-no-such-package==1.0\n")
    assert check_setup.check_versions(constraints).status == PASS

    monkeypatch.setattr(
        check_setup, "_required_here", lambda: {"reglab-no-such-package"}
    )
    result = check_setup.check_versions(constraints)
    assert result.status == WARN
    assert "required here but not installed: reglab-no-such-package" in result.detail


def test_the_real_constraints_parse_and_match_here(tmp_path):
    pins = check_setup.read_pins(ROOT / "constraints.txt")
    assert pins["numpy"][1]  # the real file parses, with numpy pinned
    expected = PASS if _installed_from_the_pins() else WARN
    assert check_setup.check_versions(ROOT / "constraints.txt").status == expected
    assert check_setup.check_versions(tmp_path / "absent.txt").status == WARN


def test_requirements_follow_environment_markers():
    # jupyter-server requires `overrides` only below Python 3.12.
    held = {r.name for r in check_setup._requirements("jupyter-server")}
    assert ("overrides" in held) is (sys.version_info < (3, 12))


def test_missing_runtime_package_is_a_failure(monkeypatch):
    real_version = check_setup._installed_version
    monkeypatch.setattr(
        check_setup,
        "_installed_version",
        lambda name: None if name == "ipywidgets" else real_version(name),
    )
    result = check_setup.check_dependencies()
    assert result.status == FAIL
    assert "not installed: ipywidgets" in result.detail


def test_a_package_below_the_course_floor_is_a_failure(monkeypatch):
    # matplotlib 3.7.5 lacks set_animated on contour sets, which two explorers use.
    real_version = check_setup._installed_version
    monkeypatch.setattr(
        check_setup,
        "_installed_version",
        lambda name: "3.7.5" if name == "matplotlib" else real_version(name),
    )
    result = check_setup.check_dependencies()
    assert result.status == FAIL
    assert "matplotlib 3.7.5 (needs matplotlib>=3.10.7)" in result.detail
    assert check_setup.check_dependencies.__name__ in {
        c.__name__ for c in check_setup.CHECKS
    }


def test_widgets_extension_missing_fails_with_the_fix(tmp_path):
    result = check_setup.check_lab_extension([tmp_path])
    assert result.status == FAIL
    assert "Error displaying widget" in result.detail
    assert "jupyterlab_widgets" in result.detail

    extension = tmp_path / "@jupyter-widgets" / "jupyterlab-manager"
    extension.mkdir(parents=True)
    (extension / "package.json").write_text('{"version": "5.0.16"}')
    result = check_setup.check_lab_extension([tmp_path])
    assert result == CheckResult(
        "JupyterLab widgets",
        PASS,
        f"@jupyter-widgets/jupyterlab-manager 5.0.16 in {tmp_path}",
    )


def test_widget_check_names_every_explorer_that_breaks():
    import reglab.widgets

    def broken_explorer():
        raise ValueError("no data")

    result = check_setup.check_widgets(
        {
            "broken_explorer": broken_explorer,
            "thresholding_explorer": reglab.widgets.thresholding_explorer,
            "also_broken_explorer": broken_explorer,
        }
    )
    assert result.status == FAIL
    assert "broken_explorer (ValueError: no data)" in result.detail
    assert "also_broken_explorer (ValueError: no data)" in result.detail
    assert "thresholding_explorer" not in result.detail


def test_a_crashing_check_is_reported_not_raised():
    def check_explodes():
        raise RuntimeError("no display")

    def check_fine():
        return CheckResult("fine", PASS, "ok")

    results = check_setup.run_checks((check_fine, check_explodes))
    assert results[0].status == PASS
    assert results[1].name == "explodes"
    assert results[1].status == FAIL
    assert "RuntimeError: no display" in results[1].detail

    report = check_setup.format_report(results)
    assert "VERDICT: NOT READY (1 passed, 0 warnings, 1 failed)" in report
    assert "FAIL  explodes" in report


def test_main_exit_code_is_nonzero_on_failure(monkeypatch, capsys):
    failing = CheckResult("widget", FAIL, "broken")
    monkeypatch.setattr(check_setup, "run_checks", lambda: [failing])
    assert check_setup.main() == 1
    assert "NOT READY" in capsys.readouterr().out

    warned = CheckResult("versions", WARN, "numpy 2.3 (pinned 2.4.6)")
    monkeypatch.setattr(check_setup, "run_checks", lambda: [warned])
    assert check_setup.main() == 0
    assert "VERDICT: READY (0 passed, 1 warnings, 0 failed)" in capsys.readouterr().out


@pytest.mark.parametrize("program", ["python", sys.executable])
def test_kernel_running_this_python_passes(program, monkeypatch):
    from jupyter_client.kernelspec import KernelSpec, KernelSpecManager

    spec = KernelSpec(argv=[program, "-m", "ipykernel_launcher"], resource_dir="/k")
    monkeypatch.setattr(KernelSpecManager, "get_kernel_spec", lambda self, name: spec)
    assert check_setup.check_kernel().status == PASS


def test_kernel_running_another_python_warns(monkeypatch):
    from jupyter_client.kernelspec import KernelSpec, KernelSpecManager

    spec = KernelSpec(
        argv=["/opt/other/bin/python", "-m", "ipykernel_launcher"],
        resource_dir="/home/me/.local/share/jupyter/kernels/python3",
    )
    monkeypatch.setattr(KernelSpecManager, "get_kernel_spec", lambda self, name: spec)
    result = check_setup.check_kernel()
    assert result.status == WARN
    assert "/opt/other/bin/python" in result.detail


def test_the_notebook_checks_build_one_explorer_and_say_where_all_are():
    names = [check.__name__ for check in check_setup.NOTEBOOK_CHECKS]
    assert names == [
        "check_one_widget" if check is check_setup.check_widgets else check.__name__
        for check in check_setup.CHECKS
    ]
    result = check_setup.check_one_widget()
    assert result.status == PASS
    assert result.name == "widgets"
    assert result.detail.startswith("polynomial_explorer built; moving a control")
    assert "`python -m reglab.check_setup` builds every explorer" in result.detail


def test_the_notebook_widget_check_fails_like_the_full_one(monkeypatch):
    import reglab.widgets

    def broken_explorer():
        raise ValueError("no backend")

    monkeypatch.setattr(reglab.widgets, "polynomial_explorer", broken_explorer)
    result = check_setup.check_one_widget()
    assert result == CheckResult(
        "widgets", FAIL, "polynomial_explorer (ValueError: no backend)"
    )
