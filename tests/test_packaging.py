"""The two ways to install the course agree: pyproject.toml (pip) and environment.yml
(conda, Binder) list the same packages with the same lower bounds."""

import re
import tomllib
from pathlib import Path

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
    conda_specs = [
        d for d in env["dependencies"] if isinstance(d, str) and d != "pip"
        and not d.startswith("python=")
    ]  # fmt: skip
    conda_side = dict(map(_name_and_bound, conda_specs))

    assert conda_side == pip_side


def test_binder_python_is_an_exact_minor_version_the_project_admits():
    """repo2docker reads `python=X.Y` only; a range silently gives its default."""
    from packaging.specifiers import SpecifierSet

    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pins = [d for d in env["dependencies"] if isinstance(d, str) and "python" in d]
    assert len(pins) == 1
    match = re.fullmatch(r"python=(3\.\d+)", pins[0])
    assert match, f"environment.yml must pin python=X.Y for repo2docker, got {pins}"
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "requires-python"
    ]
    assert match.group(1) + ".0" in SpecifierSet(requires)


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
