"""Forum pages over HTTP: organiser-only access, creating, joining, requests, agenda, ICS, exports, outcomes."""
import csv
import io
import os
import time
from datetime import timedelta

import pytest
from icalendar import Calendar
from openpyxl import load_workbook
from sqlalchemy import select

from app.config import Config, ProductionConfig
from app.extensions import db
from app.forums import scheduling, services
from app.forums.models import Forum, ForumStage, Meeting, MeetingRequest, Participant, RequestStatus
from app.models_base import utcnow
from tests.app.test_forums_factories import add_participants, login_as, make_forum, quick_user

ORGANISER_PAGES = [("get", "/forums/{id}/manage"), ("get", "/forums/{id}/edit"), ("post", "/forums/{id}/edit"),
                   ("get", "/forums/{id}/import"), ("post", "/forums/{id}/import/confirm"),
                   ("post", "/forums/{id}/schedule"), ("post", "/forums/{id}/stage"),
                   ("post", "/forums/{id}/meetings"), ("post", "/forums/{id}/lock"),
                   ("post", "/forums/{id}/sessions"), ("get", "/forums/{id}/grid"),
                   ("get", "/forums/{id}/grid?cards=1"), ("get", "/forums/{id}/programme.csv"),
                   ("get", "/forums/{id}/programme.xlsx")]


@pytest.fixture
def forum(make_user):
    return make_forum(quick_user("org@example.org", "Organiser", role="organiser"))


@pytest.mark.parametrize("method, path", ORGANISER_PAGES + [("get", "/forums/new"), ("post", "/forums/new")])
def test_organiser_pages_refuse_participants(client, forum, method, path):
    quick_user("someone@example.org", "Someone", role="exporter")
    login_as(client, "someone@example.org")
    assert getattr(client, method)(path.format(id=forum.id)).status_code == 403


@pytest.mark.parametrize("method, path", ORGANISER_PAGES)
def test_organiser_pages_refuse_other_organisers(client, forum, method, path):
    quick_user("rival@example.org", "Rival", role="organiser")
    login_as(client, "rival@example.org")
    assert getattr(client, method)(path.format(id=forum.id)).status_code == 403


def test_organiser_pages_need_login_and_admins_may_manage(client, forum):
    assert client.get(f"/forums/{forum.id}/manage").status_code == 302
    quick_user("admin@example.org", "Admin", role="admin")
    login_as(client, "admin@example.org")
    assert client.get(f"/forums/{forum.id}/manage").status_code == 200


def test_organiser_creates_forum_with_sessions(client):
    quick_user("org@example.org", "Organiser", role="organiser")
    login_as(client, "org@example.org")
    response = client.post("/forums/new", data={
        "name": "Kazakh Export Days", "city": "Istanbul", "country": "TR", "timezone": "Europe/Istanbul",
        "starts_on": "2027-05-12", "ends_on": "2027-05-13", "meeting_minutes": "30", "break_minutes": "10",
        "n_tables": "8", "morning_start": "09:00", "morning_end": "12:00", "afternoon_start": "14:00",
        "afternoon_end": "17:00"})
    assert response.status_code == 302
    forum = db.session.scalar(select(Forum))
    assert forum.name == "Kazakh Export Days" and len(forum.sessions) == 4
    assert len(services.forum_slots(forum)) == 4 * 4  # 09:00, 09:40, 10:20, 11:00 (11:40 would end at 12:10)
    page = client.get(f"/forums/{forum.id}/manage").get_data(as_text=True)
    assert "Kazakh Export Days" in page and "16 slots of 30 minutes" in page


