"""Claiming a company without an owner, and confirming it from the mailed link."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.claims import services
from app.claims.forms import ClaimForm, ConfirmForm
from app.claims.models import ClaimMethod
from app.errors import DomainError
from app.extensions import db
from app.profiles.services import get_company_or_404

bp = Blueprint("claims", __name__, url_prefix="/claims")


@bp.app_template_global()
def contactable_matches(matches) -> set:
    """The (type, id) of suggestions whose company can receive interest (it has an owner)."""
    return services.contactable([(m.type, m.id) for m in matches or []])


@bp.errorhandler(DomainError)
def domain_error(error: DomainError):
    """A broken rule: undo, say why, and go to the company (or the dashboard)."""
    db.session.rollback()
    flash(str(error), "error")
    company_id = (request.view_args or {}).get("company_id")
    return redirect(url_for("profiles.detail", company_id=company_id) if company_id else url_for("main.dashboard"))


@bp.route("/company/<int:company_id>", methods=["GET", "POST"])
@login_required
def claim(company_id: int):
    company = get_company_or_404(company_id)
    if company.owner_id is not None:
        raise DomainError(_("This company already has an owner."))
    form = ClaimForm(company)
    if form.validate_on_submit():
        method = ClaimMethod(form.method.data)
        services.start_claim(current_user, company, method, form.note.data or "")
        db.session.commit()
        flash(_("We sent a confirmation link to %(email)s. Open it while logged in to this account.",
                email=mask_email(company.email)) if method == ClaimMethod.EMAIL else
              _("Your claim is waiting for an admin."), "success")
        return redirect(url_for("profiles.detail", company_id=company.id))
    return render_template("claims/claim.html", company=company, form=form, masked=mask_email(company.email),
                           pending=services.open_claim(current_user, company))


@bp.route("/confirm/<token>", methods=["GET", "POST"])
@login_required
def confirm(token: str):
    claim = services.claim_from_token(token, current_user)
    form = ConfirmForm()
    if form.validate_on_submit():
        services.approve(claim)
        db.session.commit()
        flash(_("Confirmed: you now manage %(company)s.", company=claim.company.name), "success")
        return redirect(url_for("profiles.detail", company_id=claim.company_id))
    return render_template("claims/confirm.html", claim=claim, form=form)


def mask_email(address: str) -> str:
    """Show enough of the company's address for the user to recognise it, not enough to harvest it."""
    if "@" not in address:
        return ""
    local, domain = address.split("@", 1)
    return f"{local[:1]}…@{domain}"
