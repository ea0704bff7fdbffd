"""Running one query on the embedded backend: plan, rank (keyword or hybrid), page, facets, highlights."""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, text

from search.analysis import QueryWord, as_typed, highlight, query_words, word_forms, words
from search.base import Hit, SearchQuery, SearchResult
from search.chinese import spaced
from search.countries import country_codes
from search.documents import own_text_matches
from search.embedded import planner
from search.embedded import retrieval as r
from search.embedded.expand import anchor_headings, pivot_nums, with_owners
from search.embedded.facets import FacetCache
from search.embedded.fulltext import PostgresFts, SqliteFts
from search.embedded.planner import Plan, any_plan, held, plans, word_plan
from search.embedded.vectors import (
    FEEDBACK_HITS,
    SEM_FLOOR,
    SEM_LOW,
    SEM_MAX,
    VectorCache,
    accept_semantic,
    blend,
)
from search.intent import intent_of
from search.kazakh import without_echo
from search.roles import Role, answering_kind, other_side, role_of
from search.synonyms import thesaurus
from search.typos import Vocabulary

TYPO_TIER = 2  # tiers below this matched every word without a typo (see planner.word_plan)
PREFIX_TIER = 1  # matched the last word as the start of a longer one ("sera" in "Serakhs")
# A query that names a concept whole ("sera": greenhouse in Turkish) finds the concept's other names before the
# longer words its last word starts; off = the query's own prefix matches first (the state before)
PREFIX_AFTER_SYNONYMS = True
# Alternative phrasings with a word no listing holds (by the vocabulary) are left out of the query sent to the
# database: they match nothing, and a query of 40 phrasings cost PostgreSQL 4 ms per check at 935 listings
# (docs/benchmarks.md, "The site under load"); off = every phrasing sent (the state before)
PRUNE_ALTERNATIVES = True
# ... and they are left out before the cap on phrasings (`search.synonyms.MAX_ALTERNATIVES`), so that the cap counts
# only phrasings that could match; off = the cap first, then the pruning (the state before)
PRUNE_BEFORE_CAP = True
# A partner role's matches without its words (search.roles) rank the companies of the other side of the trade
# with the other kind of listing: buyers are looked for among diaspora businesses, sellers among Kazakh exporters
# (the two kinds of company the platform has); off = every company ranked with the role's kind (the state before)
ROLE_SIDES = True
# ... and so do the query's own matches and its other phrasings' of the other side: "wool exporters" as typed matched
# the listings of an importer named "... Import & Export Co." before the wool offers; off = those keep their places
# whatever their side (the state before)
ROLE_SIDES_OWN = True
# A query whose words are not all in one document is tried with fewer words (as Meilisearch's `matchingStrategy`
# does): on, the words no document holds go first, then the word found in the most documents, a country's name last
# (`_fewer_words`); off = the last word first (Meilisearch's default "last", the state before, which the Meilisearch
# backend keeps: its own "frequency" strategy keeps the words no document holds, and that order measured below
# "last", docs/benchmarks.md)
FEWER_BY_FREQUENCY = True
# The words a query keeps when it goes without some (`FEWER_BY_FREQUENCY`) are searched with their own alternative
# phrasings too ("Kazakistan'dan buğday ithal etmek istiyoruz" keeps "buğday", which the thesaurus also names
# "пшеница" and "wheat"); off = the words kept as typed only (the state before)
FEWER_WITH_SYNONYMS = True
# With `FEWER_BY_FREQUENCY`, a word of a concept the thesaurus names goes without only after the others, countries
# aside, even when no document holds it; off = by its frequency like any other word (the state before)
FEWER_KEEPS_CONCEPTS = True
# ... and among words found equally often, the first part of a compound the query parted
# (`search.synonyms.Thesaurus.parted`) goes without before the others: German puts a compound's head last, so
# "Rinderinnereien" (beef offal), whose parts no listing holds, keeps "innereien" (offal), not "rinder" (cattle); a
# part found more often still goes first ("Ersatzteilservice" keeps "ersatzteil"); off = the later word first among
# equals (the state before)
FEWER_KEEPS_HEADS = True
# ... and it never keeps countries' names alone: "we need frozen beef tongues and livers delivered to Hong Kong" found
# no listing of beef tongue by those words, and "Hong Kong" alone answered with whatever names the place, where the
# listings close in meaning say more; off = a country's name may be the last word kept (the state before)
FEWER_NOT_COUNTRIES_ALONE = True
# A listing's own text (title, description, ref, countries) names the query's words, or its owner's name and sectors
# do: a listing found through its owner's alone ranks after the typo-free matches that name the words themselves,
# among the first `OWNER_CHECK` keyword candidates: "шерсть" found the honey, flour and flaxseed requests of an
# importer whose sectors say "wool" before a request for raw wool in Chinese; off = both alike (the state before)
OWNER_ONLY_LAST = True
OWNER_CHECK = 40
# keyword-like score of a listing found only through the HS pivot (typo matches score 0.3-0.6)
PIVOT_SCORE = 0.5
ANCHOR_PIVOT = True  # the explicit codes of the best keyword hits are pivot headings too
HYBRID_POOL = 100  # keyword candidates blended with the semantic ones (more than any page shows)
CROP_WORDS = 40
# totals are exact up to here and then reported as this number, as Meilisearch's default maxTotalHits does
MAX_TOTAL = 1000
Ranked = list[tuple[int, float]]


