"""`make run` loads the demo marketplace into an empty database: it must import cleanly and be usable."""
from sqlalchemy import func, select

from app.extensions import db
from app.matches import embedding
from app.matches.models import Embedding
from app.opportunities.models import Opportunity
from app.profiles.models import Company
from matching.embedders import E5Embedder
from matching.shipped import ShippedFirstEmbedder, ShippedVectors
from tests.conftest import login


def test_demo_load_fills_an_empty_database_once(runner_app, client):
    runner = runner_app.test_cli_runner()
    out = runner.invoke(args=["demo", "load"]).output
    assert "0 rows rejected" in out and "6 demo accounts" in out, out
    companies = db.session.scalar(select(func.count(Company.id)))
    opportunities = db.session.scalar(select(func.count(Opportunity.id)))
    assert companies >= 300 and opportunities >= 600
    assert "vectors: done" in out  # stored by the load itself: suggestions need no later job
    assert db.session.scalar(select(func.count(Embedding.id))) == companies + opportunities
    assert "already has companies" in runner.invoke(args=["demo", "load"]).output
    assert db.session.scalar(select(func.count(Company.id))) == companies
    assert login(client, "organiser@demo.atameken.kz", "atameken-demo-2027").status_code == 302
    assert client.get("/search/?q=мука").status_code == 200


class NoModel(E5Embedder):
    """The bundled model's id, but asking it to embed anything fails the test."""

    def _run(self, texts, query):
        assert not texts, f"the model was asked for {len(texts)} texts, e.g. {list(texts)[:2]}"
        return super()._run(texts, query)


def test_demo_load_takes_every_vector_from_the_shipped_file(runner_app, client, monkeypatch):
    """Under the bundled model the demo texts and the HS nomenclature are shipped: `make run` needs no model.

    Fails when the demo data or the HS texts changed without `make vectors`."""
    shipped = ShippedFirstEmbedder(NoModel(), ShippedVectors.load([embedding.SHIPPED]))
    monkeypatch.setitem(embedding._embedders, "e5", shipped)
    monkeypatch.setitem(runner_app.config, "EMBEDDING_MODEL", "e5")
    monkeypatch.setitem(runner_app.config, "SEARCH_SEMANTIC_RATIO", 0.0)  # search queries are not shipped
    out = runner_app.test_cli_runner().invoke(args=["demo", "load"]).output
    assert "vectors: done" in out, out
    request = db.session.scalar(select(Opportunity).where(Opportunity.kind == "request").order_by(Opportunity.id))
    body = client.get(f"/api/v1/opportunities/{request.id}/matches?limit=5").get_json()
    assert body["pending"] is False and len(body["items"]) == 5
    assert any(o.hs_inferred for o in db.session.scalars(select(Opportunity)))  # HS vectors were there too
