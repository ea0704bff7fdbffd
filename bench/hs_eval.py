"""HS heading inference quality: top-1 / top-5 of the 4-digit heading, before and after, in one run.

    .venv/bin/python bench/hs_eval.py [--fit] [--records /work/shared/eval/dev/records.jsonl]

Eval sets:
- `bench/data/hs_rulings_ru.tsv`: goods named in classification decisions of the Eurasian Economic Commission
  (official, public; see bench/data/README.md), with the heading the decision assigned. Split by the parity of the
  decision's number in the list: even = dev (the only half `--fit` looks at), odd = test.
- the dev set's opportunities that carry HS codes of 4+ digits (title + description; the codes are held out);
  a second column gives the word score the title's words alone (as the offer form asks: `title=` of the API).

Rows: "English only" (the first inference: English heading and subheading descriptions, no chapter prior, the
matrix not centred); "no Russian headings" (the matrix centred by one mean, chapter prior; no Russian heading
names); "Russian headings, one mean" (the same plus the Russian heading names of
matching/data/hs2022_headings_ru.tsv); "default" (`HsInferrer`'s default: Russian heading names, each language and
level of rows centred by its own mean); "Russian headings and subheadings" (plus the Russian subheading names of
matrix rows, matching/data/hs2022_subheadings_ru.tsv); "the same + word overlap" (plus the words the text shares
with each heading's names, search/hs_words.py, weight WORD_WEIGHT; `--fit` tries other weights and margins);
"the same + goods index" (the app's: plus the goods names of matching/data/hs2022_goods_index.tsv the text holds,
weight INDEX_WEIGHT; `--index-weights` tries others, `--index-langs ru,en,kk` keeps some languages' names only);
"the same + spelling" (plus the goods names nearest in spelling, search.hs_words.GoodsSpelling, weight
SPELLING_WEIGHT; `--spelling-weights` tries others); "the same + goods by meaning" (the app's since 5 December
2026: plus the best cosine of the heading's goods names, matching.hs.goods_texts, weight GOODS_WEIGHT;
`--goods-weights` tries others).
The app's inference is also given per language of the dev-set listings. Each is run on raw query vectors (as the
API's suggestions embed a typed text) and on language-centred ones (the matcher centres every listing vector by
its language's mean before inferring; here the means of the dev set's opportunities per language).
Vectors are cached per text in bench/out/ (gitignored), so a rerun embeds nothing new.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_matching import add_word_langs_option, apply_index_weight, apply_word_langs  # noqa: E402

from matching.embedders import E5Embedder, l2_normalise, text_hash  # noqa: E402
from matching.hs import CHAPTER_WEIGHT, CLASSIFIER_WEIGHT, GOODS_WEIGHT, HsInferrer, heading  # noqa: E402
from matching.shipped import ShippedFirstEmbedder, ShippedVectors  # noqa: E402
from matching.store import HS_INFER_MIN_MARGIN  # noqa: E402
from search.hs_words import INDEX_WEIGHT, SPELLING_WEIGHT, WORD_WEIGHT, HeadingWords  # noqa: E402

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
RULINGS = HERE / "data" / "hs_rulings_ru.tsv"
SHIPPED = HERE.parent / "app" / "matches" / "shipped" / "vectors.npz"
WEIGHTS = (0.0, 0.25, 0.5, 1.0)
# label, centring, chapter weight, Russian heading names, margin for kept inferred codes, Russian subheading names,
# word weight (search.hs_words: the share of the text's words a heading's names hold), goods index weight
# (search.hs_words.GoodsIndex: the goods names of matching/data/hs2022_goods_index.tsv the text names), spelling
# weight (search.hs_words.GoodsSpelling: the goods names nearest the text in spelling), goods-by-meaning weight
# (matching.hs.GOODS_WEIGHT: the best cosine of the heading's goods names), classifier weight
# (matching.hs.CLASSIFIER_WEIGHT: matching.hs_classifier's score of the goods' name; the API's suggestions only)
CONFIGS = [
    ("English only", "none", 0.0, False, 0.02, False, 0.0, 0.0, 0.0, 0.0, 0.0),
    ("no Russian headings", "whole", CHAPTER_WEIGHT, False, HS_INFER_MIN_MARGIN, False, 0.0, 0.0, 0.0, 0.0, 0.0),
    ("Russian headings, one mean", "whole", CHAPTER_WEIGHT, True, HS_INFER_MIN_MARGIN, False, 0.0, 0.0, 0.0, 0.0,
     0.0),
    ("Russian headings, group means", "groups", CHAPTER_WEIGHT, True, HS_INFER_MIN_MARGIN, False, 0.0, 0.0, 0.0,
     0.0, 0.0),
    ("Russian headings and subheadings, group means", "groups", CHAPTER_WEIGHT, True, HS_INFER_MIN_MARGIN, True,
     0.0, 0.0, 0.0, 0.0, 0.0),
    ("the same + word overlap", "groups", CHAPTER_WEIGHT, True, HS_INFER_MIN_MARGIN, True, WORD_WEIGHT, 0.0, 0.0,
     0.0, 0.0),
    ("the same + goods index", "groups", CHAPTER_WEIGHT, True, HS_INFER_MIN_MARGIN, True, WORD_WEIGHT,
     INDEX_WEIGHT, 0.0, 0.0, 0.0),
    ("the same + spelling", "groups", CHAPTER_WEIGHT, True, HS_INFER_MIN_MARGIN, True, WORD_WEIGHT, INDEX_WEIGHT,
     SPELLING_WEIGHT, 0.0, 0.0),
    ("the same + goods by meaning", "groups", CHAPTER_WEIGHT, True, HS_INFER_MIN_MARGIN, True, WORD_WEIGHT,
     INDEX_WEIGHT, SPELLING_WEIGHT, GOODS_WEIGHT, 0.0),
    ("the same + goods classifier", "groups", CHAPTER_WEIGHT, True, HS_INFER_MIN_MARGIN, True, WORD_WEIGHT,
     INDEX_WEIGHT, SPELLING_WEIGHT, GOODS_WEIGHT, CLASSIFIER_WEIGHT),
]
WORD_WEIGHTS = (0.1, 0.2, 0.3, 0.5, 0.7, 1.0)
MARGINS = (0.05, 0.08, 0.1, 0.15, 0.2, 0.3, 0.5)


class CachedEmbedder:
    """The bundled e5 embedder with a per-text vector cache on disk (queries and passages apart)."""

    def __init__(self, inner: E5Embedder, path: Path) -> None:
        self.inner, self.path = inner, path
        self.model_id, self.dim = inner.model_id, inner.dim
        self.cache: dict[str, np.ndarray] = dict(np.load(path)) if path.exists() else {}

    def _embed(self, texts: list[str], kind: str, fn) -> np.ndarray:
        keys = [f"{kind}:{text_hash(t)}" for t in texts]
        missing = sorted({t for t, k in zip(texts, keys, strict=True) if k not in self.cache})
        if missing:
            for t, v in zip(missing, fn(missing), strict=True):
                self.cache[f"{kind}:{text_hash(t)}"] = v
            OUT.mkdir(exist_ok=True)
            np.savez(self.path, **self.cache)
        return np.stack([self.cache[k] for k in keys])

    def embed_passages(self, texts):
        return self._embed(list(texts), "p", self.inner.embed_passages)

    def embed_queries(self, texts):
        return self._embed(list(texts), "q", self.inner.embed_queries)


def load_rulings() -> dict[str, list[tuple[str, str]]]:
    """(text, heading) pairs of the rulings set, split into dev and test."""
    split: dict[str, list[tuple[str, str]]] = {"dev": [], "test": []}
    with RULINGS.open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            number = int(row["id"].split("-")[1])
            split["dev" if number % 2 == 0 else "test"].append((row["product"], row["heading"]))
    return split


def load_opportunities(path: Path) -> list[dict]:
    """The dev set's opportunities (the marketplace whose language centroids the matcher would hold)."""
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in records if r.get("type") == "opportunity"]


