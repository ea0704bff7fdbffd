"""Partner roles in a query (search.roles): read off the thesaurus, and searched on every backend."""
from __future__ import annotations

import pytest

from search import meili_query as mq
from search import roles
from search.base import SearchQuery
from search.roles import Role, role_of
from tests.search.test_contract import _lexicon, company, opp

LINES = """buyer\ten\tbuyer
buyer\tru\tпокупатель
importer\ten\timporter
importer\tde\tImporteur
supplier\ten\tsupplier
supplier\tru\tпоставщик
exporter\ten\texporter
honey\ten\thoney
honey\tru\tмёд
honey\tzh\t蜂蜜
importer\tzh\t进口商
"""


@pytest.fixture
def small(small_thesaurus):
    return small_thesaurus(LINES)


@pytest.mark.parametrize(("q", "expected"), [
    ("покупатели мёда", Role("мёда", "request")),  # inflected role and goods
    ("honey buyers", Role("honey", "request")),
    ("Importeur Honig", Role("honig", "request")),
    ("поставщики мёда", Role("мёда", "offer")),
    ("honey exporter Germany", Role("honey germany", "offer")),
    ("蜂蜜进口商", Role("蜂蜜", "request")),  # one run parted into its words: no bigram across them in what is left
    ("importer Germany", Role("germany", "request")),  # a role in a country: that country's buyers first
    ("韩国进口商", Role("韩国", "request")),  # the same in Chinese, typed as one run
])
def test_a_role_beside_what_is_sought_is_read_with_the_kind_it_publishes(small, q, expected):
    assert role_of(q, small) == expected


@pytest.mark.parametrize("q", [
    "поставщик",  # the role alone is what is sought
    "importer exporter honey",  # roles of both kinds
    "honey",
])
def test_no_role_is_read_where_it_would_leave_nothing_or_contradict_itself(small, q):
    assert role_of(q, small) is None


def test_a_role_whose_kind_the_filter_leaves_out_is_what_is_sought(small):
    assert role_of("honey buyers", small, kinds=["request"]) == Role("honey", "request")
    assert role_of("honey buyers", small, kinds=["offer"]) is None  # offers of buying services, say


def test_a_role_in_a_country_is_searched_as_typed_with_its_switch_off(small, monkeypatch):
    monkeypatch.setattr(roles, "ROLE_IN_A_COUNTRY", False)
    assert role_of("importer Germany", small) is None and role_of("韩国进口商", small) is None  # the state before
    assert role_of("honey importer Germany", small) == Role("honey germany", "request")


def test_roles_can_be_switched_off(small, monkeypatch):
    monkeypatch.setattr(roles, "ROLES", False)
    assert role_of("honey buyers", small) is None


def test_meilisearch_gets_one_more_query_without_the_role_over_its_kind():
    queries, _ = mq.federated_search(SearchQuery(q="honey buyers", filters={"country": "DE"}), "idx")
    role = queries[-1]
    assert role["q"] == "honey" and role["federationOptions"] == {"weight": mq.ROLE_WEIGHT}
    assert role["filter"] == ['countries IN ["DE"]', 'kind != "offer"', 'kind != "exporter"']
    assert queries[0]["q"] == "honey buyers" and [q["q"] for q in queries].count("honey") == 1
    assert all(q["q"] != "honey" for q in mq.federated_search(SearchQuery(q="honey"), "idx")[0][1:])


