"""Paging through search results in a real browser: page 2, 3 and back."""
import pytest
from playwright.sync_api import expect

from app.search_ui import services

pytestmark = pytest.mark.browser


@pytest.fixture
def many_offers(app, make_company, make_opportunity):
    services.backend().clear()
    company = make_company(name="Qostanai Astyq")
    for n in range(app.config["PAGE_SIZE"] * 2 + 3):
        make_opportunity(company, title=f"Wheat flour lot {n}", hs_codes=["1101"])
    yield
    services.backend().clear()


@pytest.mark.parametrize("q", ["flour", '"', "*"])
def test_page_through_search_results(app, live_server, page, many_offers, q):
    page.goto(f"{live_server}/search/")
    page.fill("form.search-big input[name=q]", q)
    page.click("form.search-big button")
    pager = page.locator("nav.pager")
    expect(pager).to_contain_text("Page 1 of 3")
    first = page.locator("article.hit h3").all_inner_texts()
    pager.locator("a[rel=next]").click()
    expect(pager).to_contain_text("Page 2 of 3")
    second = page.locator("article.hit h3").all_inner_texts()
    pager.locator("a[rel=next]").click()
    expect(pager).to_contain_text("Page 3 of 3")
    expect(pager.locator("a[rel=next]")).to_have_count(0)
    total = int(page.get_attribute("[data-total]", "data-total"))  # 43 offers, plus their company for " and *
    assert page.locator("article.hit").count() == total - 2 * app.config["PAGE_SIZE"] > 0
    pager.locator("a[rel=prev]").click()
    expect(pager).to_contain_text("Page 2 of 3")
    assert page.locator("article.hit h3").all_inner_texts() == second
    assert not set(first) & set(second)
    assert page.input_value("form.search-big input[name=q]") == q
