"""HS code suggestions for a goods description or a typed code prefix, named in the interface language.

A description is ranked by the same inference that fills in codes for listings (`matching.hs.HsInferrer`), once
this process holds the nomenclature vectors: the `embed` job computes and caches them, never a request. Until
then, and for any query the model cannot help with, names are matched by their words (stems, so "пшеничная"
meets "пшеница"); a query of digits lists the codes that start with them.
"""
from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

from flask import current_app

from app.matches.embedding import current_embedder
from matching import hs
from search.analysis import hs_query, stems, words

_inferrers: dict[str, hs.HsInferrer] = {}
_lock = threading.Lock()


def inferrer() -> hs.HsInferrer:
    """This process's inferrer for the configured model (its matrix loads from the instance cache)."""
    embedder = current_embedder()
    with _lock:
        if embedder.model_id not in _inferrers:
            cache = Path(current_app.instance_path) / "cache"
            _inferrers[embedder.model_id] = hs.HsInferrer(embedder, cache_dir=cache)
        return _inferrers[embedder.model_id]


def suggest(q: str, limit: int, lang: str) -> list[dict]:
    """Up to `limit` codes for `q`, best first: {"code", "name", "score"}; names in `lang` (kk/ru/en)."""
    digits = hs_query(q)
    if digits:
        guesses = _by_prefix(digits, limit)
    else:
        model = inferrer()
        guesses = model.infer_text(q, top=limit) if model.is_ready() else _by_words(q, limit)
    return [{"code": g.code, "name": hs.name(g.code, lang), "score": g.score} for g in guesses]


def _by_prefix(digits: str, limit: int) -> list[hs.HsGuess]:
    """Headings and subheadings that start with the typed digits, in code order."""
    codes = [c for c in hs.codes() if len(c) in (4, 6) and c.startswith(digits[:6])]
    return [hs.HsGuess(c, 1.0) for c in codes[:limit]]


def _terms(text: str) -> set[str]:
    return {s for w in words(text) for s in (w, *stems(w)) if len(s) >= 3}


@lru_cache(maxsize=1)
def _heading_terms() -> dict[str, set[str]]:
    """Each heading's words and stems: its own names (English, Russian, Kazakh), its subheadings' names in those
    languages, and its chapter's titles."""
    out: dict[str, set[str]] = {}
    for key, text in hs.nomenclature_texts(russian=False).items():  # English; the kk/ru names follow
        if not key.startswith("2:"):
            out.setdefault(key.split(":")[1][:4], set()).update(_terms(text))
    for names in (hs.russian_headings(), hs.kazakh_headings(), hs.russian_subheadings(), hs.kazakh_subheadings()):
        for code, text in names.items():
            if code[:4] in out:
                out[code[:4]].update(_terms(text))
    for heading, terms in out.items():
        terms.update(*(_terms(hs.name(heading[:2], lang)) for lang in ("ru", "kk")))
    return out


def _by_words(q: str, limit: int) -> list[hs.HsGuess]:
    """Headings ranked by the share of the query's words (or their stems) found in their names."""
    wanted = [_terms(w) for w in words(q) if len(w) >= 3]
    if not wanted:
        return []
    scored = [(sum(bool(w & terms) for w in wanted) / len(wanted), h) for h, terms in _heading_terms().items()]
    best = sorted(((s, h) for s, h in scored if s > 0), key=lambda pair: (-pair[0], pair[1]))
    return [hs.HsGuess(h, round(s, 4)) for s, h in best[:limit]]
