"""Applying the app's search outbox to a backend.

The app writes one outbox row per change in the same transaction as the change ({"id", "doc_id", "op":
"upsert" | "delete", "doc"}), and a worker calls `drain` with the oldest pending rows. Rows are applied in
order, consecutive rows of the same kind in one backend call. At the first outage `drain` stops and returns
what it finished; the app deletes (or marks) those rows and retries the rest later with backoff. A row the
backend rejects for itself (a malformed document) also stops the drain, as `EntryFailed` naming that row,
so the app can park it instead of retrying it forever.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import groupby
from typing import Any

from search.base import BackendUnavailable, SearchBackend, SearchError
from search.documents import InvalidDocument


class EntryFailed(SearchError):
    """One outbox row cannot be applied whatever the retries (e.g. an invalid document)."""

    def __init__(self, entry_id: Any, cause: Exception) -> None:
        super().__init__(f"outbox entry {entry_id!r} rejected: {cause}")
        self.entry_id = entry_id
        self.cause = cause


def _apply(backend: SearchBackend, op: str, entries: list[Mapping[str, Any]]) -> None:
    if op == "upsert":
        backend.upsert([e["doc"] for e in entries])
    elif op == "delete":
        backend.delete([e["doc_id"] for e in entries])
    else:
        raise InvalidDocument(f"unknown outbox op {op!r}")


def drain(pending: Sequence[Mapping[str, Any]], backend: SearchBackend) -> tuple[list[Any], Exception | None]:
    """Apply `pending` in order; returns (ids of applied rows, None) or (ids applied so far, the error)."""
    done: list[Any] = []
    for op, run in groupby(pending, key=lambda e: e["op"]):
        batch = list(run)
        try:
            _apply(backend, op, batch)
        except BackendUnavailable as exc:
            return done, exc
        except (InvalidDocument, SearchError, KeyError, TypeError):
            # find the bad row: apply one by one, so the rows before it still count as done
            for entry in batch:
                try:
                    _apply(backend, op, [entry])
                except BackendUnavailable as exc:
                    return done, exc
                except (InvalidDocument, SearchError, KeyError, TypeError) as exc:
                    return done, EntryFailed(entry.get("id"), exc)
                done.append(entry["id"])
            continue
        done.extend(e["id"] for e in batch)
    return done, None
