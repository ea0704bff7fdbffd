"""Backend selection, query validation, document validation, and the no-Flask rule."""
from __future__ import annotations

import subprocess
import sys

import pytest

from search import InvalidDocument, InvalidQuery, SearchBackend, SearchQuery, get_backend
from search.documents import facet_rows, validate
from search.embedded import EmbeddedBackend
from search.meili import MeiliBackend


def test_get_backend_picks_embedded_without_meili_url(tmp_path):
    backend = get_backend({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/app.db", "MEILI_URL": ""})
    assert isinstance(backend, EmbeddedBackend)
    assert isinstance(backend, SearchBackend)


def test_get_backend_picks_meilisearch_when_configured():
    backend = get_backend({"MEILI_URL": "http://127.0.0.1:7700", "MEILI_MASTER_KEY": "k", "MEILI_INDEX": "x"})
    assert isinstance(backend, MeiliBackend) and backend.index_uid == "x"


@pytest.mark.parametrize(
    "kwargs",
    [{"filters": {"colour": "red"}}, {"facets": ["price"]}, {"sort": "oldest"}, {"page": 0},
     {"per_page": 500}, {"semantic_ratio": 1.5}],
)
def test_query_validation(kwargs):
    with pytest.raises(InvalidQuery):
        SearchQuery(q="x", **kwargs)


def test_filter_values_accept_one_value_or_a_list():
    query = SearchQuery(filters={"country": "KZ", "kind": ["offer", "request"], "sector": ""})
    assert query.filter_values("country") == ["KZ"]
    assert query.filter_values("kind") == ["offer", "request"]
    assert query.filter_values("sector") == []


@pytest.mark.parametrize(
    "doc",
    [{"id": "12"}, {"id": "opportunity:"}, {"id": "company:3", "type": "opportunity"},
     {"id": "opportunity:1", "kind": "barter"}],
)
def test_invalid_documents_are_refused(doc):
    with pytest.raises(InvalidDocument):
        validate(doc)


def test_facet_rows_keep_explicit_and_inferred_codes_apart():
    doc = validate({"id": "opportunity:1", "countries": ["kz", "KZ"], "hs_codes": ["1101.00"],
                    "hs_inferred": ["110100", "1001"], "sectors": ["grain"]})
    assert facet_rows(doc) == [("country", "KZ"), ("sector", "grain"), ("hs", "110100"), ("hs_inf", "1001"),
                               ("hs_chapter", "11"), ("hs_chapter", "10")]


def test_importing_search_does_not_import_flask():
    code = "import sys, search, search.embedded, search.meili, search.sync; print('flask' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
