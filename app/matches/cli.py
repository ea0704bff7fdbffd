"""`flask matching ...`: rebuild vectors, see the state of the background work."""
import click
from flask import Flask
from sqlalchemy import delete, func, select

from app.extensions import db
from app.jobs import run_job


@click.group("matching")
def matching() -> None:
    """Embeddings and suggestions."""


@matching.command("reindex")
@click.option("--all", "everything", is_flag=True, help="Forget every stored vector first (after a model change).")
def reindex(everything: bool) -> None:
    """Embed every record whose text or model changed, now, in this process."""
    from flask import current_app

    from app.matches.models import Embedding

    if everything:
        db.session.execute(delete(Embedding))
        db.session.commit()
    with click.progressbar(length=1, label="Embedding") as bar:
        run = run_job(current_app._get_current_object(), "embed")
        bar.update(1)
    click.echo(f"{run.status}: {run.detail}")


@matching.command("status")
def status() -> None:
    """Stored vectors per model, records still waiting, and the last job runs."""
    from app.matches.models import Embedding, JobRun
    from app.matches.services import matcher

    for model_id, count in db.session.execute(select(Embedding.model_id, func.count()).group_by(Embedding.model_id)):
        click.echo(f"vectors: {count} under {model_id}")
    click.echo(f"waiting to be embedded: {len(matcher()[1])}")
    for run in db.session.scalars(select(JobRun).order_by(JobRun.id.desc()).limit(5)):
        click.echo(f"{run.started_at:%Y-%m-%d %H:%M:%S} {run.name} {run.status} after {run.attempts} attempt(s): "
                   f"{run.detail}")


@click.command("jobs-worker")
def jobs_worker() -> None:
    """Run an RQ worker for the background jobs (when REDIS_URL is set), as
    `rq worker --worker-class rq.worker.SimpleWorker --url $REDIS_URL atameken` does: jobs run in this process,
    which keeps its app and model between jobs (see `app.jobs.rq_entry`)."""
    from flask import current_app
    from redis import Redis
    from rq import Queue, SimpleWorker

    connection = Redis.from_url(current_app.config["REDIS_URL"])
    SimpleWorker([Queue("atameken", connection=connection)], connection=connection).work()


def init_app(app: Flask) -> None:
    app.cli.add_command(matching)
    app.cli.add_command(jobs_worker)
