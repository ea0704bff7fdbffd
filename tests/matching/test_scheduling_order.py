"""Input order: the canonical order of the formula, the portfolio of MaxSAT processes, relabelled copies."""
from __future__ import annotations

import random
import sys
import time

from matching.scheduling import maxsat, portfolio, validate
from matching.scheduling.canonical import canonical, colours, relabelled, sort_ids

from .test_scheduling_maxsat import feasible_forums, random_forum
from .test_scheduling_solve import as_schedule


def shape(problem):
    """The problem written with participants numbered by first appearance: equal for the same order."""
    number: dict[int, int] = {}
    rows = []
    for m in problem.meetings:
        for p in (m.p1, m.p2):
            number.setdefault(p, len(number))
        rows.append((number[m.p1], number[m.p2], m.session))
    forbidden = sorted((number.get(p, -1), tuple(sorted(s))) for p, s in problem.forbidden.items())
    return rows, forbidden


def test_relabelled_copy_is_the_same_forum_up_to_names():
    problem = random_forum(random.Random(3))
    copy = relabelled(problem, random.Random(4))
    assert copy.meetings != problem.meetings
    assert sorted(colours(copy).values()) == sorted(colours(problem).values())
    assert len(copy.meetings) == len(problem.meetings) and sorted(copy.participants) == sorted(problem.participants)


def test_canonical_order_does_not_depend_on_the_input_order():
    rng = random.Random(5)
    checked = 0
    for _ in range(30):
        problem = random_forum(rng)
        if len(set(colours(problem).values())) < len(problem.participants):
            continue  # ties keep the input order: only forums without ties have one canonical form
        checked += 1
        for seed in range(3):
            copy = relabelled(problem, random.Random(seed))
            assert shape(canonical(copy)) == shape(canonical(problem))
            assert shape(copy) != shape(problem)  # the copy really is listed differently
    assert checked >= 5


def test_canonical_order_keeps_ids_and_sorts_meeting_lists():
    problem = random_forum(random.Random(8))
    ordered = canonical(problem)
    assert {m.id: {m.p1, m.p2} for m in ordered.meetings} == {m.id: {m.p1, m.p2} for m in problem.meetings}
    ids = [m.id for m in problem.meetings]
    assert sort_ids(ordered, ids) == [m.id for m in ordered.meetings]


def test_portfolio_reaches_the_single_run_optimum_with_two_processes():
    for problem, allowed, lower in feasible_forums(seed=11, count=8):
        meetings = [m.id for m in problem.meetings]
        single = maxsat.minimise(problem, allowed, meetings, lower, seconds=20)
        both = portfolio.minimise(problem, allowed, meetings, lower, seconds=20, workers=2)
        assert both.infeasible == single.infeasible
        if single.slots is not None:
            assert both.slots is not None and both.bound == single.bound
            schedule = as_schedule(problem, both.slots)
            assert validate(problem, schedule, max_spread=None) == [] and schedule.breaks == single.bound


def test_portfolio_keeps_the_bound_when_members_stop_without_answer():
    context = portfolio._context()
    results = context.Queue()
    procs = [context.Process(target=sys.exit, args=(1,)) for _ in range(2)]  # as if killed
    for proc in procs:
        proc.start()
    started = time.monotonic()
    found = portfolio._first_answer(results, procs, started + 60, bound=4)
    assert found.slots is None and not found.infeasible and found.bound == 4
    assert time.monotonic() - started < 30  # it noticed; it did not wait for the deadline
