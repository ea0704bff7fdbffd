"""Among equal-break schedules: meetings early in the day and days balanced (`spread`)."""
from __future__ import annotations

import random
from dataclasses import replace

from matching.scheduling import Meeting, Problem, maxsat, solve, validate
from matching.scheduling.analysis import allowed_slots
from matching.scheduling.spread import day_slots, spread_meetings

from .test_scheduling_maxsat import feasible_forums


def two_day_forum() -> Problem:
    """Two days of four slots, two tables; two chains of two meetings and two single meetings."""
    meetings = [Meeting(1, 1, 2), Meeting(2, 2, 3), Meeting(3, 4, 5), Meeting(4, 5, 6), Meeting(5, 7, 8),
                Meeting(6, 9, 10)]
    return Problem(participants=list(range(1, 11)), meetings=meetings, n_slots=8, morning_slots=8, n_tables=2,
                   slot_days=[1, 1, 1, 1, 2, 2, 2, 2])


def positions(problem: Problem, slots: dict[int, int]) -> dict[int, int]:
    return {m: day_slots(problem)[problem.slot_days[t - 1]].index(t) for m, t in slots.items()}


def test_meetings_take_the_first_slots_of_balanced_days():
    problem = two_day_forum()
    schedule = solve(problem, time_limit=20)
    assert validate(problem, schedule) == [] and schedule.breaks == 0 and schedule.optimal
    slots = {m: t for m, (t, _) in schedule.assignments.items()}
    assert max(positions(problem, slots).values()) <= 1  # the first two slots of a day
    per_day = [sum(problem.slot_days[t - 1] == d for t in slots.values()) for d in (1, 2)]
    assert per_day == [3, 3]


def test_late_schedule_moves_early_with_the_same_breaks():
    problem = two_day_forum()
    late = {1: 3, 2: 4, 3: 7, 4: 8, 5: 4, 6: 8}  # last slots of each day, no breaks
    moved = spread_meetings(problem, allowed_slots(problem), late, max_spread=2, seconds=20)
    assert max(positions(problem, moved).values()) <= 1
    assert validate(problem, solve_like(problem, moved)) == []


def test_one_day_forum_moves_early_and_keeps_breaks_on_random_forums():
    for problem, allowed, lower in feasible_forums(seed=21, count=12):
        meetings = [m.id for m in problem.meetings]
        found = maxsat.minimise(problem, allowed, meetings, lower, seconds=20)
        if found.slots is None:
            continue
        moved = spread_meetings(problem, allowed, found.slots, max_spread=None, seconds=20)
        schedule = solve_like(problem, moved)
        assert validate(problem, schedule, max_spread=None) == [] and schedule.breaks <= found.bound
        assert max(moved.values()) <= max(found.slots.values())  # the smallest window holding them all


def star_forum(**kw) -> Problem:
    """Participant 1 meets three others, on the two days of `two_day_forum`."""
    star = [Meeting(i, 1, i + 1) for i in range(1, 4)]
    return replace(two_day_forum(), participants=list(range(1, 5)), meetings=star, **kw)


def test_days_balance_without_costing_breaks():
    # breaks are counted per day: two meetings early on one day and one on the other cost no break
    # (counted across the night, the two days cost a break and all three stayed on one day)
    problem = star_forum()
    moved = spread_meetings(problem, allowed_slots(problem), {1: 6, 2: 7, 3: 8}, max_spread=None, seconds=20)
    assert sorted(moved.values()) in ([1, 2, 5], [1, 5, 6]) and solve_like(problem, moved).breaks == 0


def test_day_caps_give_way_when_they_would_cost_later_slots():
    # participant 1 is absent on day 2: a cap of two meetings on day 1 leaves no schedule
    problem = star_forum(forbidden={1: {5, 6, 7, 8}})
    moved = spread_meetings(problem, allowed_slots(problem), {1: 2, 2: 3, 3: 4}, max_spread=None, seconds=20)
    assert sorted(moved.values()) == [1, 2, 3] and solve_like(problem, moved).breaks == 0


def solve_like(problem: Problem, slots: dict[int, int]):
    from .test_scheduling_solve import as_schedule

    return as_schedule(problem, slots)


def test_random_order_of_days_in_input_does_not_matter():
    problem = two_day_forum()
    rng = random.Random(1)
    shuffled = replace(problem, meetings=rng.sample(problem.meetings, len(problem.meetings)))
    moved = spread_meetings(shuffled, allowed_slots(shuffled), {1: 3, 2: 4, 3: 7, 4: 8, 5: 4, 6: 8}, 2, 20)
    assert max(positions(shuffled, moved).values()) <= 1
