"""Company profiles: list, detail, create, edit, delete."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from app.confirm import confirmation_page
from app.extensions import db
from app.matches.services import suggestions_for_company
from app.params import choice_arg, page_arg
from app.profiles.forms import CompanyForm
from app.profiles.models import Company, CompanyKind
from app.profiles.services import EDITABLE, get_company_or_404, save_company

bp = Blueprint("profiles", __name__, url_prefix="/companies")


@bp.route("/")
def index():
    query = select(Company).where(Company.is_hidden.is_(False))
    if kind := choice_arg(request.args, "kind", CompanyKind):
        query = query.where(Company.kind == kind)
    if country := request.args.get("country"):
        query = query.where(Company.country == country.upper())
    page = db.paginate(query.order_by(Company.name), page=page_arg(request.args),
                       per_page=current_app.config["PAGE_SIZE"])
    return render_template("profiles/index.html", page=page)


@bp.route("/<int:company_id>")
def detail(company_id: int):
    company = get_company_or_404(company_id)
    extra = {"suggestions": suggestions_for_company(company)} if company.is_owned_by(current_user) else {}
    return render_template("profiles/detail.html", company=company,
                           show_contacts=company.can_see_contacts(current_user), **extra)


@bp.route("/new", methods=["GET", "POST"])
@login_required
def create():
    default_kind = "exporter" if current_user.role == "exporter" else "diaspora"
    form = CompanyForm(kind=default_kind, email=current_user.email)
    if form.validate_on_submit():
        company = save_company(None, {f: form[f].data for f in EDITABLE}, current_user.id)
        db.session.commit()
        flash(_("Company saved."), "success")
        return redirect(url_for("profiles.detail", company_id=company.id))
    return render_template("profiles/form.html", form=form, company=None)


@bp.route("/<int:company_id>/edit", methods=["GET", "POST"])
@login_required
def edit(company_id: int):
    company = get_company_or_404(company_id, owner_only=True)
    form = CompanyForm(obj=company)
    if form.validate_on_submit():
        save_company(company, {f: form[f].data for f in EDITABLE}, current_user.id)
        db.session.commit()
        flash(_("Company saved."), "success")
        return redirect(url_for("profiles.detail", company_id=company.id))
    return render_template("profiles/form.html", form=form, company=company)


@bp.route("/<int:company_id>/delete", methods=["GET", "POST"])
@login_required
def delete(company_id: int):
    company = get_company_or_404(company_id, owner_only=True)
    question = confirmation_page(
        _("Delete the company “%(name)s”?", name=company.name),
        _("The company and all its offers and requests are removed for good."), _("Delete company"),
        url_for("profiles.detail", company_id=company.id))
    if question:
        return question
    db.session.delete(company)
    db.session.commit()
    flash(_("Company deleted."), "info")
    return redirect(url_for("main.dashboard"))
