"""Among schedules with as few breaks, one that uses the earliest slots of each day and balances the days.

Break minimisation does not care where meetings go, and RC2 tends to return schedules packed into the
last slots (the demo forum, before breaks were counted per day: 33 of 34 meetings in the last slots of
day 2). So after the fewest breaks are found, the same MaxSAT problem is asked again with every meeting
restricted to the first k slots of its day, breaks allowed up to the count found, and optionally each
day capped at its share of the meetings (its slots / all slots, rounded up); the smallest such window
k is searched by bisection. Windows with and without the day caps are both tried and the smaller
window wins (the caps on a tie). Breaks are counted per day, so moving a participant's meetings to
another day costs no break and the caps rarely cost anything: the demo forum ends with 17 meetings on
each day in their first three slots. They can still cost a later window, e.g. when participants
absent on one day bring the other day more meetings than its share. Only a schedule RC2 finds
within the time replaces the input, so breaks never go up.

Tried first and dropped: one exact stage with breaks capped and day excess then positions as the
objective (CP-SAT found no zero-break schedule of the demo in 10 s; RC2 did not finish in 10 s).
"""
from __future__ import annotations

import math
import time

from . import maxsat
from .analysis import min_breaks
from .canonical import canonical, sort_ids
from .problem import Problem
from .validate import count_breaks, fairness_error


def day_slots(problem: Problem) -> dict[int, list[int]]:
    """Slots of each day, in time order (one day when `slot_days` is empty)."""
    days = problem.slot_days or [1] * problem.n_slots
    result: dict[int, list[int]] = {}
    for t, day in enumerate(days, start=1):
        result.setdefault(day, []).append(t)
    return result


class _Windows:
    """The problem restricted to the first k slots of each day, solved with the breaks capped."""

    def __init__(self, problem: Problem, allowed: dict[int, list[int]], slots: dict[int, int],
                 max_spread: int | None) -> None:
        self.problem, self.allowed = canonical(problem), allowed
        self.meetings = sort_ids(self.problem, list(slots))
        assignments = {m: (t, 0) for m, t in slots.items()}
        self.budget = sum(count_breaks(problem, assignments).values())
        self.spread = None if fairness_error(problem, assignments, max_spread) else max_spread
        by_day = day_slots(problem)
        self.position = {t: i for ts in by_day.values() for i, t in enumerate(ts)}
        self.longest = max(len(ts) for ts in by_day.values())
        share = len(slots) / problem.n_slots
        self.caps = [(ts, math.ceil(share * len(ts))) for ts in by_day.values()] if len(by_day) > 1 else []

    def solve(self, k: int, capped: bool, seconds: float) -> dict[int, int] | None:
        """A schedule inside window k with at most the budget of breaks, or None."""
        allowed = {m: [t for t in self.allowed[m] if self.position[t] < k] for m in self.meetings}
        if any(not ts for ts in allowed.values()):
            return None
        options = {p: [allowed[m.id] for m in ms if m.id in allowed] for p, ms in self.problem.meetings_of().items()}
        lower = {p: min_breaks(opts, slot_days=self.problem.slot_days) for p, opts in options.items()}
        if sum(lower.values()) > self.budget:
            return None
        found = maxsat.minimise(self.problem, allowed, self.meetings, lower, seconds, self.spread,
                                caps=self.caps if capped else [])
        if found.slots is None or found.bound > self.budget:
            return None
        return found.slots

    def smallest(self, capped: bool, deadline: float) -> tuple[int, dict[int, int] | None]:
        """Bisection over k (more slots never need more breaks): (k, schedule) or (longest + 1, None)."""
        low, high, best = 1, self.longest, (self.longest + 1, None)
        while low <= high and time.monotonic() < deadline:
            k = (low + high) // 2
            found = self.solve(k, capped, (deadline - time.monotonic()) / 2)
            if found is None:
                low = k + 1
            else:
                best, high = (k, found), k - 1
        return best


def spread_meetings(problem: Problem, allowed: dict[int, list[int]], slots: dict[int, int],
                    max_spread: int | None, seconds: float) -> dict[int, int]:
    """`slots` (meeting -> slot) re-placed early in the days, days balanced when that costs no later
    slots, with at most as many breaks and as fair; `slots` itself when nothing better is found."""
    if not slots or seconds <= 0:
        return slots
    windows = _Windows(problem, allowed, slots, max_spread)
    deadline = time.monotonic() + seconds
    capped = windows.smallest(True, time.monotonic() + seconds / 2) if windows.caps else (windows.longest + 1, None)
    free = windows.smallest(False, deadline)
    k, found = capped if capped[0] <= free[0] else free
    return found if found is not None else slots
