"""The outbox is drained by one worker at a time: in threads of a process, and across processes on PostgreSQL."""
import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import func, select, text, update

from app.extensions import db
from app.jobs import lock_key
from app.models_base import utcnow
from app.search_ui import services
from app.search_ui.models import SearchOutbox
from search.base import BackendUnavailable


@pytest.fixture(autouse=True)
def _products_by_their_own_words(no_goods_names):
    """Titles are indexed as typed, without the names of goods of the thesaurus."""


@pytest.fixture
def pending(index, monkeypatch, make_company, make_opportunity):
    """The document ids of the outbox rows left by saves while the backend was down (due now), in order."""
    def down(*args, **kwargs):
        raise BackendUnavailable("connection refused")

    upsert = type(index).upsert
    monkeypatch.setattr(type(index), "upsert", down)
    company = make_company()
    for n in range(4):
        make_opportunity(company, title=f"Ferrosilicon FeSi75 lot {n}", hs_codes=["7202"])
    monkeypatch.setattr(type(index), "upsert", upsert)
    rows = db.session.scalars(select(SearchOutbox).order_by(SearchOutbox.id)).all()
    for row in rows:
        row.next_attempt_at = row.created_at
    db.session.commit()
    return [row.doc_id for row in rows]


@pytest.fixture
def applied(index, monkeypatch):
    """The document ids the backend is asked to upsert, in order; each call takes a while, so drains overlap."""
    calls: list[str] = []
    upsert = type(index).upsert

    def slow_upsert(self, docs):
        calls.extend(doc["id"] for doc in docs)
        time.sleep(0.3)
        upsert(self, docs)

    monkeypatch.setattr(type(index), "upsert", slow_upsert)
    return calls


def _drain_in_thread(app, results: list) -> threading.Thread:
    def run():
        with app.app_context():
            results.append(services.sync_outbox())

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_two_drains_at_once_apply_each_row_once(app, pending, applied):
    results: list[dict] = []
    threads = [_drain_in_thread(app, results) for _ in range(2)]
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(applied) == sorted(pending)  # no document sent twice
    assert sorted(r["applied"] for r in results) == [0, len(pending)]  # the second found nothing left
    db.session.rollback()  # a new snapshot: the drains committed in their own sessions
    assert db.session.scalar(select(func.count(SearchOutbox.id))) == 0


def test_a_drain_waits_for_one_in_another_process(app, pending, applied):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("the lock across processes is PostgreSQL's (SQLite serves one process)")
    with db.engine.connect() as other:  # another process's session holding the lock
        other.execute(text("SELECT pg_advisory_lock(:key)"), {"key": lock_key("search-sync")})
        results: list[dict] = []
        thread = _drain_in_thread(app, results)
        time.sleep(1.0)
        assert thread.is_alive() and not applied
        other.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": lock_key("search-sync")})
        thread.join(timeout=30)
    assert results == [{"applied": len(pending), "parked": 0}]
    assert sorted(applied) == sorted(pending)


def test_a_search_that_meets_due_rows_starts_a_drain(app, client, index, pending, monkeypatch):
    asked = []
    monkeypatch.setattr(services, "enqueue", asked.append)
    db.session.execute(update(SearchOutbox).values(next_attempt_at=utcnow() + timedelta(minutes=5)))
    db.session.commit()
    assert client.get("/search/?q=ferrosilicon").status_code == 200
    assert asked == []  # every row still waits out its backoff: nothing to drain yet
    db.session.execute(update(SearchOutbox).values(next_attempt_at=utcnow()))
    db.session.commit()
    assert client.get("/search/?q=ferrosilicon").status_code == 200
    assert set(asked) == {"search-sync"}
