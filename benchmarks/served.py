"""What the web benchmarks share: a real `claimledger serve` child process on a free
port of 127.0.0.1, its memory from /proc, a scratch PostgreSQL database, and
percentiles.

    with serving(db, workers=2) as server:      # stopped at the end, whatever happens
        server.wait_first_page()                # seconds from the start to /events answered
        server.rss_mb()                         # resident memory of the server's processes
"""
from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_POSTGRES = os.environ.get("CLAIMLEDGER_TEST_POSTGRES", "postgresql://127.0.0.1:5432/test")


class Server:
    def __init__(self, process: subprocess.Popen, base: str, started: float, log):
        self.process, self.base, self.started, self._log = process, base, started, log

    def log(self) -> str:
        """What the server wrote to stderr so far (warnings and errors)."""
        self._log.seek(0)
        return self._log.read()

    def wait_first_page(self, timeout: float, max_rss_mb: float = 6000,
                        path: str = "/events") -> float | None:
        """Seconds from the start of the process to the first answered ``path``; None
        when it has not answered within ``timeout`` seconds, or when the server grew
        past ``max_rss_mb`` meanwhile (it is stopped then: the machine is shared)."""
        deadline = self.started + timeout
        self.too_big = False
        waiting = threading.Event()
        threading.Thread(target=self._watch_memory, args=(max_rss_mb, waiting), daemon=True).start()
        try:
            while time.perf_counter() < deadline and not self.too_big:
                if self.process.poll() is not None:
                    if self.too_big:
                        break
                    sys.exit(f"the server stopped: {self.log().strip()[-800:]}")
                try:
                    left = max(1.0, deadline - time.perf_counter())
                    if httpx.get(self.base + path, timeout=left).status_code == 200:
                        return time.perf_counter() - self.started
                except httpx.TransportError:
                    time.sleep(0.05)
            return None
        finally:
            waiting.set()

    def _watch_memory(self, max_rss_mb: float, done: threading.Event) -> None:
        while not done.wait(0.5):
            self.start_peak_mb = max(getattr(self, "start_peak_mb", 0), self.rss_mb()["rss_mb"])
            if self.start_peak_mb > max_rss_mb:
                self.too_big = True
                self.stopped_s = time.perf_counter() - self.started
                self.process.kill()
                return

    def pids(self) -> list[int]:
        """The server's process and its descendants (uvicorn's workers)."""
        found, todo = [], [self.process.pid]
        while todo:
            pid = todo.pop()
            found.append(pid)
            try:
                todo += [int(k) for k in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
            except OSError:
                pass
        return found

    def rss_mb(self) -> dict:
        """Resident memory now and at its peak (VmRSS, VmHWM), summed over the processes."""
        now = peak = 0
        for pid in self.pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
            now += int(fields.get("VmRSS", "0 kB").split()[0])
            peak += int(fields.get("VmHWM", "0 kB").split()[0])
        return {"rss_mb": round(now / 1024), "peak_rss_mb": round(peak / 1024)}

    def cpu_s(self) -> float:
        """User + system CPU seconds of the server's processes."""
        total = 0.0
        for pid in self.pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            except (OSError, IndexError, ValueError):
                pass
        return total


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(db: str, workers: int = 1, token: str | None = None) -> Iterator[Server]:
    """`python -m claimledger serve` on ``db``; the CLAIMLEDGER_* environment is left out
    (read-only unless ``token``), so only this script's choices count."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMLEDGER_")}
    if token:
        env["CLAIMLEDGER_TOKEN"] = token
    port = free_port()
    log = tempfile.TemporaryFile("w+")  # a file, not a pipe: a full pipe would stop the server
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "claimledger", "serve", "--db", db, "--host", "127.0.0.1",
         "--port", str(port), "--workers", str(workers)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log, text=True)
    try:
        yield Server(process, f"http://127.0.0.1:{port}", started, log)
    finally:
        log.close()
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def scratch_postgres(server: str, prefix: str = "webserve_bench") -> Iterator[str]:
    """A new, empty database on ``server`` (a postgresql:// URL); dropped afterwards."""
    import psycopg
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    parts = urlsplit(server)
    try:
        yield urlunsplit(parts._replace(path="/" + name))
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def summary_ms(seconds: list[float]) -> dict:
    """p50, p95, p99 and max of request times, in milliseconds."""
    ms = sorted(s * 1000 for s in seconds)
    if len(ms) < 2:
        return {"p50_ms": round(ms[0], 1), "p95_ms": round(ms[0], 1), "p99_ms": round(ms[0], 1),
                "max_ms": round(ms[0], 1)} if ms else {}
    q = statistics.quantiles(ms, n=100, method="inclusive")
    return {"p50_ms": round(q[49], 1), "p95_ms": round(q[94], 1), "p99_ms": round(q[98], 1),
            "max_ms": round(ms[-1], 1)}
