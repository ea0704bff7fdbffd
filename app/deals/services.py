"""Interest between companies and who may see whose contacts. The view commits.

A company's owner expresses interest in another company (or one of its opportunities); the other owner accepts
or declines. An accepted interest, in either direction, is "mutual interest": the two companies see each other's
contacts and get a conversation. A decline is private: the requester keeps seeing "no answer yet".
"""
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, and_, func, or_, select

from app.deals.messaging import open_conversation
from app.deals.models import Interest, InterestStatus
from app.errors import DomainError
from app.extensions import db
from app.models_base import utcnow
from app.notifications.services import notify, path_for
from app.opportunities.models import Opportunity
from app.profiles.models import Company

NOTE_MAX = 1000


def owned_companies(user) -> list[Company]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(db.session.scalars(select(Company).where(Company.owner_id == user.id).order_by(Company.id)))


def daily_cap() -> int:
    return int(current_app.config.get("INTEREST_DAILY_CAP", 20))


def requests_today(user_id: int) -> int:
    """New interest requests of an account in the last 24 hours (a rolling day, so no burst at midnight)."""
    since = utcnow() - timedelta(days=1)
    return db.session.scalar(select(func.count(Interest.id)).where(Interest.user_id == user_id,
                                                                   Interest.created_at >= since)) or 0


def interest_between(from_id: int, to_id: int) -> Interest | None:
    return db.session.scalar(select(Interest).filter_by(from_company_id=from_id, to_company_id=to_id))


def express_interest(user, source: Company, target: Company, note: str = "",
                     opportunity: Opportunity | None = None) -> Interest:
    """Send an interest request from the user's company `source` to `target`.

    When `target` had already asked `source`, this answers that request: mutual interest at once."""
    if source.owner_id != user.id or source.is_hidden:  # a company hidden by moderation cannot reach out
        raise DomainError(_("You can express interest only for your own visible company."))
    if target.owner_id is None or target.owner_id == user.id or target.is_hidden:
        raise DomainError(_("This company cannot receive interest requests."))
    if interest_between(source.id, target.id) is not None:
        raise DomainError(_("You have already expressed interest in this company."))
    reverse = interest_between(target.id, source.id)
    if reverse is not None and reverse.status == InterestStatus.PENDING:
        answer_interest(user, reverse, accept=True)
        return reverse
    if requests_today(user.id) >= daily_cap():
        raise DomainError(_("You have reached today's limit of %(n)s interest requests. Please try tomorrow.",
                            n=daily_cap()))
    interest = Interest(from_company_id=source.id, to_company_id=target.id, user_id=user.id,
                        opportunity_id=opportunity.id if opportunity else None, note=note.strip()[:NOTE_MAX])
    db.session.add(interest)
    db.session.flush()
    notify(target.owner, "interest_received",
           _l("%(company)s is interested in your company %(target)s.", company=source.name, target=target.name),
           path_for("deals.interests"))
    return interest


def answer_interest(user, interest: Interest, accept: bool) -> None:
    """The receiving company's owner accepts (mutual interest, a conversation opens) or declines (privately)."""
    if interest.to_company.owner_id != user.id:
        raise DomainError(_("Only the company that received the request can answer it."))
    if interest.status != InterestStatus.PENDING:
        raise DomainError(_("This request is already answered."))
    interest.status = InterestStatus.ACCEPTED if accept else InterestStatus.DECLINED
    interest.answered_at = utcnow()
    db.session.flush()
    if accept:
        conversation = open_conversation(interest.from_company, interest.to_company)
        notify(interest.from_company.owner, "interest_accepted",
               _l("%(company)s accepted your interest: you can now see each other's contacts and write.",
                  company=interest.to_company.name),
               path_for("deals.conversation", conversation_id=conversation.id))


def has_mutual_interest(company_x: int, company_y: int) -> bool:
    """True when an interest between the two companies, in either direction, was accepted."""
    return db.session.scalar(select(func.count(Interest.id)).where(
        Interest.status == InterestStatus.ACCEPTED,
        or_(and_(Interest.from_company_id == company_x, Interest.to_company_id == company_y),
            and_(Interest.from_company_id == company_y, Interest.to_company_id == company_x)))) > 0


def user_has_mutual_interest(user, company: Company) -> bool:
    """Does the user own a company with mutual interest with `company`? (contacts are shown then)"""
    if not getattr(user, "is_authenticated", False):
        return False
    mine = select(Company.id).where(Company.owner_id == user.id).scalar_subquery()
    return db.session.scalar(select(func.count(Interest.id)).where(
        Interest.status == InterestStatus.ACCEPTED,
        or_(and_(Interest.from_company_id == company.id, Interest.to_company_id.in_(mine)),
            and_(Interest.to_company_id == company.id, Interest.from_company_id.in_(mine))))) > 0


def shown_status(interest: Interest, viewer_company_id: int) -> str:
    """What one side sees: the requester never learns of a decline."""
    if interest.status == InterestStatus.DECLINED and viewer_company_id == interest.from_company_id:
        return InterestStatus.PENDING.value
    return interest.status.value


def pending_incoming_count(user_id: int) -> Select:
    """The count of requests waiting for the user's answer (the nav badge), as a statement."""
    mine = select(Company.id).where(Company.owner_id == user_id).scalar_subquery()
    return select(func.count(Interest.id)).where(Interest.to_company_id.in_(mine),
                                                 Interest.status == InterestStatus.PENDING)


def incoming(user) -> list[Interest]:
    mine = [c.id for c in owned_companies(user)]
    return list(db.session.scalars(select(Interest).where(Interest.to_company_id.in_(mine))
                                   .order_by(Interest.id.desc())))


def outgoing(user) -> list[Interest]:
    mine = [c.id for c in owned_companies(user)]
    return list(db.session.scalars(select(Interest).where(Interest.from_company_id.in_(mine))
                                   .order_by(Interest.id.desc())))

