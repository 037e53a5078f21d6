"""The numbers check: a number the prose states must be shown by a cell."""

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location(
    "notebook_numbers", ROOT / "tests" / "notebook_numbers.py"
)
numbers = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(numbers)


def test_what_counts_as_a_stated_number():
    text = (
        "## 3.1 Ridge\nThe gap is 0.14 and 2e-4, 37% of the time; 4 of 20 sets, "
        "3 out of 10; notebook 04, degree 15, $\\alpha = 0.5$, $$w = 0.25$$, "
        "[link](https://example.org/v1.5) 1,000.5 and 0.13-0.18."
    )
    assert numbers.stated_numbers(text) == [
        "0.14", "2e-4", "37%", "4", "20", "3", "10", "1000.5", "0.13", "0.18",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("stated", "shown", "expected"),
    [
        ("0.14", "0.1412", True),
        ("0.14", "0.146", False),
        ("14.2", "14.23", True),
        ("2e-4", "0.000213", True),
        ("2e-4", "0.00031", False),
        ("37%", "0.37", True),
        ("37%", "37.0%", True),
        ("-0.56", "s2 -0.56", True),
        ("1.96e+04", "19600.0", True),
        ("4", "kept 4", True),
        ("4", "kept 5", False),
    ],
)
def test_a_stated_number_matches_at_its_stated_precision(stated, shown, expected):
    assert numbers._matches(stated.lstrip("-"), numbers.shown_values([shown])) is (
        expected
    )


def _notebook(path, cells, definition_numbers=()):
    notebook = new_notebook()
    notebook.metadata["kernelspec"] = {
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "name": "python3",
    }
    if definition_numbers:
        notebook.metadata["reglab"] = {"definition_numbers": list(definition_numbers)}
    notebook.cells = cells
    for index, cell in enumerate(notebook.cells):
        cell.id = f"cell-{index}"
    nbformat.write(notebook, path)


def test_nbval_fails_the_last_cell_of_a_notebook_whose_text_says_more(tmp_path):
    shutil.copy(ROOT / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "tests").mkdir()
    shutil.copy(ROOT / "tests" / "notebook_numbers.py", tmp_path / "tests")
    text = "The lasso keeps 3 of 10 features; its error is 0.25 and the step 0.5."
    _notebook(
        tmp_path / "drifted.ipynb",
        [new_markdown_cell(text), new_code_cell("print(3, 10)"), new_code_cell("1")],
    )
    _notebook(
        tmp_path / "honest.ipynb",
        [new_markdown_cell(text), new_code_cell("print(3, 10, round(0.2512, 4))")],
        definition_numbers=["0.5"],
    )
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q",
               "--color=no", "--nbval-lax", "--nbval-current-env", "."]  # fmt: skip
    completed = subprocess.run(
        command, cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    output = completed.stdout
    assert "FAILED drifted.ipynb::Cell 1" in output, output
    assert "cell-0: 0.25" in output and "cell-0: 0.5" in output
    assert "honest.ipynb" not in output.split("short test summary")[-1]
    assert "1 failed, 2 passed" in output
