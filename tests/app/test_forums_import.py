"""Importing participants from the registration spreadsheet: preview with per-row errors, then idempotent."""
import io
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from app.accounts.models import User
from app.extensions import db
from app.forums import imports
from app.forums.models import Participant
from app.profiles.models import Company
from tests.app.test_forums_factories import english, login_as, make_forum, quick_user

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
                    "a new person needs name, company and country"):
        assert message in page, message
    assert "2 of 7 rows can be imported" in page
    assert db.session.scalar(select(func.count(Participant.id))) == 0
    assert db.session.scalar(select(User).where(User.email == "aigerim@example.kz")) is None
    assert _mails(app) == mails_before


def test_confirm_imports_good_rows_and_is_idempotent(app, client, forum, make_company):
    existing = quick_user("mehmet@example.com.tr", "Mehmet Yilmaz")
    mails_before = set(_mails(app))  # the instance folder is shared by the whole test session
    page = _upload(client, forum, HEADER + GOOD).get_data(as_text=True)
    assert "new person, invitation mailed" in page and "existing account, registered" in page
    client.post(f"/forums/{forum.id}/import/confirm", data={"token": _token(page)})
    people = {p.user.email: p for p in db.session.scalars(select(Participant))}
    assert set(people) == {"aigerim@example.kz", "mehmet@example.com.tr"}
    assert people["aigerim@example.kz"].unavailable_slots == [1, 4]  # arrives at slot 2, busy in slot 4
    assert people["mehmet@example.com.tr"].unavailable_slots == [4]  # leaves after slot 3
    assert people["aigerim@example.kz"].company.kind == "exporter"
    assert people["mehmet@example.com.tr"].user_id == existing.id
    assert people["mehmet@example.com.tr"].company.name == "Anatolia Foods"
    mails = sorted(set(_mails(app)) - mails_before)
    assert len(mails) == 1 and "aigerim@example.kz" in mails[0].read_text()
    assert "/account/reset/" in mails[0].read_text()
    # the same file again: nothing new, no second invitation
    page = _upload(client, forum, HEADER + GOOD).get_data(as_text=True)
    assert "already registered" in page
    client.post(f"/forums/{forum.id}/import/confirm", data={"token": _token(page)})
    assert db.session.scalar(select(func.count(Participant.id))) == 2
    assert db.session.scalar(select(func.count(User.id))) == 3
    assert db.session.scalar(select(func.count(Company.id))) == 2
    assert set(_mails(app)) - mails_before == set(mails)


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
        assert imports.apply_rows(forum, rows) == {"created": 2, "registered": 2, "updated": 0}
    assert {p.company.ref for p in forum.participants} == {"kz-flour-1"}


def test_import_page_upload_rejects_other_files(client, forum):
    response = _upload(client, forum, "{}", name="people.json")
    assert "CSV or XLSX only." in response.get_data(as_text=True)


pytestmark = pytest.mark.usefixtures(english.__name__)
