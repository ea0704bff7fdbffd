"""`EmbeddedBackend`: search in the app's own database (SQLite FTS5 or PostgreSQL full text), no server.

Why in the database rather than an embedded engine with its own files (tantivy): every gunicorn worker and
the RQ worker see the same index through the connection they already have, writes share the app's
transactions and backups, and there is no index directory or single-writer lock to manage across
processes. Why FTS5 / tsvector rather than pg_trgm (which is available on the test server): typo tolerance
comes from our vocabulary + rapidfuzz with Meilisearch's rules, identical on both databases, whereas
trigram similarity has rules of its own and no SQLite counterpart. tantivy itself was not measured; the
numbers that decided are in docs/bench/search.md (10^5 generated listings: one-word queries in tens of
milliseconds on the shared 2-core machine, about 10x faster than a LIKE scan of the same rows).

Tables: see `schema`; ranking tiers: `planner`; hybrid search: `vectors`; facet counts: `facets`.
"""
from __future__ import annotations

import json
import re
import threading
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from itertools import islice
from typing import Any

from sqlalchemy import Connection, Engine, MetaData, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from search.base import BackendUnavailable, SearchQuery, SearchResult
from search.documents import facet_rows, index_text, validate
from search.embedded import schema
from search.embedded.facets import FacetCache
from search.embedded.fulltext import for_dialect
from search.embedded.searcher import run_search
from search.embedded.vectors import VectorCache, to_blob
from search.typos import Vocabulary

_HAS_DIGIT = re.compile(r"\d")


