"""The independent validator and the dzn reader, on hand-made cases."""
from __future__ import annotations

from pathlib import Path

import pytest

from matching.scheduling import Meeting, Problem, Schedule, Session, count_breaks, parse_dzn, read_dzn, validate

INSTANCES = Path(__file__).resolve().parents[2].parent / "shared" / "b2b" / "instances"


def small_problem() -> Problem:
    """Four participants, four slots (two in the morning), two tables."""
    return Problem(
        participants=[1, 2, 3, 4],
        meetings=[Meeting(1, 1, 2), Meeting(2, 1, 3, Session.MORNING), Meeting(3, 2, 4, Session.AFTERNOON),
                  Meeting(4, 3, 4)],
        n_slots=4, morning_slots=2, n_tables=2,
        forbidden={4: {4}}, fixed={4: 2}, fixed_tables={4: 2}, precedences={3: {1}},
    )


def good() -> dict[int, tuple[int, int]]:
    return {1: (2, 1), 2: (1, 1), 3: (3, 1), 4: (2, 2)}


def schedule(assignments: dict, unscheduled=(), breaks: int | None = None) -> Schedule:
    problem = small_problem()
    total = sum(count_breaks(problem, assignments).values()) if breaks is None else breaks
    return Schedule(assignments=assignments, unscheduled=list(unscheduled), breaks=total)


def test_valid_schedule_has_no_violation():
    assert validate(small_problem(), schedule(good())) == []


@pytest.mark.parametrize(("change", "expected"), [
    ({1: (1, 2)}, "participant 1: 2 meetings in slot 1"),
    ({2: (3, 2)}, "outside its session"),
    ({3: (4, 1)}, "forbidden for participant 4"),
    ({4: (1, 2)}, "fixed to slot 2"),
    ({4: (2, 1), 1: (2, 2)}, "fixed to table 2"),
    ({1: (2, 2)}, "table 2 used by 2 meetings"),
    ({1: (4, 1)}, "meeting 1 must come before meeting 3"),
    ({1: (5, 1)}, "slot 5 out of range"),
    ({1: (2, 3)}, "table 3 out of range"),
    ({9: (1, 1)}, "unknown meeting"),
])
def test_each_violation_is_reported(change, expected):
    assignments = {**good(), **change}
    errors = validate(small_problem(), schedule(assignments))
    assert any(expected in e for e in errors), errors


def test_capacity_is_checked():
    problem = small_problem()
    problem.n_tables = 1
    errors = validate(problem, Schedule(assignments={1: (2, 1), 2: (1, 1), 3: (3, 1), 4: (2, 2)}, breaks=0))
    assert any("slot 2: 2 meetings but 1 tables" in e for e in errors), errors


def test_missing_meeting_and_reasonless_unscheduled():
    assignments = {k: v for k, v in good().items() if k != 1}
    assert any("neither scheduled" in e for e in validate(small_problem(), schedule(assignments)))
    errors = validate(small_problem(), schedule(assignments, unscheduled=[(1, "")]))
    assert any("without a reason" in e for e in errors), errors
    errors = validate(small_problem(), schedule(good(), unscheduled=[(1, "x")]))
    assert any("both scheduled and listed" in e for e in errors), errors


def test_wrong_break_total_is_reported():
    errors = validate(small_problem(), schedule(good(), breaks=7))
    assert any("reported 7 breaks" in e for e in errors), errors


def test_breaks_count_idle_runs_between_meetings_only():
    problem = Problem(participants=[1, 2, 3, 4, 5], n_slots=8, morning_slots=8, n_tables=4,
                      meetings=[Meeting(1, 1, 2), Meeting(2, 1, 3), Meeting(3, 1, 4), Meeting(4, 1, 5)])
    per_p = count_breaks(problem, {1: (2, 1), 2: (3, 1), 3: (5, 1), 4: (8, 1)})
    assert per_p == {1: 2, 2: 0, 3: 0, 4: 0, 5: 0}  # runs 4 and 6-7 are breaks; slot 1 is not


def two_days(meetings: list[Meeting]) -> Problem:
    """Slots 1-4 on day 10, slots 5-8 on day 11."""
    return Problem(participants=[1, 2, 3, 4, 5], n_slots=8, morning_slots=8, n_tables=4, meetings=meetings,
                   slot_days=[10] * 4 + [11] * 4)


@pytest.mark.parametrize(("slots", "expected"), [
    ((4, 5), 0),  # last slot of day 1, first of day 2
    ((2, 7), 0),  # idle end of day 1, the night and the idle start of day 2
    ((1, 3, 8), 1),  # slot 2 idle inside day 1
    ((1, 4, 6, 8), 2),  # one idle run inside each day
    ((3, 5, 6, 8), 1),  # slot 7 inside day 2; slots 4 and 5 lie across the night
])
def test_breaks_are_counted_per_day(slots, expected):
    problem = two_days([Meeting(i, 1, i + 1) for i in range(1, len(slots) + 1)])
    per_p = count_breaks(problem, {i: (t, 1) for i, t in enumerate(slots, start=1)})
    assert per_p[1] == expected and sum(per_p.values()) == expected


def test_days_must_be_runs_of_slots():
    with pytest.raises(ValueError, match="consecutive"):
        Problem(participants=[1], meetings=[], n_slots=3, morning_slots=3, n_tables=1, slot_days=[1, 2, 1])


def test_fairness_spread_is_checked():
    problem = Problem(participants=[1, 2, 3, 4, 5, 6], n_slots=8, morning_slots=8, n_tables=4,
                      meetings=[Meeting(1, 1, 2), Meeting(2, 1, 3), Meeting(3, 1, 4), Meeting(4, 1, 5),
                                Meeting(5, 6, 2), Meeting(6, 6, 3)])
    assignments = {1: (1, 1), 2: (3, 1), 3: (5, 1), 4: (7, 1), 5: (2, 1), 6: (4, 1)}
    total = sum(count_breaks(problem, assignments).values())
    errors = validate(problem, Schedule(assignments=assignments, breaks=total))
    assert any("fairness" in e for e in errors), errors  # participant 1 has 3 breaks, participant 6 has 1
    assert not any("fairness" in e for e in validate(problem, Schedule(assignments, breaks=total), None))


DZN = """
nBusiness = 3; nMeetings = 2; nTables = 1; nTotalSlots = 4; nMorningSlots = 2;
requested = [|1, 2, 3, |1, 3, 1, |];
forbidden = [{0}, {3, 4}, {}];
fixed = [0, 2];   % meeting 2 locked to slot 2
precedences = [{}, {1}];
"""


def test_parse_dzn_fields():
    problem = parse_dzn(DZN)
    assert problem.participants == [1, 2, 3]
    assert problem.meetings == [Meeting(1, 1, 2, Session.ANY), Meeting(2, 1, 3, Session.MORNING)]
    assert (problem.n_slots, problem.morning_slots, problem.n_tables) == (4, 2, 1)
    assert problem.forbidden == {2: {3, 4}}
    assert problem.fixed == {2: 2}
    assert problem.precedences == {2: {1}}


def test_read_benchmark_instance():
    path = INSTANCES / "forum-14.original.dzn"
    if not path.exists():
        pytest.skip(f"benchmark instances not found at {INSTANCES}")
    problem = read_dzn(path)
    assert (len(problem.participants), len(problem.meetings), problem.n_slots, problem.n_tables) == (78, 302, 22, 22)
    assert problem.morning_slots == 12
    assert sum(len(s) for s in problem.forbidden.values()) == 116
