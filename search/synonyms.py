"""Synonyms across languages: one concept ("customs clearance") named in every language users write, so that a
query phrase also finds listings that name the concept in another language ("таможенное оформление",
"gümrük müşavirliği", "报关").

Goods reach other languages through the HS nomenclature (`search.pivot`) at the level of its headings; this
thesaurus holds what the nomenclature does not name: services, business activities, business terms and broad
categories of goods (`data/synonyms.tsv`), the goods themselves by the names traders use, finer or coarser
than a heading ("camel milk", "rolled steel": `data/goods.tsv`), and the kinds of producers and plants users
look for as partners ("spinning mill", "мясокомбинат": `data/plants.tsv`), and the broad fields people browse
("продукты питания", "metals": `data/categories.tsv`); see the files' headers. A concept
may be a kind of another ("sunflower oil" of "vegetable oil"): a query naming the broader one also finds the
narrower one's phrases, not the other way round. Both backends use it: Meilisearch through its own `synonyms` setting
(`meilisearch_synonyms`), the embedded backend through one more match set that holds the query with each other
phrase of the concept in place of the phrase it contains (`Thesaurus.alternatives`,
`search.embedded.planner.any_plan`); a phrase is recognised by its words' typed, folded and stemmed forms, so
"таможенного оформления" meets "таможенное оформление". The embedded backend also reads a misspelt word that
no listing holds as the thesaurus spells it (`Thesaurus.spelled`: "amophos" as "ammophos"). A broad concept
may name the HS chapters and headings it is made of (`Thesaurus.codes_named`): the app adds them to the query's
HS pivot (`search.pivot.category_codes`), so that "продукты питания" finds listings coded under chapters 01-24
whatever words they use.
"""
from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from matching.text import without_kazakh_letters
from search import analysis, russian
from search.analysis import (
    STOPWORDS,
    QueryWord,
    has_latin,
    in_kazakh_letters,
    is_cjk,
    naming_forms,
    query_words,
    typo_budget,
    words,
)
from search.countries import country_codes
from search.typos import Vocabulary

