import json

import pytest

CONTACTS = ("sales@tobol.example.kz", "+7 714 200 0000", "tobol.example.kz")


@pytest.fixture
def market(make_user, make_company, make_opportunity):
    exporter = make_company(make_user(email="owner@example.org"), ref="c-1")
    buyer = make_company(name="Anatolia Un", kind="diaspora", country="TR", ref="c-2", email="buy@anatolia.example")
    flour = make_opportunity(exporter, title="Wheat flour", hs_codes=["110100"], countries=["TR"])
    copper = make_opportunity(exporter, title="Copper cathodes", hs_codes=["7403"], countries=["CN"])
    request = make_opportunity(buyer, kind="request", title="We buy flour", hs_codes=["1101"], countries=["TR"])
    hidden = make_opportunity(exporter, title="Closed lot")
    hidden.status = "closed"
    from app.extensions import db

    db.session.commit()
    return {"exporter": exporter, "buyer": buyer, "flour": flour, "copper": copper, "request": request}


def test_lists_page_and_filter(client, market):
    body = client.get("/api/v1/opportunities?per_page=2").get_json()
    assert body["total"] == 3 and body["page"] == 1 and body["per_page"] == 2 and len(body["items"]) == 2
    hs = client.get("/api/v1/opportunities?hs=1101").get_json()
    assert {i["title"] for i in hs["items"]} == {"Wheat flour", "We buy flour"}
    offers_tr = client.get("/api/v1/opportunities?kind=offer&country=TR").get_json()
    assert [i["title"] for i in offers_tr["items"]] == ["Wheat flour"]
    by_ref = client.get("/api/v1/companies?ref=c-2").get_json()
    assert by_ref["total"] == 1 and by_ref["items"][0]["id"] == market["buyer"].id


def test_detail_carries_id_and_ref(client, market):
    body = client.get(f"/api/v1/opportunities/{market['flour'].id}").get_json()
    assert body["id"] == market["flour"].id and body["hs_codes"] == ["110100"] and body["company"]["ref"] == "c-1"
    assert client.get(f"/api/v1/companies/{market['exporter'].id}").get_json()["ref"] == "c-1"


def test_per_page_is_capped_and_bad_filters_answer_422(client, market):
    assert client.get("/api/v1/opportunities?per_page=500").status_code == 422
    assert client.get("/api/v1/opportunities?hs=abc").status_code == 422
    assert client.get("/api/v1/opportunities/99999").status_code == 404


def test_api_never_leaks_contact_details(client, market):
    pages = [client.get(url).get_data(as_text=True) for url in (
        "/api/v1/companies", f"/api/v1/companies/{market['exporter'].id}", "/api/v1/opportunities",
        f"/api/v1/opportunities/{market['flour'].id}")]
    for page in pages:
        for secret in CONTACTS + ("buy@anatolia.example",):
            assert secret not in page
    for item in client.get("/api/v1/companies").get_json()["items"]:
        assert not {"email", "phone", "website"} & set(item)


def test_openapi_document(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["info"]["title"] == "Atameken Match API"
    assert "/api/v1/opportunities" in spec["paths"] and "/api/v1/companies/{company_id}" in spec["paths"]
    assert "email" not in json.dumps(spec["components"]["schemas"]["Company"])


@pytest.mark.parametrize("url", ["/api/v1/opportunities?per_page=50", "/opportunities/", "/"])
def test_opportunity_lists_do_not_query_per_listing(client, make_company, make_opportunity, count_queries, url):
    """Codes, countries and company of a page's listings come in a fixed number of queries, not one per row:
    under load the per-row queries were most of the list pages' time (docs/benchmarks.md)."""
    exporter = make_company(ref="c-q")
    make_opportunity(exporter, title="Wheat flour lot", hs_codes=["110100"], countries=["TR"])
    client.get(url)
    with count_queries() as few:
        assert client.get(url).status_code == 200
    for number in range(6):
        make_opportunity(exporter, title=f"Barley lot {number}", hs_codes=["1003"], countries=["CN", "TR"])
    with count_queries() as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)
