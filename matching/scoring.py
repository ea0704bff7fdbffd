"""Signals for a (query, candidate) pair and their weighted combination. Pure functions over plain dicts.

Every signal lies in [0, 1]. Weights were fitted on the dev set's pairs (logistic regression, see
bench/eval_matching.py and docs/bench/matching.md); freshness, verification and feedback do not occur in the
dev set and carry small hand-set weights that only break ties.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np

from matching import hs
from matching.certificates import requirement_fit

SIGNALS = (
    "semantic", "hs6", "hs4", "hs2", "market", "languages", "sector", "certificates",
    "verified", "recent", "feedback",
)

# Logistic regression on the dev set's candidate pairs (label: grade >= 2; `bench/eval_matching.py --fit`),
# coefficients divided by the semantic one. hs2 came out slightly negative (same chapter but another heading
# usually means another product) and is set to 0: nDCG@10 is flat (0.884-0.896) across every variant tried,
# including the hand-set first guess, so nothing here is tuned to the last digit. The last three do not occur
# in the dev set: small hand-set weights that only break ties.
DEFAULT_WEIGHTS: dict[str, float] = {
    "semantic": 1.0, "hs6": 0.29, "hs4": 0.40, "hs2": 0.0, "market": 0.14, "languages": 0.03,
    "sector": 0.08, "certificates": 0.22, "verified": 0.02, "recent": 0.02, "feedback": 0.1,
}
RECENT_DAYS = 30
_FRESHNESS_HALF_LIFE_DAYS = 90.0


@dataclass
class PairSignals:
    """The signals of one candidate for one query, plus what the explanations need."""

    values: dict[str, float]
    hs_shared: tuple[int, str] = (0, "")
    hs_inferred: bool = False
    markets: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    certificates: list[str] = field(default_factory=list)


def semantic_scores(sims: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """Cosines made comparable across queries: the z-score against all eligible candidates, squashed to [0, 1].

    E5 cosines are squeezed into 0.78-0.93, so only the position within the eligible set carries information.
    """
    if reference.size < 2:
        return np.full(sims.shape, 0.5, dtype=np.float32)
    z = (sims - reference.mean()) / max(float(reference.std()), 1e-6)
    return (1.0 / (1.0 + np.exp(-(z - 2.0)))).astype(np.float32)


def hs_codes(listing: Mapping[str, Any]) -> tuple[list[str], bool]:
    """The listing's HS codes and whether they are inferred (explicit codes win)."""
    explicit = [c for c in listing.get("hs_codes") or [] if c]
    if explicit:
        return explicit, False
    return [c for c in listing.get("hs_inferred") or [] if c], True


def hs_signals(query: Mapping[str, Any], cand: Mapping[str, Any]) -> tuple[dict[str, float], tuple[int, str], bool]:
    """One-hot agreement at 6/4/2 digits; inferred codes count at half strength."""
    q_codes, q_inf = hs_codes(query)
    c_codes, c_inf = hs_codes(cand)
    level, prefix = hs.best_shared_level(q_codes, c_codes)
    strength = 0.5 if (q_inf or c_inf) else 1.0
    values = {f"hs{n}": (strength if level == n else 0.0) for n in (6, 4, 2)}
    return values, (level, prefix), q_inf or c_inf


def roles(query: Mapping[str, Any], cand: Mapping[str, Any]) -> tuple[Mapping[str, Any], Mapping[str, Any]]:
    """(request side, offer side) of a pair; a company query plays the side opposite to the candidate."""
    if cand.get("kind") == "offer" or query.get("kind") == "request":
        return query, cand
    return cand, query


def market_fit(request: Mapping[str, Any], offer: Mapping[str, Any]) -> tuple[float, list[str]]:
    """1 if the offer's target markets (or its company's country) reach the request's country, 0 if they
    clearly do not, 0.5 when either side states nothing."""
    wanted = set(request.get("countries") or []) or {request.get("company_country")} - {None}
    reach = set(offer.get("countries") or [])
    if not wanted or not reach:
        return 0.5, []
    shared = sorted(wanted & (reach | {offer.get("company_country")}))
    return (1.0 if shared else 0.0), shared


def lower_set(values: Sequence[str] | None) -> frozenset[str]:
    """Trimmed, lower-cased, non-empty items."""
    return frozenset(str(v).strip().lower() for v in values or [] if str(v).strip())


def overlap(a: Sequence[str] | None, b: Sequence[str] | None) -> list[str]:
    """Case-insensitive common items of two lists, sorted."""
    return sorted(lower_set(a) & lower_set(b))


def _set_of(listing: Mapping[str, Any], cached: str, raw: str) -> frozenset[str]:
    found = listing.get(cached)
    return found if found is not None else lower_set(listing.get(raw))


def freshness(updated_at: Any, now: datetime | None = None) -> float:
    """1 for today, halving every 90 days; 0.5 when unknown."""
    if not updated_at:
        return 0.5
    if isinstance(updated_at, str):
        updated_at = datetime.fromisoformat(updated_at)
    if updated_at.tzinfo is None:
        updated_at = updated_at.replace(tzinfo=UTC)
    days = max(0.0, ((now or datetime.now(UTC)) - updated_at).total_seconds() / 86400)
    return float(0.5 ** (days / _FRESHNESS_HALF_LIFE_DAYS))


def pair_signals(
    query: Mapping[str, Any],
    cand: Mapping[str, Any],
    semantic: float,
    feedback: float = 0.5,
    now: datetime | None = None,
) -> PairSignals:
    """All signals of a candidate for a query (listings as the matcher holds them, with `_certs` sets)."""
    hs_values, shared, inferred = hs_signals(query, cand)
    request, offer = roles(query, cand)
    market, markets = market_fit(request, offer)
    languages = sorted(_set_of(query, "_languages", "company_languages") & _set_of(cand, "_languages",
                                                                                  "company_languages"))
    sectors = sorted(_set_of(query, "_sectors", "sectors") & _set_of(cand, "_sectors", "sectors"))
    req_certs, off_certs = request.get("_certs", set()), offer.get("_certs", set())
    values = {
        "semantic": float(semantic),
        **hs_values,
        "market": market,
        "languages": 1.0 if languages else 0.0,
        "sector": 1.0 if sectors else 0.0,
        "certificates": requirement_fit(req_certs, off_certs),
        "verified": 1.0 if cand.get("is_verified") else 0.0,
        "recent": freshness(cand.get("updated_at"), now),
        "feedback": feedback,
    }
    return PairSignals(
        values, shared, inferred, markets, languages, sectors, sorted(req_certs & off_certs)
    )


def combine(values: Mapping[str, float], weights: Mapping[str, float] | None = None) -> float:
    """Weighted sum of the signals (unknown signals weigh 0)."""
    weights = DEFAULT_WEIGHTS if weights is None else weights
    return float(sum(weights.get(name, 0.0) * value for name, value in values.items()))
