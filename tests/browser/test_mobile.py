"""A 390 px wide phone: no page scrolls sideways and the header leaves room for the page."""
import pytest

from app.forums import scheduling, services
from app.forums.models import ForumStage
from app.search_ui import services as search
from tests.app.test_forums_factories import PASSWORD, add_participants, make_forum, quick_user
from tests.browser.conftest import log_in, screenshot

pytestmark = pytest.mark.browser
WIDTH, HEADER_MAX = 390, 120


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="en-GB", viewport={"width": WIDTH, "height": 844}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def forum_with_agenda(make_company, make_opportunity):
    """A published forum: three participants, two meetings; listings to search for."""
    search.backend().clear()
    forum = make_forum(quick_user("org@example.org", "Aigerim Organiser", role="organiser"))
    people = add_participants(forum, None, make_company, 3)
    for x, y in ((0, 1), (1, 2)):
        services.add_meeting(people[x], people[y])
    scheduling.schedule_forum(forum, time_limit=5)
    forum.stage = ForumStage.SCHEDULED
    for n in range(25):
        make_opportunity(people[0].company, title=f"Premium wheat flour, 50 kg bags, lot {n}", hs_codes=["1101"],
                         countries=["TR", "UZ", "CN"])
    yield forum
    search.backend().clear()


def _misfits(page, name: str) -> list[str]:
    """What does not fit on this page (empty when all is well); a screenshot to look at either way."""
    screenshot(page, f"mobile-{name}")
    width = page.evaluate("document.documentElement.scrollWidth")
    header = page.evaluate("document.querySelector('header.top').getBoundingClientRect().height")
    return ([f"{name}: the page is {width} px wide"] if width > WIDTH else []) + (
        [f"{name}: the header is {header} px high"] if header > HEADER_MAX else [])


def test_pages_fit_a_phone(live_server, phone, forum_with_agenda):
    forum_id = forum_with_agenda.id
    phone.goto(f"{live_server}/search/?q=wheat+flour")
    problems = _misfits(phone, "search")
    log_in(phone, live_server, "p1@example.org", PASSWORD)
    problems += _misfits(phone, "dashboard")
    phone.goto(f"{live_server}/forums/{forum_id}/agenda")
    problems += _misfits(phone, "agenda")
    phone.context.clear_cookies()
    log_in(phone, live_server, "org@example.org", PASSWORD)
    for name, path in (("manage", f"/forums/{forum_id}/manage"), ("analytics", "/analytics/"),
                       ("grid", f"/forums/{forum_id}/grid"), ("participants", f"/forums/{forum_id}/participants")):
        phone.goto(f"{live_server}{path}")
        problems += _misfits(phone, name)
    assert not problems


def test_menu_opens_on_a_phone(live_server, phone):
    phone.goto(f"{live_server}/")
    nav = phone.locator("header.top nav")
    assert not nav.is_visible()
    phone.click("header.top .menu-toggle")
    assert nav.is_visible() and phone.locator("header.top nav >> text=Forums").is_visible()
