"""The embed job takes only what changed: it reads and embeds the edited listings, not the whole tables, and
loses nothing when vectors vanish behind its back or a run fails."""
import pytest
from sqlalchemy import delete, func, select

from app.extensions import db
from app.jobs import run_job
from app.matches.listings import opportunity_listing
from app.matches.models import Embedding
from matching.documents import listing_text
from matching.embedders import text_hash
from matching.engine import Matcher
from matching.store import ListingStore


@pytest.fixture
def listings_read(monkeypatch):
    """The keys of every listing put into a matcher (each one read from the database and prepared)."""
    seen = []
    original = ListingStore.upsert

    def spy(self, listing, embedding=None):
        seen.append((listing.get("type", "opportunity"), listing["id"]))
        return original(self, listing, embedding)

    monkeypatch.setattr(ListingStore, "upsert", spy)
    return seen


def _stored() -> int:
    return db.session.scalar(select(func.count(Embedding.id)))


def test_a_later_run_reads_and_embeds_only_the_edited_listing(app, make_company, make_opportunity, listings_read,
                                                              monkeypatch):
    company = make_company(name="Tobol Diirmen")
    offers = [make_opportunity(company, title=f"Wheat flour lot {i}", hs_codes=[],
                               description=f"First grade wheat flour, 50 kg bags, lot {i}.") for i in range(6)]
    first = run_job(app, "embed")
    assert first.detail.startswith("7 embedded"), first.detail  # the company and its six offers
    assert _stored() == 7
    db.session.commit()
    # the next run takes in the vectors the first one wrote (their rows changed), and embeds nothing
    assert run_job(app, "embed").detail.startswith("0 embedded")
    embedded = []
    original = Matcher.ensure_embedded

    def counting(self):
        new = original(self)
        embedded.append(set(new))
        return new

    monkeypatch.setattr(Matcher, "ensure_embedded", counting)
    offers[2].description += " Also 25 kg bags."
    db.session.commit()
    listings_read.clear()
    run = run_job(app, "embed")
    assert run.status == "done" and run.detail.startswith("1 embedded"), run.detail
    assert embedded == [{("opportunity", offers[2].id)}]
    # what the job read and prepared after the edit: the edited offer (caught up, then embedded), nothing else
    assert set(listings_read) == {("opportunity", offers[2].id)}
    assert _stored() == 7


def test_vectors_deleted_behind_the_jobs_back_are_embedded_again(app, make_company, make_opportunity):
    company = make_company(name="Copper House")
    make_opportunity(company, title="Copper cathodes", description="Grade A copper cathodes, CIF Shanghai.")
    run_job(app, "embed")
    assert _stored() == 2
    db.session.execute(delete(Embedding))  # as `flask matching reindex --all` does
    db.session.commit()
    run = run_job(app, "embed")
    assert run.detail.startswith("2 embedded"), run.detail
    assert _stored() == 2


def test_a_failed_run_loses_no_edit(app, make_company, make_opportunity, monkeypatch):
    from app.matches import embedding

    company = make_company(name="Anatolia Un")
    offer = make_opportunity(company, title="Wheat flour", description="Wheat flour, first grade.")
    run_job(app, "embed")
    offer.description = "Durum wheat semolina, 25 kg bags."
    db.session.commit()
    monkeypatch.setattr(embedding, "_remove_orphans", lambda: 1 / 0)
    failed = run_job(app, "embed")
    assert failed.status == "failed"
    monkeypatch.undo()
    run = run_job(app, "embed")
    assert run.status == "done" and run.detail.startswith("1 embedded"), run.detail
    db.session.expire_all()
    stored = db.session.scalar(select(Embedding.text_hash).where(Embedding.owner_type == "opportunity",
                                                                Embedding.owner_id == offer.id))
    assert stored == text_hash(listing_text(opportunity_listing(db.session.get(type(offer), offer.id))))


def test_deleted_listing_loses_its_vector(app, make_company, make_opportunity):
    company = make_company(name="Steppe Wool")
    offer = make_opportunity(company, title="Sheep wool", description="Washed sheep wool, 20 t.")
    run_job(app, "embed")
    assert _stored() == 2
    db.session.delete(offer)
    db.session.commit()
    run = run_job(app, "embed")
    assert run.detail.endswith("1 removed"), run.detail
    assert _stored() == 1
