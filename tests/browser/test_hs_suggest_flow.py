"""The offer form's HS suggestions in a real browser: ask, pick a code, and it lands in the HS codes box."""
import pytest

from tests.browser.conftest import log_in, screenshot

pytestmark = pytest.mark.browser


def test_suggested_code_is_added_to_the_form(live_server, page, make_user, make_company):
    company = make_company(make_user(email="hs@example.kz"))
    log_in(page, live_server, "hs@example.kz", "correct horse battery")
    page.goto(f"{live_server}/opportunities/new?company_id={company.id}")
    page.fill("#title", "Wheat or meslin flour")
    page.fill("#description", "Wheat flour, first grade, 50 kg bags.")
    page.fill("#hs_codes", "1001")
    with page.expect_request(lambda request: "/api/v1/hs/suggest" in request.url) as asked:
        page.click("text=Suggest HS codes from the title and description")
    assert "title=Wheat%20or%20meslin%20flour" in asked.value.url  # the title's words, apart from the meaning
    page.wait_for_selector("[data-hs-suggest] ul button")
    # a heading backed by a goods name of the index says which ("1101 · ... (wheat flour)")
    assert any(text.endswith("(wheat flour)") for text in page.locator("[data-hs-suggest] ul button").all_inner_texts())
    first = page.locator("[data-hs-suggest] ul button").first
    code = first.inner_text().split(" ")[0]
    first.click()
    assert page.input_value("#hs_codes") == f"1001, {code}"
    screenshot(page, "hs_suggest")
