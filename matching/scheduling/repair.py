"""Fairness repair: CP-SAT on a neighbourhood of the participants with too many breaks.

Local search moves one or two meetings at a time; on nearly full forums (forumt-14crafe: 236
meetings in 240 table-slots) it can end with one participant at 3 breaks and others at 0 with no
single move that helps. Here the meetings of the participants above the spread and of their
partners are free, every other meeting keeps its slot, and CP-SAT (fairness as a hard constraint)
places the free ones; when that neighbourhood has no fair answer it grows by random participants.
"""
from __future__ import annotations

import random
import time

from ortools.sat.python import cp_model

from . import cpsat
from .problem import Problem
from .validate import count_breaks


def _too_many(problem: Problem, slots: dict[int, int], spread: int) -> set[int]:
    """Participants (two or more meetings) whose breaks exceed the smallest count plus `spread`."""
    per_p = count_breaks(problem, {m: (t, 0) for m, t in slots.items()})
    n_meetings: dict[int, int] = {}
    for m in problem.meetings:
        if m.id in slots:
            for p in (m.p1, m.p2):
                n_meetings[p] = n_meetings.get(p, 0) + 1
    counted = {p: b for p, b in per_p.items() if n_meetings.get(p, 0) >= 2}
    if not counted:
        return set()
    cap = min(counted.values()) + spread
    return {p for p, b in counted.items() if b > cap}


def repair(problem: Problem, allowed: dict[int, list[int]], meetings: list[int], lower: dict[int, int],
           spread: int, slots: dict[int, int], seconds: float, workers: int) -> dict[int, int] | None:
    """A fair schedule close to `slots` (meeting -> slot), or None when none was found in `seconds`."""
    deadline = time.monotonic() + seconds
    rng = random.Random(0)
    ends = {m.id: (m.p1, m.p2) for m in problem.meetings if m.id in slots}
    people = _too_many(problem, slots, spread)
    if not people:
        return slots
    # the worst participants and everyone they meet: their slots can shift together
    people |= {q for m, pair in ends.items() if people & set(pair) for q in pair}
    others = sorted({p for pair in ends.values() for p in pair} - people)
    rng.shuffle(others)
    build = 0.0  # seconds the last model took to build: no round starts that cannot finish in time
    while time.monotonic() + build < deadline - 0.2:
        free = {m for m, pair in ends.items() if people & set(pair)}
        began = time.monotonic()
        built = cpsat.build_breaks_model(problem, allowed, meetings, lower, spread, symmetric=False)
        for m in meetings:
            if m not in free:
                built.model.add(built.x[m, slots[m]] == 1)
            else:
                for t in allowed[m]:
                    built.model.add_hint(built.x[m, t], slots[m] == t)
        build = time.monotonic() - began
        s = cpsat.solver(min(2.0, deadline - time.monotonic()), workers)
        if s.solve(built.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return {m: t for (m, t), var in built.x.items() if s.boolean_value(var)}
        if not others:
            return None
        grow = max(2, len(people) // 2)  # no fair answer here (or no time): widen the neighbourhood
        people |= set(others[:grow])
        others = others[grow:]
    return None
