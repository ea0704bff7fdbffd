"""Error handlers in one place: HTML pages for people, JSON for the API."""
from flask import Flask, Response, current_app, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, SecurityError

from app import extensions
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
        413: lambda: _("The upload is too large: at most %(size)s MB can be sent at once.",
                       size=round(current_app.config["MAX_CONTENT_LENGTH"] / 1024 / 1024, 1)),
        429: lambda: _("Too many attempts. Please wait a minute and try again."),
        500: lambda: _("Something went wrong on our side. Please try again."),
    }

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return _render(400, _("The form expired or was not sent from this site. Please try again."))

    @app.errorhandler(SecurityError)
    def untrusted_host(error: SecurityError):
        # a Host outside TRUSTED_HOSTS: no URL can be built for it, so no page with links either
        return Response("Unknown host.", 400, mimetype="text/plain")

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if _wants_json() and getattr(error, "data", None):  # flask-smorest errors keep their details, as JSON
            return extensions.api.handle_http_exception(error)
        text = messages.get(error.code)
        own = error.description != type(error).description  # abort(400, description=...) says what was wrong
        return _render(error.code or 500, error.description if own or not text else text())

    @app.errorhandler(500)
    def server_error(error):
        db.session.rollback()
        return _render(500, messages[500]())
