"""Claiming an imported company in a real browser: the suggestion says it cannot be contacted yet, one person
confirms by the link mailed to the company, another is approved from the admin queue."""
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.app.test_forums_factories import PASSWORD, quick_user
from tests.browser.conftest import log_in, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def site(app, live_server):
    before = app.config["SITE_URL"]
    app.config["SITE_URL"] = live_server  # mailed links point at the test server
    yield
    app.config["SITE_URL"] = before


def _claim_link(app, to: str) -> str:
    mails = [m.read_text() for m in sorted((Path(app.instance_path) / "mail").glob("*.eml"))]
    mail = [m for m in mails if f"To: {to}" in m][-1].replace("=\n", "")
    return re.search(r"http://\S+/claims/confirm/\S+", mail).group(0)


def test_claim_by_mail_and_by_admin(app, live_server, site, page, people, embedding_on, make_company,
                                    make_opportunity):
    buyer = make_company(quick_user("aida@example.com.tr", "Aida Nurlanqyzy"), name="Anatolia Un",
                         kind="diaspora", country="TR", sectors=["flour-milling"],
                         description="Istanbul flour importer for bakeries.")
    make_opportunity(buyer, kind="request", title="Wheat flour wanted in Istanbul", hs_codes=["1101"],
                     countries=["TR"], description="Wheat flour, first grade, 50 kg bags, 500 t a month.")
    mill = make_company(None, name="Kostanay Flour Mill", email="office@kostanay-flour.kz", ref="kz-mill")
    make_opportunity(mill, title="Wheat flour, first grade", hs_codes=["1101"], countries=["TR"])
    bakery = make_company(None, name="Almaty Bakery Supply", email="", ref="kz-bakery")
    quick_user("berik@example.kz", "Berik Sadyq")
    quick_user("admin@example.org", "Admin", role="admin")

    # a suggestion of an imported company says plainly that it cannot be contacted yet
    log_in(page, live_server, "aida@example.com.tr", PASSWORD)
    suggestion = page.locator("[data-suggestions] li", has_text="Wheat flour, first grade").first
    expect(suggestion.locator("[data-no-owner]")).to_contain_text("Cannot be contacted yet")
    expect(suggestion.locator("text=Express interest")).to_have_count(0)

    # the mill's director claims it; the link goes to the mill's own address
    mill_page = people()
    quick_user("director@kostanay-flour.kz", "Director")
    log_in(mill_page, live_server, "director@kostanay-flour.kz", PASSWORD)
    mill_page.goto(f"{live_server}/companies/{mill.id}")
    expect(mill_page.locator("[data-no-owner]")).to_contain_text("cannot be contacted yet")
    mill_page.click("text=This is my company: claim it")
    expect(mill_page.locator("main")).to_contain_text("o…@kostanay-flour.kz")
    mill_page.check("input[value=email]")
    mill_page.click("#submit")
    expect(mill_page.locator("main")).to_contain_text("We sent a confirmation link")
    mill_page.goto(_claim_link(app, "office@kostanay-flour.kz"))
    mill_page.click("text=Confirm: I manage this company")
    expect(mill_page.locator("main")).to_contain_text("you now manage Kostanay Flour Mill")
    expect(mill_page.locator("main a.button", has_text="Edit")).to_be_visible()

    # the buyer can now express interest in the mill
    page.goto(f"{live_server}/companies/{mill.id}")
    expect(page.locator("a.button", has_text="Express interest")).to_be_visible()

    # the bakery has no e-mail on file: Berik asks an admin, who approves from the queue
    berik = people()
    log_in(berik, live_server, "berik@example.kz", PASSWORD)
    berik.goto(f"{live_server}/claims/company/{bakery.id}")
    expect(berik.locator("input[value=email]")).to_have_count(0)
    berik.fill("#note", "I am the owner; call +7 727 000 0000")
    berik.click("#submit")
    expect(berik.locator("main")).to_contain_text("waiting for an admin")
    admin = people()
    log_in(admin, live_server, "admin@example.org", PASSWORD)
    admin.goto(f"{live_server}/admin/claims")
    row = admin.locator("tr", has_text="Almaty Bakery Supply")
    expect(row).to_contain_text("call +7 727 000 0000")
    row.locator("button", has_text="Approve").click()
    expect(admin.locator("main")).to_contain_text("No claims are waiting.")
    screenshot(admin, "claim-queue")
    berik.goto(f"{live_server}/companies/{bakery.id}")
    expect(berik.locator("main a.button", has_text="Edit")).to_be_visible()
