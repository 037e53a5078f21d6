"""Fixtures for the end-to-end tests: one JupyterLab server and one headless Chromium
for the whole session, both started from (and stopped by) the test process.

The server is the project's own ``sys.executable -m jupyter lab`` on a free loopback
port, with a token chosen here and throwaway settings, workspace and runtime folders, so
a learner's own JupyterLab set-up cannot leak in and nothing is left behind. It is
stopped by process id (terminate, then kill), together with the kernels it started.
It serves a copy of the notebook folder (a test run never writes into the course),
plus ``_e2e/explorers.ipynb``, written here: one cell per explorer builder in
``reglab.widgets``. The same server also serves Notebook 7 (``/notebooks/...``) and
Voila (``/voila/render/...``), the server extensions of the ``notebook`` and ``voila``
packages in the test extra.

Without Chromium or Playwright the tests skip and say how to install them; with
``REGLAB_REQUIRE_E2E=1`` (set by ``.ci/run``) the skip becomes a failure.
"""

import json
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from required import skip_or_fail

ROOT = Path(__file__).resolve().parents[2]
BUILD_DIR = ROOT / "build" / "e2e"
# The notebooks under test; REGLAB_E2E_NOTEBOOKS=some/folder tests another folder's.
NOTEBOOK_DIR = Path(
    os.environ.get("REGLAB_E2E_NOTEBOOKS", ROOT / "notebooks")
).resolve()
CHROMIUM = os.environ.get("REGLAB_CHROMIUM", "/usr/bin/chromium")
# Flags that let Debian's Chromium run headless as root in a container with a closed
# network (measured on this machine kind; see .library/env/machines/python.md).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-dev-shm-usage",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_TIMEOUT = 90  # seconds; a cold start on a loaded 2-core machine takes ~10
INSTALL_HINT = (
    "Install it with `sudo apt-get install -y chromium` (Debian/Ubuntu; Playwright's "
    "own browser download is not needed) or point REGLAB_CHROMIUM at a Chromium or "
    "Chrome binary. Set REGLAB_REQUIRE_E2E=1 to make this skip a failure."
)


