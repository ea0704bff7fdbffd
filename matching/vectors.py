"""Stored listing vectors and the per-language centring that makes them comparable across languages.

A listing's embedding is one (1 + phrases, dim) float32 array: row 0 is its whole text, the other rows its
sentences (used to quote the matching phrase). The app stores it with `model_id` and `text_hash` and hands it
back; it is recomputed only when either changes.
"""
from __future__ import annotations

import io
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from matching.documents import listing_text, split_phrases
from matching.embedders import Embedder, l2_normalise, text_hash

# Pseudo-count pulling a rare language's centroid towards the global mean: with a handful of listings the
# language mean still contains their products. 3-10 all worked on the dev set (docs/bench/matching.md).
CENTROID_PRIOR = 5.0


@dataclass(frozen=True)
class Embedding:
    """The vectors of one listing text under one model."""

    model_id: str
    text_hash: str
    vectors: np.ndarray  # (1 + n_phrases, dim); row 0 = whole text

    def to_bytes(self) -> bytes:
        """The vectors as .npy bytes (for a binary DB column)."""
        buffer = io.BytesIO()
        np.save(buffer, self.vectors.astype(np.float32), allow_pickle=False)
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, model_id: str, text_hash: str, data: bytes) -> Embedding:
        """Rebuild from `to_bytes` output and the stored model id and hash."""
        return cls(model_id, text_hash, np.load(io.BytesIO(data), allow_pickle=False))

    def is_current(self, embedder: Embedder, text: str, phrases: int | None = None) -> bool:
        """True while neither the model, the text nor its phrase split changed (`phrases`: known count)."""
        phrases = len(split_phrases(text)) if phrases is None else phrases
        return (self.model_id == embedder.model_id and self.text_hash == text_hash(text)
                and len(self.vectors) == 1 + phrases)


def embed_listings(embedder: Embedder, listings: Sequence[Mapping[str, Any]]) -> list[Embedding]:
    """Embed listings in one batch: whole texts and their phrases.

    Listings are embedded with the e5 "query: " prefix on both sides, as e5 recommends for symmetric tasks;
    it measured better than passage/passage on the dev set.
    """
    texts = [listing_text(item) for item in listings]
    phrases = [split_phrases(t) for t in texts]
    flat = texts + [p for group in phrases for p in group]
    vectors = embedder.embed_queries(flat)
    out, offset = [], len(texts)
    for i, text in enumerate(texts):
        rows = [vectors[i:i + 1], vectors[offset:offset + len(phrases[i])]]
        offset += len(phrases[i])
        out.append(Embedding(embedder.model_id, text_hash(text), np.vstack(rows)))
    return out


class LanguageCentroids:
    """Running mean vector per language group; subtracting it removes what a language adds to every text.

    Multilingual encoders put a language-specific offset on every vector, so two unrelated texts in one
    language look closer than a text and its translation; removing the per-language mean is a known remedy
    (Libovický, Rosa & Fraser 2020, "On the Language Neutrality of Pre-trained Multilingual Representations").
    """

    def __init__(self, dim: int, prior: float = CENTROID_PRIOR) -> None:
        self.prior = prior
        self.dim = dim
        self._sums: dict[Hashable, np.ndarray] = {}
        self._counts: dict[Hashable, int] = {}
        self._total = np.zeros(dim, dtype=np.float64)
        self._n = 0

    def add(self, group: Hashable, vector: np.ndarray) -> None:
        """Count a vector in its group."""
        self._sums.setdefault(group, np.zeros_like(self._total))
        self._sums[group] += vector
        self._counts[group] = self._counts.get(group, 0) + 1
        self._total += vector
        self._n += 1

    def discard(self, group: Hashable, vector: np.ndarray) -> None:
        """Undo `add`."""
        if self._counts.get(group, 0) <= 0:
            return
        self._sums[group] -= vector
        self._counts[group] -= 1
        self._total -= vector
        self._n -= 1

    def counts(self) -> dict[Hashable, int]:
        """Vectors per group."""
        return dict(self._counts)

    def centroid(self, group: Hashable) -> np.ndarray:
        """The group's mean, shrunk towards the global mean by `prior` pseudo-vectors."""
        if self._n == 0:
            return np.zeros_like(self._total, dtype=np.float32)
        mean = self._total / self._n
        n = self._counts.get(group, 0)
        summed = self._sums[group] if n else 0.0
        return ((summed + self.prior * mean) / (n + self.prior)).astype(np.float32)

    def centre(self, group: Hashable, vectors: np.ndarray) -> np.ndarray:
        """Vectors minus the group centroid, re-normalised."""
        return l2_normalise(np.atleast_2d(vectors) - self.centroid(group))
