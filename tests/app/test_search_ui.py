import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.search_ui.models import SearchOutbox
from search.base import BackendUnavailable, SearchQuery
from tests.conftest import login


@pytest.fixture(autouse=True)
def _products_by_their_own_words(no_goods_names):
    """Product words of these tests are searched as typed, without the names of goods of the thesaurus."""


def _ids(backend, q="", **filters):
    result = backend.search(SearchQuery(q=q, filters=filters, per_page=100))
    return {hit.id for hit in result.hits}


def test_saves_reach_the_index_through_the_outbox(index, make_company, make_opportunity):
    company = make_company(name="Qazaq Astyq")
    offer = make_opportunity(company, title="Бидай ұны, бірінші сорт", language="kk",
                             description="Бидай ұны 50 кг қаптарда, Қостанай, FCA.")
    assert db.session.scalar(select(func.count(SearchOutbox.id))) == 0  # drained after commit
    assert f"opportunity:{offer.id}" in _ids(index, "бидай уны")  # Kazakh letters fold for a Russian layout
    assert f"opportunity:{offer.id}" in _ids(index, "bidai uny")  # and Latin script finds Cyrillic
    assert f"company:{company.id}" in _ids(index, "Qazaq Astyq")
    offer.status = "closed"
    db.session.commit()
    assert f"opportunity:{offer.id}" not in _ids(index, "бидай")


def test_backend_outage_loses_no_write(app, index, monkeypatch, make_company, make_opportunity):
    def down(*args, **kwargs):
        raise BackendUnavailable("connection refused")

    monkeypatch.setattr(type(index), "upsert", down)
    company = make_company()
    offers = [make_opportunity(company, title=f"Ferrosilicon FeSi75 lot {n}", hs_codes=["7202"]) for n in range(3)]
    rows = db.session.scalars(select(SearchOutbox)).all()
    assert len(rows) >= 4 and all(r.attempts >= 1 and r.last_error for r in rows)  # kept, with backoff
    assert not _ids(index, "ferrosilicon")
    monkeypatch.undo()
    for row in rows:  # the backoff has passed
        row.next_attempt_at = row.created_at
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["search", "sync"])
    assert "applied" in result.output, result.output
    db.session.expire_all()
    assert db.session.scalar(select(func.count(SearchOutbox.id))) == 0
    assert _ids(index, "ferrosilicon") == {f"opportunity:{o.id}" for o in offers}


def test_reindex_rebuilds_from_the_database(app, index, make_company, make_opportunity):
    company = make_company()
    offer = make_opportunity(company, title="Copper cathodes grade A", hs_codes=["7403"])
    index.clear()
    assert not _ids(index, "copper")
    result = app.test_cli_runner().invoke(args=["search", "reindex"])
    assert "2 documents indexed" in result.output
    assert _ids(index, "copper") == {f"opportunity:{offer.id}"}


def test_search_page_with_facets_and_highlights(client, index, make_company, make_opportunity):
    exporter = make_company(name="Oskemen Zinc")
    make_opportunity(exporter, title="Zinc ingots SHG 99.995%", hs_codes=["7901"], countries=["CN"])
    make_opportunity(exporter, title="Lead ingots", hs_codes=["7801"], countries=["TR"])
    page = client.get("/search/?q=zink ingots").get_data(as_text=True)  # a typo
    assert "<mark>Zinc</mark>" in page or "<mark>zinc</mark>" in page.lower()
    filtered = client.get("/search/?q=ingots&country=TR").get_data(as_text=True)
    assert 'data-total="1"' in filtered and "Lead <mark>ingots</mark>" in filtered and "Zinc ingots" not in filtered
    assert 'class="facet' in filtered
    assert '<a class="facet active" href="/search/?q=ingots">' in filtered  # the active filter's link drops it


def test_a_search_for_buyers_says_their_requests_come_first(client, index, make_company, make_opportunity):
    buyer, seller = make_company(name="Steppe Imports"), make_company(name="Altai Bal")
    request = make_opportunity(buyer, kind="request", title="Raw mountain honey wanted", hs_codes=["0409"])
    offer = make_opportunity(seller, title="Mountain honey in glass jars", hs_codes=["0409"])
    page = client.get("/search/?q=honey buyers").get_data(as_text=True)
    assert 'data-role="request"' in page and "their requests come first" in page
    assert page.index(f"/opportunities/{request.id}") < page.index(f"/opportunities/{offer.id}")
    assert 'href="/search/?q=honey+buyers&amp;kind=request"' in page  # the requests alone, one click away
    ru = client.get("/search/?q=honey buyers", headers={"Accept-Language": "ru"}).get_data(as_text=True)
    assert "сначала их запросы" in ru
    assert "data-role" not in client.get("/search/?q=honey").get_data(as_text=True)
    assert "data-role" not in client.get("/search/?q=honey buyers&kind=offer").get_data(as_text=True)


