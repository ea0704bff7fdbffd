"""SQLite's "database is locked": a second connection holds a real write transaction while a request or a job
writes. Work must wait and succeed, or be reported clearly (503 + Retry-After) with nothing lost."""
import sqlite3
import threading
import time

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.jobs import JOBS, run_job
from app.matches.models import Embedding, JobRun
from app.opportunities.models import Opportunity
from tests.conftest import login


@pytest.fixture
def database_file(app):
    if db.engine.dialect.name != "sqlite" or not db.engine.url.database:
        pytest.skip("SQLite file database only")
    return db.engine.url.database


class Holder:
    """Another process's writer: BEGIN IMMEDIATE plus a write, held until `release` (a timer or by hand)."""

    def __init__(self, path: str) -> None:
        self.connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
        self.connection.execute("BEGIN IMMEDIATE")
        self.connection.execute("INSERT INTO job_runs (name, status, attempts, detail, started_at) "
                                "VALUES ('holder', 'done', 1, '', CURRENT_TIMESTAMP)")

    def release_after(self, seconds: float) -> threading.Timer:
        timer = threading.Timer(seconds, self.release)
        timer.start()
        return timer

    def release(self) -> None:
        if self.connection.in_transaction:
            self.connection.execute("COMMIT")


@pytest.fixture
def owned_offer(make_user, make_company, make_opportunity):
    company = make_company(make_user())
    return make_opportunity(company)


def test_delete_waits_for_a_writer_that_commits_meanwhile(client, database_file, owned_offer):
    """The writer commits while the request waits: a deferred transaction would fail on its stale snapshot."""
    login(client)
    offer_id = owned_offer.id
    holder = Holder(database_file)
    timer = holder.release_after(0.5)
    response = client.post(f"/opportunities/{offer_id}/delete", data={"confirm": "yes"})
    timer.join()
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    assert db.session.get(Opportunity, offer_id) is None
    assert db.session.scalar(select(func.count()).where(JobRun.name == "holder")) == 1  # the other write kept


def test_a_lock_longer_than_the_timeout_answers_503_and_loses_nothing(client, database_file, owned_offer):
    login(client)
    offer_id = owned_offer.id
    holder = Holder(database_file)
    try:
        response = client.post(f"/opportunities/{offer_id}/delete", data={"confirm": "yes"})
    finally:
        holder.release()
    assert response.status_code == 503
    assert response.headers["Retry-After"].isdigit()
    assert "nothing was saved" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Opportunity, offer_id) is not None  # not half-deleted
    retry = client.post(f"/opportunities/{offer_id}/delete", data={"confirm": "yes"})
    assert retry.status_code == 302  # the retry works
    assert db.session.get(Opportunity, offer_id) is None


def test_api_gets_json_for_a_lock(app, client, database_file, monkeypatch):
    from sqlalchemy.exc import OperationalError

    def locked():
        raise OperationalError("UPDATE x", {}, sqlite3.OperationalError("database is locked"))

    monkeypatch.setattr("app.api.routes._visible_company_or_404", lambda company_id: locked())
    response = client.get("/api/v1/companies/1")
    assert response.status_code == 503 and response.get_json()["code"] == 503
    assert response.headers["Retry-After"].isdigit()


def test_embed_job_survives_a_writer_holding_the_lock(app, database_file, embedding_on, make_company, monkeypatch):
    """Another writer takes the lock while the model works and keeps it past the busy timeout: the job waits,
    stores everything, and embeds nothing twice."""
    from matching.engine import Matcher

    app.config["EMBED_ON_COMMIT"] = False
    company = make_company(name="Altyn Dala", description="Organic buckwheat from Akmola.")
    db.session.commit()
    embedded, timers = [], []
    original = Matcher.ensure_embedded

    def embed_then_lock(self):
        embedded.append(1)
        new = original(self)
        timers.append(Holder(database_file).release_after(4.0))  # longer than the test busy timeout (3 s)
        return new

    monkeypatch.setattr(Matcher, "ensure_embedded", embed_then_lock)
    run = run_job(app, "embed")
    timers[0].join()
    assert run.status == "done", run.detail
    assert (run.attempts, len(embedded)) == (1, 1)  # a lock is not a failed attempt; the vectors were kept
    stored = db.session.scalars(select(Embedding.owner_id).where(Embedding.owner_type == "company")).all()
    assert stored == [company.id]
    assert db.session.scalar(select(func.count()).where(JobRun.name == "holder")) == 1


def test_job_locked_in_its_body_runs_again_and_is_recorded(app, database_file, monkeypatch):
    calls = []

    def flaky() -> str:
        from sqlalchemy.exc import OperationalError

        calls.append(1)
        if len(calls) < 3:
            raise OperationalError("INSERT", {}, sqlite3.OperationalError("database is locked"))
        return "ok"

    monkeypatch.setitem(JOBS, "flaky", flaky)
    holder = Holder(database_file)
    timer = holder.release_after(0.5)  # even the run's own record has to wait for the lock
    started = time.monotonic()
    run = run_job(app, "flaky")
    timer.join()
    assert (run.status, run.detail, run.attempts, len(calls)) == ("done", "ok", 1, 3)
    assert time.monotonic() - started >= 0.5
    assert db.session.get(JobRun, run.id).status == "done"
