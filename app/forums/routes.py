"""Forum pages for everyone and for participants: list, detail, joining, availability, requests, agenda.

Organiser pages live in `app/forums/organiser.py` on the same blueprint.
"""
from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import or_, select

from app.errors import DomainError
from app.extensions import db
from app.forums import invitations, services
from app.forums.forms import AvailabilityForm, JoinForm, OutcomeForm, RequestForm
from app.forums.ics import agenda_calendar
from app.forums.models import Forum, ForumStage, Meeting, MeetingRequest, Participant, RequestStatus
from app.forums.suggestions import suggested_participants
from app.params import id_arg
from app.profiles.models import Company

bp = Blueprint("forums", __name__, url_prefix="/forums", static_folder="static")
PUBLISHED = (ForumStage.SCHEDULED, ForumStage.FINISHED)


@bp.errorhandler(DomainError)
def domain_error(error: DomainError):
    """A broken product rule: undo, tell the user, and go back to the forum."""
    db.session.rollback()
    flash(str(error), "error")
    # after a refused action, back to the page its form was on (a refused page view could loop, so not for GET)
    forum_id = (request.view_args or {}).get("forum_id")
    fallback = url_for("forums.detail", forum_id=forum_id) if forum_id else url_for("forums.index")
    return redirect(back_to_form(fallback) if request.method == "POST" else fallback)


def back_to_form(fallback: str) -> str:
    """The same-site page a form was posted from, else `fallback` (never another site's address)."""
    referrer = request.referrer
    return referrer if referrer and referrer.startswith(request.host_url) else fallback


@bp.route("/")
def index():
    forums = db.session.scalars(select(Forum).order_by(Forum.starts_on.desc(), Forum.id.desc())).all()
    mine = {p.forum_id for p in services.forums_of(current_user)}
    return render_template("forums/index.html", forums=forums, mine=mine,
                           invitations=invitations.pending_for(current_user))


@bp.route("/<int:forum_id>")
def detail(forum_id: int):
    forum = services.get_forum_or_404(forum_id)
    me = services.participant_of(forum, current_user)
    form = None
    if current_user.is_authenticated and me is None and forum.stage in (ForumStage.REGISTRATION,
                                                                        ForumStage.REQUESTS):
        form = JoinForm()
        form.company_id.choices = [(c.id, c.name) for c in current_user.companies]
    return render_template("forums/detail.html", forum=forum, me=me, join_form=form,
                           slots=services.forum_slots(forum), can_manage=forum.is_managed_by(current_user))


@bp.route("/<int:forum_id>/join", methods=["POST"])
@login_required
def join(forum_id: int):
    forum = services.get_forum_or_404(forum_id)
    form = JoinForm()
    form.company_id.choices = [(c.id, c.name) for c in current_user.companies]
    if not form.validate_on_submit():
        flash(_("Create your company profile first, then register with it."), "error")
        return redirect(url_for("forums.detail", forum_id=forum.id))
    services.join_forum(forum, current_user, db.session.get(Company, form.company_id.data))
    db.session.commit()
    flash(_("You are registered. Mark the slots when you are not available."), "success")
    return redirect(url_for("forums.availability", forum_id=forum.id))


@bp.route("/<int:forum_id>/availability", methods=["GET", "POST"])
@login_required
def availability(forum_id: int):
    forum = services.get_forum_or_404(forum_id)
    me = services.my_participant_or_403(forum)
    slots = services.forum_slots(forum)
    form = AvailabilityForm(unavailable=me.unavailable_slots)
    form.unavailable.choices = [(s.number, _slot_label(s)) for s in slots]
    if form.validate_on_submit():
        services.set_unavailable(me, form.unavailable.data)
        db.session.commit()
        flash(_("Availability saved."), "success")
        return redirect(url_for("forums.detail", forum_id=forum.id))
    return render_template("forums/availability.html", forum=forum, form=form)


def _slot_label(slot: services.Slot) -> str:
    return f"{slot.number}: {slot.day.isoformat()} {slot.starts_at:%H:%M}–{slot.ends_at:%H:%M}"


@bp.route("/<int:forum_id>/participants")
@login_required
def participants(forum_id: int):
    forum = services.get_forum_or_404(forum_id)
    me = services.my_participant_or_403(forum)
    asked = db.session.execute(select(MeetingRequest.from_id, MeetingRequest.to_id).where(
        MeetingRequest.forum_id == forum.id, or_(MeetingRequest.from_id == me.id, MeetingRequest.to_id == me.id)))
    met = db.session.execute(select(Meeting.p1_id, Meeting.p2_id).where(
        Meeting.forum_id == forum.id, or_(Meeting.p1_id == me.id, Meeting.p2_id == me.id)))
    busy = {p for pair in [*asked, *met] for p in pair} - {me.id}
    return render_template("forums/participants.html", forum=forum, me=me, busy=busy,
                           suggestions=suggested_participants(forum, me), form=RequestForm(),
                           requests_open=forum.stage == ForumStage.REQUESTS)


