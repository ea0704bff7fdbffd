"""Plain data types of the B2B meeting-scheduling problem and of its result."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum


class Session(IntEnum):
    """When a meeting may take place (numbers as in the benchmark `.dzn` files)."""

    MORNING = 1
    AFTERNOON = 2
    ANY = 3


@dataclass(frozen=True)
class Meeting:
    """A requested meeting between participants `p1` and `p2`; higher `priority` is kept first."""

    id: int
    p1: int
    p2: int
    session: Session = Session.ANY
    priority: int = 0


@dataclass
class Problem:
    """A forum to schedule. Slots are 1..n_slots; slots 1..morning_slots form the morning session.

    `forbidden` maps a participant to slots it cannot meet in, `fixed` a meeting to the slot it must
    take (a locked meeting), `fixed_tables` a meeting to its locked table, and `precedences` a meeting
    to the meetings that must come before it. `slot_days` gives the day of each slot (index t - 1;
    empty: all slots on one day); each day is a run of consecutive slots. Breaks are counted per day:
    idle slots overnight, before a participant's first or after its last meeting of a day are none.
    """

    participants: list[int]
    meetings: list[Meeting]
    n_slots: int
    morning_slots: int
    n_tables: int
    forbidden: dict[int, set[int]] = field(default_factory=dict)
    fixed: dict[int, int] = field(default_factory=dict)
    fixed_tables: dict[int, int] = field(default_factory=dict)
    precedences: dict[int, set[int]] = field(default_factory=dict)
    slot_days: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.slot_days and len(self.slot_days) != self.n_slots:
            raise ValueError(f"slot_days has {len(self.slot_days)} entries for {self.n_slots} slots")
        changes = [t for t in range(2, len(self.slot_days) + 1) if self.new_day(t)]
        if len({self.slot_days[t - 1] for t in changes} | {self.day_of(1)}) != len(changes) + 1:
            raise ValueError("the slots of each day must be consecutive")

    def day_of(self, t: int) -> int:
        """The day of slot t (1 when `slot_days` is empty)."""
        return self.slot_days[t - 1] if self.slot_days else 1

    def new_day(self, t: int) -> bool:
        """True when slot t is the first of its day (slot 1 included)."""
        return t == 1 or self.day_of(t) != self.day_of(t - 1)

    def multi_day(self) -> bool:
        """True when the slots lie on two or more days."""
        return len(set(self.slot_days)) > 1

    def session_slots(self, session: Session) -> range:
        """The slots a meeting of `session` may use, before forbidden slots are removed."""
        if session == Session.MORNING:
            return range(1, self.morning_slots + 1)
        if session == Session.AFTERNOON:
            return range(self.morning_slots + 1, self.n_slots + 1)
        return range(1, self.n_slots + 1)

    def meetings_of(self) -> dict[int, list[Meeting]]:
        """Each participant's meetings (participants without meetings map to an empty list)."""
        result: dict[int, list[Meeting]] = {p: [] for p in self.participants}
        for m in self.meetings:
            result.setdefault(m.p1, []).append(m)
            result.setdefault(m.p2, []).append(m)
        return result


@dataclass
class Schedule:
    """A solver result: `assignments` maps meeting id -> (slot, table); `unscheduled` lists
    (meeting id, reason) for meetings that could not be placed. `breaks` is the total number of
    breaks, `lower_bound` a proved lower bound on it, `optimal` whether `breaks` is proved minimal
    (when meetings are left out: minimal among the schedules that keep the heaviest set of meetings).
    `fair` is False when no schedule within the fairness spread was found in the time limit (or none
    exists); `warnings` then holds the validator's message."""

    assignments: dict[int, tuple[int, int]]
    unscheduled: list[tuple[int, str]] = field(default_factory=list)
    breaks: int = 0
    optimal: bool = False
    lower_bound: int = 0
    seconds: float = 0.0
    breaks_by_participant: dict[int, int] = field(default_factory=dict)
    fair: bool = True
    warnings: list[str] = field(default_factory=list)
