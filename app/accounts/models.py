"""User accounts and roles."""
import enum
import hashlib
import hmac
from datetime import datetime

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from app.extensions import db
from app.models_base import TimestampMixin, str_enum


class Role(enum.StrEnum):
    ENTREPRENEUR = "entrepreneur"
    EXPORTER = "exporter"
    ORGANISER = "organiser"
    ADMIN = "admin"


class User(UserMixin, TimestampMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[Role] = mapped_column(str_enum(Role), default=Role.ENTREPRENEUR)
    locale: Mapped[str] = mapped_column(String(5), default="en")
    is_active_account: Mapped[bool] = mapped_column(default=True)
    # set when the user asks for the organiser role at sign-up; only an admin grants it (naive UTC)
    organiser_requested_at: Mapped[datetime | None] = mapped_column(DateTime)

    companies = relationship("Company", back_populates="owner", order_by="Company.id")

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def get_id(self) -> str:
        """What Flask-Login keeps in the session and in a remember cookie: the id and a keyed fingerprint of the
        password hash. A new password (a reset) changes it, so every session opened before is refused."""
        key = current_app.config["SECRET_KEY"].encode()
        fingerprint = hmac.new(key, self.password_hash.encode(), hashlib.sha256).hexdigest()[:20]
        return f"{self.id}:{fingerprint}"

    @property
    def is_active(self) -> bool:  # Flask-Login reads this
        return self.is_active_account

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def is_organiser(self) -> bool:
        return self.role in (Role.ORGANISER, Role.ADMIN)
