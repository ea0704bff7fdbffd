"""Break minimisation as weighted MaxSAT, solved by RC2 (PySAT's core-guided MaxSAT solver).

Encoding (all clauses; cardinalities through PySAT's encodings):
- x[m, t] per meeting and allowed slot, exactly one per meeting; at most `n_tables` per slot;
  meetings locked to one table never share a slot; precedences as "m at t needs b before t".
- y[p, t] = participant p meets in slot t (at most one of its meetings there); f[p, t] = p met
  in some slot of t's day up to t (the chain restarts at each day's first slot).
- A break of p starts at slot t when y[p, t], not y[p, t-1] and f[p, t-2], for slots t whose
  day also holds t-2 (breaks are counted per day, so none starts at a day's first or second slot):
  that implies a boolean b[p, t], and each b[p, t] is a soft clause "not b" of weight 1, so the
  MaxSAT cost is the number of breaks (minimisation keeps b false unless forced).
- Implied constraints that shorten the proofs: every participant is busy in exactly as many
  slots as it has meetings, at most 2 x n_tables participants are busy in one slot (two per
  table), and each participant has at least its own lower bound of breaks (`analysis.min_breaks`).
  The per-slot count took forum-13crafb from no answer in 60 s to the proved optimum in 7-17 s.

RC2 raises the lower bound one unsatisfiable core at a time and stops at a schedule, which is then
optimal; under a time limit it is interrupted and the bound it proved so far is still valid.
Fairness (break counts within a spread) is encoded on request only (`max_spread`): it makes the
break booleans exact and adds a level L with every count in [L, L + spread]. The caller first
solves without it, which is faster, and asks again with it only when that schedule is unfair.
`keep_most` makes every meeting optional with a soft clause that outweighs all breaks together,
for forums where not every meeting fits.
"""
from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass

from pysat.card import CardEnc, EncType
from pysat.examples.rc2 import RC2, RC2Stratified
from pysat.formula import WCNF, IDPool

from .problem import Problem


@dataclass
class Result:
    """`slots` (meeting -> slot) when RC2 finished, else None; `bound` a proved lower bound;
    `infeasible` when RC2 proved that no schedule satisfies the hard clauses."""

    slots: dict[int, int] | None
    bound: int
    infeasible: bool = False


