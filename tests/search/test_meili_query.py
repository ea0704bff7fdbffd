"""The Meilisearch mapping without a server: documents, settings, queries, responses, failed tasks."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from search import meili_query as mq
from search.base import SearchQuery
from search.documents import validate
from search.meili import MeiliBackend, TaskFailed

DOC = validate({
    "id": "opportunity:12", "type": "opportunity", "ref": "o-012", "title": "Bıdai uny 1-sort",
    "description": "Qostanai dıirmeni", "kind": "offer", "company_name": "Aqbidai Milling",
    "countries": ["kg"], "sectors": ["grain"], "language": "kk", "hs_codes": ["1101.00"],
    "hs_inferred": ["1001"], "created_at": "2026-03-01T10:00:00+00:00", "_vectors": [0.1, 0.2],
})


def test_document_gets_a_valid_key_folded_fields_and_code_prefixes():
    out = mq.to_meili(DOC)
    assert out["key"] == "opportunity-12" and out["id"] == "opportunity:12"
    assert out["hs_prefixes"] == ["10", "100", "1001", "11", "110", "1101", "11010", "110100"]
    assert out["hs_chapters"] == ["10", "11"]
    assert out["countries"] == ["KG"]
    assert "бидаи" in out["title_f"].split() and "уни" in out["title_f"].split()
    assert out["_vectors"] == {"default": [0.1, 0.2]}
    assert out["created_ts"] == 1772359200


def test_document_without_vector_says_so_explicitly():
    assert mq.to_meili({**DOC, "_vectors": None})["_vectors"] == {"default": None}


def test_settings_declare_user_provided_embedder_and_typo_rules():
    settings = mq.index_settings(384)
    assert settings["embedders"] == {"default": {"source": "userProvided", "dimensions": 384}}
    assert settings["typoTolerance"]["minWordSizeForTypos"] == {"oneTypo": 5, "twoTypos": 9}
    assert settings["searchableAttributes"][0] == "title"
    assert {"countries", "hs_prefixes", "kind", "type"} <= set(settings["filterableAttributes"])


def test_settings_carry_the_synonyms_across_languages():
    from search.synonyms import thesaurus

    assert mq.index_settings(384)["synonyms"] == thesaurus().meilisearch_synonyms()


def test_filters_become_quoted_in_clauses():
    query = SearchQuery(filters={"kind": "request", "country": ["uz", "kg"], "hs": "11.01", "sector": 'a"b'})
    assert mq.filter_expression(query) == [
        'kind IN ["request"]', 'countries IN ["UZ", "KG"]', 'sectors IN ["a\\"b"]', 'hs_prefixes IN ["1101"]',
    ]


def test_hs_code_query_is_a_filter_not_words():
    q, params = mq.single_search(SearchQuery(q="1101", filters={"country": "UZ"}))
    assert q == ""
    assert params["filter"] == ['countries IN ["UZ"]', 'hs_prefixes = "1101"']


def test_text_query_is_federated_over_typed_folded_and_stemmed_forms():
    query = SearchQuery(q="пшеничная мука", facets=["kind", "country"], page=2, per_page=10,
                        vector=[0.5, 0.5], semantic_ratio=0.4)
    assert mq.single_search(query) is None
    queries, federation = mq.federated_search(query, "idx")
    assert [q["q"] for q in queries] == ["пшеничная мука", "пшеничнаиа мука", "пшеничн мук"]
    assert queries[0]["hybrid"] == {"embedder": "default", "semanticRatio": 0.4}
    assert "hybrid" not in queries[1] and queries[1]["attributesToSearchOn"] == mq.FOLDED_FIELDS
    assert federation == {"offset": 10, "limit": 10, "facetsByIndex": {"idx": ["kind", "countries"]},
                          "mergeFacets": {}}


def test_a_countrys_name_with_a_kazakh_case_ending_is_sent_bare():
    queries, _ = mq.federated_search(SearchQuery(q="бидай Ауғанстанға"), "idx")
    assert queries[0]["q"] == "бидай ауғанстан"  # the country_names field holds the name without the ending


def test_response_becomes_escaped_hits_and_facets():
    raw_hit = {**mq.to_meili(DOC), "_rankingScore": 0.91,
               "_formatted": {"title": "\u0002Bıdai\u0003 <b>uny</b>", "description": "Qostanai"}}
    result = mq.to_result({"hits": [raw_hit], "estimatedTotalHits": 7,
                           "facetDistribution": {"countries": {"KG": 1, "UZ": 3}}}, ["country"])
    hit = result.hits[0]
    assert (hit.id, hit.ref, hit.score, result.total) == ("opportunity:12", "o-012", 0.91, 7)
    assert hit.highlights["title"] == "<mark>Bıdai</mark> &lt;b&gt;uny&lt;/b&gt;"
    assert "title_f" not in hit.doc and "key" not in hit.doc
    assert result.facets == {"country": {"UZ": 3, "KG": 1}}


@pytest.mark.parametrize("status", ["failed", "canceled"])
def test_wait_raises_when_a_task_did_not_succeed(status):
    backend = MeiliBackend("http://127.0.0.1:1", api_key="x")
    task = SimpleNamespace(uid=5, type="documentAdditionOrUpdate", status=status,
                           error={"code": "invalid_document_id", "message": "bad id"})
    backend.client = SimpleNamespace(wait_for_task=lambda uid, **kw: task)
    with pytest.raises(TaskFailed, match="invalid_document_id"):
        backend.wait(SimpleNamespace(task_uid=5))


def test_hs_pivot_adds_a_meaning_query_over_listings_under_the_headings():
    query = SearchQuery(q="chickpeas", filters={"country": "AE"}, vector=[0.5, 0.5], semantic_ratio=0.5,
                        hs_pivot=["0713", "1202"])
    queries, _ = mq.federated_search(query, "idx")
    pivot = queries[-1]
    assert pivot["q"] == "" and pivot["hybrid"] == {"embedder": "default", "semanticRatio": 1.0}
    assert pivot["vector"] == [0.5, 0.5]
    assert pivot["filter"] == ['countries IN ["AE"]', 'type = "opportunity"', 'hs_prefixes IN ["0713", "1202"]']
    assert pivot["federationOptions"] == {"weight": mq.PIVOT_WEIGHT}
    keyword_only = SearchQuery(q="chickpeas", hs_pivot=["0713"])
    assert all(q["q"] for q in mq.federated_search(keyword_only, "idx")[0])
