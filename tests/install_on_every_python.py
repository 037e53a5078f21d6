"""Install the course on every Python here, as a learner would (`make pythons`).

    python tests/install_on_every_python.py [--jobs 2] [python ...]

The Pythons are Debian's /usr/bin/python3 and the pyenv builds (~/.pyenv/versions),
3.10 and newer, but not the one running this script (`make test` covers it), unless
given. For each one that pyproject.toml's Requires-Python admits: a fresh venv in
build/pythons/, `pip install -c constraints.txt -e ".[test]"` (what `make lab` does,
with --no-compile: byte-compiling every package of a throwaway venv costs more CPU
than the rest of the install, and Python compiles what it imports),
`python -m reglab.check_setup` (what `make check` does; it must say READY with no
warning about versions), the library tests (LIBRARY_TESTS) and notebook 07 (the
lesson that needs scikit-learn 1.8). A Python below Requires-Python must be refused
by the Makefile with a message naming the version it needs. Logs go to
build/pythons/*.log; the table at the end is what CI prints. Exit status 1 if any
Python failed.

    python tests/install_on_every_python.py --library-tests

prints LIBRARY_TESTS and CROSS_CHECKS_IN_MAKE_TEST as pytest arguments (`make floors`
runs the same selection).
"""

import argparse
import re
import shutil
import subprocess
import sys
import time
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build" / "pythons"
NOTEBOOK = "notebooks/07_classification.ipynb"
#: The library tests: tests/ without what is about the course's tooling rather than
#: reglab, which `make test` runs on the default Python: the browser suite, the hub,
#: the tests of the nbval plugins on throwaway notebooks and of the static site.
LIBRARY_TESTS = [
    "tests",
    "--ignore=tests/e2e",
    "--ignore=tests/test_hub.py",
    "--ignore=tests/test_notebook_numbers.py",
    "--ignore=tests/test_notebook_warnings.py",
    "--ignore=tests/test_build_site.py",
]
#: The cross-checks against skglm (marked slow) run in `make test` only, not on the
#: other Pythons and not at the floors: numba compiles skglm's solvers in each fresh
#: venv, 35-50 CPU-seconds a run. They test reglab's formulas against an independent
#: implementation, and that answer does not depend on the interpreter or on numpy's
#: and scipy's versions; in every lane the same reglab solvers are still checked by
#: their optimality certificates (KKT, duality gap) in the same file, which fail on a
#: wrong optimum whatever the Python or the versions.
CROSS_CHECKS_IN_MAKE_TEST = [
    "--deselect=tests/test_penalties_beyond.py::test_group_lasso_matches_skglm",
    "--deselect=tests/test_penalties_beyond.py::test_mcp_matches_skglm",
    "--deselect=tests/test_penalties_beyond.py::test_scad_matches_skglm",
]
#: Here `python -m reglab.check_setup` runs as a step of its own on every Python, so
#: the test that runs that command again (all its checks, every explorer built by its
#: widget check) is left to `make test` and `make floors`.
RUN_ELSEWHERE = [
    "--deselect=tests/test_check_setup.py"
    "::test_command_passes_here_and_prints_the_verdict_block",
]


def requires_python():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return tuple(map(int, re.fullmatch(r">=(\d+)\.(\d+)", project["requires-python"])
                     .groups()))  # fmt: skip


def discover():
    """Debian's python3 and every pyenv build from 3.10 on, except the Python running
    this script: `make test` has just run everything on that one."""
    found = [Path("/usr/bin/python3")]
    found += sorted(Path.home().glob(".pyenv/versions/3.1[0-9]*/bin/python3"))
    this = Path(sys.executable).resolve()
    return [str(path) for path in found if path.exists() and path.resolve() != this]


def version_of(python):
    out = subprocess.run(
        [python, "-c", "import sys; print(*sys.version_info[:3], sep='.')"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return out.strip()


def run(command, log, **kwargs):
    log.write(f"\n$ {' '.join(map(str, command))}\n")
    log.flush()
    return subprocess.run(
        command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, text=True, **kwargs
    ).returncode


def check_one(python):
    version = version_of(python)
    name = f"{version}-{'debian' if python.startswith('/usr/bin') else 'pyenv'}"
    BUILD.mkdir(parents=True, exist_ok=True)
    venv = BUILD / name
    shutil.rmtree(venv, ignore_errors=True)
    start = time.perf_counter()
    with open(BUILD / f"{name}.log", "w") as log:
        if tuple(map(int, version.split(".")[:2])) < requires_python():
            # The Makefile's guard runs before anything is installed.
            completed = subprocess.run(
                ["make", "--no-print-directory", "-s", f"PYTHON={python}",
                 f"VENV={venv}", f"{venv}/.installed"],
                cwd=ROOT, capture_output=True, text=True,
            )  # fmt: skip
            log.write(completed.stdout + completed.stderr)
            wanted = "reglab needs Python >= {}.{}".format(*requires_python())
            refused = completed.returncode != 0 and wanted in completed.stderr
            return name, "refused clearly" if refused else "NOT refused", refused, 0.0
        steps = [
            ("venv", [python, "-m", "venv", venv]),
            ("pip", [venv / "bin/python", "-m", "pip", "install", "--quiet",
                     "--no-compile", "--upgrade", "pip"]),
            ("install", [venv / "bin/python", "-m", "pip", "install", "--quiet",
                         "--no-compile", "-c", "constraints.txt", "-e", ".[test]"]),
            ("check", [venv / "bin/python", "-m", "reglab.check_setup"]),
            ("tests", [venv / "bin/python", "-m", "pytest", "-q", "-p",
                       "no:cacheprovider", *LIBRARY_TESTS, *CROSS_CHECKS_IN_MAKE_TEST,
                       *RUN_ELSEWHERE, NOTEBOOK]),
        ]  # fmt: skip
        for step, command in steps:
            if run(command, log) != 0:
                return name, f"FAILED at {step}", False, time.perf_counter() - start
        text = (BUILD / f"{name}.log").read_text()
        if "VERDICT: READY" not in text or re.search(r"WARN\s+versions", text):
            return name, "check_setup not clean", False, time.perf_counter() - start
        summary = re.findall(r"^(\d+ passed.*?) in [\d.]+s", text, re.MULTILINE)
        result = summary[-1] if summary else "passed"
        return name, f"READY; {result}", True, time.perf_counter() - start


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pythons", nargs="*", help="default: every Python found")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument(
        "--library-tests",
        action="store_true",
        help="print LIBRARY_TESTS and CROSS_CHECKS_IN_MAKE_TEST and exit",
    )
    args = parser.parse_args(argv)
    if args.library_tests:
        print(*LIBRARY_TESTS, *CROSS_CHECKS_IN_MAKE_TEST)
        return 0
    pythons = args.pythons or discover()
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(check_one, pythons))
    print(f"{'python':<16} {'minutes':>7}  result")
    for name, result, _, seconds in results:
        print(f"{name:<16} {seconds / 60:7.1f}  {result}")
    return 0 if all(ok for _, _, ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
