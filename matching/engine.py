"""The matcher: holds listings and their vectors, and ranks counterparts with explanations.

Listings are plain dicts (see `Matcher.upsert`). Keys are (type, id), so opportunity and company ids may overlap.
"""
from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from matching.certificates import certificates
from matching.documents import listing_text, split_phrases
from matching.embedders import Embedder, l2_normalise
from matching.hs import HsInferrer
from matching.index import VectorIndex
from matching.reasons import Reason, best_phrase_pair, reasons_for
from matching.scoring import DEFAULT_WEIGHTS, combine, lower_set, pair_signals, semantic_scores
from matching.vectors import Embedding, LanguageCentroids, embed_listings

COMPLEMENT = {"offer": "request", "request": "offer", "exporter": "diaspora", "diaspora": "exporter"}
# what a company is shown: exporters look for buyers (requests), diaspora companies for supplies (offers)
COMPANY_WANTS = {"exporter": "request", "diaspora": "offer"}
VISIBLE = (None, "", "published")
# centred vectors are recomputed when a language group's size moved by more than this share
_RECENTRE_DRIFT = 0.05
# an inferred heading is kept only this far above the runner-up (measured: docs/bench/matching.md)
HS_INFER_MIN_MARGIN = 0.02

Key = tuple[str, Hashable]


