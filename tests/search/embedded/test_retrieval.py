"""A list of values as one parameter (`search.embedded.retrieval.one_of`), on SQLite and PostgreSQL."""
import pytest
from sqlalchemy import text

from search.embedded import retrieval


@pytest.fixture
def engine(backend):
    if not hasattr(backend, "engine"):
        pytest.skip("the embedded backend's SQL only")
    with backend.engine.begin() as conn:
        conn.execute(text("CREATE TABLE one_of_t (num INTEGER PRIMARY KEY, id VARCHAR(20))"))
        conn.execute(text("INSERT INTO one_of_t VALUES (1, 'opportunity:1'), (2, 'company:7'), (30, 'company:ü')"))
    return backend.engine


def _select(engine, column, values, of="integer"):
    params = {}
    with engine.connect() as conn:
        where = retrieval.one_of(conn, column, values, params, "v", of=of)
        return sorted(conn.execute(text(f"SELECT num FROM one_of_t WHERE {where}"), params).scalars())


@pytest.mark.parametrize("one_parameter", [True, False])
def test_the_rows_whose_value_is_in_the_list(engine, monkeypatch, one_parameter):
    monkeypatch.setattr(retrieval, "ONE_PARAMETER_LISTS", one_parameter)
    assert _select(engine, "num", [30, 1, 999]) == [1, 30]
    assert _select(engine, "id", ["company:7", "company:ü", "nobody"], of="text") == [2, 30]
    assert _select(engine, "num", []) == []  # nothing listed: nothing found, and no malformed SQL


def test_the_list_is_one_parameter_whatever_its_length(engine):
    with engine.connect() as conn:
        params = {}
        sql = retrieval.one_of(conn, "num", list(range(200)), params, "v")
    assert list(params) == ["v"] and ":v" in sql
