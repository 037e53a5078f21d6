"""Warnings inside notebooks fail the notebook test, as warnings in our own code do.

pyproject.toml turns every warning into an error, but that filter lives in the pytest
process. nbval runs each notebook in a separate kernel, where a warning is only printed
to stderr, and nbval in --nbval-lax mode compares no stderr, so a notebook that warns
would pass. A learner would still see the pink warning box. Two pieces close that gap:

1. The kernel starts with PYTHONWARNINGS=default, so every warning is printed once per
   place, including DeprecationWarnings raised inside the libraries the notebooks call
   (Python's default filters hide those unless they come from the notebook itself),
   without turning them into exceptions that could break the kernel's own machinery.
2. After nbval has run a cell, the cell's outputs (``IPyNbCell.test_outputs``, filled in
   by ``runtest``) are read; a stderr stream that contains "Warning" fails the cell with
   nbval's own error report.

A cell that shows a warning on purpose carries the cell tag ``reglab-expect-warning``
(in the cell's metadata, out of the learner's view); like ``pytest.warns``, it then
fails if it does not warn.

A third piece keeps a notebook's prose and its outputs together: after the notebook's
last cell has run, every number its markdown states must appear in one of its code
cells or in an output of this run (tests/notebook_numbers.py says what counts).

tests/test_notebook_warnings.py and tests/test_notebook_numbers.py run nbval with this
file on throwaway notebooks.
"""

import importlib.util
import os
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "notebook_numbers", Path(__file__).with_name("tests") / "notebook_numbers.py"
)
notebook_numbers = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(notebook_numbers)

EXPECT_WARNING_TAG = "reglab-expect-warning"

try:
    from nbval.plugin import IPyNbCell
except ImportError:  # nbval not installed: no notebook tests to watch
    IPyNbCell = None


def _is_notebook_cell(item):
    return IPyNbCell is not None and isinstance(item, IPyNbCell)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    # The first cell's setup starts the notebook's kernel, which copies os.environ.
    if not _is_notebook_cell(item):
        return (yield)
    previous = os.environ.get("PYTHONWARNINGS")
    os.environ["PYTHONWARNINGS"] = "default"
    try:
        return (yield)
    finally:
        if previous is None:
            del os.environ["PYTHONWARNINGS"]
        else:
            os.environ["PYTHONWARNINGS"] = previous


def _output_texts(outputs):
    for output in outputs or []:
        if output.get("output_type") == "stream":
            yield output.get("text", "")
        for mime in ("text/plain", "text/html", "text/markdown"):
            data = output.get("data", {}).get(mime)
            if data:
                yield data if isinstance(data, str) else "".join(data)


def _check_stated_numbers(item):
    """Once every code cell of the notebook has run, fail the last one on a number its
    markdown states that no cell shows."""
    notebook = item.parent
    shown = notebook.__dict__.setdefault("reglab_shown", {})
    shown[item.cell_num] = list(_output_texts(item.test_outputs))
    # nbval numbers code cells from 0; skipped cells never reach this hook.
    code_cells = [cell for cell in notebook.nb.cells if cell.cell_type == "code"]
    run = [
        number
        for number, cell in enumerate(code_cells)
        if "nbval-skip" not in cell.metadata.get("tags", [])
        and "NBVAL_SKIP" not in cell.source
    ]
    if item.cell_num != run[-1] or len(shown) != len(run):
        return
    texts = [text for outputs in shown.values() for text in outputs]
    missing = notebook_numbers.unprinted_numbers(notebook.nb, texts)
    if missing:
        listing = "\n".join(f"  cell {cell}: {number}" for cell, number in missing)
        item.raise_cell_error(
            "The notebook's text states numbers that no cell prints or writes (print "
            "them, or list a number that belongs to a definition in the notebook's "
            'metadata["reglab"]["definition_numbers"])',
            "\n" + listing,
        )


def _warning_text(outputs):
    return "".join(
        output.get("text", "")
        for output in outputs or []
        if output.get("output_type") == "stream"
        and output.get("name") == "stderr"
        and "Warning" in output.get("text", "")
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    result = yield  # nbval runs the cell; its own failures propagate unchanged
    if not _is_notebook_cell(item):
        return result
    printed = _warning_text(item.test_outputs)
    expected = EXPECT_WARNING_TAG in item.cell.get("metadata", {}).get("tags", [])
    if printed and not expected:
        item.raise_cell_error(
            "Cell printed a warning (warnings are errors in this project; fix the "
            f"cause, or tag a deliberate one {EXPECT_WARNING_TAG})",
            "\n" + printed,
        )
    if expected and not printed:
        item.raise_cell_error(
            f"Cell is tagged {EXPECT_WARNING_TAG} but printed no warning"
        )
    _check_stated_numbers(item)
    return result
