"""The in-process document vectors: each language's vectors moved to one centre (`LANGUAGE_SHIFT`)."""
import numpy as np
import pytest
from sqlalchemy import create_engine, text

from search.embedded import vectors
from search.embedded.vectors import VectorCache, to_blob


def unit(*values: float) -> list[float]:
    v = np.array(values, dtype=np.float64)
    return list(v / np.linalg.norm(v))


# axes: 0 = written in Russian, 1 = written in English, 2 = flour, 3 = metals, 4 = dairy
DOCS = [
    ("opportunity:ru-metal", "ru", unit(1, 0, 0, 1, 0)),
    ("opportunity:ru-milk", "ru", unit(1, 0, 0, 0, 1)),
    ("opportunity:en-flour", "en", unit(0, 1, 1, 0, 0)),
    ("opportunity:en-milk", "en", unit(0, 1, 0, 0, 1)),
]
RUSSIAN_FLOUR_QUERY = unit(1, 0, 0.6, 0, 0)


@pytest.fixture
def conn():
    engine = create_engine("sqlite://")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE search_doc_t (num INTEGER PRIMARY KEY, id TEXT, vector BLOB, "
                                "language TEXT)"))
        for doc_id, language, vector in DOCS:
            connection.execute(text("INSERT INTO search_doc_t (id, vector, language) VALUES (:i, :v, :l)"),
                               {"i": doc_id, "v": to_blob(vector), "l": language})
        yield connection


def nearest_ids(conn, query: list[float]) -> list[str]:
    cache = VectorCache()
    cache.refresh(conn, "t", "epoch-1")
    nearest = cache.nearest(query)
    ids = dict(cache._keys)  # (num, id) of the matrix's rows
    return [ids[num] for num, _ in nearest]


def test_a_query_leans_to_its_own_language_without_the_shift(conn, monkeypatch):
    monkeypatch.setattr(vectors, "LANGUAGE_SHIFT", False)
    assert nearest_ids(conn, RUSSIAN_FLOUR_QUERY)[0] in {"opportunity:ru-metal", "opportunity:ru-milk"}


def test_with_the_shift_the_listing_about_the_goods_comes_first_whatever_its_language(conn, monkeypatch):
    monkeypatch.setattr(vectors, "LANGUAGE_SHIFT", True)
    monkeypatch.setattr(vectors, "LANGUAGE_SHRINK", 0)
    assert nearest_ids(conn, RUSSIAN_FLOUR_QUERY)[0] == "opportunity:en-flour"


def test_each_language_ends_at_the_mean_of_all_rows_and_a_small_group_moves_less(monkeypatch):
    rng = np.random.default_rng(7)
    matrix = rng.normal(size=(30, 8)).astype(np.float32)
    matrix[:20, 0] += 3.0  # twenty rows of one language, ten of another, one company
    languages = ["ru"] * 20 + ["en"] * 9 + [""]
    centre = matrix.mean(axis=0)
    monkeypatch.setattr(vectors, "LANGUAGE_SHRINK", 0)
    full = vectors._shifted(matrix.copy(), languages)
    for language in ("ru", "en", ""):
        rows = np.array(languages) == language
        assert np.allclose(full[rows].mean(axis=0), centre, atol=1e-5)
    monkeypatch.setattr(vectors, "LANGUAGE_SHRINK", 10)
    shrunk = vectors._shifted(matrix.copy(), languages)
    ru = np.array(languages) == "ru"
    moved = np.linalg.norm(shrunk[ru].mean(axis=0) - matrix[ru].mean(axis=0))
    assert moved == pytest.approx(np.linalg.norm(centre - matrix[ru].mean(axis=0)) * 20 / 30, rel=1e-4)
    # the lone company row moves by one eleventh of its distance to the centre, not onto it
    assert np.allclose(shrunk[-1], matrix[-1] + (centre - matrix[-1]) / 11, atol=1e-5)


def test_a_new_document_moves_the_centres_again(conn, monkeypatch):
    monkeypatch.setattr(vectors, "LANGUAGE_SHIFT", True)
    monkeypatch.setattr(vectors, "LANGUAGE_SHRINK", 0)
    cache = VectorCache()
    cache.refresh(conn, "t", "epoch-1")
    before = cache.cosines(RUSSIAN_FLOUR_QUERY, [3])[3]
    conn.execute(text("INSERT INTO search_doc_t (id, vector, language) VALUES (:i, :v, :l)"),
                 {"i": "opportunity:en-metal", "v": to_blob(unit(0, 1, 0, 1, 0)), "l": "en"})
    cache.refresh(conn, "t", "epoch-1")
    assert len(cache._rows) == 5
    assert cache.cosines(RUSSIAN_FLOUR_QUERY, [3])[3] != pytest.approx(before)
