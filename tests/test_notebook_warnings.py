"""The root conftest.py makes a warning printed by a notebook cell fail that cell.

The fixture writes throwaway notebooks next to a copy of the repository's conftest.py,
runs nbval on all of them in one separate pytest process (one kernel start per
notebook is the cost), and reads each cell's outcome from its JUnit XML report.
"""

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]

NOTEBOOKS = {
    "warns": [
        "x = 1",
        "import warnings\nwarnings.warn('careful with alpha', UserWarning)",
        "print(x + 1)",
    ],
    # Python's default filters hide a DeprecationWarning raised inside an imported
    # module; the kernel starts with PYTHONWARNINGS=default, so the test sees it.
    "library_deprecation": ["import helper\nhelper.old_api()"],
    "clean": ["import sys\nprint('progress: 3 of 5', file=sys.stderr)", "print('ok')"],
    # The silent cell comes first: stderr that reached nbval late could only be
    # counted in a later cell, so it cannot make this one pass.
    "expected_warning": [
        "print('no warning here')",
        "import warnings\nwarnings.warn('shown on purpose')",
    ],
    "raises": ["raise ValueError('`alpha` must be >= 0. Got -1 instead.')"],
}
HELPER_MODULE = """import warnings


def old_api():
    warnings.warn("old_api is deprecated", DeprecationWarning)
"""


# Loaded beside the copied conftest.py: records the stderr each cell printed, so a
# failed assertion below shows what nbval saw, not only the outcome.
RECORDER_PLUGIN = """import json
from pathlib import Path

import pytest


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    try:
        return (yield)
    finally:
        outputs = getattr(item, "test_outputs", None) or []
        stderr = "".join(
            o.get("text", "") for o in outputs
            if o.get("output_type") == "stream" and o.get("name") == "stderr"
        )
        key = item.parent.name.removesuffix(".ipynb") + f" {item.cell_num}"
        with Path("stderr.jsonl").open("a") as log:
            log.write(json.dumps([key, stderr]) + "\\n")
"""


def _write_notebook(path, sources):
    name = path.stem
    notebook = new_notebook()
    notebook.metadata["kernelspec"] = {
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "name": "python3",
    }
    notebook.cells = [new_code_cell(source) for source in sources]
    for index, cell in enumerate(notebook.cells):
        cell.id = f"cell-{index}"
        if name == "expected_warning":
            cell.metadata["tags"] = ["reglab-expect-warning"]
    nbformat.write(notebook, path)


class Outcome(tuple):
    """``(outcome, message)``, with the cell's recorded stderr in its repr."""

    def __new__(cls, outcome, message, stderr):
        self = super().__new__(cls, (outcome, message))
        self.stderr = stderr
        return self

    def __repr__(self):
        return f"{tuple(self)!r} (stderr the cell printed: {self.stderr!r})"


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    """{(notebook, cell number): Outcome} from one nbval run."""
    folder = tmp_path_factory.mktemp("nbval_warnings")
    shutil.copy(ROOT / "conftest.py", folder / "conftest.py")
    (folder / "tests").mkdir()
    shutil.copy(ROOT / "tests" / "notebook_numbers.py", folder / "tests")
    (folder / "helper.py").write_text(HELPER_MODULE)
    (folder / "stderr_recorder.py").write_text(RECORDER_PLUGIN)
    for name, sources in NOTEBOOKS.items():
        _write_notebook(folder / f"{name}.ipynb", sources)
    report = folder / "report.xml"
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p",
               "no:randomly", "-p", "stderr_recorder", "--color=no", "--nbval-lax",
               "--nbval-current-env", f"--junitxml={report}", "-o",
               "junit_family=xunit2", "."]  # fmt: skip
    completed = subprocess.run(
        command, cwd=folder, capture_output=True, text=True, timeout=600
    )
    assert report.exists(), completed.stdout + completed.stderr
    printed = dict(
        json.loads(line) for line in (folder / "stderr.jsonl").read_text().splitlines()
    )
    results = {}
    for case in ElementTree.parse(report).iter("testcase"):
        notebook = case.get("classname").removesuffix(".ipynb").rsplit(".", 1)[-1]
        cell = int(case.get("name").removeprefix("Cell "))
        failure = case.find("failure")
        stderr = printed.get(f"{notebook} {cell}", "")
        if failure is not None:
            message = failure.get("message", "") + (failure.text or "")
            results[notebook, cell] = Outcome("failed", message, stderr)
        else:
            results[notebook, cell] = Outcome("passed", "", stderr)
    return results


def test_a_cell_that_warns_fails_and_the_others_pass(outcomes):
    assert outcomes["warns", 0][0] == "passed"
    outcome, message = outcomes["warns", 1]
    assert outcome == "failed"
    assert "Cell printed a warning" in message
    assert "UserWarning: careful with alpha" in message
    assert outcomes["warns", 2][0] == "passed"


def test_a_library_deprecation_hidden_by_default_filters_fails(outcomes):
    outcome, message = outcomes["library_deprecation", 0]
    assert outcome == "failed"
    assert "DeprecationWarning: old_api is deprecated" in message


def test_stderr_without_a_warning_and_clean_cells_pass(outcomes):
    assert outcomes["clean", 0] == ("passed", "")
    assert outcomes["clean", 1] == ("passed", "")


def test_a_deliberate_warning_must_be_marked_and_must_happen(outcomes):
    silent = outcomes["expected_warning", 0]
    assert silent[0] == "failed", silent
    assert "tagged reglab-expect-warning but printed no warning" in silent[1]
    assert outcomes["expected_warning", 1] == ("passed", "")


def test_a_cell_error_is_still_reported_by_nbval(outcomes):
    outcome, message = outcomes["raises", 0]
    assert outcome == "failed"
    assert "Cell execution caused an exception" in message