# 4-dimensional stand-in vectors: axis 0 = honey, 1 = copper
HONEY, COPPER = [1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0]
DOCS = [
    opp(80, "Покупатель мёда: оптовые закупки", "Бочки 300 кг", kind="request", sectors=["food"], vector=HONEY,
        company="Alash Trade"),
    opp(81, "Raw mountain honey wanted", "Glass jars, New York", kind="request", language="en",
        countries=["US"], sectors=["food"], vector=HONEY, company="Steppe Imports"),
    opp(82, "Мёд горный от пасеки", "Фасовка 0,5 кг", sectors=["food"], vector=HONEY, company="Altai Bal"),
    # "медь" folds to the stem of "мёда": a word match, far in meaning
    opp(83, "Медь катодная, закупка", "Марка А, CIF Пусан", kind="request", sectors=["metals"], vector=COPPER,
        company="Han-Kaz Metals"),
    company(91, "Steppe Imports", "Food importer in New York", kind="diaspora", country="US", sectors=["food"]),
    company(92, "Altai Bal", "Beekeeping farm", sectors=["food"]),
]
DOCS[1]["owner"], DOCS[2]["owner"] = "company:91", "company:92"


@pytest.fixture
def honey(backend, tmp_path, monkeypatch, no_goods_names):
    _lexicon(backend, tmp_path, monkeypatch, "honey\ten\thoney\nhoney\tru\tмёд\n")
    backend.upsert(DOCS)
    return backend


def refs(backend, q, **kw):
    return [h.ref for h in backend.search(SearchQuery(q=q, **kw)).hits]


def embedded(backend) -> bool:
    return type(backend).__name__ != "MeiliBackend"


def test_buyers_of_goods_also_finds_the_requests_for_them_in_other_words(honey, monkeypatch):
    """"покупатели мёда": the listing naming both comes first, then the English request for honey. The embedded
    backend ranks the honey offer (a seller, not a buyer) after the requests; Meilisearch leaves it out of the
    query without the role."""
    found = refs(honey, "покупатели мёда")
    assert found[0] == "o-080" and "o-081" in found
    if embedded(honey):
        assert found[-1] == "o-082"
        monkeypatch.setattr(roles, "ROLES", False)
        assert refs(honey, "покупатели мёда") == ["o-080"]  # the state before: the role's words required


def test_buyers_ranked_by_meaning_bring_their_companies(honey, monkeypatch):
    if not embedded(honey):
        pytest.skip("companies behind listings and the order by meaning: embedded backend only")
    from search.embedded import planner

    found = refs(honey, "покупатели мёда", vector=HONEY, semantic_ratio=0.5)
    assert found[:3] == ["o-080", "o-081", "c-091"]  # the buyer behind the request follows it
    assert found.index("o-082") > found.index("o-081") and "c-092" not in found  # a seller brings no company
    assert "o-083" not in found  # the copper: "мёда" and "медь" share a stem, not a word (planner.RUSSIAN_STEM_KIN)
    monkeypatch.setattr(planner, "RUSSIAN_STEM_KIN", False)  # the state before: found by that stem, after the honey
    found = refs(honey, "покупатели мёда", vector=HONEY, semantic_ratio=0.5)
    assert found.index("o-083") > found.index("o-081")


def test_buyers_are_looked_for_among_diaspora_businesses_and_sellers_among_exporters(honey, monkeypatch):
    if not embedded(honey):
        pytest.skip("the sides of the trade: embedded backend only")
    from search.embedded import searcher

    honey.upsert([company(93, "Bal Handel GmbH", "Honey importer in Frankfurt", kind="diaspora", country="DE",
                          sectors=["food"]),
                  company(94, "Qazaq Bal LLP", "Honey producer in the Altai", sectors=["food"])])
    found = refs(honey, "покупатели мёда")
    assert found.index("c-093") < found.index("c-094")  # the importer abroad before the Kazakh producer
    assert found.index("c-094") > found.index("o-081")  # the producer ranks with the offers, after the requests
    assert refs(honey, "honey suppliers").index("c-094") < refs(honey, "honey suppliers").index("c-093")
    monkeypatch.setattr(searcher, "ROLE_SIDES", False)
    found = refs(honey, "покупатели мёда")
    assert found.index("c-094") < found.index("o-082")  # the state before: every company with the requests


