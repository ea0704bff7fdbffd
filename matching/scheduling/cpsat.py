"""CP-SAT models: the break-minimising schedule and the maximum-schedulable fallback.

Encoding: a boolean x[m, t] per meeting and allowed slot, a busy boolean y[p, t] per participant and
slot, and a "run start" boolean s[p, t] = y[p, t] and not y[p, t-1], where y[p, t-1] counts as idle
at a day's first slot (breaks are counted per day). Each day on which p meets has one run start
that is no break, so breaks_p = sum_t s[p, t] - (days with a meeting of p), the latter a boolean
d[p, day] = "some y[p, t] of that day" per day. On a one-day forum d is 1 for every participant with
meetings, and the objective is the number of run starts minus a constant. The per-participant
bounds from `analysis.min_breaks` are posted as redundant constraints.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from .problem import Problem
from .validate import breaks_of


@dataclass
class Model:
    """A built CP-SAT model with the variables the caller reads back."""

    model: cp_model.CpModel
    x: dict[tuple[int, int], cp_model.IntVar]
    breaks: cp_model.LinearExpr | int = 0
    starts: dict[int, list] = field(default_factory=dict)
    chosen: dict[int, cp_model.IntVar] = field(default_factory=dict)


def _base(problem: Problem, allowed: dict[int, list[int]], meetings: list[int], optional: bool) -> Model:
    """Meeting placement, one meeting per participant and slot, capacity, locks and precedences."""
    model = cp_model.CpModel()
    x = {(m, t): model.new_bool_var(f"x{m}_{t}") for m in meetings for t in allowed[m]}
    chosen = {}
    for m in meetings:
        lits = [x[m, t] for t in allowed[m]]
        if optional:
            chosen[m] = model.new_bool_var(f"c{m}")
            model.add(sum(lits) == chosen[m])
        else:
            model.add_exactly_one(lits)
    for t in range(1, problem.n_slots + 1):
        in_slot = [x[m, t] for m in meetings if (m, t) in x]
        if len(in_slot) > problem.n_tables:
            model.add(sum(in_slot) <= problem.n_tables)
    _locked_tables(problem, model, x, meetings)
    _precedences(problem, model, x, allowed, meetings, chosen)
    return Model(model, x, chosen=chosen)


def _locked_tables(problem: Problem, model: cp_model.CpModel, x: dict, meetings: list[int]) -> None:
    """Meetings locked to the same table cannot share a slot."""
    by_table: dict[int, list[int]] = {}
    for m in meetings:
        if m in problem.fixed_tables:
            by_table.setdefault(problem.fixed_tables[m], []).append(m)
    for group in by_table.values():
        for t in range(1, problem.n_slots + 1):
            lits = [x[m, t] for m in group if (m, t) in x]
            if len(lits) > 1:
                model.add_at_most_one(lits)


def _precedences(problem: Problem, model: cp_model.CpModel, x: dict, allowed: dict[int, list[int]],
                 meetings: list[int], chosen: dict) -> None:
    """slot(before) < slot(m); with optional meetings only when both are scheduled."""
    present = set(meetings)
    for m, before in problem.precedences.items():
        for b in before:
            if m not in present or b not in present:
                continue
            slot_m = sum(t * x[m, t] for t in allowed[m])
            slot_b = sum(t * x[b, t] for t in allowed[b])
            ct = model.add(slot_b + 1 <= slot_m)
            if chosen:
                ct.only_enforce_if([chosen[m], chosen[b]])


def build_breaks_model(problem: Problem, allowed: dict[int, list[int]], meetings: list[int],
                       lower: dict[int, int], max_spread: int | None, symmetric: bool,
                       patterns: dict[int, list[list[int]]] | None = None, budget: int | None = None) -> Model:
    """All `meetings` mandatory; minimise total breaks, or (with `budget`) find a schedule with at most
    `budget` breaks. A participant listed in `patterns` picks exactly one of its busy patterns (the
    list must hold every pattern it may use); the others count breaks with run-start booleans."""
    built = _base(problem, allowed, meetings, optional=False)
    model, x = built.model, built.x
    per_p: dict[int, list[int]] = {}
    by_id = {m.id: m for m in problem.meetings}
    for m in meetings:
        per_p.setdefault(by_id[m].p1, []).append(m)
        per_p.setdefault(by_id[m].p2, []).append(m)
    break_exprs, chosen = {}, []
    for p, ms in per_p.items():
        if len(ms) < 2:
            continue
        if patterns is not None and p in patterns:
            break_exprs[p] = _pattern_breaks(model, x, ms, p, patterns[p], problem, chosen)
            continue
        busy = _busy(model, x, ms, p, problem.n_slots)
        starts = _run_starts(model, busy, p, problem)
        met = _days_met(model, busy, p, problem)
        model.add(sum(starts) >= lower.get(p, 0) + met)
        break_exprs[p] = sum(starts) - met
    built.breaks = sum(break_exprs.values())
    # Redundant: the chosen patterns alone must respect table capacity (two participants per table).
    # It prunes pattern choices before any meeting is placed (tic-14crafc: 20 s -> 0.6 s).
    for t in range(1, problem.n_slots + 1):
        covering = [var for var, pat in chosen if t in pat]
        if len(covering) > 2 * problem.n_tables:
            model.add(sum(covering) <= 2 * problem.n_tables)
    if max_spread is not None and break_exprs:
        floor = model.new_int_var(0, problem.n_slots, "min_breaks")
        for expr in break_exprs.values():
            model.add(expr >= floor)
            model.add(expr <= floor + max_spread)
    if symmetric and meetings:
        # Reversing time maps schedules to schedules with the same breaks: keep one orientation.
        first = meetings[0]
        model.add(2 * sum(t * x[first, t] for t in allowed[first]) <= problem.n_slots + 1)
    if budget is None:
        model.minimize(built.breaks)
    else:
        model.add(built.breaks <= budget)
    return built


def _pattern_breaks(model: cp_model.CpModel, x: dict, ms: list[int], p: int, pats: list[list[int]],
                    problem: Problem, chosen: list) -> cp_model.LinearExpr:
    """Exactly one busy pattern; the participant meets in slot t iff its pattern holds t.
    Branching on these booleans decides a participant's whole day at once."""
    z = [model.new_bool_var(f"z{p}_{k}") for k in range(len(pats))]
    model.add_exactly_one(z)
    chosen.extend((var, set(pat)) for var, pat in zip(z, pats, strict=False))
    for t in range(1, problem.n_slots + 1):
        lits = [x[m, t] for m in ms if (m, t) in x]
        covering = [var for var, pat in zip(z, pats, strict=False) if t in pat]
        if lits or covering:
            model.add(sum(lits) == sum(covering))
    return sum(var * breaks_of(pat, problem.slot_days) for var, pat in zip(z, pats, strict=False))


