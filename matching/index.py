"""Exact in-process top-k over L2-normalised vectors, with filters, and add/update/remove by id.

Vectors live in one growing float32 matrix; a removed row is only marked dead (and reused), so updates never
copy the matrix. At 100,000 x 384 a query is one matrix-vector product plus `argpartition` (docs/bench).
"""
from __future__ import annotations

from collections.abc import Hashable, Iterable

import numpy as np

_GROWTH = 1.5


class VectorIndex:
    """Exact cosine search over unit vectors keyed by id."""

    def __init__(self, dim: int, capacity: int = 1024) -> None:
        self.dim = dim
        self._matrix = np.zeros((capacity, dim), dtype=np.float32)
        self._alive = np.zeros(capacity, dtype=bool)
        self._ids: list[Hashable | None] = [None] * capacity
        self._row: dict[Hashable, int] = {}
        self._free: list[int] = []
        self._size = 0  # rows in use or freed, i.e. the high-water mark
        # filter columns: small integer codes per row, so masks are vectorised comparisons
        self._columns: dict[str, np.ndarray] = {}
        self._codes: dict[str, dict[Hashable, int]] = {}

    def __len__(self) -> int:
        return len(self._row)

    def __contains__(self, item: Hashable) -> bool:
        return item in self._row

    @property
    def size(self) -> int:
        """Rows up to the high-water mark: the length of masks passed to `search`."""
        return self._size

    def row_of(self, item: Hashable) -> int:
        """The matrix row of an id (KeyError if absent)."""
        return self._row[item]

    def id_at(self, row: int) -> Hashable | None:
        """The id stored at a row (None for a free row)."""
        return self._ids[row]

    def vector(self, item: Hashable) -> np.ndarray:
        """The stored vector of an id."""
        return self._matrix[self._row[item]]

    def upsert(self, item: Hashable, vector: np.ndarray, **attrs: Hashable) -> int:
        """Add or replace the vector (and filter attributes, e.g. kind="offer") of `item`; returns its row."""
        vector = np.asarray(vector, dtype=np.float32).reshape(-1)
        if vector.shape[0] != self.dim:
            raise ValueError(f"vector has {vector.shape[0]} dimensions, index has {self.dim}")
        row = self._row.get(item)
        if row is None:
            row = self._take_row()
            self._row[item] = row
            self._ids[row] = item
            self._alive[row] = True
        self._matrix[row] = vector
        for name, value in attrs.items():
            self._column(name)[row] = self._code(name, value)
        return row

    def set_vectors(self, items: list[Hashable], matrix: np.ndarray) -> None:
        """Replace the vectors of ids already present, in one assignment (row i of `matrix` for items[i])."""
        self._matrix[self.rows(items)] = np.asarray(matrix, dtype=np.float32)

    def remove(self, item: Hashable) -> None:
        """Forget `item` (no error if absent)."""
        row = self._row.pop(item, None)
        if row is None:
            return
        self._alive[row] = False
        self._ids[row] = None
        self._matrix[row] = 0.0
        self._free.append(row)

    def _take_row(self) -> int:
        if self._free:
            return self._free.pop()
        if self._size == len(self._alive):
            self._grow()
        self._size += 1
        return self._size - 1

    def _grow(self) -> None:
        capacity = max(16, int(len(self._alive) * _GROWTH))
        matrix = np.zeros((capacity, self.dim), dtype=np.float32)
        matrix[: self._size] = self._matrix[: self._size]
        alive = np.zeros(capacity, dtype=bool)
        alive[: self._size] = self._alive[: self._size]
        self._matrix, self._alive = matrix, alive
        for name, column in self._columns.items():
            grown = np.full(capacity, -1, dtype=np.int32)
            grown[: len(column)] = column
            self._columns[name] = grown
        self._ids.extend([None] * (capacity - len(self._ids)))

    def _column(self, name: str) -> np.ndarray:
        if name not in self._columns:
            self._columns[name] = np.full(len(self._alive), -1, dtype=np.int32)
        return self._columns[name]

    def _code(self, name: str, value: Hashable) -> int:
        codes = self._codes.setdefault(name, {})
        return codes.setdefault(value, len(codes))

    def mask(
        self,
        equal: dict[str, Iterable[Hashable]] | None = None,
        not_equal: dict[str, Hashable] | None = None,
        exclude: Iterable[Hashable] = (),
    ) -> np.ndarray:
        """Rows (length `size`) whose attribute is one of `equal[name]`, differs from `not_equal[name]`,
        and whose id is not in `exclude`."""
        allowed = self._alive[: self._size].copy()
        for name, values in (equal or {}).items():
            codes = [self._codes.get(name, {}).get(v, -2) for v in values]
            allowed &= np.isin(self._column(name)[: self._size], codes)
        for name, value in (not_equal or {}).items():
            code = self._codes.get(name, {}).get(value, -2)
            allowed &= self._column(name)[: self._size] != code
        excluded = self.rows(exclude)
        allowed[excluded] = False
        return allowed

    def rows(self, items: Iterable[Hashable]) -> np.ndarray:
        """Rows of the given ids that are present."""
        return np.fromiter((self._row[i] for i in items if i in self._row), dtype=np.int64)

    def similarities(self, query: np.ndarray) -> np.ndarray:
        """Cosine of `query` to every row up to `size` (dead rows give 0)."""
        query = np.asarray(query, dtype=np.float32).reshape(-1)
        return self._matrix[: self._size] @ query

    def search(
        self, query: np.ndarray, k: int = 10, mask: np.ndarray | None = None
    ) -> list[tuple[Hashable, float]]:
        """The k most similar live ids allowed by `mask` (bool, length `size`), best first."""
        sims = self.similarities(query)
        return self.top_k(sims, k, mask)

    def top_k(self, scores: np.ndarray, k: int, mask: np.ndarray | None = None) -> list[tuple[Hashable, float]]:
        """The k best live rows of a score array (length `size`) allowed by `mask`, as (id, score)."""
        allowed = self._alive[: self._size].copy()
        if mask is not None:
            allowed &= mask
        candidates = np.flatnonzero(allowed)
        if k <= 0 or candidates.size == 0:
            return []
        cand_scores = scores[candidates]
        if candidates.size > k:
            part = np.argpartition(-cand_scores, k - 1)[:k]
            candidates, cand_scores = candidates[part], cand_scores[part]
        order = np.argsort(-cand_scores, kind="stable")
        return [(self._ids[r], float(cand_scores[o])) for o, r in zip(order, candidates[order], strict=True)]
