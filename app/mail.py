"""Outgoing mail: SMTP when MAIL_SERVER is set, otherwise written to the instance folder.

Links in mails are built from SITE_URL only (`external_url`): the Host header of the request that caused a mail
is chosen by the client, and a reset token must never travel to an address an attacker picked."""
import smtplib
import unicodedata
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

from flask import current_app, url_for


def external_url(endpoint: str, **values) -> str:
    """An absolute link to `endpoint` on the site's public address (SITE_URL), for mails."""
    with current_app.test_request_context(base_url=current_app.config["SITE_URL"]):
        return url_for(endpoint, _external=True, **values)


def header_text(value: str) -> str:
    """One line for a mail header: every line break (also U+2028, U+2029, U+0085) and control character becomes
    a space. Names are chosen by users, and a line break in a header would raise, or start a header of its own."""
    visible = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in value)
    return " ".join(visible.split())  # str.split() splits on every Unicode line separator too


def send_mail(to: str, subject: str, body: str) -> EmailMessage:
    """Send one plain-text mail; in the embedded default nothing leaves the machine."""
    config = current_app.config
    msg = EmailMessage()
    msg["From"], msg["To"] = header_text(config["MAIL_SENDER"]), header_text(to)
    msg["Subject"] = header_text(subject)
    msg.set_content(body)
    if config.get("MAIL_SERVER"):
        with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=20) as smtp:
            if config["MAIL_USE_TLS"]:
                smtp.starttls()
            if config.get("MAIL_USERNAME"):
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
            smtp.send_message(msg)
    else:
        folder = Path(current_app.instance_path) / "mail"
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        (folder / f"{stamp}.eml").write_bytes(bytes(msg))
        current_app.logger.info("mail to %s written to %s", to, folder)
    return msg