class _Encoder:
    """Builds the weighted CNF: placement, then breaks, then (optionally) fairness."""

    def __init__(self, problem: Problem, allowed: dict[int, list[int]], meetings: list[int],
                 optional: bool = False) -> None:
        self.problem, self.allowed, self.meetings, self.optional = problem, allowed, meetings, optional
        self.pool = IDPool()
        self.wcnf = WCNF()
        self.counted: dict[int, int] = {}  # participant -> meetings, for those that can have breaks
        # slots where a break can start: t - 2 on the same day (3..n_slots on a one-day forum)
        self.break_slots = [t for t in range(3, problem.n_slots + 1)
                            if not problem.new_day(t) and not problem.new_day(t - 1)]

    def x(self, m: int, t: int) -> int:
        return self.pool.id(("x", m, t))

    def hard(self, clauses: list[list[int]]) -> None:
        for clause in clauses:
            self.wcnf.append(clause)

    def card(self, lits: list[int], bound: int, kind: str) -> None:
        """`kind` is "atmost", "atleast" or "equals"; ladder or pairwise for one-of, else a sequential counter."""
        if bound == 1 and kind != "atleast":
            encoding = EncType.pairwise if kind == "atmost" and len(lits) <= 5 else EncType.ladder
        else:
            encoding = EncType.seqcounter
        self.hard(getattr(CardEnc, kind)(lits, bound, vpool=self.pool, encoding=encoding).clauses)

    def placement(self) -> None:
        problem, allowed = self.problem, self.allowed
        for m in self.meetings:
            lits = [self.x(m, t) for t in allowed[m]]
            if not self.optional:
                self.card(lits, 1, "equals")
                continue
            placed = self.pool.id(("placed", m))  # the meeting gets a slot
            self.card(lits, 1, "atmost")
            self.wcnf.append([-placed, *lits])
            self.hard([[-lit, placed] for lit in lits])
        for t in range(1, problem.n_slots + 1):
            lits = [self.x(m, t) for m in self.meetings if t in allowed[m]]
            if len(lits) > problem.n_tables:
                self.card(lits, problem.n_tables, "atmost")
        by_table: dict[int, list[int]] = {}
        for m in self.meetings:
            if m in problem.fixed_tables:
                by_table.setdefault(problem.fixed_tables[m], []).append(m)
        for group in by_table.values():
            for t in range(1, problem.n_slots + 1):
                lits = [self.x(m, t) for m in group if t in allowed[m]]
                if len(lits) > 1:
                    self.card(lits, 1, "atmost")
        present = set(self.meetings)
        for m, before in problem.precedences.items():
            for b in before:
                if m in present and b in present:
                    for t in allowed[m]:
                        self.wcnf.append([-self.x(m, t)] + [self.x(b, u) for u in allowed[b] if u < t])

    def card_unless(self, escape: list[int], lits: list[int], bound: int, kind: str) -> None:
        """The cardinality constraint holds unless one of the `escape` literals is true: they join every
        clause (the encoding's auxiliary booleans are fresh, so this is exactly the implication)."""
        clauses = getattr(CardEnc, kind)(lits, bound, vpool=self.pool, encoding=EncType.seqcounter).clauses
        self.hard([[*escape, *clause] for clause in clauses])

    def fairness(self, spread: int) -> None:
        """Break counts of the counted participants within [L, L + spread] for some level L.

        The break booleans become exact (b[p, t] only when a break starts at t, f[p, t] only when p
        met by t), so the counts are true counts. Level booleans g[j] = "L >= j" for j up to the
        fewest breaks any counted participant can have (its meetings minus one, and half of each day's slots)."""
        n = self.problem.n_slots
        for p in self.counted:
            for t in range(1, n + 1):
                f, y = self.pool.id(("f", p, t)), self.pool.id(("y", p, t))
                self.wcnf.append([-f, y] + ([] if self.problem.new_day(t) else [self.pool.id(("f", p, t - 1))]))
                if t in self.break_slots:
                    b = self.pool.id(("b", p, t))
                    self.hard([[-b, y], [-b, -self.pool.id(("y", p, t - 1))], [-b, self.pool.id(("f", p, t - 2))]])
        if not self.counted:
            return
        lengths = Counter(self.problem.day_of(t) for t in range(1, n + 1))  # slots per day
        most = sum((k - 1) // 2 for k in lengths.values())  # breaks one participant can have at most
        top = min(min(k - 1, most) for k in self.counted.values())
        g = [self.pool.id(("g", j)) for j in range(top + 1)]  # g[0] is true
        self.wcnf.append([g[0]])
        for j in range(1, top + 1):
            self.wcnf.append([-g[j], g[j - 1]])
        for p in self.counted:
            starts = [self.pool.id(("b", p, t)) for t in self.break_slots]
            for j in range(1, top + 1):
                self.card_unless([-g[j]], starts, j, "atleast")
            for j in range(top + 1):
                # level exactly j (g[j] and not g[j + 1]): at most j + spread breaks
                if j + spread < len(starts):
                    self.card_unless([-g[j]] + ([g[j + 1]] if j < top else []), starts, j + spread, "atmost")

    def breaks(self, lower: dict[int, int]) -> None:
        """Busy, started and break booleans per participant with two or more meetings."""
        problem, n = self.problem, self.problem.n_slots
        per_p: dict[int, list[int]] = {}
        present = set(self.meetings)
        for mt in problem.meetings:
            if mt.id in present:
                per_p.setdefault(mt.p1, []).append(mt.id)
                per_p.setdefault(mt.p2, []).append(mt.id)
        busy_by_slot: dict[int, list[int]] = {}
        for p, ms in per_p.items():
            if len(ms) < 2:
                continue
            y = {t: self.pool.id(("y", p, t)) for t in range(1, n + 1)}
            f = {t: self.pool.id(("f", p, t)) for t in range(1, n + 1)}
            for t in range(1, n + 1):
                self.wcnf.append([-y[t], f[t]])
                if not problem.new_day(t):
                    self.wcnf.append([-f[t - 1], f[t]])
                lits = [self.x(m, t) for m in ms if t in self.allowed[m]]
                if not lits:
                    self.wcnf.append([-y[t]])
                    continue
                busy_by_slot.setdefault(t, []).append(y[t])
                if len(lits) > 1:
                    self.card(lits, 1, "atmost")
                self.wcnf.append([-y[t]] + lits)
                self.hard([[-lit, y[t]] for lit in lits])
            self.card(list(y.values()), len(ms), "atmost" if self.optional else "equals")
            starts = []
            for t in self.break_slots:
                b = self.pool.id(("b", p, t))
                starts.append(b)
                self.wcnf.append([-y[t], y[t - 1], -f[t - 2], b])
                self.wcnf.append([-b], weight=1)
            if lower.get(p, 0):
                self.card(starts, lower[p], "atleast")
            self.counted[p] = len(ms)
        for lits in busy_by_slot.values():
            if len(lits) > 2 * problem.n_tables:
                self.card(lits, 2 * problem.n_tables, "atmost")

    def slots(self, model: list[int]) -> dict[int, int]:
        """Meeting -> slot read from a model of the formula."""
        chosen = {lit for lit in model if lit > 0}
        return {m: t for m in self.meetings for t in self.allowed[m] if self.x(m, t) in chosen}


class _Interruptible:
    """RC2 passes `expect_interrupt` only to its main SAT calls; core exhaustion calls the solver
    without it, so an interrupt never reached them (a 5 s limit ran for 90 s on tic-13crafc.forb0003).
    Every call of ours may be interrupted."""

    expect_interrupt: bool

    def _call_oracle(self, assumptions=(), expect_interrupt=False):  # noqa: ARG002 - RC2's signature
        return super()._call_oracle(assumptions=list(assumptions), expect_interrupt=self.expect_interrupt)


class _RC2(_Interruptible, RC2):
    pass


class _RC2Stratified(_Interruptible, RC2Stratified):
    pass


def _compute(rc2: RC2, seconds: float) -> tuple[list[int] | None, int | None]:
    """RC2's optimal model (None when interrupted or the hard clauses fail) and, when interrupted,
    the cost it had proved at the deadline.

    One interrupt is not enough: RC2 clears it to finish the current core, and core exhaustion and
    stratification levels then call the SAT solver again (an RC2Stratified run went on for 100 s
    past a 5 s limit). So the watchdog keeps interrupting until `compute` returns. Those later
    interrupted calls count as "unsatisfiable" inside RC2 and inflate its cost; the cost read
    before the first interrupt is the one that was proved."""
    done = threading.Event()
    proved: list[int] = []

    def watchdog() -> None:
        if done.wait(max(0.0, seconds)):
            return
        proved.append(rc2.cost)
        while not done.is_set():
            rc2.interrupt()
            done.wait(0.02)

    thread = threading.Thread(target=watchdog, daemon=True)
    thread.start()
    try:
        model = rc2.compute(expect_interrupt=True)
    finally:
        done.set()
        thread.join()
    if proved:
        return None, proved[0]
    return model, None


def minimise(problem: Problem, allowed: dict[int, list[int]], meetings: list[int], lower: dict[int, int],
             seconds: float, max_spread: int | None = None, sat_solver: str = "g3",
             caps: list[tuple[list[int], int]] = ()) -> Result:
    """Fewest-breaks placement of every meeting in `meetings` within about `seconds` (RC2 finishes
    its current core after an interrupt, so it may overrun a little), fair when `max_spread` is set,
    with at most `cap` meetings in each group of slots in `caps`.
    The formula follows the order of `problem.meetings` and `meetings` (see `canonical`)."""
    enc = _Encoder(problem, allowed, meetings)
    enc.placement()
    for group, cap in caps:
        lits = [enc.x(m, t) for m in meetings for t in allowed[m] if t in group]
        if len(lits) > cap:
            enc.card(lits, cap, "atmost")
    enc.breaks(lower)
    if max_spread is not None:
        enc.fairness(max_spread)
    bound0 = sum(lower.values())
    with _RC2(enc.wcnf, solver=sat_solver, adapt=True, exhaust=True, minz=True) as rc2:
        model, proved = _compute(rc2, seconds)
        if proved is not None:
            return Result(None, max(bound0, proved))
        if model is None:
            return Result(None, bound0, infeasible=True)
        return Result(enc.slots(model), rc2.cost)


def keep_most(problem: Problem, allowed: dict[int, list[int]], weights: dict[int, int], seconds: float) -> Result:
    """When not every meeting fits: the schedule keeping the heaviest set of meetings (`weights`,
    e.g. lexicographic priorities) and, among those, with the fewest breaks, in one MaxSAT problem.
    Each meeting's "placed" soft clause outweighs every break together; RC2 with stratification
    (BLO) settles the meetings first. `bound` is the proved fewest breaks of such a schedule."""
    meetings = [m for m in weights if allowed[m]]
    enc = _Encoder(problem, allowed, meetings, optional=True)
    enc.placement()
    enc.breaks({})  # per-participant bounds assume every meeting stays: not valid here
    scale = sum(enc.wcnf.wght) + 1
    for m in meetings:
        enc.wcnf.append([enc.pool.id(("placed", m))], weight=weights[m] * scale)
    with _RC2Stratified(enc.wcnf, solver="g3", adapt=True, exhaust=True, minz=True) as rc2:
        model, proved = _compute(rc2, seconds)
        if model is None:
            return Result(None, 0, infeasible=proved is None)
        return Result(enc.slots(model), rc2.cost % scale)
