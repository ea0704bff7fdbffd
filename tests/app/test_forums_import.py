"""Importing participants from the registration spreadsheet: preview with per-row errors, then idempotent."""
import io
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from app.accounts.models import User
from app.extensions import db
from app.forums import imports
from app.forums.models import ForumInvitation, Participant
from app.profiles.models import Company
from tests.app.test_forums_factories import english, login_as, make_forum, quick_user

SITE = "https://match.example.kz"
HEADER = "email,name,company,country,kind,company_ref,arrives_slot,leaves_slot,unavailable_slots\n"
GOOD = ("aigerim@example.kz,Aigerim Sadykova,Tobol Astyq,KZ,,,2,,4\n"
        "mehmet@example.com.tr,Mehmet Yilmaz,Anatolia Foods,TR,diaspora,,,3,\n")
BAD = ("not-an-email,Nobody,Nowhere,KZ,,,,,\n"
       "berik@example.kz,Berik,Berik LLP,XX,,,,,\n"
       "aigerim@example.kz,Aigerim again,Tobol Astyq,KZ,,,,,\n"
       "dana@example.kz,Dana,Dana LLP,KZ,trader,missing-ref,3,1,9\n"
       "erlan@example.kz,,,,,,,,\n")


@pytest.fixture
def forum(client):
    forum = make_forum(quick_user("org@example.org", "Organiser", role="organiser"))  # 4 slots
    login_as(client, "org@example.org")
    return forum


@pytest.fixture
def site(app):
    before = app.config["SITE_URL"]
    app.config["SITE_URL"] = SITE
    yield
    app.config["SITE_URL"] = before


def _upload(client, forum, text: str, name: str = "registrations.csv"):
    data = {"file": (io.BytesIO(text.encode()), name)}
    return client.post(f"/forums/{forum.id}/import", data=data, content_type="multipart/form-data")


def _token(page: str) -> str:
    return page.split('name="token" value="')[1].split('"')[0]


def _mails(app) -> list[Path]:
    folder = Path(app.instance_path) / "mail"
    return sorted(folder.glob("*.eml")) if folder.exists() else []


def test_preview_shows_row_errors_and_saves_nothing(app, client, forum):
    mails_before = _mails(app)
    page = _upload(client, forum, HEADER + GOOD + BAD).get_data(as_text=True)
    for message in ("missing or invalid e-mail: not-an-email", "unknown country code: XX",
                    "the e-mail aigerim@example.kz appears twice in the file",
                    "kind must be exporter or diaspora, not trader", "no company with ref missing-ref",
                    "slot 9 is not between 1 and 4", "arrives_slot is after leaves_slot",
                    "a person not yet registered needs name, company and country"):
        assert message in page, message
    assert "2 of 7 rows can be imported" in page
    assert db.session.scalar(select(func.count(Participant.id))) == 0
    assert db.session.scalar(select(User).where(User.email == "aigerim@example.kz")) is None
    assert _mails(app) == mails_before


def test_confirm_registers_new_people_invites_existing_ones_and_is_idempotent(app, client, forum, site):
    existing = quick_user("mehmet@example.com.tr", "Mehmet Yilmaz")
    mails_before = set(_mails(app))  # the instance folder is shared by the whole test session
    page = _upload(client, forum, HEADER + GOOD).get_data(as_text=True)
    assert page.count("invitation mailed") == 2  # the same words with or without an account
    assert "existing account" not in page and "new person" not in page
    client.post(f"/forums/{forum.id}/import/confirm", data={"token": _token(page)})
    people = {p.user.email: p for p in db.session.scalars(select(Participant))}
    assert set(people) == {"aigerim@example.kz"}  # the existing account is invited, not enrolled
    assert people["aigerim@example.kz"].unavailable_slots == [1, 4]  # arrives at slot 2, busy in slot 4
    assert people["aigerim@example.kz"].company.kind == "exporter"
    mails = {m.read_text().split("To: ")[1].split("\n")[0]: m.read_text().replace("=\n", "")
             for m in sorted(set(_mails(app)) - mails_before)}
    assert set(mails) == {"aigerim@example.kz", "mehmet@example.com.tr"}
    assert SITE + "/account/reset/" in mails["aigerim@example.kz"]
    invitation = db.session.scalar(select(ForumInvitation))
    assert (invitation.user_id, invitation.status) == (existing.id, "pending")
    assert f"{SITE}/forums/invitations/{invitation.id}" in mails["mehmet@example.com.tr"]
    # the invited person accepts while logged in: registered as imported
    login_as(client, "mehmet@example.com.tr")
    assert "Anatolia Foods" in client.get(f"/forums/invitations/{invitation.id}").get_data(as_text=True)
    client.post(f"/forums/invitations/{invitation.id}", data={"action": "accept"})
    mehmet = db.session.scalar(select(Participant).where(Participant.user_id == existing.id))
    assert mehmet.unavailable_slots == [4] and mehmet.company.name == "Anatolia Foods"  # leaves after slot 3
    assert mehmet.company.owner_id == existing.id
    # the same file again: availability updated, nothing new, no second mail
    login_as(client, "org@example.org")
    page = _upload(client, forum, HEADER + GOOD).get_data(as_text=True)
    assert page.count("already registered") == 2
    client.post(f"/forums/{forum.id}/import/confirm", data={"token": _token(page)})
    assert db.session.scalar(select(func.count(Participant.id))) == 2
    assert db.session.scalar(select(func.count(User.id))) == 3
    assert db.session.scalar(select(func.count(Company.id))) == 2
    assert len(set(_mails(app)) - mails_before) == 2


