"""Search quality behaviours every backend keeps: HS pivot across languages, typos on stems, nothing for
nonsense, and the company behind an offer (see search.pivot and search.embedded.expand)."""
from __future__ import annotations

import pytest

from search.base import SearchQuery
from tests.search.test_contract import company, opp


@pytest.fixture(autouse=True)
def _products_by_their_own_words(no_goods_names):
    """The pivot is tested on product words alone, without the names of goods of the thesaurus."""

# 4-dimensional stand-in vectors: axis 0 = pulses, 1 = metals, 2 = spices (nothing listed), 3 = services
PULSES, METAL, SPICE, SERVICE = [1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0], [0, 0, 0, 1.0]
# a Turkish listing embeds far from a short English query: cosine 0.2, well under any meaning-only floor
FAR_PULSES = [0.2, 0.0, 0.0, 0.98]

DOCS = [
    opp(1, "Nohut alımı, 8-9 mm", "Kabuli tipi, Mersin", kind="request", language="tr", countries=["TR"],
        sectors=["food"], hs_inferred=["0713"], vector=FAR_PULSES, company="Çukurova Yem"),
    opp(2, "Слитки алюминиевого сплава АК5М2", "Чушки по 15 кг", countries=["CN"], sectors=["metals"],
        hs=["760120"], vector=METAL, company="Pavlodar Aluminium"),
    opp(3, "Copper cathodes Grade A", "LME registered", language="en", countries=["CN", "TR"],
        sectors=["metals"], hs=["740311"], vector=METAL, company="Karaganda Cuprum Trade LLP"),
    opp(4, "Copper cathodes wanted", "CIF Busan", kind="request", language="en", countries=["KR"],
        sectors=["metals"], vector=METAL, company="Han-Kaz Metals"),
    opp(5, "IT outsourcing teams", "Almaty", language="en", sectors=["it"], vector=SERVICE, company="Code"),
    opp(6, "Катодная медь М00к", "Отгрузка вагонами", countries=["CN"], sectors=["metals"], hs_inferred=["7403"],
        vector=[0.0, 0.2, 0.0, 0.98], company="Balkhash Mys"),
    company(20, "Karaganda Cuprum Trade LLP", "Exporter from Karaganda", sectors=["metals"]),
    company(21, "Han-Kaz Metals", "Trading house in Seoul", kind="diaspora", country="KR", sectors=["metals"]),
]
DOCS[2]["owner"], DOCS[3]["owner"] = "company:20", "company:21"


@pytest.fixture
def loaded(backend):
    backend.upsert(DOCS)
    return backend


def refs(backend, q, **kw):
    return [h.ref for h in backend.search(SearchQuery(q=q, **kw)).hits]


def test_hs_pivot_finds_a_listing_in_another_language(loaded):
    assert "o-001" not in refs(loaded, "chickpeas", vector=PULSES, semantic_ratio=0.5)
    assert refs(loaded, "chickpeas", vector=PULSES, semantic_ratio=0.5, hs_pivot=["0713"]) == ["o-001"]


def test_hs_pivot_takes_codes_under_the_heading_only(loaded):
    # 0713 itself (inferred) and 740311 (explicit) are under their headings; the neighbours 0712 and 7402 hold none
    assert refs(loaded, "chickpeas", vector=PULSES, semantic_ratio=0.5, hs_pivot=["0712"]) == []
    # "cuivre" is in no listing and the spice vector near none: whatever comes back comes through the pivot
    assert refs(loaded, "cuivre", vector=SPICE, semantic_ratio=0.5, hs_pivot=["7402"]) == []
    assert set(refs(loaded, "cuivre", vector=SPICE, semantic_ratio=0.5, hs_pivot=["7403"])) >= {"o-003", "o-006"}


def test_a_chapter_pivots_on_every_heading_under_it(loaded):
    # a broad field names chapters (search.pivot.category_codes): 07 holds the inferred 0713, 74 the copper codes
    assert refs(loaded, "bakliyat", vector=SPICE, semantic_ratio=0.5, hs_pivot=["07"]) == ["o-001"]
    assert set(refs(loaded, "cuivre", vector=SPICE, semantic_ratio=0.5, hs_pivot=["74", "07"])) >= {
        "o-001", "o-003", "o-006"}


