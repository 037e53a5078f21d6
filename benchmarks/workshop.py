"""A workshop on a real JupyterHub: N learners log in at once and run the course.

    python benchmarks/workshop.py --learners 30

Starts, on loopback ports picked free at run time: a `git daemon` serving this
repository's committed HEAD, and JupyterHub with hub/jupyterhub_config.py (plus a
DummyAuthenticator, the SimpleLocalProcessSpawner and configurable-http-proxy from
build/chp, which `make hub-proxy` installs). Then every learner, each in its own thread
and all at once, does what a browser does: logs in with a password, follows the
instructor's nbgitpuller link (which starts the learner's server and clones the course
into the learner's home), opens the notebooks one after the other in a kernel and runs
every code cell over the kernel's websocket, as "Run All" does.

Reported: time to a running server (spawn), how often the hub said "try again" (HTTP
429, the concurrent-spawn limit), memory per learner as PSS (shared pages split between
the processes sharing them) while the last notebook's kernel is open, CPU-seconds per
learner, time until every learner has finished, and failures (spawns that never became
ready, kernels that died or never answered, cells that raised). Everything it started
is stopped at the end, also on Ctrl-C. Exit status 1 when anything failed.

The machine's load average is printed next to the numbers: on a shared machine they
are upper bounds.
"""

import argparse
import contextlib
import html
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

import nbformat
import psutil
import requests
import websocket

