"""Account operations: sign-up, authentication, password reset tokens."""
from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select

from app.accounts.models import Role, User
from app.errors import DomainError
from app.extensions import db
from app.mail import external_url, send_mail
from app.models_base import utcnow


def create_user(email: str, password: str, name: str, role: str | Role, locale: str = "en") -> User:
    user = User(email=email.strip().lower(), name=name.strip(), role=Role(role), locale=locale)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def request_organiser_role(user: User) -> None:
    """Note the wish; an admin sees it in the user list and grants the role (or not)."""
    if not user.is_organiser:
        user.organiser_requested_at = utcnow()


def set_organiser(user: User, granted: bool) -> None:
    """Grant or revoke the organiser role. Admins keep theirs; a revoked organiser becomes an entrepreneur."""
    if user.is_admin:
        raise DomainError(_("Admins keep their role."))
    user.role = Role.ORGANISER if granted else Role.ENTREPRENEUR
    user.organiser_requested_at = None
    db.session.flush()


def authenticate(email: str, password: str) -> User | None:
    user = db.session.scalar(select(User).where(User.email == email.strip().lower()))
    if user and user.is_active and user.check_password(password):
        return user
    return None


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="password-reset")


def reset_token(user: User) -> str:
    # The hash fragment makes a token die as soon as the password changes.
    return _serializer().dumps({"id": user.id, "h": user.password_hash[-12:]})


def user_from_reset_token(token: str) -> User | None:
    try:
        data = _serializer().loads(token, max_age=current_app.config["PASSWORD_RESET_MAX_AGE"])
    except (SignatureExpired, BadSignature):
        return None
    user = db.session.get(User, data.get("id"))
    if user is None or user.password_hash[-12:] != data.get("h"):
        return None
    return user


def send_reset_mail(email: str) -> None:
    """Mail a reset link when the account exists; say nothing either way (no account probing)."""
    user = db.session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None:
        return
    link = external_url("accounts.reset_password", token=reset_token(user))
    body = _("Hello %(name)s,\n\nTo choose a new password for Atameken Match, open:\n%(link)s\n\n"
             "The link works for one hour. If you did not ask for it, ignore this mail.", name=user.name, link=link)
    send_mail(user.email, _("Atameken Match: reset your password"), body)
