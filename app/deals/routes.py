"""Interest, contacts, conversations and deals: thin views over the deals services."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from app.deals import messaging, services, tracking
from app.deals.forms import DealForm, InterestForm, MessageForm, StageForm
from app.deals.models import Interest
from app.errors import DomainError
from app.extensions import db
from app.opportunities.services import get_opportunity_or_404
from app.params import id_arg
from app.profiles.services import get_company_or_404

bp = Blueprint("deals", __name__, url_prefix="/deals", static_folder="static")


@bp.app_template_global()
def stage_label(stage) -> str:
    return str(tracking.STAGE_LABELS[stage])


@bp.app_context_processor
def nav_counts() -> dict:
    """Unread messages and notifications for the nav, computed only when a page shows them, in one statement."""
    def counts() -> dict:
        from app.notifications.services import unread_notifications_count

        if not current_user.is_authenticated:
            return {"interest": 0, "messages": 0, "notifications": 0}
        parts = {"interest": services.pending_incoming_count(current_user.id),
                 "messages": messaging.unread_messages_count(current_user.id),
                 "notifications": unread_notifications_count(current_user.id)}
        row = db.session.execute(select(*(part.scalar_subquery().label(name) for name, part in parts.items())))
        return {name: value or 0 for name, value in row.one()._mapping.items()}
    return {"nav_counts": counts}


@bp.errorhandler(DomainError)
def domain_error(error: DomainError):
    """A broken product rule: undo, tell the user, and go back to where the form was."""
    db.session.rollback()
    flash(str(error), "error")
    if request.method == "POST" and request.referrer and request.referrer.startswith(request.host_url):
        return redirect(request.referrer)
    return redirect(url_for("deals.interests"))


@bp.route("/interest/new", methods=["GET", "POST"])
@login_required
def express():
    opportunity = None
    if opportunity_id := id_arg(request.args, "opportunity_id"):
        opportunity = get_opportunity_or_404(opportunity_id)
        target = opportunity.company
    else:
        target = get_company_or_404(id_arg(request.args, "company_id") or 0)
    if target.owner_id is None:  # an imported company nobody has claimed yet: say so before the form
        flash(_("This company cannot be contacted yet: nobody manages its profile on Atameken Match."), "info")
        return redirect(url_for("profiles.detail", company_id=target.id))
    mine = [c for c in services.owned_companies(current_user) if c.id != target.id]
    if not mine:
        flash(_("Create your company profile first."), "info")
        return redirect(url_for("profiles.create"))
    form = InterestForm(mine)
    if form.validate_on_submit():
        source = next(c for c in mine if c.id == form.source.data)
        services.express_interest(current_user, source, target, form.note.data or "", opportunity)
        db.session.commit()
        flash(_("Your interest is sent to %(name)s.", name=target.name), "success")
        return redirect(url_for("deals.interests"))
    return render_template("deals/express.html", form=form, target=target, opportunity=opportunity,
                           left=max(services.daily_cap() - services.requests_today(current_user.id), 0))


@bp.route("/interests")
@login_required
def interests():
    return render_template("deals/interests.html", incoming=services.incoming(current_user),
                           outgoing=services.outgoing(current_user), shown_status=services.shown_status)


@bp.route("/interests/<int:interest_id>/answer", methods=["POST"])
@login_required
def answer(interest_id: int):
    interest = db.get_or_404(Interest, interest_id)
    if interest.to_company.owner_id != current_user.id:
        abort(404)
    action = request.form.get("action")
    if action not in ("accept", "decline"):
        abort(400)
    services.answer_interest(current_user, interest, accept=action == "accept")
    db.session.commit()
    if action == "accept":
        flash(_("Mutual interest: contacts are shared and you can write to %(name)s.",
                name=interest.from_company.name), "success")
    else:
        flash(_("Declined. The other side is not told."), "info")
    return redirect(url_for("deals.interests"))


@bp.route("/messages")
@login_required
def conversations():
    return render_template("deals/conversations.html", rows=messaging.conversations_of(current_user.id))


@bp.route("/messages/<int:conversation_id>", methods=["GET", "POST"])
@login_required
def conversation(conversation_id: int):
    thread, mine = messaging.get_conversation_or_404(conversation_id)
    form = MessageForm()
    if form.validate_on_submit():
        messaging.send_message(current_user, thread, mine, form.body.data)
        db.session.commit()
        return redirect(url_for("deals.conversation", conversation_id=thread.id, _anchor="latest"))
    messaging.mark_read(thread, mine)
    db.session.commit()
    return render_template("deals/conversation.html", thread=thread, mine=mine, other=thread.other(mine.id),
                           form=form, deals=[d for d in tracking.deals_of(current_user.id)
                                             if d.involves(thread.other(mine.id).id)])


@bp.route("/")
@login_required
def index():
    return render_template("deals/index.html", deals=tracking.deals_of(current_user.id))


@bp.route("/new", methods=["GET", "POST"])
@login_required
def create():
    thread, mine = messaging.get_conversation_or_404(id_arg(request.args, "conversation_id") or 0)
    form = DealForm()
    if form.validate_on_submit():
        data = {f: form[f].data for f in tracking.EDITABLE}
        data["value"] = float(data["value"]) if data["value"] is not None else None
        deal = tracking.open_deal(mine, thread.other(mine.id), opened_by=current_user, conversation=thread, **data)
        db.session.commit()
        flash(_("Deal opened. Both companies see it."), "success")
        return redirect(url_for("deals.deal", deal_id=deal.id))
    return render_template("deals/form.html", form=form, thread=thread, other=thread.other(mine.id), deal=None)


@bp.route("/from-meeting/<int:meeting_id>", methods=["GET", "POST"])
@login_required
def from_meeting(meeting_id: int):
    """After a forum meeting either participant opens a deal with the other's company (the forum is recorded)."""
    meeting, mine, other = tracking.meeting_sides_or_404(meeting_id)
    form = DealForm()
    if form.validate_on_submit():
        data = {f: form[f].data for f in tracking.EDITABLE}
        data["value"] = float(data["value"]) if data["value"] is not None else None
        deal = tracking.open_deal(mine, other, opened_by=current_user, meeting=meeting, **data)
        db.session.commit()
        flash(_("Deal opened. Both companies see it."), "success")
        return redirect(url_for("deals.deal", deal_id=deal.id))
    return render_template("deals/form.html", form=form, thread=None, other=other, deal=None)


