"""Organiser pages: create and edit a forum, sessions, stages, import, meetings, scheduling, grid, exports.

Every view loads the forum with `manage=True`, which answers 403 unless the user organises it (or is an admin).
"""

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user

from app.accounts.permissions import organiser_required
from app.confirm import confirmation_page
from app.errors import DomainError
from app.extensions import db
from app.forums import background, exports, imports, scheduling, services
from app.forums.forms import STAGES, AddMeetingForm, ForumForm, ImportForm, NewForumForm, SessionForm
from app.forums.models import ForumSession, ForumStage, Meeting, Participant
from app.forums.routes import back_to_form, bp
from app.params import id_arg


@bp.route("/new", methods=["GET", "POST"])
@organiser_required
def create():
    form = NewForumForm(country="KZ")
    if form.validate_on_submit():
        data = {f: form[f].data for f in services.FORUM_FIELDS}
        forum = services.create_forum(current_user, data, form.session_times("morning"),
                                      form.session_times("afternoon"))
        db.session.commit()
        flash(_("Forum created."), "success")
        return redirect(url_for("forums.manage", forum_id=forum.id))
    return render_template("forums/form.html", form=form, forum=None)


@bp.route("/<int:forum_id>/edit", methods=["GET", "POST"])
@organiser_required
def edit(forum_id: int):
    forum = services.get_forum_or_404(forum_id, manage=True)
    form = ForumForm(obj=forum)
    if form.validate_on_submit():
        services.update_forum(forum, {f: form[f].data for f in services.FORUM_FIELDS})
        db.session.commit()
        flash(_("Saved."), "success")
        return redirect(url_for("forums.manage", forum_id=forum.id))
    return render_template("forums/form.html", form=form, forum=forum)


@bp.route("/<int:forum_id>/manage")
@organiser_required
def manage(forum_id: int):
    forum = services.get_forum_or_404(forum_id, manage=True)
    if services.expire_requests(forum):
        db.session.commit()
    return render_template("forums/manage.html", forum=forum, slots=services.forum_slots(forum),
                           session_form=SessionForm(), meeting_form=_meeting_form(forum),
                           meetings=services.meetings_in_order(forum),
                           next_stage=_next_stage(forum.stage), running=background.is_running(forum))


def _next_stage(stage: ForumStage) -> ForumStage | None:
    order = services.STAGE_ORDER
    index = order.index(stage)
    return order[index + 1] if index + 1 < len(order) else None


def _meeting_form(forum) -> AddMeetingForm:
    form = AddMeetingForm()
    choices = [(p.id, p.label) for p in forum.participants]
    form.p1_id.choices, form.p2_id.choices = choices, choices
    return form


@bp.route("/<int:forum_id>/sessions", methods=["POST"])
@organiser_required
def add_session(forum_id: int):
    forum = services.get_forum_or_404(forum_id, manage=True)
    form = SessionForm()
    if not form.validate_on_submit():
        raise DomainError("; ".join(e for errors in form.errors.values() for e in errors))
    services.add_session(forum, form.day.data, form.starts_at.data, form.ends_at.data)
    db.session.commit()
    flash(_("Session added."), "success")
    return redirect(url_for("forums.manage", forum_id=forum.id))


@bp.route("/<int:forum_id>/sessions/<int:session_id>/delete", methods=["GET", "POST"])
@organiser_required
def delete_session(forum_id: int, session_id: int):
    forum = services.get_forum_or_404(forum_id, manage=True)
    session = db.session.get(ForumSession, session_id)
    if session is None or session.forum_id != forum.id:
        abort(404)
    question = confirmation_page(
        _("Remove the session of %(day)s, %(start)s–%(end)s?", day=format_date(session.day),
          start=session.starts_at.strftime("%H:%M"), end=session.ends_at.strftime("%H:%M")),
        _("Its slots go, and meetings scheduled in them lose their time."), _("Remove"),
        url_for("forums.manage", forum_id=forum.id))
    if question:
        return question
    services.remove_session(forum, session)
    db.session.commit()
    flash(_("Session removed."), "info")
    return redirect(url_for("forums.manage", forum_id=forum.id))


@bp.route("/<int:forum_id>/stage", methods=["POST"])
@organiser_required
def stage(forum_id: int):
    forum = services.get_forum_or_404(forum_id, manage=True)
    try:
        target = ForumStage(request.form.get("stage", ""))
    except ValueError:
        abort(400)
    services.advance_stage(forum, target)
    db.session.commit()
    flash(_("The forum is now at stage: %(stage)s.", stage=STAGES[target]), "success")
    if target == ForumStage.SCHEDULED:
        flash(_("Published meetings are locked: a new run keeps them in place unless you unlock them."), "info")
    return redirect(url_for("forums.manage", forum_id=forum.id))


