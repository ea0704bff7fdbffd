"""Conversations between two companies with mutual interest: plain-text messages and unread counts."""
from flask import abort
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import Select, and_, func, or_, select

from app.deals.models import Conversation, Message
from app.errors import DomainError
from app.extensions import db
from app.models_base import utcnow
from app.notifications.services import notify, path_for
from app.profiles.models import Company

BODY_MAX = 5000


def ordered(x_id: int, y_id: int) -> tuple[int, int]:
    return (x_id, y_id) if x_id < y_id else (y_id, x_id)


def open_conversation(company_x: Company, company_y: Company) -> Conversation:
    """The pair's one conversation, created on first need (the unique pair makes a second one impossible)."""
    a_id, b_id = ordered(company_x.id, company_y.id)
    conversation = db.session.scalar(select(Conversation).filter_by(company_a_id=a_id, company_b_id=b_id))
    if conversation is None:
        conversation = Conversation(company_a_id=a_id, company_b_id=b_id)
        db.session.add(conversation)
        db.session.flush()
    return conversation


def get_conversation_or_404(conversation_id: int) -> tuple[Conversation, Company]:
    """A conversation and the current user's side of it; others get a 404 (its existence is private too)."""
    conversation = db.session.get(Conversation, conversation_id)
    if conversation is None or not current_user.is_authenticated:
        abort(404)
    for company in (conversation.company_a, conversation.company_b):
        if company.owner_id == current_user.id:
            return conversation, company
    abort(404)


def send_message(user, conversation: Conversation, sender: Company, body: str) -> Message:
    """Add a plain-text message; the other company's owner is notified (without the text: it may be private)."""
    from app.deals.services import has_mutual_interest

    body = body.strip()
    if not body or len(body) > BODY_MAX:
        raise DomainError(_("A message has 1 to %(n)s characters.", n=BODY_MAX))
    if not has_mutual_interest(conversation.company_a_id, conversation.company_b_id):
        raise DomainError(_("Messages need mutual interest."))
    message = Message(conversation=conversation, sender_company_id=sender.id, sender_user_id=user.id, body=body)
    db.session.add(message)
    conversation.last_message_at = utcnow()
    db.session.flush()
    mark_read(conversation, sender)
    notify(conversation.other(sender.id).owner, "message",
           _l("New message from %(company)s.", company=sender.name),
           path_for("deals.conversation", conversation_id=conversation.id))
    return message


def mark_read(conversation: Conversation, reader: Company) -> None:
    last = db.session.scalar(select(func.max(Message.id)).where(Message.conversation_id == conversation.id)) or 0
    setattr(conversation, f"{conversation.side_of(reader.id)}_read_id", last)
    db.session.flush()


def _unread_condition(company_ids):
    """Messages of the other side newer than what my side has read, over conversations of my companies."""
    return or_(
        and_(Conversation.company_a_id.in_(company_ids), Message.id > Conversation.a_read_id,
             Message.sender_company_id != Conversation.company_a_id),
        and_(Conversation.company_b_id.in_(company_ids), Message.id > Conversation.b_read_id,
             Message.sender_company_id != Conversation.company_b_id))


def unread_messages_count(user_id: int) -> Select:
    """The count of unread messages over all conversations of the user's companies (the nav badge), as a
    statement."""
    mine = select(Company.id).where(Company.owner_id == user_id).scalar_subquery()
    return select(func.count(Message.id)).join(Conversation, Message.conversation).where(_unread_condition(mine))


def unread_messages(user_id: int) -> int:
    """Unread messages over all conversations of the user's companies."""
    return db.session.scalar(unread_messages_count(user_id)) or 0


def conversations_of(user_id: int) -> list[tuple[Conversation, Company, int]]:
    """The user's conversations, latest first, each with the user's company in it and its unread count."""
    mine = select(Company.id).where(Company.owner_id == user_id).scalar_subquery()
    unread = dict(db.session.execute(select(Conversation.id, func.count(Message.id))
                                     .join(Message, Message.conversation_id == Conversation.id)
                                     .where(_unread_condition(mine)).group_by(Conversation.id)).all())
    rows = db.session.scalars(select(Conversation).where(or_(Conversation.company_a_id.in_(mine),
                                                             Conversation.company_b_id.in_(mine)))
                              .order_by(Conversation.last_message_at.desc().nulls_last(), Conversation.id.desc()))
    result = []
    for conversation in rows:
        own = conversation.company_a if conversation.company_a.owner_id == user_id else conversation.company_b
        result.append((conversation, own, unread.get(conversation.id, 0)))
    return result
