"""Counters of suggestions shown, one row per day and company shown them (cheap to write, enough to report)."""
from datetime import date

from sqlalchemy import Date, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db


class SuggestionImpression(db.Model):
    __tablename__ = "suggestion_impressions"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"), primary_key=True,
                                            index=True)
    shown: Mapped[int] = mapped_column(default=0)
