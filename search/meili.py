"""`MeiliBackend`: the search backend on a Meilisearch server, with the official `meilisearch` client.

Used when MEILI_URL is set. Every write waits for its task and raises `TaskFailed` when Meilisearch reports
the task failed (the client's `wait_for_task` returns a failed task without raising). Vectors come from the
matcher as a `userProvided` embedder, so Meilisearch never calls a model. `rebuild` fills a fresh index and
swaps it with the live one (`swap_indexes`), then deletes the old one. Browsers never get the master key:
`search_only_key` and `tenant_token` make keys restricted to searching this index.
"""
from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from itertools import islice
from typing import Any

import meilisearch
from meilisearch.errors import MeilisearchApiError, MeilisearchCommunicationError, MeilisearchTimeoutError

from search import meili_query as mq
from search.base import BackendUnavailable, SearchError, SearchQuery, SearchResult
from search.documents import validate

DIMENSIONS = 384  # multilingual-e5-small, the matcher's model
_SERVER_SIDE = ("internal", "system")  # Meilisearch error types that mean "not you, the server"


class TaskFailed(SearchError):
    """A Meilisearch task ended with status "failed" (or "canceled")."""


@contextmanager
def _translate_errors():
    """Network trouble and server-side errors become BackendUnavailable; a request we got wrong stays loud."""
    try:
        yield
    except (MeilisearchCommunicationError, MeilisearchTimeoutError) as exc:
        raise BackendUnavailable(f"Meilisearch unreachable: {exc}") from exc
    except MeilisearchApiError as exc:
        status = getattr(exc, "status_code", 0) or 0
        if status >= 500 or status in (401, 403) or getattr(exc, "type", "") in _SERVER_SIDE:
            raise BackendUnavailable(f"Meilisearch refused: {exc}") from exc
        raise SearchError(f"Meilisearch error: {exc}") from exc


class MeiliBackend:
    """The search backend on one Meilisearch index (created and configured by `configure`)."""

    def __init__(self, url: str, api_key: str | None = None, index: str = "atameken", *,
                 dimensions: int = DIMENSIONS, timeout: int = 10, task_timeout_ms: int = 120_000) -> None:
        self.client = meilisearch.Client(url, api_key, timeout=timeout)
        self.index_uid = index
        self.dimensions = dimensions
        self.task_timeout_ms = task_timeout_ms

    def wait(self, task_info: Any) -> Any:
        """Wait for a task and raise TaskFailed unless it succeeded."""
        task = self.client.wait_for_task(task_info.task_uid, timeout_in_ms=self.task_timeout_ms,
                                         interval_in_ms=50)
        if task.status != "succeeded":
            error = task.error or {}
            raise TaskFailed(f"task {task.uid} ({task.type}) {task.status}: {error.get('code')} {error.get('message')}")
        return task

    def configure(self) -> None:
        with _translate_errors():
            self._configure(self.index_uid)

    def _configure(self, uid: str) -> None:
        try:
            self.client.get_raw_index(uid)
        except MeilisearchApiError as exc:
            if getattr(exc, "code", "") != "index_not_found":
                raise
            self.wait(self.client.create_index(uid, {"primaryKey": "key"}))
        self.wait(self.client.index(uid).update_settings(mq.index_settings(self.dimensions)))

    def health(self) -> bool:
        try:
            return bool(self.client.is_healthy())
        except Exception:  # noqa: BLE001 - health must answer False on any failure, never raise
            return False

    def upsert(self, docs: Sequence[Mapping[str, Any]], batch_size: int = 500) -> None:
        clean = [mq.to_meili(validate(d)) for d in docs]
        with _translate_errors():
            self._add(self.index_uid, clean, batch_size)

    def _add(self, uid: str, docs: list[dict[str, Any]], batch_size: int) -> None:
        index = self.client.index(uid)
        for start in range(0, len(docs), batch_size):
            self.wait(index.add_documents(docs[start:start + batch_size], primary_key="key"))

    def delete(self, ids: Sequence[str]) -> None:
        if ids:
            with _translate_errors():
                self.wait(self.client.index(self.index_uid).delete_documents([mq.doc_key(i) for i in ids]))

    def clear(self) -> None:
        with _translate_errors():
            self.wait(self.client.index(self.index_uid).delete_all_documents())

    def drop(self) -> None:
        """Delete the index itself (tests and teardown)."""
        with _translate_errors():
            self.wait(self.client.delete_index(self.index_uid))

    def rebuild(self, docs: Iterable[Mapping[str, Any]], batch_size: int = 500) -> int:
        """Fill `<index>_rebuild_<hex>`, swap it with the live index, delete the old documents' index."""
        tmp = f"{self.index_uid}_rebuild_{uuid.uuid4().hex[:8]}"
        count = 0
        with _translate_errors():
            self._configure(self.index_uid)  # the swap needs both indexes to exist
            self._configure(tmp)
            iterator = iter(docs)
            while batch := list(islice(iterator, batch_size)):
                self._add(tmp, [mq.to_meili(validate(d)) for d in batch], batch_size)
                count += len(batch)
            self.wait(self.client.swap_indexes([{"indexes": [self.index_uid, tmp]}]))
            self.wait(self.client.delete_index(tmp))
        return count

    def search(self, query: SearchQuery) -> SearchResult:
        with _translate_errors():
            single = mq.single_search(query)
            if single is not None:
                q, params = single
                response = self.client.index(self.index_uid).search(q, params)
            else:
                queries, federation = mq.federated_search(query, self.index_uid)
                response = self.client.multi_search(queries, federation=federation)
        return mq.to_result(response, list(query.facets))

    def search_only_key(self, description: str = "Atameken Match browser search") -> str:
        """A new API key that may only search this index (for anything a browser sees)."""
        with _translate_errors():
            key = self.client.create_key({"description": description, "actions": ["search"],
                                          "indexes": [self.index_uid], "expiresAt": None})
        return key.key

    def tenant_token(self, api_key: str, api_key_uid: str, filters: Mapping[str, Sequence[str]] | None = None,
                     expires_at: datetime | None = None) -> str:
        """A signed tenant token (JWT) from a search-only key, optionally forcing filters (e.g. type)."""
        rule: dict[str, Any] = {}
        if filters:
            rule["filter"] = mq.filter_expression(SearchQuery(filters=dict(filters)))
        return self.client.generate_tenant_token(api_key_uid, {self.index_uid: rule or None},
                                                 expires_at=expires_at, api_key=api_key)