def test_search_api_shape_and_hs_prefix(client, index, make_company, make_opportunity):
    flour = make_opportunity(make_company(), title="Wheat flour", hs_codes=["110100"])
    body = client.get("/api/v1/search?q=1101").get_json()
    assert body["total"] == 1 and body["items"][0]["id"] == flour.id and body["items"][0]["type"] == "opportunity"
    assert set(body["items"][0]) == {"id", "ref", "type", "title", "score", "highlights"}
    assert "kind" in body["facets"]
    assert client.get("/api/v1/search?hs=11").get_json()["total"] == 1


def test_search_down_is_a_clear_message_not_a_crash(client, index, monkeypatch):
    def down(*args, **kwargs):
        raise BackendUnavailable("timeout")

    monkeypatch.setattr(type(index), "search", down)
    response = client.get("/search/?q=flour")
    assert response.status_code == 503 and "Search is unavailable" in response.get_data(as_text=True)
    assert client.get("/api/v1/search?q=flour").status_code == 503


def test_save_succeeds_when_search_is_down(client, index, monkeypatch, make_user, make_company):
    def down(*args, **kwargs):
        raise BackendUnavailable("connection refused")

    monkeypatch.setattr(type(index), "upsert", down)
    owner = make_user()
    company = make_company(owner)
    login(client)
    response = client.post(f"/opportunities/new?company_id={company.id}", data={
        "kind": "offer", "title": "Sunflower oil, refined", "description": "Refined deodorised sunflower oil, 1 l.",
        "language": "en", "countries": ["CN"], "hs_codes": "1512", "unit": ""})
    assert response.status_code == 302
    assert db.session.scalar(select(func.count(SearchOutbox.id))) >= 1


@pytest.mark.parametrize("q", ["flour", '"', "*"])
def test_search_pages_through_many_results(app, client, index, make_company, make_opportunity, q):
    company = make_company(name="Qostanai Astyq")
    for n in range(app.config["PAGE_SIZE"] * 2 + 1):
        make_opportunity(company, title=f"Wheat flour lot {n}", hs_codes=["1101"])
    for page in (1, 2, 3):
        response = client.get("/search/", query_string={"q": q, "page": page})
        assert response.status_code == 200, page
        assert f"Page {page} of 3" in response.get_data(as_text=True)


@pytest.mark.parametrize("q", ['"', "*", '"flour', "flour*", "(", "NOT", "AND flour", "-flour", "'", "\\",
                               ":", "^", "&|!", "<->", "title:flour", "NEAR(flour)", "\x00", "%_"])
def test_search_page_survives_query_syntax(client, index, make_company, make_opportunity, q):
    make_opportunity(make_company(), title="Wheat flour", hs_codes=["1101"])
    response = client.get("/search/", query_string={"q": q})
    assert response.status_code == 200, response.get_data(as_text=True)[-500:]
    assert client.get("/api/v1/search", query_string={"q": q}).status_code == 200


def test_an_empty_answer_offers_the_listings_closest_in_meaning(app, client, index, make_company, make_opportunity):
    """Nothing matches the words and nothing passes the meaning floor: the page says so, then shows the nearest
    listings under their own heading rather than a dead end."""
    from app.jobs import run_job

    company = make_company(name="KazKor Trading")
    make_opportunity(company, title="Refurbished laptops and servers", description="Dell, HP; Almaty warehouse.")
    run_job(app, "embed")  # the listing's vector reaches the index
    page = client.get("/search/", query_string={"q": "ноутбуки"}).get_data(as_text=True)
    assert 'data-total="0"' in page and "Nothing matches these words." in page
    assert "Close in meaning" in page and "Refurbished laptops and servers" in page


def test_an_answer_found_with_fewer_words_says_which_words_on_the_page_and_in_the_api(client, index, make_company,
                                                                                      make_opportunity):
    """No listing holds "frozen" and "<chicken>" together: the page and the API say the results are those of
    "frozen", as typed (the typed text is escaped); an answer holding every word says nothing of it."""
    company = make_company(name="Balkhash Fish")
    offer = make_opportunity(company, title="Frozen zander fillet", description="IQF, 5 kg boxes, FCA Almaty.")
    page = client.get("/search/", query_string={"q": "frozen <chicken>"}).get_data(as_text=True)
    assert f"/opportunities/{offer.id}" in page
    assert 'data-searched="frozen"' in page
    assert "Showing results for “frozen”." in page and "<chicken>" not in page
    body = client.get("/api/v1/search", query_string={"q": "frozen chicken"}).get_json()
    assert body["searched"] == "frozen" and body["items"][0]["id"] == offer.id
    assert client.get("/api/v1/search", query_string={"q": "frozen zander"}).get_json()["searched"] is None
    assert client.get("/api/v1/search", query_string={"q": "«Frozen» chicken"}).get_json()["searched"] == "Frozen"
    whole = client.get("/search/", query_string={"q": "frozen zander"}).get_data(as_text=True)
    assert "data-searched" not in whole


def test_the_note_on_fewer_words_is_translated(client, index, make_company, make_opportunity):
    make_opportunity(make_company(), title="Frozen zander fillet", description="IQF, 5 kg boxes.")
    page = client.get("/search/", query_string={"q": "frozen chicken"},
                      headers={"Accept-Language": "ru"}).get_data(as_text=True)
    assert "Показаны результаты по «frozen»." in page