@pytest.mark.parametrize("field, value, message", [
    ("ends_on", "2027-05-01", "The last day cannot be before the first day."),
    ("timezone", "Mars/Olympus", "Not a time zone name"),
    ("morning_end", "08:00", "A session must end after it starts."),
    ("n_tables", "0", "Number must be between 1 and 500."),
    ("afternoon_start", "11:00", "The afternoon session starts after the morning session ends."),
    ("afternoon_end", "", "Give both the start and the end of the session."),
])
def test_forum_form_rejects_bad_input(client, field, value, message):
    quick_user("org@example.org", "Organiser", role="organiser")
    login_as(client, "org@example.org")
    data = {"name": "F", "city": "Almaty", "country": "KZ", "timezone": "Asia/Almaty", "starts_on": "2027-05-12",
            "ends_on": "2027-05-12", "meeting_minutes": "30", "break_minutes": "5", "n_tables": "4",
            "morning_start": "09:00", "morning_end": "12:00", "afternoon_start": "14:00", "afternoon_end": "17:00",
            field: value}
    response = client.post("/forums/new", data=data)
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert db.session.scalar(select(Forum)) is None


def test_join_and_mark_unavailable_slots(client, forum, make_company):
    user = quick_user("guest@example.org", "Guest")
    company = make_company(user, name="Istanbul Kazakh Trade")
    login_as(client, "guest@example.org")
    assert "Register for this forum" in client.get(f"/forums/{forum.id}").get_data(as_text=True)
    assert client.post(f"/forums/{forum.id}/join", data={"company_id": company.id}).status_code == 302
    assert client.post(f"/forums/{forum.id}/join", data={"company_id": company.id}).status_code == 302
    participant = db.session.scalar(select(Participant))
    assert participant.company_id == company.id
    assert db.session.query(Participant).count() == 1  # a participant once per forum
    client.post(f"/forums/{forum.id}/availability", data={"unavailable": ["2", "4"]})
    db.session.refresh(participant)
    assert participant.unavailable_slots == [2, 4]


def test_request_accept_decline_over_http(client, forum, make_company):
    a, b, c = add_participants(forum, None, make_company, 3)
    login_as(client, "p0@example.org")
    page = client.get(f"/forums/{forum.id}/participants").get_data(as_text=True)
    assert "Company 1" in page and "suggested" in page
    client.post(f"/forums/{forum.id}/requests", data={"to_id": b.id, "note": "Flour"})
    client.post(f"/forums/{forum.id}/requests", data={"to_id": a.id})  # yourself
    client.post(f"/forums/{forum.id}/requests", data={"to_id": b.id})  # again
    assert db.session.query(MeetingRequest).count() == 1
    login_as(client, "p2@example.org")
    client.post(f"/forums/{forum.id}/requests", data={"to_id": b.id})
    login_as(client, "p1@example.org")
    page = client.get(f"/forums/{forum.id}/requests").get_data(as_text=True)
    assert "Flour" in page and "Person 0" in page and "Person 2" in page
    first, second = db.session.scalars(select(MeetingRequest).order_by(MeetingRequest.id)).all()
    client.post(f"/forums/{forum.id}/requests/{first.id}", data={"action": "accept"})
    client.post(f"/forums/{forum.id}/requests/{second.id}", data={"action": "decline"})
    db.session.expire_all()
    assert (first.status, second.status) == (RequestStatus.ACCEPTED, RequestStatus.DECLINED)
    meeting = db.session.scalar(select(Meeting))
    assert {meeting.p1_id, meeting.p2_id} == {a.id, b.id}


def test_only_the_recipient_answers(client, forum, make_company):
    a, b, c = add_participants(forum, None, make_company, 3)
    req = services.request_meeting(a, b)
    db.session.commit()
    login_as(client, "p2@example.org")
    assert client.post(f"/forums/{forum.id}/requests/{req.id}", data={"action": "accept"}).status_code == 403
    login_as(client, "p0@example.org")
    assert client.post(f"/forums/{forum.id}/requests/{req.id}", data={"action": "accept"}).status_code == 403


def test_requests_expire_when_read_after_the_deadline(client, forum, make_company):
    a, b = add_participants(forum, None, make_company, 2)
    req = services.request_meeting(a, b)
    forum.request_deadline = utcnow() - timedelta(minutes=5)
    db.session.commit()
    login_as(client, "p1@example.org")
    assert "expired" in client.get(f"/forums/{forum.id}/requests").get_data(as_text=True)
    response = client.post(f"/forums/{forum.id}/requests/{req.id}", data={"action": "accept"},
                           follow_redirects=True)
    assert "deadline" in response.get_data(as_text=True) or "expired" in response.get_data(as_text=True)
    db.session.expire_all()
    assert req.status == RequestStatus.EXPIRED and db.session.scalar(select(Meeting)) is None


