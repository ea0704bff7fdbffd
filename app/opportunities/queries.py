"""Read queries over the marketplace shared by pages and the API."""
from sqlalchemy import Select, exists, select
from sqlalchemy.orm import contains_eager, selectinload

from app.opportunities.models import Opportunity, OpportunityCountry, OpportunityHSCode, OpportunityStatus
from app.profiles.models import Company


def published_opportunities(kind: str | None = None, country: str | None = None, hs: str | None = None,
                            ref: str | None = None) -> Select:
    """Published opportunities of visible companies, with the marketplace filters.

    Each row comes with its company (from the join), codes and countries: lists show them all, and loading
    them row by row was most of a list page's time under load (docs/benchmarks.md, "The site under load").
    """
    query = (select(Opportunity).join(Opportunity.company)
             .where(Opportunity.status == OpportunityStatus.PUBLISHED, Company.is_hidden.is_(False))
             .options(contains_eager(Opportunity.company), selectinload(Opportunity.hs_links),
                      selectinload(Opportunity.country_links)))
    if kind:
        query = query.where(Opportunity.kind == kind)
    if country:
        query = query.where(exists().where(OpportunityCountry.opportunity_id == Opportunity.id,
                                           OpportunityCountry.country == country.upper()))
    if hs:
        # a prefix: "1101" finds 1101 and its 6-digit children
        query = query.where(exists().where(OpportunityHSCode.opportunity_id == Opportunity.id,
                                           OpportunityHSCode.code.startswith(hs, autoescape=True)))
    if ref:
        query = query.where(Opportunity.ref == ref)
    return query


def visible_companies(kind: str | None = None, country: str | None = None, ref: str | None = None) -> Select:
    query = select(Company).where(Company.is_hidden.is_(False))
    if kind:
        query = query.where(Company.kind == kind)
    if country:
        query = query.where(Company.country == country.upper())
    if ref:
        query = query.where(Company.ref == ref)
    return query
