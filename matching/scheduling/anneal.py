"""Simulated annealing over Kempe-chain moves: the heuristic behind the hard benchmark instances.

A move takes a meeting m in slot t and a slot u it may use, and swaps t and u for the whole
connected group of meetings in those two slots that share participants with m (a Kempe chain, as
in exam timetabling). Every participant keeps at most one meeting per slot, so the schedule stays
valid; when the swap overfills a slot's tables, a second chain that balances the count is looked
for. Rarely, two whole slots swap. Moving one meeting at a time cannot close most gaps (it opens
one for the partner); chains move a participant's partners together.

Cost: total breaks, plus a weight on fairness excess (breaks above the smallest count plus the
spread), plus a small weight on idle slots between a participant's first and last meeting of each
day, which gives the search a slope on the plateaus of the break count. Both are counted per day
(see `Problem`): the night is not idle time. The best schedule is compared by
(fairness excess, breaks): a fair schedule is never traded for an unfair one.

Measured on the published instances where the exact phase does not finish (bench/scheduling.py,
docs/benchmarks.md): local search with single moves ended 11-22 breaks above the optimum, annealing
over chains 0-8 above it.
"""
from __future__ import annotations

import math
import random
import time
from collections import Counter

from .problem import Problem

FAIRNESS_WEIGHT = 4.0
IDLE_WEIGHT = 0.6  # measured on forum-14 / tic-13crafc: 0.1-0.3 and 1.0 end higher
MAX_CHAIN = 40
GAP_SHARE = 0.5  # moves aimed at a gap of a participant with a break; the rest are random


class _Annealer:
    """Schedule state with per-participant busy arrays, slot loads and cost parts."""

    def __init__(self, problem: Problem, allowed: dict[int, list[int]], slots: dict[int, int],
                 spread: int | None, rng: random.Random) -> None:
        self.problem, self.spread, self.rng = problem, spread, rng
        self.n = problem.n_slots
        self.new_day = [False] + [problem.new_day(t) for t in range(1, self.n + 1)]
        self.ends = {m.id: (m.p1, m.p2) for m in problem.meetings if m.id in slots}
        self.slot = dict(slots)
        # a meeting locked to a table but not to a slot stays put: moving it could meet another
        # meeting locked to the same table
        pinned = {m: [slots[m]] for m in problem.fixed_tables if m in self.ends and m not in problem.fixed}
        self.allowed = {m: pinned.get(m, allowed[m]) for m in self.ends}
        self.allowed_set = {m: set(self.allowed[m]) for m in self.ends}
        self.ids = list(self.ends)
        self.busy: dict[int, list[int]] = {}
        self.load = [0] * (self.n + 2)
        self.in_slot: list[list[int]] = [[] for _ in range(self.n + 2)]
        self.pos: dict[int, int] = {}
        for m, t in self.slot.items():
            for p in self.ends[m]:
                self.busy.setdefault(p, [0] * (self.n + 2))[t] = m
            self.load[t] += 1
            self.pos[m] = len(self.in_slot[t])
            self.in_slot[t].append(m)
        n_meetings = Counter(p for pair in self.ends.values() for p in pair)
        # participants with one meeting never have a break and do not count for fairness
        measured = {p: self._measure(row) for p, row in self.busy.items() if n_meetings[p] >= 2}
        self.count = {p: b for p, (b, _) in measured.items()}
        self.idle = {p: g for p, (_, g) in measured.items()}
        self.ids_people = list(self.count)
        self.hist = Counter(self.count.values())
        self.total = sum(self.count.values())
        self.idle_total = sum(self.idle.values())

    def _measure(self, row: list[int]) -> tuple[int, int]:
        """(breaks, idle slots between meetings) of one participant's busy row, both per day."""
        breaks = idle = first = last = busy = 0
        gap = False
        for t in range(1, self.n + 1):
            if self.new_day[t]:
                idle += last - first + 1 - busy if busy else 0
                first = last = busy = 0
                gap = False
            if row[t]:
                if gap:
                    breaks += 1
                if not first:
                    first = t
                last, busy, gap = t, busy + 1, False
            elif first:
                gap = True
        return breaks, idle + (last - first + 1 - busy if busy else 0)

    def excess(self) -> int:
        if self.spread is None or not self.hist:
            return 0
        cap = min(c for c, k in self.hist.items() if k) + self.spread
        return sum(k * (c - cap) for c, k in self.hist.items() if c > cap)

    def cost(self) -> float:
        return self.total + FAIRNESS_WEIGHT * self.excess() + IDLE_WEIGHT * self.idle_total

    def chain(self, m: int, t: int, u: int, taken: set[int]) -> list[int] | None:
        """Meetings in slots t/u linked to m through shared participants; None when one of them
        cannot use the other slot, touches `taken` participants, or the chain grows too long."""
        group, seen, i = [m], {m}, 0
        while i < len(group):
            k = group[i]
            i += 1
            other = u if self.slot[k] == t else t
            if other not in self.allowed_set[k]:
                return None
            for p in self.ends[k]:
                if p in taken:
                    return None
                o = self.busy[p][other]
                if o and o not in seen:
                    seen.add(o)
                    group.append(o)
            if len(group) > MAX_CHAIN:
                return None
        return group

    def balance(self, group: list[int], t: int, u: int) -> int:
        """Net meetings the chain moves into slot u."""
        into_u = sum(1 for k in group if self.slot[k] == t)
        return into_u - (len(group) - into_u)

    def flip(self, group: list[int], t: int, u: int) -> None:
        """Swap slots t and u for every meeting of `group` (its own inverse)."""
        for k in group:
            for p in self.ends[k]:
                if self.busy[p][self.slot[k]] == k:
                    self.busy[p][self.slot[k]] = 0
        for k in group:
            a = self.slot[k]
            b = u if a == t else t
            for p in self.ends[k]:
                self.busy[p][b] = k
            self._relist(k, a, b)

    def _relist(self, k: int, a: int, b: int) -> None:
        row = self.in_slot[a]
        i = self.pos[k]
        row[i] = row[-1]
        self.pos[row[i]] = i
        row.pop()
        self.pos[k] = len(self.in_slot[b])
        self.in_slot[b].append(k)
        self.slot[k] = b
        self.load[a] -= 1
        self.load[b] += 1

    def rescore(self, people: set[int]) -> dict[int, tuple[int, int]]:
        """Recount the given participants; returns their previous (breaks, idle) for undo."""
        old = {}
        for p in people:
            old[p] = (self.count[p], self.idle[p])
            b, g = self._measure(self.busy[p])
            self._set(p, b, g)
        return old

    def restore(self, old: dict[int, tuple[int, int]]) -> None:
        for p, (b, g) in old.items():
            self._set(p, b, g)

    def _set(self, p: int, b: int, g: int) -> None:
        self.hist[self.count[p]] -= 1
        self.hist[b] += 1
        self.total += b - self.count[p]
        self.idle_total += g - self.idle[p]
        self.count[p], self.idle[p] = b, g

    def pick_random(self) -> tuple[int, int]:
        """A random meeting and a random slot it may use."""
        m = self.ids[self.rng.randrange(len(self.ids))]
        opts = self.allowed[m]
        return m, opts[self.rng.randrange(len(opts))]

    def pick_gap(self) -> tuple[int, int] | None:
        """A meeting of a participant with a break, aimed at an idle slot inside that participant's
        day (the move most likely to close the gap)."""
        rng = self.rng
        p = self.ids_people[rng.randrange(len(self.ids_people))]
        if not self.count[p]:
            return None
        row = self.busy[p]
        busy = [t for t in range(1, self.n + 1) if row[t]]
        # idle slots between two busy slots of the same day (no day starts in between)
        idle = [t for a, b in zip(busy, busy[1:], strict=False)
                if not any(self.new_day[a + 1:b + 1]) for t in range(a + 1, b)]
        return row[busy[rng.randrange(len(busy))]], idle[rng.randrange(len(idle))]

    def propose(self) -> list[tuple[list[int], int, int]] | None:
        """One move as a list of (chain, t, u) flips, or None when it is not valid."""
        rng = self.rng
        picked = self.pick_gap() if rng.random() < GAP_SHARE else self.pick_random()
        if picked is None:
            return None
        m, u = picked
        t = self.slot[m]
        if u == t or u not in self.allowed_set[m]:
            return None
        group = self.chain(m, t, u, set())
        if group is None:
            return None
        net = self.balance(group, t, u)
        tables = self.problem.n_tables
        if self.load[u] + net <= tables and self.load[t] - net <= tables:
            return [(group, t, u)]
        # the chain overfills a slot: add a chain going the other way, among other participants
        full = u if net > 0 else t
        taken = {p for k in group for p in self.ends[k]}
        for _ in range(4):
            row = self.in_slot[full]
            if not row:
                return None
            n = row[rng.randrange(len(row))]
            second = self.chain(n, t, u, taken)
            if second is None:
                continue
            both = net + self.balance(second, t, u)
            if self.load[u] + both <= tables and self.load[t] - both <= tables:
                return [(group, t, u), (second, t, u)]
        return None

    def propose_slot_swap(self) -> list[tuple[list[int], int, int]] | None:
        """Swap two whole slots (loads unchanged) when every meeting may use the other slot."""
        t, u = self.rng.sample(range(1, self.n + 1), 2)
        group = self.in_slot[t] + self.in_slot[u]
        if not group or any((u if self.slot[k] == t else t) not in self.allowed_set[k] for k in group):
            return None
        return [(list(group), t, u)]


