"""Forum operations: slots, stages, joining, availability, meeting requests and meetings. The view commits."""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask import abort
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import exists, or_, select, update

from app.errors import DomainError
from app.extensions import db
from app.forums import notices
from app.forums.models import Forum, ForumSession, ForumStage, Meeting, MeetingRequest, Participant, RequestStatus
from app.models_base import utcnow

STAGE_ORDER = list(ForumStage)
FORUM_FIELDS = ("name", "city", "country", "timezone", "starts_on", "ends_on", "meeting_minutes", "break_minutes",
                "n_tables", "request_deadline")


@dataclass(frozen=True)
class Slot:
    """A numbered time slot (1..n) in which every table hosts one meeting."""

    number: int
    day: date
    starts_at: datetime
    ends_at: datetime
    session_index: int  # 0-based position of its session in the forum


def compute_slots(sessions: list[ForumSession], meeting_minutes: int, break_minutes: int) -> list[Slot]:
    """Cut each session into meetings of `meeting_minutes` separated by `break_minutes`, numbered 1..n in
    time order; a meeting that would overrun the session's end is left out."""
    length, gap = timedelta(minutes=meeting_minutes), timedelta(minutes=break_minutes)
    slots: list[Slot] = []
    for index, session in enumerate(sorted(sessions, key=lambda s: (s.day, s.starts_at))):
        start = datetime.combine(session.day, session.starts_at)
        end = datetime.combine(session.day, session.ends_at)
        while start + length <= end:
            slots.append(Slot(len(slots) + 1, session.day, start, start + length, index))
            start += length + gap
    return slots


def forum_slots(forum: Forum) -> list[Slot]:
    return compute_slots(forum.sessions, forum.meeting_minutes, forum.break_minutes)


def create_forum(organiser, data: dict, morning: tuple[time, time] | None,
                 afternoon: tuple[time, time] | None) -> Forum:
    """A forum with the given sessions (morning and/or afternoon) on every day from start to end."""
    forum = Forum(organiser_id=organiser.id, stage=ForumStage.REGISTRATION)
    update_forum(forum, data)
    db.session.add(forum)
    day = forum.starts_on
    while day <= forum.ends_on:
        for times in (morning, afternoon):
            if times:
                forum.sessions.append(ForumSession(day=day, starts_at=times[0], ends_at=times[1]))
        day += timedelta(days=1)
    db.session.flush()
    return forum


def _scheduled_times(forum: Forum) -> dict[int, tuple[datetime, datetime] | None]:
    """The times of the slots that scheduled meetings use."""
    if not any(m.slot is not None for m in forum.meetings):
        return {}
    times = {s.number: (s.starts_at, s.ends_at) for s in forum_slots(forum)}
    return {m.slot: times.get(m.slot) for m in forum.meetings if m.slot is not None}


def _check_times_kept(forum: Forum, before: dict) -> None:
    """Refuse a change of sessions or meeting length that would renumber or drop slots in use: a scheduled
    meeting would silently change its time."""
    if before and _scheduled_times(forum) != before:
        raise DomainError(_("This change would move scheduled meetings to other times. Change sessions and "
                            "meeting length before scheduling; afterwards only add sessions after the last one."))


def update_forum(forum: Forum, data: dict) -> Forum:
    before = _scheduled_times(forum)
    for name in FORUM_FIELDS:
        if name in data:
            setattr(forum, name, data[name])
    _check_times_kept(forum, before)
    db.session.flush()
    return forum


def add_session(forum: Forum, day: date, starts_at: time, ends_at: time) -> ForumSession:
    """A session on one of the forum's days, not overlapping another (its slots would clash in time)."""
    if not forum.starts_on <= day <= forum.ends_on:
        raise DomainError(_("The session must fall within the forum's dates."))
    if any(s.day == day and starts_at < s.ends_at and s.starts_at < ends_at for s in forum.sessions):
        raise DomainError(_("The session overlaps another session on that day."))
    before = _scheduled_times(forum)
    session = ForumSession(day=day, starts_at=starts_at, ends_at=ends_at)
    forum.sessions.append(session)
    _check_times_kept(forum, before)
    db.session.flush()
    return session


