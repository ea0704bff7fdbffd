"""The search backend protocol, its plain result types, and `get_backend` that picks an implementation.

The app hands plain dicts (see `search.documents` for their shape) and gets dataclasses back; nothing here
knows about Flask. Backends raise `BackendUnavailable` when their store cannot be reached, so the app can keep
outbox rows for later and show a friendly message instead of a 500.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

Sort = Literal["relevance", "newest"]
FACETS = ("type", "kind", "country", "sector", "hs_chapter", "language")
FILTERS = ("type", "kind", "country", "sector", "language", "hs")
_PIVOT_CODE = re.compile(r"^\d{2,6}$")


class SearchError(Exception):
    """Base class of the errors a search backend raises."""


class BackendUnavailable(SearchError):
    """The backend's store (database, Meilisearch server) cannot be reached or refused the request."""


class InvalidQuery(SearchError, ValueError):
    """The query names an unknown filter, facet or sort."""


@dataclass(frozen=True)
class SearchQuery:
    """What the search box and its filters ask for.

    `filters` maps a name of `FILTERS` to a value or a list of values (any of them); `hs` matches codes that
    start with the value, explicit or inferred. `vector` is the E5 query embedding; with `semantic_ratio` > 0
    it blends cosine similarity into the keyword ranking (0 = keywords only, 1 = meaning only). `hs_pivot`
    lists the HS headings the query's meaning points to (`search.pivot.pivot_headings`): in hybrid search,
    listings coded under them (explicitly or by inference) join the meaning candidates. `semantic_floor` is the
    least cosine a meaning-only match needs when no keyword hit anchors the query (None: the backend's
    calibrated floor; -1: the nearest listings, however far, e.g. for "close in meaning" after an empty answer);
    the Meilisearch backend applies no such floor and ignores it.
    """

    q: str = ""
    filters: Mapping[str, str | Sequence[str]] = field(default_factory=dict)
    facets: Sequence[str] = ()
    sort: Sort = "relevance"
    page: int = 1
    per_page: int = 20
    vector: Sequence[float] | None = None
    semantic_ratio: float = 0.0
    hs_pivot: Sequence[str] = ()
    semantic_floor: float | None = None

    def __post_init__(self) -> None:
        unknown = set(self.filters) - set(FILTERS) or set(self.facets) - set(FACETS)
        if unknown:
            raise InvalidQuery(f"unknown filter or facet: {sorted(unknown)}")
        if self.sort not in ("relevance", "newest"):
            raise InvalidQuery(f"unknown sort: {self.sort!r}")
        if self.page < 1 or not 1 <= self.per_page <= 200:
            raise InvalidQuery("page must be >= 1 and per_page in 1..200")
        if not 0.0 <= self.semantic_ratio <= 1.0:
            raise InvalidQuery("semantic_ratio must be in [0, 1]")
        if self.semantic_floor is not None and not -1.0 <= self.semantic_floor <= 1.0:
            raise InvalidQuery("semantic_floor must be a cosine, in [-1, 1]")
        if any(not _PIVOT_CODE.match(str(code)) for code in self.hs_pivot):
            raise InvalidQuery("hs_pivot holds HS codes of 2 to 6 digits")

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def filter_values(self, name: str) -> list[str]:
        """The values of one filter as a list (empty when the filter is not set)."""
        value = self.filters.get(name)
        if value is None or value == "":
            return []
        return [str(value)] if isinstance(value, str) else [str(v) for v in value]


@dataclass
class Hit:
    """One found document: `highlights` maps a field (title, description) to HTML-escaped text with <mark>."""

    id: str
    type: str
    ref: str
    title: str
    score: float
    highlights: dict[str, str] = field(default_factory=dict)
    doc: dict[str, Any] = field(default_factory=dict)


@dataclass
class SearchResult:
    """A page of hits, the total number of matches, and facet counts {facet: {value: count}}. `searched`: the words
    of the query the answer was found by, as the query typed them, when no document holds them all and the backend
    went without some (as Meilisearch's matching strategy does); None when the answer holds every word, or the
    backend does not say."""

    hits: list[Hit]
    total: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    searched: str | None = None


@runtime_checkable
class SearchBackend(Protocol):
    """What every backend does. All methods raise `BackendUnavailable` when the store is down."""

    def configure(self) -> None:
        """Create tables / index settings; idempotent, call at start-up and after an upgrade."""

    def upsert(self, docs: Sequence[Mapping[str, Any]]) -> None:
        """Insert or replace documents by id (see `search.documents.validate` for the shape)."""

    def delete(self, ids: Sequence[str]) -> None:
        """Remove documents by id; unknown ids are ignored."""

    def search(self, query: SearchQuery) -> SearchResult:
        """Run one query."""

    def clear(self) -> None:
        """Remove every document (keeps the configuration)."""

    def health(self) -> bool:
        """True when the store answers; never raises."""

    def rebuild(self, docs: Iterable[Mapping[str, Any]], batch_size: int = 500) -> int:
        """Build a fresh index from `docs` beside the live one, then swap it in; returns the count.

        Search keeps answering from the old index until the swap. Writes made to the live index while the
        rebuild runs are not copied over: run the rebuild in the worker that drains the outbox, so pending
        outbox rows are applied after the swap.
        """


def get_backend(config: Mapping[str, Any], engine: Any = None) -> SearchBackend:
    """Meilisearch when `MEILI_URL` is set, else the embedded backend on the app's database.

    `config` is the app config (or any mapping): MEILI_URL, MEILI_MASTER_KEY (or MEILI_API_KEY),
    MEILI_INDEX (default "atameken"), SQLALCHEMY_DATABASE_URI. Pass `engine` to share the app's engine.
    """
    if config.get("MEILI_URL"):
        from search.meili import MeiliBackend

        return MeiliBackend(
            config["MEILI_URL"],
            api_key=config.get("MEILI_MASTER_KEY") or config.get("MEILI_API_KEY"),
            index=config.get("MEILI_INDEX", "atameken"),
        )
    from search.embedded import EmbeddedBackend

    if engine is None:
        from sqlalchemy import create_engine

        engine = create_engine(config["SQLALCHEMY_DATABASE_URI"])
    return EmbeddedBackend(engine)
