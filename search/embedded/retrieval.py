"""SQL for the embedded backend's reads: filters, match sets, ranked windows across typo tiers, facet counts.

A `MatchSet` is "these documents, scored": the FROM/WHERE of a full-text match (or of all documents), plus
the filters. Ranking follows Meilisearch's order of rules as far as SQL allows: documents that match every
word without a typo come first (tier 0), then those that need typos (tier 1); inside a tier the engine's
weighted rank (title above owner/sectors above description, typed words above folded ones) decides, or the
creation time when sorting by newest.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, text

from search.base import SearchQuery

_DOC_COLUMN_FACETS = {"type": "type", "kind": "kind", "language": "language"}
_ROW_FACETS = {"country": "country", "sector": "sector", "hs_chapter": "hs_chapter"}


@dataclass
class MatchSet:
    """Documents `d` of a slot selected by FROM/WHERE, with a score expression (higher is better)."""

    from_sql: str
    where_sql: str
    score_sql: str
    params: dict[str, Any] = field(default_factory=dict)
    tier: int = 0

    def select(self, columns: str) -> str:
        return f"SELECT {columns} FROM {self.from_sql} WHERE {self.where_sql}"


@dataclass
class Candidate:
    """A matched document before its fields are loaded."""

    num: int
    id: str
    score: float
    tier: int
    created_at: str = ""


def _in_list(prefix: str, values: Sequence[str], params: dict[str, Any]) -> str:
    names = []
    for i, value in enumerate(values):
        params[f"{prefix}{i}"] = value
        names.append(f":{prefix}{i}")
    return ", ".join(names)


def filter_sql(query: SearchQuery, slot: str, params: dict[str, Any]) -> str:
    """WHERE conditions on `d` for the query's filters (values of one filter are OR-ed, filters AND-ed)."""
    clauses = ["1 = 1"]
    for name in ("type", "kind", "language"):
        if values := query.filter_values(name):
            clauses.append(f"d.{name} IN ({_in_list('f_' + name, values, params)})")
    for name in ("country", "sector"):
        if values := query.filter_values(name):
            values = [v.upper() for v in values] if name == "country" else values
            clauses.append(
                f"EXISTS (SELECT 1 FROM search_facet_{slot} f WHERE f.num = d.num AND f.name = '{name}' "
                f"AND f.value IN ({_in_list('f_' + name, values, params)}))"
            )
    if values := [v for v in (_digits(v) for v in query.filter_values("hs")) if v]:
        clauses.append(hs_condition(slot, values, params, "f_hs"))
    return " AND ".join(clauses)


def hs_condition(slot: str, prefixes: Sequence[str], params: dict[str, Any], name: str) -> str:
    """Documents with an explicit or inferred HS code starting with any of `prefixes`."""
    likes = []
    for i, code in enumerate(prefixes):
        params[f"{name}{i}"] = code + "%"
        likes.append(f"f.value LIKE :{name}{i}")
    return (
        f"EXISTS (SELECT 1 FROM search_facet_{slot} f WHERE f.num = d.num AND f.name IN ('hs', 'hs_inf') "
        f"AND ({' OR '.join(likes)}))"
    )


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def count(conn: Connection, match: MatchSet, filters: str, fparams: dict[str, Any]) -> int:
    sql = f"SELECT count(*) FROM {match.from_sql} WHERE {match.where_sql} AND {filters}"
    return int(conn.execute(text(sql), {**match.params, **fparams}).scalar_one())


def window(
    conn: Connection, match: MatchSet, filters: str, fparams: dict[str, Any],
    newest: bool, limit: int, offset: int,
) -> list[Candidate]:
    """One ranked page of a match set."""
    order = "d.created_at DESC, d.num DESC" if newest else "score DESC, d.created_at DESC"
    sql = (
        f"SELECT d.num, d.id, {match.score_sql} AS score, d.created_at FROM {match.from_sql} "
        f"WHERE {match.where_sql} AND {filters} ORDER BY {order} LIMIT :lim OFFSET :off"
    )
    rows = conn.execute(text(sql), {**match.params, **fparams, "lim": limit, "off": offset})
    return [Candidate(r.num, r.id, float(r.score or 0.0), match.tier, r.created_at) for r in rows]


def tiered_window(
    conn: Connection, tiers: Sequence[MatchSet], counts: Sequence[int], filters: str,
    fparams: dict[str, Any], limit: int, offset: int,
) -> tuple[list[Candidate], int]:
    """Ranked candidates [offset, offset+limit) over tiers laid end to end, and the total match count.

    Tiers must be disjoint (tier 1 excludes tier 0 in its expression); `counts` are their sizes.
    """
    out: list[Candidate] = []
    total = 0
    for match, n in zip(tiers, counts, strict=True):
        start = max(0, offset - total)
        want = limit - len(out)
        if want > 0 and start < n:
            out += window(conn, match, filters, fparams, False, want, start)
        total += n
    return out, total


def newest_window(
    conn: Connection, tiers: Sequence[MatchSet], counts: Sequence[int], filters: str,
    fparams: dict[str, Any], limit: int, offset: int,
) -> tuple[list[Candidate], int]:
    """Candidates of all tiers merged by creation time (newest first), and the total."""
    merged: list[Candidate] = []
    total = sum(counts)
    for match, n in zip(tiers, counts, strict=True):
        if n:
            merged += window(conn, match, filters, fparams, True, limit + offset, 0)
    merged.sort(key=lambda c: (c.created_at, c.num), reverse=True)
    return merged[offset:offset + limit], total


def facet_counts(
    conn: Connection, slot: str, nums_sql: str, params: dict[str, Any], facets: Sequence[str]
) -> dict[str, dict[str, int]]:
    """{facet: {value: count}} over the documents whose num is selected by `nums_sql`."""
    parts = []
    for facet in facets:
        if column := _DOC_COLUMN_FACETS.get(facet):
            parts.append(
                f"SELECT '{facet}' AS facet, d.{column} AS value, count(*) AS n FROM search_doc_{slot} d "
                f"WHERE d.num IN (SELECT num FROM matched) AND d.{column} IS NOT NULL AND d.{column} <> '' "
                f"GROUP BY d.{column}"
            )
        else:
            parts.append(
                f"SELECT '{facet}' AS facet, f.value AS value, count(*) AS n FROM search_facet_{slot} f "
                f"WHERE f.num IN (SELECT num FROM matched) AND f.name = '{_ROW_FACETS[facet]}' GROUP BY f.value"
            )
    sql = f"WITH matched AS ({nums_sql}) " + " UNION ALL ".join(parts)
    out: dict[str, dict[str, int]] = {facet: {} for facet in facets}
    for row in conn.execute(text(sql), params):
        out[row.facet][row.value] = int(row.n)
    return {f: dict(sorted(v.items(), key=lambda kv: (-kv[1], kv[0]))) for f, v in out.items()}
