"""Invitations from a forum import to people who already have an account: they accept or decline.

Accepting registers them as the organiser imported them (company, availability). The view commits."""
from flask import abort
from flask_babel import gettext as _
from sqlalchemy import select

from app.errors import DomainError
from app.extensions import db
from app.forums.imports import Row, company_for
from app.forums.models import ForumInvitation, ForumStage, InvitationStatus, Participant
from app.forums.services import participant_of


def invitation_of(invitation_id: int, user) -> ForumInvitation:
    """The user's own invitation; anyone else's answers 404 (it is none of their business)."""
    invitation = db.session.get(ForumInvitation, invitation_id)
    if invitation is None or invitation.user_id != user.id:
        abort(404)
    return invitation


def pending_for(user) -> list[ForumInvitation]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(db.session.scalars(select(ForumInvitation).where(
        ForumInvitation.user_id == user.id, ForumInvitation.status == InvitationStatus.PENDING)
        .order_by(ForumInvitation.id)))


def _pending(invitation: ForumInvitation) -> None:
    if invitation.status != InvitationStatus.PENDING:
        raise DomainError(_("This invitation is already answered."))


def accept(invitation: ForumInvitation) -> Participant:
    _pending(invitation)
    forum, user = invitation.forum, invitation.user
    if forum.stage not in (ForumStage.REGISTRATION, ForumStage.REQUESTS):
        raise DomainError(_("Registration for this forum is closed."))
    invitation.status = InvitationStatus.ACCEPTED
    participant = participant_of(forum, user)
    if participant is None:
        row = Row(**invitation.details)
        participant = Participant(forum=forum, user=user, company=company_for(user, row, forum.organiser_id),
                                  unavailable_slots=row.unavailable)
        db.session.add(participant)
    db.session.flush()
    return participant


def decline(invitation: ForumInvitation) -> None:
    _pending(invitation)
    invitation.status = InvitationStatus.DECLINED
    db.session.flush()


def company_label(invitation: ForumInvitation) -> str:
    """The company the organiser named, as shown on the invitation page."""
    details = invitation.details or {}
    return details.get("company") or details.get("company_ref") or ""