REPO = Path(__file__).resolve().parent.parent
HUB_CONFIG = REPO / "hub" / "jupyterhub_config.py"
PROXY = REPO / "build" / "chp" / "node_modules" / ".bin" / "configurable-http-proxy"
DEFAULT_NOTEBOOKS = ("03_lambda_knob", "04_sparsity_vs_shrinkage")
# The marker every process started for one run carries in its environment, so that
# cleanup finds the servers and kernels (they run in sessions of their own).
MARKER = "REGLAB_WORKSHOP_RUN"
PASSWORD = "workshop"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, proc, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args[0]} exited with status {proc.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listens on port {port} after {timeout} s")


@dataclass
class Learner:
    name: str
    spawn_s: float = float("nan")
    retries: int = 0
    spawn_cpu_s: float = float("nan")
    pull_s: float = float("nan")
    run_s: float = float("nan")
    pss_mib: float = float("nan")
    cpu_s: float = float("nan")
    failure: str = ""
    where: str = ""
    reglab_file: str = ""
    setup_output: tuple = ()


class Workshop:
    """The git server, the hub and its proxy, in one temporary folder."""

    def __init__(self, workdir, blas_threads=None, extra_config=""):
        self.workdir = Path(workdir)
        self.run_id = uuid.uuid4().hex
        self.blas_threads = blas_threads
        self.extra_config = extra_config
        self.procs = []
        self.blas_seen = set()  # OPENBLAS_NUM_THREADS as the learners' processes had it

    # -- starting ---------------------------------------------------------------------
    def start(self):
        if not PROXY.exists():
            raise FileNotFoundError(f"{PROXY} is missing: run `make hub-proxy`")
        self._start_git()
        self._start_hub()

    def _start_git(self):
        """A bare copy of HEAD as branch main, served by git's own daemon."""
        served = self.workdir / "git"
        subprocess.run(
            ["git", "init", "--quiet", "--bare", str(served / "reglab.git")], check=True
        )
        subprocess.run(
            ["git", "-C", str(REPO), "push", "--quiet", "--force",
             str(served / "reglab.git"), "HEAD:refs/heads/main"],
            check=True,
        )  # fmt: skip
        port = free_port()
        self.git_proc = self._spawn(
            ["git", "daemon", "--reuseaddr", "--export-all", "--listen=127.0.0.1",
             f"--port={port}", f"--base-path={served}", str(served)],
            "git-daemon.log",
        )  # fmt: skip
        wait_for_port(port, self.git_proc, 20)
        self.repo_url = f"git://127.0.0.1:{port}/reglab.git"

    def _start_hub(self):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env_extra = {MARKER: self.run_id}
        if self.blas_threads is not None:
            n = str(self.blas_threads)
            env_extra |= {k: n for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS",
                                          "MKL_NUM_THREADS")}  # fmt: skip
        bindir = Path(sys.executable).parent
        singleuser_args = ["--allow-root"] if os.geteuid() == 0 else []
        config = f"""
c = get_config()
load_subconfig({str(HUB_CONFIG)!r})
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {self.port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {free_port()}
c.ConfigurableHTTPProxy.command = [{str(PROXY)!r}]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{free_port()}"
c.JupyterHub.db_url = "sqlite:///{self.workdir}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{self.workdir}/cookie_secret"
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {PASSWORD!r}
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = "{self.workdir}/{{username}}"
c.Spawner.cmd = [{str(bindir / "jupyterhub-singleuser")!r}]
c.Spawner.args.extend({singleuser_args!r})
c.Spawner.environment.update({env_extra!r})
{self.extra_config}
"""
        (self.workdir / "jupyterhub_config.py").write_text(config)
        env = os.environ | {MARKER: self.run_id}
        # The single-user servers must find this Python's jupyter commands first.
        env["PATH"] = f"{bindir}{os.pathsep}{env.get('PATH', '')}"
        self.hub_proc = self._spawn(
            [
                str(bindir / "jupyterhub"),
                "-f",
                str(self.workdir / "jupyterhub_config.py"),
            ],
            "jupyterhub.log",
            env=env,
            cwd=self.workdir,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.hub_proc.poll() is not None:
                raise RuntimeError(f"the hub exited; see {self.workdir}/jupyterhub.log")
            try:
                if requests.get(f"{self.url}/hub/api/", timeout=5).ok:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise TimeoutError(f"the hub did not answer in 120 s; see {self.workdir}")

    def _spawn(self, argv, logname, **kwargs):
        logfile = open(self.workdir / logname, "wb")
        proc = subprocess.Popen(
            argv, stdout=logfile, stderr=subprocess.STDOUT, start_new_session=True,
            **kwargs,
        )  # fmt: skip
        self.procs.append((proc, logfile))
        return proc

    # -- measuring --------------------------------------------------------------------
    def marked_processes(self):
        """Every live process of this run: those with the marker (hub, proxy, servers,
        kernels) and the hub's children (its services, whose environment the hub
        builds from scratch)."""
        found = {}
        for p in psutil.process_iter(["pid"]):
            try:
                if p.environ().get(MARKER) == self.run_id:
                    found[p.pid] = p
            except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                continue
        hub = getattr(self, "hub_proc", None)
        if hub is not None and hub.poll() is None:
            with contextlib.suppress(psutil.NoSuchProcess):
                for p in psutil.Process(hub.pid).children(recursive=True):
                    found.setdefault(p.pid, p)
        return list(found.values())

    def usage_by_learner(self):
        """{learner: (PSS MiB, CPU-seconds)} of its server and kernels, right now."""
        usage = {}
        for p in self.marked_processes():
            try:
                env = p.environ()
                user = env.get("JUPYTERHUB_USER")
                if not user:
                    continue
                self.blas_seen.add(env.get("OPENBLAS_NUM_THREADS", "unset"))
                pss = p.memory_full_info().pss / 2**20
                cpu = sum(p.cpu_times()[:2])
            except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                continue
            mem, t = usage.get(user, (0.0, 0.0))
            usage[user] = (mem + pss, t + cpu)
        return usage

    # -- stopping ---------------------------------------------------------------------
    def stop(self):
        """Stop the hub (it stops the servers, which stop their kernels, and its
        services), then make sure: every process of this run still alive is killed,
        by pid. The pids still alive after that (none, normally)."""
        known = {p.pid: p for p in self.marked_processes()}  # the hub's children too
        hub = getattr(self, "hub_proc", None)
        if hub is not None and hub.poll() is None:
            hub.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                hub.wait(60)
        for proc, _ in self.procs:
            with contextlib.suppress(psutil.NoSuchProcess):
                known.setdefault(proc.pid, psutil.Process(proc.pid))
        known.update((p.pid, p) for p in self.marked_processes())
        # is_running() also checks the start time, so a reused pid is left alone.
        survivors = [p for p in known.values() if p.is_running()]
        for p in survivors:
            with contextlib.suppress(psutil.NoSuchProcess):
                p.terminate()
        _, alive = psutil.wait_procs(survivors, timeout=10)
        for p in alive:
            with contextlib.suppress(psutil.NoSuchProcess):
                p.kill()
        psutil.wait_procs(alive, timeout=10)
        for proc, logfile in self.procs:
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(10)
            logfile.close()
        return [p.pid for p in known.values() if p.is_running()] + [
            p.pid for p in self.marked_processes()
        ]


def gitpull_link(repo_url, notebook):
    """The instructor's nbgitpuller link, as a path on the hub."""
    query = urlencode(
        {
            "repo": repo_url,
            "branch": "main",
            "urlpath": f"lab/tree/reglab/notebooks/{notebook}.ipynb",
        }
    )
    return f"/hub/user-redirect/git-pull?{query}"


def read_events(response):
    """Decoded `data:` lines of a server-sent event stream."""
    for line in response.iter_lines(decode_unicode=True):
        if line and line.startswith("data:"):
            yield json.loads(line[5:])


class Browser:
    """What a learner's browser does, with requests and a websocket."""

    def __init__(self, hub, learner, notebooks, timeout, setup_code=()):
        self.hub = hub
        self.setup_code = setup_code
        self.learner = learner
        self.notebooks = notebooks
        self.timeout = timeout
        self.s = requests.Session()
        self.user_url = f"{hub.url}/user/{learner.name}"

    def _xsrf_for(self, path):
        for cookie in self.s.cookies:
            if cookie.name == "_xsrf" and path.startswith(cookie.path):
                return cookie.value
        return ""

    def run(self, code_cells):
        name = self.learner.name
        self.learner.where = "spawn"
        link = gitpull_link(self.hub.repo_url, self.notebooks[0])
        t0 = time.monotonic()
        self.s.get(f"{self.hub.url}/hub/login", timeout=60).raise_for_status()
        r = self.s.post(
            f"{self.hub.url}/hub/login?next={quote(link)}",
            data={"username": name, "password": PASSWORD,
                  "_xsrf": self._xsrf_for("/hub/")},
            allow_redirects=False, timeout=60,
        )  # fmt: skip
        if r.status_code != 302:
            raise RuntimeError(f"login answered {r.status_code}")
        # The link: /hub/user-redirect/... -> /hub/spawn/NAME -> the spawn-pending
        # page. (A /user/NAME/... address of a stopped server gives the "not running"
        # page, HTTP 424, whose script opens the spawn URL after
        # implicit_spawn_seconds.) A learner told "try again" (HTTP 429, the
        # concurrent-spawn limit) waits and reloads.
        url = f"{self.hub.url}{link}"
        while True:
            r = self.s.get(url, timeout=120)
            if r.status_code == 429:
                self.learner.retries += 1
                time.sleep(float(r.headers.get("Retry-After", 10)))
                continue
            if r.status_code == 424:
                found = re.search(r'var spawn_url = "([^"]+)"', r.text)
                wait = re.search(r"implicit_spawn_seconds = ([0-9.]+)", r.text)
                if not (found and wait):
                    raise RuntimeError("the 'not running' page does not spawn")
                time.sleep(float(wait[1]))
                url = self.hub.url + html.unescape(found[1])
                continue
            r.raise_for_status()
            if f"/hub/spawn-pending/{name}" not in r.url:
                raise RuntimeError(f"the link led to {r.url}")
            break
        # The spawn-pending page follows the hub's progress stream until "ready".
        with self.s.get(
            f"{self.hub.url}/hub/api/users/{name}/server/progress",
            headers={"X-XSRFToken": self._xsrf_for("/hub/")},
            stream=True, timeout=self.timeout,
        ) as progress:  # fmt: skip
            progress.raise_for_status()
            last = {}
            for event in read_events(progress):
                last = event
                if event.get("ready") or event.get("failed"):
                    break
        if not last.get("ready"):
            self.learner.where = "spawn"
            raise RuntimeError(f"spawn failed: {last.get('message', 'no message')}")
        self.learner.spawn_s = time.monotonic() - t0
        self.learner.spawn_cpu_s = self.hub.usage_by_learner().get(name, (0, 0))[1]
        # The server is up: the link goes on to nbgitpuller's page (through the
        # server's OAuth login), whose script streams the pull and then opens the lab.
        self.learner.where = "pull"
        t1 = time.monotonic()
        page = self.s.get(f"{self.hub.url}{link}", timeout=120)
        page.raise_for_status()
        if "/git-pull" not in page.url:
            raise RuntimeError(f"the link ended at {page.url}")
        query = urlencode({"repo": self.hub.repo_url, "branch": "main",
                           "targetpath": "reglab"})  # fmt: skip
        with self.s.get(
            f"{self.user_url}/git-pull/api?{query}", stream=True, timeout=300
        ) as pull:
            pull.raise_for_status()
            phases = [event.get("phase") for event in read_events(pull)]
        if phases[-1:] != ["finished"]:
            raise RuntimeError(f"nbgitpuller ended with {phases[-1:]}")
        self.learner.pull_s = time.monotonic() - t1
        if self.setup_code:
            self.learner.where = "setup"
            self.learner.setup_output = self.run_setup()
        t2 = time.monotonic()
        for notebook in self.notebooks:
            self.learner.where = notebook
            self.run_notebook(
                notebook, code_cells[notebook], last=notebook is self.notebooks[-1]
            )
        self.learner.run_s = time.monotonic() - t2

    def run_setup(self):
        """Run each piece of code in a scratch kernel in the learner's home (as in a
        terminal or a notebook cell), then shut that kernel down; their output."""
        with self.kernel("setup.ipynb") as ws:
            self.kernel_info(ws)
            return [self.execute_value(ws, code) for code in self.setup_code]

    def run_notebook(self, notebook, cells, last):
        """Open the notebook in a kernel and run every code cell; the kernel stays
        open, as when a learner moves on to the next tab."""
        with self.kernel(f"reglab/notebooks/{notebook}.ipynb", keep=True) as ws:
            self.kernel_info(ws)
            for index, (source, expect_error) in enumerate(cells):
                error = self.execute(ws, source)
                if error and not expect_error:
                    raise RuntimeError(f"{notebook} cell {index}: {error}")
            if last:
                self.learner.reglab_file = self.execute_value(
                    ws, "import reglab; print(reglab.__file__)"
                )
                usage = self.hub.usage_by_learner().get(self.learner.name)
                if usage:
                    self.learner.pss_mib, self.learner.cpu_s = usage

    @contextlib.contextmanager
    def kernel(self, path, keep=False):
        """A new session (and kernel) for the notebook at `path`, as JupyterLab opens
        it; its websocket. Unless `keep`, the session is deleted afterwards."""
        xsrf = self._xsrf_for(f"/user/{self.learner.name}/")
        r = self.s.post(
            f"{self.user_url}/api/sessions",
            json={"path": path, "name": path.rsplit("/", 1)[-1], "type": "notebook",
                  "kernel": {"name": "python3"}},
            headers={"X-XSRFToken": xsrf}, timeout=self.timeout,
        )  # fmt: skip
        r.raise_for_status()
        session = r.json()
        cookie = "; ".join(f"{c.name}={c.value}" for c in self.s.cookies)
        ws = websocket.create_connection(
            f"ws://{self.user_url.split('://', 1)[1]}/api/kernels/"
            f"{session['kernel']['id']}/channels?session_id={uuid.uuid4().hex}",
            header=[f"Cookie: {cookie}", f"X-XSRFToken: {xsrf}"],
            origin=self.hub.url,
            timeout=self.timeout,
        )
        try:
            yield ws
        finally:
            ws.close()
            if not keep:
                self.s.delete(
                    f"{self.user_url}/api/sessions/{session['id']}",
                    headers={"X-XSRFToken": xsrf}, timeout=60,
                )  # fmt: skip

    def send(self, ws, msg_type, content):
        msg_id = uuid.uuid4().hex
        ws.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": msg_type, "username": "learner",
                       "session": uuid.uuid4().hex, "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "content": content,
            "channel": "shell", "buffers": [],
        }))  # fmt: skip
        return msg_id

    def kernel_info(self, ws):
        """Ask until the kernel answers (JupyterLab does the same on connect)."""
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            msg_id = self.send(ws, "kernel_info_request", {})
            ws.settimeout(10)
            try:
                while True:
                    msg = receive(ws)
                    if (msg.get("parent_header", {}).get("msg_id") == msg_id
                            and msg["msg_type"] == "kernel_info_reply"):  # fmt: skip
                        return
            except websocket.WebSocketTimeoutException:
                continue
            finally:
                ws.settimeout(self.timeout)
        raise RuntimeError(f"no kernel_info_reply in {self.timeout} s")

    def execute(self, ws, source, collect=None):
        """Run one cell; the error name and value if it raised, else ''."""
        msg_id = self.send(ws, "execute_request", {
            "code": source, "silent": False, "store_history": True,
            "user_expressions": {}, "allow_stdin": False, "stop_on_error": True,
        })  # fmt: skip
        reply, idle = None, False
        while reply is None or not idle:
            msg = receive(ws)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                if msg.get("msg_type") == "status" and msg["content"].get(
                    "execution_state"
                ) in ("dead", "restarting"):
                    raise RuntimeError(f"kernel {msg['content']['execution_state']}")
                continue
            kind = msg["msg_type"]
            if kind == "execute_reply":
                reply = msg["content"]
            elif kind == "status" and msg["content"]["execution_state"] == "idle":
                idle = True
            elif kind == "stream" and collect is not None:
                collect.append(msg["content"]["text"])
        if reply["status"] == "ok":
            return ""
        return f"{reply.get('ename')}: {reply.get('evalue')}"

    def execute_value(self, ws, source):
        out = []
        error = self.execute(ws, source, collect=out)
        if error:
            raise RuntimeError(error)
        return "".join(out).strip()