def run_search(
    conn: Connection, engine: SqliteFts | PostgresFts, slot: str, query: SearchQuery,
    vocab: Vocabulary, vectors: VectorCache | None, facet_cache: FacetCache | None = None,
) -> SearchResult:
    if (q := spaced(query.q)) != query.q:  # a Chinese run parted into words
        query = replace(query, q=q)
    q, modifiers = thesaurus().parting(query.q, vocab.__contains__)  # "Ersatzteilservice": two words
    if q != query.q:
        query = replace(query, q=q)
    if not FEWER_KEEPS_HEADS:
        modifiers = frozenset()
    if (q := without_echo(query.q, lambda word: _holds(vocab, word), _names_second)) != query.q:
        query = replace(query, q=q)  # "киім-кешек" as "киім"
    if intent := intent_of(query.q, thesaurus()):  # "нужен экспедитор": searched without "нужен"
        query = replace(query, q=intent.rest)
    fparams: dict[str, Any] = {}
    filters = r.filter_sql(query, slot, fparams)
    join = filters != r.NO_FILTER or query.sort == "newest"
    candidates = plans(engine, slot, query.q, vocab, join, fallbacks=not FEWER_BY_FREQUENCY)
    role = role_of(query.q, thesaurus(), query.filter_values("kind")) if candidates[0].is_text else None
    alts = (_synonym_plans(conn, engine, slot, query.q, vocab, join, filters, fparams, role)
            if candidates[0].is_text else [])
    fewer = (lambda: _fewer_words(conn, engine, slot, query.q, vocab, join, filters, fparams, modifiers)) if (
        FEWER_BY_FREQUENCY and candidates[0].is_text) else None

    def phrased(rest: str) -> tuple[list[Plan], Role | None]:  # the alternative phrasings of the words kept
        kept_role = role_of(rest, thesaurus(), query.filter_values("kind"))
        return _synonym_plans(conn, engine, slot, rest, vocab, join, filters, fparams, kept_role), kept_role

    plan, total, rephrased, kept = _first_matching(conn, candidates, filters, fparams, bool(alts), fewer,
                                                   phrased if FEWER_WITH_SYNONYMS else None)
    if rephrased is not None:
        alts, role = rephrased
    # who answers the query: a role says it best ("ищем дистрибьютора" asks for buyers), else the stated intent
    answer = answering_kind(role, intent.kind if intent else None)
    extra: list[int] = []
    if vectors is not None and (plan.is_text or plan.is_hs):
        ranked, extra = _hybrid(conn, slot, plan, total, query, filters, fparams, vectors, alts,
                                role.kind if role else answer or "offer", answer)
    else:
        ranked, extra = _keyword(conn, slot, plan, total, query, filters, fparams, alts, answer)
    total += len(extra)
    facets = {}
    if query.facets and facet_cache is not None:
        nums_sql, nparams = _nums_sql(conn, slot, plan, filters, fparams, extra)
        matched = conn.execute(text(nums_sql), nparams).scalars().all()
        facets = facet_cache.counts(matched, query.facets)
    return SearchResult(_hits(conn, slot, ranked, *_terms(plan, alts)), total, facets,
                        searched=as_typed(query.q, kept) if kept and total else None)


