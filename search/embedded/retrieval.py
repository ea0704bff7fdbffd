"""SQL for the embedded backend's reads: filters, match sets, ranked windows across typo tiers.

A `MatchSet` is "these documents, scored": the FROM/WHERE of a full-text match (or of all documents), plus
the filters. Ranking follows Meilisearch's order of rules as far as SQL allows: documents that match every
word without a typo come first (tier 0), then those that need typos (tier 1); inside a tier the engine's
weighted rank (title above owner/sectors above description, typed words above folded ones) decides, or the
creation time when sorting by newest.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, text

from search.base import SearchQuery

NO_FILTER = "1 = 1"
# A list of values in a statement is one parameter (`one_of`); off = a marker per value (the state before)
ONE_PARAMETER_LISTS = True


@dataclass
class MatchSet:
    """Documents `d` of a slot selected by FROM/WHERE, with a score expression (higher is better)."""

    from_sql: str
    where_sql: str
    score_sql: str
    params: dict[str, Any] = field(default_factory=dict)
    tier: int = 0
    num_sql: str = "d.num"
    joined: bool = True

    def nums(self, filters: str) -> str:
        """SELECT of the matching document numbers (filters need the joined form)."""
        return f"SELECT {self.num_sql} AS num FROM {self.from_sql} WHERE {self.where_sql} AND {filters}"


@dataclass
class Candidate:
    """A matched document before its fields are loaded."""

    num: int
    score: float
    tier: int
    created_at: str = ""


def one_of(conn: Connection, column: str, values: Sequence[Any], params: dict[str, Any], name: str,
           of: str = "integer") -> str:
    """`column` is one of `values` (of SQL type `of`), written with one parameter however many values there are:
    an array on PostgreSQL, a JSON list on SQLite. With a marker per value (`IN (:n0, :n1, ...)`, as for the 200
    nearest documents of a search) a search page took 8-9% more of the app's CPU (docs/benchmarks.md), and each
    length was a statement of its own for PostgreSQL to parse."""
    if not ONE_PARAMETER_LISTS:
        return f"{column} IN ({_in_list(name, values, params)})" if values else "1 = 0"
    if conn.dialect.name == "postgresql":
        params[name] = list(values)
        return f"{column} = ANY(CAST(:{name} AS {of}[]))"
    params[name] = json.dumps(list(values), ensure_ascii=False)
    return f"{column} IN (SELECT value FROM json_each(:{name}))"


def _in_list(prefix: str, values: Sequence[str], params: dict[str, Any]) -> str:
    names = []
    for i, value in enumerate(values):
        params[f"{prefix}{i}"] = value
        names.append(f":{prefix}{i}")
    return ", ".join(names)


def filter_sql(query: SearchQuery, slot: str, params: dict[str, Any]) -> str:
    """WHERE conditions on `d` for the query's filters (values of one filter are OR-ed, filters AND-ed);
    NO_FILTER when there are none."""
    clauses = [NO_FILTER]
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


def hs_condition(slot: str, prefixes: Sequence[str], params: dict[str, Any], name: str,
                 facets: str = "'hs', 'hs_inf'") -> str:
    """Documents with an HS code starting with any of `prefixes` among the `facets` (explicit 'hs', inferred
    'hs_inf', or both): one uncorrelated subquery on the facet index (a correlated EXISTS walked every document
    when few carry the code, about 230 ms at 100,000 listings, docs/benchmarks.md)."""
    return (f"d.num IN (SELECT f.num FROM search_facet_{slot} f WHERE f.name IN ({facets}) "
            f"AND ({hs_prefix_ranges(prefixes, params, name)}))")


def hs_prefix_ranges(prefixes: Sequence[str], params: dict[str, Any], name: str) -> str:
    """`f.value` (a code, digits) starting with any of `prefixes`, written as ranges that the facet index
    (name, value, num) answers on SQLite and PostgreSQL alike ("1101" -> "1101" <= value < "1102"; LIKE alone
    uses no index on PostgreSQL, nor on SQLite without case_sensitive_like)."""
    ranges = []
    for i, code in enumerate(prefixes):
        params[f"{name}{i}"], params[f"{name}{i}_lo"] = code + "%", code
        upper = ""
        if code.strip("9"):  # "99" has no next prefix of its length: no upper bound
            params[f"{name}{i}_hi"] = str(int(code) + 1).zfill(len(code))
            upper = f" AND f.value < :{name}{i}_hi"
        ranges.append(f"(f.value >= :{name}{i}_lo{upper} AND f.value LIKE :{name}{i})")
    return " OR ".join(ranges)


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def count(
    conn: Connection, match: MatchSet, filters: str, fparams: dict[str, Any], cap: int | None = None
) -> int:
    """Matches of a set; with `cap`, counting stops there (a word in half the listings costs no more)."""
    inner = f"SELECT 1 FROM {match.from_sql} WHERE {match.where_sql} AND {filters}"
    sql = f"SELECT count(*) FROM ({inner} LIMIT {int(cap)}) capped" if cap else f"SELECT count(*) FROM ({inner}) m"
    return int(conn.execute(text(sql), {**match.params, **fparams}).scalar_one())


def window(
    conn: Connection, match: MatchSet, filters: str, fparams: dict[str, Any],
    newest: bool, limit: int, offset: int,
) -> list[Candidate]:
    """One ranked page of a match set (by score, ties to the later write; or by creation time)."""
    created = "d.created_at" if match.joined else "''"
    order = "d.created_at DESC, num DESC" if newest else "score DESC, num DESC"
    sql = (
        f"SELECT {match.num_sql} AS num, {match.score_sql} AS score, {created} AS created_at "
        f"FROM {match.from_sql} WHERE {match.where_sql} AND {filters} ORDER BY {order} LIMIT :lim OFFSET :off"
    )
    rows = conn.execute(text(sql), {**match.params, **fparams, "lim": limit, "off": offset})
    return [Candidate(r.num, float(r.score or 0.0), match.tier, r.created_at) for r in rows]


def tiered_window(
    conn: Connection, tiers: Sequence[MatchSet], filters: str, fparams: dict[str, Any],
    limit: int, offset: int,
) -> list[Candidate]:
    """Ranked candidates [offset, offset+limit) over disjoint tiers laid end to end.

    A tier is counted only when the window starts beyond it, so page one costs one ranked query per tier
    that contributes, and nothing for the tiers after the page is full.
    """
    out: list[Candidate] = []
    skip = offset
    for match in tiers:
        want = limit - len(out)
        if want <= 0:
            break
        if skip:
            n = count(conn, match, filters, fparams)
            if skip >= n:
                skip -= n
                continue
        out += window(conn, match, filters, fparams, False, want, skip)
        skip = 0
    return out


def newest_window(
    conn: Connection, match: MatchSet, filters: str, fparams: dict[str, Any], limit: int, offset: int,
) -> list[Candidate]:
    """Candidates of the whole match set by creation time, newest first (`match` must be joined)."""
    return window(conn, match, filters, fparams, True, limit, offset)
