"""Error handlers in one place: HTML pages for people, JSON for the API."""
from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from app.extensions import db


class DomainError(Exception):
    """A rule of the product was broken; the message is shown to the user."""


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _render(code: int, message: str):
    if _wants_json():
        return jsonify({"code": code, "message": message}), code
    return render_template("errors/error.html", code=code, message=message), code


def init_app(app: Flask) -> None:
    messages = {
        400: lambda: _("The request could not be understood."),
        403: lambda: _("You do not have access to this page."),
        404: lambda: _("This page does not exist."),
        429: lambda: _("Too many attempts. Please wait a minute and try again."),
        500: lambda: _("Something went wrong on our side. Please try again."),
    }

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return _render(400, _("The form expired or was not sent from this site. Please try again."))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        text = messages.get(error.code)
        message = text() if text else error.description
        details = getattr(error, "data", None) or {}
        if _wants_json() and "messages" in details:  # API argument errors (webargs) say which argument and why
            return jsonify({"code": error.code, "message": message, "errors": details["messages"]}), error.code
        return _render(error.code or 500, message)

    @app.errorhandler(500)
    def server_error(error):
        db.session.rollback()
        return _render(500, messages[500]())
