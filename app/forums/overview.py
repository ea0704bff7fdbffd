"""Organiser overviews: the forums an organiser runs (their landing page) and a forum's meeting requests, both
scoped server-side (an organiser sees only their own forums, an admin sees all); and the invitation page where
someone an organiser imported accepts or declines.
"""
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import func, or_, select
from sqlalchemy.orm import aliased

from app.accounts.models import User
from app.accounts.permissions import organiser_required
from app.extensions import db
from app.forums import invitations, services
from app.forums.forms import InvitationForm
from app.forums.models import Forum, Meeting, MeetingRequest, Participant, RequestStatus
from app.forums.routes import bp
from app.params import page_arg
from app.profiles.models import Company


def managed_forums(user) -> list[Forum]:
    """The forums the user organises (every forum for an admin), newest first."""
    query = select(Forum).order_by(Forum.starts_on.desc(), Forum.id.desc())
    if not user.is_admin:
        query = query.where(Forum.organiser_id == user.id)
    return list(db.session.scalars(query))


def _counts(model, forum_ids: list[int], *conditions) -> dict[int, int]:
    rows = db.session.execute(select(model.forum_id, func.count(model.id))
                              .where(model.forum_id.in_(forum_ids), *conditions).group_by(model.forum_id))
    return dict(rows.all())


@bp.route("/organised")
@organiser_required
def organised():
    forums = managed_forums(current_user)
    ids = [f.id for f in forums]
    counts = {"participants": _counts(Participant, ids), "meetings": _counts(Meeting, ids),
              "pending": _counts(MeetingRequest, ids, MeetingRequest.status == RequestStatus.REQUESTED)}
    return render_template("forums/organised.html", forums=forums, tally=counts)


def _search(query, text: str):
    """Requests where either side's name or company contains `text`."""
    sender, recipient = aliased(Participant), aliased(Participant)
    sender_user, recipient_user = aliased(User), aliased(User)
    sender_company, recipient_company = aliased(Company), aliased(Company)
    like = f"%{text.lower()}%"
    return (query.join(sender, MeetingRequest.from_id == sender.id).join(sender_user, sender.user)
            .outerjoin(sender_company, sender.company)
            .join(recipient, MeetingRequest.to_id == recipient.id).join(recipient_user, recipient.user)
            .outerjoin(recipient_company, recipient.company)
            .where(or_(*(func.lower(column).like(like) for column in (
                sender_user.name, recipient_user.name, sender_company.name, recipient_company.name)))))


@bp.route("/<int:forum_id>/manage/requests")
@organiser_required
def manage_requests(forum_id: int):
    """Every meeting request of the forum, with its status; filter by status and by a name or company."""
    forum = services.get_forum_or_404(forum_id, manage=True)
    status = request.args.get("status", "")
    if status and status not in {s.value for s in RequestStatus}:
        abort(400)
    text = request.args.get("q", "").strip()[:100]
    query = select(MeetingRequest).where(MeetingRequest.forum_id == forum.id)
    if status:
        query = query.where(MeetingRequest.status == status)
    if text:
        query = _search(query, text)
    page = db.paginate(query.order_by(MeetingRequest.created_at.desc(), MeetingRequest.id.desc()),
                       page=page_arg(request.args), per_page=current_app.config["PAGE_SIZE"] * 2)
    totals = _counts_by_status(forum)
    return render_template("forums/manage_requests.html", forum=forum, page=page, status=status, q=text,
                           totals=totals)


def _counts_by_status(forum: Forum) -> dict[str, int]:
    rows = db.session.execute(select(MeetingRequest.status, func.count(MeetingRequest.id))
                              .where(MeetingRequest.forum_id == forum.id).group_by(MeetingRequest.status))
    return {status.value: count for status, count in rows.all()}


@bp.route("/invitations/<int:invitation_id>", methods=["GET", "POST"])
@login_required
def invitation(invitation_id: int):
    """An invitation from an organiser's import: shown to the invited person only, who accepts or declines."""
    found = invitations.invitation_of(invitation_id, current_user)
    if request.method == "POST":
        form = InvitationForm()
        if not form.validate_on_submit() or form.action.data not in ("accept", "decline"):
            abort(400)
        if form.action.data == "accept":
            invitations.accept(found)
            db.session.commit()
            flash(_("You are registered for %(forum)s.", forum=found.forum.name), "success")
            return redirect(url_for("forums.availability", forum_id=found.forum_id))
        invitations.decline(found)
        db.session.commit()
        flash(_("Invitation declined."), "info")
        return redirect(url_for("forums.index"))
    return render_template("forums/invitation.html", invitation=found, company=invitations.company_label(found))
