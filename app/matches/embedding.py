"""Embedding outside the request: the `embed` job stores vectors and inferred HS codes.

Only texts whose hash changed (or that were never embedded under the current model) are embedded again; a model
change re-embeds everything (`flask matching reindex`). Vectors shipped in `shipped/` (the demo marketplace and
the HS nomenclature under the bundled model, made by `make vectors`) are taken before the model is asked.
"""
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from flask import current_app
from sqlalchemy import delete, func, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.jobs import job, one_at_a_time
from app.matches.models import Embedding
from app.opportunities.models import Opportunity
from app.sqlite import retry_on_lock
from matching.documents import opportunity_text
from matching.embedders import get_embedder
from matching.engine import Matcher
from matching.hs import HsInferrer
from matching.shipped import ShippedFirstEmbedder, ShippedVectors
from matching.vectors import Embedding as Vectors
from search.pivot import document_headings

if TYPE_CHECKING:
    from app.matches.live import Held

SHIPPED = Path(__file__).parent / "shipped" / "vectors.npz"
_embedders: dict[str, ShippedFirstEmbedder] = {}
_lock = threading.Lock()


def current_embedder() -> ShippedFirstEmbedder:
    """This process's embedder for EMBEDDING_MODEL, shipped vectors first; the model loads on first use."""
    name = current_app.config["EMBEDDING_MODEL"]
    with _lock:
        if name not in _embedders:
            _embedders[name] = ShippedFirstEmbedder(get_embedder(name), ShippedVectors.load([SHIPPED]))
        return _embedders[name]


def stored_vectors(model_id: str) -> dict[tuple[str, int], Vectors]:
    rows = db.session.execute(select(Embedding.owner_type, Embedding.owner_id, Embedding.text_hash,
                                     Embedding.vectors).where(Embedding.model_id == model_id))
    return {(t, i): Vectors.from_bytes(model_id, h, v) for t, i, h, v in rows}


def _save(new: dict) -> None:
    """Write new vectors, replacing a listing's earlier row under the same model (rows read by key, in chunks)."""
    from app.matches.live import chunks

    existing = {}
    for model_id in {v.model_id for v in new.values()}:
        for chunk in chunks({i for (_, i), v in new.items() if v.model_id == model_id}):
            existing.update({(e.owner_type, e.owner_id): e for e in db.session.scalars(
                select(Embedding).where(Embedding.model_id == model_id, Embedding.owner_id.in_(chunk)))})
    for (owner_type, owner_id), vectors in new.items():
        row = existing.get((owner_type, owner_id)) or Embedding(owner_type=owner_type, owner_id=owner_id,
                                                                model_id=vectors.model_id)
        row.text_hash, row.vectors = vectors.text_hash, vectors.to_bytes()
        db.session.add(row)


def _save_guesses(matcher: Matcher, inferrer: HsInferrer, new: dict, ids: set[int]) -> tuple[int, int]:
    """Store the HS guesses of these opportunities (those without codes), each chunk of rows read once: the
    matcher's (`hs_inferred`) and, for search, the headings their title's words and their vector point to
    (`hs_guessed`, `search.pivot.document_headings`). Returns how many of each changed."""
    from app.matches.live import chunks

    inferred = guessed = 0
    for chunk in chunks(ids):
        query = select(Opportunity).where(Opportunity.id.in_(chunk)).options(selectinload(Opportunity.hs_links))
        todo = [o for o in db.session.scalars(query) if not o.hs_codes]
        for opportunity in todo:
            try:
                guess = matcher.get(opportunity.id)["hs_inferred"] or []
            except KeyError:
                continue
            if opportunity.hs_inferred != guess:
                opportunity.hs_inferred = guess
                inferred += 1
        stored = {i: Vectors.from_bytes(matcher.embedder.model_id, h, v) for i, h, v in db.session.execute(
            select(Embedding.owner_id, Embedding.text_hash, Embedding.vectors).where(
                Embedding.owner_type == "opportunity", Embedding.model_id == matcher.embedder.model_id,
                Embedding.owner_id.in_([o.id for o in todo if ("opportunity", o.id) not in new])))}
        vectors = {o.id: new.get(("opportunity", o.id)) or stored.get(o.id) for o in todo}
        todo = [o for o in todo if vectors[o.id] is not None]
        # the words of the title (the goods' name; the description's words mislead more than they help) and the
        # meaning of the whole text (the listing's vector)
        texts = [opportunity_text({"title": o.title, "language": o.language}) for o in todo]
        heads = document_headings(inferrer, texts, [vectors[o.id].vectors[0] for o in todo])
        for opportunity, heading_list in zip(todo, heads, strict=True):
            if opportunity.hs_guessed != heading_list:
                opportunity.hs_guessed = heading_list
                guessed += 1
    return inferred, guessed


