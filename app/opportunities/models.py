"""Opportunities: offers (what a company sells) and requests (what it seeks)."""
import enum
from datetime import date

from sqlalchemy import JSON, Date, ForeignKey, Index, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models_base import TimestampMixin, str_enum


class OpportunityKind(enum.StrEnum):
    OFFER = "offer"
    REQUEST = "request"


class OpportunityStatus(enum.StrEnum):
    PUBLISHED = "published"
    CLOSED = "closed"


class Opportunity(TimestampMixin, db.Model):
    __tablename__ = "opportunities"
    # the matcher of each process asks for recently changed rows (app/matches/live.py)
    __table_args__ = (Index("ix_opportunities_updated_at", "updated_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str | None] = mapped_column(String(64), unique=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"), index=True)
    kind: Mapped[OpportunityKind] = mapped_column(str_enum(OpportunityKind))
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(5))
    quantity: Mapped[float | None] = mapped_column(Numeric(18, 3, asdecimal=False))
    unit: Mapped[str] = mapped_column(String(20), default="")
    incoterms: Mapped[list[str]] = mapped_column(JSON, default=list)
    certifications: Mapped[list[str]] = mapped_column(JSON, default=list)
    valid_until: Mapped[date | None] = mapped_column(Date)
    # headings the matcher inferred from the text when the owner gave no code (None: not looked at yet)
    hs_inferred: Mapped[list[str] | None] = mapped_column(JSON)
    # headings the listing's own words and meaning point to, for search only (search.pivot.document_headings):
    # the pivot reaches uncoded listings the matcher's cautious guess leaves out (None: not looked at yet)
    hs_guessed: Mapped[list[str] | None] = mapped_column(JSON)
    status: Mapped[OpportunityStatus] = mapped_column(
        str_enum(OpportunityStatus), default=OpportunityStatus.PUBLISHED
    )

    company = relationship("Company", back_populates="opportunities")
    hs_links = relationship("OpportunityHSCode", cascade="all, delete-orphan", order_by="OpportunityHSCode.code")
    country_links = relationship(
        "OpportunityCountry", cascade="all, delete-orphan", order_by="OpportunityCountry.country"
    )

    @property
    def hs_codes(self) -> list[str]:
        return [link.code for link in self.hs_links]

    @hs_codes.setter
    def hs_codes(self, codes: list[str]) -> None:
        _sync_links(self.hs_links, OpportunityHSCode, "code", codes)

    @property
    def countries(self) -> list[str]:
        return [link.country for link in self.country_links]

    @countries.setter
    def countries(self, codes: list[str]) -> None:
        _sync_links(self.country_links, OpportunityCountry, "country", codes)

    @property
    def is_published(self) -> bool:
        return self.status == OpportunityStatus.PUBLISHED and not self.company.is_hidden


def _sync_links(links: list, model: type, attr: str, values: list[str]) -> None:
    """Make a one-column child collection hold exactly these values (keeping unchanged rows)."""
    wanted = list(dict.fromkeys(values))
    for link in [link for link in links if getattr(link, attr) not in wanted]:
        links.remove(link)
    present = {getattr(link, attr) for link in links}
    links.extend(model(**{attr: v}) for v in wanted if v not in present)


class OpportunityHSCode(db.Model):
    """An HS code the owner gave (2, 4 or 6 digits), one row each so filters use an index."""

    __tablename__ = "opportunity_hs_codes"

    opportunity_id: Mapped[int] = mapped_column(
        ForeignKey("opportunities.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(6), primary_key=True, index=True)


class OpportunityCountry(db.Model):
    """A target market of an offer, or the country where a request's goods or partner are needed."""

    __tablename__ = "opportunity_countries"

    opportunity_id: Mapped[int] = mapped_column(
        ForeignKey("opportunities.id", ondelete="CASCADE"), primary_key=True
    )
    country: Mapped[str] = mapped_column(String(2), primary_key=True, index=True)
