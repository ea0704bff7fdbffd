"""Absolute links for mails, built from the configured SITE_URL.

Never from the request's Host header: a forged Host would put tokens on another site's address."""
from flask import current_app, url_for


def site_url(endpoint: str, **values) -> str:
    return current_app.config["SITE_URL"].rstrip("/") + url_for(endpoint, **values)
