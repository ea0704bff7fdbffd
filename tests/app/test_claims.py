"""Claiming imported companies that have no owner: by a mailed link or through the admin queue."""
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from app.claims import services
from app.claims.models import ClaimStatus, CompanyClaim
from app.extensions import db
from app.profiles.models import Company
from tests.app.test_forums_factories import english, login_as, quick_user

SITE = "https://match.example.kz"


@pytest.fixture
def site(app):
    before = app.config["SITE_URL"]
    app.config["SITE_URL"] = SITE
    yield
    app.config["SITE_URL"] = before


@pytest.fixture
def orphan(make_company):
    return make_company(None, name="Kostanay Flour", email="office@kostanay-flour.kz", ref="kz-flour-1")


def _last_mail(app, to: str) -> str:
    mails = sorted((Path(app.instance_path) / "mail").glob("*.eml"))
    texts = [m.read_text() for m in mails if f"To: {to}" in m.read_text()]
    assert texts, f"no mail to {to}"
    return texts[-1]


def _link(mail: str) -> str:
    return re.search(r"https?://\S+/claims/confirm/\S+", mail.replace("=\n", "")).group(0)


def test_company_without_owner_says_it_cannot_be_contacted(client, orphan):
    page = client.get(f"/companies/{orphan.id}").get_data(as_text=True)
    assert "cannot be contacted yet" in page and "Express interest" not in page
    quick_user("aida@example.org", "Aida")
    login_as(client, "aida@example.org")
    page = client.get(f"/companies/{orphan.id}").get_data(as_text=True)
    assert f"/claims/company/{orphan.id}" in page
    response = client.get(f"/deals/interest/new?company_id={orphan.id}")
    assert response.status_code == 302 and response.location.endswith(f"/companies/{orphan.id}")


def test_claim_by_mailed_link_makes_the_claimant_owner(app, client, site, orphan):
    aida = quick_user("aida@example.org", "Aida")
    login_as(client, "aida@example.org")
    response = client.post(f"/claims/company/{orphan.id}", data={"method": "email"})
    assert response.status_code == 302
    mail = _last_mail(app, "office@kostanay-flour.kz")
    link = _link(mail)
    assert link.startswith(SITE + "/claims/confirm/")  # the configured address, not the request's host
    path = link.removeprefix(SITE)
    assert "Confirm: I manage this company" in client.get(path).get_data(as_text=True)
    assert db.session.get(Company, orphan.id).owner_id is None  # opening the link changes nothing
    client.post(path)
    assert db.session.get(Company, orphan.id).owner_id == aida.id
    assert db.session.scalar(select(CompanyClaim)).status == ClaimStatus.APPROVED


def test_mailed_link_only_works_for_the_claimant_and_not_after_expiry(app, client, site, orphan):
    quick_user("aida@example.org", "Aida")
    quick_user("other@example.org", "Other")
    login_as(client, "aida@example.org")
    client.post(f"/claims/company/{orphan.id}", data={"method": "email"})
    path = _link(_last_mail(app, "office@kostanay-flour.kz")).removeprefix(SITE)
    login_as(client, "other@example.org")
    page = client.post(path, follow_redirects=True).get_data(as_text=True)
    assert "Log in with the account that claimed the company" in page
    assert db.session.get(Company, orphan.id).owner_id is None
    login_as(client, "aida@example.org")
    tampered = path[:-3] + ("AAA" if not path.endswith("AAA") else "BBB")
    assert "not valid" in client.post(tampered, follow_redirects=True).get_data(as_text=True)
    app.config["CLAIM_LINK_MAX_AGE"] = -1
    try:
        assert "expired" in client.post(path, follow_redirects=True).get_data(as_text=True)
    finally:
        app.config["CLAIM_LINK_MAX_AGE"] = 3 * 24 * 3600
    assert db.session.get(Company, orphan.id).owner_id is None


def test_admin_queue_approves_one_claim_and_rejects_the_rest(client, orphan):
    aida, berik = quick_user("aida@example.org", "Aida"), quick_user("berik@example.org", "Berik")
    quick_user("admin@example.org", "Admin", role="admin")
    for email in ("aida@example.org", "berik@example.org"):
        login_as(client, email)
        page = client.post(f"/claims/company/{orphan.id}", data={"method": "admin", "note": ""}).get_data(
            as_text=True)
        assert "Tell the admin how you are connected" in page  # the evidence is required
        client.post(f"/claims/company/{orphan.id}", data={"method": "admin", "note": f"I am {email}, director"})
    assert client.get("/admin/claims").status_code == 403
    assert client.post("/admin/claims/1", data={"action": "approve"}).status_code == 403
    login_as(client, "admin@example.org")
    assert "berik@example.org, director" in client.get("/admin/claims").get_data(as_text=True)
    claim = db.session.scalar(select(CompanyClaim).where(CompanyClaim.user_id == berik.id))
    client.post(f"/admin/claims/{claim.id}", data={"action": "approve"})
    assert db.session.get(Company, orphan.id).owner_id == berik.id
    statuses = {c.user_id: c.status for c in db.session.scalars(select(CompanyClaim))}
    assert statuses == {berik.id: ClaimStatus.APPROVED, aida.id: ClaimStatus.REJECTED}
    assert "No claims are waiting." in client.get("/admin/claims").get_data(as_text=True)


def test_owned_companies_and_duplicate_claims_are_refused(client, make_user, make_company, orphan):
    owned = make_company(make_user(email="owner@example.org"), name="Owned LLP")
    quick_user("aida@example.org", "Aida")
    login_as(client, "aida@example.org")
    page = client.post(f"/claims/company/{owned.id}", data={"method": "admin", "note": "mine"},
                       follow_redirects=True).get_data(as_text=True)
    assert "already has an owner" in page
    client.post(f"/claims/company/{orphan.id}", data={"method": "admin", "note": "director"})
    page = client.post(f"/claims/company/{orphan.id}", data={"method": "admin", "note": "again"},
                       follow_redirects=True).get_data(as_text=True)
    assert "waiting for verification" in page
    assert db.session.scalar(select(db.func.count(CompanyClaim.id))) == 1


def test_confirmation_links_a_day_are_capped(client, make_company):
    quick_user("aida@example.org", "Aida")
    login_as(client, "aida@example.org")
    companies = [make_company(None, name=f"Mill {i}", email=f"mill{i}@example.kz") for i in range(6)]
    for company in companies:
        page = client.post(f"/claims/company/{company.id}", data={"method": "email"},
                           follow_redirects=True).get_data(as_text=True)
    assert "enough confirmation links for today" in page
    assert db.session.scalar(select(db.func.count(CompanyClaim.id))) == services.MAILED_CLAIMS_A_DAY


def test_contactable_knows_which_suggestions_have_an_owner(make_user, make_company, make_opportunity, orphan):
    owned = make_company(make_user(email="owner@example.org"), name="Owned LLP")
    offer, orphan_offer = make_opportunity(owned), make_opportunity(orphan)
    keys = [("company", owned.id), ("company", orphan.id), ("opportunity", offer.id),
            ("opportunity", orphan_offer.id)]
    assert services.contactable(keys) == {("company", owned.id), ("opportunity", offer.id)}


pytestmark = pytest.mark.usefixtures(english.__name__)
