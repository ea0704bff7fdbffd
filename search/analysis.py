"""Turning text into index terms and query words, shared by every backend.

Words are runs of letters/digits after `matching.text.normalize`; each word is indexed as typed, folded
(`matching.text.fold`) and stemmed, so Kazakh in either script, with or without Kazakh letters, meets itself
while English, Turkish and German words still match as spelled, and "пшеничной муки" meets "пшеничная мука".
Stems come from the Snowball stemmers (PyStemmer): Russian for Cyrillic words, English, Turkish and German
for Latin ones (a word's language is unknown in a short query, so a Latin word gets all three). A Cyrillic word with
a Kazakh letter also gets its stem without Kazakh endings (`search.kazakh`: Snowball has no Kazakh stemmer).
Chinese and Japanese have no spaces: a run of Han or kana characters is indexed as overlapping character
bigrams (the approach of Lucene's CJKBigramFilter); the embedded backend first parts a Chinese query into its
words (`search.chinese`), so that no bigram spans two of them.
"""
from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

from matching.text import (
    KAZAKH_LETTERS,
    fold,
    kk_latin_to_cyrillic,
    looks_kazakh_latin,
    normalize,
    without_kazakh_letters,
)
from search.kazakh import kazakh_stems

_WORD_RE = re.compile(r"[^\W_]+")
# Turkish writes a proper noun's case ending after an apostrophe ("Kazakistan'dan", from Kazakhstan; "Almatı'ya",
# to Almaty), as English does its possessive: up to four letters after an apostrophe that ends a word are not a word
# of their own, which would need matching ("dan", "ya"); a longer part stays ("O'zbekiston"). Off = the ending is a
# word (the state before)
APOSTROPHE_ENDINGS = True
_APOSTROPHE_ENDING = re.compile(r"(?<=[^\W\d_]{2})['’ʼ`][^\W\d_]{1,4}(?![^\W_])")
_CJK = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
_CJK_RE = re.compile(_CJK + "+")
_PART_RE = re.compile(rf"{_CJK}+|(?:(?!{_CJK})[^\W_])+")  # a run of CJK, or of other letters and digits
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")  # punctuation around a typed token ("«мука»", "水泥，")
HS_QUERY_RE = re.compile(r"^\s*(\d{2}(?:[\s.]?\d{2}){0,4})\s*$")

# Function words that carry no product meaning; dropped from a query that has other words, so "туры по
# Казахстану" does not require "по" in the listing.
STOPWORDS = frozenset(
    "и в во на по с со к из для от до или а о об у за при the a an of for and or to in on at by with from "
    "per ve ile için bir bu da de und der die das für mit von zu im men ben pen jáne және мен бен пен үшін "
    "ushin úshin".split()
)
# The function words above that are a content word in another of the languages: Turkish and Kazakh (Latin) "at" is
# a horse ("at eti", horse meat), and the English "pen", "men" and "die" ("pen test", "men's belts", "die steel")
# are the Kazakh "пен", "мен" and the German "die". A thesaurus phrase of that language keeps them: it names its
# concept only with them ("eti" alone is not horse meat), and as another phrasing it is searched with them
# (`search.synonyms.Thesaurus.kept_stopwords`); off = dropped from every phrase (the state before)
CONTENT_STOPWORDS = {"tr": frozenset({"at"}), "kk": frozenset({"at"}), "en": frozenset({"pen", "men", "die"})}
STOPWORDS_IN_CONTEXT = True


def _split_cjk(word: str) -> list[str]:
    """A word with Han/kana runs: the runs become bigrams, other parts stay whole."""
    out: list[str] = []
    pos = 0
    for run in _CJK_RE.finditer(word):
        if run.start() > pos:
            out.append(word[pos:run.start()])
        chars = run.group(0)
        out.extend([chars] if len(chars) == 1 else [chars[i:i + 2] for i in range(len(chars) - 1)])
        pos = run.end()
    if pos < len(word):
        out.append(word[pos:])
    return out


@lru_cache(maxsize=200_000)
def _word_terms(word: str) -> tuple[str, ...]:
    """One raw word as index terms: `normalize`d (look-alike letters fixed), CJK runs as bigrams."""
    word = normalize(word)
    return tuple(_split_cjk(word)) if _CJK_RE.search(word) else (word,)


