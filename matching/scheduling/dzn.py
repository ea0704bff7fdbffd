"""Reader for the MiniZinc data files (`.dzn`) of the published B2B benchmark.

Fields (see Bofill et al., JAIR 74 (2022)): nBusiness, nMeetings, nTables, nTotalSlots,
nMorningSlots, requested (p1, p2, session rows), forbidden (set per participant, 0 = placeholder),
fixed (slot per meeting, 0 = free), precedences (set of earlier meetings per meeting).
Derived indexes (meetingsxBusiness, nMeetingsBusiness) are ignored: we rebuild them from requested.
"""
from __future__ import annotations

import re
from pathlib import Path

from .problem import Meeting, Problem, Session

_INT = re.compile(r"-?\d+")


def _statements(text: str) -> dict[str, str]:
    """Split `name = value;` statements, comments removed."""
    text = re.sub(r"%[^\n]*", "", text)
    result = {}
    for stmt in text.split(";"):
        if "=" in stmt:
            name, value = stmt.split("=", 1)
            result[name.strip()] = value.strip()
    return result


def _sets(value: str) -> list[set[int]]:
    """Parse an array of integer sets such as `[{1,2}, {}, {0}]`."""
    return [{int(x) for x in _INT.findall(body)} for body in re.findall(r"\{([^}]*)\}", value)]


def parse_dzn(text: str) -> Problem:
    """Build a `Problem` from the text of a benchmark `.dzn` file (ids stay 1-based)."""
    st = _statements(text)
    n_business = int(st["nBusiness"])
    n_meetings = int(st["nMeetings"])
    rows = [int(x) for x in _INT.findall(st["requested"])]
    if len(rows) != 3 * n_meetings:
        raise ValueError(f"requested holds {len(rows)} numbers, expected {3 * n_meetings}")
    meetings = [
        Meeting(id=i + 1, p1=rows[3 * i], p2=rows[3 * i + 1], session=Session(rows[3 * i + 2]))
        for i in range(n_meetings)
    ]
    forbidden = {}
    for p, slots in enumerate(_sets(st.get("forbidden", "[]")), start=1):
        slots.discard(0)  # {0} is the file format's placeholder for "none"
        if slots:
            forbidden[p] = slots
    fixed_list = [int(x) for x in _INT.findall(st.get("fixed", "[]"))]
    fixed = {m: t for m, t in enumerate(fixed_list, start=1) if t != 0}
    precedences = {m: s for m, s in enumerate(_sets(st.get("precedences", "[]")), start=1) if s - {0}}
    return Problem(
        participants=list(range(1, n_business + 1)),
        meetings=meetings,
        n_slots=int(st["nTotalSlots"]),
        morning_slots=int(st["nMorningSlots"]),
        n_tables=int(st["nTables"]),
        forbidden=forbidden,
        fixed=fixed,
        precedences={m: s - {0} for m, s in precedences.items()},
    )


def read_dzn(path: str | Path) -> Problem:
    """Read a benchmark `.dzn` file."""
    return parse_dzn(Path(path).read_text(encoding="utf-8"))