def test_request_needs_csrf_token_when_csrf_is_on(app, client, forum, make_company):
    a, b = add_participants(forum, None, make_company, 2)
    login_as(client, "p0@example.org")
    app.config["WTF_CSRF_ENABLED"] = True
    assert client.post(f"/forums/{forum.id}/requests", data={"to_id": b.id}).status_code == 400
    assert db.session.scalar(select(MeetingRequest)) is None


@pytest.fixture
def scheduled(forum, make_company):
    """Three participants, two meetings, scheduled and published."""
    people = add_participants(forum, None, make_company, 3)
    for x, y in ((0, 1), (1, 2)):
        services.add_meeting(people[x], people[y])
    scheduling.schedule_forum(forum, time_limit=5)
    forum.stage = ForumStage.SCHEDULED
    db.session.commit()
    return forum, people


def test_agenda_and_ics(client, scheduled):
    forum, people = scheduled
    login_as(client, "p1@example.org")
    page = client.get(f"/forums/{forum.id}/agenda").get_data(as_text=True)
    assert "Company 0" in page and "Company 2" in page and "Kazakhstan" in page  # counterparts and country
    assert "Company 0" in client.get(f"/forums/{forum.id}/agenda?print=1").get_data(as_text=True)
    response = client.get(f"/forums/{forum.id}/agenda.ics")
    assert response.mimetype == "text/calendar"
    events = Calendar.from_ical(response.data).walk("VEVENT")
    assert len(events) == 2
    slots = {s.number: s for s in services.forum_slots(forum)}
    meetings = services.agenda(people[1])
    for event, meeting in zip(sorted(events, key=lambda e: e.start), meetings, strict=True):
        assert event.start.replace(tzinfo=None) == slots[meeting.slot].starts_at
        assert str(event.start.tzinfo) == "Europe/Istanbul"
        assert f"table {meeting.table}" in str(event["LOCATION"])
        assert meeting.other(people[1].id).company.name in str(event["SUMMARY"])


def test_index_marks_my_forums(client, scheduled):
    forum, people = scheduled
    assert "Qazaq Business Forum" in client.get("/forums/").get_data(as_text=True)
    login_as(client, "p1@example.org")
    page = client.get("/forums/").get_data(as_text=True)
    assert "you take part" in page and f"/forums/{forum.id}/agenda" in page
    assert [p.forum_id for p in services.forums_of(people[1].user)] == [forum.id]


def test_agenda_waits_for_publishing(client, scheduled):
    forum, _ = scheduled
    forum.stage = ForumStage.REQUESTS
    db.session.commit()
    login_as(client, "p1@example.org")
    response = client.get(f"/forums/{forum.id}/agenda", follow_redirects=True)
    assert "Agendas are published once" in response.get_data(as_text=True)
    quick_user("outsider@example.org", "Outsider")
    login_as(client, "outsider@example.org")
    assert client.get(f"/forums/{forum.id}/agenda.ics").status_code == 403


def test_programme_exports_and_grid(client, scheduled):
    forum, people = scheduled
    login_as(client, "org@example.org")
    rows = list(csv.reader(io.StringIO(client.get(f"/forums/{forum.id}/programme.csv").get_data(as_text=True))))
    assert rows[0][:5] == ["Slot", "Day", "Start", "End", "Table"] and len(rows) == 3
    placed = {(int(r[0]), int(r[4])) for r in rows[1:]}
    assert placed == {(m.slot, m.table) for m in forum.meetings}
    sheet = load_workbook(io.BytesIO(client.get(f"/forums/{forum.id}/programme.xlsx").data)).active
    assert [c.value for c in sheet[1]][:2] == ["Slot", "Day"] and sheet.max_row == 3
    assert {sheet.cell(row=r, column=7).value for r in (2, 3)} <= {"Company 0", "Company 1"}
    grid = client.get(f"/forums/{forum.id}/grid").get_data(as_text=True)
    assert "Person 1 (Company 1)" in grid
    cards = client.get(f"/forums/{forum.id}/grid?cards=1").get_data(as_text=True)
    assert cards.count('class="table-card"') == forum.n_tables


