"""Spreadsheet exports (CSV, XLSX) whose cells are data, never formulas.

Names, titles and reasons in exports are typed by users. A cell starting with = + - @ (or a tab or carriage
return, which some spreadsheets skip before reading the formula) would run as a formula in the organiser's
spreadsheet program (CSV injection): such text is prefixed with an apostrophe, which spreadsheets read as
"this is text". Numbers stay numbers.
"""
import csv
import io
from collections.abc import Iterable

from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value as a spreadsheet should hold it: text that could start a formula is quoted."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _safe_rows(rows: Iterable[Iterable]) -> Iterable[list]:
    return ([safe_cell(v) for v in row] for row in rows)


def csv_text(rows: Iterable[Iterable]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(_safe_rows(rows))
    return out.getvalue()


def xlsx_bytes(rows: Iterable[Iterable], title: str, freeze: str | None = "A2") -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]  # Excel limits sheet names to 31 characters
    for row in _safe_rows(rows):
        sheet.append(row)
    sheet.freeze_panes = freeze
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
