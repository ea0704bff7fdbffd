import pytest
from sqlalchemy import select

from app.extensions import db
from app.opportunities.models import Opportunity
from tests.conftest import login

GOOD = {"kind": "offer", "title": "Wheat flour, first grade", "language": "ru",
        "description": "Мука пшеничная первого сорта, мешки 50 кг, FCA Костанай.", "hs_codes": "1101, 110100",
        "countries": ["TR", "UZ"], "quantity": "500", "unit": "t", "incoterms": ["FCA"], "certifications": "ISO 22000"}


@pytest.fixture
def owner_company(client, make_user, make_company):
    owner = make_user()
    company = make_company(owner)
    login(client)
    return company


def test_owner_publishes_offer(client, owner_company):
    response = client.post(f"/opportunities/new?company_id={owner_company.id}", data=GOOD)
    assert response.status_code == 302
    offer = db.session.scalar(select(Opportunity))
    assert offer.hs_codes == ["1101", "110100"] and offer.countries == ["TR", "UZ"] and offer.quantity == 500
    assert offer.certifications == ["ISO 22000"]
    listing = client.get("/opportunities/").get_data(as_text=True)
    assert "Wheat flour, first grade" in listing


@pytest.mark.parametrize("field, value, message", [
    ("title", "", "This field is required."),
    ("hs_codes", "1101, 1234, abc", "Not an HS 2022 code: 1234, abc"),
    ("countries", [], "Choose at least one country."),
    ("quantity", "-3", "Number must be at least 0."),
    ("unit", "", "Give the unit of the quantity."),
])
def test_opportunity_bad_input(client, owner_company, field, value, message):
    response = client.post(f"/opportunities/new?company_id={owner_company.id}", data={**GOOD, field: value})
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert db.session.scalar(select(Opportunity)) is None


def test_close_reopen_and_delete(client, owner_company, make_opportunity):
    offer = make_opportunity(owner_company)
    client.post(f"/opportunities/{offer.id}/status", data={"status": "closed"})
    db.session.refresh(offer)
    assert offer.status == "closed"
    assert "Wheat flour, first grade" not in client.get("/opportunities/").get_data(as_text=True)
    client.post(f"/opportunities/{offer.id}/status", data={"status": "published"})
    offer_id = offer.id
    client.post(f"/opportunities/{offer_id}/delete", data={"confirm": "yes"})
    db.session.expire_all()
    assert db.session.get(Opportunity, offer_id) is None


def test_others_cannot_edit_close_or_delete(client, make_user, make_company, make_opportunity):
    offer = make_opportunity(make_company(make_user(email="owner@example.org")))
    make_user(email="intruder@example.org")
    login(client, "intruder@example.org")
    assert client.get(f"/opportunities/{offer.id}/edit").status_code == 403
    assert client.post(f"/opportunities/{offer.id}/edit", data=GOOD).status_code == 403
    assert client.post(f"/opportunities/{offer.id}/status", data={"status": "closed"}).status_code == 403
    assert client.get(f"/opportunities/{offer.id}/delete").status_code == 403
    assert client.post(f"/opportunities/{offer.id}/delete", data={"confirm": "yes"}).status_code == 403
    db.session.refresh(offer)
    assert offer.status == "published"


def test_closed_opportunity_is_hidden_from_others(client, make_user, make_company, make_opportunity):
    offer = make_opportunity(make_company(make_user(email="owner@example.org")), status="closed")
    offer.status = "closed"
    db.session.commit()
    assert client.get(f"/opportunities/{offer.id}").status_code == 404


def test_detail_has_no_contact_details(client, make_user, make_company, make_opportunity):
    offer = make_opportunity(make_company(make_user(email="owner@example.org")))
    page = client.get(f"/opportunities/{offer.id}").get_data(as_text=True)
    assert "sales@tobol.example.kz" not in page and "+7 714" not in page
    assert "Wheat or meslin flour" in page


def test_the_page_reads_the_opportunity_its_company_codes_and_countries_at_once(app, make_user, make_company,
                                                                                 make_opportunity, count_queries):
    from app.opportunities.services import get_opportunity_or_404

    offer = make_opportunity(make_company(make_user(email="owner@example.org")), hs_codes=["110100"],
                             countries=["TR", "UZ"])
    offer_id = offer.id
    db.session.expunge_all()  # nothing of it left in the session: every read goes to the database
    with count_queries() as statements, app.test_request_context():  # an anonymous visitor
        found = get_opportunity_or_404(offer_id)
        shown = (found.company.name, found.hs_codes, found.countries)
    assert shown[0] and shown[1:] == (["110100"], ["TR", "UZ"])
    assert len(statements) == 1


def test_marketplace_filters(client, make_company, make_opportunity):
    company = make_company()
    make_opportunity(company, title="Flour for Turkey", countries=["TR"], hs_codes=["110100"])
    make_opportunity(company, title="Copper cathodes", kind="offer", countries=["CN"], hs_codes=["7403"])
    page = client.get("/opportunities/?hs=1101&country=tr").get_data(as_text=True)
    assert "Flour for Turkey" in page and "Copper cathodes" not in page
