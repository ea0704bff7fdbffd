"""Shared text normalisation for matching and search: one canonical form for Kazakh in both scripts.

`normalize` is the light form (NFKC, casefold, Latin look-alikes inside Cyrillic words fixed): it keeps
English, Turkish and German words as they are spelled. `fold` goes further: Kazakh-specific Cyrillic letters
become their nearest Russian letters (ә→а, қ→к, ұ/ү→у, і/й/ы→и, ...), and every Latin letter is transliterated
to that same folded Cyrillic, so the 2018 acute alphabet ("bıdai uny", "Qazaqstan"), the 2021 alphabet
(ä ö ü ş ğ ñ), Turkish-style (ı, ş, ç) and English-style (sh, ch, zh, kh) spellings collide with Cyrillic
("бидай ұны", "Қазақстан").

Design choice: `fold` transliterates *all* Latin text, because a short query ("qymyz", "uny") carries too few
letters to be recognised as Kazakh. Folding an English word yields a harmless nonsense key ("wheat" -> "уxеат"
style), but it would lose Turkish/German distinctions, so callers index and query BOTH forms: the original
words under `normalize` and the folded words in extra fields. A match on the original form ranks above a
match found only through folding.

Alphabets follow the official 2018 Kazakh Latin alphabet (Presidential decree No. 637, 2018-02-19) as people
actually type it (see shared/eval README: ә á, ғ ǵ, қ q, ң ń, ө ó, ұ u, ү ú, і i, ы y, и ı, й i, у u/ý, ш sh,
ч ch, ж j) and the 2021 proposal (ä ö ü ş ğ ñ ı).
"""
from __future__ import annotations

import re
import unicodedata

# the letters Kazakh has and Russian lacks, each as the nearest Russian letter (what a Russian keyboard types for it)
KAZAKH_LETTERS = {"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и"}
_WITHOUT_KAZAKH = str.maketrans(KAZAKH_LETTERS)
# Kazakh (and Mongolian, Russian) Cyrillic letters folded onto a small Russian core; soft/hard signs vanish.
_CYR_FOLD = str.maketrans({
    **KAZAKH_LETTERS, "й": "и",
    "ы": "и", "ё": "е", "э": "е", "ъ": "", "ь": "", "я": "иа", "ю": "иу", "щ": "ш", "ц": "тс",
})

# Latin (all Kazakh conventions) to folded Cyrillic; digraphs first so "sh" is not read as s + h.
_LAT_DIGRAPHS = {"sh": "ш", "ch": "ч", "zh": "ж", "kh": "х", "gh": "г"}
_LAT_SINGLE = {
    "a": "а", "á": "а", "ä": "а", "b": "б", "c": "к", "ç": "ч", "d": "д", "e": "е", "é": "е", "f": "ф",
    "g": "г", "ǵ": "г", "ğ": "г", "h": "х", "i": "и", "ı": "и", "j": "ж", "k": "к", "l": "л", "m": "м",
    "n": "н", "ń": "н", "ñ": "н", "o": "о", "ó": "о", "ö": "о", "p": "п", "q": "к", "r": "р", "s": "с",
    "ş": "ш", "t": "т", "u": "у", "ú": "у", "ü": "у", "ū": "у", "ý": "у", "v": "в", "w": "у", "x": "кс",
    "y": "и", "z": "з",
}
_DIGRAPH_RE = re.compile("|".join(_LAT_DIGRAPHS))
_LAT_TABLE = str.maketrans(_LAT_SINGLE)

# Latin letters that look like Cyrillic ones, typed by mistake inside a Cyrillic word ("маcло").
_HOMOGLYPHS = str.maketrans({
    "a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у", "k": "к", "m": "м", "t": "т",
    "h": "н", "b": "в", "i": "і",
})
_WORD_RE = re.compile(r"\w+")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
_LATIN_RE = re.compile(r"[a-zA-Z\u00c0-\u024f]")

# Kazakh Cyrillic to the 2018 Latin alphabet as typed (и→ı, й→i, у→u, я→ıa).
_KK_TO_LATIN = {
    "а": "a", "ә": "á", "б": "b", "в": "v", "г": "g", "ғ": "ǵ", "д": "d", "е": "e", "ё": "ıo", "ж": "j",
    "з": "z", "и": "ı", "й": "i", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n", "ң": "ń", "о": "o",
    "ө": "ó", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u", "ү": "ú", "ф": "f", "х": "h",
    "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e",
    "ю": "ıý", "я": "ıa",
}
# The reverse, best effort: where 2018 Latin is ambiguous (u = ұ or у) the commoner Kazakh letter wins.
_LATIN_TO_KK = {
    "sh": "ш", "ch": "ч", "zh": "ж", "ts": "ц", "ıa": "я", "ia": "я", "ıý": "ю", "ıu": "ю", "a": "а",
    "á": "ә", "ä": "ә", "b": "б", "c": "с", "d": "д", "e": "е", "f": "ф", "g": "г", "ǵ": "ғ", "ğ": "ғ",
    "h": "х", "i": "і", "ı": "и", "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н", "ń": "ң", "ñ": "ң",
    "o": "о", "ó": "ө", "ö": "ө", "p": "п", "q": "қ", "r": "р", "s": "с", "ş": "ш", "t": "т", "u": "ұ",
    "ú": "ү", "ü": "ү", "ū": "ұ", "v": "в", "w": "у", "x": "х", "y": "ы", "ý": "у", "z": "з",
}
_LATIN_TO_KK_RE = re.compile(
    "|".join(sorted((k for k in _LATIN_TO_KK if len(k) > 1), key=len, reverse=True)) + "|[^\\W\\d_]"
)
_SEMIVOWEL_I_RE = re.compile(r"(?<=[aeouáóúyäöü])i")