def _terms(plan: Plan, alts: list[Plan]) -> tuple[set[str], set[str]]:
    """The terms and prefixes a plan and its alternative phrasings match by (what highlights mark)."""
    return plan.terms.union(*(a.terms for a in alts)), plan.prefixes.union(*(a.prefixes for a in alts))


def _first_matching(
    conn: Connection, candidates: list[Plan], filters: str, fparams: dict, synonyms: bool = False,
    fewer: Callable[[], list[tuple[Plan, int | None, str]]] | None = None,
    phrased: Callable[[str], tuple[list[Plan], Role | None]] | None = None,
) -> tuple[Plan, int, tuple[list[Plan], Role | None] | None, str]:
    """The first plan (all words, then fewer: `fewer()` when given, with their totals where known and the words
    they keep, else `candidates[1:]`) that matches something, with its total, and with `phrased` the alternative
    phrasings (and role) of the words a plan of `fewer()` keeps: such a plan is taken when its words or their
    phrasings match. With `synonyms` (an alternative phrasing matches all the words) the first plan stays, even
    when it alone matches nothing. Last, the words a plan of `fewer()` keeps ("" for the first plan)."""
    first = candidates[0]
    if total := r.count(conn, first.full, filters, fparams, cap=MAX_TOTAL):
        return first, total, None, ""
    if synonyms:
        return first, 0, None, ""
    for plan, known, rest in fewer() if fewer else [(c, None, "") for c in candidates[1:]]:
        total = known if known is not None else r.count(conn, plan.full, filters, fparams, cap=MAX_TOTAL)
        rephrased = phrased(rest) if phrased and rest else None
        if total or rephrased and rephrased[0]:
            return plan, total, rephrased, rest
    return first, 0, None, ""


def _holds(vocab: Vocabulary, word: str) -> bool:
    """Whether some listing holds `word` as typed, folded or stemmed (by the vocabulary of indexed terms)."""
    return any(form in vocab for term in words(word) for form in word_forms(term))


def _names_second(pair: str) -> bool:
    """Whether a concept's name in the thesaurus takes in the second word of a two-word `pair`."""
    return any(start <= 1 < end for start, end, _ in thesaurus().matches(pair))


def _fewer_words(
    conn: Connection, engine: SqliteFts | PostgresFts, slot: str, q: str, vocab: Vocabulary, join: bool,
    filters: str, fparams: dict, modifiers: frozenset[str] = frozenset(),
) -> list[tuple[Plan, int | None, str]]:
    """Plans of the query with ever fewer words (`FEWER_BY_FREQUENCY`), each with its total where it is known and
    the words it keeps: first without the words no document holds (no plan keeping one could match), then without
    the word found in the most documents, the later word first among equals, as Meilisearch's "frequency" strategy
    orders them: in "ищем инвестора для агропроекта" the words every request holds go before the ones that say
    what is sought. A country's name goes last: many listings name the country, yet "韩国进口商" asks for Korea's
    importers; but no plan keeps countries' names alone (`FEWER_NOT_COUNTRIES_ALONE`). With `FEWER_KEEPS_CONCEPTS`,
    a word of a concept the thesaurus names beside other words goes after the others, countries still last, even
    when no document holds it: its other names may match ("Weizen" is "пшеница"). Among words found equally often,
    a compound's first part (`modifiers`) goes before the others."""
    words = query_words(q)
    if len(words) < 2:
        return []
    alone = [word_plan(engine, slot, [w], vocab, join) for w in words]
    found = [r.count(conn, plan.full, filters, fparams, cap=MAX_TOTAL) for plan in alone]
    named = {i for start, end, _ in thesaurus().matches(q) for i in range(start, end)} if (
        FEWER_KEEPS_CONCEPTS) else set()
    if len(named) == len(words):  # a concept is all the query names: its words by their frequency
        named = set()
    countries = {i for i, word in enumerate(words) if country_codes(word)}
    order = sorted(range(len(words)), key=lambda i: (
        i in named or found[i] > 0, i in countries, i in named, -found[i], words[i].raw not in modifiers, -i))

    def fewer(k: int) -> tuple[Plan, int | None, str]:  # the query without the first k words of `order`
        kept = sorted(order[k:])
        rest = " ".join(words[i].raw for i in kept)
        if k == len(words) - 1:  # the last word: counted already
            return alone[order[-1]], found[order[-1]], rest
        return word_plan(engine, slot, [words[i] for i in kept], vocab, join), None, rest

    return [fewer(k) for k in range(1, len(words))
            if not (FEWER_NOT_COUNTRIES_ALONE and set(order[k:]) <= countries)]


