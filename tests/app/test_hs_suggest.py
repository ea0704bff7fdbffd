"""HS code suggestions: the API, the offer form's panel and HS names in the interface language."""
from pathlib import Path

import pytest

from app.opportunities import hs_suggest
from tests.app.test_opportunities import GOOD
from tests.conftest import from_threads, login, slow_builder

URL = "/api/v1/hs/suggest"


@pytest.mark.parametrize("query, argument", [
    ("", "q"), ("?q=", "q"), ("?q=%20%20", "q"), ("?q=" + "x" * 201, "q"),
    ("?q=wheat&limit=0", "limit"), ("?q=wheat&limit=21", "limit"), ("?q=wheat&limit=five", "limit"),
    ("?q=wheat&title=" + "x" * 301, "title"),
])
def test_bad_arguments_answer_400_json_naming_the_argument(client, query, argument):
    response = client.get(URL + query)
    assert response.status_code == 400
    body = response.get_json()
    assert body["code"] == 400 and body["status"] and argument in body["errors"]["query"]


def test_digits_list_the_codes_that_start_with_them(client):
    items = client.get(URL + "?q=1101").get_json()["items"]
    assert [i["code"] for i in items] == ["1101", "110100"]
    assert items[0] == {"code": "1101", "name": "Wheat or meslin flour", "score": 1.0}
    assert [i["code"] for i in client.get(URL + "?q=10 01&limit=3").get_json()["items"]] == [
        "1001", "100111", "100119"]


@pytest.mark.parametrize("lang, name", [
    ("ru", "Пшеница и меслин"), ("kk", "Бидай және меслин"), ("en", "Wheat and meslin")])
def test_names_follow_the_interface_language(client, lang, name):
    items = client.get(URL + "?q=1001&limit=1", headers={"Accept-Language": lang}).get_json()["items"]
    assert items == [{"code": "1001", "name": name, "score": 1.0}]


@pytest.fixture
def no_cached_nomenclature(app, monkeypatch, tmp_path):
    """An empty instance cache and no inferrer in this process (other tests may have left both)."""
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    hs_suggest._inferrers.clear()
    yield
    hs_suggest._inferrers.clear()


def test_words_rank_headings_before_the_nomenclature_vectors_exist(client, app, no_cached_nomenclature):
    assert not hs_suggest.inferrer().is_ready()
    items = client.get(URL + "?q=пшеница&limit=5", headers={"Accept-Language": "ru"}).get_json()["items"]
    # by the Russian heading name and the goods index's "пшеница"
    assert items[0]["code"] == "1001" and items[0]["name"] == "Пшеница и меслин"
    assert items[0]["score"] > items[1]["score"] > 0
    codes = [i["code"] for i in client.get(URL + "?q=wheat flour").get_json()["items"]]
    assert codes[0] == "1101" and len(codes) <= 5
    assert not hs_suggest.inferrer().is_ready()  # a request never embeds the nomenclature


def test_descriptions_use_the_inference_once_the_vectors_are_cached(client, app, no_cached_nomenclature):
    hs_suggest.inferrer().warm()  # what the embed job does
    assert list((Path(app.instance_path) / "cache").glob("hs2022_*.npz"))
    body = client.get(URL + "?q=Wheat or meslin flour&limit=3").get_json()
    assert len(body["items"]) == 3 and body["items"][0]["code"] == "1101"
    assert body["items"][0]["score"] >= body["items"][1]["score"]


