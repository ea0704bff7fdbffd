"""/api/v1/search with the HS pivot and the company behind an offer (the inferrer is a stand-in: the hashing
test embedder has no meaning to pivot on; the real model runs in tests/search/test_pivot_model.py)."""
import pytest

from app.search_ui import services
from matching.hs import HsGuess


@pytest.fixture(autouse=True)
def _products_by_their_own_words(no_goods_names):
    """The pivot is tested on product words alone, without the names of goods of the thesaurus."""


class ChickpeaInferrer:
    ready = True

    def is_ready(self):
        return self.ready

    def infer(self, vector, top=3, text=None, goods=True):
        return [HsGuess("0713", 0.95), HsGuess("0910", 0.70)][:top]


class ColdInferrer(ChickpeaInferrer):
    """The nomenclature is not embedded yet: the request must not embed it, nor ask for headings."""

    ready = False

    def infer(self, vector, top=3, text=None, goods=True):
        raise AssertionError("a request asked for HS headings before the nomenclature was ready")


@pytest.fixture
def nohut(index, make_company, make_opportunity):
    company = make_company(name="Mersin Bakliyat A.Ş.", kind="diaspora", country="TR", description="Baklagil.")
    offer = make_opportunity(company, title="Nohut, Kabuli tipi 8-9 mm", language="tr", hs_codes=["071320"],
                             description="Mersin, 25 kg çuval, aylık 500 ton.")
    return company, offer


def _refs(client, q):
    response = client.get("/api/v1/search", query_string={"q": q, "per_page": 10})
    assert response.status_code == 200
    return [(item["type"], item["id"]) for item in response.get_json()["items"]]


def test_english_query_finds_a_turkish_listing_through_its_heading(app, client, nohut, monkeypatch):
    company, offer = nohut
    monkeypatch.setattr(services, "inferrer", ChickpeaInferrer)
    monkeypatch.setitem(app.config, "SEARCH_HS_PIVOT", True)
    found = _refs(client, "chickpeas")
    assert found[:2] == [("opportunity", offer.id), ("company", company.id)]  # the offer brings its company


def test_no_pivot_until_the_nomenclature_is_ready(app, client, nohut, monkeypatch):
    monkeypatch.setattr(services, "inferrer", ColdInferrer)
    monkeypatch.setitem(app.config, "SEARCH_HS_PIVOT", True)
    assert _refs(client, "chickpeas") == []


def test_without_the_pivot_the_short_query_finds_nothing(client, nohut):
    assert _refs(client, "chickpeas") == []


def test_search_page_with_a_next_page_renders(app, client, index, make_company, make_opportunity, monkeypatch):
    monkeypatch.setitem(app.config, "PAGE_SIZE", 1)
    company = make_company()
    for n in range(2):
        make_opportunity(company, title=f"Мука пшеничная, партия {n}")
    response = client.get("/search/", query_string={"q": "мука", "page": 2})
    assert response.status_code == 200
    assert "page=1" in response.get_data(as_text=True)  # the link back to the first page
    first = client.get("/search/", query_string={"q": "мука"}).get_data(as_text=True)
    assert "page=2" in first  # the link to the next page (`_` was hidden there by a template variable)


def test_the_query_words_find_the_heading_the_meaning_cannot(app, client, nohut, monkeypatch, tmp_path):
    """With the app's own inferrer: the hashing test embedder places the query elsewhere, the nomenclature's
    words ("нут", "сушеные" in 0713's Russian names) bring it to 0713, and so to the Turkish offer."""
    from app.opportunities import hs_suggest
    from search.pivot import pivot_headings

    company, offer = nohut
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    hs_suggest._inferrers.clear()
    hs_suggest.inferrer().warm()
    monkeypatch.setitem(app.config, "SEARCH_HS_PIVOT", True)
    q = "сушеный нут оптом"
    try:
        with app.test_request_context():
            vector = services.query_vector(q)
            assert "0713" not in pivot_headings(hs_suggest.inferrer(), q, vector, words=False)
            assert services.query_pivot(q, vector) == ["0713"]
        assert ("opportunity", offer.id) in _refs(client, q)
    finally:
        hs_suggest._inferrers.clear()


class TitleInferrer:
    """The embed job's inferrer: the matcher asks with vectors only and keeps nothing (two equal guesses); the
    search guesses come with the title, whose words name the heading."""

    def warm(self):
        pass

    def is_ready(self):
        return True

    def infer_many(self, vectors, top=3, texts=None, goods=True):
        if texts is None:
            return [[HsGuess("9999", 0.3), HsGuess("9998", 0.3)][:top] for _ in vectors]
        return [([HsGuess("0713", 0.9)] if "Nohut" in t else [HsGuess("8523", 0.1)]) + [HsGuess("9999", 0.05)]
                for t in texts]

    def infer(self, vector, top=3, text=None, goods=True):
        return [HsGuess("0713", 0.95)][:top]


