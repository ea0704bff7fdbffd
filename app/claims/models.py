"""Claims on imported companies that have no owner yet."""
import enum

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models_base import TimestampMixin, str_enum


class ClaimStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class ClaimMethod(enum.StrEnum):
    EMAIL = "email"  # a signed link mailed to the company's own address
    ADMIN = "admin"  # an admin checks the evidence in `note`


class CompanyClaim(TimestampMixin, db.Model):
    __tablename__ = "company_claims"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    method: Mapped[ClaimMethod] = mapped_column(str_enum(ClaimMethod))
    status: Mapped[ClaimStatus] = mapped_column(str_enum(ClaimStatus), default=ClaimStatus.PENDING, index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    # where the verification link went (the company's address at the time of the claim)
    sent_to: Mapped[str] = mapped_column(String(254), default="")

    company = relationship("Company")
    user = relationship("User")
