"""Column helpers shared by the domain models."""
from datetime import UTC, datetime

from sqlalchemy import DateTime, Enum
from sqlalchemy.orm import Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow, nullable=False)


def str_enum(enum_class) -> Enum:
    """Store a StrEnum by its value (readable in SQL), as a VARCHAR with a CHECK, the same on every database."""
    return Enum(enum_class, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e],
                validate_strings=True)
