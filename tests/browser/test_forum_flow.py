"""A forum end to end in a real browser: create, request, accept, schedule, agenda and ICS."""
from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from tests.app.test_forums_factories import PASSWORD, quick_user
from tests.browser.conftest import log_in, screenshot

pytestmark = pytest.mark.browser


def _login(page, base: str, email: str) -> None:
    log_in(page, base, email, PASSWORD)


def _join(page, base: str, forum_url: str) -> None:
    page.goto(forum_url)
    page.click("text=Register for this forum")
    page.wait_for_url("**/availability")


def test_forum_from_creation_to_agenda(live_server, page, people, make_company):
    quick_user("organiser@example.org", "Aigerim Bekova", role="organiser")
    exporter = quick_user("exporter@example.kz", "Nurlan Seitkali", role="exporter")
    buyer = quick_user("buyer@example.com.tr", "Erlan Alatas")
    make_company(exporter, name="Tobol Astyq LLP", kind="exporter", country="KZ", sectors=["grain"])
    make_company(buyer, name="Anatolia Foods", kind="diaspora", country="TR", city="Istanbul",
                 sectors=["grain"])

    _login(page, live_server, "organiser@example.org")
    page.goto(f"{live_server}/forums/new")
    page.fill("#name", "Qazaq Business Forum Istanbul")
    page.fill("#city", "Istanbul")
    page.select_option("#country", "TR")
    page.fill("#timezone", "Europe/Istanbul")
    page.fill("#starts_on", "2027-10-14")
    page.fill("#ends_on", "2027-10-14")
    page.fill("#morning_start", "09:30")
    page.fill("#morning_end", "11:00")
    page.fill("#meeting_minutes", "20")
    page.fill("#break_minutes", "5")
    page.fill("#n_tables", "3")
    page.click("#submit")
    page.wait_for_url("**/manage")
    expect(page.locator("main")).to_contain_text("3 slots of 20 minutes")
    forum_url = page.url.removesuffix("/manage")
    page.click("text=Move to: Meeting requests")
    expect(page.locator("main")).to_contain_text("Meeting requests")

    buyer_page, exporter_page = people(), people()
    _login(buyer_page, live_server, "buyer@example.com.tr")
    _join(buyer_page, live_server, forum_url)
    _login(exporter_page, live_server, "exporter@example.kz")
    _join(exporter_page, live_server, forum_url)
    exporter_page.goto(f"{forum_url}/participants")
    expect(exporter_page.locator("main")).to_contain_text("suggested")
    exporter_page.fill("input[name=note]", "Wheat for Istanbul mills")
    exporter_page.click("button:has-text('Request a meeting')")
    expect(exporter_page.locator("main")).to_contain_text("Meeting requested")

    buyer_page.goto(f"{forum_url}/requests")
    expect(buyer_page.locator("main")).to_contain_text("Wheat for Istanbul mills")
    buyer_page.click("button:has-text('Accept')")
    expect(buyer_page.locator("main")).to_contain_text("Meeting accepted")

    page.goto(f"{forum_url}/manage")
    page.click("button:has-text('Run the scheduler')")
    expect(page.locator("main")).to_contain_text("1 meetings scheduled, 0 could not be placed")
    page.click("text=Move to: Agendas published")
    expect(page.locator("main")).to_contain_text("Agendas published")

    exporter_page.goto(forum_url)
    exporter_page.click("text=My agenda")
    for text in ("Anatolia Foods", "Erlan Alatas", "Oct 14, 2027", "Türkiye"):
        expect(exporter_page.locator("main")).to_contain_text(text)
    screenshot(exporter_page, "forum-agenda")
    with exporter_page.expect_download() as download_info:
        exporter_page.click("text=Add to my calendar (ICS)")
    calendar = Calendar.from_ical(Path(download_info.value.path()).read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert "Anatolia Foods" in str(event["SUMMARY"]) and str(event.start.tzinfo) == "Europe/Istanbul"
