"""B2B forums: sessions, participants, meeting requests and scheduled one-to-one meetings."""
import enum
from datetime import date, datetime, time

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models_base import TimestampMixin, str_enum


class ForumStage(enum.StrEnum):
    """A forum moves forward through these stages, in this order."""

    REGISTRATION = "registration"
    REQUESTS = "requests"
    SCHEDULED = "scheduled"  # agendas published
    FINISHED = "finished"


class RequestStatus(enum.StrEnum):
    REQUESTED = "requested"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"


class Outcome(enum.StrEnum):
    NO_FOLLOW_UP = "no_follow_up"
    FOLLOW_UP = "follow_up"
    NEGOTIATION = "negotiation"
    CONTRACT = "contract"


class Forum(TimestampMixin, db.Model):
    __tablename__ = "forums"

    id: Mapped[int] = mapped_column(primary_key=True)
    organiser_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    city: Mapped[str] = mapped_column(String(120), default="")
    country: Mapped[str] = mapped_column(String(2))
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Almaty")
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    meeting_minutes: Mapped[int] = mapped_column(default=30)
    break_minutes: Mapped[int] = mapped_column(default=5)
    n_tables: Mapped[int] = mapped_column(default=10)
    request_deadline: Mapped[datetime | None] = mapped_column(DateTime)  # naive UTC, like created_at
    stage: Mapped[ForumStage] = mapped_column(str_enum(ForumStage), default=ForumStage.REGISTRATION)
    last_run: Mapped[dict | None] = mapped_column(JSON)  # summary of the latest scheduler run

    organiser = relationship("User")
    sessions = relationship("ForumSession", back_populates="forum", cascade="all, delete-orphan",
                            order_by="(ForumSession.day, ForumSession.starts_at)")
    participants = relationship("Participant", back_populates="forum", cascade="all, delete-orphan",
                                order_by="Participant.id")
    meetings = relationship("Meeting", back_populates="forum", cascade="all, delete-orphan",
                            order_by="Meeting.id")

    __table_args__ = (
        CheckConstraint("ends_on >= starts_on", name="ck_forums_dates"),
        CheckConstraint("meeting_minutes > 0 AND break_minutes >= 0 AND n_tables > 0", name="ck_forums_sizes"),
    )

    def is_managed_by(self, user) -> bool:
        """Organisers manage their own forums; admins manage all."""
        if not getattr(user, "is_authenticated", False) or not user.is_organiser:
            return False
        return user.is_admin or self.organiser_id == user.id


class ForumSession(db.Model):
    """A block of consecutive meetings on one day (e.g. the morning or the afternoon)."""

    __tablename__ = "forum_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(Date)
    starts_at: Mapped[time] = mapped_column(Time)
    ends_at: Mapped[time] = mapped_column(Time)

    forum = relationship("Forum", back_populates="sessions")

    __table_args__ = (CheckConstraint("ends_at > starts_at", name="ck_forum_sessions_times"),)


class Participant(TimestampMixin, db.Model):
    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id", ondelete="CASCADE"))  # indexed by the unique
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    company_id: Mapped[int | None] = mapped_column(ForeignKey("companies.id", ondelete="SET NULL"))
    unavailable_slots: Mapped[list[int]] = mapped_column(JSON, default=list)

    forum = relationship("Forum", back_populates="participants")
    user = relationship("User")
    company = relationship("Company")

    __table_args__ = (UniqueConstraint("forum_id", "user_id", name="uq_participants_forum_user"),)

    @property
    def label(self) -> str:
        """'Name (Company)' as shown in lists and agendas."""
        return f"{self.user.name} ({self.company.name})" if self.company else self.user.name


class MeetingRequest(TimestampMixin, db.Model):
    __tablename__ = "meeting_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id", ondelete="CASCADE"))  # indexed by the unique
    from_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    to_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    status: Mapped[RequestStatus] = mapped_column(str_enum(RequestStatus), default=RequestStatus.REQUESTED)
    note: Mapped[str] = mapped_column(Text, default="")

    sender = relationship("Participant", foreign_keys=[from_id])
    recipient = relationship("Participant", foreign_keys=[to_id])

    __table_args__ = (
        UniqueConstraint("forum_id", "from_id", "to_id", name="uq_meeting_requests_pair"),
        CheckConstraint("from_id <> to_id", name="ck_meeting_requests_not_self"),
    )


class Meeting(TimestampMixin, db.Model):
    """A one-to-one meeting; the pair is stored with p1_id < p2_id so each pair has one row."""

    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id", ondelete="CASCADE"))  # indexed by the uniques
    p1_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    p2_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("meeting_requests.id", ondelete="SET NULL"))
    priority: Mapped[int] = mapped_column(default=0)
    slot: Mapped[int | None] = mapped_column()
    table: Mapped[int | None] = mapped_column()
    is_locked: Mapped[bool] = mapped_column(default=False)
    previous_slot: Mapped[int | None] = mapped_column()
    previous_table: Mapped[int | None] = mapped_column()
    unscheduled_reason: Mapped[str | None] = mapped_column(String(300))
    took_place: Mapped[bool | None] = mapped_column()
    outcome: Mapped[Outcome | None] = mapped_column(str_enum(Outcome))

    forum = relationship("Forum", back_populates="meetings")
    p1 = relationship("Participant", foreign_keys=[p1_id])
    p2 = relationship("Participant", foreign_keys=[p2_id])
    request = relationship("MeetingRequest")

    __table_args__ = (
        UniqueConstraint("forum_id", "p1_id", "p2_id", name="uq_meetings_pair"),
        # NULL slots (not yet scheduled) never clash: NULLs are distinct in SQLite and PostgreSQL.
        UniqueConstraint("forum_id", "slot", "table", name="uq_meetings_slot_table"),
        CheckConstraint("p1_id < p2_id", name="ck_meetings_pair_order"),
        CheckConstraint("(slot IS NULL) = (\"table\" IS NULL)", name="ck_meetings_slot_table"),
    )

    def other(self, participant_id: int):
        """The counterpart of a participant in this meeting."""
        return self.p2 if participant_id == self.p1_id else self.p1

    @property
    def has_moved(self) -> bool:
        return self.previous_slot is not None and (self.previous_slot, self.previous_table) != (
            self.slot, self.table)


class InvitationStatus(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class ForumInvitation(TimestampMixin, db.Model):
    """An organiser's import names someone who already has an account: they join only if they accept.

    `details` keeps the imported row (company, availability) so that accepting registers them as imported."""

    __tablename__ = "forum_invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id", ondelete="CASCADE"))  # indexed by the unique
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[InvitationStatus] = mapped_column(str_enum(InvitationStatus), default=InvitationStatus.PENDING)
    details: Mapped[dict] = mapped_column(JSON, default=dict)

    forum = relationship("Forum")
    user = relationship("User")

    __table_args__ = (UniqueConstraint("forum_id", "user_id", name="uq_forum_invitations_forum_user"),)
