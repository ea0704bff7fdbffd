"""Solver-independent reasoning: allowed slots, per-participant break bounds, infeasibility reasons."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from .problem import Problem


def allowed_slots(problem: Problem) -> dict[int, list[int]]:
    """Slots each meeting may take: its session, minus both participants' forbidden slots,
    narrowed to its locked slot when it has one (empty when the lock is impossible)."""
    result = {}
    for m in problem.meetings:
        banned = problem.forbidden.get(m.p1, set()) | problem.forbidden.get(m.p2, set())
        slots = [t for t in problem.session_slots(m.session) if t not in banned]
        if m.id in problem.fixed:
            slots = [t for t in slots if t == problem.fixed[m.id]]
        result[m.id] = slots
    return result


def max_matching(options: list[list[int]]) -> list[int | None]:
    """Kuhn's augmenting paths: a slot for as many items as possible (None = unmatched)."""
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for t in options[i]:
            if t not in seen:
                seen.add(t)
                if t not in owner or augment(owner[t], seen):
                    owner[t] = i
                    return True
        return False

    for i in range(len(options)):
        augment(i, set())
    match: list[int | None] = [None] * len(options)
    for t, i in owner.items():
        match[i] = t
    return match


def _patterns(free: set[int], last: int, n: int, blocks: int, lo: int = 1) -> Iterator[list[int]]:
    """Sets of `n` free slots (all >= lo, <= last) forming exactly `blocks` runs of consecutive slots."""
    if blocks == 0:
        if n == 0:
            yield []
        return
    for first in range(lo, last + 1):
        for run in range(1, n - blocks + 2):
            if first + run - 1 not in free:
                break
            if blocks == 1 and run != n:
                continue
            # the slot right after a run stays idle, so the next run starts at first + run + 1 or later
            for rest in _patterns(free, last, n - run, blocks - 1, first + run + 1):
                yield list(range(first, first + run)) + rest


def _one_day(free: set[int], slot_days: list[int] | None) -> bool:
    return not slot_days or len({slot_days[t - 1] for t in free}) <= 1


def min_breaks(slot_options: list[list[int]], cap: int = 2, slot_days: list[int] | None = None) -> int:
    """Fewest breaks a participant needs for its meetings alone (each with its own allowed slots);
    returns cap + 1 when even `cap` breaks are not enough. A valid per-participant lower bound.

    Breaks are counted per day (`slot_days`, see `Problem`); the busy patterns below run across the
    night, so when the allowed slots span more than one day the bound is 0, which stays valid."""
    n = len(slot_options)
    if n <= 1:
        return 0
    free = set().union(*map(set, slot_options))
    if not _one_day(free, slot_days):
        return 0
    for b in range(cap + 1):
        for busy in _patterns(free, max(free), n, b + 1):
            chosen = set(busy)
            if None not in max_matching([[t for t in opts if t in chosen] for opts in slot_options]):
                return b
    return cap + 1


def busy_patterns(slot_options: list[list[int]], max_breaks: int, limit: int,
                  slot_days: list[int] | None = None) -> list[list[int]] | None:
    """Every busy-slot set with at most `max_breaks` breaks that can host the participant's meetings
    (a distinct allowed slot for each); None when there are more than `limit` of them, or when the
    allowed slots span more than one day (the patterns count breaks across the night)."""
    n = len(slot_options)
    free = set().union(*map(set, slot_options)) if slot_options else set()
    if n == 0:
        return []
    if not _one_day(free, slot_days):
        return None
    found = []
    same = len({tuple(opts) for opts in slot_options}) == 1  # then every pattern in `free` can host them
    for b in range(max_breaks + 1):
        for busy in _patterns(free, max(free), n, b + 1):
            chosen = set(busy)
            if same or None not in max_matching([[t for t in opts if t in chosen] for opts in slot_options]):
                found.append(busy)
                if len(found) > limit:
                    return None
    return found


def diagnose(problem: Problem, allowed: dict[int, list[int]]) -> dict[int, str]:
    """Reasons that certain meetings cannot all be scheduled, found without search.

    Keys are meetings that are impossible on their own or belong to an overloaded participant;
    an empty result does not prove feasibility.
    """
    reasons: dict[int, str] = {}
    for m in problem.meetings:
        if not allowed[m.id]:
            if m.id in problem.fixed:
                reasons[m.id] = (f"locked slot {problem.fixed[m.id]} is outside its session or forbidden "
                                 f"for participant {m.p1} or {m.p2}")
            else:
                reasons[m.id] = (f"no slot of its {m.session.name.lower()} session is free for both "
                                 f"participants {m.p1} and {m.p2}")
    for p, ms in problem.meetings_of().items():
        ms = [m for m in ms if allowed[m.id]]
        matched = max_matching([allowed[m.id] for m in ms])
        if None in matched:
            n_free = len(set().union(*(set(allowed[m.id]) for m in ms)))
            for m in ms:
                reasons.setdefault(m.id, f"participant {p} has {len(ms)} meetings but only "
                                         f"{sum(x is not None for x in matched)} can get distinct free slots "
                                         f"in their sessions ({n_free} free slots)")
    for m, reason in _capacity_reasons(problem, allowed).items():
        reasons.setdefault(m, reason)
    return reasons


def _capacity_reasons(problem: Problem, allowed: dict[int, list[int]]) -> dict[int, str]:
    """Meetings beyond the table capacity of the slots they may use (whole forum or one session)."""
    reasons = {}
    locked = Counter(problem.fixed[m.id] for m in problem.meetings if m.id in problem.fixed and allowed[m.id])
    for t, n in locked.items():
        if n > problem.n_tables:
            for m in problem.meetings:
                if problem.fixed.get(m.id) == t:
                    reasons[m.id] = f"{n} meetings locked to slot {t} but only {problem.n_tables} tables"
    groups = {"morning": set(problem.session_slots(1)), "afternoon": set(problem.session_slots(2)),
              "whole forum": set(range(1, problem.n_slots + 1))}
    for name, slots in groups.items():
        inside = [m for m in problem.meetings if allowed[m.id] and set(allowed[m.id]) <= slots]
        capacity = len(slots) * problem.n_tables
        if len(inside) > capacity:
            for m in inside:
                reasons[m.id] = (f"table capacity: {len(inside)} meetings need the {name} "
                                 f"({capacity} table-slots)")
    return reasons
