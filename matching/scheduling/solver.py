"""`solve`: schedule every meeting that fits, then minimise breaks with MaxSAT, CP-SAT and annealing.

Breaks are counted per day (`Problem.slot_days`): every part counts them as `validate.count_breaks` does.

Strategy: (1) when a search-free analysis shows that not every meeting fits, keep the heaviest set
of meetings that does (priority first, CP-SAT) and explain the rest; (2) minimise breaks as
weighted MaxSAT (`maxsat`, RC2): it proves the optimum of every published benchmark instance
within about 35 s, and when interrupted it still leaves a proved lower bound; (3) when that
schedule is unfair or time ran out, ask CP-SAT yes/no questions "is there a schedule with at most
k breaks?" bottom-up from the bound, each participant choosing among its few busy patterns under a
small budget; (4) when a question stays undecided, the best schedule so far (or a greedy or CP-SAT
start) is improved by simulated annealing over Kempe chains (`anneal`) for the rest of the time,
and the proved bound is reported with it. (5) When meetings were left out and the breaks of the
kept set are proved, the time left goes to one MaxSAT problem that chooses the meetings and
minimises the breaks together (`maxsat.keep_most`). (6) At equal breaks, meetings move to the earliest
slots of the days, days balanced where that costs no later slots (`spread`). MaxSAT runs as a portfolio of
processes on an input-independent order of the formula (`portfolio`, `canonical`).
"""
from __future__ import annotations

import logging
import time

from ortools.sat.python import cp_model

from . import cpsat, maxsat, portfolio
from .analysis import allowed_slots, busy_patterns, diagnose, min_breaks
from .anneal import anneal
from .canonical import canonical
from .greedy import greedy
from .problem import Problem, Schedule
from .repair import repair
from .spread import spread_meetings
from .validate import count_breaks, fairness_error

log = logging.getLogger(__name__)
FALLBACK_REASON = "could not be placed together with higher-priority meetings (participant, table or order conflicts)"


class _Clock:
    """Remaining share of the caller's time limit."""

    def __init__(self, limit: float) -> None:
        self.start, self.limit = time.monotonic(), limit

    def left(self) -> float:
        return self.limit - (time.monotonic() - self.start)

    def elapsed(self) -> float:
        return time.monotonic() - self.start


def priority_weights(problem: Problem, meetings: list[int]) -> dict[int, int]:
    """Lexicographic weights: one meeting of a higher priority outweighs all lower ones together."""
    prio = {m.id: m.priority for m in problem.meetings}
    weights, level_weight, below = {}, 1, 0
    for level in sorted({prio[m] for m in meetings}):
        level_weight = below + 1
        members = [m for m in meetings if prio[m] == level]
        for m in members:
            weights[m] = level_weight
        below += level_weight * len(members)
    return weights


