"""An order of participants and meetings that does not depend on how the input listed them.

The MaxSAT solver's run time depends heavily on the order of its variables: forum-13crafc was proved
in 2 s in the published order and not in 60 s on randomly relabelled copies. Before encoding, the
problem is put in an order read from its structure alone: colour refinement (Weisfeiler-Lehman) gives
each participant a colour from its degree, its meetings' sessions, its forbidden slots and, round by
round, its partners' colours; participants are ranked by colour (busiest first, like the organisers'
own listing by requester), each meeting is written from its better-ranked participant and meetings are
sorted by their participants' ranks. Participants of equal colour keep their input order as a
tie-break; the 70-76 participants of the hard published instances fall into 65-68 colours.
"""
from __future__ import annotations

import random
from dataclasses import replace

from .problem import Meeting, Problem


def _compress(keys: dict[int, tuple]) -> dict[int, int]:
    """Replace each key by its rank among the distinct keys (keeps the colours small)."""
    ranks = {key: i for i, key in enumerate(sorted(set(keys.values())))}
    return {p: ranks[key] for p, key in keys.items()}


def colours(problem: Problem, rounds: int = 6) -> dict[int, int]:
    """Colour refinement of the meeting graph; equal colours mean "looks the same from here"."""
    partners: dict[int, list[tuple[int, int]]] = {p: [] for p in problem.participants}
    for m in problem.meetings:
        partners.setdefault(m.p1, []).append((m.p2, int(m.session)))
        partners.setdefault(m.p2, []).append((m.p1, int(m.session)))
    colour = _compress({p: (-len(ps), tuple(sorted(s for _, s in ps)), tuple(sorted(problem.forbidden.get(p, ()))))
                        for p, ps in partners.items()})
    for _ in range(rounds):
        refined = _compress({p: (colour[p], tuple(sorted((colour[q], s) for q, s in ps)))
                             for p, ps in partners.items()})
        stable = len(set(refined.values())) == len(set(colour.values()))
        colour = refined
        if stable:
            break
    return colour


def canonical(problem: Problem) -> Problem:
    """The same problem (same ids) with participants and meetings in structural order."""
    colour = colours(problem)
    order = sorted(colour, key=colour.__getitem__)  # stable: ties keep the input order
    rank = {p: i for i, p in enumerate(order)}

    def oriented(m: Meeting) -> Meeting:
        return m if rank[m.p1] <= rank[m.p2] else replace(m, p1=m.p2, p2=m.p1)

    meetings = sorted((oriented(m) for m in problem.meetings), key=lambda m: (rank[m.p1], rank[m.p2], m.session))
    return replace(problem, participants=order, meetings=meetings)


def sort_ids(problem: Problem, ids: list[int]) -> list[int]:
    """`ids` in the order `problem` lists its meetings."""
    position = {m.id: i for i, m in enumerate(problem.meetings)}
    return sorted(ids, key=position.__getitem__)


def relabelled(problem: Problem, rng: random.Random) -> Problem:
    """The same forum up to names: participants and meeting ids renamed at random, meetings listed in
    a random order with their two participants in random order (slots keep their numbers, since
    they carry time). For benchmarks and tests that check the solver does not depend on input order."""
    names = list(problem.participants)
    rng.shuffle(names)
    person = dict(zip(problem.participants, names, strict=True))
    ids = [m.id for m in problem.meetings]
    rng.shuffle(ids)
    ident = dict(zip((m.id for m in problem.meetings), ids, strict=True))
    meetings = []
    for m in rng.sample(problem.meetings, len(problem.meetings)):
        p1, p2 = (person[m.p1], person[m.p2]) if rng.random() < 0.5 else (person[m.p2], person[m.p1])
        meetings.append(replace(m, id=ident[m.id], p1=p1, p2=p2))
    return replace(problem, participants=rng.sample(names, len(names)), meetings=meetings,
                   forbidden={person[p]: set(s) for p, s in problem.forbidden.items()},
                   fixed={ident[m]: t for m, t in problem.fixed.items()},
                   fixed_tables={ident[m]: k for m, k in problem.fixed_tables.items()},
                   precedences={ident[m]: {ident[b] for b in bs} for m, bs in problem.precedences.items()})
