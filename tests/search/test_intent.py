"""A need or a sale stated in a query (search.intent): read off the query, and searched on every backend."""
from __future__ import annotations

import pytest

from search import intent
from search import meili_query as mq
from search.base import SearchQuery
from search.intent import Intent, intent_of
from tests.search.test_contract import _lexicon, company, opp
from tests.search.test_roles import refs

LINES = """distributor\tru\tдистрибьютор
supplier\tru\tпоставщик
investor\ten\tinvestor
investor\tru\tинвестор
investor\tru\tищу инвестора
honey\ten\thoney
honey\tru\tмёд
"""


@pytest.fixture
def small(small_thesaurus):
    return small_thesaurus(LINES)


@pytest.mark.parametrize(("q", "expected"), [
    ("нужен экспедитор по Китаю", Intent("экспедитор по Китаю", "offer")),
    ("IT-Fachkräfte gesucht", Intent("IT-Fachkräfte", "offer")),  # the token kept as typed, hyphen and all
    ("құрылыс мердігері керек", Intent("құрылыс мердігері", "offer")),
    ("jabdyq kerek", Intent("jabdyq", "offer")),  # Kazakh in Latin script
    ("looking for used combines", Intent("used combines", "offer")),  # a phrase of two words
    ("Wir suchen Honig", Intent("Honig", "offer")),  # the pronoun goes with the intent
    ("我们需要冷链运输", Intent("冷链运输", "offer")),  # one Chinese run, parted into its words
    ("нам нужен, срочно: уголь!", Intent("срочно: уголь!", "offer")),
    ("продаю пшеницу", Intent("пшеницу", "request")),
    ("wheat for sale", Intent("wheat", "request")),
    ("ищу инвестора", Intent("инвестора", "offer")),  # the rest still names the concept
    ("ищем дистрибьютора", Intent("дистрибьютора", "request")),  # distributors answer, and they buy
    ("ищем поставщика мёда", Intent("поставщика мёда", "offer")),
])
def test_a_stated_need_or_sale_is_read_with_the_kind_that_answers_it(small, q, expected):
    assert intent_of(q, small) == expected


@pytest.mark.parametrize("q", [
    "нужен",  # nothing else is sought
    "looking for",
    "нужен и продаю уголь",  # a need and a sale: contradicts itself
    "looking to supply restaurants",  # "looking" alone is no need
    "экспедитор по Китаю",
])
def test_no_intent_is_read_where_it_would_leave_nothing_or_contradict_itself(small, q):
    assert intent_of(q, small) is None


def test_words_that_are_the_whole_of_a_concept_phrase_stay(small_thesaurus):
    thesaurus = small_thesaurus("wanted_ads\ten\twanted\nwanted_ads\tru\tобъявления о покупке\n")
    assert intent_of("wanted ads board", thesaurus) is None  # leaving "wanted" out would lose the concept


def test_intent_can_be_switched_off(small, monkeypatch):
    monkeypatch.setattr(intent, "INTENT", False)
    assert intent_of("нужен экспедитор", small) is None


def test_meilisearch_searches_the_answers_and_the_own_side_below_them():
    queries, _ = mq.federated_search(SearchQuery(q="нужен экспедитор", filters={"country": "CN"}), "idx")
    assert all("нужен" not in q["q"] for q in queries)
    assert queries[0]["q"] == "экспедитор"
    assert queries[0]["filter"] == ['countries IN ["CN"]', 'kind != "request"']
    own = queries[-1]
    assert own["q"] == "экспедитор" and own["federationOptions"] == {"weight": mq.OWN_SIDE_WEIGHT}
    assert own["filter"] == ['countries IN ["CN"]', 'kind = "request"']
    plain, _ = mq.federated_search(SearchQuery(q="экспедитор"), "idx")
    assert all("kind" not in " ".join(q["filter"]) for q in plain)


# 4-dimensional stand-in vectors: axis 0 = freight, 1 = cement
FREIGHT, CEMENT = [1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0]
DOCS = [
    opp(60, "Ищем экспедитора для перевозки из Китая", "Контейнеры 40 футов, Урумчи - Алматы", kind="request",
        vector=FREIGHT),
    opp(61, "Нужен экспедитор: сборные грузы", "Гуанчжоу - Алматы", kind="request", day=2, vector=FREIGHT),
    opp(62, "Услуги экспедитора по Китаю", "Ж/д и авто, таможенное оформление", day=3, vector=FREIGHT),
    opp(63, "Экспедитор: контейнерные перевозки", "Китай - Казахстан - Европа", day=4, vector=FREIGHT),
    opp(64, "Цемент М500", "Навалом, ж/д", day=5, vector=CEMENT),
    company(70, "Dostyk Transit", "Экспедитор, перевозки из Китая", sectors=["logistics"]),
]


@pytest.fixture
def forwarders(backend, tmp_path, monkeypatch, no_goods_names):
    _lexicon(backend, tmp_path, monkeypatch, "honey\ten\thoney\n")  # no goods of the shipped lexicon
    backend.upsert(DOCS)
    return backend


def test_a_need_finds_those_who_answer_it_before_others_who_need_the_same(forwarders, monkeypatch):
    """"нужен экспедитор": the offers of forwarding and the forwarder come before the two other requests for one,
    which stay in the answer; searched as typed, "нужен" held the answer to a request that says it too."""
    found = refs(forwarders, "нужен экспедитор")
    assert set(found) == {"o-060", "o-061", "o-062", "o-063", "c-070"}
    assert set(found[-2:]) == {"o-060", "o-061"}
    monkeypatch.setattr(intent, "INTENT", False)
    assert refs(forwarders, "нужен экспедитор") == ["o-061"]  # the state before: "нужен" required


def test_a_sale_finds_the_requests_first(forwarders):
    found = refs(forwarders, "предлагаем экспедитора")
    assert set(found[:2]) == {"o-060", "o-061"} and "o-062" in found


def test_the_answers_come_first_on_every_page(forwarders):
    if type(forwarders).__name__ == "MeiliBackend":
        pytest.skip("the embedded backend's pages")
    pages = [refs(forwarders, "нужен экспедитор", page=p, per_page=2) for p in (1, 2, 3)]
    assert [ref for page in pages for ref in page] == refs(forwarders, "нужен экспедитор")


def test_with_meaning_too_the_answers_come_first(forwarders):
    if type(forwarders).__name__ == "MeiliBackend":
        pytest.skip("the order by meaning: embedded backend only")
    found = refs(forwarders, "нужен экспедитор", vector=FREIGHT, semantic_ratio=0.5)
    assert set(found[:3]) == {"o-062", "o-063", "c-070"} and set(found[3:5]) == {"o-060", "o-061"}
    assert "o-064" not in found  # the cement is far in meaning
