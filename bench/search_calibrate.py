"""Choose the HS pivot and meaning-only constants on the tuning half of the dev queries (never the test half).

    .venv/bin/python bench/search_calibrate.py [--split tune] [--ratio 0.5] [--quick] [--doc-guesses]

Prints each query's best HS headings (to see where the pivot floor falls), then a grid of PIVOT_FLOOR,
PIVOT_MARGIN, PIVOT_SCORE and SEM_FLOOR with mean precision@5 / recall@10 and how many "nothing expected"
queries stay empty. The rule applied: every empty-expected query must stay empty, then the best
recall@10 + precision@5, then the larger (more cautious) floors on a tie. Uses search_eval's data and caches.

`--doc-guesses` instead grids the constants of the headings uncoded listings are indexed under
(`search.pivot` GUESS_FLOOR, GUESS_MARGIN, GUESS_TOP), with every other constant as it is; floor 9 = no
guesses. The same rule: empty-expected queries stay empty, then recall@10 + precision@5, then the higher floor,
the smaller margin and the fewer headings on a tie.
"""
from __future__ import annotations

import itertools
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import search_eval  # noqa: E402

from search import pivot  # noqa: E402
from search.embedded import searcher  # noqa: E402
from search.pivot import PIVOT_FLOOR, PIVOT_MARGIN, pivot_headings  # noqa: E402

GRID = {
    "pivot_floor": [0.14, 0.16, 0.18, 0.2, 0.22, 0.24, 0.26, 0.28, 0.3, 1.0],  # matching.hs scores, centred by group
    "pivot_margin": [0.0, 0.02],
    "pivot_score": [0.3, 0.5],
    "sem_floor": [0.83, 0.84, 0.85, 0.86, 0.87, 0.88],
}


def score(backend, items, qvecs, inferrer, ratio: float, cfg: dict) -> tuple[float, float, int, int]:
    searcher.PIVOT_SCORE, searcher.SEM_FLOOR = cfg["pivot_score"], cfg["sem_floor"]
    heads = [pivot_headings(inferrer, it["q"], qv, floor=cfg["pivot_floor"], margin=cfg["pivot_margin"],
                            words=inferrer.weighs_words)
             for it, qv in zip(items, qvecs, strict=True)]
    rows = [x for v in search_eval.evaluate(backend, items, qvecs, ratio, heads).values() for x in v]
    scored = [x for x in rows if x[0] is not None]
    empty = [x for x in rows if x[0] is None]
    return (float(np.mean([x[0] for x in scored])), float(np.mean([x[1] for x in scored])),
            sum(1 for x in empty if x[2] == 0), len(empty))


GUESS_GRID = {
    "floor": [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 9.0],  # meaning (about 0.1-0.3) + WORD_WEIGHT x word share
    "margin": [0.0, 0.05],
    "top": [1, 2],
}


def calibrate_guesses(backend, items, qvecs, inferrer, ratio: float) -> None:
    docs, dvecs = backend.bench_docs
    base = {"pivot_floor": PIVOT_FLOOR, "pivot_margin": PIVOT_MARGIN, "pivot_score": searcher.PIVOT_SCORE,
            "sem_floor": searcher.SEM_FLOOR}
    results = []
    for floor, margin, top in itertools.product(*GUESS_GRID.values()):
        if floor > 1 and (margin, top) != (0.0, 1):
            continue
        guessed = search_eval.add_guesses(docs, dvecs, inferrer, floor=floor, margin=margin, top=top)
        search_eval.load(backend, docs)
        p5, r10, kept, n_empty = score(backend, items, qvecs, inferrer, ratio, base)
        results.append((kept == n_empty, r10 + p5, floor, -margin, -top, p5, r10, (floor, margin, top)))
        print(f"floor {floor} margin {margin} top {top}: {guessed} listings guessed, P@5 {p5:.3f} R@10 {r10:.3f} "
              f"empty {kept}/{n_empty}")
    best = max(results, key=lambda r: r[:5])
    print("chosen (floor, margin, top):", best[-1], f"P@5 {best[5]:.3f} R@10 {best[6]:.3f}")


def main() -> None:
    parser = search_eval.arguments()
    parser.add_argument("--ratio", type=float, default=0.5)
    parser.set_defaults(split="tune")
    parser.add_argument("--quick", action="store_true", help="sem_floor fixed at search.embedded SEM_FLOOR")
    parser.add_argument("--doc-guesses", action="store_true", help="grid the listings' own headings instead")
    parser.add_argument("--floors", type=float, nargs="*", default=None,
                        help="the floors to try instead of the grid's (pivot floors, or with --doc-guesses the "
                             "listings' own floors; e.g. on another score scale, with --pivot-goods yes)")
    args = parser.parse_args()
    if args.floors and args.doc_guesses:
        GUESS_GRID["floor"] = args.floors
    elif args.floors:
        GRID["pivot_floor"] = args.floors
    if args.quick:
        GRID.update(pivot_margin=[0.0, 0.01, 0.02], sem_floor=[searcher.SEM_FLOOR])
    if args.pivot_words and not args.floors:  # a word hit adds up to the word weight: floors above meaning's
        GRID.update(pivot_floor=sorted({*GRID["pivot_floor"], *(round(0.18 + args.pivot_words * f, 3)
                                                                 for f in (0.25, 0.5, 0.75, 1.0))}))
    backend, items, qvecs, inferrer = search_eval.prepare(args)
    if args.doc_guesses:
        calibrate_guesses(backend, items, qvecs, inferrer, args.ratio)
        return
    for item, qv in zip(items, qvecs, strict=True):
        guesses = inferrer.infer(qv, top=3, text=item["q"] if inferrer.weighs_words else None,
                                 goods=pivot.PIVOT_GOODS, name=qv if pivot.PIVOT_CLASSIFIER else None)
        print(f"{item['q']!r:36} " + "  ".join(f"{g.code} {g.score:.3f}" for g in guesses))
    results = []
    for values in itertools.product(*GRID.values()):
        cfg = dict(zip(GRID, values, strict=True))
        p5, r10, kept, n_empty = score(backend, items, qvecs, inferrer, args.ratio, cfg)
        results.append((kept == n_empty, r10 + p5, cfg["pivot_floor"], cfg["sem_floor"], p5, r10, cfg))
        print(f"{cfg} P@5 {p5:.3f} R@10 {r10:.3f} empty {kept}/{n_empty}")
    best = max(results, key=lambda r: r[:4])
    print("chosen:", best[-1], f"P@5 {best[4]:.3f} R@10 {best[5]:.3f}")


if __name__ == "__main__":
    main()