def _synonym_plans(
    conn: Connection, engine: SqliteFts | PostgresFts, slot: str, q: str, vocab: Vocabulary, join: bool,
    filters: str, fparams: dict, role: Role | None = None,
) -> list[Plan]:
    """A plan for the query's alternative phrasings of the same concept and one for those naming kinds of it
    (`search.synonyms`, ranked in that order), each left out when there are none or it matches nothing. A
    concept's name misspelt in a word no listing holds is read as the thesaurus spells it ("amophos":
    `Thesaurus.spelled`), and that spelling is one more alternative. With a `role`, a last plan holds the query
    without the role's words and its phrasings (`search.roles`), marked with the kind the role publishes."""
    levels: list[tuple[list[str], str | None]] = [(level, None) for level in _phrasings(q, vocab)]
    if role:
        levels.append(([role.rest, *(alt for level in _phrasings(role.rest, vocab) for alt in level)], role.kind))
    plans = []
    typed = frozenset(w.raw for w in query_words(q))
    for level, kind in levels:
        alternatives = [words for alt in level if (words := query_words(alt, thesaurus().kept_stopwords(alt)))
                        and (not PRUNE_ALTERNATIVES or held(words, vocab, typed))]
        plan = any_plan(engine, slot, alternatives, join, typed, vocab) if alternatives else None
        if plan and r.count(conn, plan.full, filters, fparams, cap=1):
            plan.kind = kind
            plans.append(plan)
    return plans


def _phrasings(q: str, vocab: Vocabulary) -> list[list[str]]:
    """The query's alternative phrasings of the same concept (its misspelt concept name spelt right first),
    and those naming kinds of it."""
    th = thesaurus()
    spelled = th.spelled(q, vocab.__contains__, vocab.variants)
    usable = _usable(vocab) if PRUNE_ALTERNATIVES and PRUNE_BEFORE_CAP else None
    same, kinds = th.alternatives_by_level(spelled, usable)
    return [[spelled, *same] if spelled != q else same, kinds]


def _usable(vocab: Vocabulary) -> Callable[[str], bool]:
    """Whether a thesaurus phrase could match: each of its words is held by some listing (`held`). Remembered per
    vocabulary, which only grows: a phrase held stays held, one not held is read again once new terms came in."""
    seen = _USABLE.setdefault(vocab, {})

    def usable(phrase: str) -> bool:
        key, size = (phrase, planner.PHRASE_FOLD_KAZAKH_ONLY), len(vocab)
        if (was := seen.get(key)) is True or was == size:
            return was is True
        now = bool(words := _phrase_words(phrase)) and held(list(words), vocab)
        seen[key] = True if now else size
        return now

    return usable


# `_usable`'s answers per vocabulary: a search checks every phrase of its concepts (about 125 a search, 18% of its
# CPU time over the query sets of bench/search_eval.py before they were remembered)
_USABLE: WeakKeyDictionary[Vocabulary, dict[tuple[str, bool], bool | int]] = WeakKeyDictionary()


@lru_cache(maxsize=65536)
def _phrase_words(phrase: str) -> tuple[QueryWord, ...]:
    """The words of a thesaurus phrase, remembered: a concept's phrases are read again by every query naming it,
    and more than `query_words` keeps (the shipped thesaurus has about 28,000); with the function words of other
    languages it holds as its own (`Thesaurus.kept_stopwords`)."""
    return tuple(query_words(phrase, thesaurus().kept_stopwords(phrase)))