def _remove_orphans() -> int:
    """Delete stored vectors whose company or opportunity is gone; returns how many."""
    from app.profiles.models import Company

    removed = 0
    for owner_type, model in (("company", Company), ("opportunity", Opportunity)):
        orphan = ~select(model.id).where(model.id == Embedding.owner_id).exists()
        removed += db.session.execute(delete(Embedding).where(Embedding.owner_type == owner_type, orphan)).rowcount
    return removed


class _JobMatcher:
    """The embed job's matcher in this process (one per app): built whole on the first run, with HS guesses made
    anew for every listing without codes, then brought up to date by increments like the web processes' one
    (`live.py`). A run then reads and embeds only the listings whose text changed, not the whole tables."""

    def __init__(self) -> None:
        self.held = None

    def current(self, embedder: ShippedFirstEmbedder, inferrer: HsInferrer) -> tuple["Held", set[int]]:
        """The held matcher brought up to date, and the opportunities whose HS guesses are to be stored."""
        from app.matches import live

        held = self.held
        if held is not None and held.model_id == embedder.model_id:
            live.catch_up(held)
            stored = db.session.scalar(select(func.count(Embedding.id)).where(Embedding.model_id == held.model_id))
            if stored >= len(held.stamps) - len(held.pending):
                return held, set()
            # vectors went missing behind the job's back (e.g. `flask matching reindex --all`): start again
        self.held = held = live.build(Matcher(embedder, inferrer), infer_again=True)
        return held, {i for t, i in held.stamps if t == "opportunity"}


@job("embed")
def refresh_embeddings() -> str:
    """Embed the listings whose text changed, store the vectors, infer and store HS headings for those without
    codes. The first run in a process builds the matcher whole (and guesses every listing's heading anew, e.g.
    after the nomenclature changed); later runs take only what changed since."""
    from app.matches import live
    from app.opportunities.hs_suggest import inferrer as process_inferrer

    embedder = current_embedder()
    state = current_app.extensions.setdefault("embed_job", _JobMatcher())
    # one run at a time in this process and, on PostgreSQL, across processes: two would embed and store the same
    # listings
    with one_at_a_time("embed"):
        # the process's one inferrer: where jobs run in the web process, HS suggestions and the search pivot
        # share its nomenclature matrix instead of loading a second copy
        inferrer = process_inferrer()
        inferrer.warm()  # and other processes' suggestions read the nomenclature vectors it caches
        try:
            held, infer_ids = state.current(embedder, inferrer)
            changed = live.listings_of(set(held.pending))
            infer_ids.update(live.guess_again(changed))  # look again: the text changed
            held.matcher.upsert_many(changed)  # no stored vectors: their text changed
            db.session.rollback()  # hold no read open while the model works (SQLite: others may write meanwhile)
            new = held.matcher.ensure_embedded()
            held.matcher.refresh()
            # the vectors stay in memory if the database is locked: the write alone is tried again
            detail = retry_on_lock(db.session, lambda: _store(held.matcher, new, infer_ids, inferrer))
        except Exception:
            state.held = None  # what it holds may not be stored: the next run starts from the database
            raise
        held.pending -= set(new)
        return detail


def _store(matcher: Matcher, new: dict, infer_ids: set[int], inferrer: HsInferrer) -> str:
    _save(new)
    inferred, guessed = _save_guesses(matcher, inferrer, new, infer_ids)
    gone = _remove_orphans()
    db.session.info["from_embed_job"] = True  # its own commit must not schedule another embed run
    # new vectors reach the search index (hybrid search) through the outbox like any other change
    db.session.info.setdefault("changed", set()).update((t, i, "upsert") for t, i in new)
    return f"{len(new)} embedded, {inferred} HS inferences and {guessed} search guesses changed, {gone} removed"
