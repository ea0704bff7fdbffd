"""The demo forum loader, over a small forum description shaped like `app.demo.records.demo_forum()`."""
from collections import Counter
from datetime import date, time
from types import SimpleNamespace

import pytest

from app.demo import records as demo_records
from app.extensions import db
from app.forums import demo, scheduling, services
from app.forums.models import ForumStage, MeetingRequest, RequestStatus
from tests.app.test_forums_factories import english, quick_user

pytestmark = pytest.mark.usefixtures(english.__name__)


def test_load_demo_forum_schedules_accepted_meetings(monkeypatch, make_company):
    companies = {ref: make_company(None, name=f"Firm {ref}", ref=ref, kind=kind, country=country)
                 for ref, kind, country in (("kz-1", "exporter", "KZ"), ("kz-2", "exporter", "KZ"),
                                            ("tr-1", "diaspora", "TR"), ("de-1", "diaspora", "DE"))}
    owner = quick_user("exporter1@demo.example", "Nurlan")
    companies["kz-1"].owner = owner
    organiser = quick_user("organiser@demo.example", "Aigerim", role="organiser")
    spec = {"name": "Demo Forum", "city": "Istanbul", "country": "TR", "venue": "Hall", "dates": ["2027-10-14"],
            "sessions": [{"date": "2027-10-14", "start": "09:30", "end": "11:00"}], "meeting_minutes": 20,
            "break_minutes": 5, "tables": 2, "participants": list(companies),
            "meeting_requests": [{"requester": "tr-1", "target": "kz-1", "status": "accepted"},
                                 {"requester": "de-1", "target": "kz-1", "status": "accepted"},
                                 {"requester": "kz-2", "target": "tr-1", "status": "pending"}]}
    monkeypatch.setattr(demo, "demo_forum", lambda: spec)
    summary = demo.load_demo_forum(companies, {u.email: u for u in (owner, organiser)})
    db.session.commit()
    forum = db.session.scalars(db.select(demo.Forum)).one()
    assert "2 meetings scheduled" in summary
    assert forum.stage == ForumStage.SCHEDULED and forum.organiser_id == organiser.id
    assert {p.company.ref for p in forum.participants} == set(companies)
    assert next(p for p in forum.participants if p.company.ref == "kz-1").user_id == owner.id
    assert all(p.user for p in forum.participants)  # companies without an owner get a demo delegate
    assert all(m.slot and m.table for m in forum.meetings) and len(forum.meetings) == 2
    statuses = sorted(r.status for r in db.session.scalars(db.select(MeetingRequest)))
    assert statuses == [RequestStatus.ACCEPTED, RequestStatus.ACCEPTED, RequestStatus.EXPIRED]


def demo_problem() -> tuple[scheduling.scheduling.Problem, list]:
    """The shipped demo forum (`app.demo.records.demo_forum()`) as a scheduling problem, without a database."""
    spec = demo_records.demo_forum()
    sessions = [SimpleNamespace(day=date.fromisoformat(s["date"]), starts_at=time.fromisoformat(s["start"]),
                                ends_at=time.fromisoformat(s["end"])) for s in spec["sessions"]]
    slots = services.compute_slots(sessions, spec["meeting_minutes"], spec["break_minutes"])
    number = {ref: i for i, ref in enumerate(spec["participants"], start=1)}
    pairs = list(dict.fromkeys(frozenset((number[r["requester"]], number[r["target"]]))
                               for r in spec["meeting_requests"] if r["status"] == "accepted"))
    meetings = [scheduling.scheduling.Meeting(id=i, p1=min(pair), p2=max(pair)) for i, pair in enumerate(pairs, 1)]
    problem = scheduling.scheduling.Problem(participants=list(number.values()), meetings=meetings,
                                            n_slots=len(slots), morning_slots=len(slots), n_tables=spec["tables"],
                                            slot_days=[s.day.toordinal() for s in slots])
    return problem, slots


def test_demo_schedule_uses_the_first_slots_of_balanced_days():
    problem, slots = demo_problem()
    result = scheduling.scheduling.solve(problem, time_limit=demo.DEMO_TIME_LIMIT)
    assert result.breaks == 0 and result.optimal and not result.unscheduled
    starts = [slots[t - 1].starts_at.time() for t, _ in result.assignments.values()]
    # it was 33 of 34 meetings in the last slots of day 2; all now fit in a morning session
    assert max(starts) < time(12, 30), sorted(starts)
    # Breaks are counted per day, so the days can share the meetings at no cost: 34 meetings on two
    # days of 15 slots, each day capped at 17. Counted across the night it was 1 and 33.
    per_day = Counter(slots[t - 1].day for t, _ in result.assignments.values())
    assert len(per_day) == 2 and max(per_day.values()) - min(per_day.values()) <= 2, per_day
