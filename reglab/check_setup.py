"""Pre-workshop check: is this computer ready for the course?

Run it before the first session, in the environment you will run JupyterLab from::

    python -m reglab.check_setup        (or: make check)

It checks, in order:

- Python: the version satisfies reglab's ``Requires-Python``;
- dependencies: every package reglab needs is installed, at least at the version the
  course needs (its lower bound in pyproject.toml; below it a lesson gives wrong
  answers, so this is a failure);
- versions: every installed package pinned in ``constraints.txt`` has the pinned
  version, and no pinned package that this environment requires is missing (pins
  follow environment markers: a package needed only on older Pythons is not missing
  on newer ones). A mismatch is a warning, not a failure: the course usually still
  works, but this is the first thing an instructor will ask about;
- reglab: every module of the library imports;
- widgets: every explorer in ``reglab.widgets`` builds and redraws without a browser
  (a slider change produces a different image); notebook 00 runs
  ``NOTEBOOK_CHECKS``, where one explorer does (see ``check_one_widget``);
- JupyterLab widgets: the ``@jupyter-widgets/jupyterlab-manager`` extension is where
  JupyterLab looks for it, so sliders show in the browser instead of
  "Error displaying widget";
- notebook kernel: the "Python 3" kernel the notebooks ask for runs this Python (and
  so sees reglab), not another installation.

It ends with a verdict block to paste to an instructor, and exits with status 1 when a
check failed (0 when everything passed, even with warnings).
"""

import importlib
import importlib.metadata
import io
import os
import pkgutil
import platform
import re
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "CHECKS",
    "NOTEBOOK_CHECKS",
    "CheckResult",
    "check_one_widget",
    "format_report",
    "main",
    "run_checks",
]

PASS, WARN, FAIL = "PASS", "WARN", "FAIL"
#: The packages whose versions the report always lists.
KEY_PACKAGES = (
    "numpy",
    "scipy",
    "scikit-learn",
    "matplotlib",
    "ipywidgets",
    "jupyterlab",
    "jupyterlab_widgets",
    "ipykernel",
)
WIDGETS_EXTENSION = "@jupyter-widgets/jupyterlab-manager"
INSTALL_HINT = 'pip install -c constraints.txt -e ".[test]"'


@dataclass(frozen=True)
class CheckResult:
    """One line of the verdict: what was checked, PASS/WARN/FAIL, and the details."""

    name: str
    status: str
    detail: str