def _busy(model: cp_model.CpModel, x: dict, ms: list[int], p: int, n_slots: int) -> list:
    """y[p, t] for t = 1..n_slots (constant 0 where no meeting of p may go)."""
    busy = []
    for t in range(1, n_slots + 1):
        lits = [x[m, t] for m in ms if (m, t) in x]
        if not lits:
            busy.append(0)
            continue
        y = model.new_bool_var(f"y{p}_{t}")
        model.add(sum(lits) == y)
        busy.append(y)
    return busy


def _run_starts(model: cp_model.CpModel, busy: list, p: int, problem: Problem) -> list:
    """s[t] <-> busy[t] and not busy[t-1], exactly (fairness needs exact break counts); busy[t-1]
    counts as idle at the first slot of a day."""
    starts = []
    prev = 0
    for t, y in enumerate(busy, start=1):
        if problem.new_day(t):
            prev = 0
        if isinstance(y, int):
            prev = y
            continue
        if isinstance(prev, int):
            starts.append(y)  # a busy slot after a certainly idle one always starts a run
        else:
            s = model.new_bool_var(f"s{p}_{t}")
            model.add_bool_and([y, prev.Not()]).only_enforce_if(s)
            model.add_bool_or([y.Not(), prev, s])
            starts.append(s)
        prev = y
    return starts


def _days_met(model: cp_model.CpModel, busy: list, p: int, problem: Problem) -> cp_model.LinearExpr | int:
    """Number of days on which p meets: d[day] <-> some busy slot of that day, exactly. On a one-day
    forum the caller's participants (two or more meetings) always meet: the constant 1."""
    if not problem.multi_day():
        return 1
    days: dict[int, list] = {}
    for t, y in enumerate(busy, start=1):
        if not isinstance(y, int):
            days.setdefault(problem.day_of(t), []).append(y)
    met = []
    for day, ys in days.items():
        d = model.new_bool_var(f"d{p}_{day}")
        model.add_max_equality(d, ys)
        met.append(d)
    return sum(met)


def build_max_model(problem: Problem, allowed: dict[int, list[int]], weights: dict[int, int]) -> Model:
    """Meetings optional; maximise the total weight of scheduled meetings."""
    meetings = [m for m in weights if allowed[m]]
    built = _base(problem, allowed, meetings, optional=True)
    by_id = {m.id: m for m in problem.meetings}
    for p in {q for m in meetings for q in (by_id[m].p1, by_id[m].p2)}:
        ms = [m for m in meetings if p in (by_id[m].p1, by_id[m].p2)]
        for t in range(1, problem.n_slots + 1):
            lits = [built.x[m, t] for m in ms if (m, t) in built.x]
            if len(lits) > 1:
                built.model.add_at_most_one(lits)
    built.model.maximize(sum(weights[m] * built.chosen[m] for m in meetings))
    return built


# For yes/no questions ("at most k breaks?") plain CDCL search without the LP finds schedules much
# faster on the benchmark than the default LP-based worker (forumt-14crafd: 20 s -> 2 s).
DECISION_WORKERS = ["no_lp", "quick_restart_no_lp", "default_lp", "quick_restart", "max_lp", "core",
                    "pseudo_costs", "probing"]


def solver(seconds: float, workers: int, decision: bool = False, seed: int = 0) -> cp_model.CpSolver:
    """A CP-SAT solver with our time and thread limits."""
    s = cp_model.CpSolver()
    s.parameters.max_time_in_seconds = max(0.05, seconds)
    s.parameters.num_workers = workers
    s.parameters.random_seed = seed
    if decision:
        for name in DECISION_WORKERS[:workers]:
            s.parameters.subsolvers.append(name)
    return s