@bp.route("/<int:deal_id>", methods=["GET", "POST"])
@login_required
def deal(deal_id: int):
    found = tracking.get_deal_or_404(deal_id)
    form = DealForm(obj=found)
    if request.method == "POST" and not tracking.is_party(found, current_user):
        abort(403)
    if form.validate_on_submit():
        data = {f: form[f].data for f in tracking.EDITABLE}
        data["value"] = float(data["value"]) if data["value"] is not None else None
        tracking.update_deal(found, data)
        db.session.commit()
        flash(_("Deal saved."), "success")
        return redirect(url_for("deals.deal", deal_id=found.id))
    return render_template("deals/deal.html", deal=found, form=form, stage_form=StageForm(stage=found.stage.value),
                           labels=tracking.STAGE_LABELS,
                           is_party=tracking.is_party(found, current_user))


@bp.route("/<int:deal_id>/stage", methods=["POST"])
@login_required
def stage(deal_id: int):
    found = tracking.get_deal_or_404(deal_id)
    if not tracking.is_party(found, current_user):
        abort(403)
    form = StageForm()
    if not form.validate_on_submit():
        abort(400)
    tracking.change_stage(found, form.stage.data, current_user, form.note.data or "")
    db.session.commit()
    flash(_("Stage changed."), "success")
    return redirect(url_for("deals.deal", deal_id=found.id))