def words(text: str) -> list[str]:
    """Normalised words of a text, CJK runs as bigrams (per-word work cached: words repeat). The Turkish "İ"
    lowercases to "i" (casefold adds a combining dot, which parted "İstanbul" into "i" and "stanbul"), and a case
    ending written after an apostrophe ("İstanbul'dan", "Kazakhstan's", `APOSTROPHE_ENDINGS`) is left out."""
    text = unicodedata.normalize("NFKC", text or "").casefold().replace("\u0307", "")
    if APOSTROPHE_ENDINGS:
        text = _APOSTROPHE_ENDING.sub("", text)
    return [t for word in _WORD_RE.findall(text) for t in _word_terms(word)]


@lru_cache(maxsize=200_000)
def fold_word(word: str) -> str:
    """`fold` of one word, cached: words repeat (Zipf), and folding dominated indexing time."""
    return fold(word)


def folded(terms: list[str]) -> list[str]:
    """The folded form of each word (empty results, e.g. a lone soft sign, dropped)."""
    return [f for f in (fold_word(t) for t in terms) if f]


# Kazakh across scripts: a Kazakh word in Latin script also gets its Cyrillic spelling and that spelling's Kazakh
# stems ("baǵyttary" -> "бағыттары", "бағыт", `search.kazakh`), so that a bent word meets its base form in the other
# script ("baǵyt" meets "бағыттары", "бағыт" meets "baǵyttary"); off = a Latin word gets the English, Turkish and
# German stems only (the state before; a reindex applies either)
KAZAKH_LATIN_STEMS = True
# ... when the word has a letter of the Kazakh Latin alphabet that Turkish and German lack (q too, though English
# has it: "quality" gets a Cyrillic reading no Kazakh word has), not only a "y" after a consonant, which reads as
# Kazakh ы in a Kazakh text but also ends "system" and "analysis"
_KAZAKH_LATIN_LETTER = re.compile("[áǵńóúýq]")
# without PyStemmer's own cache of 10,000 words (`stems` keeps its own), which slows it threefold on a vocabulary's
# many different words (`russian_stem`)
_CYRILLIC_STEMMERS = (Stemmer.Stemmer("russian", 0),)
_LATIN_STEMMERS = tuple(Stemmer.Stemmer(lang) for lang in ("english", "turkish", "german"))
_HAS_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_KAZAKH_CYRILLIC = re.compile(f"[{''.join(KAZAKH_LETTERS)}]")
_HAS_LATIN = re.compile(r"[a-z\u00c0-\u024f]")
# The Turkish third-person possessive after a vowel, "-si" ("ambalaj malzemesi", "tekstil makinesi": the usual
# singular of a Turkish compound noun), which Snowball's Turkish stemmer cuts to "malzemes", so the singular never
# met the plural "malzemeleri" (stem "malzeme"). Also the Kazakh possessive in Latin script ("-sy", "-si"). Five
# letters or more must be left ("kesi" stays whole).
_POSSESSIVE_AFTER_VOWEL = re.compile(r"^(.{4,}[aeıioöuüáäéóúý])s[iıuüy]$")


@lru_cache(maxsize=200_000)
def stems(term: str, kazakh: bool = True, kazakh_text: bool = False) -> tuple[str, ...]:
    """Snowball stems of a normalised word that differ from it (none for CJK, digits, words under 4 letters), and
    for a Cyrillic word with a Kazakh letter (any Cyrillic word with `kazakh_text`: it stands in Kazakh text,
    `search.kazakh.IN_KAZAKH_TEXT`) its stem without Kazakh endings (`search.kazakh`) unless `kazakh` is False; a
    Latin word ending in a possessive after a vowel ("malzemesi") also gives the word without it and its stems
    (`_POSSESSIVE_AFTER_VOWEL`)."""
    if len(term) < 4 or term.isdigit() or is_cjk(term):
        return ()
    if _HAS_CYRILLIC.search(term):
        stemmers = _CYRILLIC_STEMMERS
    elif _HAS_LATIN.search(term):
        stemmers = _LATIN_STEMMERS
    else:
        return ()
    found = dict.fromkeys(s.stemWord(term) for s in stemmers)
    if kazakh and stemmers is _CYRILLIC_STEMMERS:
        found.update(dict.fromkeys(kazakh_stems(term, kazakh_text)))
    elif stemmers is _LATIN_STEMMERS and (base := _POSSESSIVE_AFTER_VOWEL.match(term)):
        found.update(dict.fromkeys((base[1], *(s.stemWord(base[1]) for s in stemmers))))
    if kazakh and KAZAKH_LATIN_STEMS and stemmers is _LATIN_STEMMERS and _KAZAKH_LATIN_LETTER.search(term) and (
            looks_kazakh_latin(term)):
        cyrillic = kk_latin_to_cyrillic(term)
        found.update(dict.fromkeys((cyrillic, *kazakh_stems(cyrillic, in_kazakh_text=True))))
    return tuple(s for s in found if s and s != term and len(s) >= 3)