@dataclass(frozen=True)
class Match:
    """One suggested counterpart, best first in the lists the matcher returns."""

    id: Hashable
    ref: str | None
    type: str
    title: str
    score: float
    reasons: list[Reason] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form for the API."""
        return {"id": self.id, "ref": self.ref, "type": self.type, "title": self.title,
                "score": round(self.score, 4), "reasons": [r.to_dict() for r in self.reasons]}


class Matcher:
    """Ranks complementary listings of other companies by weighted signals and explains each suggestion."""

    def __init__(
        self,
        embedder: Embedder,
        hs_inferrer: HsInferrer | None = None,
        weights: Mapping[str, float] | None = None,
        pool_size: int = 50,
        centre_languages: bool = True,
    ) -> None:
        self.embedder = embedder
        self.hs_inferrer = hs_inferrer
        self.weights = dict(DEFAULT_WEIGHTS if weights is None else weights)
        self.pool_size = pool_size
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

    # ---- holding listings -------------------------------------------------------------------------------

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
        as_typed = split_phrases(listing_text(item, convert=False))
        item["_shown_phrases"] = as_typed if len(as_typed) == len(item["_phrases"]) else item["_phrases"]
        item["_languages"] = lower_set(item.get("company_languages"))
        item["_sectors"] = lower_set(item.get("sectors"))
        self.remove(item["id"], item["type"])
        self._listings[key] = item
        if key[0] == "opportunity":
            self._by_company.setdefault(item.get("company_id"), set()).add(key)
        if embedding is not None and embedding.is_current(self.embedder, text):
            self._place(key, embedding)
        else:
            self._stale.add(key)

    def upsert_many(self, listings: Iterable[Mapping[str, Any]], embeddings: Mapping[Key, Embedding] = {}) -> None:
        """`upsert` for many listings; `embeddings` maps (type, id) to stored embeddings."""
        for listing in listings:
            self.upsert(listing, embeddings.get((listing.get("type", "opportunity"), listing["id"])))

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
        self._embeddings[key] = emb
        group = self._group(key)
        self._centroids.add(group, emb.vectors[0])
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

    def _maybe_infer_hs(self, key: Key) -> None:
        """Infer a heading for an opportunity without codes (after centring, which inference relies on)."""
        item = self._listings.get(key)
        if item is None:
            return
        if self.hs_inferrer is None or key[0] != "opportunity" or item.get("hs_codes"):
            return
        if item.get("hs_inferred") is None:
            guesses = self.hs_inferrer.infer(self._vec(key), top=2)
            sure = len(guesses) == 2 and guesses[0].score - guesses[1].score >= HS_INFER_MIN_MARGIN
            item["hs_inferred"] = [guesses[0].code] if sure else []

    def inferred_hs(self) -> dict[Key, list[str]]:
        """HS headings inferred for listings that had none (the app may store them as `hs_inferred`)."""
        self.refresh()
        return {k: v["hs_inferred"] for k, v in self._listings.items() if v.get("hs_inferred")}

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
        for key in self._needs_hs:
            self._maybe_infer_hs(key)
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
            raw = np.stack([self._embeddings[k].vectors[0] for k in part_keys])
            shift = np.stack([centroids[g] for g in groups])
            self._where[part_keys[0]].set_vectors(part_keys, l2_normalise(raw - shift))

    # ---- matching -----------------------------------------------------------------------------------------

    def match_opportunity(
        self, listing_id: Hashable, limit: int = 10, dismissed: Iterable[Hashable] = (),
        liked: Iterable[Hashable] = (),
    ) -> list[Match]:
        """Opportunities of the complementary kind from other companies, published, not dismissed; best first."""
        key, part, mask, feedback = self._opportunity_query(listing_id, dismissed, liked)
        return self._rank(key, self._vec(key), part, mask, limit, feedback)

    def pool_signals(self, listing_id: Hashable, dismissed: Iterable[Hashable] = ()) -> list[tuple[Hashable, dict]]:
        """(candidate id, signal values) for the whole candidate pool of an opportunity: to fit weights."""
        key, part, mask, feedback = self._opportunity_query(listing_id, dismissed, ())
        return [(k[1], s.values) for _, k, s in self._scored(key, self._vec(key), part, mask, 0, feedback)]

    def _opportunity_query(self, listing_id: Hashable, dismissed: Iterable[Hashable], liked: Iterable[Hashable]):
        self.refresh()
        key = ("opportunity", listing_id)
        query = self._listings[key]
        dismissed_keys = {("opportunity", d) for d in dismissed}
        part = self._partition("opportunity", COMPLEMENT.get(query.get("kind")))
        mask = part.mask(equal={"visible": [True]}, not_equal={"company": query.get("company_id")},
                         exclude=dismissed_keys | {key})
        return key, part, mask, self._vectors_of([("opportunity", i) for i in liked], dismissed_keys)

    def _partition(self, type: str, kind: Any) -> VectorIndex:
        """The index of one (type, kind); an empty one when nothing of that kind is held."""
        found = self._parts.get((type, kind))
        return found if found is not None else VectorIndex(self._centroids.dim if self._centroids else 1, 1)

    def vector(self, listing_id: Hashable, type: str = "opportunity") -> np.ndarray:
        """The language-centred unit vector a listing is matched with (for HS inference or diagnostics)."""
        self.refresh()
        return self._vec((type, listing_id))

    def _vec(self, key: Key) -> np.ndarray:
        return self._where[key].vector(key)

    def match_company(
        self, company_id: Hashable, limit: int = 10, dismissed: Iterable[Hashable] = (),
        liked: Iterable[Hashable] = (),
    ) -> list[Match]:
        """Partner companies of the other kind and opportunities a company would answer; best first.

        `dismissed`/`liked` hold (type, id) pairs. The query vector blends the company's profile with its
        published opportunities; the opportunities sought complement the kinds it publishes.
        """
        self.refresh()
        key = ("company", company_id)
        query = self._listings[key]
        own = [k for k in self._by_company.get(company_id, ())
               if self._listings[k].get("status") in VISIBLE and k in self._where]
        vector = l2_normalise(self._vec(key) + sum((self._vec(k) for k in own), np.zeros_like(self._vec(key))))[0]
        exclude = {key} | set(dismissed)
        kind = query.get("kind")
        # answer what the company itself publishes; without listings, what its kind usually looks for
        wanted = {COMPLEMENT.get(self._listings[k].get("kind")) for k in own} or {COMPANY_WANTS.get(kind)}
        companies = self._partition("company", COMPLEMENT.get(kind))
        company_mask = companies.mask(equal={"visible": [True]}, exclude=exclude)
        feedback = self._vectors_of(liked, set(dismissed))
        opportunity_scored = []
        for wanted_kind in sorted(wanted, key=str):
            part = self._partition("opportunity", wanted_kind)
            mask = part.mask(equal={"visible": [True]}, not_equal={"company": company_id}, exclude=exclude)
            opportunity_scored += self._scored(key, vector, part, mask, limit, feedback)
        company_scored = self._lift_by_opportunities(
            self._scored(key, vector, companies, company_mask, limit, feedback), opportunity_scored)
        best = sorted(company_scored + opportunity_scored, key=lambda t: -t[0])[:limit]
        return [self._match(key, k, score, signals, via) for score, k, signals, *via in best]

    def _lift_by_opportunities(self, company_scored: list[tuple], opportunity_scored: list[tuple]) -> list[tuple]:
        """A partner company scores at least as well as its best-matching opportunity (which it then cites)."""
        best: dict[Hashable, tuple[float, Key]] = {}
        for score, k, _ in opportunity_scored:
            best.setdefault(self._listings[k].get("company_id"), (score, k))
        lifted = []
        for score, k, signals in company_scored:
            top = best.get(k[1])
            lifted.append((top[0], k, signals, top[1]) if top and top[0] > score else (score, k, signals))
        return lifted

    def _vectors_of(self, liked: Iterable[Key], dismissed: Iterable[Key]) -> tuple:
        """Centred vectors of the liked and of the dismissed listings (None when there are none)."""
        def stack(keys: Iterable[Key]) -> np.ndarray | None:
            rows = [self._vec(k) for k in keys if k in self._where]
            return np.array(rows) if rows else None
        return stack(liked), stack(dismissed)

    def _rank(self, qkey: Key, qvec: np.ndarray, part: VectorIndex, mask: np.ndarray, limit: int,
              feedback) -> list[Match]:
        scored = self._scored(qkey, qvec, part, mask, limit, feedback)
        return [self._match(qkey, key, score, signals) for score, key, signals in scored[:limit]]

    def _scored(self, qkey: Key, qvec: np.ndarray, part: VectorIndex, mask: np.ndarray, limit: int,
                feedback) -> list[tuple]:
        """(score, key, signals) for the semantic top of the allowed rows, best score first."""
        if len(part) == 0:
            return []
        sims = part.similarities(qvec)
        pool = part.top_k(sims, max(self.pool_size, limit), mask)
        if not pool:
            return []
        semantic = semantic_scores(np.array([s for _, s in pool]), sims[mask])
        query = self._listings[qkey]
        scored = []
        for (key, _), sem in zip(pool, semantic, strict=True):
            signals = pair_signals(query, self._listings[key], float(sem), self._feedback(key, feedback))
            scored.append((combine(signals.values, self.weights), key, signals))
        scored.sort(key=lambda t: -t[0])
        return scored

    def _feedback(self, key: Key, feedback) -> float:
        """0.5 without feedback; higher near what the user liked, lower near what they dismissed."""
        liked, dismissed = feedback
        if liked is None and dismissed is None:
            return 0.5
        vec = self._vec(key)
        up = float(np.max(liked @ vec)) if liked is not None else 0.0
        down = float(np.max(dismissed @ vec)) if dismissed is not None else 0.0
        return float(np.clip(0.5 + 0.5 * (up - down), 0.0, 1.0))

    def _phrases(self, key: Key) -> tuple[list[str], np.ndarray]:
        vectors = self._embeddings[key].vectors[1:]
        phrases = self._listings[key]["_shown_phrases"]
        if len(phrases) != len(vectors) or not len(vectors):
            return [], vectors[:0]
        return phrases, self._centroids.centre(self._group(key), vectors)

    def _match(self, qkey: Key, key: Key, score: float, signals, via: tuple = ()) -> Match:
        """A Match with reasons; `via` may hold the opportunity through which a company was found."""
        cand = self._listings[key]
        pair = best_phrase_pair(*self._phrases(qkey), *self._phrases(key), self._vec(qkey))
        title = cand.get("title") or cand.get("name") or ""
        reasons = reasons_for(signals, pair, bool(cand.get("is_verified")))
        if via:
            opportunity = self._listings[via[0]]
            reasons.insert(0, Reason("matching_opportunity", {
                "id": opportunity["id"], "ref": opportunity.get("ref"), "title": opportunity.get("title", "")}))
        return Match(cand["id"], cand.get("ref"), key[0], title, score, reasons)
