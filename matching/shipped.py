"""Precomputed vectors shipped with the project, and an embedder that uses them before the model.

Each entry is keyed by a hash of (model id, role, exact text), the role being "query" or "passage" (the e5 prefix
the text is embedded with). A text whose key is not in the file, because it changed, is new, or another model is
configured, is embedded by the model as before: a stale entry is never found, so never used.

Vectors are stored as int8 with one scale per row (a quarter of float32; cosine to the original > 0.999).
"""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np

from matching.embedders import Embedder, l2_normalise

KEY_BYTES = 16


def vector_key(model_id: str, role: str, text: str) -> bytes:
    """The key of one embedded text: the model, the e5 role ("query"/"passage") and the text, hashed."""
    return hashlib.sha256(f"{model_id}\n{role}: {text}".encode()).digest()[:KEY_BYTES]


def quantise(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows as int8 and a float32 scale per row (row ≈ int8 * scale)."""
    vectors = np.atleast_2d(np.asarray(vectors, dtype=np.float32))
    scales = np.maximum(np.abs(vectors).max(axis=1), 1e-12) / 127.0
    return np.round(vectors / scales[:, None]).astype(np.int8), scales.astype(np.float32)


class ShippedVectors:
    """Read-only lookup of shipped vectors by `vector_key`."""

    def __init__(self, keys: np.ndarray, codes: np.ndarray, scales: np.ndarray) -> None:
        self._row = {bytes(k): i for i, k in enumerate(keys)}
        self._codes, self._scales = codes, scales

    def __len__(self) -> int:
        return len(self._row)

    def __contains__(self, key: bytes) -> bool:
        return key in self._row

    @classmethod
    def empty(cls) -> ShippedVectors:
        return cls(np.zeros((0, KEY_BYTES), np.uint8), np.zeros((0, 0), np.int8), np.zeros(0, np.float32))

    @classmethod
    def load(cls, paths: Iterable[str | Path]) -> ShippedVectors:
        """Every existing file of `paths`, merged (a missing file is skipped: nothing is shipped then)."""
        parts = [np.load(p, allow_pickle=False) for p in paths if Path(p).exists()]
        if not parts:
            return cls.empty()
        return cls(np.concatenate([p["keys"] for p in parts]), np.concatenate([p["codes"] for p in parts]),
                   np.concatenate([p["scales"] for p in parts]))

    def get_many(self, keys: Sequence[bytes]) -> tuple[list[int], np.ndarray]:
        """Positions in `keys` that are shipped, and their unit vectors (float32)."""
        found = [(i, self._row[k]) for i, k in enumerate(keys) if k in self._row]
        rows = np.array([r for _, r in found], dtype=np.int64)
        vectors = self._codes[rows].astype(np.float32) * self._scales[rows, None]
        return [i for i, _ in found], l2_normalise(vectors) if len(rows) else vectors

    @staticmethod
    def save(path: str | Path, entries: dict[bytes, np.ndarray]) -> None:
        """Write entries (key -> float vector) as one compressed file, sorted by key (stable diffs)."""
        keys = sorted(entries)
        codes, scales = quantise(np.array([entries[k] for k in keys], dtype=np.float32))
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path, keys=np.frombuffer(b"".join(keys), np.uint8).reshape(-1, KEY_BYTES),
                            codes=codes, scales=scales)


# Vectors the model made lately, kept per process (about 1.5 KB each): an edited listing keeps most of its
# phrases, and people search for the same words again; both are then not embedded twice.
RECENT = 4096


class ShippedFirstEmbedder:
    """An `Embedder` that takes shipped vectors where their key matches, then the `recent` vectors the model made
    in this process, and asks the model only for the rest.

    The model (lazy in every embedder here) is not even loaded when everything asked for is shipped.
    `record()` collects every vector handed out, to write a new shipped file from a real run.
    """

    def __init__(self, embedder: Embedder, shipped: ShippedVectors, recent: int = RECENT) -> None:
        self.embedder = embedder
        self.shipped = shipped
        self.model_id = embedder.model_id
        self._recorded: dict[bytes, np.ndarray] | None = None
        self._lock = threading.Lock()
        self._recent: OrderedDict[bytes, np.ndarray] = OrderedDict()
        self._recent_size = recent

    @property
    def dim(self) -> int:
        return self.embedder.dim

    def record(self) -> dict[bytes, np.ndarray]:
        """Start collecting (key -> vector) of everything embedded from now on; returns the live dict."""
        self._recorded = {}
        return self._recorded

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Embed documents: shipped vectors first, then recent ones, the model for the rest."""
        return self._run(list(texts), "passage", self.embedder.embed_passages)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed queries: shipped vectors first, then recent ones, the model for the rest."""
        return self._run(list(texts), "query", self.embedder.embed_queries)

    def _run(self, texts: list[str], role: str, embed: Callable[[Sequence[str]], np.ndarray]) -> np.ndarray:
        keys = [vector_key(self.model_id, role, t) for t in texts]
        hits, shipped = self.shipped.get_many(keys)
        found = dict(zip(hits, shipped, strict=True))
        with self._lock:
            for i, key in enumerate(keys):
                if i not in found and key in self._recent:
                    self._recent.move_to_end(key)
                    found[i] = self._recent[key]
        missing = [i for i in range(len(texts)) if i not in found]
        if missing:
            fresh = embed([texts[i] for i in missing])
            found.update(zip(missing, fresh, strict=True))
            self._remember([keys[i] for i in missing], fresh)
        dim = len(next(iter(found.values()))) if found else self.dim
        out = np.zeros((len(texts), dim), dtype=np.float32)
        for i, vector in found.items():
            out[i] = vector
        if self._recorded is not None:
            with self._lock:
                self._recorded.update(zip(keys, out, strict=True))
        return out

    def _remember(self, keys: list[bytes], vectors: np.ndarray) -> None:
        with self._lock:
            for key, vector in zip(keys, vectors, strict=True):
                self._recent[key] = np.array(vector, dtype=np.float32)
                self._recent.move_to_end(key)
            while len(self._recent) > self._recent_size:
                self._recent.popitem(last=False)
