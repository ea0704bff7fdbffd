import pytest
from sqlalchemy import select

from app.extensions import db
from app.profiles.models import Company
from tests.conftest import login

GOOD = {"name": "Anatolia Un Ithalat", "kind": "diaspora", "country": "TR", "city": "Istanbul",
        "sectors": ["flour-milling"], "languages": ["tr", "kk"], "description": "Flour importer serving bakeries.",
        "email": "info@anatolia.example.com.tr", "phone": "+90 212 000 00 00", "website": "https://anatolia.example"}


def test_owner_creates_company(client, make_user):
    make_user()
    login(client)
    response = client.post("/companies/new", data=GOOD)
    company = db.session.scalar(select(Company))
    assert response.status_code == 302 and company.name == GOOD["name"] and company.sectors == ["flour-milling"]


@pytest.mark.parametrize("field, value, message", [
    ("name", "", "This field is required."),
    ("country", "", "This field is required."),
    ("email", "nope", "Invalid email address."),
    ("website", "ftp://x.example", "Start with http:// or https://"),
    ("phone", "call me", "Digits, spaces and + ( ) - only."),
    ("description", "short", "Field must be between 20 and 5000 characters long."),
])
def test_company_form_bad_input(client, make_user, field, value, message):
    make_user()
    login(client)
    response = client.post("/companies/new", data={**GOOD, field: value})
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert db.session.scalar(select(Company)) is None


def test_other_user_cannot_edit_or_delete(client, make_user, make_company):
    owner = make_user(email="owner@example.org")
    company = make_company(owner)
    make_user(email="intruder@example.org")
    login(client, "intruder@example.org")
    assert client.get(f"/companies/{company.id}/edit").status_code == 403
    assert client.post(f"/companies/{company.id}/edit", data=GOOD).status_code == 403
    assert client.get(f"/companies/{company.id}/delete").status_code == 403
    assert client.post(f"/companies/{company.id}/delete", data={"confirm": "yes"}).status_code == 403
    assert db.session.get(Company, company.id).name == "Tobol Astyq LLP"


def test_contacts_shown_to_owner_only(client, make_user, make_company):
    owner = make_user(email="owner@example.org")
    company = make_company(owner)
    assert "sales@tobol.example.kz" not in client.get(f"/companies/{company.id}").get_data(as_text=True)
    make_user(email="other@example.org")
    login(client, "other@example.org")
    assert "sales@tobol.example.kz" not in client.get(f"/companies/{company.id}").get_data(as_text=True)
    client.post("/account/logout")
    login(client, "owner@example.org")
    assert "sales@tobol.example.kz" in client.get(f"/companies/{company.id}").get_data(as_text=True)


def test_admin_verifies_and_hides(client, make_user, make_company):
    company = make_company(make_user(email="owner@example.org"))
    make_user(email="admin@example.org", role="admin")
    make_user(email="plain@example.org")
    login(client, "plain@example.org")
    assert client.post(f"/admin/companies/{company.id}", data={"action": "verify"}).status_code == 403
    client.post("/account/logout")
    login(client, "admin@example.org")
    client.post(f"/admin/companies/{company.id}", data={"action": "verify"})
    client.post(f"/admin/companies/{company.id}", data={"action": "hide"})
    db.session.refresh(company)
    assert company.is_verified and company.is_hidden
    client.post("/account/logout")
    assert client.get(f"/companies/{company.id}").status_code == 404
