"""HTTP security headers and the login manager's user loader."""
from flask import Flask, Response

from app.extensions import db, login

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
)


def init_app(app: Flask) -> None:
    login.login_view = "accounts.login"
    login.login_message_category = "info"

    @login.user_loader
    def load_user(user_id: str):
        from app.accounts.models import User

        user = db.session.get(User, int(user_id))
        return user if user and user.is_active else None

    @app.after_request
    def set_headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response
