"""Listings held for matching: their embeddings (reused while current), per-kind exact indexes of
language-centred vectors, and inferred HS codes. `Matcher` (engine.py) ranks on top of this store.
"""
from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any

import numpy as np

from matching.certificates import certificates
from matching.documents import listing_text, opportunity_text, split_phrases
from matching.embedders import Embedder, l2_normalise
from matching.hs import HsInferrer
from matching.index import VectorIndex
from matching.scoring import lower_set
from matching.vectors import Embedding, LanguageCentroids, embed_listings

VISIBLE = (None, "", "published")
# centred vectors are recomputed when a language group's size moved by more than this share
_RECENTRE_DRIFT = 0.05
# an inferred heading is kept only this far above the runner-up: on the dev set's coded listings 17 of 106 are
# kept and 71% of those are right (bench/hs_eval.py; the centred nomenclature spreads scores ~2.5x wider than
# the 0.02 measured before in docs/bench/matching.md)
HS_INFER_MIN_MARGIN = 0.05
# with an inferrer that weighs the words of the title too (`HsInferrer(words=..., word_weight=0.5)`, as the app's):
# the most right guesses among the margins at least as precise as by meaning alone (34 kept, 79% right).
# With the names in tr/de/zh/mn as well: 40 kept, 85% right (34); 0.08 keeps 49 at 76%, 0.15 keeps 27 at 89%
# (bench/hs_eval.py, "title's words" column, language-centred; match quality the same at 0.08 and 0.1).
# With the goods index (search.hs_words.INDEX_WEIGHT) the same rule gives 0.05: 94 kept, 85% right (80); 0.1
# keeps 86 at 88% (76), 0.2 keeps 70 at 94% (66). Match quality (bench/eval_matching.py) nDCG@10 0.909 at 0.05
# and at 0.1, 0.899 without the index.
HS_INFER_WORDS_MARGIN = 0.05

Key = tuple[str, Hashable]


def _locked(method: Callable) -> Callable:
    """Run a public method under the store's lock (refresh mutates the shared index)."""
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self._lock:
            return method(self, *args, **kwargs)
    return wrapper


