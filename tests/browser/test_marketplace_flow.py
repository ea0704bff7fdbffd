"""A newcomer signs up, creates a company and an offer, and sees it listed: in a real browser."""
import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


def test_signup_company_offer_listed(live_server, page):
    page.goto(f"{live_server}/account/signup")
    page.fill("#name", "Dana Bekova")
    page.fill("#email", "dana@example.kz")
    page.fill("#password", "qostanai-flour-2027")
    page.fill("#password2", "qostanai-flour-2027")
    page.select_option("#role", "exporter")
    page.select_option("#locale", "en")
    page.click("#submit")
    page.wait_for_url("**/companies/new")

    page.fill("#name", "Qostanai Diirmen LLP")
    page.select_option("#kind", "exporter")
    page.select_option("#country", "KZ")
    page.fill("#city", "Kostanay")
    page.fill("#description", "Flour mill in Kostanay: first-grade and premium wheat flour for export.")
    page.check("input[name=sectors][value=flour-milling]")
    page.check("input[name=languages][value=kk]")
    page.check("input[name=languages][value=ru]")
    page.click("#submit")
    page.wait_for_url("**/companies/*")
    assert "Qostanai Diirmen LLP" in page.inner_text("h1")

    page.click("text=New offer or request")
    page.select_option("#kind", "offer")
    page.fill("#title", "Premium wheat flour, 50 kg bags")
    page.fill("#description", "Премиум мука из пшеницы 3 класса, клейковина 28%, мешки 50 кг, FCA Костанай.")
    page.select_option("#language", "ru")
    page.fill("#hs_codes", "1101")
    page.fill("#quantity", "300")
    page.select_option("#unit", "t")
    page.check("input[name=countries][value=TR]")
    page.check("input[name=countries][value=UZ]")
    page.click("#submit")
    page.wait_for_url("**/opportunities/*")
    assert "Wheat or meslin flour" in page.inner_text("main")

    page.goto(f"{live_server}/opportunities/?hs=1101")
    assert "Premium wheat flour, 50 kg bags" in page.inner_text("main")
    screenshot(page, "marketplace")


def test_form_errors_shown_in_the_browser(live_server, page):
    page.goto(f"{live_server}/account/signup")
    page.fill("#email", "not-an-email")
    page.click("#submit")
    assert "Invalid email address" in page.inner_text("main")


def test_interface_in_kazakh(live_server, page):
    page.goto(f"{live_server}/lang/kk")
    assert page.locator("html").get_attribute("lang") == "kk"


def test_search_as_you_type_and_search_page(live_server, page, make_company, make_opportunity):
    from app.search_ui.services import backend

    backend().clear()
    make_opportunity(make_company(name="Syr Kurish LLP"), title="Күріш, ақ дөңгелек дәнді", language="kk",
                     description="Қызылорда күріші, 25 кг қаптар, FCA Қызылорда.", hs_codes=["1006"])
    page.goto(f"{live_server}/")
    page.fill("header input[name=q]", "kurish")  # Latin letters find the Kazakh Cyrillic listing
    page.wait_for_selector("[data-live-results] li a")
    assert "Күріш" in page.inner_text("[data-live-results]")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search/?q=kurish")
    assert "Күріш" in page.inner_text(".results")
    page.click("a.facet >> text=Kazakh")
    assert "1" in page.inner_text("[data-total]")
    screenshot(page, "search")


def test_suggestions_with_reasons_and_feedback(app, live_server, page, embedding_on, make_user, make_company,
                                               make_opportunity):
    buyer = make_user(email="buyer@example.com.tr", password="istanbul-flour-2027")
    request = make_opportunity(make_company(buyer, name="Anatolia Un", kind="diaspora", country="TR"),
                               kind="request", title="Buğday unu alıyoruz", language="tr", hs_codes=["1101"],
                               description="Birinci sınıf buğday unu, 50 kg çuval, İstanbul teslim.",
                               countries=["TR"])
    make_opportunity(make_company(name="Qostanai Diirmen"), title="Пшеничная мука первого сорта",
                     language="ru", hs_codes=["1101"], countries=["TR"],
                     description="Мука пшеничная первого сорта, мешки 50 кг, поставка в Стамбул.")
    page.goto(f"{live_server}/account/login")
    page.fill("#email", "buyer@example.com.tr")
    page.fill("#password", "istanbul-flour-2027")
    page.click("#submit")
    page.goto(f"{live_server}/opportunities/{request.id}")
    section = page.locator("[data-suggestions]")
    assert "Пшеничная мука первого сорта" in section.inner_text()
    assert "HS 1101" in section.locator(".reasons").first.inner_text() or "Türkiye" in section.inner_text()
    section.locator("button", has_text="Not for me").first.click()
    assert "Пшеничная мука первого сорта" not in page.locator("[data-suggestions]").inner_text()
    screenshot(page, "suggestions")