def russian_stem(term: str) -> str | None:
    """The Russian Snowball stem of a Cyrillic word, as `stems` gives it, or None where it gives none."""
    if len(term) < 4 or not _HAS_CYRILLIC.search(term):
        return None
    stem = _CYRILLIC_STEMMERS[0].stemWord(term)
    return stem if stem != term and len(stem) >= 3 else None


def folded_and_stems(terms: list[str], kazakh_text: bool = False) -> list[str]:
    """Folded words followed by the stems of the words, for the secondary (lower-weight) columns; `kazakh_text`:
    the words are a Kazakh text's (`stems`)."""
    return folded(terms) + [s for t in terms for s in stems(t, kazakh_text=kazakh_text)]


def in_kazakh_letters(terms: Iterable[str]) -> bool:
    """Whether some word is written with a letter of the Kazakh Cyrillic alphabet that Russian lacks: the words
    are then Kazakh text (`search.kazakh.IN_KAZAKH_TEXT`)."""
    return any(_KAZAKH_CYRILLIC.search(t) for t in terms)


def is_cjk(term: str) -> bool:
    return bool(_CJK_RE.fullmatch(term))


def has_latin(term: str) -> bool:
    """Whether a word has Latin letters (Kazakh in Latin script is looked up by its fold)."""
    return bool(_HAS_LATIN.search(term))


def has_cyrillic(term: str) -> bool:
    """Whether a word has Cyrillic letters (Russian, Kazakh or Mongolian)."""
    return bool(_HAS_CYRILLIC.search(term))


def typo_budget(word: str) -> int:
    """Meilisearch's default rule: 1 typo from 5 letters, 2 from 9; CJK terms allow none."""
    if is_cjk(word) or word.isdigit():
        return 0
    return 2 if len(word) >= 9 else 1 if len(word) >= 5 else 0


@dataclass(frozen=True)
class QueryWord:
    """One word of a query: the forms to look up and whether it is the last word (prefix search)."""

    raw: str
    fold: str
    is_last: bool
    stems: tuple[str, ...] = ()

    def naming_forms(self) -> set[str]:
        """The forms by which the word names a concept or a country (`search.synonyms`, `search.countries`):
        typed (ё as е too), stemmed and, for a Mongolian agent noun in the plural, as its singular
        (`MONGOLIAN_PLURAL_AGENTS`), and folded only when it is written in Latin letters (Kazakh in Latin
        script: "bıdai" is "бидай"), and then also by the Kazakh stems of its Cyrillic spelling. A Cyrillic word's
        fold would also join different words of Kazakh and Russian ("шыны", glass, and "шины", tyres); a Latin
        word's stems count from `NAMING_STEM` letters."""
        if not _HAS_LATIN.search(self.raw):
            return {self.raw, self.raw.replace("ё", "е"), *self.stems, *mongolian_agent_singular(self.raw)}
        forms = {self.raw, self.fold, *(s for s in self.stems if len(s) >= NAMING_STEM)}
        if looks_kazakh_latin(self.raw):  # "qyzmeti" also by the Kazakh stems of "қызметі", as "қызметтері" is named
            forms.update(s for s in kazakh_stems(kk_latin_to_cyrillic(self.raw), in_kazakh_text=True)
                         if len(s) >= NAMING_STEM)
        return forms


def query_words(q: str, keep: frozenset[str] = frozenset()) -> list[QueryWord]:
    """Words of a query, stopwords (but those in `keep`) dropped when something else is left; CJK bigrams never
    act as prefixes."""
    return list(_query_words(q, APOSTROPHE_ENDINGS, keep))


@lru_cache(maxsize=4096)
def _query_words(q: str, _apostrophe_endings: bool, keep: frozenset[str] = frozenset()) -> tuple[QueryWord, ...]:
    """`query_words`, remembered: one search reads the words of its query and of each phrasing dozens of times
    (about 65 calls a search page). The switch that `words` reads is part of the key."""
    terms = words(q)
    kept = [t for t in terms if t not in STOPWORDS or t in keep] or terms
    kazakh_text = in_kazakh_letters(kept)
    return tuple(QueryWord(term, fold(term) or term, i == len(kept) - 1 and not is_cjk(term),
                           stems(term, kazakh_text=kazakh_text)) for i, term in enumerate(kept))