def receive(ws):
    """One kernel message from the websocket. Messages with binary buffers (widget
    state, for one) come as a binary frame: a count, offsets, then the JSON first."""
    frame = ws.recv()
    if isinstance(frame, str):
        return json.loads(frame)
    offsets = [int.from_bytes(frame[4 * i : 4 * i + 4], "big") for i in range(1, 3)]
    return json.loads(frame[offsets[0] : offsets[1]])


def code_cells(notebook):
    nb = nbformat.read(REPO / "notebooks" / f"{notebook}.ipynb", as_version=4)
    return [
        (cell.source, "raises-exception" in cell.metadata.get("tags", []))
        for cell in nb.cells
        if cell.cell_type == "code"
    ]


def run_workshop(n_learners, notebooks=DEFAULT_NOTEBOOKS, blas_threads=None,
                 timeout=600, extra_config="", setup_code=()):  # fmt: skip
    """Start everything, run the learners, stop everything; a result dict."""
    cells = {nb: code_cells(nb) for nb in notebooks}
    workdir = tempfile.mkdtemp(prefix="rw")
    hub = Workshop(workdir, blas_threads=blas_threads, extra_config=extra_config)
    learners = [Learner(f"learner{i:02d}") for i in range(1, n_learners + 1)]
    load = []
    stop_sampling = threading.Event()

    def sample_load():
        while not stop_sampling.wait(5):
            load.append(os.getloadavg()[0])

    try:
        hub.start()
        load.append(os.getloadavg()[0])
        sampler = threading.Thread(target=sample_load, daemon=True)
        sampler.start()
        t_zero = time.monotonic()

        def one(learner):
            browser = Browser(hub, learner, notebooks, timeout, setup_code)
            try:
                browser.run(cells)
                learner.where = ""
            except Exception as e:
                learner.failure = f"{type(e).__name__}: {e}"[:300]
            finally:
                browser.s.close()

        threads = [threading.Thread(target=one, args=(x,)) for x in learners]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.monotonic() - t_zero
        stop_sampling.set()
        hub_mib = (
            sum(
                p.memory_full_info().pss
                for p in hub.marked_processes()
                if "JUPYTERHUB_USER" not in p.environ()
            )
            / 2**20
        )
        services = [
            " ".join(p.cmdline())
            for p in hub.marked_processes()
            if "JUPYTERHUB_SERVICE_NAME" in p.environ()
        ]
    finally:
        stop_sampling.set()
        left = hub.stop()
    hub_log = (Path(workdir) / "jupyterhub.log").read_text(errors="replace")
    if not left:
        shutil.rmtree(workdir, ignore_errors=True)
    return {
        "learners": learners,
        "wall_s": wall,
        "hub_proxy_mib": hub_mib,
        "load": load,
        "left_running": left,
        "workdir": workdir,
        "blas_threads": ",".join(sorted(hub.blas_seen)),
        "services": services,
        # How long the hub itself waited for each server (the part http_timeout and
        # start_timeout bound), without the learner's waits after a 429.
        "hub_spawn_s": [
            float(m) for m in re.findall(r"took ([0-9.]+) seconds to start", hub_log)
        ],
        # The idle culler's requests to the hub (its scopes let it list the users).
        "culler_requests": [
            line for line in hub_log.splitlines() if "(idle-culler@" in line
        ],
        # A setting the hub or a server does not know is ignored with this warning.
        "config_warnings": [
            line for line in hub_log.splitlines() if "not recognized" in line
        ],
    }


