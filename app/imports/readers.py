"""Read import files (JSON Lines, CSV, XLSX) into (line number, record or error) pairs."""
import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

LIST_FIELDS = {"sectors", "languages", "hs_codes", "countries", "incoterms", "certifications"}


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


def read_csv(stream: io.TextIOBase) -> Iterator[tuple[int, dict | str]]:
    for number, row in enumerate(csv.DictReader(stream), start=2):  # line 1 is the header
        yield number, _from_cells(row)


def read_xlsx(path: Path) -> Iterator[tuple[int, dict | str]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:  # a read-only workbook keeps its file open until closed
        rows = book.active.iter_rows(values_only=True)
        header = [str(h).strip() if h is not None else None for h in next(rows, [])]
        for number, values in enumerate(rows, start=2):
            if any(v not in (None, "") for v in values):
                yield number, _from_cells(dict(zip(header, values, strict=False)))
    finally:
        book.close()


def read_file(path: Path) -> Iterator[tuple[int, dict | str]]:
    """Records of an import file, chosen by its extension."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        yield from read_xlsx(path)
        return
    with path.open(encoding="utf-8-sig", newline="") as stream:
        yield from (read_csv(stream) if suffix == ".csv" else read_jsonl(stream))


def count_lines(path: Path) -> int:
    if path.suffix.lower() == ".xlsx":
        return 0
    with path.open("rb") as stream:
        return sum(1 for _ in stream)
