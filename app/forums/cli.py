"""`flask forums ...`: thin commands around the forum services."""
import click
from flask import Flask
from flask_babel import force_locale

from app.extensions import db


@click.group("forums")
def forums() -> None:
    """B2B forums: request expiry and scheduling."""


@forums.command("expire-requests")
def expire_requests() -> None:
    """Mark meeting requests left unanswered past their forum's deadline as expired."""
    from app.forums.services import expire_requests as expire

    with force_locale("en"):  # no request here to choose a language from
        count = expire()
    db.session.commit()
    click.echo(f"{count} requests expired.")


@forums.command("schedule")
@click.argument("forum_id", type=int)
@click.option("--time-limit", default=60.0, show_default=True, help="Seconds the scheduler may use.")
def schedule(forum_id: int, time_limit: float) -> None:
    """Give every accepted meeting of FORUM_ID a slot and a table (locked meetings stay put)."""
    from app.errors import DomainError
    from app.forums.models import Forum
    from app.forums.scheduling import schedule_forum

    forum = db.session.get(Forum, forum_id)
    if forum is None:
        raise click.ClickException(f"No forum with id {forum_id}.")
    try:
        with force_locale("en"):
            result = schedule_forum(forum, time_limit=time_limit)
    except DomainError as error:
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"{len(result.assignments)} meetings scheduled, {result.breaks} breaks "
               f"(lower bound {result.lower_bound}{', optimal' if result.optimal else ''}), "
               f"{result.seconds:.1f} s.")
    for meeting_id, reason in result.unscheduled:
        click.echo(f"meeting {meeting_id} not scheduled: {reason}", err=True)


def init_cli(app: Flask) -> None:
    app.cli.add_command(forums)
