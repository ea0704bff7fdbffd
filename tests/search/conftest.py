"""Backends for the contract suite: embedded on SQLite always, on PostgreSQL and Meilisearch when configured.

PostgreSQL: TEST_DATABASE_URL (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test); each test gets its own
schema, dropped afterwards. Meilisearch: MEILI_URL (+ MEILI_MASTER_KEY); each test gets a unique index,
deleted afterwards.
"""
from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, event, text


def _sqlite(tmp_path):
    from search.embedded import EmbeddedBackend

    engine = create_engine(f"sqlite:///{tmp_path / 'search.db'}")

    @event.listens_for(engine, "connect")
    def _fast(dbapi_conn, _record):  # tests need no durability; fsyncs made setup slow
        dbapi_conn.execute("PRAGMA synchronous = OFF")
        dbapi_conn.execute("PRAGMA journal_mode = MEMORY")

    yield EmbeddedBackend(engine)
    engine.dispose()


def _postgres():
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        pytest.skip("TEST_DATABASE_URL not set")
    from search.embedded import EmbeddedBackend

    schema = f"search_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url)
    try:
        with admin.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
    except Exception as exc:  # the URL is set but the server does not answer: say so, do not fail
        admin.dispose()
        pytest.skip(f"TEST_DATABASE_URL does not answer: {exc}")
    engine = create_engine(url, connect_args={"options": f"-csearch_path={schema}"})
    yield EmbeddedBackend(engine)
    engine.dispose()
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


def _meili():
    url = os.environ.get("MEILI_URL")
    if not url:
        pytest.skip("MEILI_URL not set")
    from search.meili import MeiliBackend

    backend = MeiliBackend(url, api_key=os.environ.get("MEILI_MASTER_KEY"), index=f"test_{uuid.uuid4().hex[:10]}")
    yield backend
    backend.drop()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres),
                        pytest.param("meili", marks=pytest.mark.meili)])
def backend(request, tmp_path):
    """A configured, empty backend of each kind."""
    factory = {"sqlite": lambda: _sqlite(tmp_path), "postgres": _postgres, "meili": _meili}[request.param]
    gen = factory()
    instance = next(gen)
    instance.configure()
    yield instance
    next(gen, None)


@pytest.fixture
def small_thesaurus(tmp_path):
    """A thesaurus read from the test module's own lines (CONCEPT<TAB>LANG<TAB>phrase), not from search/data."""
    from search.synonyms import load

    def read(lines: str):
        path = tmp_path / "small.tsv"
        path.write_text(lines, encoding="utf-8")
        return load(path)

    return read
