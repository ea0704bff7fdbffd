"""The RQ entry point: one app per worker process, whatever the number of jobs."""
import app as app_package
from app import jobs
from app.extensions import db
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
