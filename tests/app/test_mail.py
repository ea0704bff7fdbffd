"""Mails: links only on SITE_URL whatever the Host header, one-line headers, and a queue no bad row can block."""
import io
from email import message_from_bytes
from email.policy import default
from pathlib import Path

import pytest
from sqlalchemy import select

from app.extensions import db
from app.mail import header_text
from app.notifications import services
from app.notifications.models import Notification
from tests.app.test_forums_factories import PASSWORD, make_forum, quick_user

SITE = "https://match.example.kz"


@pytest.fixture
def mailbox(app, monkeypatch):
    """The mails written from now on, parsed; links are built on SITE."""
    monkeypatch.setitem(app.config, "SITE_URL", SITE)
    folder = Path(app.instance_path) / "mail"
    before = set(folder.glob("*.eml")) if folder.exists() else set()

    def read():
        new = sorted(set(folder.glob("*.eml")) - before)
        return [message_from_bytes(path.read_bytes(), policy=default) for path in new]
    return read


def _links(mail) -> list[str]:
    return [word for word in mail.get_content().split() if "://" in word]


def test_reset_link_ignores_a_forged_host(client, make_user, mailbox):
    make_user()
    client.post("/account/reset", data={"email": "user@example.org"}, base_url="http://evil.example")
    [mail] = mailbox()
    [link] = _links(mail)
    assert link.startswith(SITE + "/account/reset/")


def test_forum_invitation_link_ignores_a_forged_host(client, mailbox):
    forum = make_forum(quick_user("org@example.org", "Organiser", role="organiser"))
    evil = "http://evil.example"
    client.post("/account/login", data={"email": "org@example.org", "password": PASSWORD}, base_url=evil)
    data = {"file": (io.BytesIO(b"email,name,company,country\nnew@example.kz,Dana,Dana LLP,KZ\n"), "people.csv")}
    page = client.post(f"/forums/{forum.id}/import", data=data, content_type="multipart/form-data",
                       base_url=evil).get_data(as_text=True)
    token = page.split('name="token" value="')[1].split('"')[0]
    client.post(f"/forums/{forum.id}/import/confirm", data={"token": token}, base_url=evil)
    [mail] = mailbox()
    assert _links(mail) and all(link.startswith(SITE + "/") for link in _links(mail))


def test_notification_links_are_on_the_site_address(make_user, mailbox):
    user = make_user()
    services.notify(user, "deal", "Your deal moved", "/deals/1")
    db.session.commit()
    [mail] = mailbox()
    assert len(_links(mail)) == 4 and all(link.startswith(SITE + "/") for link in _links(mail))


@pytest.mark.parametrize("separator", ["\n", "\r\n", "\u2028", "\u2029", "\x85", "\x0b", "\x1c", "\x00"])
def test_header_text_is_one_line(separator):
    assert header_text(f"Qazaq{separator}Grain  LLP") == "Qazaq Grain LLP"


def test_a_name_with_a_line_separator_is_mailed(make_user, mailbox):
    user = make_user(name="Aigerim\u2028Bcc: victim@example.org")
    services.notify(user, "deal", "Deal with Qazaq\u2028Grain\nLLP", "/deals/1")
    db.session.commit()
    [mail] = mailbox()
    assert mail["Subject"] == "Atameken Match: Deal with Qazaq Grain LLP"
    assert mail["Bcc"] is None
    assert db.session.scalar(select(Notification.mailed_at)) is not None


def _failing_for(monkeypatch, email: str, error: Exception):
    real = services.send_mail

    def send(to, subject, body):
        if to == email:
            raise error
        return real(to, subject, body)
    monkeypatch.setattr(services, "send_mail", send)


def test_a_mail_that_keeps_failing_is_parked_and_the_queue_goes_on(app, runner_app, make_user, mailbox, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_MAX_ATTEMPTS", 2)
    bad, good = make_user(email="bad@example.org"), make_user(email="good@example.org")
    _failing_for(monkeypatch, "bad@example.org", ValueError("header value is broken"))
    services.notify(bad, "deal", "first, failing", "/deals/1")
    services.notify(good, "deal", "second, fine", "/deals/2")
    db.session.commit()  # the job runs at once in tests, with retries: the bad row fails twice and is parked
    assert [m["To"] for m in mailbox()] == ["good@example.org"]
    failing = db.session.scalar(select(Notification).where(Notification.user_id == bad.id))
    assert (failing.mail_pending, failing.mail_attempts) == (False, 2)
    assert failing.mail_parked_at is not None and "header value is broken" in failing.mail_error
    services.notify(good, "deal", "third, fine", "/deals/3")
    db.session.commit()
    assert [m["Subject"] for m in mailbox()][-1] == "Atameken Match: third, fine"  # the parked row blocks nothing
    output = app.test_cli_runner().invoke(args=["notify", "status"]).output
    assert "pending: 0; parked: 1" in output and "bad@example.org: 2 attempts" in output
    monkeypatch.undo()  # the cause is fixed: the parked mail goes out
    output = app.test_cli_runner().invoke(args=["notify", "retry-parked"]).output
    assert "1 parked mails queued again; mail: done, 1 mailed" in output


def test_an_unreachable_server_blames_no_mail(app, make_user, mailbox, monkeypatch):
    user = make_user()
    _failing_for(monkeypatch, "user@example.org", ConnectionRefusedError("no SMTP server"))
    services.notify(user, "deal", "Your deal moved", "/deals/1")
    db.session.commit()
    row = db.session.scalar(select(Notification))
    assert (row.mail_pending, row.mail_attempts, row.mail_parked_at) == (True, 0, None)
