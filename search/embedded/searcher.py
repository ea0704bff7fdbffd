"""Running one query on the embedded backend: plan, rank (keyword or hybrid), page, facets, highlights."""
from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, text

from search.analysis import highlight
from search.base import Hit, SearchQuery, SearchResult
from search.embedded import retrieval as r
from search.embedded.fulltext import PostgresFts, SqliteFts
from search.embedded.planner import Plan, plans
from search.embedded.vectors import (
    FEEDBACK_HITS,
    SEM_FLOOR,
    SEM_MAX,
    VectorCache,
    accept_semantic,
    blend,
)
from search.typos import Vocabulary

TYPO_TIER = 2  # tiers below this matched every word without a typo (see planner.word_plan)
HYBRID_POOL = 100  # keyword candidates blended with the semantic ones (more than any page shows)
CROP_WORDS = 40


def run_search(
    conn: Connection, engine: SqliteFts | PostgresFts, slot: str, query: SearchQuery,
    vocab: Vocabulary, vectors: VectorCache | None,
) -> SearchResult:
    fparams: dict[str, Any] = {}
    filters = r.filter_sql(query, slot, fparams)
    plan, counts = _first_matching(conn, plans(engine, slot, query.q, vocab), filters, fparams)
    if vectors is not None and plan.is_text:
        ranked, total, extra = _hybrid(conn, slot, plan, counts, query, filters, fparams, vectors)
    else:
        ranked, total, extra = _keyword(conn, plan, counts, query, filters, fparams)
    facets = {}
    if query.facets:
        nums_sql, nparams = _nums_sql(slot, plan, filters, fparams, extra)
        facets = r.facet_counts(conn, slot, nums_sql, nparams, query.facets)
    return SearchResult(_hits(conn, slot, ranked, plan), total, facets)


def _first_matching(
    conn: Connection, candidates: list[Plan], filters: str, fparams: dict
) -> tuple[Plan, list[int]]:
    """The first plan (all words, then fewer) that matches something, with its tier sizes."""
    for plan in candidates:
        counts = [r.count(conn, m, filters, fparams) for m in plan.tiers]
        if any(counts):
            return plan, counts
    return candidates[0], [0] * len(candidates[0].tiers)


def _keyword(
    conn: Connection, plan: Plan, counts: list[int], query: SearchQuery, filters: str, fparams: dict
) -> tuple[list[tuple[int, float]], int, list[int]]:
    everything = not plan.is_text and plan.tiers[0].score_sql == "0"  # no words: newest first
    if query.sort == "newest" or everything:
        cands, total = r.newest_window(conn, plan.tiers, counts, filters, fparams, query.per_page, query.offset)
    else:
        cands, total = r.tiered_window(conn, plan.tiers, counts, filters, fparams, query.per_page, query.offset)
    ranked = [(c.num, 1.0 - (query.offset + i) / (total + 1)) for i, c in enumerate(cands)]
    return ranked, total, []


def _hybrid(
    conn: Connection, slot: str, plan: Plan, counts: list[int], query: SearchQuery, filters: str,
    fparams: dict, vectors: VectorCache,
) -> tuple[list[tuple[int, float]], int, list[int]]:
    """Keyword candidates and filtered semantic neighbours blended; returns extra (semantic-only) nums."""
    pool = max(HYBRID_POOL, query.offset + query.per_page)
    cands, kw_total = r.tiered_window(conn, plan.tiers, counts, filters, fparams, pool, 0)
    keyword = _normalise(cands)
    anchors = [c.num for c in cands if c.tier < TYPO_TIER][:FEEDBACK_HITS]
    vector = vectors.feedback(query.vector, anchors)
    near = dict(accept_semantic(vectors.nearest(vector), floor=SEM_FLOOR if not anchors else 0.0))
    allowed = _allowed(conn, slot, list(near), filters, fparams)
    only = sorted((n for n in allowed if n not in keyword), key=lambda n: -near[n])[:SEM_MAX]
    semantic = {n: near[n] for n in allowed if n in keyword} | {n: near[n] for n in only}
    beyond = _keyword_matches(conn, plan, only, filters, fparams) if kw_total > len(keyword) else set()
    extra = [n for n in only if n not in beyond]
    merged = blend(keyword, semantic, query.semantic_ratio)
    if query.sort == "newest":
        created = _created(conn, slot, [b.num for b in merged])
        merged.sort(key=lambda b: (created.get(b.num, ""), b.num), reverse=True)
    page = merged[query.offset:query.offset + query.per_page]
    return [(b.num, round(b.score, 4)) for b in page], kw_total + len(extra), extra


