"""Notifications: the `notify` hook every domain calls, preferences, unsubscribe tokens, and the mail job.

`notify` only writes rows (the inbox entry, marked for mail when the user wants mail); once the request commits,
the `notify-mail` job sends what is pending, so a slow SMTP server never holds up a page.
"""
import smtplib
import socket
from dataclasses import dataclass

from flask import current_app, has_request_context, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import Select, event, func, select, update
from sqlalchemy.orm import Session

from app.accounts.models import User
from app.extensions import db
from app.jobs import enqueue, job
from app.mail import external_url, send_mail
from app.models_base import utcnow
from app.notifications.models import Notification, NotificationPreference

# every kind a user can choose to receive, with its label on the settings page
KINDS = {
    "suggestions": _l("New suggested partners (digest)"),
    "interest_received": _l("Someone is interested in my company"),
    "interest_accepted": _l("My interest was accepted"),
    "message": _l("New messages"),
    "deal": _l("Changes to my deals"),
    "meeting_request": _l("Forum meeting requests"),
    "agenda_change": _l("Changes to my forum agenda"),
    "claim": _l("Answers to my company claims"),
}
ALL = "all"


@dataclass(frozen=True)
class Choice:
    inbox: bool = True
    email: bool = True


def preferences(user_id: int) -> dict[str, Choice]:
    """The user's choice for every kind (defaults where no row is stored)."""
    rows = db.session.scalars(select(NotificationPreference).where(NotificationPreference.user_id == user_id))
    stored = {row.kind: Choice(row.inbox, row.email) for row in rows}
    return {kind: stored.get(kind, Choice()) for kind in KINDS}


def set_preference(user_id: int, kind: str, inbox: bool | None = None, email: bool | None = None) -> None:
    """Store a choice for one kind; None leaves that channel as it is."""
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    row = db.session.scalar(select(NotificationPreference).filter_by(user_id=user_id, kind=kind))
    if row is None:
        row = NotificationPreference(user_id=user_id, kind=kind, inbox=True, email=True)
        db.session.add(row)
    if inbox is not None:
        row.inbox = inbox
    if email is not None:
        row.email = email
    db.session.flush()


def notify(user: User | None, kind: str, message, link: str = "") -> Notification | None:
    """Tell a user something: an inbox entry and/or a mail, as they chose. `message` may be a lazy string
    (`_l(...)`): it is rendered in the recipient's language. `link` is a site path such as "/deals/3".

    Forums call this for "meeting_request" and "agenda_change"; the view commits as usual."""
    if user is None or not user.is_active:
        return None
    choice = preferences(user.id)[kind]
    if not (choice.inbox or choice.email):
        return None
    with force_locale(user.locale):
        text = str(message)[:500]
    row = Notification(user_id=user.id, kind=kind, text=text, link=link[:300], in_inbox=choice.inbox,
                       mail_pending=choice.email)
    db.session.add(row)
    db.session.flush()
    if choice.email:
        db.session.info["notify_mail"] = True
    return row


@event.listens_for(Session, "after_commit")
def _mail_after_commit(session: Session) -> None:
    if session.info.pop("notify_mail", False):
        enqueue("notify-mail")


@event.listens_for(Session, "after_soft_rollback")
def _forget_on_rollback(session: Session, previous_transaction) -> None:
    if previous_transaction.parent is None:
        session.info.pop("notify_mail", None)


def inbox(user_id: int, limit: int = 100) -> list[Notification]:
    return list(db.session.scalars(select(Notification).where(Notification.user_id == user_id,
                                                              Notification.in_inbox.is_(True))
                                   .order_by(Notification.id.desc()).limit(limit)))


def unread_notifications_count(user_id: int) -> Select:
    """The count of the user's unread notifications (the nav badge), as a statement."""
    return select(func.count(Notification.id)).where(
        Notification.user_id == user_id, Notification.in_inbox.is_(True), Notification.is_read.is_(False))


def unread_notifications(user_id: int) -> int:
    return db.session.scalar(unread_notifications_count(user_id)) or 0


def mark_all_read(user_id: int) -> None:
    db.session.execute(update(Notification).where(Notification.user_id == user_id, Notification.is_read.is_(False))
                       .values(is_read=True))


def _serializer() -> URLSafeSerializer:
    # no expiry: an unsubscribe link in an old mail must still work
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="unsubscribe")


def unsubscribe_token(user_id: int, kind: str) -> str:
    return _serializer().dumps({"u": user_id, "k": kind})


def read_unsubscribe_token(token: str) -> tuple[User, str] | None:
    try:
        data = _serializer().loads(token)
    except BadSignature:
        return None
    user = db.session.get(User, data.get("u"))
    if user is None or (data.get("k") not in KINDS and data.get("k") != ALL):
        return None
    return user, data["k"]


def unsubscribe(user: User, kind: str) -> None:
    """Stop mails of one kind (or of all kinds); the inbox keeps them."""
    for each in KINDS if kind == ALL else (kind,):
        set_preference(user.id, each, email=False)


