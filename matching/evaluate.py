"""Ranking metrics with graded relevance: nDCG@k, recall@k, MRR. Pure functions.

`ranked` is the system's list of ids, best first; `relevant` maps id -> grade (> 0); anything absent is grade 0.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence


def dcg(gains: Sequence[float]) -> float:
    """Discounted cumulative gain of gains in rank order (log2 discount, rank 1 undiscounted)."""
    return sum(g / math.log2(i + 2) for i, g in enumerate(gains))


def ndcg_at_k(ranked: Sequence[str], relevant: Mapping[str, float], k: int = 10) -> float | None:
    """nDCG@k with the grade as gain; None when nothing is relevant (no ideal ranking to normalise by)."""
    ideal = sorted((g for g in relevant.values() if g > 0), reverse=True)[:k]
    if not ideal:
        return None
    return dcg([relevant.get(i, 0) for i in ranked[:k]]) / dcg(ideal)


def recall_at_k(ranked: Sequence[str], relevant: Mapping[str, float], k: int = 10) -> float | None:
    """Share of relevant items (grade > 0) found in the first k; None when nothing is relevant."""
    wanted = {i for i, g in relevant.items() if g > 0}
    if not wanted:
        return None
    return len(wanted.intersection(ranked[:k])) / len(wanted)


def reciprocal_rank(ranked: Sequence[str], relevant: Mapping[str, float]) -> float | None:
    """1/rank of the first item of the query's best grade (0 if absent); None when nothing is relevant.

    Graded on purpose: for a query with a grade-3 counterpart, a grade-1 item at rank 1 does not count.
    """
    best = max((g for g in relevant.values() if g > 0), default=0)
    if not best:
        return None
    for rank, item in enumerate(ranked, start=1):
        if relevant.get(item, 0) >= best:
            return 1.0 / rank
    return 0.0


def mean(values: Sequence[float | None]) -> float | None:
    """Mean of the defined values (queries without relevant items are skipped)."""
    kept = [v for v in values if v is not None]
    return sum(kept) / len(kept) if kept else None


def evaluate_run(
    run: Mapping[str, Sequence[str]], qrels: Mapping[str, Mapping[str, float]], k: int = 10
) -> dict[str, float | int | None]:
    """Mean nDCG@k, recall@k and MRR over the queries of `qrels` (a missing run counts as an empty ranking)."""
    ndcgs, recalls, rrs = [], [], []
    for query, relevant in qrels.items():
        ranked = list(run.get(query, []))
        ndcgs.append(ndcg_at_k(ranked, relevant, k))
        recalls.append(recall_at_k(ranked, relevant, k))
        rrs.append(reciprocal_rank(ranked, relevant))
    return {
        f"ndcg@{k}": mean(ndcgs),
        f"recall@{k}": mean(recalls),
        "mrr": mean(rrs),
        "queries": sum(v is not None for v in ndcgs),
    }
