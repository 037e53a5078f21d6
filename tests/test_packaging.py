"""The two ways to install the course agree: pyproject.toml (pip) and environment.yml
(conda, Binder) list the same packages with the same lower bounds."""

import re
from pathlib import Path

import tomllib
import yaml

ROOT = Path(__file__).resolve().parents[1]


def _name_and_bound(requirement):
    match = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*(>=\s*[0-9.]+)?\s*", requirement)
    assert match, f"cannot parse requirement {requirement!r}"
    name = match.group(1).lower().replace("_", "-")
    return name, (match.group(2) or "").replace(" ", "")


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pip_side = dict(map(_name_and_bound, project["dependencies"]))
    for extra in project["optional-dependencies"].values():
        pip_side.update(map(_name_and_bound, extra))

    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda_specs = [d for d in env["dependencies"] if isinstance(d, str)]
    conda_side = dict(map(_name_and_bound, conda_specs))
    conda_side.pop("pip")
    python_bound = conda_side.pop("python")

    assert conda_side == pip_side
    assert python_bound == project["requires-python"]


def test_constraints_pin_every_direct_dependency():
    pinned = {
        line.split("==")[0].strip().lower().replace("_", "-")
        for line in (ROOT / "constraints.txt").read_text().splitlines()
        if "==" in line and not line.startswith("#")
    }
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    direct = {_name_and_bound(r)[0] for r in project["dependencies"]}
    for extra in project["optional-dependencies"].values():
        direct |= {_name_and_bound(r)[0] for r in extra}
    assert direct <= pinned, f"not pinned in constraints.txt: {direct - pinned}"