def median(values):
    values = [v for v in values if v == v]  # drop NaN
    return statistics.median(values) if values else float("nan")


def summary(result):
    learners = result["learners"]
    spawns = [x.spawn_s for x in learners]
    failed = [x for x in learners if x.failure]
    failed_spawns = [x for x in failed if x.where == "spawn"]
    failed_pulls = [x for x in failed if x.where == "pull"]
    failed_kernels = [x for x in failed if x.where not in ("spawn", "pull")]
    return {
        "learners": len(learners),
        "blas_threads": result["blas_threads"],
        "load_avg_median": median(result["load"]),
        "load_avg_max": max(result["load"], default=float("nan")),
        "spawn_median_s": median(spawns),
        "spawn_max_s": max((s for s in spawns if s == s), default=float("nan")),
        "spawn_retries_429": sum(x.retries for x in learners),
        "spawn_cpu_median_s": median([x.spawn_cpu_s for x in learners]),
        "hub_spawn_max_s": max(result["hub_spawn_s"], default=float("nan")),
        "pull_median_s": median([x.pull_s for x in learners]),
        "run_median_s": median([x.run_s for x in learners]),
        "all_done_s": result["wall_s"],
        "pss_per_learner_mib": median([x.pss_mib for x in learners]),
        "cpu_per_learner_s": median([x.cpu_s for x in learners]),
        "hub_and_proxy_mib": result["hub_proxy_mib"],
        "failed_spawns": len(failed_spawns),
        "failed_pulls": len(failed_pulls),
        "failed_kernels": len(failed_kernels),
        "failures": [f"{x.name} ({x.where}): {x.failure}" for x in failed],
        "processes_left": result["left_running"],
    }