SYNONYMS = Path(__file__).parent / "data" / "synonyms.tsv"
GOODS = Path(__file__).parent / "data" / "goods.tsv"
PLANTS = Path(__file__).parent / "data" / "plants.tsv"  # kinds of producers and plants ("прядильная фабрика")
BROADER = "broader"  # CONCEPT<TAB>broader<TAB>OTHER: CONCEPT is a kind of OTHER
HS = "hs"  # CONCEPT<TAB>hs<TAB>CODES: the HS chapters and headings (space-separated) that make up a broad concept
_HS_CODE = re.compile(r"\d{2}(?:\d{2}){0,2}")  # a chapter, heading or subheading
CATEGORIES = Path(__file__).parent / "data" / "categories.tsv"  # the broad fields ("продукты питания", "metals")
LANGS = ("en", "ru", "kk", "tr", "de", "zh", "mn")
# alternatives searched for one query at most (a query naming two concepts would otherwise multiply them)
MAX_ALTERNATIVES = 40
# the kinds of a broader concept take turns in its alternatives, each a phrase per language per turn, so that the
# cap reaches every kind ("изделия из стекла": bottles, flat glass, glassware) before each kind's later synonyms
KINDS_BY_TURN = True
# a concept's own phrases take turns by language too, and its kinds keep up to half the cap: a concept named in many
# phrases per language ("warehousing") would otherwise fill the cap with its first languages and leave its kinds
# ("cold storage", "bonded warehouse") out; off = own phrases in file order, kinds after them (the state before)
OWN_BY_TURN = True
# of phrases a query's words meet only by a shared stem or fold, the one spelt with the longer same start wins
# ("мёда" is honey, "мёд", not copper, "медь"); off = the nearest in length (the state before)
SHARED_START = True
# a Russian query word shorter than `search.analysis.SHORT_WORD` also names a phrase's word that is its dictionary
# lemma ("юрт", of yurts, names "юрта"; "рыб", of fish, "рыба"; `search.russian`); off = only as typed or folded
# (the state before)
SHORT_WORD_LEMMAS = True
# of phrases a query's words meet, one in the query's own script (Latin or not) wins over one met only through the
# other script's fold: Russian "сока" (of juice) is juice, not the Latin Kazakh "soqa" (a plough) that folds to it;
# off = the fold counts alike in either script (the state before)
SAME_SCRIPT_FIRST = True
# a misspelt word of a concept's name is read as the thesaurus spells it (`Thesaurus.spelled`)
SPELLING = True
# a long Latin word that no listing holds and the thesaurus does not name, made of two words the thesaurus names, is
# read as those two ("Ersatzteilservice" as "ersatzteil service", "Zanderfillet" as "zander fillet": German writes
# compounds as one word), so that the words it is made of find their listings (`Thesaurus.parted`); off = such a
# word stays whole (the state before)
COMPOUNDS = True
COMPOUND_MIN_WORD = 8  # letters of a word read as a compound, at least
COMPOUND_MIN_PART = 4  # letters of each of its parts, at least
# what German puts between the parts of a compound ("Arbeit-s-erlaubnis"), tried before no link at all
COMPOUND_LINKS = ("s", "es", "n", "en", "e")
# the languages of the thesaurus whose words may be the parts of a compound: German's own and the English words it
# borrows ("Service"); a Turkish word ends in suffixes that would part it wrongly ("dondurul-arak")
COMPOUND_LANGS = ("de", "en")
# of the thesaurus's words equally near a misspelt one, those that form a phrase of a concept with the query's
# other words are the reading ("visa suport": "support", not "sport"); off = two equally near words leave the
# misspelt one as typed (the state before)
SPELLING_IN_CONTEXT = True
# a misspelt word stays as typed when a listing holds a word at least as near to it that the thesaurus does not know
# ("canyon" is one typo from "каньон" of a tour listing and from the Turkish "kamyon", a truck): the searcher's typo
# tolerance then finds that word; off = the thesaurus's word whatever the listings hold (the state before)
SPELLING_YIELDS_TO_LISTINGS = True
# two Chinese words of a query (as `search.chinese` parts a run) name a phrase of the thesaurus written as one run in
# either order: Chinese names an action by verb and object ("办理签证", to process visas) and by object and verb
# ("签证办理", visa processing) alike, and the thesaurus holds one of them; off = only the phrase's own order
CHINESE_EITHER_ORDER = True
# two words of a query name a phrase that writes them as one word ("наран цэцгийн" for "наранцэцгийн", sunflower;
# "ay çiçeği" for "ayçiçeği"), as Meilisearch concatenates neighbouring query words; off = only as the phrase writes
# them (the state before)
JOINED_WORDS = True
# letters of Kazakh in Latin script (2018 and 2021 alphabets) that English, Russian and German do not write: a
# Latin word with one of them may be read as a Cyrillic word of the thesaurus ("rásimdeu" as "ресімдеу")
KAZAKH_LATIN_LETTERS = frozenset("áǵńóúýqıäğşū")
# Meilisearch fetches synonyms for terms of at most three words (meilisearch/documentation issue 2676), and
# derives at most 50 synonym phrases of 100 words in all from one term, dropping the rest (milli's
# search/new/limits.rs): the setting keeps the first 50 of each phrase (its concept's own phrases first), as
# many as Meilisearch would use, so that it stays small
MEILI_MAX_WORDS = 3
MEILI_MAX_SYNONYMS = 50


def _short_lemmas(w: QueryWord) -> frozenset[str]:
    """The dictionary lemmas of a short Russian query word (`SHORT_WORD_LEMMAS`), else none."""
    return russian.lemmas(w.raw) if SHORT_WORD_LEMMAS else frozenset()


