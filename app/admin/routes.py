"""Admin pages: verify or hide companies, grant the organiser role, decide company claims.

Checked server-side on every request."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from app.accounts.models import Role, User
from app.accounts.permissions import admin_required
from app.accounts.services import set_organiser
from app.claims import services as claims
from app.claims.models import CompanyClaim
from app.errors import DomainError
from app.extensions import db
from app.params import page_arg
from app.profiles.models import Company

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.errorhandler(DomainError)
def domain_error(error: DomainError):
    db.session.rollback()
    flash(str(error), "error")
    return redirect(request.referrer if (request.referrer or "").startswith(request.host_url)
                    else url_for("admin.companies"))


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


@bp.route("/users")
@admin_required
def users():
    """Requests for organiser access first, then organisers, then everyone else."""
    query = select(User).order_by(User.organiser_requested_at.is_(None), User.role != Role.ORGANISER, User.email)
    page = db.paginate(query, page=page_arg(request.args), per_page=current_app.config["PAGE_SIZE"] * 2)
    return render_template("admin/users.html", page=page)


@bp.route("/users/<int:user_id>/organiser", methods=["POST"])
@admin_required
def organiser(user_id: int):
    user = db.get_or_404(User, user_id)
    action = request.form.get("action")
    if action not in ("grant", "revoke"):
        abort(400)
    set_organiser(user, granted=action == "grant")
    db.session.commit()
    flash(_("%(name)s is now a forum organiser.", name=user.name) if action == "grant" else
          _("%(name)s is no longer a forum organiser.", name=user.name), "success")
    return redirect(url_for("admin.users", page=request.args.get("page", 1, type=int)))


@bp.route("/claims")
@admin_required
def claim_queue():
    return render_template("admin/claims.html", claims=claims.pending_claims())


@bp.route("/claims/<int:claim_id>", methods=["POST"])
@admin_required
def decide_claim(claim_id: int):
    claim = db.get_or_404(CompanyClaim, claim_id)
    action = request.form.get("action")
    if action not in ("approve", "reject"):
        abort(400)
    (claims.approve if action == "approve" else claims.reject)(claim)
    db.session.commit()
    flash(_("Claim approved: %(user)s manages %(company)s.", user=claim.user.name, company=claim.company.name)
          if action == "approve" else _("Claim rejected."), "success")
    return redirect(url_for("admin.claim_queue"))
