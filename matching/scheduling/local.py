"""Local search that lowers breaks of a valid schedule, for forums too large for an exact model.

Moves keep the schedule valid: relocate one meeting to a slot free for both participants, or swap
the slots of two meetings that share a participant. Moves are compared lexicographically: first
the fairness excess (breaks above the smallest count plus the allowed spread, summed over
participants), then total breaks. So a fair schedule never becomes unfair, and an unfair start is
repaired first, at any price in breaks (forumt-14crafe used to end at 0..3 breaks with spread 2).
"""
from __future__ import annotations

import random
import time
from collections import Counter

from .problem import Problem


def _breaks(slots: set[int]) -> int:
    s = sorted(slots)
    return sum(1 for a, b in zip(s, s[1:], strict=False) if b > a + 1)


class _State:
    """Slots per meeting, busy slot -> meeting per participant, load per slot, and break counts
    (per participant with two or more meetings, and how many participants have each count)."""

    def __init__(self, problem: Problem, slots: dict[int, int], spread: int | None) -> None:
        self.problem, self.slot, self.spread = problem, dict(slots), spread
        self.ends = {m.id: (m.p1, m.p2) for m in problem.meetings if m.id in slots}
        self.busy: dict[int, dict[int, int]] = {}
        self.load = [0] * (problem.n_slots + 2)
        for m, t in slots.items():
            for p in self.ends[m]:
                self.busy.setdefault(p, {})[t] = m
            self.load[t] += 1
        # participants with one meeting never have a break and do not count for fairness
        self.count = {p: _breaks(set(busy)) for p, busy in self.busy.items() if len(busy) >= 2}
        self.hist = Counter(self.count.values())

    def excess(self) -> int:
        """Breaks above (smallest count + spread), summed over participants: 0 iff fair."""
        if self.spread is None or not self.hist:
            return 0
        cap = min(c for c, n in self.hist.items() if n) + self.spread
        return sum(n * (c - cap) for c, n in self.hist.items() if c > cap)

    def accept(self, changes: dict[int, tuple[set[int], set[int]]]) -> bool:
        """Apply the break counts of a move (participants' busy slots lose / gain the given slots)
        when it keeps (fairness excess, total breaks) lexicographically no worse; else undo them."""
        before = self.excess()
        old = {p: self.count[p] for p in changes if p in self.count}
        new = {p: _breaks((set(self.busy[p]) - lose) | gain) for p, (lose, gain) in changes.items() if p in old}
        self._set(new)
        after = self.excess()
        if (after, sum(new.values())) <= (before, sum(old.values())):
            return True
        self._set(old)
        return False

    def _set(self, counts: dict[int, int]) -> None:
        for p, c in counts.items():
            self.hist[self.count[p]] -= 1
            self.hist[c] += 1
            self.count[p] = c


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
    if st.accept({p1: ({t}, {u}), p2: ({t}, {u})}):
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
    if st.accept({q: ({t}, {u}), r: ({u}, {t})}):  # p keeps both slots
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
    if st.accept(changes):
        for p in st.ends[m]:
            del st.busy[p][t]
            st.busy[p][u] = m
        for p in st.ends[n]:
            del st.busy[p][u]
            st.busy[p][t] = n
        st.slot[m], st.slot[n] = u, t
