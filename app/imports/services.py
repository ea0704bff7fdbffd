"""Bulk import: upsert companies and opportunities by their external `ref`.

Good rows go in, bad rows are reported with their line number and reason; importing the same file twice updates
and never duplicates. Each row is saved in its own savepoint so one bad row cannot undo the others.
"""
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from marshmallow import ValidationError
from sqlalchemy import select

from app.extensions import db
from app.imports.readers import read_file
from app.imports.schemas import CompanyRecord, OpportunityRecord
from app.opportunities.models import Opportunity, OpportunityKind
from app.profiles.models import Company, CompanyKind


@dataclass
class ImportReport:
    created: dict[str, int] = field(default_factory=lambda: {"company": 0, "opportunity": 0})
    updated: dict[str, int] = field(default_factory=lambda: {"company": 0, "opportunity": 0})
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return sum(self.created.values()) + sum(self.updated.values())

    def summary(self) -> str:
        return (f"companies: {self.created['company']} new, {self.updated['company']} updated; "
                f"opportunities: {self.created['opportunity']} new, {self.updated['opportunity']} updated; "
                f"{len(self.errors)} rows rejected")


def _messages(error: ValidationError) -> str:
    parts = []
    for name, problems in sorted(error.normalized_messages().items()):
        text = "; ".join(str(p) for p in problems) if isinstance(problems, list) else str(problems)
        parts.append(f"{name}: {text}")
    return ", ".join(parts)


def _upsert_company(data: dict) -> bool:
    company = db.session.scalar(select(Company).where(Company.ref == data["ref"]))
    created = company is None
    if created:
        company = Company(ref=data["ref"])
        db.session.add(company)
    data = {**data, "country": data["country"].upper(), "kind": CompanyKind(data["kind"])}
    for name in ("name", "kind", "country", "city", "sectors", "languages", "description", "website",
                 "email", "phone"):
        setattr(company, name, data[name])
    return created


def _upsert_opportunity(data: dict) -> bool:
    company = db.session.scalar(select(Company).where(Company.ref == data["company"]))
    if company is None:
        raise ValidationError({"company": [f"no company with ref {data['company']!r} (import it first)"]})
    opportunity = db.session.scalar(select(Opportunity).where(Opportunity.ref == data["ref"]))
    created = opportunity is None
    if created:
        opportunity = Opportunity(ref=data["ref"])
        db.session.add(opportunity)
    opportunity.company = company
    opportunity.kind = OpportunityKind(data["kind"])
    opportunity.countries = [c.upper() for c in data["countries"]]
    for name in ("title", "description", "language", "hs_codes", "quantity", "unit", "incoterms",
                 "certifications", "valid_until"):
        setattr(opportunity, name, data[name])
    return created


HANDLERS = {"company": (CompanyRecord(), _upsert_company), "opportunity": (OpportunityRecord(), _upsert_opportunity)}


def import_records(rows: Iterable[tuple[int, dict | str]], on_row: Callable[[], None] | None = None) -> ImportReport:
    """Validate and upsert each row; the caller commits."""
    report = ImportReport()
    for number, record in rows:
        if on_row:
            on_row()
        if isinstance(record, str):
            report.errors.append((number, record))
            continue
        kind = record.get("type")
        if kind not in HANDLERS:
            report.errors.append((number, f"type must be 'company' or 'opportunity', not {kind!r}"))
            continue
        schema, upsert = HANDLERS[kind]
        try:
            data = schema.load(record, unknown="exclude")
            with db.session.begin_nested():
                created = upsert(data)
                db.session.flush()
        except ValidationError as error:
            report.errors.append((number, _messages(error)))
            continue
        (report.created if created else report.updated)[kind] += 1
    return report


def import_file(path: Path, on_row: Callable[[], None] | None = None,
                max_columns: int | None = None) -> ImportReport:
    """Raises `TooLarge` (before importing anything) for a spreadsheet with more than `max_columns` columns."""
    return import_records(read_file(path, max_columns=max_columns), on_row=on_row)
