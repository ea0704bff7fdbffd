"""Read import files (JSON Lines, CSV, XLSX) into (line number, record or error) pairs.

Readers may be given a cap on rows and columns (uploads from the site are): past it they raise `TooLarge`
instead of reading on. An XLSX declares its size, and one cell in row 1048576 would make a reader walk a million
empty rows, so the declared size is checked first and reading never goes past the cap either way."""
import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

LIST_FIELDS = {"sectors", "languages", "hs_codes", "countries", "incoterms", "certifications"}


class TooLarge(ValueError):
    """The file has more rows or columns than may be imported at once."""

    def __init__(self, what: str, found: int, limit: int) -> None:
        super().__init__(f"the file has {found} {what}; at most {limit} can be imported at once")
        self.what, self.found, self.limit = what, found, limit


def _check(what: str, found: int | None, limit: int | None) -> None:
    if limit is not None and found is not None and found > limit:
        raise TooLarge(what, found, limit)


def _split(value) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v.strip() for v in str(value).replace(";", ",").split(",") if v.strip()]


def _from_cells(row: dict) -> dict:
    """Spreadsheet cells to a record: empty cells dropped, list columns split on , or ;."""
    record = {}
    for key, value in row.items():
        if key is None or value is None or value == "":
            continue
        key = str(key).strip()
        record[key] = _split(value) if key in LIST_FIELDS else value
    return record


def read_jsonl(stream: io.TextIOBase) -> Iterator[tuple[int, dict | str]]:
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield number, f"not valid JSON: {error.msg} (column {error.colno})"
            continue
        yield number, record if isinstance(record, dict) else "a line must hold one JSON object"


def read_csv(stream: io.TextIOBase, max_rows: int | None = None,
             max_columns: int | None = None) -> Iterator[tuple[int, dict | str]]:
    reader = csv.DictReader(stream)
    _check("columns", len(reader.fieldnames or ()), max_columns)
    for number, row in enumerate(reader, start=2):  # line 1 is the header
        _check("rows", number - 1, max_rows)
        yield number, _from_cells(row)


def read_xlsx(path: Path, max_rows: int | None = None,
              max_columns: int | None = None) -> Iterator[tuple[int, dict | str]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:  # a read-only workbook keeps its file open until closed
        sheet = book.active
        _check("rows", sheet.max_row and sheet.max_row - 1, max_rows)  # as declared: refused before reading
        _check("columns", sheet.max_column, max_columns)
        rows = sheet.iter_rows(values_only=True, max_row=max_rows + 2 if max_rows else None, max_col=max_columns)
        header = [str(h).strip() if h is not None else None for h in next(rows, [])]
        for number, values in enumerate(rows, start=2):
            if any(v not in (None, "") for v in values):
                _check("rows", number - 1, max_rows)  # a file that declared less than it holds
                yield number, _from_cells(dict(zip(header, values, strict=False)))
    finally:
        book.close()


def read_file(path: Path, max_columns: int | None = None) -> Iterator[tuple[int, dict | str]]:
    """Records of an import file, chosen by its extension (spreadsheets: at most `max_columns` columns)."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        yield from read_xlsx(path, max_columns=max_columns)
        return
    with path.open(encoding="utf-8-sig", newline="") as stream:
        yield from (read_csv(stream, max_columns=max_columns) if suffix == ".csv" else read_jsonl(stream))


def count_lines(path: Path) -> int:
    if path.suffix.lower() == ".xlsx":
        return 0
    with path.open("rb") as stream:
        return sum(1 for _ in stream)