def listing_text(record: dict) -> str:
    return f"{record['title']}\n{record.get('description', '')}"


def centred(vectors: np.ndarray, centroids: np.ndarray) -> np.ndarray:
    """Vectors minus their language's centroid, re-normalised (what the matcher hands the inferrer)."""
    return l2_normalise(vectors - centroids)


def accuracy(inferrer: HsInferrer, vectors: np.ndarray, gold: list[set[str]], texts: list[str] | None = None,
             names: np.ndarray | None = None) -> tuple[float, float]:
    """Share of items whose heading is first, and among the first five."""
    guesses = inferrer.infer_many(vectors, top=5, texts=texts, names=names)
    top1 = np.mean([g[0].code in want for g, want in zip(guesses, gold, strict=True)])
    top5 = np.mean([bool({x.code for x in g} & want) for g, want in zip(guesses, gold, strict=True)])
    return float(top1), float(top5)


def eval_sets(embedder: CachedEmbedder, records: Path
              ) -> dict[str, tuple[list[set[str]], np.ndarray, np.ndarray, list[str], np.ndarray]]:
    """name -> (gold headings, raw query vectors, language-centred query vectors, texts, the goods names' query
    vectors: a ruling's own, a listing's title's, as the API's suggestions embed them)."""
    opportunities = load_opportunities(records)
    raw = embedder.embed_queries([listing_text(r) for r in opportunities])
    langs = np.array([r["language"] for r in opportunities])
    centroid = {lang: raw[langs == lang].mean(axis=0) for lang in set(langs)}
    sets = {}
    for name, items in load_rulings().items():  # Russian text: centred by the Russian listings' mean
        vectors = embedder.embed_queries([t for t, _ in items])
        sets[f"rulings {name}"] = ([{h} for _, h in items], vectors, centred(vectors, centroid["ru"]),
                                   [t for t, _ in items], vectors)
    coded = [(i, {heading(c) for c in r.get("hs_codes") or []} - {""}) for i, r in enumerate(opportunities)]
    coded = [(i, h) for i, h in coded if h]
    rows = [i for i, _ in coded]
    titles = [opportunities[i]["title"] for i in rows]
    sets["dev-set listings"] = ([h for _, h in coded], raw[rows],
                                centred(raw[rows], np.stack([centroid[langs[i]] for i in rows])),
                                [listing_text(opportunities[i]) for i in rows], embedder.embed_queries(titles))
    # the same vectors, with the words of the title alone (the offer form sends both: `title=` of the API)
    sets["dev-set listings, title's words"] = (*sets["dev-set listings"][:3], titles, sets["dev-set listings"][4])
    return sets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fit", action="store_true", help="also try other chapter weights")
    parser.add_argument("--records", type=Path, default=Path("/work/shared/eval/dev/records.jsonl"))
    parser.add_argument("--index-weights", type=float, nargs="*", default=[],
                        help="also try these weights of the goods index (search.hs_words.GoodsIndex)")
    parser.add_argument("--spelling-weights", type=float, nargs="*", default=[],
                        help="also try these weights of the names nearest in spelling (search.hs_words.GoodsSpelling)")
    parser.add_argument("--goods-weights", type=float, nargs="*", default=[],
                        help="also try these weights of the goods names by meaning (matching.hs.GOODS_WEIGHT)")
    parser.add_argument("--classifier-weights", type=float, nargs="*", default=[],
                        help="also try these weights of the goods classifier (matching.hs.CLASSIFIER_WEIGHT)")
    add_word_langs_option(parser)
    parser.add_argument("--index-langs", default=None,
                        help="comma-separated languages of the goods index's names (default all, as the app)")
    args = parser.parse_args()
    apply_word_langs(args.word_langs)
    apply_index_weight(None, args.index_langs)
    started = time.perf_counter()
    # the shipped vectors (app/matches/shipped, int8: cosine to the model's > 0.999) spare re-embedding the
    # nomenclature on a fresh checkout; texts they lack go to the model
    embedder = CachedEmbedder(ShippedFirstEmbedder(E5Embedder(), ShippedVectors.load([SHIPPED])),
                              OUT / "hs_eval_vectors.npz")
    sets = eval_sets(embedder, args.records)
    scorers: dict[tuple[float, float], HeadingWords] = {}

    def words(index_weight: float, spelling_weight: float) -> HeadingWords:
        if (index_weight, spelling_weight) not in scorers:
            scorers[index_weight, spelling_weight] = HeadingWords(index_weight=index_weight,
                                                                  spelling_weight=spelling_weight)
        return scorers[index_weight, spelling_weight]

    configs = list(CONFIGS)
    configs += [(f"the same + goods index {a}", "groups", CHAPTER_WEIGHT, True, HS_INFER_MIN_MARGIN, True,
                 WORD_WEIGHT, a, 0.0, 0.0, 0.0) for a in args.index_weights if a != INDEX_WEIGHT]
    configs += [(f"the same + spelling {a}", "groups", CHAPTER_WEIGHT, True, HS_INFER_MIN_MARGIN, True,
                 WORD_WEIGHT, INDEX_WEIGHT, a, 0.0, 0.0) for a in args.spelling_weights if a != SPELLING_WEIGHT]
    configs += [(f"the same + goods by meaning {a}", "groups", CHAPTER_WEIGHT, True, HS_INFER_MIN_MARGIN, True,
                 WORD_WEIGHT, INDEX_WEIGHT, SPELLING_WEIGHT, a, 0.0) for a in args.goods_weights if a != GOODS_WEIGHT]
    configs += [(f"the same + goods classifier {a}", "groups", CHAPTER_WEIGHT, True, HS_INFER_MIN_MARGIN, True,
                 WORD_WEIGHT, INDEX_WEIGHT, SPELLING_WEIGHT, GOODS_WEIGHT, a)
                for a in args.classifier_weights if a != CLASSIFIER_WEIGHT]
    if args.fit:
        configs += [(f"{how}, w={w}, subheadings {sub}", how, w, True, HS_INFER_MIN_MARGIN, sub, 0.0, 0.0, 0.0,
                     0.0, 0.0) for how in ("whole", "groups") for w in WEIGHTS for sub in (False, True)]
        configs += [(f"groups, w={CHAPTER_WEIGHT}, subheadings True, words {ww}", "groups", CHAPTER_WEIGHT, True,
                     HS_INFER_MIN_MARGIN, True, ww, 0.0, 0.0, 0.0, 0.0) for ww in WORD_WEIGHTS]
    columns = " | ".join(f"{name} (n={len(data[0])})" for name, data in sets.items())
    print(f"| inference | query vectors | {columns} |")
    print("|---|---|" + "---|" * len(sets))
    for label, centre, weight, russian, _, subheadings, word_weight, index_weight, spelling_weight, goods, \
            classifier in configs:
        inferrer = HsInferrer(embedder, chapter_weight=weight, centre=centre, russian=russian,
                              ru_subheadings=subheadings, words=words(index_weight, spelling_weight),
                              word_weight=word_weight, goods_weight=goods, classifier_weight=classifier)
        # the classifier reads the goods' name, which the API's suggestions embed and the matcher does not
        kinds = (("raw (API suggest)", 1),) if classifier else (("raw (API suggest)", 1),
                                                                 ("language-centred (listings)", 2))
        for kind, column in kinds:
            cells = [accuracy(inferrer, data[column], data[0], data[3], data[4] if classifier else None)
                     for data in sets.values()]
            print(f"| {label} | {kind} | " + " | ".join(f"{a:.0%} / {b:.0%}" for a, b in cells) + " |")
    print("\nInferred codes the matcher keeps (top-1 >= margin above the next), dev-set listings (words of the "
          "whole text; words of the title alone, as the matcher weighs them):")
    for column in ("dev-set listings", "dev-set listings, title's words"):
        gold, _, vectors, texts, _ = sets[column]
        for label, centre, weight, russian, margin, subheadings, word_weight, index_weight, spelling_weight, goods, \
                classifier in configs:
            if column != "dev-set listings" and not word_weight or classifier:
                continue
            inferrer = HsInferrer(embedder, chapter_weight=weight, centre=centre, russian=russian,
                                  ru_subheadings=subheadings, words=words(index_weight, spelling_weight),
                                  word_weight=word_weight, goods_weight=goods, classifier_weight=0.0)
            guesses = inferrer.infer_many(vectors, top=2, texts=texts)
            for m in (margin, *(x for x in MARGINS if x != margin)) if word_weight else (margin,):
                kept = [g[0].code in want for g, want in zip(guesses, gold, strict=True)
                        if g[0].score - g[1].score >= m]
                print(f"- {column}: {label} (margin {m}): {len(kept)} of {len(gold)} kept, "
                      f"{np.mean(kept) if kept else 0:.0%} of them right")
    by_language(sets["dev-set listings, title's words"], args.records,
                HsInferrer(embedder, words=words(INDEX_WEIGHT, SPELLING_WEIGHT), word_weight=WORD_WEIGHT))
    print(f"\ntop-1 / top-5 of the 4-digit heading; {time.perf_counter() - started:.0f} s")


def by_language(data: tuple, records: Path, inferrer: HsInferrer) -> None:
    """Top-1 / top-5 of the app's inference per language of the dev-set listings (raw vectors, title's words)."""
    gold, raw, _, titles, names = data
    coded = [r for r in load_opportunities(records) if {heading(c) for c in r.get("hs_codes") or []} - {""}]
    guesses = inferrer.infer_many(raw, top=5, texts=titles, names=names)
    cells: dict[str, list[tuple[bool, bool]]] = {}
    for record, want, guess in zip(coded, gold, guesses, strict=True):
        cells.setdefault(record["language"], []).append((guess[0].code in want, bool({g.code for g in guess} & want)))
    print("\nThe app's inference (raw, title's words) per language of the dev-set listings: " + ", ".join(
        f"{lang} {np.mean([a for a, _ in v]):.0%} / {np.mean([b for _, b in v]):.0%} (n={len(v)})"
        for lang, v in sorted(cells.items())))


if __name__ == "__main__":
    main()
