"""From a query string to match sets: HS-code queries, word queries with typo tiers and prefix, or everything.

Each query word becomes a group of alternatives: its typed and folded forms (prefixes too when it is the
last word), and in the typo tier the indexed terms within its typo budget. A document must match every
group; when nothing matches all words, the last word is dropped and the query tried again, as Meilisearch's
default "last" matching strategy does (`plans`), unless the searcher orders the words to drop itself
(`search.embedded.searcher.FEWER_BY_FREQUENCY`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from search import russian
from search.analysis import (
    NAMING_STEM,
    QueryWord,
    has_cyrillic,
    has_latin,
    hs_query,
    in_kazakh_letters,
    query_words,
    russian_stem,
    typo_budget,
)
from search.countries import country_codes, country_token
from search.embedded.fulltext import Group, PostgresFts, SqliteFts
from search.embedded.retrieval import MatchSet, hs_condition
from search.typos import Vocabulary

_MIN_PREFIX = 2
_DIGIT = re.compile(r"\d")  # terms with digits are not in the vocabulary (backend._add_terms)
# A thesaurus phrase's Cyrillic word without a Kazakh or Mongolian letter matches as spelled and stemmed, not by its
# fold: the fold joins Russian and Kazakh words that differ ("шины", tyres, and "шыны", glass, both fold as "шини"),
# and the phrase names one of them. A word with such a letter ("қосалқы") keeps its fold, which finds it typed on a
# Russian keyboard or in Latin script. Off = every word of a phrase also by its fold (the state before)
PHRASE_FOLD_KAZAKH_ONLY = True
# A Cyrillic word of the query matches by its fold only where the listings' terms of that fold are the same word
# spelt otherwise (Latin script, Kazakh letters typed as Russian ones, ё as е): "шины" (tyres) no longer finds
# "шыны" (glass), while "косалкы" still finds "қосалқы". ("медь", copper, found "мёд", honey, by its Russian stem
# "мед", which is the fold of "мёд" and also Snowball's stem of "мёда" and "меда": `RUSSIAN_STEM_KIN` parts them.)
# Off = always by its fold (the state before)
TYPED_FOLD_KIN_ONLY = True
# A Russian word whose Snowball stem the index also holds for another word of the same part of speech ("медь",
# copper, and "мёда", of honey, both "мед"; "сырьё", raw materials, and "сыр", cheese; "отруби", bran, and "отрубах",
# meat cuts) matches not by that stem but by the terms of that stem that are forms of its own word, or that the
# dictionary does not know (`search.russian`, pymorphy3); a word without such strangers keeps its stem. Off = by its
# stem (the state before)
RUSSIAN_STEM_KIN = True
# A thesaurus phrase's Latin word matches by its stems of `NAMING_STEM` letters or more only, as it names a concept: the
# three stemmers a Latin word goes through cut some words short into other words' stems (the Turkish "kereste", sawn
# timber, to "ker", which a Kazakh listing's "keri", back, also gives); off = by every stem (the state before)
PHRASE_LONG_LATIN_STEMS = True


@dataclass
class Plan:
    """Tiers to rank (disjoint, best first), the union of them all (for totals and facets), highlight terms."""

    tiers: list[MatchSet]
    full: MatchSet
    terms: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)
    is_text: bool = False
    is_hs: bool = False
    kind: str | None = None  # the kind of listing ranked first among its matches (a partner role's, search.roles)


def all_documents(slot: str) -> Plan:
    """No words: every document, newest first."""
    everything = MatchSet(f"search_doc_{slot} d", "1 = 1", "0")
    return Plan([everything], everything)


def hs_plan(slot: str, code: str) -> Plan:
    """Listings whose code starts with `code`: explicit codes first (tier 0), then codes the matcher inferred
    (tier 2, ranked like typo matches: in hybrid search the meaning decides among them)."""
    params: dict[str, str] = {}
    doc = f"search_doc_{slot} d"
    explicit, inferred, either = (hs_condition(slot, [code], params, "q_hs", facets)
                                  for facets in ("'hs'", "'hs_inf'", "'hs', 'hs_inf'"))
    tiers = [MatchSet(doc, explicit, "0", params), MatchSet(doc, f"{inferred} AND NOT {explicit}", "0", params, 2)]
    return Plan(tiers, MatchSet(doc, either, "0", params), terms={code}, is_hs=True)


def _exact_group(word: QueryWord) -> list[tuple[str, bool]]:
    """The word as typed, folded and stemmed, and the token of each country it names (a listing aimed at
    Mongolia matches "Монголию", `search.countries`)."""
    forms = [word.raw, word.fold, *word.stems, *(country_token(c) for c in country_codes(word))]
    return [(f, False) for f in dict.fromkeys(forms)]


def _typed_group(word: QueryWord, vocab: Vocabulary) -> list[tuple[str, bool]]:
    """`_exact_group` of a word the query holds: a Cyrillic word keeps its fold only where the listings' terms of
    that fold are the same word in another spelling (`Vocabulary.kin_by_fold`; `TYPED_FOLD_KIN_ONLY`)."""
    group = _without_strangers(word, _exact_group(word), vocab)
    if not TYPED_FOLD_KIN_ONLY or not has_cyrillic(word.raw) or vocab.kin_by_fold(word.raw, word.fold):
        return group
    return _without_fold(word, group)


def _without_strangers(word: QueryWord, group: list[tuple[str, bool]], vocab: Vocabulary | None
                       ) -> list[tuple[str, bool]]:
    """`group` with a Russian word's stem replaced by the terms of that stem that are not other words
    (`RUSSIAN_STEM_KIN`), where the index holds such strangers; else `group` as it is."""
    if not RUSSIAN_STEM_KIN or vocab is None:
        return group
    stem = russian_stem(word.raw)
    if stem is None or not (own := russian.entries(word.raw)):
        return group
    # the stem is itself a term of the index, read as a word only as its base form ("мед", honey without ё), not as
    # an inflected form the dictionary also knows ("молок", "столов")
    met = {term: russian.strangers(own, russian.entries(term) if term != stem else russian.base_entry(stem))
           for term in vocab.meeting_stem(stem)}
    if not any(met.values()):
        return group
    kin = [(term, False) for term in sorted(met) if not met[term] and term != stem]
    return [(f, p) for f, p in group if f != stem] + [t for t in kin if t not in group]


def _phrase_group(word: QueryWord, typed: frozenset[str] = frozenset(), vocab: Vocabulary | None = None
                  ) -> list[tuple[str, bool]]:
    """`_exact_group` of a word of a thesaurus phrase: without its fold when `PHRASE_FOLD_KAZAKH_ONLY` leaves it
    out (a Cyrillic word with no Kazakh letter), without a Russian stem the index also holds for other words
    (`RUSSIAN_STEM_KIN`, with `vocab`), and without its short Latin stems (`PHRASE_LONG_LATIN_STEMS`). A
    word the query itself holds (`typed`: the query's other words ride along in its phrasings) is read as the
    query's own (`_typed_group`, with `vocab`)."""
    if word.raw in typed:
        return _typed_group(word, vocab) if vocab is not None else _exact_group(word)
    group = _exact_group(word)
    if PHRASE_LONG_LATIN_STEMS and has_latin(word.raw):
        short = {s for s in word.stems if has_latin(s) and len(s) < NAMING_STEM} - {word.raw, word.fold}
        group = [(f, p) for f, p in group if f not in short]
    group = _without_strangers(word, group, vocab)
    if not PHRASE_FOLD_KAZAKH_ONLY or not has_cyrillic(word.raw) or in_kazakh_letters([word.raw]):
        return group
    return _without_fold(word, group)


def _without_fold(word: QueryWord, group: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """`group` without the word's fold, unless the fold is also the word as typed or one of its stems."""
    if word.fold == word.raw or word.fold in word.stems:
        return group
    return [(f, p) for f, p in group if f != word.fold]


def _prefix_group(word: QueryWord, folded: bool = True) -> list[tuple[str, bool]]:
    """Prefix forms of the last word (typed and, with `folded`, folded), when it is long enough to be worth it."""
    if not word.is_last:
        return []
    return [(f, True) for f in dict.fromkeys([word.raw, word.fold] if folded else [word.raw])
            if len(f) >= _MIN_PREFIX]


def _typo_group(word: QueryWord, vocab: Vocabulary) -> list[tuple[str, bool]]:
    """Indexed terms within the word's budget (counted on the typed word), other than its exact forms.

    Stems are looked up too (with the budget of the shorter of word and stem): "алюминевые" is four edits
    from "алюминиевого", but its stem "алюминев" is one from the indexed stem "алюминиев"."""
    budget = typo_budget(word.raw)
    found = vocab.variants(word.raw) | vocab.variants(word.fold, budget=budget)
    for stem in word.stems:
        found = vocab.variants(stem, budget=min(budget, typo_budget(stem))) | found
    exact = {word.raw, word.fold, *word.stems}
    return [(t, False) for t, typos in sorted(found.items()) if typos > 0 and t not in exact]


class _Builder:
    """Numbers the SQL parameters of one plan's match sets."""

    def __init__(self, engine: SqliteFts | PostgresFts, slot: str, join: bool) -> None:
        self.engine, self.slot, self.join, self.n = engine, slot, join, 0

    def match(self, expression: str, tier: int, head_only: bool = False) -> MatchSet:
        param = f"m{self.n}"
        self.n += 1
        sql = self.engine.match(self.slot, param, self.join, head_only)
        return MatchSet(sql.from_sql, sql.where_sql, sql.score_sql, {param: expression}, tier,
                        sql.num_sql, sql.joined)


def word_plan(engine: SqliteFts | PostgresFts, slot: str, words: list[QueryWord], vocab: Vocabulary,
              join: bool) -> Plan:
    """Tiers in the order of Meilisearch's ranking rules (typo, then attribute, then exactness):
    tier 0 = every word as typed, folded or stemmed; 1 = the last word only as a prefix; 2 = some word
    needs a typo. Each tier is split into its head part (matched in title/owner) and body part."""
    exact: list[Group] = [_typed_group(w, vocab) for w in words]
    with_prefix: list[Group] = [e + _prefix_group(w, (w.fold, False) in e) for e, w in zip(exact, words, strict=True)]
    typos = [_typo_group(w, vocab) for w in words]
    steps: list[tuple[int, list[Group], list[Group] | None]] = [(0, exact, None)]
    if any(_prefix_group(w) for w in words):
        steps.append((1, with_prefix, exact))
    widest = with_prefix
    if any(typos):
        widest = [p + t for p, t in zip(with_prefix, typos, strict=True)]
        steps.append((2, widest, with_prefix))
    build = _Builder(engine, slot, join)
    # only a tier without exclusions can run on the head table alone: an exclusion must see whole documents
    tiers = [build.match(engine.expression(groups, exclude, part), tier, head_only=part == "head" and not exclude)
             for tier, groups, exclude in steps for part in ("head", "body")]
    full = build.match(engine.expression(widest), 0)
    terms = {t for g in exact for t, _ in g} | {t for g in typos for t, _ in g}
    prefixes = {t for g in with_prefix for t, is_prefix in g if is_prefix}
    return Plan(tiers, full, terms, prefixes, is_text=True)


def held(words: list[QueryWord], vocab: Vocabulary, typed: frozenset[str] = frozenset()) -> bool:
    """Whether each word of a phrasing has a form it matches by (`_phrase_group`: as typed, stemmed, a country's
    token, folded where that keeps the fold) that some listing holds, going by the vocabulary of indexed terms
    (which keeps every term ever indexed in the slot, so it errs towards yes; a form with digits, which it leaves
    out, counts as held). An alternative phrasing that fails this matches nothing, and need not be sent to the
    database."""
    return all(any(t in vocab or _DIGIT.search(t) for t, _ in _phrase_group(w, typed, vocab)) for w in words)


def any_plan(engine: SqliteFts | PostgresFts, slot: str, alternatives: list[list[QueryWord]], join: bool,
             typed: frozenset[str] = frozenset(), vocab: Vocabulary | None = None) -> Plan:
    """Documents matching every word of any one alternative phrasing (the synonyms of `search.synonyms`), as
    typed, stemmed or folded (`_phrase_group`; `typed`: the query's own words, folded as the query's are): no
    prefix or typo tier (the thesaurus spells whole words), so two tiers, the title/owner part first."""
    groups = [[_phrase_group(w, typed, vocab) for w in words] for words in alternatives]
    build = _Builder(engine, slot, join)
    tiers = [build.match(engine.any_expression(groups, part), 0, head_only=part == "head") for part in ("head", "body")]
    terms = {t for alternative in groups for g in alternative for t, _ in g}
    return Plan(tiers, build.match(engine.any_expression(groups), 0), terms, is_text=True)


def plans(engine: SqliteFts | PostgresFts, slot: str, q: str, vocab: Vocabulary, join: bool,
          fallbacks: bool = True) -> list[Plan]:
    """The plan for a query and, with `fallbacks`, those with trailing words dropped (tried in order until one
    matches; without, the caller orders the words to drop itself).

    `join`: the match sets must join the document table (filters or a sort by date need it).
    """
    if code := hs_query(q):
        return [hs_plan(slot, code)]
    words = query_words(q)
    if not words:
        return [all_documents(slot)]
    shortest = 1 if fallbacks else len(words)
    return [word_plan(engine, slot, words[:n], vocab, join) for n in range(len(words), shortest - 1, -1)]