def _content_words(phrase: str) -> list[str]:
    return [w for w in words(phrase) if w not in STOPWORDS] or words(phrase)


def _own_stopwords(phrase: str, language: str | None) -> frozenset[str]:
    """The words of a phrase of `language` that are function words of another language only
    (`search.analysis.CONTENT_STOPWORDS`): "at" of the Turkish "at eti"; none for a phrase of one word."""
    typed = words(phrase)
    if not analysis.STOPWORDS_IN_CONTEXT or len(typed) < 2:
        return frozenset()
    return frozenset(w for w in typed if w in analysis.CONTENT_STOPWORDS.get(language or "", ()))


def _phrase_words(phrase: str) -> list[tuple[str, ...]]:
    """Per content word of a phrase, its typed, folded and (long enough) stemmed forms (`naming_forms`), the
    typed and folded ones first; all stemmed as Kazakh when one is in Kazakh letters ("тігін машинасы")."""
    content = _content_words(phrase)
    kazakh = in_kazakh_letters(content)
    return [naming_forms(w, kazakh) for w in content]


def _phrase_forms(phrase: str) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(forms) for forms in _phrase_words(phrase))


def _taking_turns(lists: list[list[str]]) -> list[str]:
    """The lists' items taking turns: every list's first, then every list's second, and so on."""
    return [lst[i] for i in range(max(map(len, lists), default=0)) for lst in lists if i < len(lst)]


def _same(a: tuple[frozenset[str], ...], b: tuple[frozenset[str], ...]) -> bool:
    """Whether two phrases are the same words, up to their forms ("таможенного оформления", "таможенное
    оформление")."""
    return len(a) == len(b) and all(x & y for x, y in zip(a, b, strict=True))


