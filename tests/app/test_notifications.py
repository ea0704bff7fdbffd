"""Notifications: inbox, choices, mails sent by a job, unsubscribe without login, the digest command."""
import re

from sqlalchemy import select

from app.extensions import db
from app.notifications import services
from app.notifications.cli import digest
from app.notifications.models import Notification
from tests.app.test_interest import _mails, mail_texts
from tests.conftest import login


def _clear_mails(app):
    for path in _mails(app):
        path.unlink()


def test_notify_writes_inbox_and_mails_after_commit(app, client, make_user):
    _clear_mails(app)
    user = make_user(locale="ru")
    row = services.notify(user, "meeting_request", "Meeting request from Qazaq Grain", "/forums/1")
    assert row.mail_pending and not _mails(app)  # nothing sent inside the request's transaction
    db.session.commit()
    [mail] = mail_texts(app)
    assert "Meeting request from Qazaq Grain" in mail and "http://localhost:5000/forums/1" in mail
    assert "/notifications/unsubscribe/" in mail
    db.session.refresh(row)
    assert not row.mail_pending and row.mailed_at is not None
    login(client)
    page = client.get("/notifications/").get_data(as_text=True)
    assert "Meeting request from Qazaq Grain" in page and 'class="unread"' in page
    assert services.unread_notifications(user.id) == 0  # seen now


def test_choices_per_kind(client, make_user):
    user = make_user()
    login(client)
    data = {f"{kind}_{channel}": "y" for kind in services.KINDS for channel in ("inbox", "email")}
    del data["message_email"], data["agenda_change_inbox"], data["agenda_change_email"]
    assert client.post("/notifications/settings", data=data).status_code == 302
    choices = services.preferences(user.id)
    assert choices["message"] == services.Choice(inbox=True, email=False)
    assert choices["agenda_change"] == services.Choice(inbox=False, email=False)
    assert choices["deal"] == services.Choice(True, True)
    assert not services.notify(user, "message", "x").mail_pending
    assert services.notify(user, "agenda_change", "moved") is None
    page = client.get("/notifications/settings").get_data(as_text=True)
    assert 'id="message_email"' in page and page.count("checked") == 2 * len(services.KINDS) - 3


def test_unsubscribe_link_works_without_login(app, client, make_user):
    _clear_mails(app)
    user = make_user()
    services.notify(user, "deal", "Deal moved")
    db.session.commit()
    [mail] = mail_texts(app)
    links = re.findall(r"http://localhost:5000(/notifications/unsubscribe/\S+)", mail)
    assert len(links) == 2  # this kind, and all kinds
    page = client.get(links[0])  # nobody logged in
    assert page.status_code == 200 and "Stop mails about" in page.get_data(as_text=True)
    assert services.preferences(user.id)["deal"].email  # opening the link changes nothing (mail scanners)
    done = client.post(links[0])
    assert done.status_code == 200 and "data-done" in done.get_data(as_text=True)
    choices = services.preferences(user.id)
    assert not choices["deal"].email and choices["deal"].inbox and choices["message"].email
    client.post(links[1])
    assert not any(c.email for c in services.preferences(user.id).values())


def test_forged_unsubscribe_token_refused(client, make_user):
    user = make_user()
    token = services.unsubscribe_token(user.id, "deal")
    assert client.get("/notifications/unsubscribe/" + token[:-2] + "xx").status_code == 404
    assert client.post("/notifications/unsubscribe/" + token[:-2] + "xx").status_code == 404
    assert services.preferences(user.id)["deal"].email


def test_inbox_is_private(client, make_user):
    first = make_user()
    make_user(email="other@example.org")
    services.notify(first, "deal", "Secret deal news")
    db.session.commit()
    login(client, "other@example.org")
    assert "Secret deal news" not in client.get("/notifications/").get_data(as_text=True)


def test_text_in_the_recipients_language(app, make_user):
    from flask_babel import lazy_gettext as _l

    user = make_user(locale="ru")
    with app.test_request_context():
        row = services.notify(user, "deal", _l("Settings saved."))
    assert row.text == "Настройки сохранены."


def test_digest_of_new_suggestions(app, embedding_on, make_user, make_company, make_opportunity):
    _clear_mails(app)
    seller = make_company(make_user(email="seller@example.kz", role="exporter"), name="Tobol Diirmen",
                          languages=["kk", "ru", "tr"])
    buyer = make_company(make_user(email="buyer@example.com.tr"), name="Anatolia Un", kind="diaspora",
                         country="TR", sectors=["flour-milling"], description="Istanbul flour importer.")
    make_opportunity(seller, title="Wheat flour first grade", hs_codes=["1101"], countries=["TR"])
    make_opportunity(buyer, kind="request", title="Wheat flour wanted", hs_codes=["1101"], countries=["TR"],
                     description="Wheat flour, first grade, 50 kg bags, 500 t a month, delivery Istanbul.")
    assert digest() == 2
    rows = db.session.scalars(select(Notification).where(Notification.kind == "suggestions")
                              .order_by(Notification.user_id)).all()
    assert "New suggested partners for Tobol Diirmen" in rows[0].text and "Wheat flour wanted" in rows[0].text
    assert digest() == 0  # nothing new since
    make_opportunity(buyer, kind="request", title="Premium flour wanted too", hs_codes=["1101"], countries=["TR"],
                     description="Premium wheat flour in 50 kg bags for Istanbul bakeries.")
    assert digest() == 1


def test_digest_command_mails(app, runner_app, embedding_on, make_user, make_company, make_opportunity):
    _clear_mails(app)
    seller = make_company(make_user(email="seller@example.kz", role="exporter"), name="Tobol Diirmen")
    buyer = make_company(make_user(email="buyer@example.com.tr"), name="Anatolia Un", kind="diaspora",
                         country="TR", description="Istanbul flour importer.")
    make_opportunity(seller, hs_codes=["1101"], countries=["TR"])
    make_opportunity(buyer, kind="request", title="Wheat flour wanted", hs_codes=["1101"], countries=["TR"],
                     description="Wheat flour, first grade, 50 kg bags, delivery Istanbul.")
    db.session.commit()
    result = runner_app.test_cli_runner().invoke(args=["notify", "digest"])
    assert result.exit_code == 0, result.output
    assert "2 digests written; mail: done, 2 mailed" in result.output
    mails = mail_texts(app)
    assert len(mails) == 2 and all("/notifications/unsubscribe/" in m for m in mails)
    assert not any(secret in m for m in mails for secret in ("sales@tobol.example.kz", "+7 714 200 0000"))
