"""SQLite connection settings for the embedded default.

pysqlite starts transactions lazily and never around SAVEPOINT, so without an explicit BEGIN each savepoint of an
import commits (and syncs to disk) on its own; the recipe from SQLAlchemy's pysqlite documentation takes
transaction control back. Foreign keys are enforced (ON DELETE CASCADE), WAL lets readers work during writes,
and a writer waits up to a minute for another (the search sync and the embed job write from a worker thread).
"""
from sqlalchemy import event
from sqlalchemy.engine import Engine


def configure(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, connection_record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=60000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        connection.exec_driver_sql("BEGIN")