def _with_synonyms(
    conn: Connection, slot: str, own: list[r.Candidate], alts: list[Plan], filters: str, fparams: dict,
    limit: int, newest: bool = False, closeness: Callable[[list[int]], dict[int, float]] | None = None,
) -> tuple[list[r.Candidate], list[int]]:
    """The query's own candidates merged with those of its alternative phrasings, first `limit`: matches
    without a typo before those with one, the query's own wording first within each, except that its last word
    as the start of a longer word comes after the alternatives (`PREFIX_AFTER_SYNONYMS`); by creation time with
    `newest`. Also returns the nums only the alternatives found.

    When the query's own typo-free matches fill the `limit` already, no alternative could enter it: they are not
    ranked at all (a common phrase costs a bm25 pass over every listing of its synonyms, ~100 ms at 100,000
    listings), and the total counts the query's own matches only."""
    ahead = PREFIX_TIER if PREFIX_AFTER_SYNONYMS else TYPO_TIER  # own matches no alternative can pass
    role = next((a.kind for a in alts if a.kind), None) if ROLE_SIDES_OWN and not newest else None
    if role:  # the other side of a role among the query's own matches: after the rest
        own = _sides_last(conn, slot, own, role)
    if not alts or (not newest and sum(c.tier < ahead for c in own) >= limit):
        return own, []
    if newest:
        other = [c for a in alts for c in r.newest_window(conn, a.full, filters, fparams, limit, 0)]
        merged = sorted(own + other, key=lambda c: (c.created_at, c.num), reverse=True)
    else:
        other = []
        for a in alts:
            window = r.tiered_window(conn, a.tiers, filters, fparams, limit, 0)
            other += _kind_first(conn, slot, a, window, closeness) if a.kind or not role else _sides_last(
                conn, slot, window, role)
        # stable: own first in each class; the query's own prefix matches (alternatives have no prefix tier) after
        # the alternatives' whole words
        merged = sorted(own + other, key=lambda c: (c.tier >= TYPO_TIER,
                                                    PREFIX_AFTER_SYNONYMS and c.tier == PREFIX_TIER))
    first = {}
    for c in merged:
        first.setdefault(c.num, c)
    out = list(first.values())[:limit]
    mine = {c.num for c in own}
    return out, [c.num for c in out if c.num not in mine]


def _owner_only_last(conn: Connection, slot: str, cands: list[r.Candidate], terms: set[str],
                     prefixes: set[str]) -> list[r.Candidate]:
    """`cands` with the typo-free listings among the first `OWNER_CHECK` whose own text holds none of `terms` (and
    no word starting with one of `prefixes`) after the other typo-free ones there: they matched through their
    owner's name or sectors (`OWNER_ONLY_LAST`). Only the order within the first `OWNER_CHECK` changes, so a page
    beyond them is the same whatever their order."""
    top = cands[:OWNER_CHECK]
    clean = [c.num for c in top if c.tier < TYPO_TIER]
    if not OWNER_ONLY_LAST or not clean:
        return cands
    params: dict[str, Any] = {}
    sql = (f"SELECT num, doc FROM search_doc_{slot} "
           f"WHERE {r.one_of(conn, 'num', clean, params, 'o')} AND type = 'opportunity'")
    starts = tuple(prefixes)
    owners = {num for num, doc in conn.execute(text(sql), params)
              if not own_text_matches(json.loads(doc), terms, starts)}
    if not owners:
        return cands
    return sorted(top, key=lambda c: (c.tier >= TYPO_TIER, c.num in owners)) + cands[OWNER_CHECK:]


def _sides_last(conn: Connection, slot: str, cands: list[r.Candidate], kind: str) -> list[r.Candidate]:
    """`cands` with those of the side opposite a role publishing `kind` last, ranked as typo matches: its listings,
    and with `ROLE_SIDES` its companies (a role's own plan, `_kind_first`, and with `ROLE_SIDES_OWN` the query's own
    matches and its other phrasings' beside it)."""
    if not cands:
        return cands
    listings, companies = other_side(kind)
    other = _of_kinds(conn, slot, [c.num for c in cands], [listings, companies] if ROLE_SIDES else [listings])
    return [r.Candidate(c.num, c.score, TYPO_TIER, c.created_at) if c.num in other else c
            for c in sorted(cands, key=lambda c: c.num in other)]


