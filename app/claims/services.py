"""Claiming an imported company that has no owner yet. The view commits.

A logged-in user claims the company; the claim is verified either by a signed, expiring link mailed to the
company's own e-mail address (whoever reads that mailbox speaks for the company) or by an admin who checks the
evidence the user gave. Approval makes the user the owner and closes the other open claims on the company.
"""
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, select

from app.claims.models import ClaimMethod, ClaimStatus, CompanyClaim
from app.errors import DomainError
from app.extensions import db
from app.mail import external_url, send_mail
from app.models_base import utcnow
from app.notifications.services import notify, path_for
from app.profiles.models import Company

MAILED_CLAIMS_A_DAY = 5  # links mailed to companies per account: claiming is not a way to spam companies


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="company-claim")


def open_claim(user, company: Company) -> CompanyClaim | None:
    return db.session.scalar(select(CompanyClaim).filter_by(user_id=user.id, company_id=company.id,
                                                            status=ClaimStatus.PENDING))


def start_claim(user, company: Company, method: ClaimMethod, note: str = "") -> CompanyClaim:
    """Open a claim; by e-mail, the verification link goes to the company's address at once."""
    if company.owner_id is not None:
        raise DomainError(_("This company already has an owner."))
    if open_claim(user, company):
        raise DomainError(_("You have already claimed this company; the claim is waiting for verification."))
    if method == ClaimMethod.EMAIL and not company.email:
        raise DomainError(_("This company has no e-mail address on file; ask an admin to verify instead."))
    if method == ClaimMethod.EMAIL and _mailed_today(user) >= MAILED_CLAIMS_A_DAY:
        raise DomainError(_("You have sent enough confirmation links for today; ask an admin to verify instead."))
    claim = CompanyClaim(company=company, user=user, method=method, note=note.strip(),
                         sent_to=company.email if method == ClaimMethod.EMAIL else "")
    db.session.add(claim)
    db.session.flush()
    if method == ClaimMethod.EMAIL:
        _mail_link(claim)
    return claim


def _mailed_today(user) -> int:
    since = utcnow() - timedelta(days=1)
    return db.session.scalar(select(func.count(CompanyClaim.id)).where(
        CompanyClaim.user_id == user.id, CompanyClaim.method == ClaimMethod.EMAIL,
        CompanyClaim.created_at >= since)) or 0


def _mail_link(claim: CompanyClaim) -> None:
    token = _serializer().dumps({"claim": claim.id, "company": claim.company_id, "user": claim.user_id})
    link = external_url("claims.confirm", token=token)
    body = _("Hello,\n\n%(user)s asks to manage the profile of %(company)s on Atameken Match. If this person "
             "speaks for your company, they confirm by opening this link while logged in:\n%(link)s\n\n"
             "The link works for three days. If you do not know this person, ignore this mail: nothing changes.",
             user=claim.user.name, company=claim.company.name, link=link)
    send_mail(claim.sent_to, _("Atameken Match: confirm who manages %(company)s", company=claim.company.name),
              body)


def claim_from_token(token: str, user) -> CompanyClaim:
    """The pending claim a mailed link names; only its claimant may use it."""
    try:
        data = _serializer().loads(token, max_age=current_app.config["CLAIM_LINK_MAX_AGE"])
    except SignatureExpired as error:
        raise DomainError(_("This confirmation link has expired. Please claim the company again.")) from error
    except BadSignature as error:
        raise DomainError(_("This confirmation link is not valid.")) from error
    claim = db.session.get(CompanyClaim, data.get("claim"))
    if claim is None or claim.company_id != data.get("company") or claim.user_id != data.get("user"):
        raise DomainError(_("This confirmation link is not valid."))
    if claim.user_id != user.id:
        raise DomainError(_("Log in with the account that claimed the company to confirm."))
    return claim


def approve(claim: CompanyClaim) -> None:
    """Make the claimant the owner; the other open claims on the company are rejected."""
    if claim.status != ClaimStatus.PENDING:
        raise DomainError(_("This claim is already decided."))
    company = claim.company
    if company.owner_id is not None:
        raise DomainError(_("This company already has an owner."))
    company.owner_id = claim.user_id
    claim.status = ClaimStatus.APPROVED
    for other in db.session.scalars(select(CompanyClaim).filter_by(company_id=company.id,
                                                                   status=ClaimStatus.PENDING)):
        if other.id != claim.id:
            other.status = ClaimStatus.REJECTED
    db.session.flush()
    notify(claim.user, "claim", _l("You now manage %(company)s.", company=company.name),
           path_for("profiles.detail", company_id=company.id))


def reject(claim: CompanyClaim) -> None:
    if claim.status != ClaimStatus.PENDING:
        raise DomainError(_("This claim is already decided."))
    claim.status = ClaimStatus.REJECTED
    db.session.flush()
    notify(claim.user, "claim", _l("Your claim on %(company)s was not confirmed.", company=claim.company.name),
           path_for("profiles.detail", company_id=claim.company_id))


def pending_claims() -> list[CompanyClaim]:
    """The admin queue, oldest first."""
    return list(db.session.scalars(select(CompanyClaim).where(CompanyClaim.status == ClaimStatus.PENDING)
                                   .order_by(CompanyClaim.created_at, CompanyClaim.id)))


def contactable(keys: list[tuple[str, int]]) -> set[tuple[str, int]]:
    """Which (type, id) of companies and opportunities can receive interest: their company has an owner."""
    companies = {i for t, i in keys if t == "company"}
    opportunities = {i for t, i in keys if t == "opportunity"}
    from app.opportunities.models import Opportunity  # opportunities build on profiles

    found = {("company", i) for i in db.session.scalars(
        select(Company.id).where(Company.id.in_(companies), Company.owner_id.is_not(None)))}
    found |= {("opportunity", i) for i in db.session.scalars(
        select(Opportunity.id).join(Opportunity.company).where(Opportunity.id.in_(opportunities),
                                                              Company.owner_id.is_not(None)))}
    return found
