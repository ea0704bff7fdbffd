"""Independent checker of a schedule, written with plain loops and no solver code.

Used by the tests and the benchmark to trust nothing the solver says about itself.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from .problem import Problem, Schedule


def participant_slots(problem: Problem, assignments: dict[int, tuple[int, int]]) -> dict[int, list[int]]:
    """Sorted busy slots of every participant under `assignments`."""
    busy: dict[int, list[int]] = {p: [] for p in problem.participants}
    for m in problem.meetings:
        if m.id in assignments:
            slot = assignments[m.id][0]
            busy.setdefault(m.p1, []).append(slot)
            busy.setdefault(m.p2, []).append(slot)
    return {p: sorted(slots) for p, slots in busy.items()}


def breaks_of(slots: list[int], slot_days: list[int] | None = None) -> int:
    """Number of maximal idle runs between two busy slots of the same day (`slot_days[t - 1]` is the
    day of slot t; no list: one day). The night between two days is not a break."""
    distinct = sorted(set(slots))
    count = 0
    for a, b in zip(distinct, distinct[1:], strict=False):
        same_day = not slot_days or slot_days[a - 1] == slot_days[b - 1]
        if b > a + 1 and same_day:
            count += 1
    return count


def count_breaks(problem: Problem, assignments: dict[int, tuple[int, int]]) -> dict[int, int]:
    """Breaks per participant, per day (idle slots before the first / after the last meeting of a
    day do not count)."""
    return {p: breaks_of(slots, problem.slot_days) for p, slots in participant_slots(problem, assignments).items()}


def _slot_errors(problem: Problem, schedule: Schedule) -> list[str]:
    """Per-meeting checks: known ids, slot range, session, forbidden, fixed slot and table."""
    errors = []
    by_id = {m.id: m for m in problem.meetings}
    for mid, (slot, table) in schedule.assignments.items():
        m = by_id.get(mid)
        if m is None:
            errors.append(f"meeting {mid}: unknown meeting")
            continue
        if not 1 <= slot <= problem.n_slots:
            errors.append(f"meeting {mid}: slot {slot} out of range")
        if slot not in problem.session_slots(m.session):
            errors.append(f"meeting {mid}: slot {slot} outside its session {m.session.name.lower()}")
        if not 1 <= table <= problem.n_tables:
            errors.append(f"meeting {mid}: table {table} out of range")
        for p in (m.p1, m.p2):
            if slot in problem.forbidden.get(p, set()):
                errors.append(f"meeting {mid}: slot {slot} forbidden for participant {p}")
        if mid in problem.fixed and problem.fixed[mid] != slot:
            errors.append(f"meeting {mid}: fixed to slot {problem.fixed[mid]} but got {slot}")
        if mid in problem.fixed_tables and problem.fixed_tables[mid] != table:
            errors.append(f"meeting {mid}: fixed to table {problem.fixed_tables[mid]} but got {table}")
    return errors


def _clash_errors(problem: Problem, schedule: Schedule) -> list[str]:
    """Participant double-booking, slot capacity and table sharing."""
    errors = []
    for p, slots in participant_slots(problem, schedule.assignments).items():
        for slot, n in sorted(Counter(slots).items()):
            if n > 1:
                errors.append(f"participant {p}: {n} meetings in slot {slot}")
    per_slot: dict[int, list[int]] = defaultdict(list)
    for _mid, (slot, table) in schedule.assignments.items():
        per_slot[slot].append(table)
    for slot, tables in sorted(per_slot.items()):
        if len(tables) > problem.n_tables:
            errors.append(f"slot {slot}: {len(tables)} meetings but {problem.n_tables} tables")
        for table, n in sorted(Counter(tables).items()):
            if n > 1:
                errors.append(f"slot {slot}: table {table} used by {n} meetings")
    return errors


def _order_errors(problem: Problem, schedule: Schedule) -> list[str]:
    """Precedences between scheduled meetings."""
    errors = []
    for mid, before in problem.precedences.items():
        if mid not in schedule.assignments:
            continue
        for b in before:
            if b in schedule.assignments and schedule.assignments[b][0] >= schedule.assignments[mid][0]:
                errors.append(f"meeting {b} must come before meeting {mid}")
    return errors


def _coverage_errors(problem: Problem, schedule: Schedule) -> list[str]:
    """Every meeting is either scheduled or listed as unscheduled with a reason, not both."""
    errors = []
    listed = {mid for mid, _ in schedule.unscheduled}
    for m in problem.meetings:
        if m.id not in schedule.assignments and m.id not in listed:
            errors.append(f"meeting {m.id}: neither scheduled nor listed as unscheduled")
        if m.id in schedule.assignments and m.id in listed:
            errors.append(f"meeting {m.id}: both scheduled and listed as unscheduled")
    for mid, reason in schedule.unscheduled:
        if not reason:
            errors.append(f"meeting {mid}: unscheduled without a reason")
    return errors


def _break_errors(problem: Problem, schedule: Schedule, max_spread: int | None) -> list[str]:
    """The reported break total matches, and the fairness spread holds."""
    errors = []
    per_p = count_breaks(problem, schedule.assignments)
    if sum(per_p.values()) != schedule.breaks:
        errors.append(f"reported {schedule.breaks} breaks, counted {sum(per_p.values())}")
    unfair = fairness_error(problem, schedule.assignments, max_spread)
    if unfair:
        errors.append(unfair)
    return errors


def fairness_error(problem: Problem, assignments: dict[int, tuple[int, int]], max_spread: int | None) -> str | None:
    """Why `assignments` break the fairness spread (participants with two or more meetings), or None."""
    if max_spread is None:
        return None
    per_p = count_breaks(problem, assignments)
    busy = participant_slots(problem, assignments)
    counted = [per_p[p] for p in per_p if len(busy[p]) >= 2]
    if counted and max(counted) - min(counted) > max_spread:
        return f"fairness: break counts range {min(counted)}..{max(counted)} (> {max_spread})"
    return None


def validate(problem: Problem, schedule: Schedule, max_spread: int | None = 2) -> list[str]:
    """All violations of `schedule` against `problem` as readable strings (empty list = valid).

    Fairness (`max_spread`) compares participants with at least two meetings, the only ones that
    can have a break; pass None to skip it.
    """
    return (
        _slot_errors(problem, schedule)
        + _clash_errors(problem, schedule)
        + _order_errors(problem, schedule)
        + _coverage_errors(problem, schedule)
        + _break_errors(problem, schedule, max_spread)
    )