def test_openapi_documents_the_endpoint(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    params = {p["name"] for p in spec["paths"]["/api/v1/hs/suggest"]["get"]["parameters"]}
    assert {"q", "limit"} <= params


def test_offer_form_offers_suggestions_and_still_takes_typed_codes(client, make_user, make_company):
    company = make_company(make_user())
    login(client)
    page = client.get(f"/opportunities/new?company_id={company.id}").get_data(as_text=True)
    assert "data-hs-suggest hidden" in page and 'data-url="/api/v1/hs/suggest"' in page and "hs_suggest.js" in page
    typed = {**GOOD, "hs_codes": "1101"}  # no JavaScript: the code typed by hand is taken as before
    assert client.post(f"/opportunities/new?company_id={company.id}", data=typed).status_code == 302


def test_opportunity_page_names_codes_in_kazakh_and_russian(client, make_user, make_company, make_opportunity):
    offer = make_opportunity(make_company(make_user()), hs_codes=["1001"])
    for lang, name in (("ru", "Пшеница и меслин"), ("kk", "Бидай және меслин")):
        page = client.get(f"/opportunities/{offer.id}", headers={"Accept-Language": lang}).get_data(as_text=True)
        assert name in page


def test_the_names_words_weigh_in_next_to_the_meaning(client, app, no_cached_nomenclature):
    hs_suggest.inferrer().warm()
    model = hs_suggest.inferrer()
    assert model.words is hs_suggest.heading_words() and model.word_weight == hs_suggest.WORD_WEIGHT > 0
    q = "нут сушёный"  # the test embedder knows no Russian: only the words of 0713's Russian names can find it
    items = client.get(URL + f"?q={q}&limit=3", headers={"Accept-Language": "ru"}).get_json()["items"]
    assert items[0]["code"] == "0713" and items[0]["name"].startswith("Овощи бобовые")
    meaning_only = model.embedder.embed_queries([q])
    headings, scores = model.heading_scores(meaning_only)
    assert items[0]["score"] > scores[0][headings.index("0713")] + 0.9 * hs_suggest.WORD_WEIGHT


@pytest.mark.parametrize("ready", [True, False])
def test_the_title_alone_gives_the_words(client, app, no_cached_nomenclature, ready):
    """An offer's description names bags and a port; with `title=` only the goods' name meets the headings'
    names (meaning from the whole text once the vectors exist; words alone before)."""
    if ready:
        hs_suggest.inferrer().warm()
    q = "Нут сушеный. Мешки полипропиленовые 25 кг, отгрузка из порта Актау, контейнеры"

    def codes(extra=None):
        response = client.get(URL, query_string={"q": q, "limit": 5, **(extra or {})})
        assert response.status_code == 200
        return [item["code"] for item in response.get_json()["items"]]

    plain, titled = codes(), codes({"title": "Нут сушеный"})
    assert titled[0] == "0713"
    assert plain[0] != "0713"  # the description's words lead elsewhere
    assert codes({"title": "  "}) == plain  # a blank title is no title


def test_a_goods_name_of_the_index_is_given_as_the_reason(client, app, no_cached_nomenclature):
    items = client.get(URL + "?q=Самосвал 25 тонн, 6x4", headers={"Accept-Language": "ru"}).get_json()["items"]
    assert items[0]["code"] == "8704" and items[0]["goods"] == "самосвал"
    assert all("goods" not in item for item in client.get(URL + "?q=8704").get_json()["items"])  # typed digits


def test_callers_during_the_build_wait_for_it_instead_of_building_again(monkeypatch):
    built = slow_builder(monkeypatch, hs_suggest, "HeadingWords")
    hs_suggest._heading_words.cache_clear()
    try:
        results = from_threads(hs_suggest.heading_words)
        assert len(built) == 1 and len({id(r) for r in results}) == 1
    finally:
        hs_suggest._heading_words.cache_clear()


def test_the_heading_words_are_kept_built_in_the_instance_folder(app, monkeypatch, tmp_path):
    """Each worker loads them from there instead of building them (docs/benchmarks.md, "The site under load")."""
    from matching import hs
    from search import hs_words
    from tests.search.test_hs_words_cache import GOODS, Small

    monkeypatch.setattr(hs_words, "HeadingWords", Small)
    monkeypatch.setattr(hs, "goods_index", lambda: GOODS)  # a small index: seconds to build, not ten
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    app.config["HS_WORDS_CACHE"] = True
    Small.builds = 0
    try:
        for _ in range(2):  # two processes, one after the other
            hs_suggest._heading_words.cache_clear()
            with app.app_context():
                assert isinstance(hs_suggest.heading_words(), Small)
        assert Small.builds == 1
        assert [p.name for p in (tmp_path / "cache").glob("hs_words_*.pickle")]
    finally:
        app.config["HS_WORDS_CACHE"] = False
        hs_suggest._heading_words.cache_clear()
