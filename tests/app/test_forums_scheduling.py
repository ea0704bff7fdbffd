"""Scheduling through the CP-SAT library: valid places, locks, infeasible forums, moves, the command."""
from datetime import time, timedelta

import pytest

from app.errors import DomainError
from app.extensions import db
from app.forums import scheduling, services
from app.forums.models import ForumStage
from matching.scheduling import Schedule, validate
from tests.app.test_forums_factories import DAY, add_participants, english, make_forum

pytestmark = pytest.mark.usefixtures(english.__name__)
LIMIT = 5  # seconds; these forums are tiny and solve at once


def _meet(people, pairs, priority=0):
    return [services.add_meeting(people[a], people[b], priority=priority) for a, b in pairs]


def _check_places(forum):
    """No participant twice in a slot, no table twice in a slot, tables within capacity, availability kept."""
    n_slots = len(services.forum_slots(forum))
    busy, places = set(), set()
    for m in forum.meetings:
        if m.slot is None:
            continue
        assert 1 <= m.slot <= n_slots and 1 <= m.table <= forum.n_tables
        assert (m.slot, m.table) not in places
        places.add((m.slot, m.table))
        for p in (m.p1, m.p2):
            assert (p.id, m.slot) not in busy, f"{p.label} double-booked in slot {m.slot}"
            assert m.slot not in p.unavailable_slots
            busy.add((p.id, m.slot))


def test_schedule_places_every_meeting_validly(make_user, make_company):
    forum = make_forum(make_user(role="organiser"), n_tables=2)  # 4 slots
    people = add_participants(forum, make_user, make_company, 5)
    people[0].unavailable_slots = [1, 2]
    _meet(people, [(0, 1), (0, 2), (1, 2), (3, 4), (1, 3), (2, 4)])
    result = scheduling.schedule_forum(forum, time_limit=LIMIT)
    db.session.commit()
    assert not result.unscheduled and all(m.slot for m in forum.meetings)
    _check_places(forum)
    problem = scheduling.build_problem(forum, 4)
    assert validate(problem, result) == []
    assert forum.last_run["scheduled"] == 6 and forum.last_run["breaks"] == result.breaks


def test_locked_meetings_stay_put_after_late_changes(make_user, make_company):
    forum = make_forum(make_user(role="organiser"), sessions=((time(9), time(12)),), n_tables=2)  # 6 slots
    people = add_participants(forum, make_user, make_company, 6)
    first = _meet(people, [(0, 1), (2, 3), (4, 5), (0, 2)])
    scheduling.schedule_forum(forum, time_limit=LIMIT)
    assert scheduling.lock_scheduled(forum) == 4
    before = {m.id: (m.slot, m.table) for m in forum.meetings}
    db.session.commit()
    # late changes: new meetings, and person 5 becomes unavailable in two slots besides their locked one
    _meet(people, [(1, 2), (3, 4), (0, 5)], priority=1)
    people[5].unavailable_slots = [s for s in range(1, 7) if s != first[2].slot][:2]
    problem = scheduling.build_problem(forum, 6)
    assert problem.fixed == {mid: slot for mid, (slot, _) in before.items()}
    assert problem.fixed_tables == {mid: table for mid, (_, table) in before.items()}
    services.advance_stage(forum, ForumStage.SCHEDULED)
    scheduling.schedule_forum(forum, time_limit=LIMIT)
    db.session.commit()
    for m in forum.meetings:
        if m.id in before:
            assert (m.slot, m.table) == before[m.id] and m.is_locked and not m.has_moved
    assert all(m.slot for m in forum.meetings)
    _check_places(forum)


def test_moves_after_publishing_are_shown_and_drafts_are_not(make_user, make_company):
    forum = make_forum(make_user(role="organiser"), n_tables=1)  # 4 slots, one table
    people = add_participants(forum, make_user, make_company, 2)
    (meeting,) = _meet(people, [(0, 1)])
    scheduling.schedule_forum(forum, time_limit=LIMIT)
    people[0].unavailable_slots = [meeting.slot]
    scheduling.schedule_forum(forum, time_limit=LIMIT)  # a draft: nobody saw the first place
    assert meeting.previous_slot is None and not meeting.has_moved
    services.advance_stage(forum, ForumStage.SCHEDULED)
    assert meeting.is_locked  # publishing locks the published places
    meeting.is_locked = False  # the organiser unlocks it to let it move
    old = (meeting.slot, meeting.table)
    people[1].unavailable_slots = [old[0]]
    scheduling.schedule_forum(forum, time_limit=LIMIT)
    db.session.commit()
    assert meeting.slot not in (old[0], *people[0].unavailable_slots)
    assert (meeting.previous_slot, meeting.previous_table) == old and meeting.has_moved