class EmbeddedBackend:
    """The search backend on a SQLAlchemy engine (SQLite or PostgreSQL)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.fts = for_dialect(engine.dialect.name)
        self.metadata = MetaData()
        self.meta = schema.meta_table(self.metadata)
        self.tables = {s: schema.slot_tables(self.metadata, s, engine.dialect.name) for s in schema.SLOTS}
        self._vocab = {s: (None, Vocabulary()) for s in schema.SLOTS}
        self._vectors = {s: VectorCache() for s in schema.SLOTS}
        self._facets = {s: FacetCache() for s in schema.SLOTS}
        self._lock = threading.Lock()

    @contextmanager
    def _begin(self) -> Iterator[Connection]:
        """A transaction; database errors (down, locked, missing tables) become BackendUnavailable."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except (OperationalError, InterfaceError) as exc:  # not reachable, locked, or not configured
            raise BackendUnavailable(f"search database unavailable: {exc.orig!r}") from exc
        except DBAPIError as exc:
            if exc.connection_invalidated:
                raise BackendUnavailable(f"search database connection lost: {exc.orig!r}") from exc
            raise

    def configure(self) -> None:
        with self._begin() as conn:
            self.metadata.create_all(conn)
            for slot in schema.SLOTS:
                self.fts.create(conn, slot)
            state = schema.read_meta(conn, self.meta)
            if "live" not in state:
                fresh = {f"epoch_{s}": uuid.uuid4().hex for s in schema.SLOTS}
                schema.write_meta(conn, self.meta, live="a", **fresh)

    def health(self) -> bool:
        try:
            with self._begin() as conn:
                return bool(schema.read_meta(conn, self.meta).get("live"))
        except BackendUnavailable:
            return False

    def upsert(self, docs: Sequence[Mapping[str, Any]]) -> None:
        clean = list({d["id"]: d for d in (validate(doc) for doc in docs)}.values())  # last one wins
        if clean:
            with self._begin() as conn:
                self._write(conn, self._live(conn), clean)

    def delete(self, ids: Sequence[str]) -> None:
        if ids:
            with self._begin() as conn:
                self._remove(conn, self._live(conn), list(ids))

    def clear(self) -> None:
        with self._begin() as conn:
            self._empty(conn, self._live(conn))

    def rebuild(self, docs: Iterable[Mapping[str, Any]], batch_size: int = 500) -> int:
        """Fill the spare slot batch by batch, flip `live` to it in one statement, then empty the old one."""
        with self._begin() as conn:
            old = self._live(conn)
            new = next(s for s in schema.SLOTS if s != old)
            self._empty(conn, new)
        count = 0
        iterator = iter(docs)
        while batch := list(islice(iterator, batch_size)):
            clean = list({d["id"]: d for d in (validate(doc) for doc in batch)}.values())
            with self._begin() as conn:
                self._write(conn, new, clean)
            count += len(clean)
        self.analyze(new)
        with self._begin() as conn:
            schema.write_meta(conn, self.meta, live=new)
        with self._begin() as conn:
            self._empty(conn, old)
        return count

    def analyze(self, slot: str | None = None) -> None:
        """Give PostgreSQL's planner the statistics of a slot's tables (default: the live one). A slot filled in
        bulk has none until autovacuum comes round, and the planner then guesses: at 100,000 listings one word took
        180 ms and a broad field 1.2 s instead of 28 and 184 ms (docs/benchmarks.md). SQLite plans without them."""
        if self.engine.dialect.name != "postgresql":
            return
        with self._begin() as conn:
            slot = slot or self._live(conn)
            names = [table.name for table in self.tables[slot]] + self.fts.tables(slot)
            conn.execute(text(f"ANALYZE {', '.join(names)}"))

    def search(self, query: SearchQuery) -> SearchResult:
        with self._begin() as conn:
            state = schema.read_state(conn, self.meta)
            slot = state["live"]
            epoch, top_num = state[f"epoch_{slot}"], schema.top(state, "top_num", slot)
            vocab = self._vocabulary(conn, slot, epoch, schema.top(state, "top_term", slot))
            vectors = None
            if query.vector is not None and query.semantic_ratio > 0:
                vectors = self._vectors[slot]
                with self._lock:  # searches in other threads keep using the previous matrix object
                    vectors.refresh(conn, slot, epoch, top_num)
                    vectors.prepare()
            facets = None
            if query.facets:
                facets = self._facets[slot]
                with self._lock:
                    facets.refresh(conn, slot, epoch, top_num)
            return run_search(conn, self.fts, slot, query, vocab, vectors, facets)

    # -- internals ---------------------------------------------------------------------------------------

    def _live(self, conn: Connection) -> str:
        state = schema.read_meta(conn, self.meta)
        if "live" not in state:
            raise BackendUnavailable("search tables are not configured: call configure() first")
        return state["live"]

    def _vocabulary(self, conn: Connection, slot: str, epoch: str, top_term: int | None = None) -> Vocabulary:
        """The slot's vocabulary, topped up with terms added since the last search (by any process); not asked
        for when the newest term id, `top_term`, is one it holds already."""
        with self._lock:
            seen_epoch, vocab = self._vocab[slot]
            if seen_epoch != epoch:
                vocab = Vocabulary()
                self._vocab[slot] = (epoch, vocab)
            if top_term is not None and top_term <= vocab.last_id:
                return vocab
            terms = self.tables[slot][2]
            rows = conn.execute(select(terms.c.id, terms.c.term).where(terms.c.id > vocab.last_id)).all()
            if rows:
                vocab.add([r.term for r in rows], max(r.id for r in rows))
            return vocab

    def _write(self, conn: Connection, slot: str, docs: list[dict[str, Any]]) -> None:
        docs_t, facets_t, terms_t = self.tables[slot]
        self._remove(conn, slot, [d["id"] for d in docs])
        texts = [index_text(d) for d in docs]
        rows = [self._doc_row(d, t) for d, t in zip(docs, texts, strict=True)]
        stmt = docs_t.insert().returning(docs_t.c.num, docs_t.c.id, sort_by_parameter_order=True)
        nums = [r.num for r in conn.execute(stmt, rows)]
        self.fts.write(conn, slot, list(zip(nums, texts, strict=True)))
        facets = [{"num": n, "name": k, "value": v} for n, d in zip(nums, docs, strict=True) for k, v in facet_rows(d)]
        if facets:
            conn.execute(facets_t.insert(), facets)
        self._add_terms(conn, slot, set().union(*(t.terms() for t in texts)))

    def _doc_row(self, doc: dict[str, Any], itext: Any) -> dict[str, Any]:
        public = {k: v for k, v in doc.items() if k != "_vectors"}
        return {
            "id": doc["id"], "type": doc["type"], "kind": doc.get("kind"), "language": doc["language"],
            "created_at": doc["created_at"], "doc": json.dumps(public, ensure_ascii=False),
            "vector": to_blob(doc["_vectors"]), **self.fts.doc_column(itext),
        }

    def _add_terms(self, conn: Connection, slot: str, terms: set[str]) -> None:
        """New terms only; a term already stored (by another process too) is skipped by the database.

        Terms with digits stay out: codes and quantities ("25", "fs75", "2000t") are never corrected for
        typos, and on 10^5 listings they were most of the vocabulary each process loads."""
        # this process's vocabulary filters only while it describes the slot as it is now: once the slot was
        # emptied (clear, rebuild; here or in another process) it holds terms the table no longer has
        seen_epoch, known = self._vocab[slot]
        if seen_epoch != schema.read_meta(conn, self.meta).get(f"epoch_{slot}"):
            known = Vocabulary()
        new = [{"term": t[:200]} for t in sorted(terms) if t not in known and not _HAS_DIGIT.search(t)]
        if not new:
            return
        table = self.tables[slot][2]
        dialect_insert = postgresql.insert if self.fts.dialect == "postgresql" else sqlite.insert
        conn.execute(dialect_insert(table).on_conflict_do_nothing(index_elements=["term"]), new)

    def _remove(self, conn: Connection, slot: str, ids: list[str]) -> None:
        docs_t, facets_t, _ = self.tables[slot]
        nums = [r.num for r in conn.execute(select(docs_t.c.num).where(docs_t.c.id.in_(ids)))]
        if nums:
            self.fts.remove(conn, slot, nums)
            conn.execute(facets_t.delete().where(facets_t.c.num.in_(nums)))
            conn.execute(docs_t.delete().where(docs_t.c.num.in_(nums)))

    def _empty(self, conn: Connection, slot: str) -> None:
        """Delete every row of a slot and give it a new epoch, so every process drops its caches."""
        for table in self.tables[slot]:
            conn.execute(table.delete())
        self.fts.empty(conn, slot)
        schema.write_meta(conn, self.meta, **{f"epoch_{slot}": uuid.uuid4().hex})
