"""Company operations; the view commits."""
from flask import abort
from flask_login import current_user

from app.extensions import db
from app.profiles.models import Company, CompanyKind

EDITABLE = ("name", "kind", "country", "city", "sectors", "languages", "description", "website", "email", "phone")


def save_company(company: Company | None, data: dict, owner_id: int | None) -> Company:
    """Create (company is None) or update a company from validated form data."""
    if company is None:
        company = Company(owner_id=owner_id)
        db.session.add(company)
    for name in EDITABLE:
        if name in data:
            setattr(company, name, data[name])
    company.kind = CompanyKind(company.kind)
    db.session.flush()
    return company


def get_company_or_404(company_id: int, owner_only: bool = False) -> Company:
    """Load a company; hidden ones exist only for owners and admins; `owner_only` guards edits."""
    company = db.session.get(Company, company_id)
    if company is None:
        abort(404)
    is_owner = company.is_owned_by(current_user)
    if company.is_hidden and not (is_owner or getattr(current_user, "is_admin", False)):
        abort(404)
    if owner_only and not is_owner:
        abort(403)
    return company