def test_an_uncoded_listing_is_found_under_the_heading_its_title_names(app, client, index, make_company,
                                                                        make_opportunity, monkeypatch):
    """The embed job stores the headings an uncoded listing points to (`hs_guessed`), the search document
    carries them, and the query's pivot reaches the listing; a coded listing keeps its own codes only."""
    from app.extensions import db
    from app.jobs import run_job
    from app.opportunities import hs_suggest

    monkeypatch.setattr(hs_suggest, "inferrer", TitleInferrer)
    monkeypatch.setattr(services, "inferrer", TitleInferrer)
    monkeypatch.setitem(app.config, "SEARCH_HS_PIVOT", True)
    company = make_company(name="Mersin Bakliyat A.Ş.", kind="diaspora", country="TR", description="Baklagil.")
    uncoded = make_opportunity(company, title="Nohut, Kabuli tipi 8-9 mm", language="tr", hs_codes=[],
                               description="Mersin, 25 kg çuval.")
    service = make_opportunity(company, title="Gümrük danışmanlığı", language="tr", hs_codes=[],
                               description="Türkiye - Kazakistan.")
    coded = make_opportunity(company, title="Nohut unu", language="tr", hs_codes=["110630"], description="")
    assert _refs(client, "chickpeas") == []  # not looked at yet: the pivot has nothing to reach
    run = run_job(app, "embed")
    assert "2 search guesses changed" in run.detail, run.detail  # the coded listing is not looked at
    for listing in (uncoded, service, coded):
        db.session.refresh(listing)
    assert [o.hs_guessed for o in (uncoded, service, coded)] == [["0713"], [], None]
    assert ("opportunity", uncoded.id) in _refs(client, "chickpeas")
    assert ("opportunity", coded.id) not in _refs(client, "chickpeas")  # its own code is 1106, not 0713
    uncoded.title = "Kuru kayısı, jumbo"  # a new text is looked at anew (dried apricots: 0813)
    db.session.commit()
    run_job(app, "embed")
    db.session.refresh(uncoded)
    assert uncoded.hs_guessed == []
    assert ("opportunity", uncoded.id) not in _refs(client, "chickpeas")


def test_a_query_naming_a_broad_field_finds_listings_under_its_chapters(app, client, nohut, monkeypatch, tmp_path):
    from search import synonyms

    fields = tmp_path / "categories.tsv"
    fields.write_text("pulses_field\ten\tfarm produce\npulses_field\ths\t07 10\n", encoding="utf-8")
    monkeypatch.setattr(synonyms, "CATEGORIES", fields)
    synonyms._thesaurus.cache_clear()
    monkeypatch.setattr(services, "inferrer", ColdInferrer)  # the field's codes need no nomenclature vectors
    monkeypatch.setitem(app.config, "SEARCH_HS_PIVOT", True)
    company, offer = nohut
    assert ("opportunity", offer.id) in _refs(client, "farm produce")
    assert _refs(client, "farm produce machinery") == []  # the field only qualifies what is sought: no pivot


class CountingInferrer(ChickpeaInferrer):
    """Counts the queries it is asked about; becomes ready when told."""

    def __init__(self, ready=True):
        self.ready, self.asked = ready, 0

    def infer(self, vector, top=3, text=None, goods=True):
        self.asked += 1
        return super().infer(vector, top, text, goods)


def test_a_query_asked_again_is_not_pivoted_again(app, monkeypatch):
    """The headings of a query asked lately are remembered per process, but only those of a ready inferrer, and
    only for that inferrer: one that was not ready yet is asked again once it is, and a new one is asked anew."""
    monkeypatch.setitem(app.config, "SEARCH_HS_PIVOT", True)
    services._pivot_headings.cache_clear()
    cold = CountingInferrer(ready=False)
    monkeypatch.setattr(services, "inferrer", lambda: cold)
    vector = [0.1] * 8
    with app.test_request_context():
        assert services.query_pivot("chickpeas", vector) == []
        cold.ready = True
        assert services.query_pivot("chickpeas", vector) == ["0713"]
        assert services.query_pivot("chickpeas", vector) == ["0713"]
        assert cold.asked == 1
        assert services.query_pivot("nohut", vector) == ["0713"]
        assert cold.asked == 2  # another query is its own
        fresh = CountingInferrer()
        monkeypatch.setattr(services, "inferrer", lambda: fresh)
        assert services.query_pivot("chickpeas", vector) == ["0713"]
        assert fresh.asked == 1
    services._pivot_headings.cache_clear()
