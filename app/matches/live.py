"""This process's matcher, kept in step with the database by increments, never rebuilt after a change.

It is built once per process (a worker thread starts that on the first request, so a request rarely waits for
it). After that, each use asks the database only what changed: rows whose `updated_at` moved since the last look
(companies, opportunities, stored vectors; a company brings its opportunities along) and, when a table's row
count no longer agrees, which ids came or went. Only those listings are replaced or removed in the index.

Timestamps are written at flush, so a transaction may become visible a little after the rows it stamped: every
look reaches `SLACK` back before the previous look began, and each listing's own stamps decide whether it really
changed. So a look reads only the rows stamped in the last moments, however large the tables. Counts catch rows
that appeared (or vanished) later than that, e.g. from an import that ran longer than `SLACK`.
"""
from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import DateTime, String, cast, func, literal_column, null, select, union_all
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.matches.embedding import current_embedder, stored_vectors
from app.matches.listings import all_listings, company_listing, opportunity_listing
from app.matches.models import Embedding
from app.models_base import utcnow
from app.opportunities.models import Opportunity
from app.profiles.models import Company
from matching.documents import listing_text
from matching.embedders import text_hash
from matching.engine import Matcher
from matching.vectors import Embedding as Vectors

SLACK = timedelta(seconds=30)
_CHUNK = 500
Key = tuple[str, int]
_EPOCH = datetime(1970, 1, 1)


@dataclass
class Held:
    """The matcher with what it was built from: per listing the stamps it was last placed with."""

    model_id: str
    matcher: Matcher
    pending: set = field(default_factory=set)
    stamps: dict = field(default_factory=dict)  # key -> (listing updated_at, company updated_at, vector updated_at)
    counts: Counter = field(default_factory=Counter)  # listings held per type
    looked_at: datetime = _EPOCH  # when the previous look began (the writers' clock: `utcnow`)


def chunks(ids) -> list[list[int]]:
    """Id lists cut to a size every database takes in one IN (SQLite caps the bound parameters)."""
    ids = list(ids)
    return [ids[i:i + _CHUNK] for i in range(0, len(ids), _CHUNK)]


def _company_rows(ids):
    query = select(Company.id, Company.updated_at)
    return [row for chunk in chunks(ids) for row in db.session.execute(query.where(Company.id.in_(chunk)))]


def _opportunity_rows(ids=None, company_ids=None):
    """Stamps of the opportunities with these ids, or of those of these companies."""
    query = select(Opportunity.id, Opportunity.updated_at, Company.updated_at).join(Company)
    column, keys = (Opportunity.id, ids) if ids is not None else (Opportunity.company_id, company_ids)
    return [row for chunk in chunks(keys) for row in db.session.execute(query.where(column.in_(chunk)))]


def _look(model_id: str, since: datetime | None) -> tuple[list, list, list, dict[str, int]]:
    """What `_stamps` and `_count_changes` read, in one statement: the rows of companies, opportunities and stored
    vectors stamped since `since` (all of them when it is None), and each table's count of listings. (They were
    five statements on every page with suggestions, docs/benchmarks.md.)"""
    never = cast(null(), DateTime)
    tag, kind = literal_column("'company'"), cast(null(), String)
    companies = select(tag, kind, Company.id, Company.updated_at, Company.updated_at)
    opportunities = select(literal_column("'opportunity'"), kind, Opportunity.id, Opportunity.updated_at,
                           Company.updated_at).join(Company, Opportunity.company_id == Company.id)
    vectors = select(literal_column("'vector'"), Embedding.owner_type, Embedding.owner_id, Embedding.updated_at,
                     never).where(Embedding.model_id == model_id)
    if since is not None:
        companies = companies.where(Company.updated_at >= since)
        opportunities = opportunities.where(Opportunity.updated_at >= since)
        vectors = vectors.where(Embedding.updated_at >= since)
    counts = [select(literal_column("'count'"), literal_column(f"'{name}'"), func.count(model.id), never, never)
              for name, model in (("company", Company), ("opportunity", Opportunity))]
    company_rows, opportunity_rows, vector_rows, found = [], [], [], {}
    for row_tag, row_kind, key, at, other_at in db.session.execute(
            union_all(companies, opportunities, vectors, *counts)):
        if row_tag == "company":
            company_rows.append((key, at))
        elif row_tag == "opportunity":
            opportunity_rows.append((key, at, other_at))
        elif row_tag == "vector":
            vector_rows.append((row_kind, key, at))
        else:
            found[row_kind] = key
    return company_rows, opportunity_rows, vector_rows, found


def _stamps(held: Held, since: datetime | None, look: tuple) -> dict[Key, tuple]:
    """Current stamps of the listings that may have changed since then (every listing when `since` is None), from
    what `_look` read."""
    company_rows, opportunity_rows, vector_rows = look[:3]
    companies = {("company", i): (at, at) for i, at in company_rows}
    opportunities = {("opportunity", i): (at, c_at) for i, at, c_at in opportunity_rows}
    moved = [k[1] for k, stamp in companies.items() if held.stamps.get(k, (None, None))[:2] != stamp]
    if since is not None and moved:  # a company's name or visibility shows on its opportunities
        opportunities.update({("opportunity", i): (at, c_at) for i, at, c_at in _opportunity_rows(company_ids=moved)})
    vectors = {(t, i): at for t, i, at in vector_rows}
    for key in vectors.keys() - companies.keys() - opportunities.keys():  # a new vector for an unchanged listing
        if key in held.stamps:
            (companies if key[0] == "company" else opportunities)[key] = held.stamps[key][:2]
    found = companies | opportunities
    return {k: (*stamp, vectors.get(k, held.stamps.get(k, (None,) * 3)[2])) for k, stamp in found.items()}