@dataclass
class Thesaurus:
    """Concepts, each a list of phrases (all languages together) that mean the same."""

    concepts: dict[str, list[str]]
    narrower: dict[str, list[str]] = field(default_factory=dict)  # concept -> the concepts that are kinds of it
    languages: dict[str, str] = field(default_factory=dict)  # phrase -> the language it is written in
    hs: dict[str, list[str]] = field(default_factory=dict)  # concept -> the HS chapters and headings it is made of
    # a phrase's first word's forms -> (concept, the phrase's forms per word, its (typed, folded) words, the function
    # words of other languages it holds as its own words, `search.analysis.CONTENT_STOPWORDS`)
    _starts: dict[str, list[tuple[str, tuple[frozenset[str], ...], tuple[tuple[str, str], ...], frozenset[str]]]] = (
        field(default_factory=dict, init=False, repr=False))
    # the phrases holding such words, as their words, with those words
    _own_stopwords: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict, init=False, repr=False)
    _forms: dict[str, tuple[frozenset[str], ...]] = field(default_factory=dict, init=False, repr=False)
    _all_forms: set[str] = field(default_factory=set, init=False, repr=False)
    # the phrases' words as typed and folded, each mapped to the typed ones (for `spelled`; built when first needed)
    _spelt: tuple[Vocabulary, dict[str, set[str]]] | None = field(default=None, init=False, repr=False)
    _parts_forms: set[str] | None = field(default=None, init=False, repr=False)  # for `parted`, built when needed
    # each Chinese phrase written as one run of Han characters -> its concept (for `CHINESE_EITHER_ORDER`)
    _han_runs: dict[str, str] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        for concept, phrases in self.concepts.items():
            for phrase in phrases:
                named = _phrase_words(phrase)
                forms = self._forms[phrase] = tuple(frozenset(n) for n in named)
                spelt = tuple((n[0], n[1]) for n in named)
                self._all_forms.update(*forms)
                own = _own_stopwords(phrase, self.languages.get(phrase))
                if own:
                    self._own_stopwords[tuple(words(phrase))] = own
                if forms:
                    for form in forms[0]:
                        self._starts.setdefault(form, []).append((concept, forms, spelt, own))
                if is_cjk(phrase):
                    self._han_runs.setdefault(phrase, concept)

    def matches(self, q: str) -> list[tuple[int, int, str]]:
        """(first word, end word, concept) of the concept phrases a query contains, left to right; where
        several start at the same word, the longest, then the one of fewest words the query meets only as another
        keyboard or script writes them (Kazakh typed with Russian letters, `search.analysis.KAZAKH_ON_RUSSIAN_KEYS`;
        a word of the other script, `SAME_SCRIPT_FIRST`), then the one of most words the query spells as typed, then
        as folded (not only by a shared stem or fold: "мед" is honey and "медь" copper, though both fold and
        stem to "мед"), then the one whose words start with more of the query's letters as typed ("мёда": honey;
        `SHARED_START`), then the one whose words are nearest in length to the query's ("меди": copper).
        Positions count the query's words (`search.analysis.query_words`). Two words the query writes apart that a
        phrase writes as one ("наран цэцгийн үр", "наранцэцгийн үр": sunflower seeds) name that phrase
        (`JOINED_WORDS`)."""
        qwords = query_words(q)
        typed_words = set(words(q)) if self._own_stopwords else set()
        found = self._matches_in(qwords, typed_words)
        if not JOINED_WORDS:
            return found
        covered = sum(end - start for start, end, _ in found)
        for i in range(len(qwords) - 1):
            joined = qwords[i].raw + qwords[i + 1].raw  # Chinese pairs: `_han_pair`
            if is_cjk(qwords[i].raw) or is_cjk(qwords[i + 1].raw) or joined not in self._all_forms:
                continue
            fewer = [*qwords[:i], query_words(joined)[0], *qwords[i + 2:]]
            back = [(start + (start > i), end + (end > i), concept)
                    for start, end, concept in self._matches_in(fewer, typed_words)]
            if (now := sum(end - start for start, end, _ in back)) > covered:
                found, covered = back, now
        return found

    def _matches_in(self, qwords: list[QueryWord], typed_words: set[str]) -> list[tuple[int, int, str]]:
        """`matches` of a query's words (`typed_words`: its words as typed, function words kept)."""
        qforms = [w.naming_forms() for w in qwords]
        found: list[tuple[int, int, str]] = []
        i = 0
        while i < len(qforms):
            best: tuple[tuple[int, int, int, int], str] | None = None
            for form in qforms[i]:
                for concept, forms, spelt, own in self._starts.get(form, []):
                    end = i + len(forms)
                    if end > len(qforms) or not all(qforms[i + j] & forms[j] for j in range(len(forms))):
                        continue
                    if own and not own <= typed_words:  # "eti" alone is not "at eti", horse meat
                        continue
                    span = qwords[i:end]
                    pairs = list(zip(span, spelt, strict=True))
                    if any(len(w.raw) < analysis.SHORT_WORD and not {w.raw, w.fold, *_short_lemmas(w)} & set(ts)
                           for w, ts in pairs):
                        continue
                    typed = sum(w.raw == t for w, (t, _) in pairs)
                    folded = sum(w.fold == f for w, (_, f) in pairs)
                    shared = sum(len(os.path.commonprefix([w.raw, t])) for w, (t, _) in pairs) if SHARED_START else 0
                    near = -sum(abs(len(w.raw) - len(t)) for w, (t, _) in pairs)
                    # words met only as another keyboard or script writes them: "сока" (of juice) is not "соқа" or
                    # the Latin "soqa" (a plough), though it is one typed without "қ" and the other's fold
                    keys = analysis.KAZAKH_ON_RUSSIAN_KEYS
                    elsewhere = -sum(keys and w.raw != t and w.raw == without_kazakh_letters(t)
                                     or SAME_SCRIPT_FIRST and has_latin(w.raw) != has_latin(t) for w, (t, _) in pairs)
                    rank = (end, elsewhere, typed, folded, shared, near)
                    if best is None or rank > best[0]:
                        best = (rank, concept)
            if CHINESE_EITHER_ORDER and (pair := self._han_pair(qwords, i)) and (best is None or best[0][0] < i + 2):
                best = ((i + 2,), pair)
            if best:
                found.append((i, best[0][0], best[1]))
                i = best[0][0]
            else:
                i += 1
        return found

    def kept_stopwords(self, text: str) -> frozenset[str]:
        """The function words of other languages that `text` (a query with a phrase in place) holds as words of a
        phrase of its own language (`search.analysis.CONTENT_STOPWORDS`: the Turkish "at eti", horse meat): the
        search keeps them among the words it asks for."""
        typed = words(text) if self._own_stopwords else []
        present = set(typed)
        if not present & analysis.STOPWORDS:
            return frozenset()
        kept: set[str] = set()
        for phrase, own in self._own_stopwords.items():
            if own <= present and any(tuple(typed[i:i + len(phrase)]) == phrase for i in range(len(typed))):
                kept |= own
        return frozenset(kept)

    def _han_pair(self, qwords: list[QueryWord], i: int) -> str | None:
        """The concept of the Chinese phrase that the query's words `i` and `i + 1`, each a word of two Han characters
        or more, make when joined in either order; None when they make none."""
        pair = qwords[i:i + 2]
        if len(pair) < 2 or not all(is_cjk(w.raw) and len(w.raw) > 1 for w in pair):
            return None
        first, second = pair[0].raw, pair[1].raw
        return self._han_runs.get(first + second) or self._han_runs.get(second + first)

    def spelled(self, q: str, indexed: Callable[[str], bool],
                listed: Callable[[str, int], dict[str, int]] | None = None) -> str:
        """The query with each misspelt word of a concept's name written as the thesaurus writes it ("amophos"
        as "ammophos"), or the query itself when there is none.

        A word is taken as misspelt when none of its forms names a concept, a country or is an indexed term
        (`indexed`: a word some listing holds is a word, whatever the thesaurus knows), and exactly one word of the
        thesaurus lies nearest to it within Meilisearch's typo budget (`search.typos`), or exactly one of the
        nearest forms a concept's phrase with the query's other words ("visa suport": `SPELLING_IN_CONTEXT`);
        otherwise the word stays as typed. The word keeps its script ("Almaty" is not read as "алмазы"), except
        that Kazakh in Latin letters (`KAZAKH_LATIN_LETTERS`) may become Cyrillic. Words are joined as
        `query_words` gives them (stopwords left out)."""
        if not SPELLING:
            return q
        qwords = query_words(q)
        out, changed = [], False
        for i, w in enumerate(qwords):
            if self._known(w, indexed):
                out.append(w.raw)
                continue
            budget = typo_budget(w.raw)
            vocabulary, spelt_as = self._spelling()
            found = vocabulary.variants(w.raw, budget) | vocabulary.variants(w.fold, budget)
            any_script = bool(set(w.raw) & KAZAKH_LATIN_LETTERS)
            near = [(d, typed) for t, d in found.items() if d > 0 for typed in spelt_as[t]
                    if any_script or has_latin(typed) == has_latin(w.raw)]
            nearest = min((d for d, _ in near), default=0)
            best = sorted({typed for d, typed in near if d == nearest})
            if len(best) > 1 and SPELLING_IN_CONTEXT:  # "visa suport": "support" names a concept with "visa"
                rest = [x.raw for x in qwords[i + 1:]]
                best = [b for b in best if self._in_phrase([*out, b, *rest], len(out))] or best
            if best and listed is not None and SPELLING_YIELDS_TO_LISTINGS and self._listed_nearer(
                    w, budget, nearest, listed):
                best = []
            if len(best) == 1:
                out.append(best[0])
                changed = True
            else:
                out.append(w.raw)
        return " ".join(out) if changed else q

    def _listed_nearer(self, w: QueryWord, budget: int, nearest: int,
                       listed: Callable[[str, int], dict[str, int]]) -> bool:
        """Whether the indexed terms (`listed`: term -> typos within a budget) hold a word the thesaurus does not
        know within `nearest` typos of the misspelt word `w`."""
        found = listed(w.raw, budget) | listed(w.fold, budget)
        return any(0 < d <= nearest and t not in self._all_forms for t, d in found.items())

    def parted(self, q: str, indexed: Callable[[str], bool]) -> str:
        """The query with each compound word written as its two parts (`COMPOUNDS`), or the query itself when it
        has none. A compound is a Latin word of `COMPOUND_MIN_WORD` letters or more, without a hyphen, that no form
        of names a concept or a country or is an indexed term (`indexed`), and that is two words of the thesaurus
        (each of `COMPOUND_MIN_PART` letters or more, by any of their forms), maybe with a German link between them
        (`COMPOUND_LINKS`); of several partings, the one with the longest first part. Words are joined as
        `query_words` gives them (stopwords left out)."""
        return self.parting(q, indexed)[0]

    def modifiers(self, q: str, indexed: Callable[[str], bool]) -> frozenset[str]:
        """The first parts of the compounds that `parted` parts in `q` ("rinder" of "Rinderinnereien"): German and
        English put a compound's head last, so the first part only says which kind of the head is meant."""
        return self.parting(q, indexed)[1]

    def parting(self, q: str, indexed: Callable[[str], bool]) -> tuple[str, frozenset[str]]:
        """`parted` and `modifiers` of a query, each word's parts looked for once."""
        if not COMPOUNDS:
            return q, frozenset()
        qwords = query_words(q)
        parts = [self._parts(w, indexed) for w in qwords]
        if not any(parts):
            return q, frozenset()
        return (" ".join(p or w.raw for p, w in zip(parts, qwords, strict=True)),
                frozenset(p.split()[0] for p in parts if p))

    def _parts(self, w: QueryWord, indexed: Callable[[str], bool]) -> str | None:
        """`parted`'s reading of one word: "first second", or None."""
        raw = w.raw
        if len(raw) < COMPOUND_MIN_WORD or "-" in raw or not has_latin(raw) or self._known(w, indexed):
            return None
        for cut in range(len(raw) - COMPOUND_MIN_PART, COMPOUND_MIN_PART - 1, -1):
            head, tail = raw[:cut], raw[cut:]
            if not self._names_a_word(tail):
                continue
            for link in (*COMPOUND_LINKS, ""):
                first = head[:len(head) - len(link)]
                if head.endswith(link) and len(first) >= COMPOUND_MIN_PART and self._names_a_word(first):
                    return f"{first} {tail}"
        return None

    def _names_a_word(self, text: str) -> bool:
        """Whether `text`, read as one query word, is a word of a concept's phrase in one of `COMPOUND_LANGS` by
        any of its forms."""
        found = query_words(text)
        return len(found) == 1 and bool(found[0].naming_forms() & self._compound_forms())

    def _compound_forms(self) -> set[str]:
        """The forms of the words of the phrases in `COMPOUND_LANGS` (built when first needed)."""
        if self._parts_forms is None:
            self._parts_forms = {form for phrase, lang in self.languages.items() if lang in COMPOUND_LANGS
                                 for forms in self._forms.get(phrase, ()) for form in forms}
        return self._parts_forms

    def _known(self, w: QueryWord, indexed: Callable[[str], bool]) -> bool:
        """Whether a query word is a word as it stands: one of its forms names a concept or is an indexed term
        (`indexed`), or it names a country (`spelled` and `parted` leave such a word as typed)."""
        forms = {w.raw, w.fold, *w.stems}
        return bool(forms & self._all_forms) or any(indexed(f) for f in forms) or bool(country_codes(w))

    def _in_phrase(self, qwords: list[str], i: int) -> bool:
        """Whether word `i` of a query's words falls in a concept phrase of two words or more."""
        return any(start <= i < end and end - start > 1 for start, end, _ in self.matches(" ".join(qwords)))

    def warm(self) -> None:
        """Build what `spelled` reads (about 0.5 s), so that the first misspelt query of a process does not."""
        self._spelling()

    def _spelling(self) -> tuple[Vocabulary, dict[str, set[str]]]:
        if self._spelt is None:
            vocabulary, spelt_as = Vocabulary(), {}
            for phrase in self._forms:
                for word in _content_words(phrase):
                    typed, folded = naming_forms(word)[:2]
                    vocabulary.add([typed, folded])
                    spelt_as.setdefault(typed, set()).add(typed)
                    spelt_as.setdefault(folded, set()).add(typed)
            self._spelt = (vocabulary, spelt_as)
        return self._spelt

    def phrases(self, concept: str) -> list[str]:
        """A concept's phrases a language at a time (its first phrase in each language, then its second...; in file
        order unless `OWN_BY_TURN`), then those of the concepts that are kinds of it, nearest first (taking turns,
        `kinds_by_turn`, unless `KINDS_BY_TURN` is off: then each kind's phrases in a row)."""
        own = self._by_language_turn(concept) if OWN_BY_TURN else self.concepts.get(concept, [])
        if KINDS_BY_TURN:
            return list(dict.fromkeys([*own, *self.kinds_by_turn(concept)]))
        out: list[str] = []
        seen, level = {concept}, [concept]
        while level:
            for c in level:
                out += self.concepts.get(c, [])
            level = [n for c in level for n in self.narrower.get(c, []) if n not in seen]
            seen.update(level)
        return list(dict.fromkeys(out))

    def kinds_by_turn(self, concept: str) -> list[str]:
        """The phrases of the kinds of a concept (`phrases` without its own), nearest level first; within a level
        the kinds take turns, and each kind gives its phrases a language at a time: its first phrase in each
        language, then its second, and so on."""
        out: list[str] = []
        seen, level = {concept}, list(dict.fromkeys(n for n in self.narrower.get(concept, []) if n != concept))
        while level:
            seen.update(level)
            out += _taking_turns([self._by_language_turn(c) for c in level])
            level = list(dict.fromkeys(n for c in level for n in self.narrower.get(c, []) if n not in seen))
        own = set(self.concepts.get(concept, []))
        return [p for p in dict.fromkeys(out) if p not in own]

    def _by_language_turn(self, concept: str) -> list[str]:
        """A concept's own phrases, the first of each language (in file order), then the second of each, ..."""
        per_language: dict[str, list[str]] = {}
        for phrase in self.concepts.get(concept, []):
            per_language.setdefault(self.languages.get(phrase, ""), []).append(phrase)
        return _taking_turns(list(per_language.values()))

    def codes_named(self, q: str) -> list[str]:
        """The HS chapters and headings of the broad concepts `q` names ("продукты питания" -> 01 ... 24), in
        the order of the query's phrases; [] when it names none that has codes."""
        return self.codes_of(concept for _, _, concept in self.matches(q))

    def codes_of(self, concepts: Iterable[str]) -> list[str]:
        """The HS chapters and headings of `concepts`, in their order, each once."""
        return list(dict.fromkeys(c for concept in concepts for c in self.hs.get(concept, [])))

    def alternatives(self, q: str) -> list[str]:
        """The query again with one recognised phrase replaced by each other phrase of its concept, then by each
        phrase of the kinds of it (`phrases`); [] when it contains none. Stopwords are left out, as the search
        leaves them out anyway. At most `MAX_ALTERNATIVES`, of which the kinds keep up to half (`OWN_BY_TURN`)."""
        same, kinds = self.alternatives_by_level(q)
        return same + kinds

    def alternatives_by_level(self, q: str, usable: Callable[[str], bool] | None = None
                              ) -> tuple[list[str], list[str]]:
        """`alternatives` in two lists: with a phrase of the same concept, and with a phrase of a kind of it
        (the search ranks the first before the second: "растительное масло" finds vegetable oil before sunflower
        oil). With `usable`, only the phrasings whose phrase it accepts, before the cap (the embedded backend leaves
        out the phrases with a word no listing holds: they would match nothing and take a place under the cap)."""
        qwords = [w.raw for w in query_words(q)]
        same: list[str] = []
        kinds: list[str] = []
        for start, end, concept in self.matches(q):
            typed = _phrase_forms(" ".join(qwords[start:end]))
            own = set(self.concepts[concept])
            for phrase in self.phrases(concept):
                # the typed phrase, maybe inflected, is searched anyway
                if not _same(self._forms[phrase], typed) and (usable is None or usable(phrase)):
                    (same if phrase in own else kinds).append(" ".join([*qwords[:start], phrase, *qwords[end:]]))
        same = list(dict.fromkeys(same))
        kinds = [a for a in dict.fromkeys(kinds) if a not in same]
        kept_for_kinds = min(len(kinds), MAX_ALTERNATIVES // 2) if OWN_BY_TURN else 0
        same = same[:MAX_ALTERNATIVES - kept_for_kinds]
        kinds = kinds[:MAX_ALTERNATIVES - len(same)]
        return same, kinds

    def meilisearch_synonyms(self) -> dict[str, list[str]]:
        """The `synonyms` setting of a Meilisearch index: every phrase of up to `MEILI_MAX_WORDS` words maps to
        the other phrases of its concept and of the kinds of it (`phrases`), at most `MEILI_MAX_SYNONYMS`
        (longer phrases are still reached from the shorter ones)."""
        out: dict[str, list[str]] = {}
        for concept, own in self.concepts.items():
            phrases = self.phrases(concept)
            for phrase in own:
                if len(phrase.split()) <= MEILI_MAX_WORDS:
                    key = phrase.lower()
                    others = [p for p in phrases if p.lower() != key]
                    out[key] = list(dict.fromkeys([*out.get(key, []), *others]))[:MEILI_MAX_SYNONYMS]
        return out


def load(*paths: Path) -> Thesaurus:
    """The thesaurus of files (default `SYNONYMS`, `GOODS`, `PLANTS` and `CATEGORIES`) of CONCEPT<TAB>LANG<TAB>phrase
    lines, CONCEPT<TAB>broader<TAB>OTHER lines and CONCEPT<TAB>hs<TAB>CODES lines ("#" comments and blank lines
    skipped; a missing file is empty)."""
    concepts: dict[str, list[str]] = {}
    narrower: dict[str, list[str]] = {}
    languages: dict[str, str] = {}
    codes: dict[str, list[str]] = {}
    for path in paths or (SYNONYMS, GOODS, PLANTS, CATEGORIES):
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if line.startswith("#") or len(parts) != 3 or not parts[2].strip():
                continue
            concept, lang, phrase = (p.strip() for p in parts)
            if lang == BROADER:
                narrower.setdefault(phrase, []).append(concept)
            elif lang == HS:
                codes.setdefault(concept, []).extend(c for c in phrase.split() if _HS_CODE.fullmatch(c))
            elif phrase not in concepts.setdefault(concept, []):
                concepts[concept].append(phrase)
                languages.setdefault(phrase, lang)
    return Thesaurus(concepts, {c: kinds for c, kinds in narrower.items() if c in concepts}, languages,
                     {c: list(dict.fromkeys(cs)) for c, cs in codes.items() if c in concepts and cs})


def thesaurus() -> Thesaurus:
    """The shipped thesaurus, read once per process (about 0.5 s). A caller arriving while another thread reads
    it (a search during a worker's warm-up) waits for that reading rather than doing it a second time."""
    with _thesaurus_lock:
        return _thesaurus()


_thesaurus_lock = threading.Lock()


@lru_cache(maxsize=1)
def _thesaurus() -> Thesaurus:
    return load()

