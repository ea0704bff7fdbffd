"""Background jobs: RQ on Redis when REDIS_URL is set, else one in-process worker thread per process.

Saves and imports never wait on the model: they enqueue a job by name, and the job runs outside the request.
Every run is recorded (`JobRun`), retried with backoff, and a final failure is reported there and in the log.
In tests, `JOBS_EAGER` runs jobs at once in the caller's thread.
"""
import functools
import logging
import queue
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from flask import Flask, current_app
from sqlalchemy import text, update

from app.extensions import db
from app.models_base import utcnow
from app.sqlite import is_lock_error, retry_on_lock

log = logging.getLogger(__name__)
JOBS: dict[str, Callable[[], str | None]] = {}


def job(name: str):
    """Register a function as the job `name` (it runs inside an app context)."""
    def register(func):
        JOBS[name] = func
        return func
    return register


def run_job(app: Flask, name: str) -> "JobRun":  # noqa: F821  (imported lazily: models import this module)
    """Run a job with retries and backoff, recording the run.

    The record is written in short transactions of its own (never a read kept open across the job): on SQLite a
    stale read could not turn into a write while the search sync writes from another thread. "Database is
    locked" is not a failure of the job: the record waits for the lock, and a locked job runs again after a
    pause without using up its retries (`JOB_LOCK_RETRIES` times at most).
    """
    from app.matches.models import JobRun

    with app.app_context():
        run = JobRun(name=name, status="running", attempts=0)
        retry_on_lock(db.session, lambda: db.session.add(run))
        run_id = run.id
        status, detail, attempt = _attempts(app, name)
        retry_on_lock(db.session, lambda: db.session.execute(update(JobRun).where(JobRun.id == run_id).values(
            status=status, attempts=attempt, detail=detail, finished_at=utcnow())))
        run = db.session.get(JobRun, run_id)
        db.session.expunge(run)  # readable by the caller after this context ends
        return run


def _attempts(app: Flask, name: str) -> tuple[str, str, int]:
    """Run job `name` until it succeeds or its retries are spent: (status, detail, attempts)."""
    delays, locked, attempt = app.config["JOB_RETRY_DELAYS"], 0, 0
    while True:
        attempt += 1
        try:
            return "done", JOBS[name]() or "", attempt
        except Exception as error:  # a job may fail in any way; it is recorded and retried, never lost
            db.session.rollback()
            detail = f"{error.__class__.__name__}: {error}"
            if is_lock_error(error) and locked < app.config["JOB_LOCK_RETRIES"]:
                locked += 1
                attempt -= 1
                log.warning("job %s met a database lock (%s); running it again", name, locked)
                time.sleep(app.config["JOB_LOCK_PAUSE"])
                continue
            log.warning("job %s failed (attempt %s): %s", name, attempt, detail)
            if attempt > len(delays):
                log.error("job %s gave up after %s attempts", name, attempt)
                return "failed", detail, attempt
            time.sleep(delays[attempt - 1])


_exclusive: dict[str, threading.Lock] = {}
_exclusive_lock = threading.Lock()


def lock_key(name: str) -> int:
    """The PostgreSQL advisory lock key of `name` (the same in every process)."""
    return zlib.crc32(f"atameken:{name}".encode())


@contextmanager
def one_at_a_time(name: str) -> Iterator[None]:
    """Run the block while no other thread of this process, and on PostgreSQL no other process, runs a block of
    the same `name`; a second caller waits for the first.

    For work that would collide with a copy of itself: two drains of the search outbox read the same rows and
    applied them twice (an older copy of a document could land after the newer one; on PostgreSQL the writers
    deadlocked), and two embed runs embedded and stored the same listings. Inside a process a thread lock keeps
    them apart; across processes (web workers' job threads, RQ workers, `flask` commands) a session advisory
    lock on its own connection. SQLite serves one process (`make run`); several share a PostgreSQL database."""
    with _exclusive_lock:
        local = _exclusive.setdefault(name, threading.Lock())
    with local:
        if db.engine.dialect.name != "postgresql":
            yield
            return
        key = {"key": lock_key(name)}
        with db.engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:key)"), key)
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), key)
                conn.commit()


class _LocalWorker:
    """One daemon thread per process; a job already waiting is not queued twice."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.queue: queue.Queue[str] = queue.Queue()
        self.waiting: set[str] = set()
        self.lock = threading.Lock()
        threading.Thread(target=self._loop, name="atameken-jobs", daemon=True).start()

    def submit(self, name: str) -> None:
        with self.lock:
            if name in self.waiting:
                return
            self.waiting.add(name)
        self.queue.put(name)

    def _loop(self) -> None:
        while True:
            name = self.queue.get()
            with self.lock:
                self.waiting.discard(name)
            try:
                run_job(self.app, name)
            except Exception:  # keep the worker alive whatever a job's bookkeeping hit
                log.exception("job %s could not be recorded", name)


_workers: dict[int, _LocalWorker] = {}
_workers_lock = threading.Lock()


def _local_worker(app: Flask) -> _LocalWorker:
    # keyed by app so tests with several apps stay apart; created lazily, so never before a gunicorn fork
    with _workers_lock:
        if id(app) not in _workers:
            _workers[id(app)] = _LocalWorker(app)
        return _workers[id(app)]


def enqueue(name: str) -> None:
    """Ask for job `name` to run soon, outside the current request."""
    app = current_app._get_current_object()
    if app.config.get("JOBS_EAGER"):
        run_job(app, name)
    elif app.config.get("REDIS_URL"):
        from redis import Redis
        from rq import Queue

        Queue("atameken", connection=Redis.from_url(app.config["REDIS_URL"])).enqueue(
            rq_entry, name, job_id=f"atameken-{name}-{int(time.time() // 5)}", job_timeout=3600)
    else:
        _local_worker(app).submit(name)


def rq_entry(name: str) -> None:
    """What an RQ worker runs: the job inside this worker process's app, made once.

    Run the worker as `flask jobs-worker` (or `rq worker --worker-class rq.worker.SimpleWorker ...`): jobs then
    run in the worker process, which keeps its app (imports, the model) between jobs. rq's default worker forks
    a fresh process per job, which paid 1.3-3.7 s of imports per job and half a core under a stream of edits
    (docs/benchmarks.md, "The site under load"); the jobs record their own failures, so the fork's isolation
    buys little here.
    """
    run_job(_worker_app(), name)


@functools.cache
def _worker_app() -> Flask:
    from app import create_app

    return create_app()
