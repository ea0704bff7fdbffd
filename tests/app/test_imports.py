import json

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from app.extensions import db
from app.opportunities.models import Opportunity
from app.profiles.models import Company
from tests.conftest import SHARED

DEV_SAMPLE = SHARED / "eval" / "dev" / "records.jsonl"


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_dev_sample_imports_cleanly_and_reimport_updates(runner_app):
    if not DEV_SAMPLE.exists():  # as the scheduler tests do for shared/b2b
        pytest.skip(f"the dev sample {DEV_SAMPLE} is not next to the repository (shared/eval/dev)")
    runner = runner_app.test_cli_runner()
    first = runner.invoke(args=["import-data", str(DEV_SAMPLE)])
    assert "companies: 76 new, 0 updated; opportunities: 180 new, 0 updated; 0 rows rejected" in first.output
    assert (_count(Company), _count(Opportunity)) == (76, 180)
    second = runner.invoke(args=["import-data", str(DEV_SAMPLE)])
    assert "companies: 0 new, 76 updated; opportunities: 0 new, 180 updated; 0 rows rejected" in second.output
    assert (_count(Company), _count(Opportunity)) == (76, 180)
    flour = db.session.scalar(select(Opportunity).where(Opportunity.ref == "o-138"))
    assert flour.company.ref and flour.language


def test_broken_rows_are_reported_and_good_rows_imported(runner_app, tmp_path):
    rows = [
        {"type": "company", "ref": "c-1", "name": "Good Co", "kind": "exporter", "country": "KZ"},
        {"type": "company", "ref": "c-2", "name": "Bad Country", "kind": "exporter", "country": "XX"},
        "{not json",
        {"type": "opportunity", "ref": "o-1", "company": "c-1", "kind": "offer", "title": "Flour",
         "language": "ru", "hs_codes": ["1101"], "countries": ["TR"]},
        {"type": "opportunity", "ref": "o-2", "company": "c-404", "kind": "offer", "title": "Orphan",
         "language": "ru"},
        {"type": "opportunity", "ref": "o-3", "company": "c-1", "kind": "offer", "title": "Bad HS",
         "language": "ru", "hs_codes": ["1234"]},
        {"type": "widget", "ref": "w-1"},
        {"type": "opportunity", "ref": "o-4", "company": "c-1", "kind": "sale", "title": "Bad kind",
         "language": "xx"},
    ]
    path = tmp_path / "broken.jsonl"
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows), encoding="utf-8")
    result = runner_app.test_cli_runner().invoke(args=["import-data", str(path)])
    out = result.output
    assert "line 2: country: unknown country code 'XX'" in out
    assert "line 3: not valid JSON" in out
    assert "line 5: company: no company with ref 'c-404'" in out
    assert "line 6: hs_codes: not an HS 2022 code: 1234" in out
    assert "line 7: type must be 'company' or 'opportunity'" in out
    assert "line 8: kind: Must be one of: offer, request., language: unknown language code 'xx'" in out
    assert "companies: 1 new, 0 updated; opportunities: 1 new, 0 updated; 6 rows rejected" in out
    assert (_count(Company), _count(Opportunity)) == (1, 1)


def test_csv_and_xlsx_with_the_same_fields(runner_app, tmp_path):
    csv_path = tmp_path / "companies.csv"
    csv_path.write_text("type,ref,name,kind,country,sectors,languages\n"
                        "company,c-9,Qazyna Foods,exporter,KZ,grain;dairy,kk;ru\n", encoding="utf-8")
    runner = runner_app.test_cli_runner()
    assert "companies: 1 new" in runner.invoke(args=["import-data", str(csv_path)]).output
    book = Workbook()
    sheet = book.active
    sheet.append(["type", "ref", "company", "kind", "title", "language", "hs_codes", "countries", "quantity", "unit"])
    sheet.append(["opportunity", "o-9", "c-9", "offer", "Камышовый мёд", "ru", "0409", "CN, AE", 20, "t"])
    sheet.append(["opportunity", "o-10", "c-9", "offer", "", "ru", None, None, None, None])
    xlsx_path = tmp_path / "offers.xlsx"
    book.save(xlsx_path)
    out = runner.invoke(args=["import-data", str(xlsx_path)]).output
    assert "opportunities: 1 new" in out and "line 3: title: Missing data for required field." in out
    company = db.session.scalar(select(Company).where(Company.ref == "c-9"))
    assert company.sectors == ["grain", "dairy"] and company.languages == ["kk", "ru"]
    offer = db.session.scalar(select(Opportunity).where(Opportunity.ref == "o-9"))
    assert offer.countries == ["AE", "CN"] and offer.hs_codes == ["0409"] and offer.quantity == 20
