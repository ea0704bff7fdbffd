"""From a query string to match sets: HS-code queries, word queries with typo tiers and prefix, or everything.

Each query word becomes a group of alternatives: its typed and folded forms (prefixes too when it is the
last word), and in the typo tier the indexed terms within its typo budget. A document must match every
group; when nothing matches all words, the last word is dropped and the query tried again, as Meilisearch's
default "last" matching strategy does.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from search.analysis import QueryWord, hs_query, query_words, typo_budget
from search.embedded.fulltext import Group, PostgresFts, SqliteFts
from search.embedded.retrieval import MatchSet, hs_condition
from search.typos import Vocabulary

_MIN_PREFIX = 2


@dataclass
class Plan:
    """Tiers to run (disjoint, best first), and what the highlighter should mark."""

    tiers: list[MatchSet]
    terms: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)
    is_text: bool = False


def all_documents(slot: str) -> Plan:
    """No words: every document, newest first."""
    return Plan([MatchSet(f"search_doc_{slot} d", "1 = 1", "0")])


def hs_plan(slot: str, code: str) -> Plan:
    """Documents whose explicit or inferred code starts with `code`; explicit codes rank first."""
    params: dict[str, str] = {}
    where = hs_condition(slot, [code], params, "q_hs")
    explicit = (
        f"CASE WHEN EXISTS (SELECT 1 FROM search_facet_{slot} f WHERE f.num = d.num AND f.name = 'hs' "
        f"AND f.value LIKE :q_hs0) THEN 2 ELSE 1 END"
    )
    return Plan([MatchSet(f"search_doc_{slot} d", where, explicit, params)], terms={code})


def _exact_group(word: QueryWord) -> list[tuple[str, bool]]:
    forms = list(dict.fromkeys([word.raw, word.fold]))
    group = [(f, False) for f in forms]
    if word.is_last:
        group += [(f, True) for f in forms if len(f) >= _MIN_PREFIX]
    return group


def _typo_group(word: QueryWord, vocab: Vocabulary) -> list[tuple[str, bool]]:
    """Indexed terms within the word's budget (counted on the typed word), other than its exact forms."""
    found = vocab.variants(word.raw) | vocab.variants(word.fold, budget=typo_budget(word.raw))
    exact = {word.raw, word.fold}
    return [(t, False) for t, typos in sorted(found.items()) if typos > 0 and t not in exact]


def word_plan(engine: SqliteFts | PostgresFts, slot: str, words: list[QueryWord], vocab: Vocabulary) -> Plan:
    """Tier 0: every word matched as typed, folded or as a prefix; tier 1: some word needs a typo."""
    exact: list[Group] = [_exact_group(w) for w in words]
    typos = [_typo_group(w, vocab) for w in words]
    tier0 = engine.match(slot, "m0")
    tiers = [MatchSet(tier0.from_sql, tier0.where_sql, tier0.score_sql, {"m0": engine.expression(exact)})]
    if any(typos):
        full = [list(e) + t for e, t in zip(exact, typos, strict=True)]
        tier1 = engine.match(slot, "m1")
        expr = engine.expression(full, exclude=exact)
        tiers.append(MatchSet(tier1.from_sql, tier1.where_sql, tier1.score_sql, {"m1": expr}, tier=1))
    terms = {t for g in exact for t, p in g if not p} | {t for g in typos for t, _ in g}
    prefixes = {t for g in exact for t, p in g if p}
    return Plan(tiers, terms, prefixes, is_text=True)


def plans(engine: SqliteFts | PostgresFts, slot: str, q: str, vocab: Vocabulary) -> list[Plan]:
    """The plan for a query and its fallbacks with trailing words dropped (tried in order until one matches)."""
    if code := hs_query(q):
        return [hs_plan(slot, code)]
    words = query_words(q)
    if not words:
        return [all_documents(slot)]
    return [word_plan(engine, slot, words[:n], vocab) for n in range(len(words), 0, -1)]
