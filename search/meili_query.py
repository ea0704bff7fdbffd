"""Pure mapping between our documents/queries and Meilisearch's JSON (no network; unit-tested without a server).

Meilisearch's own engine does typos, prefixes and ranking; what we add is the same folding as the embedded
backend: folded words and stems go into extra fields (`title_f`, `extra_f`, `body_f`), and a text query runs
as a federated multi-search of three queries (as typed on the original fields, folded, and stemmed on the
extra fields, with lower weights), so "bıdai uny" meets "бидай ұны" while "bakır" still matches as typed.
"""
from __future__ import annotations

import html
import json
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from search.analysis import QueryWord, folded, hs_query, query_words, words
from search.base import Hit, SearchQuery, SearchResult
from search.countries import bare_country_word, country_text
from search.documents import index_text, public_doc
from search.intent import intent_of
from search.roles import Role, answering_kind, other_side, role_of
from search.synonyms import thesaurus

EMBEDDER = "default"
RAW_FIELDS = ["title", "company_name", "sectors", "ref", "country_names", "description"]
FOLDED_FIELDS = ["title_f", "extra_f", "body_f"]
FACET_FIELDS = {"type": "type", "kind": "kind", "country": "countries", "sector": "sectors",
                "hs_chapter": "hs_chapters", "language": "language"}
FILTER_FIELDS = {"type": "type", "kind": "kind", "country": "countries", "sector": "sectors",
                 "language": "language", "hs": "hs_prefixes"}
FOLDED_WEIGHT, STEM_WEIGHT = 0.9, 0.8
# listings under the query's HS pivot headings (search.pivot), ranked by meaning: below typo-free word matches
PIVOT_WEIGHT = 0.5
# a query naming a partner role beside a product (search.roles): the product's companies and listings of the
# role's kind, without the role's words, below the matches of the whole query
ROLE_WEIGHT = 0.7
# a query stating a need or a sale (search.intent): the listings of the writer's own side, in a query of their own
# weighted below the answers (the other queries leave them out)
OWN_SIDE_WEIGHT = 0.7
_PRE, _POST = "\u0002", "\u0003"  # highlight tags, swapped for <mark> after HTML escaping
CROP_WORDS = 40


def index_settings(dimensions: int) -> dict[str, Any]:
    """Settings of the index: attribute order is the attribute ranking (title first); Meilisearch's default
    typo rules (1 typo from 5 letters, 2 from 9) are spelled out so they are visibly ours; the synonyms across
    languages of `search.synonyms`."""
    return {
        "searchableAttributes": RAW_FIELDS + FOLDED_FIELDS,
        "filterableAttributes": sorted(set(FILTER_FIELDS.values()) | set(FACET_FIELDS.values())),
        "sortableAttributes": ["created_ts"],
        "typoTolerance": {
            "enabled": True,
            "minWordSizeForTypos": {"oneTypo": 5, "twoTypos": 9},
            "disableOnAttributes": ["ref"],
        },
        "faceting": {"maxValuesPerFacet": 200},
        "pagination": {"maxTotalHits": 10000},
        "embedders": {EMBEDDER: {"source": "userProvided", "dimensions": dimensions}},
        "synonyms": thesaurus().meilisearch_synonyms(),
    }


def doc_key(doc_id: str) -> str:
    """Meilisearch ids allow only letters, digits, - and _: "opportunity:12" -> "opportunity-12"."""
    return doc_id.replace(":", "-")


def _prefixes(codes: list[str]) -> list[str]:
    return sorted({c[:n] for c in codes for n in range(2, len(c) + 1)})


def _timestamp(value: str) -> int:
    try:
        return int(datetime.fromisoformat(value).timestamp())
    except ValueError:
        return 0


