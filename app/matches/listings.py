"""Plain dicts the matcher holds, built in one place from the models."""
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.opportunities.models import Opportunity
from app.profiles.models import Company


def company_listing(company: Company) -> dict:
    return {
        "id": company.id, "ref": company.ref, "type": "company", "kind": str(company.kind),
        "company_id": company.id, "company_country": company.country, "company_languages": list(company.languages),
        "sectors": list(company.sectors), "is_verified": company.is_verified,
        "status": "hidden" if company.is_hidden else "published", "name": company.name, "title": company.name,
        "description": company.description, "language": None, "hs_codes": [], "hs_inferred": [],
        "countries": [company.country], "updated_at": company.updated_at,
    }


def opportunity_listing(opportunity: Opportunity) -> dict:
    company = opportunity.company
    return {
        "id": opportunity.id, "ref": opportunity.ref, "type": "opportunity", "kind": str(opportunity.kind),
        "company_id": company.id, "company_country": company.country,
        "company_languages": list(company.languages), "sectors": list(company.sectors),
        "is_verified": company.is_verified,
        "status": "hidden" if company.is_hidden else str(opportunity.status),
        "title": opportunity.title, "description": opportunity.description, "language": opportunity.language,
        "hs_codes": opportunity.hs_codes, "hs_inferred": opportunity.hs_inferred,
        "countries": opportunity.countries, "quantity": opportunity.quantity, "unit": opportunity.unit,
        "certifications": list(opportunity.certifications or []), "updated_at": opportunity.updated_at,
    }


def all_listings() -> list[dict]:
    """Every company and opportunity (the matcher itself leaves out closed and hidden ones)."""
    companies = db.session.scalars(select(Company)).all()
    opportunities = db.session.scalars(select(Opportunity).options(
        selectinload(Opportunity.hs_links), selectinload(Opportunity.country_links),
        selectinload(Opportunity.company))).all()
    return [company_listing(c) for c in companies] + [opportunity_listing(o) for o in opportunities]