def test_hs_pivot_keeps_the_closest_listings_when_more_are_under_it_than_it_reads(loaded, monkeypatch):
    if type(loaded).__name__ == "MeiliBackend":
        pytest.skip("the pivot's reading limit is the embedded backend's")
    from search.embedded import expand

    monkeypatch.setattr(expand, "PIVOT_LIMIT", 1)
    # copper: two listings under 74; the one the limit reads first may be either, the closest is always found
    near_o3 = [0.0, 0.2, 0.0, 0.98]  # o-006's vector: it is the closest, o-003 (METAL) far
    assert refs(loaded, "cuivre", vector=near_o3, semantic_ratio=0.5, hs_pivot=["74"])[0] == "o-006"
    assert refs(loaded, "cuivre", vector=METAL, semantic_ratio=0.5, hs_pivot=["74"])[0] == "o-003"


def test_hs_pivot_respects_filters(loaded):
    found = refs(loaded, "chickpeas", vector=PULSES, semantic_ratio=0.5, hs_pivot=["0713"],
                 filters={"country": "AE"})
    assert found == []


def test_hs_pivot_is_only_for_hybrid_search(loaded):
    assert refs(loaded, "chickpeas", hs_pivot=["0713"]) == []


def test_nonsense_query_returns_nothing(loaded):
    # saffron's heading (0910) has no listing and nothing is near it in meaning
    assert refs(loaded, "saffron", vector=SPICE, semantic_ratio=0.5, hs_pivot=["0910"]) == []


def test_typo_in_a_russian_word_meets_another_ending(loaded):
    # "алюминевые" is four edits from "алюминиевого"; its stem is one from the indexed stem
    assert refs(loaded, "алюминевые слитки") == ["o-002"]


def test_codes_of_keyword_hits_lead_to_the_same_product_in_other_languages(loaded):
    if type(loaded).__name__ == "MeiliBackend":
        pytest.skip("pivot through the codes of keyword hits: embedded backend only")
    assert "o-006" not in refs(loaded, "copper cathodes", semantic_ratio=0.0)
    found = refs(loaded, "copper cathodes", vector=METAL, semantic_ratio=0.5)
    assert "o-006" in found
    assert found.index("o-006") > max(found.index("o-003"), found.index("o-004"))  # exact hits stay on top


def test_company_follows_its_offer(loaded):
    if type(loaded).__name__ == "MeiliBackend":
        pytest.skip("companies behind offers: embedded backend only (not yet in the Meilisearch backend)")
    found = refs(loaded, "cathodes", vector=METAL, semantic_ratio=0.5)
    assert found.index("c-020") == found.index("o-003") + 1
    assert "c-021" not in found  # a buyer's request does not bring the buyer
    assert "c-020" not in refs(loaded, "cathodes", vector=METAL, semantic_ratio=0.5, filters={"kind": "offer"})


@pytest.mark.parametrize("moves_up", [True, False])
def test_a_company_ranked_below_its_offer_moves_up_to_follow_it(backend, monkeypatch, moves_up):
    """A company ranked on its own (here: after another listing) is placed right after its offer among the first
    results, as one not ranked at all is; without `OWNER_MOVES_UP` it kept its own place."""
    if type(backend).__name__ == "MeiliBackend":
        pytest.skip("companies behind offers: embedded backend only")
    from sqlalchemy import text

    from search.embedded import expand

    monkeypatch.setattr(expand, "OWNER_MOVES_UP", moves_up)
    backend.upsert(DOCS)
    with backend.engine.begin() as conn:
        slot = backend._live(conn)
        num = {r.id: r.num for r in conn.execute(text(f"SELECT id, num FROM search_doc_{slot}"))}
        ranked = [num["opportunity:3"], num["opportunity:2"], num["company:20"]]
        out, added, moved = expand.with_owners(conn, slot, ranked, "1 = 1", {})
    order = [num["opportunity:3"], num["company:20"], num["opportunity:2"]] if moves_up else ranked
    assert (out, added, moved) == (order, [], {num["company:20"]} if moves_up else set())
