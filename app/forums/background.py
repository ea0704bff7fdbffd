"""Scheduler runs outside the request: one thread per run, writing its result in an app context of its own.

Used when FORUM_SCHEDULE_IN_BACKGROUND is on (the default outside tests), so a large forum never holds a web
worker for the whole time limit. `Forum.last_run` says "running" until the thread writes the outcome.
"""
import logging
import threading
import time
from datetime import datetime, timedelta

from flask import Flask
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.exc import OperationalError

from app.errors import DomainError
from app.extensions import db
from app.forums import scheduling
from app.forums.models import Forum
from app.models_base import utcnow

log = logging.getLogger(__name__)
RUNNING, FAILED = "running", "failed"


def is_running(forum: Forum) -> bool:
    """A run is going (one that should long have ended is taken as dead: the process may have restarted)."""
    run = forum.last_run or {}
    if run.get("status") != RUNNING:
        return False
    started = datetime.fromisoformat(run["started"])
    return utcnow() - started < timedelta(seconds=2 * run.get("limit", 60) + 60)


def mark_running(forum: Forum, time_limit: float) -> None:
    if is_running(forum):
        raise DomainError(_("A scheduler run is already going for this forum."))
    forum.last_run = {**(forum.last_run or {}), "status": RUNNING, "limit": time_limit,
                      "started": utcnow().isoformat(timespec="seconds")}
    db.session.flush()


def start(app: Flask, forum_id: int, time_limit: float) -> threading.Thread:
    """Start the run; call after the view committed `mark_running`."""
    thread = threading.Thread(target=run, args=(app, forum_id, time_limit), name=f"forum-{forum_id}-schedule",
                              daemon=True)
    thread.start()
    return thread


def run(app: Flask, forum_id: int, time_limit: float) -> None:
    """Solve and write back; failures are stored on the forum for the organiser to read."""
    with app.app_context(), force_locale("en"):  # no request to choose a language from
        try:
            problem = scheduling.prepare_problem(db.session.get(Forum, forum_id))
            # End the read before the long solve: SQLite cannot turn a stale read into a write later.
            db.session.rollback()
            result = scheduling.scheduling.solve(problem, time_limit=time_limit)
            _write(lambda: scheduling.apply_result(db.session.get(Forum, forum_id), result))
        except Exception as error:  # any failure is recorded on the forum, never lost in a thread
            db.session.rollback()
            if not isinstance(error, DomainError):
                log.exception("scheduler run for forum %s failed", forum_id)
            message = str(error)
            _write(lambda: _record_failure(forum_id, message))


def _record_failure(forum_id: int, message: str) -> None:
    forum = db.session.get(Forum, forum_id)
    forum.last_run = {**(forum.last_run or {}), "status": FAILED, "error": message,
                      "at": utcnow().isoformat(timespec="seconds")}


def _write(change, attempts: int = 5) -> None:
    """Apply and commit a short change, again if SQLite refuses it because another connection wrote since
    this transaction's first read (its busy timeout does not cover that case)."""
    for attempt in range(1, attempts + 1):
        try:
            change()
            db.session.commit()
            return
        except OperationalError:
            db.session.rollback()
            if attempt == attempts:
                raise
            time.sleep(0.2 * attempt)
