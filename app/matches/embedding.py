"""Embedding outside the request: the `embed` job stores vectors and inferred HS codes.

Only texts whose hash changed (or that were never embedded under the current model) are embedded again; a model
change re-embeds everything (`flask matching reindex`). Vectors shipped in `shipped/` (the demo marketplace and
the HS nomenclature under the bundled model, made by `make vectors`) are taken before the model is asked.
"""
import threading
from pathlib import Path

from flask import current_app
from sqlalchemy import delete, select

from app.extensions import db
from app.jobs import job
from app.matches.listings import all_listings
from app.matches.models import Embedding
from app.opportunities.models import Opportunity
from app.sqlite import retry_on_lock
from matching.embedders import get_embedder
from matching.engine import Matcher
from matching.hs import HsInferrer
from matching.shipped import ShippedFirstEmbedder, ShippedVectors
from matching.vectors import Embedding as Vectors

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
    existing = {(e.owner_type, e.owner_id): e for e in db.session.scalars(
        select(Embedding).where(Embedding.model_id.in_({v.model_id for v in new.values()})))}
    for (owner_type, owner_id), vectors in new.items():
        row = existing.get((owner_type, owner_id)) or Embedding(owner_type=owner_type, owner_id=owner_id,
                                                                model_id=vectors.model_id)
        row.text_hash, row.vectors = vectors.text_hash, vectors.to_bytes()
        db.session.add(row)


def _save_inferred(matcher: Matcher) -> int:
    changed = 0
    for opportunity in db.session.scalars(select(Opportunity)):
        if opportunity.hs_codes:
            continue
        try:
            inferred = matcher.get(opportunity.id)["hs_inferred"] or []
        except KeyError:
            continue
        if opportunity.hs_inferred != inferred:
            opportunity.hs_inferred = inferred
            changed += 1
    return changed


@job("embed")
def refresh_embeddings() -> str:
    """Embed what changed, store the vectors, infer and store HS headings for listings without codes."""
    embedder = current_embedder()
    cache = Path(current_app.instance_path) / "cache"
    inferrer = HsInferrer(embedder, cache_dir=cache)
    inferrer.warm()  # the offer form's HS suggestions read the same cached nomenclature vectors
    matcher = Matcher(embedder, inferrer)
    listings = all_listings()
    for listing in listings:
        if listing["type"] == "opportunity" and not listing["hs_codes"]:
            listing["hs_inferred"] = None  # look again: the text may have changed
    matcher.upsert_many(listings, stored_vectors(embedder.model_id))
    db.session.rollback()  # hold no read open while the model works (SQLite: others may write meanwhile)
    new = matcher.ensure_embedded()
    matcher.refresh()
    # the vectors stay in memory if the database is locked: the write alone is tried again
    return retry_on_lock(db.session, lambda: _store(matcher, listings, new))


def _store(matcher: Matcher, listings: list[dict], new: dict) -> str:
    _save(new)
    inferred = _save_inferred(matcher)
    live = {(item["type"], item["id"]) for item in listings}
    gone = [e.id for e in db.session.scalars(select(Embedding)) if (e.owner_type, e.owner_id) not in live]
    if gone:
        db.session.execute(delete(Embedding).where(Embedding.id.in_(gone)))
    db.session.info["from_embed_job"] = True  # its own commit must not schedule another embed run
    # new vectors reach the search index (hybrid search) through the outbox like any other change
    db.session.info.setdefault("changed", set()).update((t, i, "upsert") for t, i in new)
    return f"{len(new)} embedded, {inferred} HS inferences changed, {len(gone)} removed"