def remove_session(forum: Forum, session: ForumSession) -> None:
    before = _scheduled_times(forum)
    forum.sessions.remove(session)
    _check_times_kept(forum, before)
    db.session.flush()


def advance_stage(forum: Forum, target: ForumStage) -> None:
    """Move the forum one stage forward (registration -> requests -> scheduled -> finished)."""
    if STAGE_ORDER.index(target) != STAGE_ORDER.index(forum.stage) + 1:
        raise DomainError(_("A forum moves one stage forward at a time."))
    if target == ForumStage.SCHEDULED and not any(m.slot for m in forum.meetings):
        raise DomainError(_("Run the scheduler before publishing the agendas."))
    if target == ForumStage.SCHEDULED:
        expire_requests(forum, every_pending=True)  # unanswered requests can no longer become meetings
        for meeting in forum.meetings:  # published places stay put on a re-run unless the organiser unlocks
            meeting.is_locked = meeting.slot is not None
    forum.stage = target
    db.session.flush()
    if target == ForumStage.SCHEDULED:
        notices.agendas_published(forum)


def join_forum(forum: Forum, user, company) -> Participant:
    """Register a user (with one of their companies) once per forum."""
    if forum.stage not in (ForumStage.REGISTRATION, ForumStage.REQUESTS):
        raise DomainError(_("Registration for this forum is closed."))
    if participant_of(forum, user):
        raise DomainError(_("You are already registered for this forum."))
    participant = Participant(forum=forum, user=user, company=company, unavailable_slots=[])
    db.session.add(participant)
    db.session.flush()
    return participant


def participant_of(forum: Forum, user) -> Participant | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return db.session.scalar(select(Participant).where(Participant.forum_id == forum.id,
                                                       Participant.user_id == user.id))


def forums_of(user) -> list[Participant]:
    """The user's participations, newest forum first (for the index and the lead's dashboard)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(db.session.scalars(select(Participant).join(Participant.forum).where(Participant.user_id == user.id)
                                   .order_by(Forum.starts_on.desc(), Forum.id.desc())))


def set_unavailable(participant: Participant, slots: list[int]) -> None:
    valid = {s.number for s in forum_slots(participant.forum)}
    participant.unavailable_slots = sorted({int(s) for s in slots} & valid)
    db.session.flush()


def expire_requests(forum: Forum | None = None, now: datetime | None = None, every_pending: bool = False) -> int:
    """Mark unanswered requests past their forum's deadline (or all of them) as expired; returns how many."""
    past_deadline = select(Forum.id)
    if not every_pending:
        past_deadline = past_deadline.where(Forum.request_deadline.is_not(None),
                                            Forum.request_deadline < (now or utcnow()))
    if forum is not None:
        past_deadline = past_deadline.where(Forum.id == forum.id)
    due = (MeetingRequest.status == RequestStatus.REQUESTED, MeetingRequest.forum_id.in_(past_deadline))
    # Pages call this on every read: look first, so that a page view only writes when something is due.
    if not db.session.scalar(select(exists().where(*due))):
        return 0
    result = db.session.execute(update(MeetingRequest).where(*due).values(status=RequestStatus.EXPIRED)
                                .execution_options(synchronize_session="fetch"))
    db.session.flush()
    return result.rowcount


def _requests_open(forum: Forum) -> None:
    if forum.stage != ForumStage.REQUESTS:
        raise DomainError(_("Meeting requests are not open for this forum."))
    if forum.request_deadline and utcnow() > forum.request_deadline:
        raise DomainError(_("The deadline for meeting requests has passed."))


