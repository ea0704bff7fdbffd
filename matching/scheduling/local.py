"""Local search that lowers breaks of a valid schedule, for forums too large for an exact model.

Moves keep the schedule valid: relocate one meeting to a slot free for both participants, or swap
the slots of two meetings that share a participant. Cost = breaks + a penalty for each break
above the fairness cap, so the search also repairs fairness when it can.
"""
from __future__ import annotations

import random
import time

from .problem import Problem


def _breaks(slots: set[int]) -> int:
    s = sorted(slots)
    return sum(1 for a, b in zip(s, s[1:], strict=False) if b > a + 1)


class _State:
    """Slots per meeting, busy slot -> meeting per participant, load per slot."""

    def __init__(self, problem: Problem, slots: dict[int, int], cap: int | None) -> None:
        self.problem, self.slot, self.cap = problem, dict(slots), cap
        self.ends = {m.id: (m.p1, m.p2) for m in problem.meetings if m.id in slots}
        self.busy: dict[int, dict[int, int]] = {}
        self.load = [0] * (problem.n_slots + 2)
        for m, t in slots.items():
            for p in self.ends[m]:
                self.busy.setdefault(p, {})[t] = m
            self.load[t] += 1

    def cost(self, p: int, slots: set[int]) -> int:
        b = _breaks(slots)
        return b + (10 * (b - self.cap) if self.cap is not None and b > self.cap else 0)

    def delta(self, changes: dict[int, tuple[set[int], set[int]]]) -> int:
        """Cost change when participants' busy slots lose / gain the given slots."""
        total = 0
        for p, (lose, gain) in changes.items():
            before = set(self.busy[p])
            total += self.cost(p, (before - lose) | gain) - self.cost(p, before)
        return total


def improve(problem: Problem, allowed: dict[int, list[int]], slots: dict[int, int], seconds: float,
            max_spread: int | None = 2, seed: int = 0) -> dict[int, int]:
    """Hill climbing with sideways moves from a valid `slots`; returns a schedule no worse."""
    rng = random.Random(seed)
    st = _State(problem, slots, max_spread)
    meetings = list(st.ends)
    allowed_set = {m: set(allowed[m]) for m in meetings}
    precedence = bool(problem.precedences)
    deadline = time.monotonic() + seconds
    while meetings and time.monotonic() < deadline and not precedence:
        for _ in range(500):
            m = rng.choice(meetings)
            r = rng.random()
            if r < 0.4:
                _try_relocate(st, m, allowed_set, rng)
            elif r < 0.8:
                _try_swap(st, m, allowed_set, rng)
            else:
                _try_exchange(st, m, rng.choice(meetings), allowed_set)
    return st.slot


def _try_relocate(st: _State, m: int, allowed_set: dict, rng: random.Random) -> None:
    p1, p2 = st.ends[m]
    t = st.slot[m]
    options = [u for u in allowed_set[m] if u != t and u not in st.busy[p1] and u not in st.busy[p2]
               and st.load[u] < st.problem.n_tables]
    if not options:
        return
    u = rng.choice(options)
    if st.delta({p1: ({t}, {u}), p2: ({t}, {u})}) <= 0:
        for p in (p1, p2):
            del st.busy[p][t]
            st.busy[p][u] = m
        st.load[t] -= 1
        st.load[u] += 1
        st.slot[m] = u


def _try_swap(st: _State, m: int, allowed_set: dict, rng: random.Random) -> None:
    p = rng.choice(st.ends[m])
    n = rng.choice(list(st.busy[p].values()))
    if n == m:
        return
    t, u = st.slot[m], st.slot[n]
    q = st.ends[m][0] if st.ends[m][1] == p else st.ends[m][1]
    r = st.ends[n][0] if st.ends[n][1] == p else st.ends[n][1]
    if u not in allowed_set[m] or t not in allowed_set[n] or q == r:
        return
    if u in st.busy[q] or t in st.busy[r]:
        return
    if st.delta({q: ({t}, {u}), r: ({u}, {t})}) <= 0:  # p keeps both slots
        del st.busy[q][t]
        st.busy[q][u] = m
        del st.busy[r][u]
        st.busy[r][t] = n
        st.busy[p][t], st.busy[p][u] = n, m
        st.slot[m], st.slot[n] = u, t


def _try_exchange(st: _State, m: int, n: int, allowed_set: dict) -> None:
    """Swap the slots of two meetings with four different participants (works when every table of
    a slot is taken, where relocation cannot move anything)."""
    t, u = st.slot[m], st.slot[n]
    people = st.ends[m] + st.ends[n]
    if t == u or len(set(people)) < 4 or u not in allowed_set[m] or t not in allowed_set[n]:
        return
    if any(u in st.busy[p] for p in st.ends[m]) or any(t in st.busy[p] for p in st.ends[n]):
        return
    changes = {p: ({t}, {u}) for p in st.ends[m]} | {p: ({u}, {t}) for p in st.ends[n]}
    if st.delta(changes) <= 0:
        for p in st.ends[m]:
            del st.busy[p][t]
            st.busy[p][u] = m
        for p in st.ends[n]:
            del st.busy[p][u]
            st.busy[p][t] = n
        st.slot[m], st.slot[n] = u, t