@bp.route("/<int:forum_id>/requests", methods=["GET", "POST"])
@login_required
def requests(forum_id: int):
    forum = services.get_forum_or_404(forum_id)
    me = services.my_participant_or_403(forum)
    if request.method == "POST":
        form = RequestForm()
        if not form.validate_on_submit():
            abort(400)
        other = db.session.get(Participant, int(form.to_id.data)) if form.to_id.data.isdigit() else None
        if other is None or other.forum_id != forum.id:
            abort(404)
        services.request_meeting(me, other, form.note.data or "")
        db.session.commit()
        flash(_("Meeting requested from %(name)s.", name=other.label), "success")
        return redirect(url_for("forums.participants", forum_id=forum.id))
    if services.expire_requests(forum):  # unanswered requests die at the deadline, even without the cron job
        db.session.commit()
    incoming = [r for r in _requests_of(forum, MeetingRequest.to_id == me.id)]
    outgoing = [r for r in _requests_of(forum, MeetingRequest.from_id == me.id)]
    return render_template("forums/requests.html", forum=forum, me=me, incoming=incoming, outgoing=outgoing)


def _requests_of(forum: Forum, condition) -> list[MeetingRequest]:
    return list(db.session.scalars(select(MeetingRequest).where(MeetingRequest.forum_id == forum.id, condition)
                                   .order_by(MeetingRequest.created_at.desc(), MeetingRequest.id.desc())))


@bp.route("/<int:forum_id>/requests/<int:request_id>", methods=["POST"])
@login_required
def answer(forum_id: int, request_id: int):
    forum = services.get_forum_or_404(forum_id)
    me = services.my_participant_or_403(forum)
    req = db.session.get(MeetingRequest, request_id)
    if req is None or req.forum_id != forum.id:
        abort(404)
    if req.to_id != me.id:
        abort(403)
    services.expire_requests(forum)
    if req.status == RequestStatus.EXPIRED:
        db.session.commit()
        raise DomainError(_("This request expired at the deadline."))
    action = request.form.get("action")
    if action not in ("accept", "decline"):
        abort(400)
    services.answer_request(req, accept=action == "accept")
    db.session.commit()
    flash(_("Meeting accepted.") if action == "accept" else _("Request declined."), "info")
    return redirect(url_for("forums.requests", forum_id=forum.id))


def _agenda_owner(forum: Forum) -> Participant:
    """The participant whose agenda is shown: yourself, or anyone for the forum's organiser."""
    wanted = id_arg(request.args, "participant_id")
    if wanted and forum.is_managed_by(current_user):
        participant = db.session.get(Participant, wanted)
        if participant is None or participant.forum_id != forum.id:
            abort(404)
        return participant
    me = services.my_participant_or_403(forum)
    if forum.stage not in PUBLISHED and not forum.is_managed_by(current_user):
        raise DomainError(_("Agendas are published once the meetings are scheduled."))
    return me


@bp.route("/<int:forum_id>/agenda")
@login_required
def agenda(forum_id: int):
    forum = services.get_forum_or_404(forum_id)
    me = _agenda_owner(forum)
    template = "forums/agenda_print.html" if request.args.get("print") else "forums/agenda.html"
    return render_template(template, forum=forum, me=me, meetings=services.agenda(me),
                           slots={s.number: s for s in services.forum_slots(forum)},
                           outcome_form=OutcomeForm(), can_record=forum.stage in PUBLISHED)


@bp.route("/<int:forum_id>/agenda.ics")
@login_required
def agenda_ics(forum_id: int):
    forum = services.get_forum_or_404(forum_id)
    me = _agenda_owner(forum)
    body = agenda_calendar(forum, me, services.agenda(me), {s.number: s for s in services.forum_slots(forum)})
    return Response(body, mimetype="text/calendar", headers={
        "Content-Disposition": f'attachment; filename="forum-{forum.id}-agenda.ics"'})


@bp.route("/<int:forum_id>/meetings/<int:meeting_id>/outcome", methods=["POST"])
@login_required
def outcome(forum_id: int, meeting_id: int):
    forum = services.get_forum_or_404(forum_id)
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None or meeting.forum_id != forum.id:
        abort(404)
    me = services.participant_of(forum, current_user)
    if not (forum.is_managed_by(current_user) or (me and me.id in (meeting.p1_id, meeting.p2_id))):
        abort(403)
    form = OutcomeForm()
    if not form.validate_on_submit():
        abort(400)
    took_place = {"yes": True, "no": False}.get(form.took_place.data)
    services.set_outcome(meeting, took_place, form.outcome.data or None)
    db.session.commit()
    flash(_("Outcome saved."), "success")
    return redirect(back_to_form(url_for("forums.agenda", forum_id=forum.id)))


from app.forums import organiser, overview  # noqa: E402,F401  (organiser views and overviews register on `bp`)
