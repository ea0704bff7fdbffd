"""Country names in the seven languages users write, so that a listing aimed at Mongolia is found by "мука в
Монголию", "un Moğolistan" or "flour Mongolia" (its `countries` are codes).

Names come from pycountry (ISO 3166 in English, with its translations into ru, kk, tr, de, zh and mn), plus the
short forms people type that ISO does not give ("UAE", "США", "КНР"), kept here. The embedded backend does not
index the names themselves (seven languages of them made PostgreSQL's text vectors about 40% longer and its
searches slower): a document carries one token per country (`country_token`), and a query word that names a
country also matches that token (`country_codes`). Meilisearch gets the names as a field (`country_text`).
"""
from __future__ import annotations

import gettext
from collections import defaultdict
from functools import cache, lru_cache

import pycountry

from matching.text import fold
from search import analysis
from search.analysis import QueryWord, has_latin, is_cjk, naming_forms, words
from search.kazakh import AFTER_POSSESSIVE, CASE_ENDINGS

# the ISO 3166 translations pycountry ships, by our language code
_LOCALES = {"ru": "ru", "kk": "kk", "tr": "tr", "de": "de", "zh": "zh_CN", "mn": "mn"}
# short and everyday names ISO does not give, for the countries the platform's users trade with most
ALIASES = {
    "AE": ["UAE", "ОАЭ", "БАӘ", "BAE", "VAE", "阿联酋", "Эмират"],
    "US": ["USA", "America", "Америка", "США", "АҚШ", "ABD", "米国", "美国", "АНУ"],
    "GB": ["UK", "Britain", "Великобритания", "Ұлыбритания", "Britanya", "Großbritannien", "英国", "Их Британи"],
    "CN": ["PRC", "КНР", "ҚХР", "Çin Halk Cumhuriyeti", "中国", "Хятад"],
    "RU": ["РФ", "Russia", "Ресей", "Rusya", "Russland", "俄罗斯", "ОХУ", "Орос"],
    "KR": ["South Korea", "Южная Корея", "Оңтүстік Корея", "Güney Kore", "Südkorea", "韩国", "Өмнөд Солонгос"],
    "KZ": ["Қазақстан", "Qazaqstan", "哈萨克斯坦"],
    "TR": ["Turkey", "Турция", "Түркия", "Türkei", "土耳其", "Турк"],
    "IR": ["Iran", "Иран", "İran", "伊朗"],
    "DE": ["ФРГ", "Германия", "Almanya", "德国", "Герман"],
    "MN": ["Моңғолия"],  # as Kazakh writers spell it; ISO's Kazakh name is "Монғолия"
}

# Kazakh puts case endings on a country's name ("Қытайға", to China; "Германиядан", from Germany; "Túrkııaǵa"): a
# query word that names no country as it is written may name one without such an ending. The case endings of
# `search.kazakh` (but those that follow a possessive only), tried on a closed list of names; unlike
# `search.kazakh.kazakh_stems`, also on words without a Kazakh letter ("Германиядан") and, in Latin script, on the fold.
KAZAKH_CASE_ENDINGS = tuple(e for e in CASE_ENDINGS if e not in AFTER_POSSESSIVE)
_FOLDED_ENDINGS = tuple(sorted({fold(e) for e in KAZAKH_CASE_ENDINGS}, key=len, reverse=True))

# words of official names that name no country: a query with them ("республика") should not meet every listing
# aimed at a republic
GENERIC = frozenset("""of the and republic islamic federation federal democratic people's peoples united state
states plurinational bolivarian kingdom republik islamische föderation vereinigte cumhuriyeti islâm federasyonu
birleşik республика республикасы федерация федерациясы объединённые ард улс холбооны нэгдсэн""".split())


@cache
def _translation(locale: str) -> gettext.NullTranslations:
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale])
    except OSError:
        return gettext.NullTranslations()