@bp.route("/<int:forum_id>/meetings", methods=["POST"])
@organiser_required
def add_meeting(forum_id: int):
    forum = services.get_forum_or_404(forum_id, manage=True)
    form = _meeting_form(forum)
    if not form.validate_on_submit():
        abort(400)
    a, b = db.session.get(Participant, form.p1_id.data), db.session.get(Participant, form.p2_id.data)
    services.add_meeting(a, b, priority=form.priority.data or 0)
    db.session.commit()
    flash(_("Meeting added."), "success")
    return redirect(url_for("forums.manage", forum_id=forum.id))


@bp.route("/<int:forum_id>/import", methods=["GET", "POST"])
@organiser_required
def import_participants(forum_id: int):
    forum = services.get_forum_or_404(forum_id, manage=True)
    form = ImportForm()
    if form.validate_on_submit():
        upload = form.file.data
        rows = imports.preview(forum, imports.read_rows(upload.filename, upload.read()))
        token = imports.store_preview(forum, rows)
        return render_template("forums/import_preview.html", forum=forum, rows=rows, token=token,
                               n_good=sum(1 for r in rows if not r.errors))
    return render_template("forums/import.html", forum=forum, form=form, columns=imports.COLUMNS)


@bp.route("/<int:forum_id>/import/confirm", methods=["POST"])
@organiser_required
def import_confirm(forum_id: int):
    forum = services.get_forum_or_404(forum_id, manage=True)
    rows = imports.load_preview(forum, request.form.get("token", ""))
    if rows is None:
        raise DomainError(_("This preview is no longer available; upload the file again."))
    counts = imports.apply_rows(forum, rows)
    db.session.commit()
    flash(_("%(invited)s invitations mailed, %(updated)s participants updated.", **counts), "success")
    return redirect(url_for("forums.manage", forum_id=forum.id))


@bp.route("/<int:forum_id>/schedule", methods=["POST"])
@organiser_required
def schedule(forum_id: int):
    forum = services.get_forum_or_404(forum_id, manage=True)
    limit = current_app.config.get("FORUM_SCHEDULE_TIME_LIMIT", 60)
    if current_app.config.get("FORUM_SCHEDULE_IN_BACKGROUND", not current_app.testing):
        scheduling.prepare_problem(forum)  # refuse at once, with the reason, what the thread would refuse
        background.mark_running(forum, limit)
        db.session.commit()
        background.start(current_app._get_current_object(), forum.id, limit)
        flash(_("The scheduler is running (up to %(s)s seconds); this page shows the result when it is done.",
                s=limit), "info")
        return redirect(url_for("forums.manage", forum_id=forum.id))
    result = scheduling.schedule_forum(forum, time_limit=limit)
    db.session.commit()
    flash(_("%(n)s meetings scheduled, %(m)s could not be placed, %(b)s breaks in total.",
            n=len(result.assignments), m=len(result.unscheduled), b=result.breaks),
          "success" if not result.unscheduled else "error")
    return redirect(url_for("forums.manage", forum_id=forum.id))


@bp.route("/<int:forum_id>/lock", methods=["POST"])
@organiser_required
def lock(forum_id: int):
    forum = services.get_forum_or_404(forum_id, manage=True)
    locked = request.form.get("locked", "1") == "1"
    meeting_id = id_arg(request.form, "meeting_id")
    if meeting_id:
        meeting = db.session.get(Meeting, meeting_id)
        if meeting is None or meeting.forum_id != forum.id or meeting.slot is None:
            abort(404)
        meeting.is_locked = locked
    else:
        scheduling.lock_scheduled(forum, locked)
    db.session.commit()
    flash(_("Locked: a new run keeps these meetings in place.") if locked else _("Unlocked."), "info")
    return redirect(back_to_form(url_for("forums.manage", forum_id=forum.id)))


@bp.route("/<int:forum_id>/grid")
@organiser_required
def grid(forum_id: int):
    forum = services.get_forum_or_404(forum_id, manage=True)
    template = "forums/table_cards.html" if request.args.get("cards") else "forums/grid.html"
    return render_template(template, forum=forum, slots=services.forum_slots(forum),
                           places=scheduling.meeting_by_place(forum))


@bp.route("/<int:forum_id>/programme.<any(csv, xlsx):fmt>")
@organiser_required
def export(forum_id: int, fmt: str):
    forum = services.get_forum_or_404(forum_id, manage=True)
    if fmt == "csv":
        body, mimetype = exports.programme_csv(forum), "text/csv"
    else:
        body, mimetype = exports.programme_xlsx(forum), \
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(body, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="forum-{forum.id}-programme.{fmt}"'})
