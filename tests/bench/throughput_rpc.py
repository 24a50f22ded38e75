# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The throughput bench's Odoo server (started and stopped by the bench) and
its JSON-RPC client; the workload is in ``bench_throughput.py``."""

import configparser
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# An OMS worker must not be killed mid-order by Odoo's own limits: a loaded
# machine makes a request slow, not wrong.
LIMITS = [
    "--limit-time-cpu=600",
    "--limit-time-real=1200",
    "--limit-memory-soft=2147483648",
    "--limit-memory-hard=3221225472",
]


class RpcError(Exception):
    pass


# ---------------------------------------------------------------------------
# JSON-RPC client (stdlib only: one new connection per call, as a browser
# behind a proxy would mostly do)
# ---------------------------------------------------------------------------


class Client:
    def __init__(self, url, db, login, password):
        self.url, self.db, self.password = url, db, password
        self.uid = self.call("common", "authenticate", db, login, password, {})
        if not self.uid:
            raise RpcError(f"cannot log in as {login}")

    def call(self, service, method, *args):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"service": service, "method": method, "args": args},
        }
        request = urllib.request.Request(
            f"{self.url}/jsonrpc",
            json.dumps(payload).encode(),
            {"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=1800) as response:
            answer = json.loads(response.read())
        if answer.get("error"):
            error = answer["error"].get("data", {})
            raise RpcError(error.get("message") or answer["error"].get("message"))
        return answer.get("result")

    def __call__(self, model, method, *args, **kwargs):
        return self.call(
            "object",
            "execute_kw",
            self.db,
            self.uid,
            self.password,
            model,
            method,
            list(args),
            kwargs,
        )


# ---------------------------------------------------------------------------
# Odoo server
# ---------------------------------------------------------------------------


def _channels():
    """queue_job's channels of the shipped configuration (``config/odoo.conf``)."""
    parser = configparser.ConfigParser()
    parser.read(os.path.join(ROOT, "config", "odoo.conf"))
    return parser.get("queue_job", "channels", fallback="root:2")


def _odoo_command():
    """Odoo's command line through ``odoo_bench_server.py``: a multi-process
    Odoo starts its websocket process as ``python argv[0] gevent``, which the
    bench does not need (see that file)."""
    return [
        sys.executable,
        os.path.join(ROOT, "tests", "bench", "odoo_bench_server.py"),
    ]


class Server:
    def __init__(self, args, workers, logfile):
        self.args, self.workers = args, workers
        self.url = f"http://127.0.0.1:{args.http_port}"
        command = [
            *_odoo_command(),
            *args.odoo_args,
            "-d",
            args.db,
            f"--db-filter=^{args.db}$",
            f"--workers={workers}",
            "--max-cron-threads=0",
            f"--http-port={args.http_port}",
            f"--gevent-port={args.gevent_port}",
            "--http-interface=127.0.0.1",
            "--load=base,web,queue_job",
            f"--logfile={logfile}",
            "--log-level=warn",
            *LIMITS,
        ]
        env = dict(os.environ, ODOO_QUEUE_JOB_CHANNELS=_channels())
        env["ODOO_QUEUE_JOB_PORT"] = str(args.http_port)
        # What Odoo prints before its log is set up (a child that fails to
        # start) goes beside its log, not into the bench's table.
        self.output = open(f"{logfile}.out", "ab")  # noqa: SIM115 (closed in stop)
        # Own session: stopping the bench stops Odoo's workers too.
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            start_new_session=True,
            stdout=self.output,
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self, timeout=600):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RpcError(
                    f"Odoo stopped at start (exit {self.process.returncode})"
                )
            try:
                with urllib.request.urlopen(f"{self.url}/web/health", timeout=5):
                    return
            except (urllib.error.URLError, OSError):
                time.sleep(1)
        raise RpcError("Odoo did not answer /web/health in time")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.output.close()