def test_outcomes_recorded_by_participants_and_organisers(client, scheduled):
    forum, people = scheduled
    meeting = services.agenda(people[0])[0]
    login_as(client, "p2@example.org")  # not in this meeting
    url = f"/forums/{forum.id}/meetings/{meeting.id}/outcome"
    assert client.post(url, data={"took_place": "yes", "outcome": "contract"}).status_code == 403
    login_as(client, "p0@example.org")
    client.post(url, data={"took_place": "yes", "outcome": "negotiation"})
    db.session.refresh(meeting)
    assert (meeting.took_place, meeting.outcome) == (True, "negotiation")
    login_as(client, "org@example.org")
    client.post(url, data={"took_place": "no", "outcome": "contract"})
    db.session.refresh(meeting)
    assert (meeting.took_place, meeting.outcome) == (False, None)


def test_organiser_adds_meeting_and_schedules_from_the_page(client, forum, make_company):
    people = add_participants(forum, None, make_company, 2)
    login_as(client, "org@example.org")
    client.post(f"/forums/{forum.id}/meetings", data={"p1_id": people[0].id, "p2_id": people[1].id,
                                                     "priority": "2"})
    meeting = db.session.scalar(select(Meeting))
    assert meeting.priority == 2
    forum_page = client.post(f"/forums/{forum.id}/schedule", follow_redirects=True).get_data(as_text=True)
    assert "1 meetings scheduled, 0 could not be placed" in forum_page
    client.post(f"/forums/{forum.id}/lock", data={"locked": "1"})
    client.post(f"/forums/{forum.id}/stage", data={"stage": "scheduled"})
    db.session.expire_all()
    assert meeting.slot and meeting.is_locked and forum.stage == ForumStage.SCHEDULED


@pytest.fixture
def in_background(app):
    app.config["FORUM_SCHEDULE_IN_BACKGROUND"] = True
    yield
    app.config["FORUM_SCHEDULE_IN_BACKGROUND"] = False


def _wait_for_run(forum, seconds: float = 30) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        db.session.rollback()  # a fresh snapshot each look
        if (db.session.get(Forum, forum.id).last_run or {}).get("status") != "running":
            break
        time.sleep(0.2)
    return db.session.get(Forum, forum.id).last_run


def test_scheduler_runs_in_the_background(client, forum, make_company, in_background):
    people = add_participants(forum, None, make_company, 3)
    services.add_meeting(people[0], people[1])
    services.add_meeting(people[1], people[2])
    db.session.commit()
    login_as(client, "org@example.org")
    page = client.post(f"/forums/{forum.id}/schedule", follow_redirects=True).get_data(as_text=True)
    assert "The scheduler is running" in page
    run = _wait_for_run(forum)
    assert run["status"] == "done" and run["scheduled"] == 2
    assert all(m.slot for m in db.session.get(Forum, forum.id).meetings)
    assert "Run the scheduler" in client.get(f"/forums/{forum.id}/manage").get_data(as_text=True)


def test_background_refusals_come_at_once(client, forum, in_background):
    login_as(client, "org@example.org")
    page = client.post(f"/forums/{forum.id}/schedule", follow_redirects=True).get_data(as_text=True)
    assert "There are no accepted meetings to schedule." in page
    db.session.expire_all()
    assert db.session.get(Forum, forum.id).last_run is None


def test_default_time_limit_leaves_room_for_the_proof(app):
    # Proofs on the relabelled published instances take up to about a minute on two cores
    # (docs/benchmarks.md); the old 20 s stopped before them. The run is outside the request.
    if "FORUM_SCHEDULE_TIME_LIMIT" in os.environ:
        pytest.skip("the environment sets the limit")
    assert Config.FORUM_SCHEDULE_TIME_LIMIT >= 60
    assert ProductionConfig.FORUM_SCHEDULE_TIME_LIMIT >= 60