def as_typed(q: str, kept: str) -> str:
    """The words a search kept of query `q` (`kept`: their `QueryWord.raw` forms, space-separated, as the search read
    them: lower case, CJK runs as bigrams) spelled as `q` typed them, in its order, for telling the user what was
    searched. A space-separated token of `q` all of whose words are kept shows as typed, punctuation at its edges
    aside ("Kazakistan'dan", "哈萨克斯坦"); of a token only partly kept, the parts kept ("IT" of "IT-Fachkräfte"),
    and of a Chinese run its kept stretches ("梭鲈鱼" of "梭鲈鱼片")."""
    keep = set(kept.split())
    shown: list[str] = []
    for token in q.split():
        shown.extend(_kept_parts(token, keep))
    return " ".join(dict.fromkeys(shown)) or kept


def _kept_parts(token: str, keep: set[str], whole: bool = True) -> list[str]:
    """`as_typed` of one token: itself when all its words are kept, else its kept parts (`whole`: the token is a
    space-separated one, whose parts are its runs of CJK and of other letters and digits; else it is one run)."""
    terms = words(token)
    held = [i for i, t in enumerate(terms) if t in keep]
    if not held:
        return []
    if len(held) == len(terms):
        return [_EDGES.sub("", token) or token]
    if whole:
        return [part for m in _PART_RE.finditer(token) for part in _kept_parts(m.group(), keep, whole=False)]
    run = "".join(_CJK_RE.findall(token))
    if run and terms == [run[i:i + 2] for i in range(len(run) - 1)]:
        spans: list[list[int]] = []
        for i in held:  # consecutive bigrams make one stretch of the run
            if spans and spans[-1][1] == i - 1:
                spans[-1][1] = i
            else:
                spans.append([i, i])
        return [run[a:b + 2] for a, b in spans]
    return [terms[i] for i in held]


def hs_query(q: str) -> str | None:
    """The digits of a query that is an HS code ("1101", "5201.00", "52 01 00"), else None."""
    match = HS_QUERY_RE.match(q or "")
    return re.sub(r"\D", "", match.group(1)) if match else None


