"""HS code suggestions for a goods description or a typed code prefix, named in the interface language.

A description is ranked by the same inference that fills in codes for listings (`matching.hs.HsInferrer`), plus
the heading classifier of the goods names (`matching.hs_classifier`), which reads the goods' name (the title, else
the text), once this process holds the nomenclature vectors: the `embed` job computes and caches them, never a
request. Until then, names are matched by their words alone (stems, so "пшеничная" meets "пшеница";
`search.hs_words`), and once it does, those word scores are added to the meaning scores; a query of digits lists
the codes that start with them.
"""
from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

import numpy as np
from flask import current_app, has_app_context

from app.matches.embedding import current_embedder
from matching import hs
from search.analysis import hs_query
from search.hs_words import WORD_WEIGHT, HeadingWords, cached_heading_words

_inferrers: dict[str, hs.HsInferrer] = {}
_lock = threading.Lock()


def inferrer() -> hs.HsInferrer:
    """This process's inferrer for the configured model (its matrix loads from the instance cache)."""
    embedder = current_embedder()
    with _lock:
        if embedder.model_id not in _inferrers:
            cache = Path(current_app.instance_path) / "cache"
            _inferrers[embedder.model_id] = hs.HsInferrer(embedder, cache_dir=cache, words=heading_words(),
                                                          word_weight=WORD_WEIGHT)
        return _inferrers[embedder.model_id]


def suggest(q: str, limit: int, lang: str, title: str | None = None) -> list[dict]:
    """Up to `limit` codes for `q`, best first: {"code", "name", "score"}, and "goods" where a goods name of the
    index (`search.hs_words.GoodsIndex`) that the words hold whole backs the heading; names in `lang` (kk/ru/en).

    With `title` (the goods' name, e.g. an offer's title, where `q` is title and description), only the title's
    words are matched with the headings' names; the meaning is still that of `q`. On the coded dev listings this
    puts the right heading first for 46% instead of 40%, in the first five for 70% instead of 61%
    (bench/hs_eval.py): a description's other words (bags, ports, cities) meet unrelated headings."""
    digits = hs_query(q)
    words = title if title and title.strip() else q
    named: dict[str, str] = {}
    if digits:
        guesses = _by_prefix(digits, limit)
    else:
        model = inferrer()
        guesses = model.infer_text(q, top=limit, words=words) if model.is_ready() else _by_words(words, limit)
        index = heading_words().index
        named = index.named(words) if index is not None else {}
    items = [{"code": g.code, "name": hs.name(g.code, lang), "score": g.score} for g in guesses]
    for item in items:  # the reason: a goods name of the index the text holds whole ("самосвал" for 8704)
        if item["code"] in named:
            item["goods"] = named[item["code"]]
    return items


def _by_prefix(digits: str, limit: int) -> list[hs.HsGuess]:
    """Headings and subheadings that start with the typed digits, in code order."""
    codes = [c for c in hs.codes() if len(c) in (4, 6) and c.startswith(digits[:6])]
    return [hs.HsGuess(c, 1.0) for c in codes[:limit]]


def heading_words() -> HeadingWords:
    """The headings' words in all the names' languages and the goods index, once per process, by the warm-up
    thread: loaded from the instance folder's cache (`HS_WORDS_CACHE`), where the first process to need them
    since the names or the code changed builds them (8-10 s of CPU) and leaves them. A request arriving during
    that load or build waits for it rather than starting a second one beside it on the same cores."""
    with _words_lock:
        return _heading_words()


_words_lock = threading.Lock()


@lru_cache(maxsize=1)
def _heading_words() -> HeadingWords:
    if has_app_context() and current_app.config["HS_WORDS_CACHE"]:
        return cached_heading_words(Path(current_app.instance_path) / "cache")
    return HeadingWords()


def _by_words(q: str, limit: int) -> list[hs.HsGuess]:
    """Headings ranked by the share of the query's words (or their stems) found in their names."""
    scores = heading_words().scores([q])[0]
    best = [i for i in np.argsort(-scores, kind="stable")[:limit] if scores[i] > 0]
    return [hs.HsGuess(heading_words().headings[i], round(float(scores[i]), 4)) for i in best]
