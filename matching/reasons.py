"""Why a candidate was suggested, as structured reasons the app translates (kk/ru/en). Never a bare number."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from matching import hs
from matching.scoring import RECENT_DAYS, PairSignals

# Order in which reasons are shown: the most convincing first.
CODES = (
    "matching_opportunity", "same_hs", "similar_text", "target_market", "certificates", "shared_languages",
    "same_sector", "verified", "recent",
)
_HS_LEVEL_NAMES = {6: "subheading", 4: "heading", 2: "chapter"}


@dataclass(frozen=True)
class Reason:
    """One explanation: a stable `code` for translation and the `params` its sentence needs."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def describe(self) -> str:
        """English fallback sentence (the app shows its own translation of `code`)."""
        p = self.params
        if self.code == "same_hs":
            inferred = " (code inferred from the text)" if p.get("inferred") else ""
            return f"Same HS {p['level_name']} {p['code']}: {p['name']}{inferred}"
        if self.code == "similar_text":
            return f"Similar wording: \"{p['candidate_phrase']}\" ~ \"{p['query_phrase']}\""
        if self.code == "target_market":
            return f"Delivers to {', '.join(p['countries'])}"
        if self.code == "certificates":
            return f"States the certificates asked for: {', '.join(p['certificates'])}"
        if self.code == "shared_languages":
            return f"Both companies speak {', '.join(p['languages'])}"
        if self.code == "same_sector":
            return f"Same sector: {', '.join(p['sectors'])}"
        if self.code == "matching_opportunity":
            return f"Has a matching opportunity: {p['title']}"
        if self.code == "verified":
            return "Verified company"
        if self.code == "recent":
            return f"Updated within the last {p['days']} days"
        return self.code

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form for the API."""
        return {"code": self.code, "params": dict(self.params)}


def best_phrase_pair(
    query_phrases: list[str], query_vectors: np.ndarray, cand_phrases: list[str], cand_vectors: np.ndarray,
    query_vector: np.ndarray | None = None,
) -> tuple[str, str] | None:
    """(candidate phrase, query phrase): the candidate's phrase closest to the whole query (`query_vector`;
    without it, to any query phrase), and the query phrase closest to that one. None without phrases."""
    if not query_phrases or not cand_phrases or query_vectors.size == 0 or cand_vectors.size == 0:
        return None
    to_query = cand_vectors @ query_vector if query_vector is not None else (cand_vectors @ query_vectors.T).max(1)
    c = int(np.argmax(to_query))
    q = int(np.argmax(query_vectors @ cand_vectors[c]))
    return cand_phrases[c], query_phrases[q]


def reasons_for(signals: PairSignals, phrase_pair: tuple[str, str] | None, is_verified: bool) -> list[Reason]:
    """The reasons that hold for a pair, most convincing first."""
    out: list[Reason] = []
    level, prefix = signals.hs_shared
    if level:
        out.append(Reason("same_hs", {
            "code": prefix, "level": level, "level_name": _HS_LEVEL_NAMES[level],
            "name": hs.describe(prefix), "inferred": signals.hs_inferred,
        }))
    if phrase_pair is not None:
        out.append(Reason("similar_text", {"candidate_phrase": phrase_pair[0], "query_phrase": phrase_pair[1]}))
    if signals.values.get("market") == 1.0 and signals.markets:
        out.append(Reason("target_market", {"countries": signals.markets}))
    if signals.certificates:
        out.append(Reason("certificates", {"certificates": signals.certificates}))
    if signals.languages:
        out.append(Reason("shared_languages", {"languages": signals.languages}))
    if signals.sectors:
        out.append(Reason("same_sector", {"sectors": signals.sectors}))
    if is_verified:
        out.append(Reason("verified"))
    if signals.values.get("recent", 0.0) >= 0.5 ** (RECENT_DAYS / 90.0):
        out.append(Reason("recent", {"days": RECENT_DAYS}))
    return out
