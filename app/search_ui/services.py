"""Search in the site: the backend of this process, the outbox that never loses a write, and queries.

Every change of a searchable record adds outbox rows in its own transaction (`write_outbox`, a before-commit
hook). After commit the `search-sync` job drains the outbox to the backend; when the backend is down the rows
stay, get a later `next_attempt_at` (exponential backoff), and are applied when it answers again (the next
commit, `flask search sync`, or a search request that sees a backlog). A user's save never waits on search.
"""
from datetime import timedelta
from functools import lru_cache

import numpy as np
from flask import current_app
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.extensions import db
from app.jobs import enqueue, job, one_at_a_time
from app.models_base import utcnow
from app.opportunities.hs_suggest import inferrer
from app.search_ui.documents import all_docs, doc_for
from app.search_ui.models import SearchOutbox
from matching.text import kk_latin_to_cyrillic, looks_kazakh_latin
from search.base import BackendUnavailable, SearchBackend, SearchQuery, SearchResult, get_backend
from search.intent import searched_text
from search.pivot import pivot_headings, with_category_codes
from search.sync import EntryFailed, drain
from search.synonyms import thesaurus

BATCH = 500
MAX_BACKOFF = timedelta(minutes=30)
# The HS headings of the queries asked lately, kept per process as their vectors are (matching.shipped): people
# search for the same words again, and a query's headings cost about 5 ms of CPU (its cosines with the
# nomenclature and the goods names, the names' words and spelling), about a fifth of a search page's.
PIVOT_CACHE = 1024


def backend() -> SearchBackend:
    """This process's backend (configured once): Meilisearch when MEILI_URL is set, else embedded."""
    app = current_app._get_current_object()
    if "search_backend" not in app.extensions:
        settings = {**app.config, "MEILI_API_KEY": app.config.get("MEILI_KEY")}
        found = get_backend(settings, engine=db.engine)
        found.configure()
        app.extensions["search_backend"] = found
    return app.extensions["search_backend"]


def _model_id() -> str | None:
    from app.matches.embedding import current_embedder

    return current_embedder().model_id


def write_outbox(session: Session, keys) -> None:
    """Before commit: one outbox row per changed record, in the same transaction as the change."""
    model_id = _model_id()
    for record_type, record_id, op in sorted(keys):
        doc = doc_for(session, (record_type, record_id), model_id) if op == "upsert" else None
        session.add(SearchOutbox(doc_id=f"{record_type}:{record_id}", op="upsert" if doc else "delete", doc=doc))
    session.info["outbox_written"] = True


def after_commit(session: Session, keys) -> None:
    if session.info.pop("outbox_written", False):
        enqueue("search-sync")


def _due_rows():
    """The outbox rows to apply now: not parked, past their backoff."""
    return select(SearchOutbox).where(SearchOutbox.is_parked.is_(False), SearchOutbox.next_attempt_at <= utcnow())


def _due() -> list[SearchOutbox]:
    return list(db.session.scalars(_due_rows().order_by(SearchOutbox.id).limit(BATCH)))


def sync_outbox() -> dict:
    """Apply due outbox rows in order; on an outage keep the rest for later with backoff. One drain runs at a
    time (`app.jobs.one_at_a_time`): a second one waits, then applies what is left."""
    with one_at_a_time("search-sync"):
        return _drain_due()


def _drain_due() -> dict:
    applied = parked = 0
    while entries := [{"id": r.id, "doc_id": r.doc_id, "op": r.op, "doc": r.doc} for r in _due()]:
        # end this read before the backend writes (on SQLite a stale snapshot could not write afterwards)
        db.session.commit()
        done, error = drain(entries, backend())
        done_ids = set(done)
        if done_ids:
            db.session.execute(delete(SearchOutbox).where(SearchOutbox.id.in_(done_ids)))
        applied += len(done_ids)
        if isinstance(error, EntryFailed):
            bad = db.session.get(SearchOutbox, error.entry_id)
            bad.is_parked, bad.last_error = True, str(error.cause)
            parked += 1
        elif error is not None:
            _postpone([e["id"] for e in entries if e["id"] not in done_ids], error)
            db.session.commit()
            raise error
        db.session.commit()
    return {"applied": applied, "parked": parked}