class ListingStore:
    """Listings, their embeddings and per-kind indexes of language-centred vectors. Thread-safe."""

    def __init__(
        self, embedder: Embedder, hs_inferrer: HsInferrer | None = None, centre_languages: bool = True
    ) -> None:
        self._lock = threading.RLock()
        self.embedder = embedder
        self.hs_inferrer = hs_inferrer
        # off only to measure what removing the per-language mean is worth (docs/bench/matching.md)
        self.centre_languages = centre_languages
        self._listings: dict[Key, dict[str, Any]] = {}
        self._embeddings: dict[Key, Embedding] = {}
        self._stale: set[Key] = set()
        self._new: dict[Key, Embedding] = {}
        # one exact index per (type, kind): a query only ever scans the partition it matches against
        self._parts: dict[tuple[str, Any], VectorIndex] = {}
        self._where: dict[Key, VectorIndex] = {}
        self._centroids: LanguageCentroids | None = None
        self._centred_at: dict[Hashable, int] = {}
        self._needs_hs: set[Key] = set()
        self._uncentred: set[Key] = set()
        self._by_company: dict[Hashable, set[Key]] = {}

    @_locked
    def upsert(self, listing: Mapping[str, Any], embedding: Embedding | None = None) -> None:
        """Add or replace a listing; `embedding` is the stored one, reused if model and text still agree.

        Listing keys: id, ref, type ("opportunity"/"company"), kind (offer/request or exporter/diaspora),
        company_id, company_country, company_languages, sectors, is_verified, status, title, description,
        language, hs_codes, hs_inferred, countries, updated_at.
        """
        item = dict(listing)
        item.setdefault("type", "opportunity")
        key = (item["type"], item["id"])
        text = listing_text(item)
        # derived once here, not per comparison: matching compares each listing with many others
        item["_certs"] = certificates(text)
        item["_phrases"] = split_phrases(text)
        # reasons quote the owner's own spelling (Latin-script Kazakh stays Latin) when the split agrees
        typed = listing_text(item, convert=False)
        as_typed = split_phrases(typed) if typed != text else item["_phrases"]
        item["_shown_phrases"] = as_typed if len(as_typed) == len(item["_phrases"]) else item["_phrases"]
        item["_languages"] = lower_set(item.get("company_languages"))
        item["_sectors"] = lower_set(item.get("sectors"))
        self.remove(item["id"], item["type"])
        self._listings[key] = item
        if key[0] == "opportunity":
            self._by_company.setdefault(item.get("company_id"), set()).add(key)
        if embedding is not None and embedding.is_current(self.embedder, text, len(item["_phrases"])):
            self._place(key, embedding)
        else:
            self._stale.add(key)

    @_locked
    def upsert_many(self, listings: Iterable[Mapping[str, Any]], embeddings: Mapping[Key, Embedding] = {}) -> None:
        """`upsert` for many listings; `embeddings` maps (type, id) to stored embeddings."""
        for listing in listings:
            self.upsert(listing, embeddings.get((listing.get("type", "opportunity"), listing["id"])))

    @_locked
    def remove(self, listing_id: Hashable, type: str = "opportunity") -> None:
        """Forget a listing (no error if absent)."""
        key = (type, listing_id)
        if key not in self._listings:
            return
        old = self._embeddings.pop(key, None)
        self._uncentred.discard(key)
        if old is not None:
            self._centroids.discard(self._group(key), old.vectors[0])
            self._where.pop(key).remove(key)
        item = self._listings.pop(key)
        self._by_company.get(item.get("company_id"), set()).discard(key)
        self._stale.discard(key)

    def get(self, listing_id: Hashable, type: str = "opportunity") -> dict[str, Any]:
        """The listing as held (KeyError if absent)."""
        return self._listings[(type, listing_id)]

    @_locked
    def ensure_embedded(self) -> dict[Key, Embedding]:
        """Embed, in one batch, every listing without a current vector; returns all not yet handed out.

        The app stores what this returns (model_id, text_hash, to_bytes()) so the next start re-embeds nothing.
        """
        self._embed_stale()
        new, self._new = self._new, {}
        return new

    def _embed_stale(self) -> None:
        stale = sorted(self._stale, key=str)
        if not stale:
            return
        embeddings = embed_listings(self.embedder, [self._listings[k] for k in stale])
        for key, emb in zip(stale, embeddings, strict=True):
            self._place(key, emb)
            self._new[key] = emb
        self._stale.clear()

    def _group(self, key: Key) -> tuple[str, str]:
        return key[0], self._listings[key].get("language") or "und"

    def _place(self, key: Key, emb: Embedding) -> None:
        dim = emb.vectors.shape[1]
        if self._centroids is None:
            self._centroids = LanguageCentroids(dim)
        # held as float16: phrase rows are only compared, never stored back; halves the memory at 100k listings
        emb = Embedding(emb.model_id, emb.text_hash, emb.vectors.astype(np.float16))
        self._embeddings[key] = emb
        group = self._group(key)
        self._centroids.add(group, emb.vectors[0].astype(np.float32))
        item = self._listings[key]
        part = self._parts.get((key[0], item.get("kind")))
        if part is None:
            part = self._parts[(key[0], item.get("kind"))] = VectorIndex(dim)
        # stored raw here and centred in `refresh`, in bulk: a bulk load would otherwise centre everything twice
        part.upsert(
            key, emb.vectors[0],
            company=item.get("company_id", item["id"] if key[0] == "company" else None),
            visible=item.get("status") in VISIBLE,
        )
        self._where[key] = part
        self._uncentred.add(key)
        self._needs_hs.add(key)

    def _infer_hs(self, keys: Iterable[Key]) -> None:
        """Infer a heading for opportunities without codes, in one batch (after centring, which it relies on).

        A guess is kept only when it stands `HS_INFER_MIN_MARGIN` (`HS_INFER_WORDS_MARGIN` where the inferrer
        weighs the title's words) above the runner-up, else `hs_inferred` = [].
        """
        if self.hs_inferrer is None:
            return
        todo = [k for k in keys if k[0] == "opportunity" and k in self._where
                and not self._listings[k].get("hs_codes") and self._listings[k].get("hs_inferred") is None]
        if not todo:
            return
        # the title's words (the goods' name) weigh in where the inferrer weighs words; a description's other
        # words (bags, ports, cities) meet unrelated headings
        margin, extra = HS_INFER_MIN_MARGIN, {}
        if getattr(self.hs_inferrer, "weighs_words", False):  # stand-in inferrers may not say
            margin, extra = HS_INFER_WORDS_MARGIN, {"texts": [opportunity_text(
                {"title": self._listings[k].get("title"), "language": self._listings[k].get("language")})
                for k in todo]}
        guesses = self.hs_inferrer.infer_many(np.array([self._vec(k) for k in todo]), top=2, **extra)
        for key, (first, second) in zip(todo, guesses, strict=True):
            sure = first.score - second.score >= margin
            self._listings[key]["hs_inferred"] = [first.code] if sure else []

    @_locked
    def inferred_hs(self) -> dict[Key, list[str]]:
        """HS headings inferred for listings that had none (the app may store them as `hs_inferred`)."""
        self.refresh()
        return {k: v["hs_inferred"] for k, v in self._listings.items() if v.get("hs_inferred")}

    @_locked
    def refresh(self) -> None:
        """Embed what is stale, re-centre vectors once language groups drifted, infer missing HS codes.

        Matching calls it; a worker may call it ahead to keep requests fast.
        """
        self._embed_stale()
        counts = self._centroids.counts() if self._centroids else {}
        drifted = any(abs(n - self._centred_at.get(g, 0)) > _RECENTRE_DRIFT * max(n, 1) for g, n in counts.items())
        if drifted:
            self._centre(self._embeddings)
            self._centred_at = counts
        elif self._uncentred:
            self._centre(self._uncentred)
        self._uncentred.clear()
        self._infer_hs(self._needs_hs)
        self._needs_hs.clear()

    def _centre(self, keys: Iterable[Key]) -> None:
        """Replace the index vectors of `keys` by their language-centred unit vectors, one partition at a time."""
        by_part: dict[int, list[Key]] = {}
        for key in keys:
            if key in self._where:
                by_part.setdefault(id(self._where[key]), []).append(key)
        centroids: dict[Hashable, np.ndarray] = {}
        for part_keys in by_part.values():
            groups = [self._group(k) for k in part_keys]
            for group in set(groups) - centroids.keys():
                centroids[group] = self._centroids.centroid(group) * self.centre_languages
            raw = np.stack([self._embeddings[k].vectors[0] for k in part_keys]).astype(np.float32)
            shift = np.stack([centroids[g] for g in groups])
            self._where[part_keys[0]].set_vectors(part_keys, l2_normalise(raw - shift))

    def _partition(self, type: str, kind: Any) -> VectorIndex:
        """The index of one (type, kind); an empty one when nothing of that kind is held."""
        found = self._parts.get((type, kind))
        return found if found is not None else VectorIndex(self._centroids.dim if self._centroids else 1, 1)

    @_locked
    def vector(self, listing_id: Hashable, type: str = "opportunity") -> np.ndarray:
        """The language-centred unit vector a listing is matched with (for HS inference or diagnostics)."""
        self.refresh()
        return self._vec((type, listing_id))

    def _vec(self, key: Key) -> np.ndarray:
        return self._where[key].vector(key)
