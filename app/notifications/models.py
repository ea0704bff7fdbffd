"""The in-site inbox, per-user choices of what to receive, and the mail queue (unsent mails of the inbox)."""
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models_base import utcnow


class Notification(db.Model):
    """One inbox entry; `mail_pending` rows are mailed by the `notify-mail` job, outside the request, and rows
    that failed MAIL_MAX_ATTEMPTS times are parked (`mail_parked_at`, shown by `flask notify status`)."""

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))  # indexed below
    kind: Mapped[str] = mapped_column(String(30))
    text: Mapped[str] = mapped_column(String(500))  # already in the recipient's language
    link: Mapped[str] = mapped_column(String(300), default="")
    in_inbox: Mapped[bool] = mapped_column(default=True)  # False: the user wants this kind by mail only
    is_read: Mapped[bool] = mapped_column(default=False)
    mail_pending: Mapped[bool] = mapped_column(default=False, index=True)
    mailed_at: Mapped[datetime | None] = mapped_column(DateTime)
    # a mail that keeps failing is parked (no longer pending) so the mails behind it still go out
    mail_attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    mail_error: Mapped[str | None] = mapped_column(String(300))
    mail_parked_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    user = relationship("User")

    __table_args__ = (Index("ix_notifications_user_read", "user_id", "is_read"),)


class NotificationPreference(db.Model):
    """A user's choice for one kind; no row means both inbox and e-mail (the defaults)."""

    __tablename__ = "notification_preferences"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))  # indexed by the unique
    kind: Mapped[str] = mapped_column(String(30))
    inbox: Mapped[bool] = mapped_column(default=True)
    email: Mapped[bool] = mapped_column(default=True)

    __table_args__ = (UniqueConstraint("user_id", "kind", name="uq_notification_preferences_user_kind"),)
