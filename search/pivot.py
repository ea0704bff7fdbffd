"""The HS nomenclature as a pivot between languages: from a query's meaning to the HS headings it names.

A short query such as "chickpeas" shares no word with the Turkish listing "nohut", and a two-word query
embeds far from a long listing in another language. Both sit close to one line of the nomenclature, though
("Chickpeas (garbanzos)", heading 0713), and listings carry codes of that heading, given by their owners or
inferred by the matcher. So the caller turns the query vector into a few headings here, passes them as
`SearchQuery.hs_pivot`, and the backend adds the listings coded under them to the meaning candidates.

Pure library (no Flask): the inferrer is `matching.hs.HsInferrer` or anything with its `infer` method, so
improvements of the inference itself flow in unchanged, except the goods names by meaning (`matching.hs`
GOODS_WEIGHT), which add to every heading's score: the floors below were chosen without them, so the pivot asks
for them only when `PIVOT_GOODS` is set (off: with them and floors chosen again, it measured no better).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from search.analysis import hs_query, query_words
from search.countries import country_codes
from search.synonyms import Thesaurus

# A heading is a pivot when the query's score for it (matching.hs centred scores: cosine to its best line, en or
# ru, plus a share of its chapter title) reaches PIVOT_FLOOR and stands within PIVOT_MARGIN of the best heading.
# Chosen on the tuning half of the dev queries (bench/search_calibrate.py --quick); see docs/benchmarks.md for
# how they were checked on the other half and on new queries. Re-choose them after any change of the inference.
# Chosen again when the goods names nearest in spelling joined the word scores (search.hs_words.GoodsSpelling): every
# floor from 0.14 to 0.43 gives the best tune P@5 / R@10 (0.754 / 0.971) and the calibration takes 0.43; noise
# queries now reach 0.27-0.29 ("IT outsourcing", "Tengri"), typos 0.45-0.66 ("цемнт", "ферохром"). Margins 0 and
# 0.02 tie there; 0.02 stays.
PIVOT_FLOOR = 0.43
PIVOT_MARGIN = 0.02
PIVOT_TOP = 3
# Whether the pivot and the listings' own headings count the goods names by meaning (`matching.hs` GOODS_WEIGHT).
# Measured on the tune half (bench/search_calibrate.py --quick --pivot-goods yes --floors 0.43 0.5 ... 1.4): the
# pivot with them reaches P@5 / R@10 0.754 / 0.963 at best (floors 0.43-0.6), without them 0.754 / 0.971. Off.
PIVOT_GOODS = False
# Whether the pivot also weighs the heading classifier of the goods names (`matching.hs_classifier`), reading the
# query as a goods name (its vector), and the floor and margin the pivot then takes on that score scale (the
# classifier adds up to 0.1 x 13.8). Floor chosen on the tune half (bench/search_calibrate.py --quick
# --pivot-classifier yes: floors 1.4-1.8 tie with the pivot without it); off because the held-out sets lose more
# than they gain (held-out 14 R@10 0.908 -> 0.862, held-out 5 0.861 -> 0.874; docs/benchmarks.md).
PIVOT_CLASSIFIER = False
PIVOT_CLASSIFIER_FLOOR = 1.8
PIVOT_CLASSIFIER_MARGIN = 0.02
# Whether the query's words count next to its meaning (an `HsInferrer` with `search.hs_words`, as the app's is):
# on the tune half the floor and margin above stay the best with them (bench/search_calibrate.py --quick
# --pivot-words 0.5), and P@5 / R@10 rise from 0.669 / 0.874 to 0.685 / 0.893 (docs/benchmarks.md).
PIVOT_WORDS = True
# Whether a query naming a broad field ("продукты питания", "стройматериалы") also pivots on the HS chapters and
# headings the field is made of (`search.synonyms.Thesaurus.codes_named`, the `hs` lines of search/data).
CATEGORY_CODES = True
# A listing without codes is also indexed under the headings it points to itself (`document_headings`), so that
# the pivot reaches it: the matcher keeps a guess only far above the runner-up (`matching.store.
# HS_INFER_MIN_MARGIN`, for matching), which leaves most uncoded listings out of the pivot. Chosen on the tune half
# of the dev queries (bench/search_calibrate.py --doc-guesses): P@5 / R@10 0.692 / 0.889 without -> 0.700 / 0.905
# with floor 0.35; chosen again after the heading names in tr/de/zh/mn (search.hs_words) joined the word scores:
# floor 0.3 -> 0.700 / 0.926 (0.35 -> 0.918, 0.15-0.25 -> 0.692 / 0.926); top 1 loses recall at every floor.
# Requiring a guess to be among the 5-20 best headings by meaning alone (fewer wrong guesses on the coded dev
# listings) lost the recall gain: not kept.
GUESS_FLOOR = 0.3
GUESS_MARGIN = 0.05
GUESS_TOP = 2


class Guess(Protocol):
    code: str
    score: float


class Inferrer(Protocol):
    def infer(self, vector: np.ndarray, top: int = 3, text: str | None = None, goods: bool = True,
              name: np.ndarray | None = None) -> Sequence[Guess]: ...  # `name` asked for with PIVOT_CLASSIFIER only


def pivot_headings(
    inferrer: Inferrer, q: str, vector: Sequence[float] | None,
    floor: float | None = None, margin: float | None = None, top: int = PIVOT_TOP, words: bool | None = None,
) -> list[str]:
    """The 4-digit headings a text query points to, best first; [] for an empty or HS-code query, no vector,
    or when no heading is close enough (a query about services or about nothing in the nomenclature). `floor`
    and `margin` default to those of the score scale in use (`PIVOT_CLASSIFIER`)."""
    if vector is None or not q.strip() or hs_query(q):
        return []
    text = q if (PIVOT_WORDS if words is None else words) else None
    vector = np.asarray(vector, dtype=np.float32)
    name, scale = ({"name": vector}, (PIVOT_CLASSIFIER_FLOOR, PIVOT_CLASSIFIER_MARGIN)) if PIVOT_CLASSIFIER else (
        {}, (PIVOT_FLOOR, PIVOT_MARGIN))
    guesses = inferrer.infer(vector, top=top, text=text, goods=PIVOT_GOODS, **name)
    return _near_best(guesses, scale[0] if floor is None else floor, scale[1] if margin is None else margin)


def category_codes(thesaurus: Thesaurus, q: str) -> list[str]:
    """The HS chapters and headings of the broad field `q` is about, to pivot on next to `pivot_headings`: the
    nomenclature groups a field's goods whatever their listings call them. Only when the field's name is all the
    query says, but for countries ("сельхозпродукция в Иран"): in "food distributor" or "tekstil makineleri" the
    field only qualifies what is sought. [] for an HS-code query or when `CATEGORY_CODES` is off."""
    if not CATEGORY_CODES or not q.strip() or hs_query(q):
        return []
    named = [(start, end, concept) for start, end, concept in thesaurus.matches(q) if concept in thesaurus.hs]
    covered = {i for start, end, _ in named for i in range(start, end)}
    if not named or any(i not in covered and not country_codes(w) for i, w in enumerate(query_words(q))):
        return []
    return thesaurus.codes_of(concept for _, _, concept in named)


def with_category_codes(headings: Sequence[str], thesaurus: Thesaurus, q: str) -> list[str]:
    """The query's pivot as the app sends it: the headings its meaning points to, then its field's codes."""
    return list(dict.fromkeys([*headings, *category_codes(thesaurus, q)]))


def _near_best(guesses: Sequence[Guess], floor: float, margin: float) -> list[str]:
    """4-digit headings of the guesses (best first) that reach `floor` and stand within `margin` of the best;
    [] when even the best is under the floor."""
    if not guesses or guesses[0].score < floor:
        return []
    best = guesses[0].score
    return list(dict.fromkeys(g.code[:4] for g in guesses if g.score >= floor and g.score >= best - margin))


class BatchInferrer(Protocol):
    def infer_many(self, vectors: np.ndarray, top: int = 3, texts: Sequence[str] | None = None, goods: bool = True
                   ) -> Sequence[Sequence[Guess]]: ...


def document_headings(
    inferrer: BatchInferrer, texts: Sequence[str], vectors: Sequence[Sequence[float]],
    floor: float = GUESS_FLOOR, margin: float = GUESS_MARGIN, top: int = GUESS_TOP,
) -> list[list[str]]:
    """Per listing, the 4-digit headings it points to by its vector's meaning and the words of its text (the
    app passes the title: on the coded dev listings the title's words put the right heading first more often
    than the whole text's), as the pivot scores queries, best first; [] for an empty text or when no heading
    reaches `floor` (services, vague requests). One matrix product for the batch."""
    if not len(texts):
        return []
    guesses = inferrer.infer_many(np.asarray(vectors, dtype=np.float32), top=top, texts=list(texts),
                                  goods=PIVOT_GOODS)
    return [_near_best(row, floor, margin) if text.strip() else [] for text, row in zip(texts, guesses, strict=True)]
