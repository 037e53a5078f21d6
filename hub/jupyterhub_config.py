"""JupyterHub settings for a reglab workshop on one machine.

A local hub:   jupyterhub -f hub/jupyterhub_config.py
The Littlest JupyterHub (TLJH): copy this file to
/opt/tljh/config/jupyterhub_config.d/reglab.py and run `sudo tljh-config reload hub`.

It sets only what a workshop needs (how spawns are paced, kernels, threads, culling,
memory); the authenticator and spawner stay your hub's own. The numbers are measured
by benchmarks/workshop.py; docs/instructor-guide.md ("Running the course on a
JupyterHub") has the table and what they imply for 100 and 300 learners.
hub/values.yaml carries the same settings for Zero to JupyterHub (Kubernetes).
"""

import os
import sys

c = get_config()  # noqa: F821 (JupyterHub provides get_config in its config files)

# --- Spawns -------------------------------------------------------------------------
# A single-user server costs about 4 CPU-seconds to start. When a room logs in at once,
# starting every server together shares the cores between all of them and none is
# ready within JupyterHub's default 30 s http_timeout (28 of 30 failed in an earlier
# run on 2 cores). At most 8 starts per core at a time finish in about 8 x 4 = 32 s on
# an idle machine (92 s at most in benchmarks/workshop.py at load 38 on 2 cores); a
# learner beyond the limit gets "Too many users trying to log in right now. Try again
# in 40 seconds." (HTTP 429; JupyterHub 6.1 picks 30-60 s and does not let that be
# configured) and reloads. On TLJH or a local hub the servers run on the hub's own
# machine, so its core count is the right one.
c.JupyterHub.concurrent_spawn_limit = 8 * (os.cpu_count() or 1)
# A slow start under load is not a failed start: two minutes to answer http, five in
# all.
c.Spawner.http_timeout = 120
c.Spawner.start_timeout = 300
# The nbgitpuller link (/hub/user-redirect/...) starts the learner's server by itself;
# a bookmarked /user/<name>/... address, after the idle culler stopped the server,
# shows a "Launch server" button instead: this presses it after a second.
c.JupyterHub.implicit_spawn_seconds = 1
c.Spawner.default_url = "/lab"

# --- Kernels ------------------------------------------------------------------------
# (extend and update, not assign: on TLJH, settings made before this file stay.)
c.Spawner.args.extend(
    [
        # Unix sockets instead of TCP ports for kernels: on one machine every learner's
        # kernels otherwise draw five random loopback ports each, and with a room of
        # kernels starting together two of them picked the same port (a kernel that
        # never started). The sockets live in each learner's own runtime folder,
        # ~/.local/share/jupyter/runtime; a socket path has at most 107 characters, so
        # this needs home folders of at most 28 (on TLJH /home/jupyter-<name>: names of
        # up to 14 characters). With longer ones, drop this line.
        "--KernelManager.transport=ipc",
        # A kernel left open holds 140-165 MiB: shut kernels idle for 20 minutes, even
        # with their tab still open (the notebook's outputs stay; rerun to continue).
        "--MappingKernelManager.cull_idle_timeout=1200",
        "--MappingKernelManager.cull_interval=120",
        "--MappingKernelManager.cull_connected=True",
        "--MappingKernelManager.cull_busy=False",
    ]
)
# One BLAS thread per kernel: with more learners than cores a second BLAS thread has no
# idle core to run on. With 10 learners running notebooks 03 and 04 on 2 cores, two
# threads took the same time and 6% more CPU (benchmarks/workshop.py --blas-threads
# 1 2); on one LARS fit, two threads were 6x slower than one.
c.Spawner.environment.update(
    {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
)

# --- Memory -------------------------------------------------------------------------
# Measured per learner: ~400 MiB with two notebooks open, ~1.7 GiB with all eleven
# kernels open at once. Enforced by spawners that can (TLJH's systemd spawner,
# Kubernetes); the plain local-process spawner ignores these two.
c.Spawner.mem_guarantee = "512M"
c.Spawner.mem_limit = "2G"

# --- Idle servers -------------------------------------------------------------------
# Stop a learner's server after an hour without activity (jupyterhub-idle-culler from
# PyPI). TLJH runs its own culler already: set its timeout with
# `sudo tljh-config set services.cull.timeout 3600` instead.
if "services" not in c.JupyterHub:
    c.JupyterHub.services = [
        {
            "name": "idle-culler",
            "command": [
                sys.executable,
                "-m",
                "jupyterhub_idle_culler",
                "--timeout=3600",
                "--cull-every=300",
            ],
        }
    ]
    c.JupyterHub.load_roles = [
        {
            "name": "idle-culler",
            "scopes": [
                "list:users",
                "read:users:activity",
                "read:servers",
                "delete:servers",
            ],
            "services": ["idle-culler"],
        }
    ]
