"""How well closeness in meaning alone tells relevant listings from the rest: the meaning-only floor.

    .venv/bin/python bench/search_floor.py [--queries FILE ...]

A query with no keyword hit is answered by meaning alone, above `search.embedded.vectors.SEM_FLOOR`, an absolute
e5 cosine. This reads, for every query of the dev set and of the held-out sets (bench/data), the cosine of its
vector with each of the 256 dev records as the app indexes them (`search_eval.as_the_app`), in three readings:
- `cosine`: the cosine itself, what SEM_FLOOR compares;
- `centred`: the cosine minus the query's mean cosine over all records;
- `z-score`: that, divided by the standard deviation of the query's cosines.

Printed per reading, over the unfiltered queries that expect something: the AUC of relevant records against the
others (pooled over queries), then the meaning-only recall@10 and the wrong records among the ten best at three
floors set by the queries that expect nothing (the highest value they reach, and its 90th and 80th percentiles
over those queries), and for the cosine the shipped SEM_FLOOR. A reading that helps would recall more at a floor
that keeps those queries empty. (The app applies the floor only to queries without keyword hits, and keeps only
neighbours near the best one; this reads every query by meaning alone, to compare the readings.)
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import search_eval  # noqa: E402

from search.embedded.vectors import SEM_FLOOR  # noqa: E402

EVAL = Path("/work/shared/eval/dev")
READINGS = {
    "cosine": lambda c: c,
    "centred": lambda c: c - c.mean(),
    "z-score": lambda c: (c - c.mean()) / c.std(),
}


def auc(positive: np.ndarray, negative: np.ndarray) -> float:
    """The chance that a relevant record reads above an irrelevant one (Mann-Whitney, no ties expected)."""
    ranks = np.concatenate([positive, negative]).argsort().argsort() + 1
    n = len(positive)
    return float((ranks[:n].sum() - n * (n + 1) / 2) / (n * len(negative)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=EVAL)
    parser.add_argument("--queries", type=Path, nargs="*",
                        default=[EVAL / "search.jsonl", *sorted((HERE / "data").glob("search_*.jsonl"))])
    args = parser.parse_args()
    records = [json.loads(line) for line in (args.eval_dir / "records.jsonl").open(encoding="utf-8")]
    docs = search_eval.build_docs(records)
    refs = np.array([d["ref"] for d in docs])
    vectors = search_eval.as_the_app(records, docs, infer=False)
    expecting, empty = [], []  # the unfiltered queries' cosines (and, where they expect listings, which are relevant)
    for path in args.queries:
        items = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
        _, qvecs = search_eval.embed(docs, [i["q"] for i in items], cache_name=path.stem)
        for item, qvec in zip(items, qvecs, strict=True):
            if item.get("filters"):
                continue
            if item.get("relevant"):
                expecting.append((vectors @ qvec, np.isin(refs, item["relevant"])))
            else:
                empty.append(vectors @ qvec)
    print(f"{len(expecting)} unfiltered queries expecting listings, {len(empty)} expecting nothing, "
          f"{len(args.queries)} files\n")
    print("| reading | AUC | floor from | floor | recall@10 by meaning alone | wrong in the ten best |")
    print("|---|---|---|---|---|---|")
    for name, read in READINGS.items():
        values = [(read(c), relevant) for c, relevant in expecting]
        area = auc(np.concatenate([v[rel] for v, rel in values]), np.concatenate([v[~rel] for v, rel in values]))
        best_empty = np.array([read(c).max() for c in empty])
        floors = [(f"nothing-expected queries' {label}", float(np.quantile(best_empty, share)))
                  for label, share in (("highest", 1.0), ("90th percentile", 0.9), ("80th percentile", 0.8))]
        if name == "cosine":
            floors.append(("SEM_FLOOR as shipped", SEM_FLOOR))
        for label, floor in floors:
            found = wrong = wanted = 0
            for v, relevant in values:
                kept = [i for i in np.argsort(-v)[:10] if v[i] >= floor]
                found += int(relevant[kept].sum())
                wrong += len(kept) - int(relevant[kept].sum())
                wanted += min(10, int(relevant.sum()))
            print(f"| {name} | {area:.3f} | {label} | {floor:.3f} | {found / wanted:.3f} | {wrong} |")


if __name__ == "__main__":
    main()