# Evidence that Latin text is Kazakh: letters of the 2018 alphabet no other language here uses, and very
# common Kazakh words and endings as they are typed in Latin.
_KK_LETTERS = set("áǵńóúýq")
_KK_WORDS = {
    "jáne", "jane", "men", "ben", "pen", "úshin", "ushin", "bar", "joq", "emes", "biz", "bizde", "qajet",
    "kerek", "usynamyz", "usynady", "boiynsha", "arqyly", "deiin", "aiyna", "qazaq", "qazaqstan", "tonna",
}
# a "y" after a consonant is the Kazakh vowel ы ("uny", "synyp"); Turkish and English y is mostly a consonant
_KK_Y_RE = re.compile(r"[bcdfghjklmnpqrstvwxzǵń]y(?:[bcdfghjklmnpqrstvwxzǵń]|$)")
_EN_WORDS = {"the", "and", "for", "of", "with", "to", "in", "from", "per", "by", "we", "our"}
_TR_WORDS = {"ve", "için", "bir", "ile", "alımı", "satışı", "ihracat", "ithalatı", "san", "tic", "şti", "ltd"}


def without_kazakh_letters(word: str) -> str:
    """A Cyrillic word as a Russian keyboard types it: each Kazakh letter as the Russian letter nearest to it."""
    return word.translate(_WITHOUT_KAZAKH)


def normalize(text: str) -> str:
    """NFKC + casefold, and Latin look-alike letters inside mostly-Cyrillic words turned Cyrillic."""
    text = unicodedata.normalize("NFKC", text or "").casefold().replace("\u0307", "")
    return _WORD_RE.sub(_fix_homoglyphs, text)


def _fix_homoglyphs(match: re.Match[str]) -> str:
    word = match.group(0)
    cyr = len(_CYRILLIC_RE.findall(word))
    if cyr and _LATIN_RE.search(word) and cyr >= len(_LATIN_RE.findall(word)):
        return word.translate(_HOMOGLYPHS)
    return word


def fold(text: str) -> str:
    """The canonical search key: `normalize`, then Kazakh/Latin letters folded onto a Russian Cyrillic core.

    Chinese and other scripts pass through unchanged; digits are kept.
    """
    text = normalize(text)
    if _LATIN_RE.search(text):
        text = _latin_to_folded(text)
    return text.translate(_CYR_FOLD)


def _latin_to_folded(text: str) -> str:
    """Digraphs first (a regex: "sh" is not s + h), then single letters by one translate table; accents no
    alphabet above names (è, ã, ø...) are dropped and the letter folded like its plain form."""
    text = _DIGRAPH_RE.sub(lambda m: _LAT_DIGRAPHS[m.group(0)], text).translate(_LAT_TABLE)
    if not _LATIN_RE.search(text):
        return text
    decomposed = unicodedata.normalize("NFD", text)
    plain = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))
    return _DIGRAPH_RE.sub(lambda m: _LAT_DIGRAPHS[m.group(0)], plain).translate(_LAT_TABLE)


def kk_cyrillic_to_latin(text: str) -> str:
    """Kazakh Cyrillic to the 2018 Latin alphabet as people type it; case of the first letter is kept."""
    out = []
    for ch in unicodedata.normalize("NFC", text or ""):
        latin = _KK_TO_LATIN.get(ch.lower())
        if latin is None:
            out.append(ch)
        else:
            out.append(latin.capitalize() if ch.isupper() and latin else latin)
    return "".join(out)


def kk_latin_to_cyrillic(text: str) -> str:
    """Latin-script Kazakh (2018 or 2021 conventions) to Kazakh Cyrillic, best effort, for the embedder.

    Acronyms (all capitals) and words with digits are left alone: "FCA", "ISO 22000", "ST-1".
    """
    return _WORD_RE.sub(_word_to_cyrillic, unicodedata.normalize("NFC", text or ""))


def _word_to_cyrillic(match: re.Match[str]) -> str:
    word = match.group(0)
    if (len(word) > 1 and word.isupper()) or any(ch.isdigit() for ch in word) or not _LATIN_RE.search(word):
        return word
    lower = word.lower()
    lower = _SEMIVOWEL_I_RE.sub("\x00", lower)  # "ai", "ei" are ай, ей: і never follows a vowel in Kazakh
    cyr = _LATIN_TO_KK_RE.sub(lambda m: _LATIN_TO_KK.get(m.group(0), m.group(0)), lower).replace("\x00", "й")
    return cyr[:1].upper() + cyr[1:] if word[:1].isupper() else cyr


def looks_kazakh_latin(text: str) -> bool:
    """True when Latin-script text reads as Kazakh (2018 letters, Kazakh words), not Turkish/English."""
    words = [w.lower() for w in _WORD_RE.findall(unicodedata.normalize("NFC", text or ""))]
    latin = [w for w in words if _LATIN_RE.search(w)]
    if not latin or len(latin) < len([w for w in words if _CYRILLIC_RE.search(w)]):
        return False
    kk = sum(1 for w in latin if _KK_LETTERS & set(w) or w in _KK_WORDS or _KK_Y_RE.search(w))
    tr = sum(1 for w in latin if w in _TR_WORDS or w in _EN_WORDS or "ç" in w or "ş" in w)
    return kk >= max(1, len(latin) * 0.15) and kk > tr
