"""Breaks counted per day: MaxSAT, CP-SAT, annealing and the validator agree on multi-day forums."""
from __future__ import annotations

import random
from dataclasses import replace

from matching.scheduling import maxsat, validate
from matching.scheduling.analysis import busy_patterns, min_breaks
from matching.scheduling.anneal import _Annealer, anneal
from matching.scheduling.greedy import greedy
from matching.scheduling.validate import count_breaks

from .test_scheduling_maxsat import checked_optimum, cpsat_optimum, feasible_forums, lower_bounds
from .test_scheduling_solve import as_schedule


def one_day(problem):
    """The same forum with every slot on one day (breaks then run across the night)."""
    return replace(problem, slot_days=[])


def test_multi_day_optimum_matches_cpsat_and_the_validator():
    solved = lowered = 0
    for problem, allowed, lower in feasible_forums(3, 40, multi_day=True):
        expected = checked_optimum(problem, allowed, lower)
        if expected is None:
            continue
        flat = one_day(problem)
        lowered += expected < cpsat_optimum(flat, allowed, lower_bounds(flat, allowed))
        solved += 1
    assert solved >= 25
    assert lowered >= 5  # the night is no break: on many forums the days lower the optimum


def test_multi_day_fair_optimum_matches_cpsat():
    compared = lowered = 0
    for problem, allowed, lower in feasible_forums(13, 30, multi_day=True):
        expected = cpsat_optimum(problem, allowed, lower, spread=0)
        if expected is None:
            continue
        result = maxsat.minimise(problem, allowed, [m.id for m in problem.meetings], lower, seconds=20, max_spread=0)
        schedule = as_schedule(problem, result.slots)
        assert validate(problem, schedule, max_spread=0) == []
        assert schedule.breaks == result.bound == expected
        flat = one_day(problem)
        flat_fair = cpsat_optimum(flat, allowed, lower_bounds(flat, allowed), spread=0)
        lowered += flat_fair is None or expected < flat_fair
        compared += 1
    assert compared >= 15 and lowered >= 3


def test_annealing_counts_breaks_per_day_like_the_validator():
    checked = fewer = 0
    for problem, allowed, _ in feasible_forums(5, 30, multi_day=True):
        slots = greedy(problem, allowed, [m.id for m in problem.meetings])
        if slots is None:
            continue
        state = _Annealer(problem, allowed, slots, None, random.Random(0))
        for _ in range(100):  # random moves, each followed by the incremental recount
            move = state.propose()
            if move is None:
                continue
            for group, t, u in move:
                state.flip(group, t, u)
            state.rescore({p for group, _, _ in move for k in group for p in state.ends[k] if p in state.count})
            expected = count_breaks(problem, {m: (t, 0) for m, t in state.slot.items()})
            assert state.count == {p: expected[p] for p in state.count}
            assert state.total == sum(expected.values())
            flat = count_breaks(one_day(problem), {m: (t, 0) for m, t in state.slot.items()})
            fewer += state.total < sum(flat.values())
        best = anneal(problem, allowed, slots, seconds=0.2, max_spread=None)
        assert validate(problem, as_schedule(problem, best), max_spread=None) == []
        checked += 1
    assert checked >= 15 and fewer > 0


def test_per_participant_bound_stays_valid_across_days():
    days = [1, 1, 1, 2, 2, 2]
    # slots 1 and 3 (one break on day 1) and slot 5: 1 break per day, 2 counted across the night
    assert min_breaks([[1], [3], [5]], slot_days=days) <= 1
    assert busy_patterns([[1], [3], [5]], 1, 100, slot_days=days) is None  # patterns count the night
    # all on day 2: the one-day bound holds
    assert min_breaks([[4], [6]], slot_days=days) == 1
    assert busy_patterns([[4], [6]], 1, 100, slot_days=days) == [[4, 6]]