def to_meili(doc: Mapping[str, Any]) -> dict[str, Any]:
    """A validated document (see search.documents) as a Meilisearch document."""
    text = index_text(doc)
    codes = doc["hs_codes"] + doc["hs_inferred"]
    return {
        **public_doc(doc),
        "key": doc_key(doc["id"]),
        "hs_prefixes": _prefixes(codes),
        "hs_chapters": sorted({c[:2] for c in codes if len(c) >= 2}),
        "created_ts": _timestamp(doc["created_at"]),
        "title_f": text.title_f, "extra_f": text.extra_f, "body_f": text.body_f,
        "country_names": country_text(doc["countries"]),
        "_vectors": {EMBEDDER: doc["_vectors"]},
    }


def filter_expression(query: SearchQuery, hs_code: str | None = None) -> list[str]:
    """Meilisearch filter clauses (AND-ed); values of one filter are OR-ed with IN."""
    clauses = []
    for name, field in FILTER_FIELDS.items():
        values = query.filter_values(name)
        if name == "country":
            values = [v.upper() for v in values]
        if name == "hs":
            values = ["".join(ch for ch in v if ch.isdigit()) for v in values]
        if values:
            clauses.append(f"{field} IN [{', '.join(json.dumps(v, ensure_ascii=False) for v in values)}]")
    if hs_code:
        clauses.append(f"hs_prefixes = {json.dumps(hs_code)}")
    return clauses


def _common(query: SearchQuery, filters: list[str]) -> dict[str, Any]:
    params: dict[str, Any] = {
        "filter": filters, "showRankingScore": True,
        "attributesToHighlight": ["title", "description"], "highlightPreTag": _PRE, "highlightPostTag": _POST,
        "attributesToCrop": ["description"], "cropLength": CROP_WORDS,
    }
    if query.sort == "newest":
        params["sort"] = ["created_ts:desc"]
    return params


def single_search(query: SearchQuery) -> tuple[str, dict[str, Any]] | None:
    """(q, params) for an HS-code or empty query, which need no folding; None for a text query."""
    code = hs_query(query.q)
    if not code and query.q.strip():
        return None
    params = _common(query, filter_expression(query, code))
    params.update(page=query.page, hitsPerPage=query.per_page,
                  facets=[FACET_FIELDS[f] for f in query.facets])
    if not query.q.strip() or code:
        params.setdefault("sort", ["created_ts:desc"])
    return "", params


def federated_search(query: SearchQuery, index: str) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """(queries, federation) for a text query: typed words on the original fields, folded words and stems on
    the extra fields; the vector (hybrid) rides on the first query. A stated intent (`search.intent`) is
    searched without its words, and the listings of the writer's own side come in a query of their own, below."""
    if intent := intent_of(query.q, thesaurus()):
        query = replace(query, q=intent.rest)
    role = role_of(query.q, thesaurus(), query.filter_values("kind"))
    answer = answering_kind(role, intent.kind if intent else None)
    own_side = other_side(answer)[0] if answer else None
    filters = base = filter_expression(query)
    if own_side:
        filters = [*base, f"kind != {json.dumps(own_side)}"]
    query_forms = query_words(query.q)
    terms = _terms(query.q, query_forms)
    typed = " ".join(terms)
    folded_q = " ".join(folded(terms))
    stemmed = " ".join(s for w in query_forms for s in (w.stems or (w.raw,)))
    first = {"indexUid": index, "q": typed, "attributesToSearchOn": RAW_FIELDS, **_common(query, filters)}
    if query.vector is not None and query.semantic_ratio > 0:
        first["vector"] = list(query.vector)
        first["hybrid"] = {"embedder": EMBEDDER, "semanticRatio": query.semantic_ratio}
    queries = [first]
    for q, weight in ((folded_q, FOLDED_WEIGHT), (stemmed, STEM_WEIGHT)):
        if q and q != typed:
            queries.append({"indexUid": index, "q": q, "attributesToSearchOn": FOLDED_FIELDS,
                            "federationOptions": {"weight": weight}, **_common(query, filters)})
    if role:
        queries.append(_role_query(role, index, filters, query))
    if own_side:
        queries.append({**first, "federationOptions": {"weight": OWN_SIDE_WEIGHT},
                        **_common(query, [*base, f"kind = {json.dumps(own_side)}"])})
    if query.hs_pivot and query.vector is not None and query.semantic_ratio > 0:
        queries.append(_pivot_query(query, index, base))
    federation: dict[str, Any] = {"offset": query.offset, "limit": query.per_page}
    if query.facets:
        federation["facetsByIndex"] = {index: [FACET_FIELDS[f] for f in query.facets]}
        federation["mergeFacets"] = {}
    return queries, federation