def anneal(problem: Problem, allowed: dict[int, list[int]], slots: dict[int, int], seconds: float,
           max_spread: int | None = 2, seed: int = 0, target: int = 0, start_temp: float = 1.0,
           end_temp: float = 0.05) -> dict[int, int]:
    """The best schedule found from the valid `slots` within `seconds` (stops early at `target`
    breaks when fair). Precedences are not handled by these moves: then `slots` comes back as is."""
    if problem.precedences or not slots:
        return dict(slots)
    rng = random.Random(seed)
    st = _Annealer(problem, allowed, slots, max_spread, rng)
    cost = st.cost()
    best_key, best = (st.excess(), st.total), dict(st.slot)
    began = time.monotonic()
    deadline = began + seconds
    temp, steps = start_temp, 0
    while best_key > (0, target):
        steps += 1
        if steps & 255 == 0:
            now = time.monotonic()
            if now >= deadline:
                break
            temp = start_temp * (end_temp / start_temp) ** ((now - began) / seconds)
        move = st.propose_slot_swap() if steps % 50 == 0 else st.propose()
        if move is None:
            continue
        for group, t, u in move:
            st.flip(group, t, u)
        people = {p for group, _, _ in move for k in group for p in st.ends[k] if p in st.count}
        old = st.rescore(people)
        new_cost = st.cost()
        delta = new_cost - cost
        if delta <= 0 or rng.random() < math.exp(-delta / temp):
            cost = new_cost
            key = (st.excess(), st.total)
            if key < best_key:
                best_key, best = key, dict(st.slot)
        else:
            for group, t, u in reversed(move):
                st.flip(group, t, u)
            st.restore(old)
    return best
