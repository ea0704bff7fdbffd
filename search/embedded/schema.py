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
    text,
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


def read_state(conn: Connection, meta: Table) -> dict[str, str]:
    """search_meta, and in the same statement each slot's newest document number (`top_num_<slot>`) and newest
    term id (`top_term_<slot>`), "" for an empty table: a search asks for what was written since its process last
    looked only when there is something (the primary keys answer the maxima)."""
    tops = " ".join(f"UNION ALL SELECT '{name}_{slot}', CAST(max({column}) AS VARCHAR(20)) FROM {table}_{slot}"
                    for slot in SLOTS for name, column, table in (("top_num", "num", "search_doc"),
                                                                  ("top_term", "id", "search_term")))
    rows = conn.execute(text(f"SELECT key, value FROM {meta.name} {tops}"))
    return {row.key: row.value or "" for row in rows}


def top(state: dict[str, str], name: str, slot: str) -> int | None:
    """A newest number of `read_state` (0 for an empty table); None when the state does not hold it."""
    value = state.get(f"{name}_{slot}")
    return None if value is None else int(value or 0)


def write_meta(conn: Connection, meta: Table, **values: str) -> None:
    """Set keys of search_meta (delete + insert keeps it portable across dialects)."""
    conn.execute(meta.delete().where(meta.c.key.in_(list(values))))
    conn.execute(meta.insert(), [{"key": k, "value": v} for k, v in values.items()])
