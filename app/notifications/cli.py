"""`flask notify digest`: new suggested partners for every company owner, for a scheduler such as cron."""
from contextlib import contextmanager

import click
from flask import Flask, current_app
from flask_babel import lazy_gettext as _l
from flask_login import login_user
from sqlalchemy import func, select

from app.extensions import db
from app.notifications.models import Notification
from app.notifications.services import mail_status, notify, path_for, unpark_mails
from app.opportunities.models import Opportunity
from app.profiles.models import Company


@contextmanager
def acting_as(user):
    """Suggestions read the current user (their feedback, their own records): act as the owner for a moment."""
    with current_app.test_request_context():
        login_user(user)
        yield


def _created_at(kind: str, ids: list[int]) -> dict[int, object]:
    model = Company if kind == "company" else Opportunity
    return dict(db.session.execute(select(model.id, model.created_at).where(model.id.in_(ids))).all())


def digest(limit: int = 5) -> int:
    """One "suggestions" notification per company with new suggestions: listings published since the owner's
    previous digest (all of them for a first digest). Returns how many notifications were written."""
    from app.matches.services import suggestions_for_company

    written = 0
    owners = db.session.scalars(select(Company).where(Company.owner_id.is_not(None), Company.is_hidden.is_(False))
                                .order_by(Company.owner_id, Company.id)).all()
    for company in owners:
        since = db.session.scalar(select(func.max(Notification.created_at)).where(
            Notification.user_id == company.owner_id, Notification.kind == "suggestions"))
        with acting_as(company.owner):
            found = suggestions_for_company(company, limit=limit * 4) or []
        created = {kind: _created_at(kind, [m.id for m in found if m.type == kind]) for kind in ("company",
                                                                                                 "opportunity")}
        new = [m for m in found if since is None or created[m.type].get(m.id, since) > since][:limit]
        if new:
            titles = "; ".join(m.title for m in new)
            notify(company.owner, "suggestions", _l("New suggested partners for %(company)s: %(titles)s",
                                                    company=company.name, titles=titles),
                   path_for("profiles.detail", company_id=company.id))
            written += 1
    return written


@click.group("notify")
def notify_group() -> None:
    """Notifications: the digest of new suggestions, pending mails."""


@notify_group.command("digest")
@click.option("--limit", default=5, show_default=True, help="Suggestions per company at most.")
def digest_command(limit: int) -> None:
    """Write and mail each owner their top new suggestions (run daily from cron)."""
    from app.jobs import run_job

    written = digest(limit)
    db.session.info.pop("notify_mail", None)  # mailed below, in this process, not by a worker thread that would die
    db.session.commit()
    run = run_job(current_app._get_current_object(), "notify-mail")
    click.echo(f"{written} digests written; mail: {run.status}, {run.detail}")


@notify_group.command("send")
def send_command() -> None:
    """Send mails still pending (e.g. after an SMTP outage)."""
    from app.jobs import run_job

    run = run_job(current_app._get_current_object(), "notify-mail")
    click.echo(f"mail: {run.status}, {run.detail}")


@notify_group.command("status")
def status_command() -> None:
    """Mails waiting, and mails parked after failing MAIL_MAX_ATTEMPTS times (with their last error)."""
    status = mail_status()
    click.echo(f"pending: {status['pending']}; parked: {status['parked']}")
    for row in status["parked_rows"]:
        click.echo(f"  notification {row.id} to {row.user.email}: {row.mail_attempts} attempts, "
                   f"parked {row.mail_parked_at:%Y-%m-%d %H:%M}: {row.mail_error}")


@notify_group.command("retry-parked")
def retry_parked_command() -> None:
    """Queue parked mails again with fresh attempts (after fixing what made them fail), and send."""
    from app.jobs import run_job

    count = unpark_mails()
    db.session.commit()
    run = run_job(current_app._get_current_object(), "notify-mail")
    click.echo(f"{count} parked mails queued again; mail: {run.status}, {run.detail}")


def init_app(app: Flask) -> None:
    app.cli.add_command(notify_group)
