"""Search for Atameken Match: one backend protocol, an embedded backend on the app's database (SQLite FTS5 or
PostgreSQL full text) and a Meilisearch backend. Pure library: nothing here imports Flask.

    from search import SearchQuery, get_backend
    backend = get_backend(app.config, engine=db.engine)
    backend.configure()
    result = backend.search(SearchQuery(q="бидай ұны", filters={"kind": "offer"}, facets=["country"]))
"""
from search.base import (
    FACETS,
    FILTERS,
    BackendUnavailable,
    Hit,
    InvalidQuery,
    SearchBackend,
    SearchError,
    SearchQuery,
    SearchResult,
    get_backend,
)
from search.documents import InvalidDocument
from search.sync import EntryFailed, drain

__all__ = [
    "FACETS", "FILTERS", "BackendUnavailable", "EntryFailed", "Hit", "InvalidDocument", "InvalidQuery",
    "SearchBackend", "SearchError", "SearchQuery", "SearchResult", "drain", "get_backend",
]
