"""Russian words told apart by their dictionary entries, where the Snowball stem joins different ones.

The Russian Snowball stemmer cuts endings without a dictionary, so different words can share a stem: "медь" (copper)
and "мёда" (of honey) both become "мед", "сырьё" (raw materials) and "сыр" (cheese) "сыр", "уголь" (coal) and "угол"
(corner) "угол". pymorphy3 with its OpenCorpora dictionary gives each known word form its lemmas and parts of
speech; two forms are strangers when the dictionary knows both, gives them no lemma in common and some part of speech in
common (a noun and another noun). Forms of one word ("меди", "медью") are kin, and so are a noun and the adjective
made from it ("макароны", "макаронная"), which Snowball joins on purpose. A word the dictionary does not know
(Kazakh in Cyrillic letters, a trade name, a misspelling) is neither. The analyser loads on first use or in a web
worker's warm-up (some 0.05 s and 20 MB in each process).
"""
from __future__ import annotations

import re
from functools import lru_cache

# (lemma, part of speech) of a known form; ё as е in the lemma, as the index spells words both ways
Entry = tuple[str, str]


@lru_cache(maxsize=1)
def _analyzer():
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


# parses left out: names of people and abbreviations ("Марк", "пер." for переулок), which make strangers of words a
# trade listing means otherwise
_LEFT_OUT = frozenset({"Name", "Surn", "Patr", "Abbr"})


def warm() -> None:
    """Load the dictionary now, outside any request."""
    _analyzer()


@lru_cache(maxsize=65536)
def entries(word: str) -> frozenset[Entry]:
    """The dictionary entries a lowercase word form can be: empty when the dictionary does not know it (a word not in
    Russian letters included)."""
    return frozenset(_entry(p) for p in _parses(word))


def lemmas(word: str) -> frozenset[str]:
    """The lemmas of a word form's known readings (ё as е), e.g. "юрта" of "юрт"."""
    return frozenset(lemma for lemma, _ in entries(word))


@lru_cache(maxsize=65536)
def base_entry(word: str) -> frozenset[Entry]:
    """The entry of a word form's likeliest reading when that reading is the base form itself ("мед": honey),
    else empty ("молок", an inflected form; "сем", a particle first): a Snowball stem that the index also holds
    counts as a word of its own only so."""
    first = next(iter(_parses(word)), None)
    return frozenset({_entry(first)}) if first is not None and _entry(first)[0] == word.replace("ё", "е") else (
        frozenset())


# a word in Russian letters only: a Latin word, or Kazakh with its own letters, is no Russian word the dictionary knows
_RUSSIAN_WORD = re.compile("[а-яё]+")


def _parses(word: str) -> list:
    """Known parses of a word, likeliest first, without those `_LEFT_OUT`; none for a word not in Russian letters."""
    if not _RUSSIAN_WORD.fullmatch(word):
        return []
    return [p for p in _analyzer().parse(word) if p.is_known and not p.tag.grammemes & _LEFT_OUT]


def _entry(parse) -> Entry:
    return parse.normal_form.replace("ё", "е"), str(parse.tag.POS)


def strangers(a: frozenset[Entry], b: frozenset[Entry]) -> bool:
    """Whether two known forms are different words: no lemma in common, some part of speech in common."""
    if not a or not b:
        return False
    lemmas_a, lemmas_b = {lemma for lemma, _ in a}, {lemma for lemma, _ in b}
    return not lemmas_a & lemmas_b and bool({pos for _, pos in a} & {pos for _, pos in b})
