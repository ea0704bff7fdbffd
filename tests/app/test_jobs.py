"""The RQ entry point: one app per worker process, whatever the number of jobs; jobs that must not run beside a
copy of themselves."""
import threading
import time

import pytest
from sqlalchemy import text

import app as app_package
from app import jobs
from app.extensions import db
from app.jobs import lock_key, one_at_a_time, run_job
from app.matches.models import JobRun


def test_rq_entry_makes_the_app_once_per_worker_process(app, monkeypatch):
    made = []
    monkeypatch.setattr(app_package, "create_app", lambda: made.append(1) or app)
    monkeypatch.setitem(jobs.JOBS, "test-noop", lambda: "ran")
    jobs._worker_app.cache_clear()
    try:
        for _ in range(3):
            jobs.rq_entry("test-noop")
    finally:
        jobs._worker_app.cache_clear()
    assert made == [1]  # imports, model and matcher are paid once, not for every job
    with app.app_context():
        runs = db.session.scalars(db.select(JobRun).where(JobRun.name == "test-noop")).all()
        assert [(r.status, r.detail) for r in runs] == [("done", "ran")] * 3


def test_flask_jobs_worker_runs_jobs_in_its_own_process(app, monkeypatch):
    """`flask jobs-worker` keeps its app between jobs as `rq worker --worker-class rq.worker.SimpleWorker` does
    (rq's forking worker would build it again for every job)."""
    import rq

    started = []
    from rq.worker import BaseWorker

    monkeypatch.setattr(BaseWorker, "work", lambda worker, **kwargs: started.append(type(worker)))
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:6379/7")  # work is stubbed: no job runs
    result = app.test_cli_runner().invoke(args=["jobs-worker"])
    assert result.exit_code == 0, result.output
    assert started == [rq.SimpleWorker]


def test_one_at_a_time_keeps_blocks_of_one_name_apart(app):
    inside, same, together = [], [], []

    def block(name):
        with app.app_context(), one_at_a_time(name):
            inside.append(name)
            same.append(inside.count(name))
            together.append(len(inside))
            time.sleep(0.2)
            inside.remove(name)

    threads = [threading.Thread(target=block, args=(name,)) for name in ("embed", "embed", "search-sync")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert same == [1, 1, 1]  # the two "embed" blocks never overlapped
    assert max(together) == 2  # a block of another name ran beside one of them


def test_the_embed_job_waits_for_a_run_in_another_process(app, make_company):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("the lock across processes is PostgreSQL's (SQLite serves one process)")
    make_company(name="Tobol Diirmen")
    assert run_job(app, "embed").status == "done"  # the first run builds the job's matcher: it takes a while
    make_company(name="Dala Astyq")
    runs = []
    with db.engine.connect() as other:  # another process's embed run
        other.execute(text("SELECT pg_advisory_lock(:key)"), {"key": lock_key("embed")})
        thread = threading.Thread(target=lambda: runs.append(run_job(app, "embed")))
        thread.start()
        time.sleep(1.0)
        assert thread.is_alive() and not runs
        other.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": lock_key("embed")})
        thread.join(timeout=60)
    assert runs[0].status == "done" and runs[0].detail.startswith("1 embedded"), runs[0].detail
