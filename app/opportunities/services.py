"""Opportunity operations; the view commits."""
from flask import abort
from flask_login import current_user
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.opportunities.models import Opportunity, OpportunityKind, OpportunityStatus
from app.profiles.models import Company

EDITABLE = ("kind", "title", "description", "language", "hs_codes", "countries", "quantity", "unit",
            "incoterms", "certifications", "valid_until")


def save_opportunity(opportunity: Opportunity | None, company: Company, data: dict) -> Opportunity:
    """Create (opportunity is None) or update an opportunity of a company."""
    if opportunity is None:
        opportunity = Opportunity(company=company, status=OpportunityStatus.PUBLISHED)
        db.session.add(opportunity)
    for name in EDITABLE:
        if name in data:
            setattr(opportunity, name, data[name])
    if opportunity.quantity is not None:
        opportunity.quantity = float(opportunity.quantity)
    opportunity.kind = OpportunityKind(opportunity.kind)
    db.session.flush()
    return opportunity


def set_status(opportunity: Opportunity, status: OpportunityStatus) -> None:
    opportunity.status = status
    db.session.flush()


def get_opportunity_or_404(opportunity_id: int, owner_only: bool = False) -> Opportunity:
    """Load an opportunity, with its company, codes and countries in the same statement (its page shows them all);
    unpublished ones exist only for their owner and admins."""
    opportunity = db.session.get(Opportunity, opportunity_id, options=[
        joinedload(Opportunity.company), joinedload(Opportunity.hs_links), joinedload(Opportunity.country_links)])
    if opportunity is None:
        abort(404)
    is_owner = opportunity.company.is_owned_by(current_user)
    if not opportunity.is_published and not (is_owner or getattr(current_user, "is_admin", False)):
        abort(404)
    if owner_only and not is_owner:
        abort(403)
    return opportunity