def _kind_first(conn: Connection, slot: str, plan: Plan, cands: list[r.Candidate],
                closeness: Callable[[list[int]], dict[int, float]] | None = None) -> list[r.Candidate]:
    """A role's plan's candidates (`Plan.kind`): listings of the role's kind and companies of its side first,
    the other side's ranked as typo matches (`ROLE_SIDES`); with `closeness` (cosines to the query), the closest
    first within each, as the words left without the role may name other goods too ("мёда" folds like "медь")."""
    if not plan.kind or not cands:
        return cands
    if closeness:
        near = closeness([c.num for c in cands])
        cands = sorted(cands, key=lambda c: -near.get(c.num, -1.0))
    return _sides_last(conn, slot, cands, plan.kind)


def _own_side(conn: Connection, slot: str, nums: list[int], answer: str | None) -> set[int]:
    """Those of `nums` that are listings of the writer's own side of a stated intent (`search.intent`: `answer`
    is the kind of listing that answers it): they rank after every answer. Empty without an intent."""
    return _of_kinds(conn, slot, nums, [other_side(answer)[0]]) if answer and nums else set()


def _of_kinds(conn: Connection, slot: str, nums: list[int], kinds: list[str]) -> set[int]:
    """Those of `nums` whose document is of one of `kinds` (listing or company kinds)."""
    params: dict[str, Any] = {}
    of = r.one_of(conn, "kind", kinds, params, "k", of="text")
    sql = f"SELECT num FROM search_doc_{slot} WHERE {r.one_of(conn, 'num', nums, params, 'c')} AND {of}"
    return set(conn.execute(text(sql), params).scalars())


def _keyword(
    conn: Connection, slot: str, plan: Plan, total: int, query: SearchQuery, filters: str, fparams: dict,
    alts: list[Plan] | None = None, answer: str | None = None,
) -> tuple[Ranked, list[int]]:
    """A page of keyword matches by rank (or date), and the nums only the query's synonyms found; with `answer`,
    the listings that answer a stated intent first (`_own_side`; not by date)."""
    everything = not plan.is_text and not plan.is_hs  # no words: newest first
    newest = query.sort == "newest" or everything
    answer = None if newest else answer
    # the first OWNER_CHECK ranked as one, when the page starts among them (`_owner_only_last`)
    owners = OWNER_ONLY_LAST and plan.is_text and not newest and query.offset < OWNER_CHECK
    if alts or answer or owners:  # merged from the top: alternative phrasings have no offset of their own
        end = query.offset + query.per_page
        # answers from below the page may move up; so may the first OWNER_CHECK among themselves
        end = max(end, HYBRID_POOL if answer else OWNER_CHECK if owners else 0)
        own = (r.newest_window(conn, plan.full, filters, fparams, end, 0) if newest
               else r.tiered_window(conn, plan.tiers, filters, fparams, end, 0))
        merged, by_synonym = _with_synonyms(conn, slot, own, alts or [], filters, fparams, end, newest)
        if owners:
            merged = _owner_only_last(conn, slot, merged, *_terms(plan, alts or []))
        seekers = _own_side(conn, slot, [c.num for c in merged], answer)
        merged.sort(key=lambda c: c.num in seekers)  # stable: the answers first, each side in its order
        cands = merged[query.offset:query.offset + query.per_page]
        counted = _keyword_matches(conn, plan, by_synonym, filters, fparams)  # beyond the window, in the total
        extra = [n for n in by_synonym if n not in counted]
    elif newest:
        cands, extra = r.newest_window(conn, plan.full, filters, fparams, query.per_page, query.offset), []
    else:
        cands, extra = r.tiered_window(conn, plan.tiers, filters, fparams, query.per_page, query.offset), []
    total += len(extra)
    return [(c.num, round(1.0 - (query.offset + i) / (total + 1), 4)) for i, c in enumerate(cands)], extra


