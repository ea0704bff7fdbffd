"""Kazakh word endings, so that a Kazakh word meets its other forms in search ("жиһаздары", "жиһазы" -> "жиһаз").

Snowball (PyStemmer) has no Kazakh stemmer, and the Kazakh analyser on PyPI (kazstem) needs finite-state resources
built outside its package, so the search strips the regular endings itself. Kazakh adds endings in a fixed order:
plural, possessive, case. They are stripped from the end in the opposite order, at most one of each:
- case: genitive, dative, accusative, locative, ablative, instrumental, and the locative adjective "-дағы";
- possessive of the third person only ("жүні", "кабелі", "жиһазы"): the first and second persons ("-ым", "-ың")
  are rare in listings, and they would cut stems that end like them ("тұқым", seed);
- plural.
A stem keeps at least `MIN_STEM` letters. Below the plural, the adjective of a noun ("-лық", "-лік", "-дық",
"-дік", "-тық", "-тік": "визалық", of visas; "экспорттық", of export) also gives the noun (`DERIVED`), from
`DERIVED_MIN_STEM` letters: "визалық қолдау" (visa support) then meets "виза", as "экспорттық" meets "экспорт".
Shorter nouns are left alone, as too many words end like them ("жабдық", equipment, is not "жаб"). A stem left
with a voiced last consonant before a vowel ending ("балығы" -> "балығ") also gives its voiceless form ("балық"),
as the word is written on its own.

Only words with a letter that Kazakh has and Russian lacks (ә ғ қ ң ө ұ ү һ і), or with "шы" or "жы" (Russian
spelling writes "ши", "жи"), are stripped, so Russian words keep their Snowball stems alone: "гектар" or "мастер"
end like Kazakh plurals. The second mark reads the plural of an agent noun spelt with Russian letters only
("импорттаушылары", importers) as Kazakh.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from matching.text import KAZAKH_LETTERS, looks_kazakh_latin

MIN_STEM = 3
_KAZAKH_LETTER = re.compile(f"[{''.join(KAZAKH_LETTERS)}]|[жш]ы")
CASE_ENDINGS = tuple(sorted("""ның нің дың дің тың тің ға ге қа ке на не ны ні ды ді ты ті н да де та те нда нде дан ден
тан тен нан нен мен бен пен дағы дегі тағы тегі ндағы ндегі""".split(), key=len, reverse=True))
# endings that follow a possessive only ("жүнін", "жүніне", "жүнінде"): after any other stem they would cut its own
# last letters ("Қазақстан", "Астана")
AFTER_POSSESSIVE = frozenset({"н", "на", "не", "нда", "нде", "ндағы", "ндегі"})
_POSSESSIVE = ("сы", "сі", "ы", "і")
# the accusative after a vowel, a voiced and a voiceless consonant
ACCUSATIVE = frozenset({"ны", "ні", "ды", "ді", "ты", "ті"})
_PLURAL = ("лар", "лер", "дар", "дер", "тар", "тер")
_VOICELESS = {"ғ": "қ", "г": "к", "б": "п"}
# the adjective of a noun, after a vowel or sonorant, a voiced and a voiceless consonant, in back and front words
_DERIVED = ("лық", "лік", "дық", "дік", "тық", "тік")
DERIVED_MIN_STEM = 4
# the noun of an adjective in "-лық"/"-лік"... is a stem too; off = case, possessive and plural only (the state
# before)
DERIVED = True
# A word of Kazakh text without a Kazakh letter is Kazakh too: most loanwords from Russian ("машинасы", its
# machine; "фабрикасы", "фермасы", "техникасы", "компаниясы") and some Kazakh words ("бидайы"). On: in a text known
# to be Kazakh (a listing in Kazakh; a query or a thesaurus phrase with a word in Kazakh letters) such a word is
# stripped of its endings as well, so "тігін машинасы" meets "машиналары" and the Russian "машина"; off = only
# words with a Kazakh letter (the state before; a reindex applies either to the listings)
IN_KAZAKH_TEXT = True
_CYRILLIC_WORD = re.compile(r"[а-яё]+")


def _strip(word: str, endings: tuple[str, ...]) -> tuple[str, str]:
    """The word without the longest of `endings` it ends with (keeping `MIN_STEM` letters), and that ending."""
    for ending in endings:
        stem = word[:-len(ending)]
        if word.endswith(ending) and len(stem) >= MIN_STEM and (ending not in AFTER_POSSESSIVE or stem[-1] in "ыі"):
            return stem, ending
    return word, ""


def _parse(word: str, case: bool = True) -> tuple[str, str]:
    """The word without its case (unless `case` is False), possessive and plural endings, and the last ending
    taken off."""
    stem, last = word, ""
    for endings in ((CASE_ENDINGS,) if case else ()) + (_POSSESSIVE, _PLURAL):
        stem, ending = _strip(stem, endings)
        last = ending or last
    return stem, last


def kazakh_stems(word: str, in_kazakh_text: bool = False) -> tuple[str, ...]:
    """The stem of a lower-case Kazakh word without its case, possessive and plural endings, and its voiceless
    form when it has one, then the noun of an adjective stem (`DERIVED`); () for a word without a Kazakh letter or
    without an ending. A word that ends like the accusative may also be a stem in н, д or т with the possessive
    ("қызметі": қызмет + і, as well as қызме + ті): both stems then. `in_kazakh_text`: the word stands in a Kazakh
    text (`IN_KAZAKH_TEXT`), so a Cyrillic word without a Kazakh letter is stripped too ("машинасы")."""
    if not _KAZAKH_LETTER.search(word) and not (in_kazakh_text and IN_KAZAKH_TEXT and _CYRILLIC_WORD.fullmatch(word)):
        return ()
    parses = [_parse(word)]
    if _strip(word, CASE_ENDINGS)[1] in ACCUSATIVE:
        parses.append(_parse(word, case=False))
    found: list[str] = []
    for stem, last in parses:
        if stem == word:
            continue
        voiceless = _VOICELESS.get(stem[-1]) if last[:1] in "аеыіуұүоө" and last else None
        found += [stem, stem[:-1] + voiceless] if voiceless else [stem]
    if DERIVED:
        found += [noun for stem, _ in parses if (noun := _noun(stem))]
    return tuple(dict.fromkeys(found))


def _noun(stem: str) -> str | None:
    """The noun of an adjective stem in "-лық", "-лік", ... ("визалық" -> "виза"), keeping `DERIVED_MIN_STEM`
    letters; None for any other stem."""
    for ending in _DERIVED:
        if stem.endswith(ending) and len(stem) - len(ending) >= DERIVED_MIN_STEM:
            return stem[:-len(ending)]
    return None


# A Kazakh paired word names one kind of things by two words joined by a hyphen ("киім-кешек", clothing; "ыдыс-аяқ",
# dishes); the second is often an echo of the first that listings do not write on its own ("кешек"), and searched as
# a word of its own it was met only by a typo ("керек", need). On: a pair whose second part no listing holds in any
# form, and that the thesaurus does not name whole ("ыдыс-аяқ" it does), is searched as its first word
# (`without_echo`); off = as both words (the state before)
PAIRED_ECHO = True
_PAIR = re.compile(r"(?<![\w-])([^\W\d_]+)-([^\W\d_]+)(?![\w-])")


def without_echo(q: str, held: Callable[[str], bool], named: Callable[[str], bool]) -> str:
    """`q` with each Kazakh paired word (a hyphen between two words, with a Kazakh letter or in Kazakh Latin
    script) written as its first word when no listing holds its second (`held` of that word) and no concept's name
    takes it in (`named` of the pair); `q` itself when none is."""
    if not PAIRED_ECHO or "-" not in q:
        return q

    def one(pair: re.Match[str]) -> str:
        kazakh = _KAZAKH_LETTER.search(pair[0].lower()) or looks_kazakh_latin(pair[0])
        return pair[1] if kazakh and not held(pair[2]) and not named(pair[0]) else pair[0]

    return _PAIR.sub(one, q)
