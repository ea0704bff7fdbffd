import pytest
from sqlalchemy import select

from app.extensions import db
from app.jobs import JOBS, run_job
from app.matches.models import Embedding, JobRun
from tests.conftest import login

FLOUR_RU = "Мука пшеничная первого сорта, мешки 50 кг, клейковина 28%, поставка в Турцию, FCA Костанай."


@pytest.fixture
def market(embedding_on, make_user, make_company, make_opportunity):
    exporter = make_company(make_user(email="exporter@example.kz", role="exporter"), name="Tobol Diirmen",
                            languages=["kk", "ru", "tr"])
    buyer_owner = make_user(email="buyer@example.com.tr")
    buyer = make_company(buyer_owner, name="Anatolia Un", kind="diaspora", country="TR", languages=["tr", "ru"],
                         sectors=["flour-milling"], description="Istanbul flour importer for bakeries.")
    other = make_company(name="Copper House", country="CN", kind="diaspora", languages=["zh", "en"])
    flour_offer = make_opportunity(exporter, title="Мука пшеничная первого сорта", description=FLOUR_RU,
                                   language="ru", hs_codes=["1101"], countries=["TR"])
    copper_offer = make_opportunity(exporter, title="Copper cathodes grade A", hs_codes=["7403"],
                                    description="LME grade A copper cathodes, 25 t lots, CIF Shanghai.",
                                    countries=["CN"])
    request = make_opportunity(buyer, kind="request", title="Buğday unu alıyoruz / wheat flour wanted",
                               description="Wheat flour, first grade, 50 kg bags, 500 t a month, delivery Istanbul.",
                               language="en", hs_codes=[], countries=["TR"])
    own_offer = make_opportunity(buyer, title="Wheat flour resale lot", hs_codes=["1101"], countries=["TR"],
                                 description="Wheat flour 50 kg bags, first grade, resale lot.")
    closed = make_opportunity(exporter, title="Wheat flour premium, closed lot", hs_codes=["1101"],
                              countries=["TR"], description="Premium wheat flour 50 kg bags for Turkey.",
                              status="closed")
    copper_request = make_opportunity(other, kind="request", title="Copper cathodes wanted", hs_codes=["7403"],
                                      countries=["CN"], description="We buy copper cathodes, CIF Shanghai.")
    return locals()


def _ids(items):
    return [(i["type"], i["id"]) for i in items]


def test_request_gets_flour_offer_with_reasons_and_no_exclusions(client, market):
    body = client.get(f"/api/v1/opportunities/{market['request'].id}/matches?limit=10").get_json()
    assert body["pending"] is False
    ids = _ids(body["items"])
    assert ids[0] == ("opportunity", market["flour_offer"].id)
    assert ("opportunity", market["own_offer"].id) not in ids  # same company
    assert ("opportunity", market["closed"].id) not in ids  # closed
    assert all(i["type"] == "opportunity" for i in body["items"])
    assert not {("opportunity", market["copper_request"].id)} & set(ids)  # same kind never
    top = body["items"][0]
    codes = [r["code"] for r in top["reasons"]]
    assert "target_market" in codes and all(r["text"] for r in top["reasons"])
    assert set(top) == {"id", "ref", "type", "title", "score", "reasons"}


def test_dismissed_suggestion_is_never_shown_again(client, market):
    login(client, "buyer@example.com.tr")
    request, flour = market["request"], market["flour_offer"]
    response = client.post("/matches/feedback", data={"source_type": "opportunity", "source_id": request.id,
                                                      "target_type": "opportunity", "target_id": flour.id,
                                                      "verdict": "dismissed"})
    assert response.status_code == 302
    ids = _ids(client.get(f"/api/v1/opportunities/{request.id}/matches").get_json()["items"])
    assert ("opportunity", flour.id) not in ids


def test_feedback_only_by_the_owner(client, market):
    login(client, "exporter@example.kz")
    response = client.post("/matches/feedback", data={"source_type": "opportunity", "source_id": market["request"].id,
                                                      "target_type": "opportunity",
                                                      "target_id": market["flour_offer"].id, "verdict": "dismissed"})
    assert response.status_code == 403


def test_company_suggestions_exclude_own_company(client, market):
    login(client, "buyer@example.com.tr")
    body = client.get(f"/api/v1/companies/{market['buyer'].id}/matches").get_json()
    ids = _ids(body["items"])
    assert ids and ("company", market["buyer"].id) not in ids
    assert ("opportunity", market["own_offer"].id) not in ids
    page = client.get("/dashboard").get_data(as_text=True)
    assert "Suggested for you" in page and "Tobol Diirmen" in page or "Мука пшеничная" in page


def test_reasons_in_the_interface_language(client, market):
    client.get("/lang/ru")
    page = client.get(f"/opportunities/{market['request'].id}").get_data(as_text=True)
    assert "Мука пшеничная первого сорта" in page
    assert "Целевые рынки" in page or "Нацелено на" in page or "Турция" in page


def test_only_changed_texts_are_embedded_again(app, market, make_opportunity):
    first = {(e.owner_type, e.owner_id): e.text_hash for e in db.session.scalars(select(Embedding))}
    assert ("opportunity", market["request"].id) in first
    db.session.commit()  # end this session's read snapshot before other connections write
    again = run_job(app, "embed")
    assert again.status == "done" and again.detail.startswith("0 embedded")
    market["request"].description += " Also 25 kg bags."
    db.session.commit()
    changed = db.session.scalars(select(JobRun).where(JobRun.name == "embed").order_by(JobRun.id.desc())).first()
    assert changed.detail.startswith("1 embedded")


def test_pending_until_the_job_has_run(app, client, make_company, make_opportunity):
    offer = make_opportunity(make_company())  # EMBED_ON_COMMIT is off here: nothing embedded yet
    app.config["JOBS_EAGER"] = False
    try:
        body = client.get(f"/api/v1/opportunities/{offer.id}/matches").get_json()
    finally:
        app.config["JOBS_EAGER"] = True
    assert body == {"items": [], "pending": True}
    assert "Suggestions are being computed" in client.get(f"/opportunities/{offer.id}").get_data(as_text=True)


def test_failing_job_is_retried_then_reported(app, monkeypatch):
    calls = []

    def flaky():
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("model worker crashed")
        return "recovered"

    monkeypatch.setitem(JOBS, "flaky", flaky)
    run = run_job(app, "flaky")
    assert (run.status, run.attempts, run.detail) == ("done", 2, "recovered")

    def broken():
        raise RuntimeError("disk full")

    monkeypatch.setitem(JOBS, "broken", broken)
    run = run_job(app, "broken")
    assert run.status == "failed" and run.attempts == 3 and "disk full" in run.detail
    stored = db.session.scalar(select(JobRun).where(JobRun.name == "broken"))
    assert stored.status == "failed"


def test_hs_code_inferred_for_a_listing_without_codes(market):
    db.session.refresh(market["request"])
    assert market["request"].hs_inferred is not None  # looked at; a code only when the model is sure
