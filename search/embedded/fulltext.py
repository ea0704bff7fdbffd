"""The two full-text engines the embedded backend drives: SQLite FTS5 and PostgreSQL tsvector/GIN.

Both receive terms that `search.analysis` already produced (typed and folded words, CJK bigrams), so neither
engine's own stemming or parsing is involved and the same query finds the same documents on both. What
differs is only syntax: how a document's six weighted columns are stored, how "any of these terms, all of
these words, minus those documents" is written, and the rank function (FTS5 `bm25`, PostgreSQL `ts_rank`).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection

from search.documents import IndexText

# A query is a list of word groups; a group is a list of (term, is_prefix) alternatives.
Group = Sequence[tuple[str, bool]]
_SQLITE_HEAD = "title extra title_f extra_f"  # the columns of the "head" part (Meilisearch's attribute rule)
_MAX_TERM = 100  # longer "words" (hashes, base64) are cut: PostgreSQL refuses lexemes over 2 KB


@dataclass(frozen=True)
class MatchSql:
    """SQL pieces that select the documents matching an expression, with a higher-is-better score.

    `num_sql` names the document number; `d` (the document table) is joined only when `joined` is true,
    because on SQLite the join costs more than the match itself for words found in half the documents.
    """

    from_sql: str
    where_sql: str
    score_sql: str
    num_sql: str = "d.num"
    joined: bool = True


class SqliteFts:
    """FTS5 table `search_fts_<slot>` (all six columns) and `search_head_<slot>` (title and owner columns
    only), both with the document's `num` as rowid. The small head table answers "which documents have the
    words in their title", the first ranking tier, without walking the long posting lists of the bodies:
    for a word found in half the listings that query drops from tens of milliseconds to a few."""

    dialect = "sqlite"
    # bm25 column weights: title, extra, body, then their folded forms at half weight
    _WEIGHTS = "6.0, 3.0, 1.0, 3.0, 1.5, 0.5"
    _HEAD_WEIGHTS = "6.0, 3.0, 3.0, 1.5"
    _TOKENIZE = "tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3 4'"

    def create(self, conn: Connection, slot: str) -> None:
        conn.exec_driver_sql(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS search_fts_{slot} USING fts5("
            f"title, extra, body, title_f, extra_f, body_f, {self._TOKENIZE})"
        )
        conn.exec_driver_sql(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS search_head_{slot} USING fts5("
            f"title, extra, title_f, extra_f, {self._TOKENIZE})"
        )

    def tables(self, slot: str) -> list[str]:
        """The tables of a slot beside `schema.slot_tables`."""
        return [f"search_fts_{slot}", f"search_head_{slot}"]

    def drop(self, conn: Connection, slot: str) -> None:
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS search_fts_{slot}")
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS search_head_{slot}")

    def doc_column(self, text: IndexText) -> dict[str, str]:
        return {}

    def write(self, conn: Connection, slot: str, rows: list[tuple[int, IndexText]]) -> None:
        if rows:
            conn.exec_driver_sql(
                f"INSERT INTO search_fts_{slot} (rowid, title, extra, body, title_f, extra_f, body_f) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(num, *text.columns()) for num, text in rows],
            )
            conn.exec_driver_sql(
                f"INSERT INTO search_head_{slot} (rowid, title, extra, title_f, extra_f) VALUES (?, ?, ?, ?, ?)",
                [(num, *text.head_columns()) for num, text in rows],
            )

    def remove(self, conn: Connection, slot: str, nums: list[int]) -> None:
        if nums:
            for table in (f"search_fts_{slot}", f"search_head_{slot}"):
                conn.exec_driver_sql(f"DELETE FROM {table} WHERE rowid = ?", [(n,) for n in nums])

    def empty(self, conn: Connection, slot: str) -> None:
        conn.exec_driver_sql(f"DELETE FROM search_fts_{slot}")
        conn.exec_driver_sql(f"DELETE FROM search_head_{slot}")

    def match(self, slot: str, param: str, join: bool, head_only: bool = False) -> MatchSql:
        """`head_only`: the expression runs on the head table (title and owner columns)."""
        table = f"search_head_{slot}" if head_only else f"search_fts_{slot}"
        score = f"-bm25({table}, {self._HEAD_WEIGHTS if head_only else self._WEIGHTS})"
        if not join:
            return MatchSql(table, f"{table} MATCH :{param}", score, f"{table}.rowid", joined=False)
        return MatchSql(f"{table} JOIN search_doc_{slot} d ON d.num = {table}.rowid",
                        f"{table} MATCH :{param}", score)

    def expression(self, groups: Sequence[Group], exclude: Sequence[Group] | None = None,
                   part: str = "all") -> str:
        """All groups must match; minus the `exclude` expression. `part` = "head": the match lies in the
        title/owner columns; "body": it does not (so head and body split one tier in two, head first)."""
        expr = " AND ".join(self._group(g) for g in groups)
        head = f"{{{_SQLITE_HEAD}}} : ({expr})"
        out = head if part == "head" else f"({expr})"
        if exclude:
            out = f"({out}) NOT ({' AND '.join(self._group(g) for g in exclude)})"
        if part == "body":
            out = f"({out}) NOT ({head})"
        return out

    def any_expression(self, alternatives: Sequence[Sequence[Group]], part: str = "all") -> str:
        """Documents matching all the groups of any one alternative; `part` as in `expression`."""
        every = " OR ".join(self.expression(groups) for groups in alternatives)
        head = " OR ".join(f"({self.expression(groups, part='head')})" for groups in alternatives)
        if part == "head":
            return f"({head})"
        return f"({every}) NOT ({head})" if part == "body" else f"({every})"

    @staticmethod
    def _group(group: Group) -> str:
        quoted = ('"' + t[:_MAX_TERM].replace('"', '""') + '"' + ("*" if p else "") for t, p in group)
        return "(" + " OR ".join(quoted) + ")"


class PostgresFts:
    """A `tsv` tsvector column on `search_doc_<slot>` with a GIN index; weights A-D carry the columns. As on
    SQLite, the head part (title and owner, weights A and B) is also a table of its own, `search_head_<slot>`
    (num, tsv) with its own GIN index, small enough that the first tier ("the words are in the title") reads no
    document row: a word in a quarter of the bodies and a few hundred titles made that tier read every matching
    document's tsvector to check its weights, 340 ms at 100,000 listings, and a broad phrase's titles made it scan
    every document (docs/benchmarks.md)."""

    dialect = "postgresql"
    # weights in ts_rank's order {D, C, B, A}
    _RANK = "ts_rank('{{0.1, 0.3, 0.6, 1.0}}', {table}.tsv, CAST(:{param} AS tsquery))"
    _COLUMN_WEIGHTS = ("A", "B", "C", "B", "B", "D")  # title, extra, body, title_f, extra_f, body_f
    _HEAD_WEIGHTS = ("A", "B", "B", "B")  # title, extra, title_f, extra_f

    def create(self, conn: Connection, slot: str) -> None:
        """The `tsv` column itself is declared in `schema.slot_tables`. A slot made before the head table gets it
        filled from the documents' tsvectors (their lexemes of weights A and B)."""
        conn.exec_driver_sql(
            f"CREATE INDEX IF NOT EXISTS ix_search_doc_{slot}_tsv ON search_doc_{slot} USING gin (tsv)"
        )
        head = f"search_head_{slot}"
        if conn.exec_driver_sql(f"SELECT to_regclass('{head}')").scalar() is None:
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(hashtext('search_head'))")  # one process at a time
            conn.exec_driver_sql(f"CREATE TABLE IF NOT EXISTS {head} (num integer PRIMARY KEY, tsv tsvector NOT NULL)")
            conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS ix_{head}_tsv ON {head} USING gin (tsv)")
            conn.exec_driver_sql(f"INSERT INTO {head} (num, tsv) SELECT num, ts_filter(tsv, '{{a,b}}') "
                                 f"FROM search_doc_{slot} WHERE tsv IS NOT NULL ON CONFLICT (num) DO NOTHING")
        self._keep_inline(conn, slot)

    # How PostgreSQL stores the document row's large columns: the tsvector in the row (MAIN: compressed there only
    # when the row is still too big once the others are out, and out of line only past a page), the vector (random
    # floats: no use compressing) out of line first (EXTERNAL). A row held about 4 KB and PostgreSQL keeps rows
    # under 2 KB, so by default it moved the tsvector out of line with the rest, and every full-text test or rank
    # of a row fetched it back: a body tier ranking 17,650 matches took 356 ms, 127 ms with the tsvectors in the
    # row (100,000 listings, docs/benchmarks.md). Only rows written after the change are stored so (`flask search
    # reindex`).
    _STORAGE = {"tsv": "m", "vector": "e"}
    _STORAGE_NAMES = {"m": "MAIN", "e": "EXTERNAL"}

    def _keep_inline(self, conn: Connection, slot: str) -> None:
        current = dict(conn.exec_driver_sql(
            "SELECT attname, attstorage FROM pg_attribute WHERE attrelid = CAST(%(table)s AS regclass) "
            "AND attnum > 0 AND NOT attisdropped", {"table": f"search_doc_{slot}"}
        ).all())
        changes = [f"ALTER COLUMN {column} SET STORAGE {self._STORAGE_NAMES[mode]}"
                   for column, mode in self._STORAGE.items() if current.get(column) != mode]
        if changes:
            conn.exec_driver_sql(f"ALTER TABLE search_doc_{slot} {', '.join(changes)}")

    def tables(self, slot: str) -> list[str]:
        """The tables of a slot beside `schema.slot_tables`."""
        return [f"search_head_{slot}"]

    def drop(self, conn: Connection, slot: str) -> None:
        """The `tsv` column goes with its table."""
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS search_head_{slot}")

    def doc_column(self, text: IndexText) -> dict[str, str]:
        return {"tsv": self.tsvector(text)}

    def write(self, conn: Connection, slot: str, rows: list[tuple[int, IndexText]]) -> None:
        """The whole tsvector was written with the document row (see `doc_column`); the head goes to its table."""
        if rows:
            conn.exec_driver_sql(
                f"INSERT INTO search_head_{slot} (num, tsv) VALUES (%s, CAST(%s AS tsvector))",
                [(num, self.tsvector(text, head=True)) for num, text in rows],
            )

    def remove(self, conn: Connection, slot: str, nums: list[int]) -> None:
        """The whole tsvector goes with the document row."""
        if nums:
            conn.exec_driver_sql(f"DELETE FROM search_head_{slot} WHERE num = ANY(%s)", (list(nums),))

    def empty(self, conn: Connection, slot: str) -> None:
        conn.exec_driver_sql(f"DELETE FROM search_head_{slot}")

    def match(self, slot: str, param: str, join: bool, head_only: bool = False) -> MatchSql:
        """The whole tsvector lives on the document table, so `d` is always there; `head_only`: the expression
        runs on the head table, joined to the documents only when `join` (the head expression's weights hold
        there too: its lexemes all have weight A or B)."""
        if not head_only:
            return MatchSql(f"search_doc_{slot} d", f"d.tsv @@ CAST(:{param} AS tsquery)",
                            self._RANK.format(table="d", param=param))
        where, score = f"h.tsv @@ CAST(:{param} AS tsquery)", self._RANK.format(table="h", param=param)
        if not join:
            return MatchSql(f"search_head_{slot} h", where, score, "h.num", joined=False)
        return MatchSql(f"search_head_{slot} h JOIN search_doc_{slot} d ON d.num = h.num", where, score)

    def tsvector(self, text: IndexText, head: bool = False) -> str:
        """A tsvector literal: every term with its position and the weight of its column; `head`: of the title
        and owner columns only."""
        parts, pos = [], 0
        columns = text.head_columns() if head else text.columns()
        for column, weight in zip(columns, self._HEAD_WEIGHTS if head else self._COLUMN_WEIGHTS, strict=True):
            for term in column.split():
                pos = min(pos + 1, 16383)
                parts.append(f"{self._quote(term)}:{pos}{weight}")
        return " ".join(parts)

    def expression(self, groups: Sequence[Group], exclude: Sequence[Group] | None = None,
                   part: str = "all") -> str:
        """As SqliteFts.expression; the head part is the lexemes of weights A and B (title and owner). Only the
        strings the part needs are built (a query with many phrasings has thousands of terms to quote)."""
        head = " & ".join(self._group(g, "AB") for g in groups) if part != "all" else ""
        out = f"({head})" if part == "head" else f"({' & '.join(self._group(g) for g in groups)})"
        if exclude:
            out = f"{out} & !({' & '.join(self._group(g) for g in exclude)})"
        if part == "body":
            out = f"{out} & !({head})"
        return out

    def any_expression(self, alternatives: Sequence[Sequence[Group]], part: str = "all") -> str:
        """As SqliteFts.any_expression."""
        head = " | ".join(self.expression(groups, part="head") for groups in alternatives) if part != "all" else ""
        if part == "head":
            return f"({head})"
        every = " | ".join(self.expression(groups) for groups in alternatives)
        return f"({every}) & !({head})" if part == "body" else f"({every})"

    def _group(self, group: Group, weights: str = "") -> str:
        """Alternatives OR-ed; 'term':* is a prefix, 'term':AB only counts lexemes of weight A or B."""
        def suffix(prefix: bool) -> str:
            marks = ("*" if prefix else "") + weights
            return ":" + marks if marks else ""

        return "(" + " | ".join(self._quote(t) + suffix(p) for t, p in group) + ")"

    @staticmethod
    def _quote(term: str) -> str:
        return "'" + term[:_MAX_TERM].replace("\\", "\\\\").replace("'", "''") + "'"


def for_dialect(name: str) -> SqliteFts | PostgresFts:
    """The engine for a SQLAlchemy dialect name."""
    if name == "sqlite":
        return SqliteFts()
    if name == "postgresql":
        return PostgresFts()
    raise ValueError(f"the embedded search backend supports SQLite and PostgreSQL, not {name}")
