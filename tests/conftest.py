"""Shared fixtures: an app on SQLite (or on PostgreSQL when TEST_DATABASE_URL is set), clients, factories."""
import os
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy import text

from app import create_app
from app.config import TestingConfig
from app.extensions import db, limiter

os.environ.setdefault("APP_ENV", "testing")  # the app defaults to production; code that builds its own app tests too
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    class Config(TestingConfig):
        SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL") or "sqlite:///" + str(
            tmp_path_factory.mktemp("db") / "test.db")
        WTF_CSRF_ENABLED = False
        EMBED_ON_COMMIT = False  # matching tests turn it on (fixture `embedding_on`)

    app = create_app(Config)
    app.instance_path = str(tmp_path_factory.mktemp("instance"))
    with app.app_context():
        db.drop_all()
        db.create_all()
    yield app
    with app.app_context():
        db.drop_all()


@pytest.fixture(autouse=True)
def clean_db(app):
    """Each test starts with empty tables, a fresh rate limiter and CSRF off (tests that need it turn it on)."""
    app.config["WTF_CSRF_ENABLED"] = False
    app.config["EMBED_ON_COMMIT"] = False
    with app.app_context():
        limiter.reset()
        yield
        db.session.rollback()
        db.session.remove()
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
        db.session.commit()
        if db.engine.dialect.name == "postgresql":
            db.session.execute(text("SELECT 1"))


class FreshContextClient(FlaskClient):
    """Each request gets its own app context (and so its own `g` and database session), as in production.

    Without this the request would reuse the test's app context, and `g` (the cached locale, the logged-in user)
    would leak from one request to the next."""

    def open(self, *args, **kwargs):
        db.session.commit()  # the test's own session: its data visible to the request, its snapshot ended
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        db.session.expire_all()
        return response


@pytest.fixture
def client(app):
    app.test_client_class = FreshContextClient
    return app.test_client()


@pytest.fixture
def make_user():
    from app.accounts.services import create_user

    def make(email="user@example.org", password="correct horse battery", role="entrepreneur", name="Aigerim",
             locale="en"):
        user = create_user(email, password, name, role, locale)
        db.session.commit()
        return user

    return make


@pytest.fixture
def make_company(make_user):
    from app.profiles.services import save_company

    def make(owner=None, **overrides):
        data = {"name": "Tobol Astyq LLP", "kind": "exporter", "country": "KZ", "city": "Kostanay",
                "sectors": ["grain"], "languages": ["kk", "ru"], "description": "Wheat and barley from Kostanay.",
                "website": "https://tobol.example.kz", "email": "sales@tobol.example.kz", "phone": "+7 714 200 0000"}
        data.update(overrides)
        company = save_company(None, data, owner.id if owner else None)
        company.ref = overrides.get("ref")
        db.session.commit()
        return company

    return make


@pytest.fixture
def make_opportunity():
    from app.opportunities.services import save_opportunity

    def make(company, **overrides):
        data = {"kind": "offer", "title": "Wheat flour, first grade", "language": "en",
                "description": "First-grade wheat flour in 50 kg bags, FCA Kostanay.", "hs_codes": ["1101"],
                "countries": ["TR", "UZ"], "quantity": 500.0, "unit": "t", "incoterms": ["FCA"],
                "certifications": [], "valid_until": None}
        data.update(overrides)
        opportunity = save_opportunity(None, company, data)
        opportunity.ref = overrides.get("ref")
        opportunity.status = overrides.get("status", opportunity.status)
        db.session.commit()
        return opportunity

    return make


@pytest.fixture
def count_queries(app):
    """The SQL statements the app sends while the block runs (lazy loads included)."""
    from contextlib import contextmanager

    from sqlalchemy import event

    from app.extensions import db

    @contextmanager
    def counting():
        seen = []
        with app.app_context():
            engine = db.engine

        def count(*args):
            seen.append(1)

        event.listen(engine, "before_cursor_execute", count)
        try:
            yield seen
        finally:
            event.remove(engine, "before_cursor_execute", count)

    return counting


def login(client, email="user@example.org", password="correct horse battery"):
    return client.post("/account/login", data={"email": email, "password": password})


@pytest.fixture
def runner_app(app):
    """The app for CLI commands: each invoke pushes its own context, so expire what the test's session holds."""
    yield app
    db.session.expire_all()


@pytest.fixture
def embedding_on(app):
    """Saves embed at once (eager jobs, the small hashing embedder), as the background worker would."""
    app.config["EMBED_ON_COMMIT"] = True
    yield
    app.config["EMBED_ON_COMMIT"] = False


@pytest.fixture
def no_goods_names(monkeypatch, tmp_path):
    """The thesaurus without the shipped names of goods, plants and fields (search/data/goods.tsv, plants.tsv,
    categories.tsv): tests
    of other mechanisms (filters, the HS pivot, hybrid ranking) search product words the lexicon would otherwise
    widen."""
    from search import synonyms

    monkeypatch.setattr(synonyms, "GOODS", tmp_path / "no-goods.tsv")
    monkeypatch.setattr(synonyms, "PLANTS", tmp_path / "no-plants.tsv")
    monkeypatch.setattr(synonyms, "CATEGORIES", tmp_path / "no-categories.tsv")
    synonyms._thesaurus.cache_clear()
    yield
    synonyms._thesaurus.cache_clear()


def slow_builder(monkeypatch, owner, name: str) -> list:
    """`owner.name` replaced by a build that takes 0.2 s and returns a new object; the list counts the builds."""
    import time

    built = []

    def slow(*args, **kwargs):
        built.append(1)
        time.sleep(0.2)
        return object()

    monkeypatch.setattr(owner, name, slow)
    return built


def from_threads(call, n: int = 3) -> list:
    """What `call` returns in `n` threads started together."""
    import threading

    results = []
    threads = [threading.Thread(target=lambda: results.append(call())) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
