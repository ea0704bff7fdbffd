"""Search documents, built in one place from the models (the backends get plain dicts)."""
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.matches.models import Embedding
from app.opportunities.models import Opportunity
from app.profiles.models import Company
from matching.vectors import Embedding as Vectors


def _vector(session: Session, owner_type: str, owner_id: int, model_id: str | None) -> list[float] | None:
    if model_id is None:
        return None
    row = session.execute(select(Embedding.text_hash, Embedding.vectors).filter_by(
        owner_type=owner_type, owner_id=owner_id, model_id=model_id)).first()
    return None if row is None else Vectors.from_bytes(model_id, row[0], row[1]).vectors[0].tolist()


def company_doc(session: Session, company: Company, model_id: str | None) -> dict:
    return {"id": f"company:{company.id}", "type": "company", "ref": company.ref or "", "title": company.name,
            "description": company.description, "kind": str(company.kind), "company_name": company.name,
            "countries": [company.country], "sectors": list(company.sectors), "language": "",
            "hs_codes": [], "hs_inferred": [], "created_at": company.created_at.isoformat(),
            "_vectors": _vector(session, "company", company.id, model_id)}


def opportunity_doc(session: Session, opportunity: Opportunity, model_id: str | None) -> dict:
    company = opportunity.company
    return {"id": f"opportunity:{opportunity.id}", "type": "opportunity", "ref": opportunity.ref or "",
            "title": opportunity.title, "description": opportunity.description, "kind": str(opportunity.kind),
            "company_name": company.name, "countries": opportunity.countries, "sectors": list(company.sectors),
            "language": opportunity.language, "hs_codes": opportunity.hs_codes,
            "hs_inferred": guessed_headings(opportunity), "created_at": opportunity.created_at.isoformat(),
            "owner": f"company:{company.id}", "_vectors": _vector(session, "opportunity", opportunity.id, model_id)}


def guessed_headings(opportunity: Opportunity) -> list[str]:
    """Headings a listing without codes is found under: the matcher's guess, then its text's own headings."""
    if opportunity.hs_codes:
        return []
    return list(dict.fromkeys([*(opportunity.hs_inferred or []), *(opportunity.hs_guessed or [])]))


def is_searchable(record: Company | Opportunity) -> bool:
    """Hidden companies and closed opportunities leave the index."""
    if isinstance(record, Company):
        return not record.is_hidden
    return record.is_published


def doc_for(session: Session, key: tuple[str, int], model_id: str | None) -> dict | None:
    """The document of ("company" | "opportunity", id), or None when it should not be searchable."""
    model = Company if key[0] == "company" else Opportunity
    record = session.get(model, key[1])
    if record is None or not is_searchable(record):
        return None
    return (company_doc if key[0] == "company" else opportunity_doc)(session, record, model_id)


def all_docs(session: Session, model_id: str | None):
    """Every searchable document, for a full rebuild."""
    for company in session.scalars(select(Company).where(Company.is_hidden.is_(False))):
        yield company_doc(session, company, model_id)
    query = select(Opportunity).options(selectinload(Opportunity.hs_links), selectinload(Opportunity.country_links),
                                        selectinload(Opportunity.company))
    for opportunity in session.scalars(query):
        if opportunity.is_published:
            yield opportunity_doc(session, opportunity, model_id)