def _normalise(cands: list[r.Candidate]) -> dict[int, tuple[float, int]]:
    """Keyword scores on [0, 1]: typo-free tiers in [0.6, 1], the typo tier in [0.3, 0.6], relative to the
    tier's best; the tier is returned as 0 for typo-free matches (what `blend` keeps on top)."""
    best: dict[int, float] = {}
    for c in cands:
        best[c.tier] = max(best.get(c.tier, 0.0), c.score)
    out = {}
    for c in cands:
        base, span = (0.6, 0.4) if c.tier < TYPO_TIER else (0.3, 0.3)
        rel = c.score / best[c.tier] if best[c.tier] > 0 else 1.0
        if c.tier == 1:  # a prefix-only match ranks just under the exact ones
            base, span = 0.6, 0.2
        out[c.num] = (base + span * rel, 0 if c.tier < TYPO_TIER else 1)
    return out


def _allowed(conn: Connection, slot: str, nums: list[int], filters: str, fparams: dict) -> set[int]:
    """Those of `nums` still in the slot and passing the filters."""
    if not nums:
        return set()
    params = {**fparams, **{f"n{i}": n for i, n in enumerate(nums)}}
    marks = ", ".join(f":n{i}" for i in range(len(nums)))
    sql = f"SELECT d.num FROM search_doc_{slot} d WHERE d.num IN ({marks}) AND {filters}"
    return {row.num for row in conn.execute(text(sql), params)}


def _keyword_matches(
    conn: Connection, plan: Plan, nums: list[int], filters: str, fparams: dict
) -> set[int]:
    """Those of `nums` that also match the keywords (found beyond the blended pool)."""
    if not plan.is_text or not nums:
        return set()
    marks = ", ".join(f":k{i}" for i in range(len(nums)))
    params = {f"k{i}": n for i, n in enumerate(nums)}
    found: set[int] = set()
    for m in plan.tiers:
        sql = f"SELECT d.num FROM {m.from_sql} WHERE {m.where_sql} AND d.num IN ({marks}) AND {filters}"
        found |= {row.num for row in conn.execute(text(sql), {**m.params, **fparams, **params})}
    return found


def _created(conn: Connection, slot: str, nums: list[int]) -> dict[int, str]:
    if not nums:
        return {}
    marks = ", ".join(f":n{i}" for i in range(len(nums)))
    sql = f"SELECT num, created_at FROM search_doc_{slot} WHERE num IN ({marks})"
    return dict(conn.execute(text(sql), {f"n{i}": n for i, n in enumerate(nums)}).tuples().all())


def _nums_sql(slot: str, plan: Plan, filters: str, fparams: dict, extra: list[int]) -> tuple[str, dict]:
    """A SELECT of every matched num (all tiers, plus semantic-only ones) for facet counting."""
    params: dict[str, Any] = dict(fparams)
    parts = []
    for m in plan.tiers:
        parts.append(f"SELECT d.num FROM {m.from_sql} WHERE {m.where_sql} AND {filters}")
        params.update(m.params)
    if extra:
        marks = ", ".join(f":x{i}" for i in range(len(extra)))
        parts.append(f"SELECT num FROM search_doc_{slot} WHERE num IN ({marks})")
        params.update({f"x{i}": n for i, n in enumerate(extra)})
    return " UNION ".join(parts), params


def _hits(conn: Connection, slot: str, ranked: list[tuple[int, float]], plan: Plan) -> list[Hit]:
    if not ranked:
        return []
    marks = ", ".join(f":n{i}" for i in range(len(ranked)))
    rows = conn.execute(
        text(f"SELECT num, doc FROM search_doc_{slot} WHERE num IN ({marks})"),
        {f"n{i}": num for i, (num, _) in enumerate(ranked)},
    )
    docs = {row.num: json.loads(row.doc) for row in rows}
    hits = []
    for num, score in ranked:
        doc = docs.get(num)
        if doc is None:  # deleted between the ranking and this read
            continue
        hits.append(Hit(
            doc["id"], doc["type"], doc["ref"], doc["title"], score,
            {
                "title": highlight(doc["title"], plan.terms, plan.prefixes),
                "description": highlight(doc["description"], plan.terms, plan.prefixes, crop=CROP_WORDS),
            },
            doc,
        ))
    return hits
