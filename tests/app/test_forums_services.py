"""Slots, stages, meeting requests and suggestions (services, no HTTP)."""
from datetime import date, time, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.errors import DomainError
from app.extensions import db
from app.forums import services
from app.forums.models import ForumSession, ForumStage, Meeting, MeetingRequest, RequestStatus
from app.forums.suggestions import suggested_participants
from app.models_base import utcnow
from tests.app.test_forums_factories import add_participants, english, make_forum, quick_user

pytestmark = pytest.mark.usefixtures(english.__name__)

D1, D2 = date(2027, 5, 12), date(2027, 5, 13)


def _sessions(*spans):
    return [ForumSession(day=day, starts_at=time(*a), ends_at=time(*b)) for day, a, b in spans]


@pytest.mark.parametrize("spans, minutes, gap, expected", [
    ([(D1, (9,), (10,))], 30, 0, ["09:00", "09:30"]),
    ([(D1, (9,), (10,))], 25, 5, ["09:00", "09:30"]),  # 10:00 + 25 min would overrun
    ([(D1, (9,), (10, 10))], 20, 5, ["09:00", "09:25", "09:50"]),
    ([(D1, (14,), (15,)), (D1, (9,), (10,))], 30, 0, ["09:00", "09:30", "14:00", "14:30"]),  # time order
    ([(D2, (9,), (9, 30)), (D1, (9,), (9, 30))], 30, 10, ["09:00", "09:00"]),
    ([(D1, (9,), (9, 20))], 30, 0, []),
])
def test_compute_slots(spans, minutes, gap, expected):
    slots = services.compute_slots(_sessions(*spans), minutes, gap)
    assert [f"{s.starts_at:%H:%M}" for s in slots] == expected
    assert [s.number for s in slots] == list(range(1, len(expected) + 1))
    assert all(s.ends_at - s.starts_at == timedelta(minutes=minutes) for s in slots)


def test_slots_span_days_and_sessions_in_order():
    slots = services.compute_slots(_sessions((D2, (9,), (10,)), (D1, (14,), (15,)), (D1, (9,), (10,))), 30, 0)
    assert [(s.day, s.session_index) for s in slots] == [(D1, 0)] * 2 + [(D1, 1)] * 2 + [(D2, 2)] * 2


def test_create_forum_lays_out_daily_sessions(make_user):
    organiser = make_user(role="organiser")
    data = {"name": "Forum", "city": "Almaty", "country": "KZ", "starts_on": D1, "ends_on": D2,
            "meeting_minutes": 30, "break_minutes": 0, "n_tables": 5}
    forum = services.create_forum(organiser, data, (time(9), time(12)), (time(14), time(16)))
    db.session.commit()
    assert [(s.day, s.starts_at) for s in forum.sessions] == [(D1, time(9)), (D1, time(14)), (D2, time(9)),
                                                               (D2, time(14))]
    assert len(services.forum_slots(forum)) == 2 * (6 + 4)
    assert forum.stage == ForumStage.REGISTRATION


def test_stages_move_one_step_forward(make_user, make_company):
    forum = make_forum(make_user(role="organiser"), stage=ForumStage.REGISTRATION)
    with pytest.raises(DomainError):
        services.advance_stage(forum, ForumStage.SCHEDULED)
    services.advance_stage(forum, ForumStage.REQUESTS)
    with pytest.raises(DomainError, match="Run the scheduler"):
        services.advance_stage(forum, ForumStage.SCHEDULED)
    with pytest.raises(DomainError):
        services.advance_stage(forum, ForumStage.REGISTRATION)
    assert forum.stage == ForumStage.REQUESTS