def _missing_browser_reason():
    """Say why the browser tests cannot run here, or return None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return (
            "the Python package `playwright` is not installed "
            '(pip install -c constraints.txt -e ".[test]"). ' + INSTALL_HINT
        )
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        return f"no Chromium at {CHROMIUM}. " + INSTALL_HINT
    return None


def require_browser():
    """Skip (or, with REGLAB_REQUIRE_E2E=1, fail) when the browser cannot run."""
    reason = _missing_browser_reason()
    if reason is None:
        return
    skip_or_fail("REGLAB_REQUIRE_E2E", "browser tests", reason)


def _free_loopback_port():
    # The port is free when we ask; --ServerApp.port_retries=0 makes the server fail
    # loudly (instead of moving to another port) if someone takes it in between.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


EXPLORERS_NOTEBOOK = "_e2e/explorers.ipynb"  # relative to the served folder


def explorer_builders():
    """Every explorer builder reglab.widgets exports, by name."""
    import reglab.widgets

    return sorted(
        name
        for name in dir(reglab.widgets)
        if name.endswith("_explorer") and not name.startswith("_")
    )


def _serve_copy_of_notebooks(served_dir):
    """The notebooks to serve, copied, and the explorers notebook beside them."""
    import nbformat

    shutil.copytree(
        NOTEBOOK_DIR, served_dir, ignore=shutil.ignore_patterns(".ipynb_checkpoints")
    )
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    notebook.cells = [nbformat.v4.new_markdown_cell("# Every explorer")] + [
        nbformat.v4.new_code_cell(f"from reglab.widgets import {name}\n\n{name}()")
        for name in explorer_builders()
    ]
    path = served_dir / EXPLORERS_NOTEBOOK
    path.parent.mkdir()
    nbformat.write(notebook, path)


def _write_lab_settings(settings_dir):
    """Settings that keep the page quiet and every cell rendered."""
    files = {
        # No "news" and update pop-up over the notebook.
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
            "fetchNews": "false",
            "checkForUpdates": False,
        },
        # Render every cell (no lazy windowing), so each output is in the page.
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {
            "windowingMode": "none",
        },
        # Never write a test run's outputs back into the course's notebooks.
        "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {
            "autosave": False,
        },
    }
    for relative_path, settings in files.items():
        path = settings_dir / relative_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(settings))


class LabServer:
    """A running JupyterLab: its url, token, process and log."""

    def __init__(self, process, port, token, log_path, root_dir):
        self.process = process
        self.port = port
        self.token = token
        self.log_path = log_path
        self.root_dir = root_dir
        self.base_url = f"http://127.0.0.1:{port}"

    def api(self, method, path):
        request = urllib.request.Request(
            f"{self.base_url}{path}",
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def lab_url(self):
        # ?reset starts from an empty workspace: no tabs restored from an earlier run.
        return f"{self.base_url}/lab?reset&token={self.token}"

    def notebook7_url(self, path):
        return f"{self.base_url}/notebooks/{path}?token={self.token}"

    def voila_url(self, path):
        return f"{self.base_url}/voila/render/{path}?token={self.token}"

    def shutdown_all_kernels(self):
        for session in self.api("GET", "/api/sessions"):
            self.api("DELETE", f"/api/sessions/{session['id']}")

    def log_tail(self, n_lines=40):
        lines = self.log_path.read_text(errors="replace").splitlines()
        return "\n".join(lines[-n_lines:])


def _wait_until_ready(server):
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"JupyterLab exited with code {server.process.returncode} while "
                f"starting. Its log ({server.log_path}):\n{server.log_tail()}"
            )
        try:
            server.api("GET", "/api/status")
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.25)
    raise RuntimeError(
        f"JupyterLab did not answer on {server.base_url} within "
        f"{SERVER_START_TIMEOUT} s. Its log ({server.log_path}):\n{server.log_tail()}"
    )


def _stop_process_tree(process):
    """Terminate the server, then kill it and any kernel it leaves behind."""
    import psutil  # a dependency of ipykernel, so always installed with jupyterlab

    try:
        children = psutil.Process(process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        children = []
    # SIGTERM lets jupyter_server shut its kernels down cleanly.
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=15)
    _, alive = psutil.wait_procs(children, timeout=5)
    for child in alive:
        child.kill()
    psutil.wait_procs(alive, timeout=5)


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory):
    """One JupyterLab server for the session, rooted at the notebook folder."""
    require_browser()
    BUILD_DIR.mkdir(parents=True, exist_ok=True)
    home = tmp_path_factory.mktemp("jupyterlab")
    root_dir = home / "notebooks"
    _serve_copy_of_notebooks(root_dir)
    settings_dir = home / "settings"
    _write_lab_settings(settings_dir)
    env = dict(
        os.environ,
        JUPYTERLAB_SETTINGS_DIR=str(settings_dir),
        JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        # No user-level config or kernels (a ~/.local "python3" kernel pointing at
        # another Python would otherwise run the notebooks).
        JUPYTER_CONFIG_DIR=str(home / "config"),
        JUPYTER_DATA_DIR=str(home / "data"),
    )
    server = None
    for _attempt in range(3):
        server = _start_lab(env, home / "jupyterlab.log", root_dir)
        try:
            _wait_until_ready(server)
            break
        except RuntimeError:
            _stop_process_tree(server.process)
            # Someone took the port between our probe and the server's bind: retry.
            if "already in use" not in server.log_tail():
                raise
    else:
        raise RuntimeError(f"no free port for JupyterLab:\n{server.log_tail()}")
    try:
        yield server
    finally:
        _stop_process_tree(server.process)
        shutil.copy(server.log_path, BUILD_DIR / "jupyterlab.log")


def _start_lab(env, log_path, root_dir):
    port = _free_loopback_port()
    token = secrets.token_hex(16)
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root_dir}",
        "--LabApp.expose_app_in_browser=True",
        "--JupyterNotebookApp.expose_app_in_browser=True",
    ]
    if hasattr(os, "getuid") and os.getuid() == 0:
        command.append("--allow-root")
    with open(log_path, "w") as log:
        # Its own process (no shell), so process.pid is the server's pid.
        process = subprocess.Popen(
            command, cwd=root_dir, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    return LabServer(process, port, token, log_path, root_dir)


@pytest.fixture(scope="session")
def browser(lab_server):
    """Headless Chromium (Debian's, through Playwright) for the session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


APP_READY_JS = """async () => {
    if (!window.jupyterapp) return false;
    await window.jupyterapp.restored;
    return true;
}"""


class LabPage:
    """One JupyterLab page for the whole session: notebooks are opened in it one
    after another (loading JupyterLab itself takes seconds on a busy machine)."""

    def __init__(self, browser, server):
        self.browser = browser
        self.server = server
        self.page = None
        self.errors = []

    def ensure_open(self):
        if self.page is not None and not self.page.is_closed():
            return self.page
        context = self.browser.new_context(viewport={"width": 1280, "height": 1200})
        self.page = context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(self.server.lab_url())
        self.page.wait_for_function(APP_READY_JS, timeout=120_000)
        # ?reset may reload the page once JupyterLab has started: wait for the page
        # that stays (seen under load: jupyterapp gone right after it was ready).
        self.page.wait_for_load_state("networkidle", timeout=120_000)
        self.page.wait_for_function(APP_READY_JS, timeout=120_000)
        return self.page

    def close_documents(self):
        """Close every open document without saving, and any dialog left open."""
        if self.page is None or self.page.is_closed():
            return
        self.page.evaluate("""() => {
            for (const dialog of document.querySelectorAll('.jp-Dialog')) {
                dialog.remove();
            }
            const app = window.jupyterapp;
            for (const widget of Array.from(app.shell.widgets('main'))) {
                widget.dispose();
            }
        }""")

    def close(self):
        if self.page is not None and not self.page.is_closed():
            self.page.context.close()


@pytest.fixture(scope="session")
def lab_page(browser, lab_server):
    """The shared JupyterLab page (see LabPage)."""
    lab = LabPage(browser, lab_server)
    try:
        yield lab
    finally:
        lab.close()


@pytest.fixture(scope="session")
def latency_report():
    """Collect key-press-to-new-image times; write build/e2e/latency.json at the end."""
    per_notebook = {}  # notebook -> {"ms": float, "samples_ms": list, "control": str}
    yield per_notebook
    if not per_notebook:
        return
    BUILD_DIR.mkdir(parents=True, exist_ok=True)
    report = {
        "what": "time from the key press on a control (ArrowRight on a slider handle, "
        "or an edit of a text box) to the new figure image decoded in the page, per "
        "notebook, in ms (median of the key presses timed in that notebook), "
        "measured in the page with performance.now()",
        "per_notebook_ms": {name: entry["ms"] for name, entry in per_notebook.items()},
        "samples_ms": {
            name: entry["samples_ms"] for name, entry in per_notebook.items()
        },
        "control": {name: entry["control"] for name, entry in per_notebook.items()},
        "median_ms": round(
            statistics.median(entry["ms"] for entry in per_notebook.values()), 1
        ),
    }
    samples = sorted(
        ms for entry in per_notebook.values() for ms in entry["samples_ms"]
    )
    report["all_samples"] = {
        "n": len(samples),
        "median_ms": round(statistics.median(samples), 1),
        "p95_ms": round(samples[min(len(samples) - 1, int(0.95 * len(samples)))], 1),
    }
    # Where the time went (see test_notebooks_in_browser._latency_phases): median of
    # each phase over every timed key press.
    phases = [p for entry in per_notebook.values() for p in entry["phases_ms"] if p]
    if phases:
        report["phases_median_ms"] = {
            name: round(statistics.median(p[name] for p in phases), 1)
            for name in phases[0]
        }
        report["phases_per_notebook"] = {
            name: entry["phases_ms"] for name, entry in per_notebook.items()
        }
    (BUILD_DIR / "latency.json").write_text(json.dumps(report, indent=2) + "\n")


E2E_DIR = Path(__file__).resolve().parent
NPM_DIR = BUILD_DIR / "npm"  # tests/e2e/package*.json are installed here by npm ci
AXE_JS = NPM_DIR / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def axe_source():
    """axe-core's browser script (see ``axe_script``)."""
    return axe_script()


def axe_script():
    """axe-core's browser script (the npm package, pinned in tests/e2e/package.json).

    ``make e2e-axe`` (part of ``make test`` and ``make e2e``) installs it with
    ``npm ci`` into build/e2e/npm, so the source tree stays clean; missing or older
    than the lock file, the test skips (or, with REGLAB_REQUIRE_E2E=1, fails) with
    that command.
    """
    installed_lock = NPM_DIR / "package-lock.json"
    up_to_date = (
        AXE_JS.is_file()
        and installed_lock.is_file()
        and installed_lock.read_text() == (E2E_DIR / "package-lock.json").read_text()
    )
    if not up_to_date:
        message = (
            f"{AXE_JS} is missing or older than tests/e2e/package-lock.json: "
            "`make e2e-axe` installs it (needs npm: `sudo apt-get install -y npm`, "
            "or Node.js from nodejs.org)"
        )
        skip_or_fail("REGLAB_REQUIRE_E2E", "the accessibility check", message)
    return AXE_JS.read_text()


@pytest.fixture(scope="session")
def a11y_report():
    """Collect axe-core results and image counts; write build/e2e/accessibility.json."""
    report = {}  # notebook -> {"course": [...], "jupyterlab": [...], "images": {...}}
    yield report
    if not report:
        return
    BUILD_DIR.mkdir(parents=True, exist_ok=True)

    def impact_counts(kind):
        counts = {}
        for entry in report.values():
            for violation in entry[kind]:
                key = violation["impact"] or "none"
                counts[key] = counts.get(key, 0) + len(violation["nodes"])
        return counts

    summary = {
        "what": "axe-core over each notebook in JupyterLab after all its cells ran; "
        "'course' = violations whose elements lie in cell outputs or rendered "
        "markdown (the suite fails on serious/critical ones), 'jupyterlab' = the "
        "rest (JupyterLab's own interface, reported only); images = <img> in cell "
        "outputs and markdown, and how many have no alt text",
        "known_course_violations": "see KNOWN_COURSE_VIOLATIONS in "
        "tests/e2e/test_notebooks_in_browser.py (reported, not failed)",
        "course_nodes_by_impact": impact_counts("course"),
        "jupyterlab_nodes_by_impact": impact_counts("jupyterlab"),
        "images_total": sum(e["images"]["total"] for e in report.values()),
        "images_without_alt": sum(e["images"]["without_alt"] for e in report.values()),
        "per_notebook": report,
    }
    (BUILD_DIR / "accessibility.json").write_text(json.dumps(summary, indent=2) + "\n")
