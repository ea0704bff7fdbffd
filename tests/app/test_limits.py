"""Size limits: request bodies, rows and columns of uploaded spreadsheets, and previews that expire."""
import io
import os
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.forums import imports
from app.imports.readers import TooLarge, read_csv, read_xlsx
from tests.app.test_forums_factories import login_as, make_forum, quick_user

HEADER = "email,name,company,country\n"


@pytest.fixture
def forum(client):
    forum = make_forum(quick_user("org@example.org", "Organiser", role="organiser"))
    login_as(client, "org@example.org")
    return forum


def _upload(client, forum, data: bytes, name: str):
    return client.post(f"/forums/{forum.id}/import", data={"file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data", follow_redirects=True,
                       headers={"Referer": f"http://localhost/forums/{forum.id}/import"})


def _xlsx(cells: dict[str, str], dimension: str | None = None) -> bytes:
    book = Workbook()
    for ref, value in cells.items():
        book.active[ref] = value
    out = io.BytesIO()
    book.save(out)
    if dimension is None:
        return out.getvalue()
    # a file that declares a smaller sheet than it holds (openpyxl always writes the true size)
    source, rewritten = zipfile.ZipFile(out), io.BytesIO()
    with zipfile.ZipFile(rewritten, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<dimension ref="A1:A1048576" />', f'<dimension ref="{dimension}" />'.encode())
            target.writestr(item, data)
    return rewritten.getvalue()


def test_a_request_over_max_content_length_is_refused_with_413(app, client, forum, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 1024 * 1024)
    response = client.post(f"/forums/{forum.id}/import", data=b"x" * (1024 * 1024 + 1),
                           content_type="multipart/form-data; boundary=x")
    assert response.status_code == 413
    assert "at most 1.0 MB can be sent at once" in response.get_data(as_text=True)
    api = client.post("/api/v1/companies", data=b"x" * (1024 * 1024 + 1), content_type="application/json")
    assert api.status_code in (405, 413)  # no upload on the API: refused either way, never read


def test_csv_with_too_many_rows_is_refused(app, client, forum, monkeypatch):
    monkeypatch.setitem(app.config, "IMPORT_MAX_ROWS", 3)
    rows = "".join(f"p{i}@example.kz,P{i},C{i},KZ\n" for i in range(4))
    page = _upload(client, forum, (HEADER + rows).encode(), "people.csv").get_data(as_text=True)
    assert "The file has 4 rows; at most 3 can be imported at once." in page
    assert 'name="token"' not in page  # no preview


def test_csv_with_too_many_columns_is_refused(client, forum):
    header = ",".join(f"c{i}" for i in range(60)) + "\n"
    page = _upload(client, forum, header.encode(), "wide.csv").get_data(as_text=True)
    assert "The file has 60 columns; at most 50 can be read." in page


def test_xlsx_with_a_cell_in_the_last_row_is_refused_before_reading(client, forum):
    data = _xlsx({"A1": "email", "A1048576": "far away"})
    page = _upload(client, forum, data, "people.xlsx").get_data(as_text=True)
    assert "The file has 1048575 rows; at most 5000 can be imported at once." in page


def test_xlsx_that_hides_its_size_is_read_only_up_to_the_cap(tmp_path):
    path = tmp_path / "hidden.xlsx"
    path.write_bytes(_xlsx({"A1": "email", "A2": "a@example.kz", "A1048576": "far away"}, dimension="A1:A2"))
    assert list(read_xlsx(path, max_rows=10)) == [(2, {"email": "a@example.kz"})]


def test_readers_stop_at_the_cap():
    with pytest.raises(TooLarge, match="the file has 3 rows; at most 2"):
        list(read_csv(io.StringIO("email\na\nb\nc\nd\n"), max_rows=2))


@pytest.mark.parametrize(("data", "name"), [(b"PK\x03\x04 not really a zip", "people.xlsx"),
                                            ("email\nДана@example.kz\n".encode("cp1251"), "people.csv")])
def test_unreadable_files_get_a_clear_message(client, forum, data, name):
    page = _upload(client, forum, data, name).get_data(as_text=True)
    assert "This file could not be read: save it as CSV (UTF-8) or XLSX and try again." in page


def test_previews_expire(app, forum, monkeypatch):
    token = imports.store_preview(forum, [imports.Row(line=2, email="a@example.kz")])
    path = Path(app.instance_path, "forum_imports", f"{token}.json")
    hour_ago = time.time() - 3601
    os.utime(path, (hour_ago, hour_ago))
    assert imports.load_preview(forum, token) is None  # too old to confirm
    imports.store_preview(forum, [])
    assert not path.exists()  # and cleared when the next preview is stored


def test_import_data_refuses_a_sheet_declaring_thousands_of_columns(runner_app, tmp_path):
    book = Workbook()
    book.active["A1"], book.active["XFD1"] = "type", "far right"
    book.save(tmp_path / "wide.xlsx")
    result = runner_app.test_cli_runner().invoke(args=["import-data", str(tmp_path / "wide.xlsx")])
    assert result.exit_code == 1
    assert "the file has 16384 columns; at most 50 can be imported at once" in result.output