def _count_changes(held: Held, counts: dict[str, int]) -> tuple[set[Key], set[Key]]:
    """Listings that appeared unseen or vanished, found only when a table's count (`counts`, by `_look`)
    disagrees with the index."""
    appeared, vanished = set(), set()
    for kind, model in (("company", Company), ("opportunity", Opportunity)):
        if counts[kind] == held.counts[kind]:
            continue
        known = {k for k in held.stamps if k[0] == kind}
        live = {(kind, i) for i in db.session.scalars(select(model.id))}
        appeared |= live - known
        vanished |= known - live
    return appeared, vanished


def listings_of(keys: set[Key]) -> list[dict]:
    listings = []
    for chunk in chunks(i for t, i in keys if t == "company"):
        listings += [company_listing(c) for c in db.session.scalars(select(Company).where(Company.id.in_(chunk)))]
    for chunk in chunks(i for t, i in keys if t == "opportunity"):
        listings += [opportunity_listing(o) for o in db.session.scalars(
            select(Opportunity).where(Opportunity.id.in_(chunk)).options(
                selectinload(Opportunity.hs_links), selectinload(Opportunity.country_links),
                selectinload(Opportunity.company)))]
    return listings


def _vectors_of(model_id: str, keys: set[Key]) -> dict[Key, Vectors]:
    query = select(Embedding.owner_type, Embedding.owner_id, Embedding.text_hash, Embedding.vectors).where(
        Embedding.model_id == model_id)
    found = {}
    for chunk in chunks({i for _, i in keys}):
        for t, i, h, v in db.session.execute(query.where(Embedding.owner_id.in_(chunk))):
            if (t, i) in keys:
                found[(t, i)] = Vectors.from_bytes(model_id, h, v)
    return found


def _place(held: Held, listings: list[dict], vectors: dict[Key, Vectors]) -> None:
    """Put listings into the matcher: with their stored vectors when those match the text, else pending."""
    for listing in listings:
        key = (listing["type"], listing["id"])
        stored = vectors.get(key)
        held.pending.discard(key)
        if stored is not None and stored.text_hash == text_hash(listing_text(listing)):
            held.matcher.upsert(listing, stored)
        else:
            held.matcher.remove(listing["id"], listing["type"])
            held.pending.add(key)


def _remove(held: Held, keys: set[Key]) -> None:
    for key in keys:
        held.matcher.remove(key[1], key[0])
        held.pending.discard(key)
        if held.stamps.pop(key, None) is not None:
            held.counts[key[0]] -= 1


def _advance(held: Held, stamps: dict[Key, tuple]) -> None:
    held.counts.update(k[0] for k in stamps.keys() - held.stamps.keys())
    held.stamps.update(stamps)


def guess_again(listings: list[dict]) -> list[int]:
    """Clear the stored HS guess of every opportunity without codes, so the matcher's inferrer guesses it anew;
    returns their ids."""
    ids = []
    for listing in listings:
        if listing["type"] == "opportunity" and not listing["hs_codes"]:
            listing["hs_inferred"] = None
            ids.append(listing["id"])
    return ids


def build(matcher: Matcher | None = None, infer_again: bool = False) -> Held:
    """The whole matcher from the database (once per process). `infer_again` clears the stored HS guesses of
    listings without codes, so that the matcher's inferrer guesses them anew (the embed job's first run)."""
    matcher = matcher or Matcher(current_embedder())
    held = Held(matcher.embedder.model_id, matcher, looked_at=utcnow())
    stamps = _stamps(held, None, _look(held.model_id, None))
    listings = all_listings()
    if infer_again:
        guess_again(listings)
    _place(held, listings, stored_vectors(held.model_id))
    _advance(held, stamps)
    return held


def catch_up(held: Held) -> int:
    """Apply what changed since the last look; returns how many listings were replaced or removed."""
    since, held.looked_at = held.looked_at - SLACK, utcnow()
    look = _look(held.model_id, since)
    stamps = {k: s for k, s in _stamps(held, since, look).items() if held.stamps.get(k) != s}
    appeared, vanished = _count_changes(held, look[3])
    for key, stamp in _stamps_of(appeared - stamps.keys()).items():
        stamps[key] = stamp
    live = {(listing["type"], listing["id"]): listing for listing in listings_of(set(stamps))}
    _remove(held, vanished | (stamps.keys() - live.keys()))
    _place(held, list(live.values()), _vectors_of(held.model_id, set(live)))
    _advance(held, {k: s for k, s in stamps.items() if k in live})
    return len(stamps) + len(vanished)


def _stamps_of(keys: set[Key]) -> dict[Key, tuple]:
    """Stamps of listings found by the count check (any age)."""
    if not keys:
        return {}
    companies = {("company", i): (at, at, None) for i, at in _company_rows(ids=[i for t, i in keys
                                                                                if t == "company"])}
    opportunities = {("opportunity", i): (at, c_at, None) for i, at, c_at in _opportunity_rows(
        ids=[i for t, i in keys if t == "opportunity"])}
    return companies | opportunities


class LiveMatcher:
    """One per process: `get()` returns the matcher and the pending keys, brought up to date first."""

    def __init__(self) -> None:
        self._held: Held | None = None
        self._lock = threading.Lock()

    def get(self) -> tuple[Matcher, set]:
        with self._lock:
            model_id = current_embedder().model_id
            if self._held is None or self._held.model_id != model_id:
                self._held = build()
            else:
                catch_up(self._held)
            return self._held.matcher, self._held.pending

    def forget(self) -> None:
        """Drop the matcher (tests that swap the database under it)."""
        with self._lock:
            self._held = None
