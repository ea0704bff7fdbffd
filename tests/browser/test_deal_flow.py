"""From a suggestion to a contract in a real browser: interest, contacts only on mutual interest, a message, a
deal moved to "contract signed", and the admin's dashboard counting it (organisers see only their forums)."""
import pytest
from playwright.sync_api import expect

from tests.app.test_forums_factories import PASSWORD, quick_user
from tests.browser.conftest import log_in, screenshot

pytestmark = pytest.mark.browser
SELLER_EMAIL, SELLER_PHONE = "sales@tobol.example.kz", "+7 714 200 0000"


def _login(page, base: str, email: str) -> None:
    log_in(page, base, email, PASSWORD)


def test_suggestion_to_signed_contract(live_server, page, people, embedding_on, make_company, make_opportunity):
    seller_user = quick_user("seller@example.kz", "Dana Bekova", role="exporter")
    buyer_user = quick_user("buyer@example.com.tr", "Murat Alatas")
    quick_user("admin@example.org", "Aigerim Admin", role="admin")
    seller = make_company(seller_user, name="Tobol Astyq LLP", email=SELLER_EMAIL, phone=SELLER_PHONE)
    buyer = make_company(buyer_user, name="Anatolia Un", kind="diaspora", country="TR", sectors=["flour-milling"],
                         email="buy@anatolia.example.com.tr", description="Istanbul flour importer for bakeries.")
    make_opportunity(seller, title="Wheat flour, first grade", hs_codes=["1101"], countries=["TR"])
    make_opportunity(buyer, kind="request", title="Wheat flour wanted in Istanbul", hs_codes=["1101"],
                     countries=["TR"], description="Wheat flour, first grade, 50 kg bags, 500 t a month.")

    # the buyer finds the seller's offer among their suggestions and expresses interest
    _login(page, live_server, "buyer@example.com.tr")
    suggestion = page.locator("[data-suggestions] li", has_text="Wheat flour, first grade").first
    suggestion.locator("text=Express interest").click()
    page.fill("#note", "We buy 500 t a month.\nCIF Istanbul.")
    page.click("#submit")
    page.wait_for_url("**/deals/interests")
    expect(page.locator("[data-outgoing]")).to_contain_text("no answer yet")
    page.goto(f"{live_server}/companies/{seller.id}")
    assert SELLER_EMAIL not in page.content() and SELLER_PHONE not in page.content()

    # the seller accepts: mutual interest
    seller_page = people()
    _login(seller_page, live_server, "seller@example.kz")
    seller_page.goto(f"{live_server}/deals/interests")
    expect(seller_page.locator("[data-incoming]")).to_contain_text("CIF Istanbul.")
    seller_page.click("[data-incoming] button:has-text('Accept')")
    expect(seller_page.locator(".flash")).to_contain_text("Mutual interest")

    # contacts appear only now, and only to the two parties
    page.goto(f"{live_server}/companies/{seller.id}")
    expect(page.locator(".contacts")).to_contain_text(SELLER_EMAIL)
    expect(page.locator(".contacts")).to_contain_text(SELLER_PHONE)

    # a message, with its line break kept and its markup shown as text
    page.click("nav >> text=Messages")
    page.click("text=Tobol Astyq LLP")
    page.fill("#body", "Hello <b>Dana</b>!\nOur price idea: 310 USD/t.")
    page.click("#submit")
    expect(page.locator(".message .body").last).to_have_text("Hello <b>Dana</b>!\nOur price idea: 310 USD/t.")
    seller_page.goto(f"{live_server}/deals/")
    expect(seller_page.locator("[data-nav-messages] .nav-count")).to_have_text("1")

    # a deal, moved to "contract signed" by the other side
    page.click("text=Open a deal")
    page.fill("#product", "Wheat flour, first grade")
    page.fill("#hs_code", "1101")
    page.fill("#value", "155000")
    page.select_option("#currency", "USD")
    page.fill("#volume", "500 t")
    page.click("#submit")
    expect(page.locator("h1 [data-stage]")).to_have_text("Lead")
    deal_url = page.url
    seller_page.goto(deal_url)
    seller_page.select_option("#stage", "negotiation")
    seller_page.click("text=Change stage")
    seller_page.select_option("#stage", "contract_signed")
    seller_page.click("text=Change stage")
    expect(seller_page.locator("h1 [data-stage]")).to_have_text("Contract signed")
    page.reload()
    expect(page.locator("[data-history] li")).to_have_count(3)
    screenshot(page, "deal")

    # the admin's dashboard counts it, with its charts drawn from the site's own Chart.js
    organiser = people()
    _login(organiser, live_server, "admin@example.org")
    organiser.click("nav >> text=Results")
    expect(organiser.locator('[data-step="contracts"] b')).to_have_text("1")
    expect(organiser.locator('[data-step="mutual"] b')).to_have_text("1")
    expect(organiser.locator('[data-value="USD"] b')).to_have_text("155,000.00")
    expect(organiser.locator("canvas[data-drawn]")).to_have_count(5)
    screenshot(organiser, "analytics")
