"""Which marketplace records a transaction changed, and what runs once it commits.

Listeners on every SQLAlchemy session note the companies and opportunities each flush inserts, updates or
deletes. Just before commit, `before_commit` hooks may add rows in the same transaction (the search outbox); after
commit, `after_commit` hooks enqueue background work (embedding, search sync). Hooks receive the set of changed
keys, ("company" | "opportunity", id, "upsert" | "delete").
"""
from collections.abc import Callable

from sqlalchemy import event
from sqlalchemy.orm import Session

Key = tuple[str, int, str]
before_commit_hooks: list[Callable[[Session, set[Key]], None]] = []
after_commit_hooks: list[Callable[[Session, set[Key]], None]] = []


def _key_of(obj) -> tuple[str, int] | None:
    from app.opportunities.models import Opportunity, OpportunityCountry, OpportunityHSCode
    from app.profiles.models import Company

    if isinstance(obj, Company):
        return "company", obj.id
    if isinstance(obj, Opportunity):
        return "opportunity", obj.id
    if isinstance(obj, OpportunityHSCode | OpportunityCountry):
        return "opportunity", obj.opportunity_id
    return None


@event.listens_for(Session, "after_flush")
def _note_changes(session: Session, flush_context) -> None:
    changed: set[Key] = session.info.setdefault("changed", set())
    from app.opportunities.models import Opportunity
    from app.profiles.models import Company

    # no loading here (inside a flush): a company's opportunities are added in before_commit
    for obj in list(session.new) + list(session.dirty):
        key = _key_of(obj)
        if key and key[1] is not None:
            changed.add((*key, "upsert"))
    for obj in session.deleted:
        if isinstance(obj, Company | Opportunity):
            changed.add((*_key_of(obj), "delete"))


def _with_company_opportunities(session: Session, keys: set[Key]) -> set[Key]:
    """A company's name, country or visibility shows on its opportunities: they change with it."""
    from sqlalchemy import select

    from app.opportunities.models import Opportunity

    company_ids = [i for t, i, op in keys if t == "company" and op == "upsert"]
    if not company_ids:
        return keys
    rows = session.execute(select(Opportunity.id).where(Opportunity.company_id.in_(company_ids))).scalars()
    deleted = {(t, i) for t, i, op in keys if op == "delete"}
    return keys | {("opportunity", i, "upsert") for i in rows if ("opportunity", i) not in deleted}


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    # SQLAlchemy also fires this when a savepoint is released (one import row): wait for the real commit
    if session.in_nested_transaction():
        return
    if session.new or session.dirty or session.deleted:
        session.flush()  # so that changes made since the last flush are noted too
    if session.info.get("changed"):
        keys = _with_company_opportunities(session, set(session.info.pop("changed", ())))
        session.info["committing"] = keys
        for hook in before_commit_hooks:
            hook(session, keys)


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    keys = session.info.pop("committing", set())  # only set by the outermost commit
    if keys:
        for hook in after_commit_hooks:
            hook(session, keys)


@event.listens_for(Session, "after_soft_rollback")
def _after_rollback(session: Session, previous_transaction) -> None:
    if previous_transaction.parent is None:  # the whole transaction, not one savepoint
        session.info.pop("changed", None)
        session.info.pop("committing", None)
