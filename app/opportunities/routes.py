"""The marketplace: list, detail, create, edit, close, reopen, delete."""
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from app.confirm import confirmation_page
from app.extensions import db
from app.matches.services import suggestions_for_opportunity
from app.opportunities.forms import OpportunityForm
from app.opportunities.models import Opportunity, OpportunityKind, OpportunityStatus
from app.opportunities.queries import published_opportunities
from app.opportunities.services import EDITABLE, get_opportunity_or_404, save_opportunity, set_status
from app.params import choice_arg, id_arg, page_arg
from app.profiles.models import Company
from app.profiles.services import get_company_or_404

bp = Blueprint("opportunities", __name__, url_prefix="/opportunities")


@bp.route("/")
def index():
    query = published_opportunities(kind=choice_arg(request.args, "kind", OpportunityKind),
                                    country=request.args.get("country"), hs=request.args.get("hs"))
    page = db.paginate(query.order_by(Opportunity.created_at.desc(), Opportunity.id.desc()),
                       page=page_arg(request.args), per_page=current_app.config["PAGE_SIZE"])
    return render_template("opportunities/index.html", page=page)


@bp.route("/<int:opportunity_id>")
def detail(opportunity_id: int):
    opportunity = get_opportunity_or_404(opportunity_id)
    suggestions = suggestions_for_opportunity(opportunity) if opportunity.is_published else []
    return render_template("opportunities/detail.html", opportunity=opportunity, suggestions=suggestions,
                           is_owner=opportunity.company.is_owned_by(current_user))


def _my_company(company_id: int | None) -> Company:
    if company_id:
        return get_company_or_404(company_id, owner_only=True)
    company = db.session.scalar(select(Company).where(Company.owner_id == current_user.id).order_by(Company.id))
    if company is None:
        flash(_("Create your company profile first."), "info")
        abort(redirect(url_for("profiles.create")))
    return company


@bp.route("/new", methods=["GET", "POST"])
@login_required
def create():
    company = _my_company(id_arg(request.args, "company_id"))
    default_kind = "offer" if company.kind == "exporter" else "request"
    form = OpportunityForm(kind=default_kind, language=current_user.locale, countries=[])
    if form.validate_on_submit():
        opportunity = save_opportunity(None, company, {f: form[f].data for f in EDITABLE})
        db.session.commit()
        flash(_("Published."), "success")
        return redirect(url_for("opportunities.detail", opportunity_id=opportunity.id))
    return render_template("opportunities/form.html", form=form, company=company, opportunity=None)


@bp.route("/<int:opportunity_id>/edit", methods=["GET", "POST"])
@login_required
def edit(opportunity_id: int):
    opportunity = get_opportunity_or_404(opportunity_id, owner_only=True)
    form = OpportunityForm(obj=opportunity)
    if form.validate_on_submit():
        save_opportunity(opportunity, opportunity.company, {f: form[f].data for f in EDITABLE})
        db.session.commit()
        flash(_("Saved."), "success")
        return redirect(url_for("opportunities.detail", opportunity_id=opportunity.id))
    return render_template("opportunities/form.html", form=form, company=opportunity.company,
                           opportunity=opportunity)


@bp.route("/<int:opportunity_id>/status", methods=["POST"])
@login_required
def change_status(opportunity_id: int):
    opportunity = get_opportunity_or_404(opportunity_id, owner_only=True)
    status = request.form.get("status")
    if status not in {s.value for s in OpportunityStatus}:
        abort(400)
    set_status(opportunity, OpportunityStatus(status))
    db.session.commit()
    flash(_("Closed.") if status == "closed" else _("Published again."), "info")
    return redirect(url_for("opportunities.detail", opportunity_id=opportunity.id))


@bp.route("/<int:opportunity_id>/delete", methods=["GET", "POST"])
@login_required
def delete(opportunity_id: int):
    opportunity = get_opportunity_or_404(opportunity_id, owner_only=True)
    question = confirmation_page(
        _("Delete “%(title)s”?", title=opportunity.title),
        _("The listing, its suggestions and its statistics are removed for good."), _("Delete"),
        url_for("opportunities.detail", opportunity_id=opportunity.id))
    if question:
        return question
    db.session.delete(opportunity)
    db.session.commit()
    flash(_("Deleted."), "info")
    return redirect(url_for("main.dashboard"))
