"""Admin moderation: verify or hide companies. Checked server-side on every request."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from app.accounts.permissions import admin_required
from app.extensions import db
from app.params import page_arg
from app.profiles.models import Company

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/companies")
@admin_required
def companies():
    page = db.paginate(select(Company).order_by(Company.is_verified, Company.name), page=page_arg(request.args),
                       per_page=current_app.config["PAGE_SIZE"] * 2)
    return render_template("admin/companies.html", page=page)


@bp.route("/companies/<int:company_id>", methods=["POST"])
@admin_required
def moderate(company_id: int):
    company = db.get_or_404(Company, company_id)
    action = request.form.get("action")
    changes = {"verify": ("is_verified", True), "unverify": ("is_verified", False),
               "hide": ("is_hidden", True), "show": ("is_hidden", False)}
    if action not in changes:
        abort(400)
    setattr(company, *changes[action])
    db.session.commit()
    flash(_("%(name)s updated.", name=company.name), "success")
    return redirect(request.referrer or url_for("admin.companies"))
