"""The system under test for bench/load.py: environment, database, gunicorn and RQ processes, CPU accounting.

Production settings (APP_ENV unset), PostgreSQL, Redis for the job queue and the rate limits, as the README's
deployment section describes. Nothing here imports the app: the processes under test are started as a
deployment starts them.
"""
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def environment(port: int, database_url: str, redis_url: str) -> dict:
    """What the web and RQ workers run with: production, one BLAS thread per process (4 workers share 2 cores)."""
    env = {key: value for key, value in os.environ.items() if key not in ("APP_ENV", "TEST_DATABASE_URL")}
    env.update({
        "SECRET_KEY": "load-bench-secret-not-for-production", "SITE_URL": f"http://127.0.0.1:{port}",
        "DATABASE_URL": database_url, "REDIS_URL": redis_url, "RATELIMIT_STORAGE_URI": redis_url,
        "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "FLASK_APP": "wsgi.py",
    })
    return env


def prepare(env: dict) -> None:
    """Migrate and load the demo marketplace (only into an empty database: `flask demo load` says so)."""
    for command in (["db", "upgrade"], ["demo", "load"]):
        subprocess.run([str(BIN / "flask"), *command], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)


def flush_queue(redis_url: str) -> None:
    """Drop jobs left in the bench's Redis database by an earlier run (its own db number only)."""
    from redis import Redis

    Redis.from_url(redis_url).flushdb()


@dataclass
class Processes:
    gunicorn: subprocess.Popen
    rq: subprocess.Popen
    logs: list = field(default_factory=list)

    def stop(self) -> None:
        for process in (self.gunicorn, self.rq):
            process.terminate()
        for process in (self.gunicorn, self.rq):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        for log in self.logs:
            log.close()


def start(env: dict, port: int, workers: int, log_dir: Path, rq_class: str, threads: int = 1,
          rq_nice: int = 0) -> Processes:
    """gunicorn (`threads` > 1: its threaded workers, each serving that many requests at once) and an RQ worker
    (`rq_nice` > 0: at that lower CPU priority)."""
    log_dir.mkdir(parents=True, exist_ok=True)
    web_log = open(log_dir / "gunicorn.log", "w")  # noqa: SIM115  (closed by Processes.stop)
    rq_log = open(log_dir / "rq.log", "w")  # noqa: SIM115
    web = subprocess.Popen([str(BIN / "gunicorn"), "-w", str(workers), "--threads", str(threads),
                            "-b", f"127.0.0.1:{port}", "wsgi:app"],
                           cwd=ROOT, env=env, stdout=web_log, stderr=subprocess.STDOUT)
    rq = subprocess.Popen([str(BIN / "rq"), "worker", "--worker-class", rq_class, "--url", env["REDIS_URL"],
                           "atameken"], cwd=ROOT, env=env, stdout=rq_log, stderr=subprocess.STDOUT,
                          preexec_fn=(lambda: os.nice(rq_nice)) if rq_nice else None)
    return Processes(web, rq, [web_log, rq_log])


def wait_ready(base: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{base}/api/v1/opportunities?per_page=1", timeout=10).status_code == 200:
                return
        except (requests.ConnectionError, requests.Timeout):  # not listening yet, or a worker still starting
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{base} did not answer within {timeout:.0f} s (see the gunicorn log)")


def tree_pids(root: int) -> list[int]:
    """A process and its descendants, from /proc (gunicorn's workers, RQ's work horses while they run)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def cpu_seconds(pids: list[int]) -> float:
    """User+system CPU of the processes and of their children already reaped (utime, stime, cutime, cstime)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(value) for value in fields[11:15])
    return total / ticks


def machine_busy_seconds() -> float:
    """CPU seconds spent by everything on the machine so far (all cores, not idle, not iowait)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(values) - values[3] - values[4]) / os.sysconf("SC_CLK_TCK")
