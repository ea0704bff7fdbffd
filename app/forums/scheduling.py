"""Bridge to the CP-SAT scheduler: build its Problem from a forum and write the Schedule back."""
from flask_babel import gettext as _

from app.errors import DomainError
from app.extensions import db
from app.forums import notices
from app.forums.models import Forum, ForumStage, Meeting
from app.forums.services import forum_slots
from app.models_base import utcnow
from matching import scheduling


def build_problem(forum: Forum, n_slots: int, slot_days: list[int] | None = None) -> scheduling.Problem:
    """Participants and meetings by database id; locked meetings keep their slot and table; `slot_days`
    (day number per slot) makes the scheduler count breaks per day and balance the days."""
    meetings = [m for m in forum.meetings]
    locked = [m for m in meetings if m.is_locked and m.slot is not None]
    return scheduling.Problem(
        participants=[p.id for p in forum.participants],
        meetings=[scheduling.Meeting(id=m.id, p1=m.p1_id, p2=m.p2_id, priority=m.priority) for m in meetings],
        # Sessions are already cut into slots, so one "morning" spanning every slot; meetings may take any.
        n_slots=n_slots,
        morning_slots=n_slots,
        n_tables=forum.n_tables,
        forbidden={p.id: set(p.unavailable_slots or []) for p in forum.participants if p.unavailable_slots},
        fixed={m.id: m.slot for m in locked},
        fixed_tables={m.id: m.table for m in locked},
        slot_days=slot_days or [],
    )


def prepare_problem(forum: Forum) -> scheduling.Problem:
    """The forum as a scheduling problem, after checking that there is something to schedule."""
    if forum.stage in (ForumStage.REGISTRATION, ForumStage.FINISHED):
        raise DomainError(_("Meetings are scheduled once meeting requests are open and before the forum ends."))
    slots = forum_slots(forum)
    n_slots = len(slots)
    if not n_slots:
        raise DomainError(_("The forum has no time slots: add sessions first."))
    if not forum.meetings:
        raise DomainError(_("There are no accepted meetings to schedule."))
    return build_problem(forum, n_slots, [s.day.toordinal() for s in slots])


def apply_result(forum: Forum, result: scheduling.Schedule) -> None:
    """Write a solver result, unless it placed nothing while a schedule exists."""
    if not result.assignments and any(m.slot is not None for m in forum.meetings):
        # Most likely the time ran out before any schedule was found: never wipe a schedule people may hold.
        raise DomainError(_("The scheduler found no schedule in %(s)s seconds; the current schedule is kept.",
                            s=round(result.seconds)))
    write_schedule(forum, result)


def schedule_forum(forum: Forum, time_limit: float = 20) -> scheduling.Schedule:
    """Run the scheduler over the forum's meetings and store slots, tables, moves and reasons."""
    result = scheduling.solve(prepare_problem(forum), time_limit=time_limit)
    apply_result(forum, result)
    return result


def write_schedule(forum: Forum, result: scheduling.Schedule) -> None:
    """Store the result; after publishing, a meeting that changes place remembers where it was ("moved from")."""
    before = {m.id: (m.slot, m.table) for m in forum.meetings}
    reasons = dict(result.unscheduled)
    # Free every place first so that swaps never trip the unique (forum, slot, table) constraint mid-flush.
    for m in forum.meetings:
        m.slot = m.table = None
    db.session.flush()
    published = forum.stage == ForumStage.SCHEDULED  # before publishing nobody has seen a place: no "moved"
    for m in forum.meetings:
        old = before[m.id]
        m.slot, m.table = result.assignments.get(m.id, (None, None))
        if not published:
            m.previous_slot = m.previous_table = None
        elif old[0] is not None and old != (m.slot, m.table):
            m.previous_slot, m.previous_table = old
            notices.meeting_moved(m)
        # stored as the scheduler says it (English data, like the library's reasons), not in one user's language
        m.unscheduled_reason = reasons.get(m.id, "not scheduled")[:300] if m.slot is None else None
        if m.slot is None:
            m.is_locked = False
    forum.last_run = {"status": "done", "at": utcnow().isoformat(timespec="seconds"),
                      "scheduled": len(result.assignments), "unscheduled": len(result.unscheduled),
                      "breaks": result.breaks, "optimal": result.optimal, "lower_bound": result.lower_bound,
                      "seconds": round(result.seconds, 1)}
    db.session.flush()


def lock_scheduled(forum: Forum, locked: bool = True) -> int:
    """Lock (or unlock) every scheduled meeting; returns how many changed."""
    changed = 0
    for m in forum.meetings:
        if m.slot is not None and m.is_locked != locked:
            m.is_locked, changed = locked, changed + 1
    db.session.flush()
    return changed


def meeting_by_place(forum: Forum) -> dict[tuple[int, int], Meeting]:
    """(slot, table) -> meeting, for the organiser's grid."""
    return {(m.slot, m.table): m for m in forum.meetings if m.slot is not None}
