"""Word boundaries in a Chinese query, from jieba's dictionary.

Chinese is written without spaces, and the index holds a run of Han characters as overlapping bigrams
(`search.analysis`). A query typed as one run ("乌兹别克斯坦小麦", Uzbekistan wheat) then asks for bigrams that span
two words ("坦小"), which no listing holds, and its country and product are not seen as words of their own, so the
thesaurus and the country names do not meet them. `spaced` puts a space where jieba ends a word of two characters
or more before another such word ("乌兹别克斯坦 小麦"); the bigrams inside each word are what the index holds.

A word of one character stays joined to its neighbour ("牛羊皮": "牛" stays with "羊皮"), since a lone character
meets no bigram, except a few function characters (`SEPARATORS`: "的", of; "和", and), which only part words.
The thesaurus's Chinese phrases and the Chinese country names are added to the dictionary, so a phrase the
thesaurus knows ("货运代理", freight forwarding) stays whole. Meilisearch segments Chinese with jieba itself (its
tokenizer, charabia), so this is for the embedded backend.

The dictionary takes about 0.5 s and 70 MB in each process: the site's workers load it in their warm-up thread
(`warm`), anything else when its first Chinese query arrives.
"""
from __future__ import annotations

import logging
import re
import threading
from itertools import groupby

import pycountry

from search.countries import country_names

# off = a Chinese run is searched as typed (the state before)
SEGMENT = True
SEPARATORS = frozenset("的和与及或在")
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{3,}")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_lock = threading.Lock()


def spaced(q: str) -> str:
    """`q` with a space between the words of its Chinese runs (`SEGMENT`); other text as it is."""
    if not SEGMENT or not _HAN_RUN.search(q):
        return q
    return _HAN_RUN.sub(lambda m: " ".join(_words(m.group(0))), q)


def _words(run: str) -> list[str]:
    """A run of Han characters as words: jieba's words of two characters or more, each lone character joined
    to the word before it (or after it, at the start), the separators only parting words."""
    tokens = _tokenizer().lcut(run, HMM=False)
    return [word for parted, part in groupby(tokens, key=lambda t: t in SEPARATORS) if not parted
            for word in _joined(list(part))]


def _joined(tokens: list[str]) -> list[str]:
    """Tokens with each lone character joined to the word before it, or to the one after it at the start."""
    out: list[str] = []
    lone = ""  # lone characters at the start, waiting for a word
    for token in tokens:
        if len(token) == 1 and out:
            out[-1] += token
        elif len(token) == 1:
            lone += token
        else:
            out.append(lone + token)
            lone = ""
    return out + [lone] if lone else out


def warm() -> None:
    """Load the dictionary now, outside any request."""
    _tokenizer()


_built: tuple[object, object] | None = None  # (the thesaurus it was built with, the tokenizer)


def _tokenizer():
    """jieba's tokenizer with the thesaurus's Chinese phrases and the Chinese country names as words, built
    once per thesaurus (once per process but in tests, which swap lexicons)."""
    global _built
    from search.synonyms import thesaurus

    th = thesaurus()
    with _lock:  # one build, however many threads ask first
        if _built is None or _built[0] is not th:
            _built = (th, _build([p for p, lang in th.languages.items() if lang == "zh"]))
        return _built[1]


def _build(phrases: list[str]):
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for phrase in [*phrases, *(n for c in pycountry.countries for n in country_names(c.alpha_2))]:
        if _HAN.search(phrase) and " " not in phrase:
            tokenizer.add_word(phrase)
    return tokenizer
