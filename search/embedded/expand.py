"""Candidates a hybrid search adds beyond keywords and nearest vectors: listings under the query's HS pivot
headings (see `search.pivot`) and the companies that offer what the query found."""
from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, text

from search.embedded.retrieval import hs_condition, hs_prefix_ranges, one_of

PIVOT_LIMIT = 200  # listings under the pivot headings considered per query (ranked by meaning afterwards)
OWNER_DEPTH = 10  # offers among the first this many results bring their company along
# A company already ranked, below an offer of its own among the first OWNER_DEPTH, moves up to right after that
# offer, as a company not ranked at all is placed there (a company found by a phrasing or by meaning kept its own,
# lower place: the beeswax maker seventh behind its offer's first); off = it keeps its place (the state before)
OWNER_MOVES_UP = True


def pivot_nums(conn: Connection, slot: str, headings: list[str], filters: str, fparams: dict,
               nearest: Sequence[int] = ()) -> list[int]:
    """Listings with an explicit or inferred code under any of `headings` that pass the filters: up to PIVOT_LIMIT
    of them, and when there are more, also those among `nearest` (the closest by meaning): a broad field's chapters
    ("продукты питания": 01-24) hold far more listings than the limit, and the closest of them are the ones to
    keep.

    The closest are looked up by their own codes. On SQLite the codes' listings are read by a join that stops at
    the limit: as `d.num IN (the codes' listings)` SQLite listed every listing of a broad field's chapters first
    (130 ms at 100,000 listings, against 2 ms); PostgreSQL stops early on that form and not on the join (29 ms
    against 73 ms; docs/benchmarks.md)."""
    if not headings:
        return []
    params: dict[str, Any] = {}
    coded = f"f.name IN ('hs', 'hs_inf') AND ({hs_prefix_ranges(headings, params, 'p_hs')})"
    if conn.dialect.name == "sqlite":
        sql = (f"SELECT DISTINCT d.num FROM search_facet_{slot} f JOIN search_doc_{slot} d ON d.num = f.num "
               f"WHERE {coded} AND d.type = 'opportunity' AND {filters} LIMIT {PIVOT_LIMIT}")
    else:
        sql = (f"SELECT d.num FROM search_doc_{slot} d WHERE d.type = 'opportunity' AND "
               f"{hs_condition(slot, headings, params, 'p_hs')} AND {filters} LIMIT {PIVOT_LIMIT}")
    nums = sorted(row.num for row in conn.execute(text(sql), {**fparams, **params}))
    if len(nums) < PIVOT_LIMIT or not nearest:  # all of them already
        return nums
    near = one_of(conn, "d.num", list(nearest), params, "pn")
    sql = (f"SELECT d.num FROM search_doc_{slot} d WHERE {near} AND d.type = 'opportunity' AND {filters} "
           f"AND EXISTS (SELECT 1 FROM search_facet_{slot} f WHERE f.num = d.num AND {coded})")
    closest = conn.execute(text(sql), {**fparams, **params}).scalars()
    return list(dict.fromkeys([*closest, *nums]))


def anchor_headings(conn: Connection, slot: str, nums: list[int]) -> list[str]:
    """Headings of the codes the owners themselves gave to `nums` (the best keyword hits): a product named in
    one language leads, through its code, to the same product in the others."""
    if not nums:
        return []
    params: dict[str, Any] = {}
    # the listings' own rows, by the index of `num`: with `name = 'hs'` in the query SQLite read every code of the
    # index instead (9 ms at 100,000 listings, docs/benchmarks.md)
    sql = f"SELECT name, value FROM search_facet_{slot} WHERE {one_of(conn, 'num', nums, params, 'a')}"
    return sorted({v[:4] for name, v in conn.execute(text(sql), params) if name == "hs" and len(v) >= 4})


def _owners_of(conn: Connection, slot: str, nums: list[int], kind: str = "offer") -> dict[int, str]:
    """{num: owner company id} of the listings of `kind` among `nums`."""
    if not nums:
        return {}
    params: dict[str, Any] = {}
    sql = f"SELECT num, doc FROM search_doc_{slot} WHERE {one_of(conn, 'num', nums, params, 'o')} AND kind = :kind"
    owners = {row.num: json.loads(row.doc).get("owner") for row in conn.execute(text(sql), {**params, "kind": kind})}
    return {num: owner for num, owner in owners.items() if owner}


def with_owners(
    conn: Connection, slot: str, ranked: list[int], filters: str, fparams: dict, kind: str = "offer"
) -> tuple[list[int], list[int], set[int]]:
    """`ranked` with the company of each offer (or listing of `kind`: the requests, when the query asks for
    buyers) among the first OWNER_DEPTH placed right after that listing (a producer or provider of the product
    is what a searcher wants to contact), unless it fails the filters or is ranked above the listing already (a
    company ranked below moves up: `OWNER_MOVES_UP`). Returns the new ranking, the companies added and the companies
    moved up."""
    top = ranked[:OWNER_DEPTH]
    owners = _owners_of(conn, slot, top, kind)
    if not owners:
        return ranked, [], set()
    ids = list(dict.fromkeys(owners.values()))
    params: dict[str, Any] = {}
    sql = (f"SELECT d.id, d.num FROM search_doc_{slot} d WHERE {one_of(conn, 'd.id', ids, params, 'c', of='text')} "
           f"AND d.type = 'company' AND {filters}")
    company_num = {row.id: row.num for row in conn.execute(text(sql), {**fparams, **params})}
    present = set(ranked)
    out, added, moved, seen = [], [], set(), set()
    for num in ranked:
        if num in seen:  # a company moved up already
            continue
        out.append(num)
        seen.add(num)
        company = company_num.get(owners.get(num, ""))
        if company is None or company in seen:
            continue
        if company not in present:
            added.append(company)
        elif OWNER_MOVES_UP:
            moved.add(company)
        else:
            continue
        out.append(company)
        seen.add(company)
    return out, added, moved
