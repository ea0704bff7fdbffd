"""The per-process matcher takes in changes by increments: built once, then only changed listings move."""
import gc
from datetime import timedelta

import pytest
from sqlalchemy import update

from app.extensions import db
from app.matches import live, services
from app.opportunities.models import Opportunity
from app.profiles.models import Company
from matching.engine import Matcher


@pytest.fixture
def builds(monkeypatch):
    """Counts whole builds of the site's matcher (the embed job's own matcher, with an HS inferrer, aside)."""
    services._live.forget()
    made = []
    original = Matcher.__init__

    def counting(self, embedder, hs_inferrer=None, *args, **kwargs):
        if hs_inferrer is None:
            made.append(1)
        original(self, embedder, hs_inferrer, *args, **kwargs)

    monkeypatch.setattr(Matcher, "__init__", counting)
    yield made
    services._live.forget()


@pytest.fixture
def market(embedding_on, make_user, make_company, make_opportunity):
    exporter = make_company(make_user(email="exporter@example.kz", role="exporter"), name="Tobol Diirmen")
    buyer = make_company(make_user(email="buyer@example.com.tr"), name="Anatolia Un", kind="diaspora",
                         country="TR", description="Istanbul flour importer for bakeries.")
    offer = make_opportunity(exporter, title="Wheat flour, first grade")
    copper = make_opportunity(exporter, title="Copper cathodes grade A", hs_codes=["7403"],
                              description="LME grade A copper cathodes, 25 t lots, CIF Shanghai.")
    request = make_opportunity(buyer, kind="request", title="Wheat flour wanted", hs_codes=[],
                               description="Wheat flour, first grade, 50 kg bags, 500 t a month, Istanbul.")
    return locals()


def _suggested(request_id: int) -> list[int]:
    found, pending = services.matcher()
    assert ("opportunity", request_id) not in pending
    return [m.id for m in found.match_opportunity(request_id, limit=5)]


def test_an_edit_moves_one_listing_and_never_rebuilds(app, market, builds, make_opportunity):
    request, offer = market["request"], market["offer"]
    assert _suggested(request.id)[0] == offer.id
    assert builds == [1]
    offer.title = "Вольфрамовая руда / tungsten ore"
    offer.description = "Tungsten concentrate WO3 65%, big bags."
    db.session.commit()  # the eager embed job stores the new vector
    _suggested(request.id)
    held = services._live._held
    assert held.matcher.get(offer.id)["title"] == "Вольфрамовая руда / tungsten ore"
    added = make_opportunity(market["exporter"], title="Premium wheat flour", description="Wheat flour 50 kg.")
    assert added.id in _suggested(request.id)
    assert builds == [1]  # still the first build
    assert live.catch_up(held) == 0  # nothing changed since


def test_a_look_with_nothing_changed_is_one_statement(app, market, builds, count_queries):
    """The rows stamped since the last look and both counts come in one statement; nothing else is read."""
    _suggested(market["request"].id)
    held = services._live._held
    with count_queries() as statements:
        assert live.catch_up(held) == 0
    assert len(statements) == 1


def test_deleted_and_hidden_listings_leave_the_index(app, market, builds):
    request, offer, copper = market["request"], market["offer"], market["copper"]
    _suggested(request.id)
    db.session.delete(offer)
    db.session.commit()
    found, _ = services.matcher()
    with pytest.raises(KeyError):
        found.get(offer.id)
    market["exporter"].is_hidden = True
    db.session.commit()
    assert services.matcher()[0].get(copper.id)["status"] == "hidden"  # the company brought its listing along
    assert builds == [1]


def test_late_commits_with_older_stamps_are_still_seen(app, market, builds):
    request, offer = market["request"], market["offer"]
    _suggested(request.id)
    held = services._live._held
    # a transaction that stamped its row before the previous look began, and committed only now
    db.session.execute(update(Opportunity).where(Opportunity.id == offer.id).values(
        quantity=42.0, updated_at=held.looked_at - timedelta(seconds=10)))
    db.session.commit()
    assert services.matcher()[0].get(offer.id)["quantity"] == 42.0
    # far older than the slack: a new row is found by the count, an old one gone by the count too
    company = db.session.get(Company, market["exporter"].id)
    old = held.looked_at - live.SLACK * 3
    db.session.add(Company(name="Old Import LLP", kind="exporter", country="KZ", created_at=old, updated_at=old,
                           sectors=[], languages=[]))
    db.session.commit()
    found, pending = services.matcher()
    assert len([k for k in held.stamps if k[0] == "company"]) == 3
    assert company.id and builds == [1]


def test_the_warm_up_builds_the_heading_words_even_when_the_matcher_fails(app, monkeypatch, caplog):
    from app.opportunities import hs_suggest
    from search import synonyms

    def broken():
        raise RuntimeError("database away")

    monkeypatch.setattr(services, "matcher", broken)
    hs_suggest._heading_words.cache_clear()
    synonyms._thesaurus.cache_clear()
    try:
        services._warm_up(app)
        assert gc.get_freeze_count() > 0  # what it built is left out of later collections
    finally:
        gc.unfreeze()
    assert hs_suggest._heading_words.cache_info().currsize == 1  # built outside any request
    assert synonyms._thesaurus.cache_info().currsize == 1
    assert "broken could not be built ahead" in caplog.text


def test_the_warm_up_loads_the_hs_inferrer_once_the_embed_job_has_cached_its_vectors(app, monkeypatch, tmp_path):
    """Not before (the warm-up embeds nothing), and then with the goods names' rows, outside any request."""
    from app.opportunities import hs_suggest

    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    monkeypatch.setattr(hs_suggest, "_inferrers", {})
    with app.app_context():
        services.hs_inference()
        model = hs_suggest.inferrer()
        assert not model.is_ready() and model._matrix is None
        model.warm()  # as the embed job does: the vectors are cached in the instance folder
        monkeypatch.setattr(hs_suggest, "_inferrers", {})
        services.hs_inference()
        fresh = hs_suggest.inferrer()
        assert fresh is not model and fresh._matrix is not None and fresh._goods is not None
