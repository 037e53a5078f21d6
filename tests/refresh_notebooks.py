"""Re-run notebooks and store the outputs nbval compares.

Usage: python tests/refresh_notebooks.py [notebooks/NN_name.ipynb ...]   (default: all)

Each notebook is executed top to bottom in a fresh kernel. Outputs are kept only for
cells tagged ``nbval-check-output``: those are the key facts nbval compares on every
`make test`. Other outputs (figures, widgets) are dropped so the shipped notebook opens
clean and a learner's first run draws everything fresh; `make site` renders a copy
with every output.
"""

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
CHECK_TAG = "nbval-check-output"


def refresh(path):
    nb = nbformat.read(path, as_version=4)
    NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()
    for number, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code":
            continue
        checked = CHECK_TAG in cell.metadata.get("tags", [])
        cell.execution_count = number if checked else None
        if not checked:
            cell.outputs = []
        for output in cell.outputs:
            if "execution_count" in output:
                output["execution_count"] = cell.execution_count
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)
    print(f"refreshed {path.name}")


if __name__ == "__main__":
    paths = [Path(p).resolve() for p in sys.argv[1:]] or sorted(
        NOTEBOOKS.glob("*.ipynb")
    )
    for notebook in paths:
        refresh(notebook)
