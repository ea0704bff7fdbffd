"""Outbox draining against a fake backend that goes down and comes back."""
from __future__ import annotations

from search.base import BackendUnavailable
from search.documents import InvalidDocument, validate
from search.sync import EntryFailed, drain


class FlakyBackend:
    """Keeps documents in a dict; the next `failures` calls raise BackendUnavailable."""

    def __init__(self, failures: int = 0) -> None:
        self.docs: dict[str, dict] = {}
        self.failures = failures
        self.calls: list[tuple[str, int]] = []

    def _maybe_fail(self) -> None:
        if self.failures:
            self.failures -= 1
            raise BackendUnavailable("down")

    def upsert(self, docs):
        self._maybe_fail()
        clean = [validate(d) for d in docs]
        self.calls.append(("upsert", len(clean)))
        self.docs.update({d["id"]: d for d in clean})

    def delete(self, ids):
        self._maybe_fail()
        self.calls.append(("delete", len(ids)))
        for doc_id in ids:
            self.docs.pop(doc_id, None)


def up(row_id, n, title="Мука"):
    doc = {"id": f"opportunity:{n}", "type": "opportunity", "title": title, "created_at": "2026-01-01T00:00:00"}
    return {"id": row_id, "doc_id": doc["id"], "op": "upsert", "doc": doc}


def rm(row_id, n):
    return {"id": row_id, "doc_id": f"opportunity:{n}", "op": "delete", "doc": None}


def test_applies_in_order_batching_runs_of_the_same_op():
    backend = FlakyBackend()
    done, error = drain([up(1, 1), up(2, 2), rm(3, 1), up(4, 3, "Цемент"), up(5, 3, "Цемент М500")], backend)
    assert (done, error) == ([1, 2, 3, 4, 5], None)
    assert backend.calls == [("upsert", 2), ("delete", 1), ("upsert", 2)]
    assert set(backend.docs) == {"opportunity:2", "opportunity:3"}
    assert backend.docs["opportunity:3"]["title"] == "Цемент М500"  # the later row wins


def test_stops_at_an_outage_and_finishes_after_recovery():
    backend = FlakyBackend(failures=1)
    pending = [up(1, 1), rm(2, 1), up(3, 2)]
    done, error = drain(pending, backend)
    assert done == [] and isinstance(error, BackendUnavailable)
    assert backend.docs == {}
    done, error = drain(pending, backend)  # the app retries the same rows later
    assert (done, error) == ([1, 2, 3], None)
    assert set(backend.docs) == {"opportunity:2"}


def test_outage_in_the_middle_keeps_what_was_done():
    backend = FlakyBackend()
    original_delete = backend.delete

    def failing_delete(ids):
        raise BackendUnavailable("down during delete")

    backend.delete = failing_delete
    done, error = drain([up(1, 1), rm(2, 1), up(3, 2)], backend)
    assert done == [1] and isinstance(error, BackendUnavailable)
    backend.delete = original_delete
    done, error = drain([rm(2, 1), up(3, 2)], backend)
    assert (done, error) == ([2, 3], None)


def test_a_bad_row_is_named_and_the_rows_before_it_count():
    backend = FlakyBackend()
    bad = {"id": 2, "doc_id": "x", "op": "upsert", "doc": {"id": "not-an-id"}}
    done, error = drain([up(1, 1), bad, up(3, 2)], backend)
    assert done == [1]
    assert isinstance(error, EntryFailed) and error.entry_id == 2
    assert isinstance(error.cause, InvalidDocument)