def _hybrid(
    conn: Connection, slot: str, plan: Plan, kw_total: int, query: SearchQuery, filters: str,
    fparams: dict, vectors: VectorCache, alts: list[Plan] | None = None, owners_of: str = "offer",
    answer: str | None = None,
) -> tuple[Ranked, list[int]]:
    """Keyword candidates (the query's synonyms' too), listings under the HS pivot headings and filtered
    semantic neighbours blended; also returns the nums found by meaning or synonyms only (and companies brought
    in by their listings of kind `owners_of`). With `answer`, the listings that answer a stated intent first
    (`_own_side`)."""
    pool = max(HYBRID_POOL, query.offset + query.per_page)
    own = r.tiered_window(conn, plan.tiers, filters, fparams, pool, 0)
    cands, by_synonym = _with_synonyms(conn, slot, own, alts or [], filters, fparams, pool,
                                       closeness=lambda nums: vectors.cosines(query.vector, nums))
    if plan.is_text:
        cands = _owner_only_last(conn, slot, cands, *_terms(plan, alts or []))
    keyword = _normalise(cands)
    anchors = [c.num for c in cands if c.tier < TYPO_TIER][:FEEDBACK_HITS]
    vector = vectors.feedback(query.vector if plan.is_text else None, anchors)
    floor = SEM_FLOOR if query.semantic_floor is None else query.semantic_floor
    nearest = vectors.nearest(vector)
    near = dict(accept_semantic(nearest, floor if not anchors else 0.0, anchors))
    pivot = _pivot(conn, slot, plan, query, filters, fparams, vectors, vector, keyword, anchors,
                   [n for n, _ in nearest])
    # an HS code is about listings: its meaning-neighbours are listings too
    only_listings = f"{filters} AND d.type = 'opportunity'" if plan.is_hs else filters
    allowed = _allowed(conn, slot, list(near), only_listings, fparams)
    only = sorted((n for n in allowed if n not in keyword), key=lambda n: -near[n])[:SEM_MAX]
    semantic = {n: near[n] for n in allowed if n in keyword} | {n: near[n] for n in only} | pivot
    found_else = [*only, *pivot, *by_synonym]
    beyond = _keyword_matches(conn, plan, found_else, filters, fparams) if kw_total > len(own) else set()
    extra = [n for n in [*only, *pivot] if n not in beyond and n not in keyword]
    extra += [n for n in by_synonym if n not in beyond]
    keyword |= {n: (PIVOT_SCORE, 1) for n in pivot if n not in keyword}
    ranked, companies = _order(conn, slot, plan, query, blend(keyword, semantic, query.semantic_ratio), filters,
                               fparams, owners_of, answer)
    return ranked, list(dict.fromkeys(extra + companies))


def _order(
    conn: Connection, slot: str, plan: Plan, query: SearchQuery, merged: list, filters: str, fparams: dict,
    owners_of: str = "offer", answer: str | None = None,
) -> tuple[Ranked, list[int]]:
    """The page of a blended ranking (by date for sort=newest), companies placed after their listings of kind
    `owners_of` (a company takes its listing's score); also returns the companies so added. With `answer` (and
    by relevance), the listings of the writer's own side after all the others (`_own_side`)."""
    if query.sort == "newest":
        created = _created(conn, slot, [b.num for b in merged])
        merged.sort(key=lambda b: (created.get(b.num, ""), b.num), reverse=True)
    else:
        seekers = _own_side(conn, slot, [b.num for b in merged], answer)
        merged.sort(key=lambda b: b.num in seekers)
    scores = {b.num: b.score for b in merged}
    order, companies, moved = [b.num for b in merged], [], set()
    if plan.is_text:
        order, companies, moved = with_owners(conn, slot, order, filters, fparams, owners_of)
    ranked, last = [], 0.0
    for i, num in enumerate(order[:query.offset + query.per_page]):
        last = last if num in moved else scores.get(num, last)
        if i >= query.offset:
            ranked.append((num, round(last, 4)))
    return ranked, companies


def _pivot(
    conn: Connection, slot: str, plan: Plan, query: SearchQuery, filters: str, fparams: dict,
    vectors: VectorCache, vector, keyword: dict, anchors: list[int], nearest: list[int],
) -> dict[int, float]:
    """{num: cosine} of the listings under the query's HS pivot headings and the headings of the codes its
    best keyword hits carry (the best SEM_MAX not already found by keywords, looked for first among `nearest`):
    the nomenclature vouches for them, so no cosine floor applies."""
    if not plan.is_text:
        return {}
    from_hits = anchor_headings(conn, slot, anchors) if ANCHOR_PIVOT else []
    headings = list(dict.fromkeys([*query.hs_pivot, *from_hits]))
    nums = pivot_nums(conn, slot, headings, filters, fparams, nearest)
    cosines = {n: SEM_LOW for n in nums} | vectors.cosines(vector, nums)  # not embedded yet: still a candidate
    fresh = sorted((n for n in cosines if n not in keyword), key=lambda n: -cosines[n])[:SEM_MAX]
    return {n: cosines[n] for n in fresh}


