"""Counting suggestions shown: noted while the page renders, written once after the response is ready."""
from collections import Counter

from flask import g
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from app.analytics.models import SuggestionImpression
from app.extensions import db
from app.models_base import utcnow
from app.opportunities.models import Opportunity


def note(source_type: str, source_id: int, suggestions) -> str:
    """Called by the suggestions partial (for the owner's own suggestions only); renders nothing."""
    if suggestions:
        g.setdefault("impressions", []).append((source_type, source_id, len(suggestions)))
    return ""


def _company_counts(noted: list[tuple[str, int, int]]) -> Counter:
    opportunity_ids = [i for kind, i, _n in noted if kind == "opportunity"]
    owners = dict(db.session.execute(select(Opportunity.id, Opportunity.company_id)
                                     .where(Opportunity.id.in_(opportunity_ids))).all()) if opportunity_ids else {}
    counts = Counter()
    for kind, source_id, n in noted:
        company_id = source_id if kind == "company" else owners.get(source_id)
        if company_id:
            counts[company_id] += n
    return counts


def add(counts: Counter, day=None) -> None:
    """Add to today's counters with one upsert per company (no read-modify-write race between workers)."""
    day = day or utcnow().date()
    table = SuggestionImpression.__table__
    dialect = db.session.get_bind().dialect.name
    insert = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}[dialect]
    for company_id, n in counts.items():
        statement = insert(table).values(day=day, company_id=company_id, shown=n)
        db.session.execute(statement.on_conflict_do_update(index_elements=["day", "company_id"],
                                                           set_={"shown": table.c.shown + n}))


def flush(response):
    """after_request: write what the page noted (only for pages that rendered fine)."""
    noted = g.pop("impressions", None)
    if noted and response.status_code < 400:
        add(_company_counts(noted))
        db.session.commit()
    return response
