"""SQLite connection settings for the embedded default, and how work survives "database is locked".

pysqlite starts transactions lazily and never around SAVEPOINT, so without an explicit BEGIN each savepoint of an
import commits (and syncs to disk) on its own; the recipe from SQLAlchemy's pysqlite documentation takes
transaction control back. Foreign keys are enforced (ON DELETE CASCADE), WAL lets readers work during writes,
and a writer waits up to `SQLITE_BUSY_TIMEOUT` seconds for another (the search sync and the embed job write from
a worker thread).

The busy timeout alone is not enough: in WAL mode a transaction that began with a read and then writes fails at
once with "database is locked" when another connection committed in between (its snapshot is stale, SQLite does
not wait). So a transaction that is going to write begins with BEGIN IMMEDIATE (`begin_write`): it takes the
write lock first and waits for it. Requests that change data (POST and the like) do so; jobs retry on a lock
(`retry_on_lock`); a lock that still outlasts the timeout answers 503 with Retry-After, after a rollback.
"""
import logging
import sqlite3
import time
from collections.abc import Callable
from typing import TypeVar

from flask import Flask, request
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, scoped_session

log = logging.getLogger(__name__)
T = TypeVar("T")
_BEGIN_OPTION = "sqlite_begin"
_LOCK_CODES = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
# seconds a caller waits before trying again (Retry-After of a 503; pause between retries of a job)
RETRY_AFTER = 5


def configure(engine: Engine, busy_timeout: float = 60.0) -> None:
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, connection_record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        mode = connection.get_execution_options().get(_BEGIN_OPTION, "")
        connection.exec_driver_sql(f"BEGIN {mode}".strip())


def is_lock_error(error: BaseException) -> bool:
    """True for SQLite's "database is locked" / "table is locked" (SQLITE_BUSY, SQLITE_LOCKED and variants)."""
    original = getattr(error, "orig", error)
    if not isinstance(original, sqlite3.OperationalError):
        return False
    code = getattr(original, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _LOCK_CODES  # extended codes (e.g. SQLITE_BUSY_SNAPSHOT) keep the primary low byte
    return "locked" in str(original)


def _plain(session) -> Session:
    """The session itself behind a scoped session (Flask-SQLAlchemy's `db.session`)."""
    return session() if isinstance(session, scoped_session) else session


def begin_write(session: Session) -> None:
    """Start the session's next transaction as a writer (BEGIN IMMEDIATE on SQLite; nothing elsewhere).

    Ends a transaction still open first: committed, so nothing pending is lost.
    """
    session = _plain(session)
    if session.get_bind().dialect.name != "sqlite":
        return
    if session.in_transaction():
        session.commit()
    session.connection(execution_options={_BEGIN_OPTION: "IMMEDIATE"})


def write_mode(session: Session) -> None:
    """Let every later transaction of this session begin as a writer (a request that changes data).

    Lazily, at its first statement: a job run eagerly before it (tests) takes and releases the lock first.
    """
    session = _plain(session)
    if session.get_bind().dialect.name != "sqlite":
        return
    if session.in_transaction():
        session.commit()
    session.execution_options = session.execution_options.union({_BEGIN_OPTION: "IMMEDIATE"})


def retry_on_lock(session: Session, work: Callable[[], T], attempts: int = 10, pause: float = 1.0) -> T:
    """Run `work` in a write transaction and commit; after "database is locked" roll back and run it again.

    `work` must only change the session (the caller's results stay in memory between tries, so nothing
    computed is lost); the last lock error is raised after `attempts` tries.
    """
    for attempt in range(1, attempts + 1):
        try:
            begin_write(session)
            result = work()
            session.commit()
            return result
        except OperationalError as error:
            session.rollback()
            if not is_lock_error(error) or attempt == attempts:
                raise
            log.warning("database is locked (try %s of %s); trying again", attempt, attempts)
            time.sleep(pause * attempt)
    raise AssertionError("unreachable")


def init_app(app: Flask, session_factory: Callable[[], Session]) -> None:
    """Writing requests begin as writers; a lock that outlasts the busy timeout becomes a 503."""

    def begin_writing_request() -> None:
        if request.method not in SAFE_METHODS:
            write_mode(session_factory())

    # first of all before_request functions: a function before it might open a (reading) transaction
    app.before_request_funcs.setdefault(None, []).insert(0, begin_writing_request)

    @app.errorhandler(OperationalError)
    def database_busy(error: OperationalError):
        if not is_lock_error(error):
            raise error  # any other database failure stays a 500
        session = _plain(session_factory())
        session.rollback()
        # the error page may still read (the user, the menu): it must not queue for the lock again
        session.execution_options = session.execution_options.union({_BEGIN_OPTION: ""})
        log.warning("request %s %s gave up on a database lock: %s", request.method, request.path, error)
        from flask_babel import gettext as _

        from app.errors import _render

        response, code = _render(503, _("The database is busy, so nothing was saved. Please try again in a few "
                                        "seconds."))
        return response, code, {"Retry-After": str(RETRY_AFTER)}