def _postpone(ids: list[int], error: Exception) -> None:
    for row in db.session.scalars(select(SearchOutbox).where(SearchOutbox.id.in_(ids))):
        row.attempts += 1
        row.last_error = f"{error.__class__.__name__}: {error}"
        row.next_attempt_at = utcnow() + min(timedelta(seconds=2 ** row.attempts), MAX_BACKOFF)


@job("search-sync")
def search_sync_job() -> str:
    result = sync_outbox()
    return f"{result['applied']} applied, {result['parked']} parked"


def backlog() -> dict:
    pending, parked = db.session.execute(select(
        func.count(SearchOutbox.id).filter(SearchOutbox.is_parked.is_(False)),
        func.count(SearchOutbox.id).filter(SearchOutbox.is_parked.is_(True)))).one()
    oldest = db.session.scalar(select(func.min(SearchOutbox.created_at)).where(SearchOutbox.is_parked.is_(False)))
    return {"pending": pending, "parked": parked, "oldest": oldest}


def reindex() -> int:
    """Rebuild the whole index from the database beside the live one, then swap it in."""
    count = backend().rebuild(all_docs(db.session, _model_id()))
    return count


def query_vector(q: str) -> list[float] | None:
    """The multilingual query vector (the model loads lazily in this worker on first use)."""
    if not q.strip() or current_app.config["SEARCH_SEMANTIC_RATIO"] <= 0:
        return None
    from app.matches.embedding import current_embedder

    text = kk_latin_to_cyrillic(q) if looks_kazakh_latin(q) else q  # the model reads Kazakh in Cyrillic best
    return current_embedder().embed_queries([text])[0].tolist()


def query_pivot(q: str, vector: list[float] | None) -> list[str]:
    """HS headings the query's meaning points to, then the chapters and headings of the broad fields it names
    ("продукты питания"); none when SEARCH_HS_PIVOT is off or there is no vector.

    The headings by meaning only once the `embed` job has the nomenclature vectors ready: a request never embeds
    the nomenclature."""
    if vector is None or not current_app.config["SEARCH_HS_PIVOT"]:
        return []
    model = inferrer()
    headings = list(_pivot_headings(model, q, np.asarray(vector, dtype=np.float32).tobytes())) if (
        model.is_ready()) else []
    return with_category_codes(headings, thesaurus(), q)


@lru_cache(maxsize=PIVOT_CACHE)
def _pivot_headings(model, q: str, vector: bytes) -> tuple[str, ...]:
    """`pivot_headings` of a ready inferrer, remembered: they depend on the query's text and vector alone. (The
    cache holds the inferrer too, so a new one, as tests make, is never answered with an old one's headings.)"""
    return tuple(pivot_headings(model, q, np.frombuffer(vector, dtype=np.float32)))


def run_search(q: str, filters: dict, sort: str = "relevance", page: int = 1, per_page: int = 20,
               semantic_ratio: float | None = None, semantic_floor: float | None = None) -> SearchResult:
    """One search; raises BackendUnavailable when the backend is down (the caller says so politely).
    `semantic_floor` as `SearchQuery` has it (None: the backend's own)."""
    if db.session.scalar(select(_due_rows().exists())):  # one cheap statement; the drain catches up
        enqueue("search-sync")
    ratio = current_app.config["SEARCH_SEMANTIC_RATIO"] if semantic_ratio is None else semantic_ratio
    sought = searched_text(q, thesaurus())  # "нужен экспедитор": its meaning is the forwarder's, as its words
    vector = query_vector(sought) if ratio > 0 else None
    query = SearchQuery(q=q, filters={k: v for k, v in filters.items() if v}, sort=sort, page=page,
                        per_page=per_page, facets=("type", "kind", "country", "sector", "hs_chapter", "language"),
                        vector=vector, semantic_ratio=ratio if q.strip() else 0.0,
                        hs_pivot=query_pivot(sought, vector), semantic_floor=semantic_floor)
    return backend().search(query)


def init_app(app) -> None:
    from app.changes import after_commit_hooks, before_commit_hooks

    if write_outbox not in before_commit_hooks:
        before_commit_hooks.append(write_outbox)
        after_commit_hooks.append(after_commit)


__all__ = ["BackendUnavailable", "backend", "backlog", "reindex", "run_search", "sync_outbox"]