def path_for(endpoint: str, **values) -> str:
    """A site path for a notification link, also outside a request (a CLI command, a job)."""
    if has_request_context():
        return url_for(endpoint, **values)
    with current_app.test_request_context():
        return url_for(endpoint, **values)


def site_url() -> str:
    """The public address used in mails (set SITE_URL in production)."""
    return current_app.config.get("SITE_URL") or "http://localhost:5000"


def mail_body(row: Notification) -> tuple[str, str]:
    """Subject and text of the mail for one notification, in the recipient's language (needs a request
    context for url_for: the job pushes one on the public address)."""
    link = site_url().rstrip("/") + row.link if row.link else ""
    kind_off = external_url("notifications.unsubscribe", token=unsubscribe_token(row.user_id, row.kind))
    all_off = external_url("notifications.unsubscribe", token=unsubscribe_token(row.user_id, ALL))
    lines = [_("Hello %(name)s,", name=row.user.name), "", row.text]
    if link:
        lines += ["", link]
    lines += ["", "--", _("Stop these mails: %(link)s", link=kind_off), _("Stop all mails: %(link)s", link=all_off),
              _("Choose what you receive: %(link)s", link=external_url("notifications.settings"))]
    return _("Atameken Match: %(text)s", text=row.text[:80]), "\n".join(lines)


# the mail server cannot be reached: no row is to blame, the whole run is retried later
SERVER_DOWN = (ConnectionError, TimeoutError, socket.gaierror, smtplib.SMTPConnectError,
               smtplib.SMTPServerDisconnected)


class MailsFailed(Exception):
    """Some mails failed and stay pending: raised at the end of a run, so the job is retried with backoff."""


def _next_pending(after_id: int) -> Notification | None:
    return db.session.scalar(select(Notification).where(Notification.mail_pending.is_(True), Notification.id > after_id)
                             .order_by(Notification.id).limit(1))


def _set(row_id: int, **values) -> None:
    db.session.execute(update(Notification).where(Notification.id == row_id).values(**values))
    db.session.commit()


def _claim(row: Notification) -> bool:
    """Take the row for this worker (False: another worker took it first)."""
    claimed = db.session.execute(update(Notification).where(
        Notification.id == row.id, Notification.mail_pending.is_(True)).values(mail_pending=False))
    db.session.commit()
    return claimed.rowcount == 1


def _send(row: Notification) -> None:
    with force_locale(row.user.locale):
        subject, body = mail_body(row)
    send_mail(row.user.email, subject, body)


def _count_failure(row_id: int, error: Exception) -> bool:
    """One more failed attempt for this row; after MAIL_MAX_ATTEMPTS it is parked. True while it stays pending."""
    db.session.rollback()
    attempts = (db.session.scalar(select(Notification.mail_attempts).where(Notification.id == row_id)) or 0) + 1
    parked = attempts >= current_app.config["MAIL_MAX_ATTEMPTS"]
    detail = f"{error.__class__.__name__}: {error}"[:300]
    current_app.logger.log(40 if parked else 30, "mail of notification %s failed (attempt %s%s): %s", row_id,
                           attempts, ", parked" if parked else "", detail)
    _set(row_id, mail_attempts=attempts, mail_error=detail, mail_pending=not parked,
         mail_parked_at=utcnow() if parked else None)
    return not parked


@job("notify-mail")
def send_pending_mails() -> str:
    """Mail every pending notification, oldest first, each once per run. A row is claimed by an UPDATE first, so
    two workers never send the same mail. A row that fails is counted and, after MAIL_MAX_ATTEMPTS, parked with
    its error (`flask notify status`): one bad row never holds up the mails behind it."""
    app = current_app._get_current_object()
    sent, failing, last_id = 0, 0, 0
    with app.test_request_context(base_url=site_url()):
        while row := _next_pending(last_id):
            last_id = row.id
            if not _claim(row):
                continue
            try:
                _send(row)
            except SERVER_DOWN:
                db.session.rollback()
                _set(row.id, mail_pending=True)
                raise
            except Exception as error:  # anything about this one mail: counted against it, the others go on
                failing += _count_failure(last_id, error)
                continue
            _set(row.id, mailed_at=utcnow(), mail_error=None)
            sent += 1
    if failing:
        raise MailsFailed(f"{sent} mailed, {failing} failed and will be retried")
    return f"{sent} mailed"


def mail_status(limit: int = 20) -> dict:
    """Pending and parked mails, with the latest parked rows and their errors (for `flask notify status`)."""
    parked = Notification.mail_parked_at.is_not(None)
    count = select(func.count(Notification.id))
    return {
        "pending": db.session.scalar(count.where(Notification.mail_pending.is_(True))) or 0,
        "parked": db.session.scalar(count.where(parked)) or 0,
        "parked_rows": db.session.scalars(select(Notification).where(parked)
                                          .order_by(Notification.id.desc()).limit(limit)).all(),
    }


def unpark_mails() -> int:
    """Put parked mails back in the queue with fresh attempts (e.g. after fixing their cause)."""
    result = db.session.execute(update(Notification).where(Notification.mail_parked_at.is_not(None)).values(
        mail_pending=True, mail_parked_at=None, mail_attempts=0, mail_error=None))
    return result.rowcount
