"""A fast greedy schedule, used as a CP-SAT hint and as a last-resort answer."""
from __future__ import annotations

import random
from collections import Counter

from .problem import Problem


def _distance(problem: Problem, t: int, busy: set[int]) -> int:
    """Idle slots between t and the participant's nearest meeting of the same day (0 when adjacent
    or no meeting that day yet: breaks are counted per day)."""
    return min((abs(t - b) - 1 for b in busy if problem.day_of(b) == problem.day_of(t)), default=0)


def greedy(problem: Problem, allowed: dict[int, list[int]], meetings: list[int],
           attempts: int = 20) -> dict[int, int] | None:
    """`_greedy_once` with random tie-breaks until one attempt places every meeting."""
    for seed in range(attempts):
        slots = _greedy_once(problem, allowed, meetings, random.Random(seed) if seed else None)
        if slots is not None:
            return slots
    return None


def _greedy_once(problem: Problem, allowed: dict[int, list[int]], meetings: list[int],
                 rng: random.Random | None) -> dict[int, int] | None:
    """Most constrained meeting first, into the free slot closest to both participants' other
    meetings. Returns meeting -> slot, or None when it paints itself into a corner."""
    by_id = {m.id: m for m in problem.meetings}
    degree = Counter(p for m in meetings for p in (by_id[m].p1, by_id[m].p2))
    noise = {m: rng.random() if rng else 0.0 for m in meetings}
    order = sorted(meetings, key=lambda m: (len(allowed[m]), -degree[by_id[m].p1] - degree[by_id[m].p2] + noise[m], m))
    busy: dict[int, set[int]] = {}
    load: Counter[int] = Counter()
    slots = {}
    for mid in order:
        m = by_id[mid]
        b1, b2 = busy.setdefault(m.p1, set()), busy.setdefault(m.p2, set())
        free = [t for t in allowed[mid] if t not in b1 and t not in b2 and load[t] < problem.n_tables]
        if not free:
            return None
        t = min(free, key=lambda t: (_distance(problem, t, b1) + _distance(problem, t, b2), load[t], t))
        slots[mid] = t
        b1.add(t)
        b2.add(t)
        load[t] += 1
    for mid, before in problem.precedences.items():
        if mid in slots and any(b in slots and slots[b] >= slots[mid] for b in before):
            return None
    return slots
