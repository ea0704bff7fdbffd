"""Migrations upgrade an empty database and agree with the models (`flask db check`)."""
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]


def _flask(*args: str, database_url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url, "FLASK_APP": "wsgi.py", "APP_ENV": "development"}
    return subprocess.run([sys.executable, "-m", "flask", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)


def _upgrade_and_check(url: str) -> None:
    upgrade = _flask("db", "upgrade", database_url=url)
    assert upgrade.returncode == 0, upgrade.stderr
    check = _flask("db", "check", database_url=url)
    assert check.returncode == 0 and "No new upgrade operations detected" in check.stdout + check.stderr, (
        check.stdout + check.stderr)


def test_migrations_on_empty_sqlite(tmp_path):
    _upgrade_and_check(f"sqlite:///{tmp_path / 'fresh.db'}")


def test_migrations_on_empty_postgresql():
    base = os.environ.get("TEST_DATABASE_URL", "")
    if not base.startswith("postgresql"):
        pytest.skip("TEST_DATABASE_URL does not name a PostgreSQL server")
    name = f"atameken_mig_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        _upgrade_and_check(make_url(base).set(database=name).render_as_string(hide_password=False))
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