def request_meeting(sender: Participant, recipient: Participant, note: str = "") -> MeetingRequest:
    """One request per ordered pair; a request to someone already met or asked the other way is refused."""
    _requests_open(sender.forum)
    if sender.id == recipient.id:
        raise DomainError(_("You cannot request a meeting with yourself."))
    if recipient.forum_id != sender.forum_id:
        abort(404)
    if find_meeting(sender, recipient) or _request_between(sender, recipient):
        raise DomainError(_("A request or meeting with this participant already exists."))
    req = MeetingRequest(forum_id=sender.forum_id, sender=sender, recipient=recipient, note=note.strip())
    db.session.add(req)
    db.session.flush()
    notices.request_received(req)
    return req


def _request_between(a: Participant, b: Participant) -> MeetingRequest | None:
    return db.session.scalar(select(MeetingRequest).where(
        or_((MeetingRequest.from_id == a.id) & (MeetingRequest.to_id == b.id),
            (MeetingRequest.from_id == b.id) & (MeetingRequest.to_id == a.id))))


def answer_request(req: MeetingRequest, accept: bool) -> Meeting | None:
    """The recipient accepts (a meeting is created) or declines a pending request."""
    _requests_open(req.sender.forum)
    if req.status != RequestStatus.REQUESTED:
        raise DomainError(_("This request has already been answered."))
    req.status = RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED
    meeting = add_meeting(req.sender, req.recipient, request=req) if accept else None
    db.session.flush()
    if accept:
        notices.request_accepted(req)  # a decline is not announced
    return meeting


def find_meeting(a: Participant, b: Participant) -> Meeting | None:
    low, high = sorted((a.id, b.id))
    return db.session.scalar(select(Meeting).where(Meeting.p1_id == low, Meeting.p2_id == high))


def add_meeting(a: Participant, b: Participant, priority: int = 0, request: MeetingRequest | None = None) -> Meeting:
    """A meeting between two participants of one forum (the pair is stored in id order)."""
    if a.id == b.id or a.forum_id != b.forum_id:
        raise DomainError(_("A meeting needs two different participants of the same forum."))
    if a.forum.stage == ForumStage.FINISHED:
        raise DomainError(_("This forum is finished."))
    if find_meeting(a, b):
        raise DomainError(_("These participants already have a meeting."))
    low, high = sorted((a, b), key=lambda p: p.id)
    meeting = Meeting(forum=a.forum, p1=low, p2=high, priority=priority, request=request)
    db.session.add(meeting)
    db.session.flush()
    return meeting


def set_outcome(meeting: Meeting, took_place: bool | None, outcome) -> None:
    if meeting.forum.stage not in (ForumStage.SCHEDULED, ForumStage.FINISHED):
        raise DomainError(_("Outcomes are recorded once the agendas are published."))
    meeting.took_place = took_place
    meeting.outcome = outcome if took_place else None
    db.session.flush()


def get_forum_or_404(forum_id: int, manage: bool = False) -> Forum:
    """Load a forum; `manage` checks server-side that the user is its organiser (or an admin)."""
    forum = db.get_or_404(Forum, forum_id)
    if manage and not forum.is_managed_by(current_user):
        abort(403)
    return forum


def my_participant_or_403(forum: Forum) -> Participant:
    participant = participant_of(forum, current_user)
    if participant is None:
        abort(403)
    return participant


def meetings_in_order(forum: Forum) -> list[Meeting]:
    """The forum's meetings by time slot and table; meetings without a slot come last."""
    return list(db.session.scalars(select(Meeting).where(Meeting.forum_id == forum.id).order_by(
        Meeting.slot.is_(None), Meeting.slot, Meeting.table, Meeting.id)))


def agenda(participant: Participant) -> list[Meeting]:
    """A participant's scheduled meetings in time order."""
    return list(db.session.scalars(
        select(Meeting).where(or_(Meeting.p1_id == participant.id, Meeting.p2_id == participant.id),
                              Meeting.slot.is_not(None)).order_by(Meeting.slot)))
