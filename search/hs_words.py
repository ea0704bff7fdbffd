"""HS headings scored by the words a text shares with their names, next to the meaning scores of
`matching.hs.HsInferrer`.

The small multilingual model places a short goods name ("Кофемашина", "Chickpeas") near many headings; the
nomenclature's own words often decide between them ("кофе", "машины"). Each heading holds the words and stems of
its names in English, Russian and Kazakh, of its subheadings' names and of its chapter's titles, and of its own
and its chapter's names in Turkish, German, Chinese and Mongolian (`matching.hs.WORD_NAMES`), so that a short
query in those languages ("buğday unu", "Weizenmehl", "面粉") meets a heading by its words as well. Chinese names
count by character bigrams, as the search indexes Chinese. A text scores, per heading, the share of its words
(weighted by how rare each word is across headings) that the heading holds. Words no heading holds carry no
information about the heading and are left out of the share.

`HsInferrer(..., words=HeadingWords(), word_weight=WORD_WEIGHT)` adds this score, weighted, to the meaning score
of every heading whenever the caller passes the text: the HS suggestions (offer form and API), the search pivot
(`search.pivot.PIVOT_WORDS`), the headings the embed job stores for uncoded listings
(`search.pivot.document_headings`) and the matcher's own guesses, from the titles (`matching.store`).
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from matching import hs
from search.analysis import STOPWORDS, is_cjk, word_forms, words

# Chosen on the dev columns of bench/hs_eval.py --fit (rulings dev half and the dev-set listings, raw and centred
# query vectors, top-1 + top-5 summed: 0.1 -> 311, 0.2 -> 322, 0.3 -> 326, 0.5 -> 335, 0.7 -> 332, 1.0 -> 329);
# see docs/benchmarks.md, "HS inference", "Word overlap".
WORD_WEIGHT = 0.5


def _forms(word: str) -> set[str]:
    """A word's typed, folded and stemmed forms, 3+ letters ("пшеничная" -> {"пшеничная", "пшеничн", ...}); a
    Chinese bigram or character as it is."""
    return {f for f in word_forms(word) if len(f) >= 3 or is_cjk(f)}


@lru_cache(maxsize=4)
def _heading_texts(langs: tuple[str, ...]) -> dict[str, list[str]]:
    """Per heading, every name of it and of its subheadings (en, ru, kk) and its chapter's titles (en, ru, kk),
    and its own and its chapter's names in `langs` (of `matching.hs.WORD_LANGS`)."""
    out: dict[str, list[str]] = {}
    for key, text in hs.nomenclature_texts(russian=False).items():  # English headings and subheadings
        if not key.startswith("2:"):
            out.setdefault(key.split(":")[1][:4], []).append(text)
    for names in (hs.russian_headings(), hs.kazakh_headings(), hs.russian_subheadings(), hs.kazakh_subheadings(),
                  *(hs.word_names(lang) for lang in langs)):
        for code, text in names.items():
            if len(code) >= 4 and code[:4] in out:
                out[code[:4]].append(text)
    for heading, texts in out.items():
        texts += [hs.name(heading[:2], lang) for lang in ("en", "ru", "kk")]
        texts += [title for lang in langs if (title := hs.word_names(lang).get(heading[:2]))]
    return out


class HeadingWords:
    """Word overlap of texts with the HS headings' names (see the module docstring)."""

    def __init__(self, langs: Sequence[str] | None = None) -> None:
        """`langs`: which of `matching.hs.WORD_LANGS` add their names (default: all of them, as read when built)."""
        texts = _heading_texts(tuple(hs.WORD_LANGS if langs is None else langs))
        self.headings = sorted(texts)
        self._column = {h: i for i, h in enumerate(self.headings)}
        holders: dict[str, list[int]] = {}
        for i, heading in enumerate(self.headings):
            terms = {f for text in texts[heading] for w in words(text) for f in _forms(w)}
            for term in terms:
                holders.setdefault(term, []).append(i)
        self._holders = {term: np.array(rows) for term, rows in holders.items()}
        self._idf = {term: math.log(len(self.headings) / len(rows)) for term, rows in holders.items()}

    def scores(self, texts: Sequence[str], headings: Sequence[str] | None = None) -> np.ndarray:
        """Per text, each heading's share (0..1) of the text's idf weight it holds; columns in the order of
        `headings` (default `self.headings`; headings unknown here score 0)."""
        out = np.zeros((len(texts), len(self.headings)), dtype=np.float32)
        for row, text in enumerate(texts):
            self._score_into(out[row], text)
        if headings is None:
            return out
        columns = np.array([self._column.get(h, -1) for h in headings])
        return np.where(columns >= 0, out[:, np.maximum(columns, 0)], 0.0).astype(np.float32)

    def _score_into(self, row: np.ndarray, text: str) -> None:
        seen: set[str] = set()
        total = 0.0
        for word in words(text):
            if word in STOPWORDS or word in seen or (len(word) < 3 and not is_cjk(word)):
                continue
            seen.add(word)
            known = [f for f in _forms(word) if f in self._holders]
            if not known:
                continue
            # a word counts once, with its rarest known form; a heading holds it if it holds any form
            weight = max(self._idf[f] for f in known)
            held = np.unique(np.concatenate([self._holders[f] for f in known]))
            row[held] += weight
            total += weight
        if total:
            row /= total
