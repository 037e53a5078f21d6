"""Print the course's lower bounds as exact pins, for `make floors`.

    python tests/floor_pins.py > floors.txt
    pip install -c floors.txt -e ".[test]"

Every runtime dependency in pyproject.toml with a lower bound (``numpy>=2.0``) becomes
``numpy==2.0``: the oldest install the project promises to work, which `make floors`
then tests. Everything else resolves as pip resolves it for a learner today.
"""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def floor_pins(pyproject=ROOT / "pyproject.toml"):
    """``name==lower bound`` for each runtime dependency that has one."""
    project = tomllib.loads(Path(pyproject).read_text())["project"]
    pins = []
    for requirement in project["dependencies"]:
        match = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*>=\s*([0-9.]+)\s*", requirement)
        if match:
            pins.append(f"{match.group(1)}=={match.group(2)}")
    return pins


if __name__ == "__main__":
    print("\n".join(floor_pins()))
