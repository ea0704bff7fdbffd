"""Company profiles: diaspora businesses and Kazakh exporters."""
import enum

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models_base import TimestampMixin, str_enum


class CompanyKind(enum.StrEnum):
    DIASPORA = "diaspora"
    EXPORTER = "exporter"


class Company(TimestampMixin, db.Model):
    __tablename__ = "companies"
    # the matcher of each process asks for recently changed rows (app/matches/live.py)
    __table_args__ = (Index("ix_companies_updated_at", "updated_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str | None] = mapped_column(String(64), unique=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[CompanyKind] = mapped_column(str_enum(CompanyKind))
    country: Mapped[str] = mapped_column(String(2), index=True)
    city: Mapped[str] = mapped_column(String(120), default="")
    sectors: Mapped[list[str]] = mapped_column(JSON, default=list)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    description: Mapped[str] = mapped_column(Text, default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    is_verified: Mapped[bool] = mapped_column(default=False)
    is_hidden: Mapped[bool] = mapped_column(default=False)

    owner = relationship("User", back_populates="companies")
    opportunities = relationship(
        "Opportunity", back_populates="company", cascade="all, delete-orphan", order_by="Opportunity.id"
    )

    def can_see_contacts(self, user) -> bool:
        """Contact details are private: the owner, admins, and the owners of companies with mutual interest."""
        if not getattr(user, "is_authenticated", False):
            return False
        if user.is_admin or self.owner_id == user.id:
            return True
        from app.deals.services import user_has_mutual_interest  # deals builds on profiles

        return user_has_mutual_interest(user, self)

    def is_owned_by(self, user) -> bool:
        return getattr(user, "is_authenticated", False) and self.owner_id == user.id
