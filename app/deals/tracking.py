"""Deals between two companies and their append-only stage history. The view commits.

`open_deal` is the one entry point: from a conversation (deals routes) or from a forum meeting (forums code).
"""
from datetime import date

from flask import abort
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import or_, select

from app.deals.models import Deal, DealStage, DealStageChange
from app.errors import DomainError
from app.extensions import db
from app.notifications.services import notify, path_for
from app.profiles.models import Company

STAGE_LABELS = {
    DealStage.LEAD: _l("Lead"),
    DealStage.NEGOTIATION: _l("Negotiation"),
    DealStage.CONTRACT_SIGNED: _l("Contract signed"),
    DealStage.LOST: _l("Lost"),
}
EDITABLE = ("product", "hs_code", "value", "currency", "volume", "expected_on")


def open_deal(company_a: Company, company_b: Company, product: str, *, opened_by=None, conversation=None,
              forum=None, meeting=None, hs_code: str = "", value: float | None = None, currency: str = "USD",
              volume: str = "", expected_on: date | None = None) -> Deal:
    """Open a deal between two companies at the "lead" stage (its first history entry).

    `forum`/`meeting` record where it came from (the organiser dashboard counts contracts per forum)."""
    if company_a.id == company_b.id:
        raise DomainError(_("A deal needs two different companies."))
    first, second = sorted((company_a, company_b), key=lambda c: c.id)
    deal = Deal(company_a_id=first.id, company_b_id=second.id, product=product.strip()[:200],
                opened_by_id=getattr(opened_by, "id", None), conversation_id=getattr(conversation, "id", None),
                forum_id=getattr(forum, "id", None) or getattr(meeting, "forum_id", None),
                meeting_id=getattr(meeting, "id", None), hs_code=hs_code or "", value=value,
                currency=(currency or "USD").upper(), volume=volume or "", expected_on=expected_on,
                stage=DealStage.LEAD)
    db.session.add(deal)
    db.session.flush()
    db.session.add(DealStageChange(deal_id=deal.id, stage=DealStage.LEAD, changed_by_id=deal.opened_by_id))
    db.session.flush()
    return deal


def change_stage(deal: Deal, stage: DealStage | str, user=None, note: str = "") -> DealStageChange:
    """Move a deal to another stage: a new history entry (entries are never changed)."""
    stage = DealStage(stage)
    if stage == deal.stage:
        raise DomainError(_("The deal is already at this stage."))
    deal.stage = stage
    change = DealStageChange(deal_id=deal.id, stage=stage, changed_by_id=getattr(user, "id", None),
                             note=note.strip()[:300])
    db.session.add(change)
    db.session.flush()
    for company in (deal.company_a, deal.company_b):
        if user is None or company.owner_id != user.id:
            notify(company.owner, "deal", _l("Deal \"%(product)s\" moved to: %(stage)s.", product=deal.product,
                                             stage=STAGE_LABELS[stage]), path_for("deals.deal", deal_id=deal.id))
    return change


def update_deal(deal: Deal, data: dict) -> None:
    for name in EDITABLE:
        if name in data:
            blank = "" if name not in ("value", "expected_on") else None  # text columns are never NULL
            setattr(deal, name, blank if data[name] is None else data[name])
    deal.currency = (deal.currency or "USD").upper()
    db.session.flush()


def get_deal_or_404(deal_id: int) -> Deal:
    """A deal is seen by the owners of its two companies and by admins; to others it does not exist."""
    deal = db.session.get(Deal, deal_id)
    if deal is None or not current_user.is_authenticated:
        abort(404)
    if not (current_user.is_admin or current_user.id in (deal.company_a.owner_id, deal.company_b.owner_id)):
        abort(404)
    return deal


def meeting_sides_or_404(meeting_id: int):
    """A forum meeting seen by one of its two participants: (meeting, my company, the other company)."""
    from app.forums.models import Meeting

    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None or not current_user.is_authenticated:
        abort(404)
    for mine, other in ((meeting.p1, meeting.p2), (meeting.p2, meeting.p1)):
        if mine.user_id == current_user.id and mine.company and other.company:
            return meeting, mine.company, other.company
    abort(404)


def is_party(deal: Deal, user) -> bool:
    """The owners of the two companies change a deal; an admin only looks."""
    return user.id in (deal.company_a.owner_id, deal.company_b.owner_id)


def deals_of(user_id: int) -> list[Deal]:
    mine = select(Company.id).where(Company.owner_id == user_id).scalar_subquery()
    return list(db.session.scalars(select(Deal).where(or_(Deal.company_a_id.in_(mine), Deal.company_b_id.in_(mine)))
                                   .order_by(Deal.updated_at.desc(), Deal.id.desc())))
