"""Outgoing mail: SMTP when MAIL_SERVER is set, otherwise written to the instance folder."""
import smtplib
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

from flask import current_app


def send_mail(to: str, subject: str, body: str) -> EmailMessage:
    """Send one plain-text mail; in the embedded default nothing leaves the machine."""
    config = current_app.config
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = config["MAIL_SENDER"], to, subject
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