def test_infeasible_forum_lists_unscheduled_meetings_with_reasons(make_user, make_company):
    forum = make_forum(make_user(role="organiser"), sessions=((time(9), time(10)),), n_tables=1)  # 2 slots
    people = add_participants(forum, make_user, make_company, 4)
    people[3].unavailable_slots = [1, 2]
    high = _meet(people, [(0, 1)], priority=5)
    low = _meet(people, [(0, 2), (0, 3), (1, 2)])
    result = scheduling.schedule_forum(forum, time_limit=LIMIT)
    db.session.commit()
    assert high[0].slot is not None  # the higher-ranked meeting is kept first
    unplaced = [m for m in low if m.slot is None]
    assert len(result.assignments) == 2 and len(unplaced) == 2
    assert {m.id for m in unplaced} == {mid for mid, _ in result.unscheduled}
    assert all(m.unscheduled_reason for m in unplaced)
    assert low[1] in unplaced  # person 3 is never available
    _check_places(forum)
    assert forum.last_run["unscheduled"] == 2


def test_scheduling_needs_slots_and_meetings(make_user, make_company):
    forum = make_forum(make_user(role="organiser"), sessions=())
    with pytest.raises(DomainError, match="no time slots"):
        scheduling.schedule_forum(forum)
    services.add_session(forum, forum.starts_on, time(9), time(10))
    with pytest.raises(DomainError, match="no accepted meetings"):
        scheduling.schedule_forum(forum)


def test_schedule_command(make_user, make_company, runner_app):
    forum = make_forum(make_user(role="organiser"))
    people = add_participants(forum, make_user, make_company, 3)
    _meet(people, [(0, 1), (1, 2)])
    db.session.commit()
    cli = runner_app.test_cli_runner()
    result = cli.invoke(args=["forums", "schedule", str(forum.id), "--time-limit", "5"])
    assert result.exit_code == 0, result.output
    assert "2 meetings scheduled" in result.output
    db.session.expire_all()
    assert all(m.slot for m in forum.meetings)
    assert cli.invoke(args=["forums", "schedule", "999999"]).exit_code != 0


def test_a_run_that_finds_nothing_keeps_the_current_schedule(make_user, make_company, monkeypatch):
    forum = make_forum(make_user(role="organiser"))
    people = add_participants(forum, make_user, make_company, 2)
    (meeting,) = _meet(people, [(0, 1)])
    scheduling.schedule_forum(forum, time_limit=LIMIT)
    placed = (meeting.slot, meeting.table)
    timed_out = Schedule(assignments={}, unscheduled=[(meeting.id, "time limit reached")], seconds=20.3)
    monkeypatch.setattr(scheduling.scheduling, "solve", lambda problem, time_limit: timed_out)
    with pytest.raises(DomainError, match="current schedule is kept"):
        scheduling.schedule_forum(forum, time_limit=LIMIT)
    assert (meeting.slot, meeting.table) == placed and meeting.unscheduled_reason is None


def test_meetings_spread_over_days_in_their_first_slots(make_user, make_company):
    forum = make_forum(make_user(role="organiser"), ends_on=DAY + timedelta(days=1))  # 4 slots on the first day
    services.add_session(forum, DAY + timedelta(days=1), time(9), time(11))  # and 4 on the second
    people = add_participants(forum, make_user, make_company, 4)
    _meet(people, [(0, 1), (2, 3)])
    problem = scheduling.prepare_problem(forum)
    assert problem.slot_days == [DAY.toordinal()] * 4 + [DAY.toordinal() + 1] * 4
    result = scheduling.schedule_forum(forum, time_limit=LIMIT)
    assert result.breaks == 0 and sorted(t for t, _ in result.assignments.values()) == [1, 5]
