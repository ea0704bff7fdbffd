"""HTTP security headers and the login manager's user loader."""
import hmac

from flask import Flask, Response

from app.extensions import db, login
from app.params import MAX_ID

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
)


def init_app(app: Flask) -> None:
    login.login_view = "accounts.login"
    login.login_message_category = "info"

    @login.user_loader
    def load_user(session_id: str):
        """The user of a session or remember cookie, unless their password changed since (see User.get_id)."""
        from app.accounts.models import User

        user_id = session_id.partition(":")[0]
        if not (user_id.isdecimal() and int(user_id) <= MAX_ID):
            return None
        user = db.session.get(User, int(user_id))
        if user is None or not user.is_active or not hmac.compare_digest(user.get_id(), session_id):
            return None
        return user

    @app.after_request
    def set_headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response
