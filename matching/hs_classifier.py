"""A heading classifier over the embedding space, trained on the goods index's names.

The inferrer's other scores compare a text with the nomenclature's names and the goods names one by one (best
cosine, shared words). A linear softmax classifier (scikit-learn's `LogisticRegression`) fitted to the query
vectors of all 105,000 goods names of `matching/data/hs2022_goods_index.tsv` learns which directions of the space
tell the headings apart, so a short goods name ("Гарнитура BLUETOOTH") meets the heading whose names lie around it
even when none of them is its nearest neighbour. `HsInferrer` adds `CLASSIFIER_WEIGHT` times its log-probability
(floored) for the goods' name, where the caller has one (the HS suggestions: the title, or the typed text).

The fitted weights ship in `matching/data/hs2022_goods_classifier.npz` (float16, about 1 MB) with the id of the
model whose vectors they read; another model gets no classifier. Refit after changing the goods index or the
model (`make hs-classifier`: embeds every name, about 11 minutes on 2 cores, then fits, 5-10 minutes):

    .venv/bin/python -m matching.hs_classifier
"""
from __future__ import annotations

import argparse
import time
from functools import lru_cache
from pathlib import Path

import numpy as np

from matching.embedders import Embedder, l2_normalise

CLASSIFIER = Path(__file__).parent / "data" / "hs2022_goods_classifier.npz"
# Inverse regularisation strength of the fit, chosen on the dev columns of bench/hs_eval.py with the other scores
# (sums 964 / 973 / 971 at their best weights for C = 1 / 10 / 100; the classifier alone, rulings dev half top-1 /
# top-5: 29% / 61%, 39% / 72%, 41% / 65%); see docs/benchmarks.md.
FIT_C = 10.0
# Log-probabilities below this floor count as the floor: a heading the classifier rules out loses at most
# CLASSIFIER_WEIGHT x log(1 / FLOOR) against one it is sure of.
FLOOR = 1e-6
BATCH = 4000


class GoodsClassifier:
    """Headings (`classes`) scored by a softmax over `vectors @ coef.T + intercept` for vectors of `model_id`."""

    def __init__(self, model_id: str, classes: np.ndarray, coef: np.ndarray, intercept: np.ndarray) -> None:
        self.model_id = model_id
        self.classes = [str(c) for c in classes]
        self.coef = np.asarray(coef, dtype=np.float32)
        self.intercept = np.asarray(intercept, dtype=np.float32)

    def scores(self, vectors: np.ndarray) -> np.ndarray:
        """Per row of `vectors` (L2-normalised here) and class: the log-probability, floored at log(FLOOR) and
        shifted by -log(FLOOR), so that every score lies in [0, log(1 / FLOOR)]."""
        logits = l2_normalise(np.atleast_2d(vectors)) @ self.coef.T + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        log_p = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
        return np.maximum(log_p, np.log(FLOOR)) - np.log(FLOOR)

    def save(self, path: Path) -> None:
        np.savez_compressed(path, model_id=np.array(self.model_id), classes=np.array(self.classes),
                            coef=self.coef.astype(np.float16), intercept=self.intercept)

    @classmethod
    def load(cls, path: Path = CLASSIFIER) -> GoodsClassifier | None:
        """The shipped classifier, or None when the file is missing."""
        if not Path(path).exists():
            return None
        with np.load(path, allow_pickle=False) as data:
            return cls(str(data["model_id"]), data["classes"], data["coef"], data["intercept"])

    @classmethod
    def fit(cls, model_id: str, vectors: np.ndarray, headings: list[str], c: float = FIT_C,
            max_iter: int = 300) -> GoodsClassifier:
        """Fit to name vectors and their headings (multinomial logistic regression, lbfgs)."""
        from sklearn.linear_model import LogisticRegression  # only the fit needs it

        model = LogisticRegression(C=c, max_iter=max_iter)
        model.fit(l2_normalise(vectors), np.array(headings))
        return cls(model_id, model.classes_, model.coef_, model.intercept_)


@lru_cache(maxsize=1)
def shipped() -> GoodsClassifier | None:
    """The shipped classifier, loaded once per process."""
    return GoodsClassifier.load()


def for_model(model_id: str) -> GoodsClassifier | None:
    """The shipped classifier if it reads vectors of `model_id`, else None."""
    classifier = shipped()
    return classifier if classifier is not None and classifier.model_id == model_id else None


def train(embedder: Embedder, names: list[tuple[str, str, str]], c: float = FIT_C, log=print) -> GoodsClassifier:
    """Embed every (heading, language, name) name as a query and fit the classifier to the headings."""
    texts = [name for _, _, name in names]
    vectors = np.zeros((len(texts), embedder.dim), np.float32)
    started = time.perf_counter()
    for start in range(0, len(texts), BATCH):
        vectors[start:start + BATCH] = embedder.embed_queries(texts[start:start + BATCH])
        log(f"embedded {min(start + BATCH, len(texts))} of {len(texts)} names "
            f"({time.perf_counter() - started:.0f} s)")
    classifier = GoodsClassifier.fit(embedder.model_id, vectors, [h for h, _, _ in names], c)
    log(f"fitted {len(classifier.classes)} headings ({time.perf_counter() - started:.0f} s)")
    return classifier


def main() -> None:
    from matching.embedders import get_embedder
    from matching.hs import goods_index

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=CLASSIFIER)
    parser.add_argument("--c", type=float, default=FIT_C)
    args = parser.parse_args()
    classifier = train(get_embedder("e5"), goods_index(), args.c)
    classifier.save(args.output)
    print(f"{args.output}: {len(classifier.classes)} headings, {args.output.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
