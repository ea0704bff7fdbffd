"""The matcher: ranks counterparts of a listing or a company, with explanations.

Listings are plain dicts (see `Matcher.upsert`). Keys are (type, id), so opportunity and company ids may overlap.

    matcher = Matcher(get_embedder("e5"), HsInferrer(embedder, cache_dir))
    matcher.upsert_many(listings, stored_embeddings)        # {(type, id): Embedding} from the database
    for key, emb in matcher.ensure_embedded().items():      # only new or changed texts are embedded
        save(key, emb.model_id, emb.text_hash, emb.to_bytes())
    matches = matcher.match_opportunity(42, limit=10, dismissed={7})

One instance may serve several threads: public methods take a re-entrant lock.
"""
from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from matching.embedders import Embedder, l2_normalise
from matching.hs import HsInferrer
from matching.index import VectorIndex
from matching.reasons import Reason, best_phrase_pair, reasons_for
from matching.scoring import DEFAULT_WEIGHTS, combine, pair_signals, semantic_scores
from matching.store import VISIBLE, Key, ListingStore, _locked

COMPLEMENT = {"offer": "request", "request": "offer", "exporter": "diaspora", "diaspora": "exporter"}
# what a company is shown: exporters look for buyers (requests), diaspora companies for supplies (offers)
COMPANY_WANTS = {"exporter": "request", "diaspora": "offer"}
# stands for "no counterpart kind": listings without a known kind are matched with nothing
_NONE = "-"


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


class Matcher(ListingStore):
    """Ranks complementary listings of other companies by weighted signals and explains each suggestion."""

    def __init__(
        self,
        embedder: Embedder,
        hs_inferrer: HsInferrer | None = None,
        weights: Mapping[str, float] | None = None,
        pool_size: int = 50,
        centre_languages: bool = True,
    ) -> None:
        super().__init__(embedder, hs_inferrer, centre_languages)
        self.weights = dict(DEFAULT_WEIGHTS if weights is None else weights)
        self.pool_size = pool_size

    @_locked
    def match_opportunity(
        self, listing_id: Hashable, limit: int = 10, dismissed: Iterable[Hashable] = (),
        liked: Iterable[Hashable] = (),
    ) -> list[Match]:
        """Opportunities of the complementary kind from other companies, published, not dismissed; best first."""
        key, part, mask, feedback = self._opportunity_query(listing_id, dismissed, liked)
        return self._rank(key, self._vec(key), part, mask, limit, feedback)

    @_locked
    def pool_signals(self, listing_id: Hashable, dismissed: Iterable[Hashable] = ()) -> list[tuple[Hashable, dict]]:
        """(candidate id, signal values) for the whole candidate pool of an opportunity: to fit weights."""
        key, part, mask, feedback = self._opportunity_query(listing_id, dismissed, ())
        return [(k[1], s.values) for _, k, s in self._scored(key, self._vec(key), part, mask, 0, feedback)]

    def _opportunity_query(self, listing_id: Hashable, dismissed: Iterable[Hashable], liked: Iterable[Hashable]):
        self.refresh()
        key = ("opportunity", listing_id)
        query = self._listings[key]
        dismissed_keys = {("opportunity", d) for d in dismissed}
        part = self._partition("opportunity", COMPLEMENT.get(query.get("kind"), _NONE))
        mask = part.mask(equal={"visible": [True]}, not_equal={"company": query.get("company_id")},
                         exclude=dismissed_keys | {key})
        return key, part, mask, self._vectors_of([("opportunity", i) for i in liked], dismissed_keys)

    @_locked
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
        wanted = {COMPLEMENT.get(self._listings[k].get("kind"), _NONE) for k in own} or {
            COMPANY_WANTS.get(kind, _NONE)}
        companies = self._partition("company", COMPLEMENT.get(kind, _NONE))
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
        vectors = self._embeddings[key].vectors[1:].astype(np.float32)
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