def test_the_other_side_s_listings_that_hold_the_words_as_typed_come_after_the_role_s(honey, monkeypatch):
    """"honey exporters": an importer named "... Import & Export" holds both words in its listings (the owner's name
    is indexed with them), yet it buys; the exporter's honey offer, found by the role, comes first."""
    if not embedded(honey):
        pytest.skip("the sides of the trade: embedded backend only")
    from search.embedded import searcher

    honey.upsert([opp(84, "Honey wanted for Urumqi", "Mountain honey in barrels", kind="request", language="en",
                      sectors=["food"], company="Saryarqa Import & Export Co.")])
    found = refs(honey, "honey exporters")
    assert found[0] == "o-082" and found.index("o-084") > found.index("o-082")
    monkeypatch.setattr(searcher, "ROLE_SIDES_OWN", False)  # the state before: the words as typed first
    assert refs(honey, "honey exporters")[0] == "o-084"


def test_a_role_beside_a_stated_need_ranks_the_writer_s_own_side_after_the_answers(honey, monkeypatch):
    """"ищем поставщика мёда": a buyer looking for a supplier. The offers answer, the honey one by its words and the
    pollen one by meaning only; the requests for honey come from others who buy it, as the writer does, and rank
    after every answer however near they are in meaning."""
    if not embedded(honey):
        pytest.skip("the order by meaning: embedded backend only")
    honey.upsert([opp(85, "Ищем поставщика мёда для сети магазинов", "Липовый мёд, бочки", kind="request",
                      sectors=["food"], vector=HONEY, company="Dala Market"),
                  opp(86, "Pollen and propolis from the Altai", "Drums or jars", language="en", sectors=["food"],
                      vector=[0.9, 0.436, 0.0, 0.0], company="Zhetysu Bee Farm"),
                  opp(87, "Закупаем продукты пчеловодства", "Оптом, для кондитерской фабрики", kind="request",
                      sectors=["food"], vector=HONEY, company="Shirin Foods")])
    found = refs(honey, "ищем поставщика мёда", vector=HONEY, semantic_ratio=0.5)
    assert found[:3] == ["o-082", "c-092", "o-086"]  # the honey offer, its producer, the pollen offer
    assert set(found[3:]) == {"o-080", "o-081", "o-085", "o-087"}
    monkeypatch.setattr(roles, "ROLE_WITH_INTENT", False)  # the state before: the role left the need unused
    found = refs(honey, "ищем поставщика мёда", vector=HONEY, semantic_ratio=0.5)
    assert found.index("o-086") > found.index("o-087")  # a request nearer in meaning came first


def test_meilisearch_ranks_the_own_side_of_a_role_beside_a_need_in_a_query_below(monkeypatch):
    queries, _ = mq.federated_search(SearchQuery(q="ищем поставщика мёда"), "idx")
    assert queries[0]["q"] == "поставщика мёда" and 'kind != "request"' in queries[0]["filter"]
    own = queries[-1]
    assert own["filter"] == ['kind = "request"'] and own["federationOptions"] == {"weight": mq.OWN_SIDE_WEIGHT}
    monkeypatch.setattr(roles, "ROLE_WITH_INTENT", False)  # the state before: no query of the own side
    before, _ = mq.federated_search(SearchQuery(q="ищем поставщика мёда"), "idx")
    assert all('kind = "request"' not in q["filter"] for q in before)


def test_which_kind_answers_a_need_or_a_sale_beside_a_role(monkeypatch):
    supplier, distributor = Role("мёда", "offer"), Role("мёда", "request")
    assert roles.answering_kind(None, "offer") == "offer"  # a need alone: offers answer
    assert roles.answering_kind(supplier, "offer") == "offer"
    assert roles.answering_kind(distributor, "offer") == "request"  # "ищем дистрибьютора": distributors buy
    assert roles.answering_kind(supplier, None) is None  # a role alone states no side
    monkeypatch.setattr(roles, "ROLE_WITH_INTENT", False)
    assert roles.answering_kind(supplier, "offer") is None
