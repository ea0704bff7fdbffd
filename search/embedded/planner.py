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
    """The word as typed, folded and stemmed."""
    return [(f, False) for f in dict.fromkeys([word.raw, word.fold, *word.stems])]


def _prefix_group(word: QueryWord) -> list[tuple[str, bool]]:
    """Prefix forms of the last word (typed and folded), when it is long enough to be worth it."""
    if not word.is_last:
        return []
    return [(f, True) for f in dict.fromkeys([word.raw, word.fold]) if len(f) >= _MIN_PREFIX]


def _typo_group(word: QueryWord, vocab: Vocabulary) -> list[tuple[str, bool]]:
    """Indexed terms within the word's budget (counted on the typed word), other than its exact forms."""
    found = vocab.variants(word.raw) | vocab.variants(word.fold, budget=typo_budget(word.raw))
    exact = {word.raw, word.fold, *word.stems}
    return [(t, False) for t, typos in sorted(found.items()) if typos > 0 and t not in exact]


def _tier(engine: SqliteFts | PostgresFts, slot: str, tier: int, groups: list[Group],
          exclude: list[Group] | None) -> MatchSet:
    sql = engine.match(slot, f"m{tier}")
    return MatchSet(sql.from_sql, sql.where_sql, sql.score_sql, {f"m{tier}": engine.expression(groups, exclude)},
                    tier=tier)


def word_plan(engine: SqliteFts | PostgresFts, slot: str, words: list[QueryWord], vocab: Vocabulary) -> Plan:
    """Tiers, as Meilisearch's typo and exactness rules order them: 0 = every word as typed, folded or
    stemmed; 1 = the last word only as a prefix; 2 = some word needs a typo. Each excludes the ones before."""
    exact: list[Group] = [_exact_group(w) for w in words]
    with_prefix: list[Group] = [e + _prefix_group(w) for e, w in zip(exact, words, strict=True)]
    typos = [_typo_group(w, vocab) for w in words]
    tiers = [_tier(engine, slot, 0, exact, None)]
    if any(_prefix_group(w) for w in words):
        tiers.append(_tier(engine, slot, 1, with_prefix, exact))
    if any(typos):
        full = [p + t for p, t in zip(with_prefix, typos, strict=True)]
        tiers.append(_tier(engine, slot, 2, full, with_prefix))
    terms = {t for g in exact for t, _ in g} | {t for g in typos for t, _ in g}
    prefixes = {t for w in words for t, _ in _prefix_group(w)}
    return Plan(tiers, terms, prefixes, is_text=True)


def plans(engine: SqliteFts | PostgresFts, slot: str, q: str, vocab: Vocabulary) -> list[Plan]:
    """The plan for a query and its fallbacks with trailing words dropped (tried in order until one matches)."""
    if code := hs_query(q):
        return [hs_plan(slot, code)]
    words = query_words(q)
    if not words:
        return [all_documents(slot)]
    return [word_plan(engine, slot, words[:n], vocab) for n in range(len(words), 0, -1)]
