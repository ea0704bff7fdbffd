"""From a suggestion to a contract: interest between companies, conversations, deals and their stage history."""
import enum
from datetime import date, datetime

from sqlalchemy import DDL, CheckConstraint, Date, DateTime, ForeignKey, Numeric, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models_base import TimestampMixin, str_enum, utcnow


class InterestStatus(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"  # seen only by the side that declined; the requester sees "closed"


class DealStage(enum.StrEnum):
    LEAD = "lead"
    NEGOTIATION = "negotiation"
    CONTRACT_SIGNED = "contract_signed"
    LOST = "lost"


class Interest(TimestampMixin, db.Model):
    """One company's interest in another (optionally in one of its opportunities).

    One row per direction and pair, ever: a declined request cannot be sent again and again (anti-spam), and at
    most one is open at a time, which the unique constraint makes impossible to break."""

    __tablename__ = "interests"

    id: Mapped[int] = mapped_column(primary_key=True)
    from_company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))  # the unique
    to_company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"), index=True)
    opportunity_id: Mapped[int | None] = mapped_column(ForeignKey("opportunities.id", ondelete="SET NULL"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[InterestStatus] = mapped_column(str_enum(InterestStatus), default=InterestStatus.PENDING)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime)

    from_company = relationship("Company", foreign_keys=[from_company_id])
    to_company = relationship("Company", foreign_keys=[to_company_id])
    opportunity = relationship("Opportunity")

    __table_args__ = (
        UniqueConstraint("from_company_id", "to_company_id", name="uq_interests_direction"),
        CheckConstraint("from_company_id <> to_company_id", name="ck_interests_not_self"),
    )


class Conversation(db.Model):
    """The one message thread of a pair of companies, stored with company_a_id < company_b_id."""

    __tablename__ = "conversations"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_a_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))  # the unique
    company_b_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"), index=True)
    # the last message each side has read (0: none); unread = the other side's messages after it
    a_read_id: Mapped[int] = mapped_column(default=0)
    b_read_id: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_message_at: Mapped[datetime | None] = mapped_column(DateTime)

    company_a = relationship("Company", foreign_keys=[company_a_id])
    company_b = relationship("Company", foreign_keys=[company_b_id])
    messages = relationship("Message", back_populates="conversation", cascade="all, delete-orphan",
                            order_by="Message.id")

    __table_args__ = (
        UniqueConstraint("company_a_id", "company_b_id", name="uq_conversations_pair"),
        CheckConstraint("company_a_id < company_b_id", name="ck_conversations_pair_order"),
    )

    def side_of(self, company_id: int) -> str:
        return "a" if company_id == self.company_a_id else "b"

    def other(self, company_id: int):
        return self.company_b if company_id == self.company_a_id else self.company_a


class Message(db.Model):
    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    sender_company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    sender_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    conversation = relationship("Conversation", back_populates="messages")
    sender_company = relationship("Company")


class Deal(TimestampMixin, db.Model):
    """A deal both companies see; `stage` is the latest entry of its append-only history."""

    __tablename__ = "deals"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_a_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"), index=True)
    company_b_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"), index=True)
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    conversation_id: Mapped[int | None] = mapped_column(ForeignKey("conversations.id", ondelete="SET NULL"))
    forum_id: Mapped[int | None] = mapped_column(ForeignKey("forums.id", ondelete="SET NULL"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"))
    product: Mapped[str] = mapped_column(String(200))
    hs_code: Mapped[str] = mapped_column(String(6), default="")
    stage: Mapped[DealStage] = mapped_column(str_enum(DealStage), default=DealStage.LEAD)
    value: Mapped[float | None] = mapped_column(Numeric(18, 2, asdecimal=False))
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    volume: Mapped[str] = mapped_column(String(100), default="")
    expected_on: Mapped[date | None] = mapped_column(Date)

    company_a = relationship("Company", foreign_keys=[company_a_id])
    company_b = relationship("Company", foreign_keys=[company_b_id])
    history = relationship("DealStageChange", back_populates="deal", order_by="DealStageChange.id",
                           passive_deletes=True)

    __table_args__ = (
        CheckConstraint("company_a_id < company_b_id", name="ck_deals_pair_order"),
        CheckConstraint("value IS NULL OR value >= 0", name="ck_deals_value"),
    )

    def involves(self, company_id: int) -> bool:
        return company_id in (self.company_a_id, self.company_b_id)


class DealStageChange(db.Model):
    """One entry of a deal's stage history: written once, never updated (a database trigger refuses it)."""

    __tablename__ = "deal_stage_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deals.id", ondelete="CASCADE"), index=True)
    stage: Mapped[DealStage] = mapped_column(str_enum(DealStage))
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)

    deal = relationship("Deal", back_populates="history")
    changed_by = relationship("User")


# Append-only in the database itself, the same triggers in the migration (0005). Deleting a whole deal still
# cascades: only UPDATE is refused. ON DELETE SET NULL of the author would be an update, hence the user check.
SQLITE_TRIGGER = (
    "CREATE TRIGGER deal_stage_changes_append_only BEFORE UPDATE ON deal_stage_changes "
    "WHEN NEW.deal_id IS NOT OLD.deal_id OR NEW.stage IS NOT OLD.stage OR NEW.created_at IS NOT OLD.created_at "
    "OR NEW.note IS NOT OLD.note "
    "BEGIN SELECT RAISE(ABORT, 'deal_stage_changes is append-only'); END"
)
POSTGRES_FUNCTION = (
    "CREATE OR REPLACE FUNCTION deal_stage_changes_append_only() RETURNS trigger AS $$ BEGIN "
    "IF NEW.deal_id IS DISTINCT FROM OLD.deal_id OR NEW.stage IS DISTINCT FROM OLD.stage "
    "OR NEW.created_at IS DISTINCT FROM OLD.created_at OR NEW.note IS DISTINCT FROM OLD.note THEN "
    "RAISE EXCEPTION 'deal_stage_changes is append-only'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql"
)
POSTGRES_TRIGGER = (
    "CREATE TRIGGER deal_stage_changes_append_only BEFORE UPDATE ON deal_stage_changes "
    "FOR EACH ROW EXECUTE FUNCTION deal_stage_changes_append_only()"
)

_table = DealStageChange.__table__
event.listen(_table, "after_create", DDL(SQLITE_TRIGGER).execute_if(dialect="sqlite"))
event.listen(_table, "after_create", DDL(POSTGRES_FUNCTION).execute_if(dialect="postgresql"))
event.listen(_table, "after_create", DDL(POSTGRES_TRIGGER).execute_if(dialect="postgresql"))