def test_invitations_can_be_declined_and_are_private(app, client, forum):
    quick_user("mehmet@example.com.tr", "Mehmet Yilmaz")
    quick_user("nosy@example.org", "Nosy")
    page = _upload(client, forum, HEADER + GOOD).get_data(as_text=True)
    client.post(f"/forums/{forum.id}/import/confirm", data={"token": _token(page)})
    invitation = db.session.scalar(select(ForumInvitation))
    login_as(client, "nosy@example.org")
    assert client.get(f"/forums/invitations/{invitation.id}").status_code == 404
    assert client.post(f"/forums/invitations/{invitation.id}", data={"action": "accept"}).status_code == 404
    login_as(client, "mehmet@example.com.tr")
    assert "You are invited to" in client.get("/forums/").get_data(as_text=True)
    client.post(f"/forums/invitations/{invitation.id}", data={"action": "decline"})
    assert db.session.get(ForumInvitation, invitation.id).status == "declined"
    assert db.session.scalar(select(Participant).join(Participant.user).where(
        User.email == "mehmet@example.com.tr")) is None


def test_company_ref_of_another_owner_is_a_bad_row(client, forum, make_user, make_company):
    make_company(make_user(email="owner@example.org"), name="Owned Flour", ref="kz-owned")
    make_company(db.session.get(User, forum.organiser_id), name="Organiser's Own", ref="kz-organiser")
    make_company(None, name="Nobody's Flour", ref="kz-free")
    text = ("email,name,company_ref\n"
            "a@example.kz,A,kz-owned\nb@example.kz,B,kz-organiser\nc@example.kz,C,kz-free\n")
    page = _upload(client, forum, text).get_data(as_text=True)
    assert "the company kz-owned is managed by another account" in page
    assert "2 of 3 rows can be imported" in page
    client.post(f"/forums/{forum.id}/import/confirm", data={"token": _token(page)})
    attached = {p.user.email: p.company.ref for p in db.session.scalars(select(Participant))}
    assert attached == {"b@example.kz": "kz-organiser", "c@example.kz": "kz-free"}


def test_organisers_cannot_import_into_another_organisers_forum(client, forum):
    quick_user("rival@example.org", "Rival", role="organiser")
    login_as(client, "rival@example.org")
    assert _upload(client, forum, HEADER + GOOD).status_code == 403
    assert client.post(f"/forums/{forum.id}/import/confirm", data={"token": "0" * 32}).status_code == 403


def test_a_preview_is_confirmed_once(client, forum):
    page = _upload(client, forum, HEADER + GOOD).get_data(as_text=True)
    client.post(f"/forums/{forum.id}/import/confirm", data={"token": _token(page)})
    response = client.post(f"/forums/{forum.id}/import/confirm", data={"token": _token(page)},
                           follow_redirects=True)
    assert "no longer available" in response.get_data(as_text=True)
    assert client.post(f"/forums/{forum.id}/import/confirm", data={"token": "../../etc"},
                       follow_redirects=True).status_code == 200


def test_xlsx_with_company_ref(app, client, forum, make_company):
    make_company(None, name="Kostanay Flour", ref="kz-flour-1")
    book = Workbook()
    book.active.append(["email", "name", "company_ref", "unavailable_slots"])
    book.active.append(["miller@example.kz", "Miller", "kz-flour-1", "1; 2"])
    book.active.append(["miller2@example.kz", "Second Miller", "kz-flour-1", 3])
    out = io.BytesIO()
    book.save(out)
    rows = imports.preview(forum, imports.read_rows("list.xlsx", out.getvalue()))
    assert [r.errors for r in rows] == [[], []]  # company_ref stands in for company and country
    assert [r.unavailable for r in rows] == [[1, 2], [3]]
    with app.test_request_context():  # invitation links are absolute URLs
        assert imports.apply_rows(forum, rows) == {"invited": 2, "updated": 0}
    assert {p.company.ref for p in forum.participants} == {"kz-flour-1"}


def test_import_page_upload_rejects_other_files(client, forum):
    response = _upload(client, forum, "{}", name="people.json")
    assert "CSV or XLSX only." in response.get_data(as_text=True)


pytestmark = pytest.mark.usefixtures(english.__name__)
