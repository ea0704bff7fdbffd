"""The organiser role: asked for at sign-up, granted by an admin; organisers land on their forums and see
their meeting requests and meetings in time order."""
import pytest
from sqlalchemy import select

from app.accounts.models import Role, User
from app.extensions import db
from app.forums import services
from app.forums.models import Meeting, MeetingRequest, RequestStatus
from tests.app.test_forums_factories import add_participants, english, login_as, make_forum, quick_user

SIGNUP = {"name": "Aigerim", "email": "aigerim@example.org", "password": "steppe-wind-2027",
          "password2": "steppe-wind-2027", "role": "entrepreneur", "locale": "en"}
ORGANISER_URLS = ["/analytics/", "/analytics/data.json", "/analytics/funnel.csv", "/forums/new",
                  "/forums/organised"]


def _user(email: str) -> User:
    return db.session.scalar(select(User).where(User.email == email))


def test_signup_cannot_choose_the_organiser_role(client):
    page = client.post("/account/signup", data={**SIGNUP, "role": "organiser"}).get_data(as_text=True)
    assert "Not a valid choice" in page and _user("aigerim@example.org") is None


def test_self_registered_organiser_request_opens_nothing_until_an_admin_grants_it(client):
    client.post("/account/signup", data={**SIGNUP, "wants_organiser": "y"})
    user = _user("aigerim@example.org")
    assert user.role == Role.ENTREPRENEUR and user.organiser_requested_at is not None
    for url in ORGANISER_URLS:
        assert client.get(url).status_code == 403, url
    forum = make_forum(quick_user("org@example.org", "Organiser", role="organiser"))
    assert client.get(f"/forums/{forum.id}/import").status_code == 403
    assert client.post("/admin/users/1/organiser", data={"action": "grant"}).status_code == 403

    quick_user("admin@example.org", "Admin", role="admin")
    login_as(client, "admin@example.org")
    page = client.get("/admin/users").get_data(as_text=True)
    assert page.index("aigerim@example.org") < page.index("org@example.org")  # requests come first
    assert "asks for organiser access" in page
    client.post(f"/admin/users/{user.id}/organiser", data={"action": "grant"})
    assert _user("aigerim@example.org").role == Role.ORGANISER
    assert _user("aigerim@example.org").organiser_requested_at is None

    client.post("/account/logout")
    client.post("/account/login", data={"email": "aigerim@example.org", "password": SIGNUP["password"]})
    for url in ORGANISER_URLS:
        assert client.get(url).status_code == 200, url
    assert client.get(f"/forums/{forum.id}/import").status_code == 403  # someone else's forum still

    login_as(client, "admin@example.org")
    client.post(f"/admin/users/{user.id}/organiser", data={"action": "revoke"})
    assert _user("aigerim@example.org").role == Role.ENTREPRENEUR
    admin = _user("admin@example.org")
    client.post(f"/admin/users/{admin.id}/organiser", data={"action": "revoke"})
    assert _user("admin@example.org").role == Role.ADMIN


def test_organisers_land_on_their_forums(client):
    organiser = quick_user("org@example.org", "Organiser", role="organiser")
    mine = make_forum(organiser, name="Istanbul Days")
    make_forum(quick_user("rival@example.org", "Rival", role="organiser"), name="Rival Days")
    response = login_as(client, "org@example.org")
    assert response.location.endswith("/forums/organised")
    page = client.get("/forums/organised").get_data(as_text=True)
    assert "Istanbul Days" in page and "Rival Days" not in page
    assert f"/forums/{mine.id}/manage" in page
    assert client.get("/dashboard").location.endswith("/forums/organised")  # no company profile needed


def test_organiser_lists_meeting_requests_with_filters(client, make_user, make_company):
    forum = make_forum(quick_user("org@example.org", "Organiser", role="organiser"))
    a, b, c = add_participants(forum, make_user, make_company, 3)
    services.request_meeting(a, b, "grain talk")
    declined = services.request_meeting(c, a)
    services.answer_request(declined, accept=False)
    db.session.commit()
    url = f"/forums/{forum.id}/manage/requests"
    quick_user("rival@example.org", "Rival", role="organiser")
    login_as(client, "rival@example.org")
    assert client.get(url).status_code == 403
    login_as(client, "org@example.org")
    page = client.get(url).get_data(as_text=True)
    assert "grain talk" in page and "declined" in page and "waiting for an answer" in page
    page = client.get(url + "?status=declined").get_data(as_text=True)
    assert "Company 2" in page and "grain talk" not in page
    page = client.get(url + "?q=company 1").get_data(as_text=True)
    assert "grain talk" in page and page.count("<tr><td>") == 1
    assert client.get(url + "?status=bogus").status_code == 400
    assert db.session.scalar(select(db.func.count(MeetingRequest.id)).where(
        MeetingRequest.status == RequestStatus.REQUESTED)) == 1


def test_manage_lists_meetings_by_slot_and_table(client, make_user, make_company):
    forum = make_forum(quick_user("org@example.org", "Organiser", role="organiser"))
    people = add_participants(forum, make_user, make_company, 6)
    places = [(3, 1), (1, 2), None, (1, 1)]
    for (p1, p2), place in zip([(0, 1), (2, 3), (4, 5), (0, 3)], places, strict=True):
        meeting = services.add_meeting(people[p1], people[p2])
        meeting.slot, meeting.table = place or (None, None)
    db.session.commit()
    login_as(client, "org@example.org")
    page = client.get(f"/forums/{forum.id}/manage").get_data(as_text=True)
    rows = page.split("<tbody>")[-1].split("</tbody>")[0].split("<tr")[1:]
    cells = [[c.split("</td>")[0].strip()[:1] for c in row.split("<td>")[1:3]] for row in rows]
    assert cells == [["1", "1"], ["1", "2"], ["3", "1"], ["—", "—"]]  # by slot, then table
    assert [(m.slot, m.table) for m in services.meetings_in_order(forum)] == [(1, 1), (1, 2), (3, 1), (None, None)]
    assert db.session.scalar(select(db.func.count(Meeting.id))) == 4



def test_set_role_command_makes_the_first_admin(runner_app):
    quick_user("first@example.org", "First")
    result = runner_app.test_cli_runner().invoke(args=["users", "set-role", "First@example.org", "admin"])
    assert result.exit_code == 0 and "first@example.org is now admin" in result.output
    assert _user("first@example.org").role == Role.ADMIN
    result = runner_app.test_cli_runner().invoke(args=["users", "set-role", "nobody@example.org", "admin"])
    assert result.exit_code != 0 and "no account" in result.output


pytestmark = pytest.mark.usefixtures(english.__name__)


@pytest.mark.parametrize("page", ["99999999999999999999", "abc"])
def test_new_list_pages_answer_400_for_a_bad_page(client, page):
    forum = make_forum(quick_user("org@example.org", "Organiser", role="organiser"))
    quick_user("admin@example.org", "Admin", role="admin")
    login_as(client, "org@example.org")
    response = client.get(f"/forums/{forum.id}/manage/requests?page={page}")
    assert response.status_code == 400 and "page must be a number" in response.get_data(as_text=True)
    login_as(client, "admin@example.org")
    response = client.get(f"/admin/users?page={page}")
    assert response.status_code == 400 and "page must be a number" in response.get_data(as_text=True)