def _terms(q: str, query_forms: list[QueryWord]) -> list[str]:
    """The query's words (`query_forms`: its `query_words`), a country's name without its Kazakh case ending
    ("Қытайға" -> "қытай"), as the `country_names` field holds it (`search.countries.bare_country_word`; a
    Latin-script word by its fold)."""
    bare = {w.raw: b for w in query_forms if (b := bare_country_word(w))}
    return [bare.get(t, t) for t in words(q)]


def _role_query(role: Role, index: str, filters: list[str], query: SearchQuery) -> dict[str, Any]:
    """The query without its role's words ("покупатели мёда" -> "мёда"), over the listings of the role's kind
    (buyers publish requests) and the companies of its side of the trade (`search.roles.SIDES`), weighted below
    the whole query."""
    return {"indexUid": index, "q": role.rest, "attributesToSearchOn": RAW_FIELDS,
            "federationOptions": {"weight": ROLE_WEIGHT},
            **_common(query, [*filters, *(f"kind != {json.dumps(k)}" for k in other_side(role.kind))])}


def _pivot_query(query: SearchQuery, index: str, filters: list[str]) -> dict[str, Any]:
    """Listings coded (explicitly or by inference) under the pivot headings, by meaning alone."""
    headings = ", ".join(json.dumps(str(h)) for h in query.hs_pivot)
    pivot_filters = [*filters, 'type = "opportunity"', f"hs_prefixes IN [{headings}]"]
    return {"indexUid": index, "q": "", "vector": list(query.vector or []),
            "hybrid": {"embedder": EMBEDDER, "semanticRatio": 1.0},
            "federationOptions": {"weight": PIVOT_WEIGHT}, **_common(query, pivot_filters)}


def _marked(value: Any) -> str:
    return html.escape(str(value or "")).replace(_PRE, "<mark>").replace(_POST, "</mark>")


def to_hit(raw: Mapping[str, Any]) -> Hit:
    """A Meilisearch hit as our Hit (internal fields dropped, highlights escaped)."""
    formatted = raw.get("_formatted") or {}
    score = raw.get("_rankingScore")
    if score is None:
        score = (raw.get("_federation") or {}).get("weightedRankingScore", 0.0)
    doc = {k: v for k, v in raw.items()
           if not k.startswith("_")
           and k not in ("key", "hs_prefixes", "hs_chapters", "created_ts", "country_names", *FOLDED_FIELDS)}
    highlights = {f: _marked(formatted.get(f, raw.get(f, ""))) for f in ("title", "description")}
    return Hit(raw["id"], raw["type"], raw.get("ref", ""), raw.get("title", ""), float(score), highlights, doc)


def to_result(response: Mapping[str, Any], facets: list[str]) -> SearchResult:
    """A Meilisearch search (or federated search) response as our SearchResult."""
    total = response.get("totalHits", response.get("estimatedTotalHits", 0))
    distribution = response.get("facetDistribution") or {}
    out = {f: dict(sorted(distribution.get(FACET_FIELDS[f], {}).items(), key=lambda kv: (-kv[1], kv[0])))
           for f in facets}
    return SearchResult([to_hit(h) for h in response.get("hits", [])], int(total), out)

