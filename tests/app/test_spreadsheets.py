"""Exports hold user text as text: a cell that would start a formula is quoted, in CSV and in XLSX."""
import csv
import io

import pytest
from openpyxl import load_workbook

from app.extensions import db
from app.spreadsheets import csv_text, safe_cell, xlsx_bytes
from tests.app.test_forums_factories import login_as
from tests.app.test_forums_pages import forum, scheduled  # noqa: F401  (fixtures)

HOSTILE = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_text_is_quoted(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Tobol Astyq", "a=b", "", None, 42, -3.5, "Kostanay - Almaty"])
def test_other_values_are_kept(value):
    assert safe_cell(value) == value


def test_csv_and_xlsx_cells_are_never_formulas():
    rows = [["name", "note"], *[[text, 7] for text in HOSTILE]]
    read = list(csv.reader(io.StringIO(csv_text(rows), newline="")))
    assert [r[0] for r in read[1:]] == ["'" + text for text in HOSTILE]
    sheet = load_workbook(io.BytesIO(xlsx_bytes(rows, "Export"))).active
    cells = [sheet.cell(row=r, column=1) for r in range(2, len(HOSTILE) + 2)]
    assert [c.value.replace("\n", "\r") for c in cells] == ["'" + text for text in HOSTILE]  # XLSX keeps \n
    assert {c.data_type for c in cells} == {"s"}  # text, not "f" (formula)
    assert sheet.cell(row=2, column=2).value == 7


def test_programme_exports_quote_names_typed_by_users(client, scheduled):  # noqa: F811
    programme, people = scheduled
    people[0].company.name = "=HYPERLINK(\"http://evil.example\",\"Tobol\")"
    people[0].user.name = "@SUM(A1)"
    db.session.commit()
    login_as(client, "org@example.org")
    text = client.get(f"/forums/{programme.id}/programme.csv").get_data(as_text=True)
    cells = {cell for row in csv.reader(io.StringIO(text)) for cell in row}
    assert "'" + people[0].company.name in cells and "'@SUM(A1)" in cells
    assert not any(cell.startswith(("=", "@")) for cell in cells)
    sheet = load_workbook(io.BytesIO(client.get(f"/forums/{programme.id}/programme.xlsx").data)).active
    values = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert "'@SUM(A1)" in {c.value for c in values}
    assert all(c.data_type == "s" for c in values)
