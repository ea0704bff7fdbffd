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
    to the word before it (or after it, at the start), a separator left out."""
    out: list[str] = []
    pending = ""  # lone characters at the start, waiting for a word to join
    for word in _tokenizer().lcut(run, HMM=False):
        if word in SEPARATORS:
            if pending:
                out.append(pending)
                pending = ""
            out.append("")  # a boundary: the next lone character does not join the word before
        elif len(word) > 1 or not out or not out[-1]:
            if len(word) == 1:
                pending += word
                continue
            out.append(pending + word)
            pending = ""
        else:
            out[-1] += word
    if pending:
        out.append(pending)
    return [w for w in out if w]


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