@lru_cache(maxsize=512)
def country_names(code: str) -> tuple[str, ...]:
    """The names of a country (ISO 3166-1 alpha-2 code) in en, ru, kk, tr, de, zh and mn, distinct; () for an
    unknown code."""
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return ()
    english = [country.name, getattr(country, "common_name", None)]
    names = [n for n in english if n]
    names += [_translation(locale).gettext(country.name) for locale in _LOCALES.values()]
    names += ALIASES.get(country.alpha_2, [])
    return tuple(dict.fromkeys(names))


@lru_cache(maxsize=512)
def country_words(code: str) -> str:
    """The words of a country's names (`country_names`) that name it, as one text for the search index."""
    return " ".join(w for name in country_names(code) for w in name.replace(",", " ").split()
                    if w.lower() not in GENERIC)


def country_text(codes: list[str]) -> str:
    """The names of countries as one text (Meilisearch's `country_names` field)."""
    return " ".join(country_words(c) for c in dict.fromkeys(codes))


def country_token(code: str) -> str:
    """The term a document carries for a country: letters and digits no one types, kept whole by the FTS5 and
    PostgreSQL tokenizers and out of the typo vocabulary (it has digits)."""
    return f"iso3166{code.lower()}"


@cache
def country_index() -> dict[str, frozenset[str]]:
    """Every typed, folded and stemmed form of the words of every country's names -> the countries it names
    (built once per process, about 30 ms: the warm-up thread builds it, app/matches/services.py)."""
    out: dict[str, set[str]] = defaultdict(set)
    for country in pycountry.countries:
        for word in words(country_words(country.alpha_2)):
            if _names(word):
                for form in naming_forms(word):
                    out[form].add(country.alpha_2)
    return {form: frozenset(codes) for form, codes in out.items()}


def country_codes(word: QueryWord) -> list[str]:
    """The countries a query word names, by its naming forms ("Монголию", `QueryWord.naming_forms`), or else
    without a Kazakh case ending ("Қытайға", `bare_country_word`)."""
    return list(_country_codes(word, analysis.SHORT_WORD))


@lru_cache(maxsize=4096)
def _country_codes(word: QueryWord, _short_word: int) -> tuple[str, ...]:
    """`country_codes`, remembered (a search page asks about 150 times, for a few words); the length of a short
    word, which it reads, is part of the key."""
    by_form = country_index()
    forms = (word.naming_forms() if len(word.raw) >= analysis.SHORT_WORD
             else {word.raw, word.fold} & _name_words())  # a short word: a name's word as spelt
    codes = {code for form in forms for code in by_form.get(form, ())}
    if not codes and (bare := bare_country_word(word)):
        codes = set(by_form[bare])
    return tuple(sorted(codes))


def bare_country_word(word: QueryWord) -> str | None:
    """A query word naming a country with a Kazakh case ending, without it ("Қытайға" -> "қытай", "Túrkııaǵa" ->
    its fold "туркииа"); None for any other word, and for a word that names a country as it is written."""
    # a Latin-script word by its fold, as its naming forms are (Kazakh in Latin letters meets the Cyrillic names)
    base, endings = (word.fold, _FOLDED_ENDINGS) if has_latin(word.raw) else (word.raw.replace("ё", "е"),
                                                                               KAZAKH_CASE_ENDINGS)
    if word.raw in country_index() or base in country_index():
        return None
    names = _name_words()
    for ending in endings:
        if base.endswith(ending) and len(base) - len(ending) >= 3 and base[:-len(ending)] in names:
            return base[:-len(ending)]
    return None


def _names(word: str) -> bool:
    """Whether a word of a country's names names it: three letters or more, "uk", or Chinese (not "us", a
    pronoun)."""
    return len(word) >= 3 or word == "uk" or is_cjk(word)


@cache
def _name_words() -> frozenset[str]:
    """The words of every country's names as written and folded, not stemmed: what is left of a word without its
    Kazakh ending must be a whole name ("Индиана" less "на" is the stem "инди", not India), and a short query word
    must be one (`country_codes`)."""
    return frozenset(form for country in pycountry.countries for word in words(country_words(country.alpha_2))
                     for form in (word, fold(word)) if _names(word))