def _pick_meetings(problem: Problem, allowed: dict, clock: _Clock, workers: int) -> tuple[list[int], bool]:
    """Heaviest schedulable subset of meetings; returns (kept meeting ids, proved maximum?)."""
    ids = [m.id for m in problem.meetings if allowed[m.id]]
    built = cpsat.build_max_model(problem, allowed, priority_weights(problem, ids))
    s = cpsat.solver(max(2.0, clock.left() * 0.5), workers)  # never zero: an empty answer helps nobody
    status = s.solve(built.model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return [], False
    return [m for m in ids if s.boolean_value(built.chosen[m])], status == cp_model.OPTIMAL


def _keep_most(problem: Problem, allowed: dict, seconds: float, max_spread: int | None) -> dict[int, int] | None:
    """Not every meeting fits: the heaviest set and, among such sets, the fewest breaks, in one
    MaxSAT problem; None unless it finishes within `seconds` with a fair schedule."""
    ordered = canonical(problem)  # the formula's order must not depend on the input's
    ids = [m.id for m in ordered.meetings if allowed[m.id]]
    if not ids or len(ids) > EXACT_LIMIT or MAXSAT_SHARE <= 0:
        return None
    found = maxsat.keep_most(ordered, allowed, priority_weights(problem, ids), seconds)
    if found.slots is None or not _within_spread(problem, found.slots, max_spread):
        return None
    return found.slots


def _reversal_symmetric(problem: Problem, allowed: dict[int, list[int]]) -> bool:
    """True when mirroring time (slot t -> n_slots + 1 - t) keeps every constraint and the day
    boundaries (breaks are counted per day)."""
    if problem.fixed or problem.precedences:
        return False
    n = problem.n_slots + 1
    if any(problem.new_day(t) != problem.new_day(n + 1 - t) for t in range(2, n)):
        return False
    return all(sorted(n - t for t in slots) == slots for slots in allowed.values())


def _extract(built: cpsat.Model, s: cp_model.CpSolver) -> dict[int, int]:
    """Meeting -> slot from a solved model."""
    return {m: t for (m, t), var in built.x.items() if s.boolean_value(var)}


def _hint(built: cpsat.Model, slots: dict[int, int]) -> None:
    for (m, t), var in built.x.items():
        built.model.add_hint(var, slots.get(m) == t)


def assign_tables(problem: Problem, slots: dict[int, int]) -> dict[int, tuple[int, int]]:
    """Distinct tables 1..n_tables per slot, keeping locked tables."""
    result, used = {}, {}
    for m, t in slots.items():
        if m in problem.fixed_tables:
            result[m] = (t, problem.fixed_tables[m])
            used.setdefault(t, set()).add(problem.fixed_tables[m])
    for m in sorted(slots):
        if m in result:
            continue
        t = slots[m]
        taken = used.setdefault(t, set())
        table = next(k for k in range(1, problem.n_tables + 1) if k not in taken)
        taken.add(table)
        result[m] = (t, table)
    return result


# Beyond this many meetings the exact questions rarely finish in a minute (generated 4,000-meeting
# forum: 25 s spent for nothing); annealing uses the whole time instead.
EXACT_LIMIT = 1500
# Share of the remaining time one yes/no question may take before annealing takes over. The easy
# benchmark instances are decided in 0.2-4 s; forum-14's first question took 30 s once, and
# annealing reaches 4-6 breaks there in the same time.
EXACT_SHARE = 0.3
# Share of the time the MaxSAT solver may take first. It proves the optimum of every published
# instance, the slowest (ticf-13crafb) in about 30 s, and four forbidden-slot variants in 45-55 s;
# with 0.7 (42 s of 60) those four ended at 11-15 breaks instead of 5. The rest of the time goes
# to CP-SAT and annealing, which only matter when MaxSAT does not finish.
MAXSAT_SHARE = 0.85
SPREAD_SECONDS = 10.0  # at most this long to move meetings early and balance days at equal breaks
PATTERN_LIMIT = 600  # above this many busy patterns a participant counts breaks with run starts


def _patterns_for(problem: Problem, ctx: dict, budget: int) -> dict:
    """Busy patterns each participant may still use under a total of `budget` breaks, for the
    participants where they are few. A participant cannot exceed its own bound plus the slack
    (budget - sum of bounds), nor the fairness spread above the smallest count, which is 0 while the
    budget is below the number of participants with two or more meetings."""
    counted = [p for p, opts in ctx["options"].items() if len(opts) >= 2]
    slack = budget - ctx["bound0"]
    result = {}
    for p in counted:
        most = ctx["lower"][p] + slack
        if ctx["spread"] is not None:
            most = min(most, ctx["spread"] + budget // len(counted))
        pats = busy_patterns(ctx["options"][p], most, PATTERN_LIMIT, problem.slot_days)
        if pats is not None:
            result[p] = pats
    return result


def _decide(problem: Problem, allowed: dict, meetings: list[int], ctx: dict, budget: int, seconds: float,
            workers: int, hint: dict[int, int] | None) -> tuple[int, dict[int, int] | None]:
    """Is there a schedule with at most `budget` breaks? (CP-SAT status, slots if found)."""
    pats = _patterns_for(problem, ctx, budget)
    built = cpsat.build_breaks_model(problem, allowed, meetings, ctx["lower"], ctx["spread"], ctx["symmetric"],
                                     pats, budget=budget)
    if hint:
        _hint(built, hint)
    s = cpsat.solver(seconds, workers, decision=True)
    status = s.solve(built.model)
    found = _extract(built, s) if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None
    return status, found


def _optimise(problem: Problem, allowed: dict, meetings: list[int], ctx: dict, bound: int, seconds: float,
              workers: int, hint: dict[int, int] | None) -> tuple[dict[int, int] | None, int, bool]:
    """Plain minimisation (used when a yes/no question timed out): slots, bound, optimal?"""
    built = cpsat.build_breaks_model(problem, allowed, meetings, ctx["lower"], ctx["spread"], ctx["symmetric"])
    built.model.add(built.breaks >= bound)
    if hint:
        _hint(built, hint)
    s = cpsat.solver(seconds, workers)
    status = s.solve(built.model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, bound, False
    return _extract(built, s), max(bound, round(s.best_objective_bound)), status == cp_model.OPTIMAL


def _minimise(problem: Problem, allowed: dict, meetings: list[int], clock: _Clock, workers: int,
              max_spread: int | None) -> tuple[dict[int, int] | None, int, bool]:
    """Yes/no questions "a schedule with at most k breaks?": bottom-up from the proved bound; when
    a question stays undecided, ask a looser one to get a schedule, then tighten from above.
    Returns (slots or None, proved lower bound, optimal?)."""
    keep = set(meetings)
    options = {p: [allowed[m.id] for m in ms if m.id in keep] for p, ms in problem.meetings_of().items()}
    lower = {p: min_breaks(opts, slot_days=problem.slot_days) for p, opts in options.items()}
    ctx = {"options": options, "lower": lower, "bound0": sum(lower.values()), "spread": max_spread,
           "symmetric": _reversal_symmetric(problem, allowed)}
    bound, best, upper = ctx["bound0"], None, None
    exact = len(meetings) <= EXACT_LIMIT
    if exact and MAXSAT_SHARE > 0:
        rest = clock.left() * (1 - MAXSAT_SHARE)  # kept for the steps below
        found = portfolio.minimise(problem, allowed, meetings, lower, clock.left() - rest, workers=workers)
        bound = max(bound, found.bound)
        log.debug("maxsat: bound %d, schedule %s at %.1fs", bound, found.slots is not None, clock.elapsed())
        if found.infeasible:
            return None, bound, False  # not every meeting fits: the caller keeps the heaviest set that does
        if found.slots is not None and not _within_spread(problem, found.slots, max_spread):
            best = found.slots  # fewest breaks but unfair: ask again with fairness encoded
            found = portfolio.minimise(problem, allowed, meetings, lower, clock.left() - rest, max_spread, workers)
            if not found.infeasible:
                bound = max(bound, found.bound)
            log.debug("maxsat (fair): bound %d, schedule %s at %.1fs", bound, found.slots is not None,
                      clock.elapsed())
        if found.slots is not None and _within_spread(problem, found.slots, max_spread):
            return found.slots, bound, True
    k = bound
    while exact and clock.left() > 1.0 and (upper is None or bound < upper):
        status, found = _decide(problem, allowed, meetings, ctx, k, clock.left() * EXACT_SHARE, workers, best)
        log.debug("k=%d status=%s found=%s at %.1fs", k, status, found is not None, clock.elapsed())
        if found is not None:
            best, upper = found, _total_breaks(problem, found)
            k = upper - 1
        elif status == cp_model.INFEASIBLE:
            bound = k + 1
            k = bound if upper is None else max(bound, k)
        else:
            break  # undecided: annealing finds good schedules faster than looser questions
    if upper is None or bound < upper:
        best = _heuristic(problem, allowed, meetings, ctx, bound, clock, workers, best)
    if best is None:
        return None, bound, False
    return best, bound, _total_breaks(problem, best) <= bound


def _heuristic(problem: Problem, allowed: dict, meetings: list[int], ctx: dict, bound: int, clock: _Clock,
               workers: int, best: dict[int, int] | None) -> dict[int, int] | None:
    """A schedule without proof: the best one so far, else greedy, else any CP-SAT placement,
    then annealing; when it ends outside the fairness spread, a CP-SAT repair around the worst
    participants, then CP-SAT minimisation if fairness still fails."""
    start = best or greedy(problem, allowed, meetings) or _feasible(problem, allowed, meetings, clock, workers)
    if start is None:
        return None
    improved = anneal(problem, allowed, start, max(0.0, clock.left() * 0.85 - 0.5), ctx["spread"], target=bound)
    if not _within_spread(problem, improved, ctx["spread"]):
        improved = repair(problem, allowed, meetings, ctx["lower"], ctx["spread"], improved,
                          clock.left() * 0.6 - 0.5, workers) or improved
    if not _within_spread(problem, improved, ctx["spread"]):
        found, _, _ = _optimise(problem, allowed, meetings, ctx, bound, clock.left() - 0.5, workers, improved)
        improved = found or improved
    elif clock.left() > 1.5 and _total_breaks(problem, improved) > bound:
        improved = anneal(problem, allowed, improved, clock.left() - 1.0, ctx["spread"], seed=1, target=bound,
                          start_temp=0.3)
    if _within_spread(problem, start, ctx["spread"]) and not _within_spread(problem, improved, ctx["spread"]):
        improved = start  # never trade a fair schedule for an unfair one (annealing should not)
    log.debug("heuristic: %d -> %d breaks at %.1fs", _total_breaks(problem, start),
              _total_breaks(problem, improved), clock.elapsed())
    return improved


def _feasible(problem: Problem, allowed: dict, meetings: list[int], clock: _Clock,
              workers: int) -> dict[int, int] | None:
    """Any placement of all meetings, ignoring breaks (easy for CP-SAT even when greedy fails)."""
    built = cpsat.build_max_model(problem, allowed, {m: 1 for m in meetings})
    built.model.add(sum(built.chosen.values()) == len(meetings))
    built.model.clear_objective()
    s = cpsat.solver(max(2.0, clock.left() * 0.3), workers, decision=True)
    if s.solve(built.model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return _extract(built, s)


def _total_breaks(problem: Problem, slots: dict[int, int]) -> int:
    return sum(count_breaks(problem, {m: (t, 0) for m, t in slots.items()}).values())


def _within_spread(problem: Problem, slots: dict[int, int], max_spread: int | None) -> bool:
    """Fairness check for a fallback schedule (the validator's rule)."""
    return fairness_error(problem, {m: (t, 0) for m, t in slots.items()}, max_spread) is None


def solve(problem: Problem, time_limit: float = 60, workers: int = 2, max_spread: int | None = 2) -> Schedule:
    """Schedule `problem`: every meeting if possible (else the heaviest feasible set, priority first,
    with a reason for each left out), minimising total breaks with break counts within `max_spread`
    of each other (None disables fairness). Stops after about `time_limit` seconds."""
    clock = _Clock(time_limit)
    allowed = allowed_slots(problem)
    reasons = diagnose(problem, allowed)
    meetings = [m.id for m in problem.meetings]
    slots, bound, optimal = None, 0, False
    if not reasons:
        slots, bound, optimal = _minimise(problem, allowed, meetings, clock, workers, max_spread)
    if slots is None:
        meetings, _ = _pick_meetings(problem, allowed, clock, workers)
        slots, bound, proved = _minimise(problem, allowed, meetings, clock, workers, max_spread)
        if slots is None:  # fairness or time made the kept set unsolvable: drop fairness
            slots, bound, proved = _minimise(problem, allowed, meetings, clock, workers, None)
        slots = slots or {}
        optimal = False  # fewest breaks for this set of meetings, maybe not over every set that keeps as many
        if proved and clock.left() > 1.0:
            # time left: settle which meetings to keep and the breaks together
            joint = _keep_most(problem, allowed, clock.left() - 0.5, max_spread)
            if joint is not None:
                slots, bound, optimal = joint, _total_breaks(problem, joint), True
    if slots and len(slots) <= EXACT_LIMIT:
        slots = spread_meetings(problem, allowed, slots, max_spread, min(SPREAD_SECONDS, clock.left() * 0.5))
    assignments = assign_tables(problem, slots)
    per_p = count_breaks(problem, assignments)
    unscheduled = [(m.id, reasons.get(m.id, FALLBACK_REASON)) for m in problem.meetings if m.id not in slots]
    unfair = fairness_error(problem, assignments, max_spread)
    warnings = [f"{unfair}: no schedule within the fairness spread was found in the time limit"] if unfair else []
    if unfair:
        log.warning(warnings[0])
    return Schedule(assignments=assignments, unscheduled=unscheduled, breaks=sum(per_p.values()),
                    optimal=optimal and not unfair, lower_bound=bound, seconds=clock.elapsed(),
                    breaks_by_participant=per_p, fair=not unfair, warnings=warnings)
