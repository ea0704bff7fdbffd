"""Tables of the embedded backend, all prefixed `search_` (the app's migrations ignore that prefix).

Two slots, `a` and `b`, each hold a complete index (`search_doc_<slot>`, `search_facet_<slot>`,
`search_term_<slot>`, plus the full-text tables of `fulltext`: two FTS5 tables on SQLite, the head table on
PostgreSQL). `search_meta` names the live slot: a rebuild fills the other slot and then flips that one row, so
readers switch atomically while search keeps answering.
"""
from __future__ import annotations

from sqlalchemy import (
    Column,
    Connection,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    select,
)
from sqlalchemy.dialects.postgresql import TSVECTOR

SLOTS = ("a", "b")


def meta_table(metadata: MetaData) -> Table:
    """Key/value state: `live` slot, `building` slot, and `epoch_<slot>` (changes when a slot is emptied)."""
    return Table(
        "search_meta", metadata,
        Column("key", String(40), primary_key=True),
        Column("value", String(100), nullable=False),
    )


def slot_tables(metadata: MetaData, slot: str, dialect: str) -> tuple[Table, Table, Table]:
    """(documents, facets, terms) of one slot; on PostgreSQL the documents carry their tsvector."""
    extra = [Column("tsv", TSVECTOR)] if dialect == "postgresql" else []
    docs = Table(
        f"search_doc_{slot}", metadata,
        # num: a fresh, ever-growing number per write, so caches can load "everything after n"
        Column("num", Integer, primary_key=True, autoincrement=True),
        Column("id", String(100), nullable=False, unique=True),
        Column("type", String(20), nullable=False),
        Column("kind", String(20)),
        Column("language", String(10)),
        Column("created_at", String(40), nullable=False, index=True),
        Column("doc", Text, nullable=False),
        Column("vector", LargeBinary),
        *extra,
        sqlite_autoincrement=True,
    )
    facets = Table(
        f"search_facet_{slot}", metadata,
        Column("num", Integer, nullable=False, index=True),
        Column("name", String(20), nullable=False),
        Column("value", String(200), nullable=False),
        Index(f"ix_search_facet_{slot}_name_value", "name", "value", "num"),
    )
    terms = Table(
        f"search_term_{slot}", metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("term", String(200), nullable=False, unique=True),
        sqlite_autoincrement=True,
    )
    return docs, facets, terms


def read_meta(conn: Connection, meta: Table) -> dict[str, str]:
    """All of search_meta as a dict."""
    return {row.key: row.value for row in conn.execute(select(meta.c.key, meta.c.value))}


def write_meta(conn: Connection, meta: Table, **values: str) -> None:
    """Set keys of search_meta (delete + insert keeps it portable across dialects)."""
    conn.execute(meta.delete().where(meta.c.key.in_(list(values))))
    conn.execute(meta.insert(), [{"key": k, "value": v} for k, v in values.items()])
