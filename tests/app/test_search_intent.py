"""A query typed as a request through the site (search.intent): embedded and pivoted without its "we need"."""
from app.search_ui import services


def _refs(client, q):
    response = client.get("/api/v1/search", query_string={"q": q, "per_page": 10})
    assert response.status_code == 200
    return [(item["type"], item["id"]) for item in response.get_json()["items"]]


def test_a_need_is_embedded_and_pivoted_by_what_is_needed(app, client, index, monkeypatch):
    seen = []
    embed, pivot = services.query_vector, services.query_pivot
    monkeypatch.setattr(services, "query_vector", lambda q: seen.append(("vector", q)) or embed(q))
    monkeypatch.setattr(services, "query_pivot", lambda q, v: seen.append(("pivot", q)) or pivot(q, v))
    _refs(client, "нужен экспедитор по Китаю")
    _refs(client, "экспедитор")
    assert seen == [("vector", "экспедитор по Китаю"), ("pivot", "экспедитор по Китаю"),
                    ("vector", "экспедитор"), ("pivot", "экспедитор")]


def test_the_forwarders_come_before_the_others_who_need_one(app, client, index, make_company, make_opportunity):
    shipper = make_company(name="Urumqi Trade", kind="diaspora", country="CN", description="Импорт и экспорт.")
    forwarder = make_company(name="Dostyk Transit", description="Экспедитор: ж/д перевозки Китай - Казахстан.")
    need = make_opportunity(shipper, kind="request", title="Нужен экспедитор для контейнеров", language="ru",
                            hs_codes=[], description="Урумчи - Алматы, 10 контейнеров в месяц.")
    offer = make_opportunity(forwarder, title="Экспедитор: контейнеры из Китая", language="ru", hs_codes=[],
                             description="Ж/д и авто, таможенное оформление в Хоргосе.")
    found = _refs(client, "нужен экспедитор")
    assert found.index(("opportunity", offer.id)) < found.index(("opportunity", need.id))
    assert ("company", forwarder.id) in found[:found.index(("opportunity", need.id))]


def test_the_search_page_says_the_offers_come_first(client, index, make_company, make_opportunity):
    shipper, forwarder = make_company(name="Urumqi Trade", kind="diaspora"), make_company(name="Dostyk Transit")
    make_opportunity(shipper, kind="request", title="Нужен экспедитор для контейнеров", language="ru", hs_codes=[])
    make_opportunity(forwarder, title="Экспедитор: контейнеры из Китая", language="ru", hs_codes=[])
    page = client.get("/search/?q=нужен экспедитор").get_data(as_text=True)
    assert 'data-role="offer"' in page and "their offers come first" in page
    assert 'kind=offer"' in page  # the offers alone, one click away
    assert "data-role" not in client.get("/search/?q=экспедитор").get_data(as_text=True)
    assert "data-role" not in client.get("/search/?q=нужен экспедитор&kind=request").get_data(as_text=True)