def _normalize(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def _installed_version(name):
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def _repository_file(name):
    """A file at the root of the reglab checkout (constraints.txt, pyproject.toml)."""
    return Path(__file__).resolve().parents[1] / name


def check_python(version_info=None, requires_python=None):
    """The running Python satisfies reglab's Requires-Python (e.g. ">=3.10")."""
    from packaging.specifiers import SpecifierSet

    version = ".".join(map(str, (version_info or sys.version_info)[:3]))
    if requires_python is None:
        requires_python = importlib.metadata.metadata("reglab")["Requires-Python"]
    if version in SpecifierSet(requires_python):
        return CheckResult("Python", PASS, f"{version} satisfies {requires_python}")
    return CheckResult(
        "Python",
        FAIL,
        f"{version} does not satisfy {requires_python}; install a newer Python and "
        "create the environment again",
    )


def read_pins(constraints_path):
    """{normalized name: (name, pinned version)} for the pins that apply here.

    Lines that are not ``name==version`` (comments, blanks, anything odd) are skipped,
    and so are pins whose environment marker does not hold for this Python.
    """
    from packaging.requirements import InvalidRequirement, Requirement

    pins = {}
    for line in Path(constraints_path).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" not in line:
            continue
        try:
            requirement = Requirement(line)
        except InvalidRequirement:
            continue
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue
        specifiers = list(requirement.specifier)
        if len(specifiers) == 1 and specifiers[0].operator == "==":
            pins[_normalize(requirement.name)] = (
                requirement.name,
                specifiers[0].version,
            )
    return pins


def _requirements(distribution):
    """The requirements of an installed distribution that hold in this environment
    (environment markers evaluated; requirements of extras left out)."""
    from packaging.requirements import Requirement

    held = []
    for line in importlib.metadata.requires(distribution) or []:
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
            held.append(requirement)
    return held


def check_dependencies():
    """Every runtime dependency of reglab is installed, at or above its lower bound."""
    missing, too_old = [], []
    requirements = _requirements("reglab")
    for requirement in requirements:
        installed = _installed_version(requirement.name)
        if installed is None:
            missing.append(requirement.name)
        elif not requirement.specifier.contains(installed, prereleases=True):
            too_old.append(f"{requirement.name} {installed} (needs {requirement})")
    problems = []
    if missing:
        problems.append("not installed: " + ", ".join(missing))
    if too_old:
        problems.append(
            "older than the course needs (lessons may fail, warn or give wrong "
            "answers): " + ", ".join(too_old)
        )
    if problems:
        return CheckResult(
            "dependencies", FAIL, "; ".join(problems) + f"; run {INSTALL_HINT}"
        )
    return CheckResult(
        "dependencies",
        PASS,
        f"all {len(requirements)} packages reglab needs, at the versions it needs",
    )


def _required_here():
    """Normalized names of every package some installed distribution requires here."""
    required = set()
    for distribution in importlib.metadata.distributions():
        name = distribution.metadata["Name"]
        if name:
            required |= {_normalize(r.name) for r in _requirements(name)}
    return required


def check_versions(constraints_path=None):
    """Installed versions against the pins in constraints.txt (mismatch = WARN)."""
    constraints_path = Path(constraints_path or _repository_file("constraints.txt"))
    if not constraints_path.is_file():
        return CheckResult(
            "versions",
            WARN,
            f"no constraints.txt at {constraints_path} to compare with (reglab is not "
            "installed from a checkout of the course)",
        )
    pins = read_pins(constraints_path)
    required = _required_here()
    different, missing = [], []
    for key, (name, pinned) in sorted(pins.items()):
        installed = _installed_version(name)
        if installed is None:
            if key in required:
                missing.append(name)
        elif installed != pinned:
            different.append(f"{name} {installed} (pinned {pinned})")
    notes = []
    if different:
        notes.append("differ from constraints.txt: " + ", ".join(different))
    if missing:
        notes.append("required here but not installed: " + ", ".join(missing))
    if notes:
        return CheckResult(
            "versions",
            WARN,
            "; ".join(notes) + f". To match the pins: {INSTALL_HINT}",
        )
    n_installed = sum(_installed_version(name) is not None for name, _ in pins.values())
    return CheckResult(
        "versions",
        PASS,
        f"all {n_installed} installed pinned packages match constraints.txt",
    )


def _reglab_module_names():
    import reglab

    names = ["reglab"]
    for module in pkgutil.walk_packages(reglab.__path__, prefix="reglab."):
        if module.name != __name__:
            names.append(module.name)
    return names


def check_imports():
    """Every module of reglab imports."""
    names = _reglab_module_names()
    broken = []
    for name in names:
        try:
            importlib.import_module(name)
        except Exception as error:  # report every broken module, not just the first
            broken.append(f"{name} ({type(error).__name__}: {error})")
    if broken:
        return CheckResult("reglab imports", FAIL, "; ".join(broken))
    import reglab

    where = Path(reglab.__file__).parent
    return CheckResult(
        "reglab imports", PASS, f"{len(names)} modules of reglab from {where}"
    )


def _explorers():
    """{name: builder} for every ``*_explorer`` function in reglab.widgets."""
    import reglab.widgets

    found = {}
    modules = [reglab.widgets] + [
        importlib.import_module(module.name)
        for module in pkgutil.walk_packages(
            reglab.widgets.__path__, prefix="reglab.widgets."
        )
    ]
    for module in modules:
        for name, value in vars(module).items():
            if name.endswith("_explorer") and callable(value):
                found[name] = value
    return found


def _movable_control(controls):
    """(name, control, new value) for a numeric slider, else a control with options."""
    for name, control in controls.items():
        if all(hasattr(control, attribute) for attribute in ("min", "max", "value")):
            if isinstance(control.value, int | float) and control.max > control.min:
                midpoint = control.min + (control.max - control.min) / 2
                if isinstance(control.value, int):
                    midpoint = int(midpoint)
                return (
                    name,
                    control,
                    (control.max if control.value == midpoint else midpoint),
                )
    for name, control in controls.items():
        if len(getattr(control, "options", ())) > 1:
            return name, control, None
    return None, None, None


def _explorer_png(explorer):
    if getattr(explorer, "png", None):  # the image an Explorer sent the page
        return explorer.png
    buffer = io.BytesIO()
    explorer.figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _move_one_slider(name, build):
    """Build one explorer and move a slider; the problem as text, or None if fine."""
    explorer = build()
    control_name, control, value = _movable_control(explorer.controls)
    if control is None:  # text boxes only (norm_explorer): building it is the check
        return None
    before = _explorer_png(explorer)
    if value is None:
        control.index = (control.index + 1) % len(control.options)
    else:
        control.value = value
    if _explorer_png(explorer) == before:
        return f"{name}: moving {control_name!r} did not change the figure"
    return None


def check_widgets(explorers=None):
    """Build every explorer, move one slider (or choose another option) of each, and
    see its figure change."""
    explorers = _explorers() if explorers is None else explorers
    if not explorers:
        return CheckResult("widgets", FAIL, "no *_explorer function in reglab.widgets")
    problems = []
    for name, build in sorted(explorers.items()):
        try:
            problem = _move_one_slider(name, build)
        except Exception as error:  # report every broken explorer, not just the first
            problem = f"{name} ({type(error).__name__}: {error})"
        if problem:
            problems.append(problem)
    if problems:
        return CheckResult("widgets", FAIL, "; ".join(problems))
    if len(explorers) == 1:
        built = f"{next(iter(explorers))} built; moving a control redrew its figure"
    else:
        built = (
            f"all {len(explorers)} explorers built; moving a control redrew each figure"
        )
    return CheckResult("widgets", PASS, built)


def check_one_widget():
    """``check_widgets`` for the explorer notebook 00 shows next (polynomial).

    What a learner's machine can get wrong (the matplotlib backend, PNG encoding,
    ipywidgets) shows in one explorer as in all of them; the others are the library's
    own code, tested on every change. Building all of them costs several CPU-seconds
    per learner, spent by every learner of a hub at once in the first minutes of a
    workshop, so the notebook builds one and ``python -m reglab.check_setup`` all.
    """
    from reglab.widgets import polynomial_explorer

    result = check_widgets({"polynomial_explorer": polynomial_explorer})
    if result.status != PASS:
        return result
    return CheckResult(
        result.name,
        PASS,
        f"{result.detail} (`python -m reglab.check_setup` builds every explorer)",
    )


def check_lab_extension(search_paths=None):
    """The ipywidgets extension is where JupyterLab looks for prebuilt extensions."""
    import json

    if search_paths is None:
        from jupyter_core.paths import jupyter_path

        search_paths = jupyter_path("labextensions")
    for folder in search_paths:
        package_json = Path(folder) / WIDGETS_EXTENSION / "package.json"
        if package_json.is_file():
            version = json.loads(package_json.read_text()).get("version", "?")
            return CheckResult(
                "JupyterLab widgets",
                PASS,
                f"{WIDGETS_EXTENSION} {version} in {folder}",
            )
    return CheckResult(
        "JupyterLab widgets",
        FAIL,
        f"{WIDGETS_EXTENSION} not found in {', '.join(map(str, search_paths))}; "
        "sliders would show 'Error displaying widget'. Install jupyterlab_widgets in "
        f"the environment JupyterLab runs from ({INSTALL_HINT})",
    )


def check_kernel(kernel_name="python3"):
    """The kernel the notebooks ask for runs this Python, so it can import reglab."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(kernel_name)
    except NoSuchKernel:
        return CheckResult(
            "notebook kernel",
            FAIL,
            f"no '{kernel_name}' kernel; run: python -m ipykernel install --user",
        )
    program = spec.argv[0]
    major, minor = sys.version_info[:2]
    # jupyter_client starts a kernel whose argv[0] is plain "python" with the Python
    # that runs JupyterLab itself.
    if program in {"python", f"python{major}", f"python{major}.{minor}"}:
        return CheckResult(
            "notebook kernel",
            PASS,
            f"'{kernel_name}' runs the Python that runs JupyterLab (start JupyterLab "
            "from this environment)",
        )
    if os.path.realpath(program) == os.path.realpath(sys.executable):
        return CheckResult("notebook kernel", PASS, f"'{kernel_name}' runs {program}")
    return CheckResult(
        "notebook kernel",
        WARN,
        f"'{kernel_name}' ({spec.resource_dir}) runs {program}, not this Python "
        f"({sys.executable}); notebooks may fail to import reglab. Remove that kernel "
        "(jupyter kernelspec remove python3) or run this check with that Python",
    )


CHECKS = (
    check_python,
    check_dependencies,
    check_versions,
    check_imports,
    check_widgets,
    check_lab_extension,
    check_kernel,
)
#: The same checks with one explorer built instead of every one (notebook 00).
NOTEBOOK_CHECKS = tuple(
    check_one_widget if check is check_widgets else check for check in CHECKS
)


def run_checks(checks=CHECKS):
    """Run each check; one that crashes is reported as FAIL, never raised."""
    results = []
    for check in checks:
        name = check.__name__.removeprefix("check_").replace("_", " ")
        try:
            results.append(check())
        except Exception as error:
            last = traceback.extract_tb(error.__traceback__)[-1]
            where = f"{Path(last.filename).name}:{last.lineno}"
            results.append(
                CheckResult(name, FAIL, f"{type(error).__name__}: {error} (at {where})")
            )
    return results


def _versions_line():
    parts = []
    for name in ("reglab", *KEY_PACKAGES):
        parts.append(f"{name} {_installed_version(name) or 'MISSING'}")
    return ", ".join(parts)


def format_report(results):
    """The block a learner pastes to an instructor."""
    rule = "=" * 72
    width = max(len(result.name) for result in results)
    n_failed = sum(result.status == FAIL for result in results)
    n_warned = sum(result.status == WARN for result in results)
    verdict = "READY" if n_failed == 0 else "NOT READY"
    lines = [
        rule,
        "reglab set-up check",
        f"OS:       {platform.platform()}",
        f"Python:   {platform.python_version()} ({sys.executable})",
        f"Packages: {_versions_line()}",
        "-" * 72,
    ]
    lines += [f"{r.status}  {r.name:<{width}}  {r.detail}" for r in results]
    lines += [
        "-" * 72,
        f"VERDICT: {verdict} ({len(results) - n_failed - n_warned} passed, "
        f"{n_warned} warnings, {n_failed} failed)",
    ]
    if n_failed:
        lines.append(
            "Fix the FAIL lines (each says how), run this check again, and if it "
            "still fails, send everything between the ==== lines to your instructor."
        )
    else:
        lines.append(
            "You are ready: start the course with `make lab` or "
            "`jupyter lab notebooks`. Questions? Paste this block to your instructor."
        )
    lines.append(rule)
    return "\n".join(lines)


def main(argv=None):
    """Print the report; return 1 if a check failed, else 0."""
    del argv  # no options: one command a learner can type without reading a manual
    results = run_checks()
    print(format_report(results))
    return 1 if any(result.status == FAIL for result in results) else 0


if __name__ == "__main__":
    sys.exit(main())
