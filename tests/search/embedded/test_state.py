"""A search asks for the documents, terms and vectors written since its process last looked only when there are
some (`search.embedded.schema.read_state`), and still sees every write of another process."""
from __future__ import annotations

import pytest
from sqlalchemy import event

from search.base import SearchQuery


@pytest.fixture(autouse=True)
def _own_words(no_goods_names):
    """Product words as typed, without the names of goods."""


def _opp(n, title, vector, countries=("KZ",)):
    return {"id": f"opportunity:{n}", "type": "opportunity", "ref": f"o-{n}", "title": title, "description": "",
            "kind": "offer", "company_name": "Aqbidai", "countries": list(countries), "sectors": ["grain"],
            "language": "ru", "hs_codes": [], "hs_inferred": [], "created_at": f"2026-03-0{n}T10:00:00+00:00",
            "_vectors": vector}


@pytest.fixture
def two_processes(backend):
    """The fixture's backend writes; a second one on the same database, with caches of its own, reads."""
    if not hasattr(backend, "engine"):
        pytest.skip("the embedded backend's own caches")
    from search.embedded import EmbeddedBackend

    backend.upsert([_opp(1, "Мука пшеничная", [1.0, 0.0, 0.0]), _opp(2, "Цемент в мешках", [0.0, 1.0, 0.0])])
    return backend, EmbeddedBackend(backend.engine)


def _search(backend, q, vector):
    query = SearchQuery(q=q, vector=vector, semantic_ratio=0.5, facets=("country",))
    return backend.search(query)


def _statements(engine, run) -> list[str]:
    seen: list[str] = []

    def note(_conn, _cursor, statement, *_args):
        seen.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", note)
    try:
        run()
    finally:
        event.remove(engine, "before_cursor_execute", note)
    return seen


CATCH_UP = ("term FROM search_term_", "vector IS NOT NULL", "SELECT num, type, kind, language")


def test_nothing_written_since_nothing_asked(two_processes):
    writer, reader = two_processes
    _search(reader, "мука", [1.0, 0.0, 0.0])
    again = _statements(reader.engine, lambda: _search(reader, "мука", [1.0, 0.0, 0.0]))
    assert again and not [s for s in again if any(part in s for part in CATCH_UP)]


def test_what_another_process_wrote_is_found_by_typo_meaning_and_facets(two_processes):
    writer, reader = two_processes
    assert [h.ref for h in _search(reader, "мука", [1.0, 0.0, 0.0]).hits][0] == "o-1"
    writer.upsert([_opp(3, "Гречка ядрица", [0.0, 0.0, 1.0], countries=("MN",))])
    asked = _statements(reader.engine, lambda: _search(reader, "гречкка", [0.0, 0.0, 1.0]))
    assert [s for s in asked if CATCH_UP[0] in s]  # the new words were asked for
    result = _search(reader, "гречкка", [0.0, 0.0, 1.0])  # a typo: found through the new term
    assert [h.ref for h in result.hits][0] == "o-3"
    assert result.facets["country"] == {"MN": 1}
    nearest = _search(reader, "", [0.0, 0.0, 1.0])
    assert "o-3" in [h.ref for h in nearest.hits]