def test_request_accept_creates_one_meeting(make_user, make_company):
    forum = make_forum(make_user(email="org@example.org", role="organiser"))
    a, b, c = add_participants(forum, make_user, make_company, 3)
    req = services.request_meeting(a, b, " Wheat for Izmir ")
    assert req.note == "Wheat for Izmir" and req.status == RequestStatus.REQUESTED
    meeting = services.answer_request(req, accept=True)
    db.session.commit()
    assert req.status == RequestStatus.ACCEPTED
    assert (meeting.p1_id, meeting.p2_id) == (a.id, b.id) and meeting.request_id == req.id
    declined = services.request_meeting(c, a)
    assert services.answer_request(declined, accept=False) is None
    assert declined.status == RequestStatus.DECLINED
    with pytest.raises(DomainError, match="already been answered"):
        services.answer_request(declined, accept=True)
    assert db.session.scalar(select(func.count(Meeting.id))) == 1


def test_no_duplicate_requests_and_not_yourself(make_user, make_company):
    forum = make_forum(make_user(email="org@example.org", role="organiser"))
    a, b = add_participants(forum, make_user, make_company, 2)
    services.request_meeting(a, b)
    for sender, recipient in ((a, b), (b, a)):
        with pytest.raises(DomainError, match="already exists"):
            services.request_meeting(sender, recipient)
    with pytest.raises(DomainError, match="yourself"):
        services.request_meeting(a, a)
    db.session.commit()
    # the database keeps the invariant even when the service is bypassed
    db.session.add(MeetingRequest(forum_id=forum.id, from_id=a.id, to_id=b.id))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_one_meeting_per_pair_in_the_database(make_user, make_company):
    forum = make_forum(make_user(email="org@example.org", role="organiser"))
    a, b = add_participants(forum, make_user, make_company, 2)
    services.add_meeting(b, a)
    with pytest.raises(DomainError):
        services.add_meeting(a, b)
    db.session.add(Meeting(forum_id=forum.id, p1_id=a.id, p2_id=b.id))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_requests_only_while_open(make_user, make_company):
    forum = make_forum(make_user(email="org@example.org", role="organiser"), stage=ForumStage.REGISTRATION)
    a, b = add_participants(forum, make_user, make_company, 2)
    with pytest.raises(DomainError, match="not open"):
        services.request_meeting(a, b)
    forum.stage, forum.request_deadline = ForumStage.REQUESTS, utcnow() - timedelta(minutes=1)
    with pytest.raises(DomainError, match="deadline"):
        services.request_meeting(a, b)


def test_unanswered_requests_expire_at_the_deadline(make_user, make_company):
    forum = make_forum(make_user(email="org@example.org", role="organiser"),
                       request_deadline=utcnow() + timedelta(hours=1))
    a, b, c = add_participants(forum, make_user, make_company, 3)
    pending, answered = services.request_meeting(a, b), services.request_meeting(c, b)
    services.answer_request(answered, accept=False)
    db.session.commit()
    assert services.expire_requests() == 0
    assert services.expire_requests(now=utcnow() + timedelta(hours=2)) == 1
    db.session.commit()
    assert (pending.status, answered.status) == (RequestStatus.EXPIRED, RequestStatus.DECLINED)


def test_expire_requests_command(make_user, make_company, runner_app):
    forum = make_forum(make_user(email="org@example.org", role="organiser"),
                       request_deadline=utcnow() + timedelta(hours=1))
    a, b = add_participants(forum, make_user, make_company, 2)
    req = services.request_meeting(a, b)
    forum.request_deadline = utcnow() - timedelta(seconds=1)
    db.session.commit()
    result = runner_app.test_cli_runner().invoke(args=["forums", "expire-requests"])
    assert result.exit_code == 0 and "1 requests expired" in result.output
    db.session.refresh(req)
    assert req.status == RequestStatus.EXPIRED


def test_suggestions_rank_complementary_companies_first(make_user, make_company):
    forum = make_forum(make_user(email="org@example.org", role="organiser"))
    p0, p1, p2, p3 = add_participants(forum, make_user, make_company, 4)
    # p0: exporter, grain. p1: diaspora, grain. p2: exporter, textiles. p3: diaspora, textiles.
    ranked = suggested_participants(forum, p0)
    assert [s.participant for s in ranked] == [p1, p3, p2]
    assert "complementary" in ranked[0].reason and "Grain" in ranked[0].reason
    assert ranked[0].score > ranked[1].score > ranked[2].score
    assert p0 not in [s.participant for s in ranked]


