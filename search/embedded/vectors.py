"""Hybrid search for the embedded backend: an in-process matrix of document vectors and the blend with keywords.

Vectors live in `search_doc_<slot>.vector` (float32 bytes); each process keeps a numpy copy and loads only
rows written since it last looked (`num` grows with every write), so a search costs one small query plus a
matrix-vector product over all vectors (10^5 x 384 float32 = 150 MB per process at that size).
Rows of deleted documents may linger in the copy; candidates are re-read from the table, which drops them.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy import Connection, text

# E5 cosines are compressed into roughly [0.7, 0.95]; these bounds map them onto [0, 1] for blending, and a
# document below SEM_FLOOR (or far below the best one) is not a semantic match at all.
SEM_LOW, SEM_HIGH = 0.78, 0.90
# Chosen on the tune half of the dev queries with documents as the app indexes them (the matcher's own listing
# vectors: bench/search_calibrate.py); 0.84-0.86 tie there, the rule takes the most cautious, 0.87 loses P@5.
SEM_FLOOR = 0.86
SEM_MARGIN = 0.15
SEM_CANDIDATES = 200
SEM_MAX = 20  # semantic-only matches per query: they fill the first pages, they do not flood the total
# Pseudo-relevance feedback (Rocchio): the query vector moves towards the best exact keyword hits, because a
# listing is much closer to the same product's listing in another language than to a two-word query.
FEEDBACK_HITS = 3
FEEDBACK_WEIGHT = 0.5
# E5 puts texts of one language near each other whatever they are about, so a query's nearest documents lean towards
# its own language. On, each document vector moves by the difference between the mean of all documents and the mean
# of its language's (companies are a group of their own), shrunk for a small group (n / (n + LANGUAGE_SHRINK)): the
# languages then share one centre, and cosines keep their scale; off = the vectors as embedded (the state before)
LANGUAGE_SHIFT = True
LANGUAGE_SHRINK = 10
_SHIFT_ROWS = 8192


def to_blob(vector: Sequence[float] | None) -> bytes | None:
    """A vector as L2-normalised float32 bytes (None stays None)."""
    if vector is None:
        return None
    arr = np.asarray(vector, dtype=np.float32)
    norm = float(np.linalg.norm(arr))
    return (arr / norm if norm else arr).tobytes()


class VectorCache:
    """Document vectors of one slot, refreshed incrementally from the table."""

    def __init__(self) -> None:
        self.epoch = ""
        self.last_num = 0
        self.seen_num = 0  # the newest document number any refresh has looked past (with a vector or not)
        self._rows: dict[str, tuple[int, np.ndarray, str]] = {}  # id -> (num, vector, language)
        self._matrix: np.ndarray | None = None
        self._keys: list[tuple[int, str]] = []
        self._row_of: dict[int, int] = {}

    def refresh(self, conn: Connection, slot: str, epoch: str, top_num: int | None = None) -> None:
        """Load vectors written since the last refresh; start over when the slot was emptied. With the slot's
        newest document number `top_num` (read before), nothing is asked when no document came since."""
        if epoch != self.epoch:
            self.__init__()
            self.epoch = epoch
        if top_num is not None:
            if top_num <= self.seen_num:
                return
            self.seen_num = top_num
        rows = conn.execute(
            text(f"SELECT num, id, vector, language FROM search_doc_{slot} WHERE num > :n AND vector IS NOT NULL"),
            {"n": self.last_num},
        ).all()
        for num, doc_id, blob, language in rows:
            self._rows[doc_id] = (num, np.frombuffer(blob, dtype=np.float32), language or "")
            self.last_num = max(self.last_num, num)
        if rows:
            self._matrix = None

    def prepare(self) -> None:
        """Build the matrix now (under the caller's lock) rather than inside a concurrent search."""
        if self._rows:
            self._ensure_matrix()

    def _ensure_matrix(self) -> np.ndarray:
        if self._matrix is None:
            self._keys = [(num, doc_id) for doc_id, (num, _, _) in self._rows.items()]
            self._row_of = {num: i for i, (num, _) in enumerate(self._keys)}
            dims = {v.shape[0] for _, v, _ in self._rows.values()}
            if len(dims) != 1:
                raise ValueError(f"document vectors of different sizes: {sorted(dims)}")
            matrix = np.vstack([v for _, v, _ in self._rows.values()])
            self._matrix = _shifted(matrix, [lang for _, _, lang in self._rows.values()]) if LANGUAGE_SHIFT else matrix
        return self._matrix

    def feedback(self, vector: Sequence[float] | None, nums: Sequence[int]) -> np.ndarray | None:
        """The query vector moved towards the vectors of `nums` (those that have one), L2-normalised.

        Without a query vector (an HS-code query: its embedding means nothing) the centroid of `nums` alone;
        None when there is nothing to go on.
        """
        query = None
        if vector is not None:
            query = np.asarray(vector, dtype=np.float32)
            query = query / (np.linalg.norm(query) or 1.0)
        if self._rows and nums:
            self._ensure_matrix()
        rows = [self._row_of[n] for n in nums if n in self._row_of] if self._rows and nums else []
        if rows:
            centroid = self._ensure_matrix()[rows].mean(axis=0)
            query = centroid if query is None else query + FEEDBACK_WEIGHT * centroid
        return None if query is None else query / (np.linalg.norm(query) or 1.0)

    def cosines(self, vector: Sequence[float] | None, nums: Sequence[int]) -> dict[int, float]:
        """{num: cosine to `vector`} for those of `nums` that have a vector."""
        if not self._rows or vector is None or not nums:
            return {}
        matrix = self._ensure_matrix()
        query = np.asarray(vector, dtype=np.float32)
        query = query / (np.linalg.norm(query) or 1.0)
        rows = [(n, self._row_of[n]) for n in nums if n in self._row_of]
        if not rows:
            return {}
        sims = matrix[[i for _, i in rows]] @ query
        return {n: float(s) for (n, _), s in zip(rows, sims, strict=True)}

    def nearest(self, vector: Sequence[float] | None, k: int = SEM_CANDIDATES) -> list[tuple[int, float]]:
        """(num, cosine) of the k closest documents, best first."""
        if not self._rows or vector is None:
            return []
        self._ensure_matrix()
        query = np.asarray(vector, dtype=np.float32)
        if query.shape[0] != self._matrix.shape[1]:
            raise ValueError(f"query vector has {query.shape[0]} dimensions, documents {self._matrix.shape[1]}")
        query = query / (np.linalg.norm(query) or 1.0)
        sims = self._matrix @ query
        top = np.argpartition(-sims, k)[:k] if len(sims) > k else np.arange(len(sims))
        top = top[np.argsort(-sims[top])]
        return [(self._keys[i][0], float(sims[i])) for i in top]


def _shifted(matrix: np.ndarray, languages: list[str]) -> np.ndarray:
    """`matrix` (changed in place) with each language's rows moved towards the mean of all rows (`LANGUAGE_SHIFT`)."""
    names, group = np.unique(np.array(languages), return_inverse=True)
    counts = np.bincount(group, minlength=len(names)).astype(np.float32)
    one_hot = np.zeros((len(names), len(group)), dtype=np.float32)
    one_hot[group, np.arange(len(group))] = 1.0
    means = (one_hot @ matrix) / counts[:, None]
    shift = (matrix.mean(axis=0) - means) * (counts / (counts + LANGUAGE_SHRINK))[:, None]
    for start in range(0, len(group), _SHIFT_ROWS):  # in slices: no second matrix-sized array at 10^5 rows
        matrix[start:start + _SHIFT_ROWS] += shift[group[start:start + _SHIFT_ROWS]]
    return matrix


def accept_semantic(
    pairs: list[tuple[int, float]], floor: float = SEM_FLOOR, anchors: Sequence[int] = ()
) -> list[tuple[int, float]]:
    """Semantic candidates close enough to count as matches: above the floor and near the best one.

    The floor only guards queries without keyword hits (nothing to anchor on, e.g. "saffron" on a set
    without saffron); with feedback from keyword hits, closeness to the best neighbour decides (the anchors
    themselves, nearly identical to their own centroid, do not set that bar).
    """
    others = [s for n, s in pairs if n not in anchors]
    if not others:
        return []
    best = others[0]
    return [(n, s) for n, s in pairs if s >= floor and s >= best - SEM_MARGIN]


def semantic_score(cosine: float) -> float:
    return float(np.clip((cosine - SEM_LOW) / (SEM_HIGH - SEM_LOW), 0.0, 1.0))


@dataclass
class Blended:
    num: int
    score: float
    exact: bool


def blend(
    keyword: dict[int, tuple[float, int]], semantic: dict[int, float], ratio: float
) -> list[Blended]:
    """Merge keyword scores {num: (score in [0, 1], tier)} and cosines {num: cos} into one ranking.

    score = (1 - ratio) * keyword + ratio * semantic; documents matching every word without a typo stay
    above the rest unless ratio is 1 (meaning only), the guarantee Meilisearch's hybrid search also gives.
    """
    out = []
    for num in keyword.keys() | semantic.keys():
        kw, tier = keyword.get(num, (0.0, 2))
        sem = semantic_score(semantic[num]) if num in semantic else 0.0
        out.append(Blended(num, (1 - ratio) * kw + ratio * sem, tier == 0 and ratio < 1.0))
    out.sort(key=lambda b: (b.exact, b.score), reverse=True)
    return out