def highlight(text: str, terms: set[str], prefixes: set[str], crop: int | None = None,
              seen: dict[str, bool] | None = None) -> str:
    """HTML-escaped `text` with matched words wrapped in <mark>; a word matches when its typed, folded or
    stemmed form is in `terms` or starts with one of `prefixes`. With `crop`, about that many words around
    the first match, with an ellipsis where text was cut. `seen` memoises word decisions across calls
    with the same terms (one results page).
    """
    text = text or ""
    seen = {} if seen is None else seen
    tokens = list(_WORD_RE.finditer(text))
    spans: list[tuple[int, int]] = []
    for span in (span for m in tokens for span in _marked_spans(m, terms, tuple(prefixes), seen)):
        if spans and spans[-1][1] == span[0]:  # adjacent CJK characters form one mark
            spans[-1] = (spans[-1][0], span[1])
        else:
            spans.append(span)
    start, end = 0, len(text)
    if crop and len(tokens) > crop:
        first = next((i for i, m in enumerate(tokens) if spans and m.end() > spans[0][0]), 0)
        lo = max(0, min(first - crop // 3, len(tokens) - crop))
        hi = min(len(tokens), lo + crop)
        start = tokens[lo].start() if lo else 0
        end = tokens[hi - 1].end() if hi < len(tokens) else len(text)
    out, pos = ["…" if start else ""], start
    for s, e in spans:
        if s >= start and e <= end:
            out += [html.escape(text[pos:s]), "<mark>", html.escape(text[s:e]), "</mark>"]
            pos = e
    out += [html.escape(text[pos:end]), "…" if end < len(text) else ""]
    return "".join(out)


def _marked_spans(
    m: re.Match[str], terms: set[str], prefixes: tuple[str, ...], seen: dict[str, bool]
) -> list[tuple[int, int]]:
    """Character spans of one word to mark: the word, or for CJK the characters of matched bigrams."""
    word = m.group(0)
    hit = seen.get(word)
    if hit is None:
        if _CJK_RE.search(word):
            return [(m.start() + i, m.start() + i + 1) for i, c in enumerate(_cjk_covered(word, terms)) if c]
        forms = word_forms(word)
        hit = any(f in terms for f in forms) or bool(prefixes) and any(f.startswith(prefixes) for f in forms)
        seen[word] = hit
    return [(m.start(), m.end())] if hit else []


@lru_cache(maxsize=65536)
def word_forms(word: str, kazakh: bool = True, kazakh_text: bool = False) -> tuple[str, ...]:
    """Typed, folded and stemmed forms of one word (cached: highlighting sees the same words again and again);
    `kazakh=False` leaves out the stems without Kazakh endings, `kazakh_text` says the word is a Kazakh text's
    (`stems`)."""
    raw = normalize(word)
    return (raw, fold(word), *stems(raw, kazakh, kazakh_text))


# the shortest stem by which a Latin word names a concept or a country (`naming_forms`): the three stemmers a Latin
# word goes through (its language is unknown) cut short words to other words' stems: Turkish "perde" (curtain) to
# "per", "millet" to "mill", which "milling" also has. Russian stems stay as short as they come ("мука", "муки").
NAMING_STEM = 5


# a query word shorter than this names a concept's word or a country only as that word is spelt, typed or folded,
# not by its stem: "cem" (CEM II cement) folds to "кем", the stem of the Kazakh "кеме" (ship), and "dan" (the
# Turkish "-'dan", from) to "дан", the stem of "Дания"; 0 = by any form (the state before)
SHORT_WORD = 4


# ç and ş are the only Latin letters that fold apart from their plain letters (to ч and ш: "çay" meets "чай",
# "şeker" "шекер"); a keyboard without them writes "cinko" for "çinko", "seker" for "şeker"
_WITHOUT_CEDILLA = str.maketrans("çş", "cs")
# On: a Kazakh word of a concept's or a country's name is also named as a Russian keyboard types it
# (`matching.text.KAZAKH_LETTERS`: "катты бидай" for "қатты бидай", durum wheat); `search.synonyms.Thesaurus.matches`
# ranks such a reading below one by the word's own forms (Russian "сока", of juice, is not "соқа", a plough);
# off = by its own spelling, fold and stems only (the state before)
KAZAKH_ON_RUSSIAN_KEYS = True
# On: a Mongolian agent noun in the plural ("импортлогчид", importers) also names concepts as its singular
# ("импортлогч"); off = as typed and stemmed only (the state before)
MONGOLIAN_PLURAL_AGENTS = True


def mongolian_agent_singular(word: str) -> tuple[str, ...]:
    """The singular of a Mongolian agent noun in the plural ("-гчид", "-чид": "экспортлогчид", "нийлүүлэгчид"),
    else (). Russian and Kazakh spelling write no word that ends so."""
    if MONGOLIAN_PLURAL_AGENTS and word.endswith("чид") and len(word) >= 6:
        return (word[:-2],)
    return ()


def naming_forms(word: str, kazakh_text: bool = False) -> tuple[str, ...]:
    """The forms by which a word of a concept's or a country's name is named: typed, folded and stemmed, a Latin
    word's stems from `NAMING_STEM` letters (`QueryWord.naming_forms` is the query's side); a Latin word with ç or
    ş also by the same forms of it typed with c and s, a Kazakh word also as typed with Russian letters for its
    Kazakh ones (`KAZAKH_ON_RUSSIAN_KEYS`)."""
    raw, folded_form, *stemmed = word_forms(word, kazakh_text=kazakh_text)
    if not _HAS_LATIN.search(raw):
        plain = without_kazakh_letters(raw) if KAZAKH_ON_RUSSIAN_KEYS else raw
        return (raw, folded_form, *stemmed, *([plain] if plain != raw else []))
    stemmed = [s for s in stemmed if len(s) >= NAMING_STEM]
    plain = raw.translate(_WITHOUT_CEDILLA)
    if plain != raw:
        plain_raw, plain_fold, *plain_stems = word_forms(plain)
        stemmed += [plain_raw, plain_fold, *(s for s in plain_stems if len(s) >= NAMING_STEM)]
    return (raw, folded_form, *stemmed)


def _cjk_covered(word: str, terms: set[str]) -> list[bool]:
    """Which characters of a CJK word a matched bigram (or single character) covers."""
    covered = [False] * len(word)
    for i in range(len(word)):
        for size in (2, 1):
            if len(word[i:i + size]) == size and word[i:i + size] in terms:
                covered[i:i + size] = [True] * size
    return covered