def test_sessions_may_not_overlap(make_user):
    forum = make_forum(make_user(role="organiser"))  # 09:00-11:00
    with pytest.raises(DomainError, match="overlaps"):
        services.add_session(forum, forum.starts_on, time(10, 30), time(12))
    with pytest.raises(DomainError, match="within the forum's dates"):
        services.add_session(forum, forum.starts_on + timedelta(days=1), time(9), time(10))
    services.add_session(forum, forum.starts_on, time(11), time(12))
    assert len(services.forum_slots(forum)) == 6


def test_scheduled_meetings_keep_their_times(make_user, make_company):
    forum = make_forum(make_user(email="org@example.org", role="organiser"))  # 4 slots from 09:00
    a, b = add_participants(forum, make_user, make_company, 2)
    meeting = services.add_meeting(a, b)
    meeting.slot, meeting.table = 3, 1
    db.session.commit()
    with pytest.raises(DomainError, match="move scheduled meetings"):
        services.update_forum(forum, {"meeting_minutes": 20})
    db.session.rollback()
    with pytest.raises(DomainError, match="move scheduled meetings"):
        services.remove_session(forum, forum.sessions[0])
    db.session.rollback()
    services.add_session(forum, forum.starts_on, time(14), time(15))  # after the last: numbers stay
    services.update_forum(forum, {"name": "Renamed", "n_tables": 3})
    db.session.commit()
    assert len(services.forum_slots(forum)) == 6 and forum.name == "Renamed"


def test_matcher_suggestions_come_first_with_their_reason(embedding_on, english, make_user, make_company,
                                                          make_opportunity):
    """The participant whose offer the matcher suggests ranks first, with the matcher's reason."""
    organiser = quick_user("org-m@example.org", "Org", role="organiser")
    forum = make_forum(organiser)
    people = add_participants(forum, make_user, make_company, 4)
    buyer, flour_mill, other_exporter = people[1], people[0], people[2]
    make_opportunity(buyer.company, kind="request", title="Wheat flour wanted, first grade",
                     description="We buy wheat flour, first grade, 50 kg bags, delivery Istanbul.",
                     hs_codes=["1101"], countries=["TR"])
    make_opportunity(other_exporter.company, title="Cotton fibre, middling grade",
                     description="Cotton fibre 1-1/8 inch, pressed bales, FCA Turkestan.", hs_codes=["5201"],
                     countries=["TR"])
    make_opportunity(flour_mill.company, title="Wheat flour, first grade", hs_codes=["1101"], countries=["TR"],
                     description="Wheat flour, first grade, 50 kg bags, CPT Istanbul.")
    ranked = suggested_participants(forum, buyer)
    assert ranked[0].participant.id == flour_mill.id
    assert "1101" in ranked[0].reason or "Wheat" in ranked[0].reason


def test_participants_are_notified_of_requests_and_published_agendas(english, make_user, make_company):
    from app.notifications.models import Notification

    organiser = quick_user("org-n@example.org", "Org", role="organiser")
    forum = make_forum(organiser)
    a, b = add_participants(forum, make_user, make_company, 2)
    req = services.request_meeting(a, b)
    db.session.commit()
    services.answer_request(req, accept=True)
    db.session.commit()
    from app.forums.scheduling import schedule_forum

    schedule_forum(forum, time_limit=5)
    services.advance_stage(forum, ForumStage.SCHEDULED)
    db.session.commit()
    texts = {(n.user_id, n.kind, n.text) for n in db.session.scalars(select(Notification))}
    assert (b.user_id, "meeting_request", "Person 0 asks for a meeting at Qazaq Business Forum") in texts
    assert (a.user_id, "meeting_request", "Person 1 accepted your meeting request at Qazaq Business Forum") in texts
    assert (a.user_id, "agenda_change", "Your agenda for Qazaq Business Forum is published") in texts