def _normalise(cands: list[r.Candidate]) -> dict[int, tuple[float, int]]:
    """Keyword scores on [0, 1] by rank: typo-free matches in [0.6, 1], typo matches in [0.3, 0.6].

    The second value is 0 for typo-free matches (what `blend` keeps on top), 1 otherwise. Rank, not the raw
    engine score, because bm25 and ts_rank live on different scales and tiers are already ordered.
    """
    clean = [c for c in cands if c.tier < TYPO_TIER]
    typos = [c for c in cands if c.tier >= TYPO_TIER]
    out = {c.num: (1.0 - 0.4 * i / max(1, len(clean)), 0) for i, c in enumerate(clean)}
    out |= {c.num: (0.6 - 0.3 * i / max(1, len(typos)), 1) for i, c in enumerate(typos)}
    return out


def _allowed(conn: Connection, slot: str, nums: list[int], filters: str, fparams: dict) -> set[int]:
    """Those of `nums` still in the slot and passing the filters."""
    if not nums:
        return set()
    params: dict[str, Any] = {}
    sql = f"SELECT d.num FROM search_doc_{slot} d WHERE {r.one_of(conn, 'd.num', nums, params, 'n')} AND {filters}"
    return {row.num for row in conn.execute(text(sql), {**fparams, **params})}


def _keyword_matches(conn: Connection, plan: Plan, nums: list[int], filters: str, fparams: dict) -> set[int]:
    """Those of `nums` that also match the keywords (found beyond the blended pool)."""
    if not plan.is_text or not nums:
        return set()
    params: dict[str, Any] = {}
    m = plan.full
    sql = f"{m.nums(filters)} AND {r.one_of(conn, m.num_sql, nums, params, 'k')}"
    return {row.num for row in conn.execute(text(sql), {**m.params, **fparams, **params})}


def _created(conn: Connection, slot: str, nums: list[int]) -> dict[int, str]:
    if not nums:
        return {}
    params: dict[str, Any] = {}
    sql = f"SELECT num, created_at FROM search_doc_{slot} WHERE {r.one_of(conn, 'num', nums, params, 'n')}"
    return dict(conn.execute(text(sql), params).all())


def _nums_sql(conn: Connection, slot: str, plan: Plan, filters: str, fparams: dict,
              extra: list[int]) -> tuple[str, dict]:
    """A SELECT of every matched num (plus semantic-only ones) for facet counting."""
    sql, params = plan.full.nums(filters), {**fparams, **plan.full.params}
    if extra:
        sql += f" UNION SELECT num FROM search_doc_{slot} WHERE {r.one_of(conn, 'num', extra, params, 'x')}"
    return sql, params


def _hits(conn: Connection, slot: str, ranked: Ranked, terms: set[str], prefixes: set[str]) -> list[Hit]:
    if not ranked:
        return []
    params: dict[str, Any] = {}
    where = r.one_of(conn, "num", [num for num, _ in ranked], params, "n")
    rows = conn.execute(text(f"SELECT num, doc FROM search_doc_{slot} WHERE {where}"), params)
    docs = {row.num: json.loads(row.doc) for row in rows}
    hits = []
    seen: dict[str, bool] = {}  # word -> matched, shared by the page's highlights
    for num, score in ranked:
        doc = docs.get(num)
        if doc is None:  # deleted between the ranking and this read
            continue
        highlights = {
            "title": highlight(doc["title"], terms, prefixes, seen=seen),
            "description": highlight(doc["description"], terms, prefixes, crop=CROP_WORDS, seen=seen),
        }
        hits.append(Hit(doc["id"], doc["type"], doc["ref"], doc["title"], score, highlights, doc))
    return hits