def print_table(rows):
    columns = [
        ("learners", "N", "{}"),
        ("blas_threads", "BLAS threads", "{}"),
        ("load_avg_median", "load", "{:.1f}"),
        ("spawn_median_s", "spawn med s", "{:.1f}"),
        ("spawn_max_s", "spawn max s", "{:.1f}"),
        ("spawn_retries_429", "429s", "{}"),
        ("hub_spawn_max_s", "hub wait max s", "{:.1f}"),
        ("spawn_cpu_median_s", "server start CPU s", "{:.1f}"),
        ("run_median_s", "run med s", "{:.1f}"),
        ("all_done_s", "all done s", "{:.1f}"),
        ("pss_per_learner_mib", "PSS/learner MiB", "{:.0f}"),
        ("cpu_per_learner_s", "CPU/learner s", "{:.1f}"),
        ("failed_spawns", "failed spawns", "{}"),
        ("failed_pulls", "failed pulls", "{}"),
        ("failed_kernels", "failed kernels", "{}"),
    ]
    print("| " + " | ".join(title for _, title, _ in columns) + " |")
    print("|" + "---|" * len(columns))
    for row in rows:
        cells = []
        for key, _, fmt in columns:
            value = row[key]
            cells.append("-" if value is None else fmt.format(value))
        print("| " + " | ".join(cells) + " |")
    for row in rows:
        for failure in row["failures"]:
            print(f"  N={row['learners']}: {failure}")
        if row["processes_left"]:
            print(f"  N={row['learners']}: left running: {row['processes_left']}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, nargs="+", default=[30],
                        help="one run per number (default 30)")  # fmt: skip
    parser.add_argument("--notebooks", nargs="+", default=list(DEFAULT_NOTEBOOKS))
    parser.add_argument("--blas-threads", type=int, nargs="+", default=[None],
                        help="override the config's one BLAS thread per kernel; "
                        "one run per value")  # fmt: skip
    parser.add_argument("--spawn-limit", type=int,
                        help="override concurrent_spawn_limit")  # fmt: skip
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args(argv)
    rows = []
    for n in args.learners:
        for threads in args.blas_threads:
            print(
                f"... {n} learners, BLAS threads {threads or 'from config'}", flush=True
            )
            extra = ""
            if args.spawn_limit is not None:
                extra = f"c.JupyterHub.concurrent_spawn_limit = {args.spawn_limit}"
            row = summary(run_workshop(n, args.notebooks, threads, extra_config=extra))
            row["spawn_limit"] = args.spawn_limit
            rows.append(row)
            print(json.dumps(row), flush=True)
    print(f"\n{os.cpu_count()} cores; notebooks {' then '.join(args.notebooks)}; "
          "load = median 1-minute load average during the run")  # fmt: skip
    print_table(rows)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    failed = any(r["failures"] or r["processes_left"]
                 for r in rows)  # fmt: skip
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
