"""Typo tolerance over a vocabulary of indexed terms, with Meilisearch's rules.

A word of 5-8 letters may carry one typo, 9 or more two; a typo in the first letter counts double
(https://www.meilisearch.com/docs/learn/relevancy/typo_tolerance_settings). Edit distance is rapidfuzz's
Levenshtein, run only over the terms that share the first letter, so a lookup stays well under a millisecond
on a vocabulary of some 10^5 terms.
"""
from __future__ import annotations

from collections import defaultdict

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from matching.text import without_kazakh_letters
from search.analysis import fold_word, has_cyrillic, has_latin, russian_stem, typo_budget


def plain(word: str) -> str:
    """A Cyrillic word as a Russian keyboard types it, ё as е: the spellings that are one word ("қосалқы",
    "косалкы"; "мёд", "мед"), unlike two words that only fold alike ("шины" and "шыны")."""
    return without_kazakh_letters(word).replace("ё", "е")


class Vocabulary:
    """Indexed terms grouped by first letter; grows incrementally as new terms arrive."""

    def __init__(self) -> None:
        self._terms: set[str] = set()
        self._by_first: dict[str, list[str]] = defaultdict(list)
        self._by_tail: dict[str, list[str]] = defaultdict(list)
        # fold -> the Cyrillic terms that fold to it (where the fold differs), and the folds of the Latin terms: what
        # a Cyrillic word's fold would meet (`kin_by_fold`)
        self._by_fold: dict[str, list[str]] = defaultdict(list)
        self._latin_folds: set[str] = set()
        # Russian stem -> the Cyrillic terms that have it: what a Russian word's stem meets (`meeting_stem`)
        self._by_stem: dict[str, list[str]] = defaultdict(list)
        self.last_id = 0

    def __len__(self) -> int:
        return len(self._terms)

    def __contains__(self, term: object) -> bool:
        return term in self._terms

    def add(self, terms: list[str], last_id: int = 0) -> None:
        """Add terms (duplicates ignored) and remember the highest store id seen."""
        for term in terms:
            if term and term not in self._terms:
                self._terms.add(term)
                self._by_first[term[0]].append(term)
                self._by_tail[term[1:]].append(term)
                if has_latin(term):
                    self._latin_folds.add(fold_word(term))
                elif has_cyrillic(term):
                    if (folded := fold_word(term)) != term:
                        self._by_fold[folded].append(term)
                    if stem := russian_stem(term):
                        self._by_stem[stem].append(term)
        self.last_id = max(self.last_id, last_id)

    def kin_by_fold(self, word: str, folded: str) -> bool:
        """Whether the terms a Cyrillic `word` would meet by its fold `folded` hold the same word in another
        spelling: in Latin letters, or typed with Russian letters for Kazakh ones (`plain`); not when they are
        only the word itself or other words that fold alike ("шины", tyres, folds as "шыны", glass, does)."""
        same = plain(word)
        return (folded in self._latin_folds or (folded in self._terms and plain(folded) == same)
                or any(term != word and plain(term) == same for term in self._by_fold.get(folded, ())))

    def meeting_stem(self, stem: str) -> set[str]:
        """The Cyrillic terms that a Russian `stem` meets in the index: those it is the stem or the fold of, and
        the stem itself where the index holds it (as a listing's word, or as another word's stem or fold)."""
        return {*self._by_stem.get(stem, ()), *self._by_fold.get(stem, ()), *([stem] if stem in self._terms else [])}

    def variants(self, word: str, budget: int | None = None) -> dict[str, int]:
        """Indexed terms within the typo budget of `word`, mapped to their typo count (the word itself is 0)."""
        budget = typo_budget(word) if budget is None else budget
        found = {word: 0} if word in self._terms else {}
        if budget == 0:
            return found
        same_first = self._by_first.get(word[0], [])
        for term, dist, _ in process.extract(
            word, same_first, scorer=Levenshtein.distance, score_cutoff=budget, limit=None
        ):
            found.setdefault(term, int(dist))
        if budget >= 2:  # a first-letter typo costs 2, so the rest must be exact
            for term in self._first_letter_typos(word):
                found.setdefault(term, 2)
        return found

    def _first_letter_typos(self, word: str) -> list[str]:
        """Terms that differ from `word` only by its first letter: replaced, dropped or one added in front."""
        replaced = [t for t in self._by_tail.get(word[1:], []) if t != word]
        dropped = [word[1:]] if word[1:] in self._terms else []
        added = self._by_tail.get(word, [])
        return replaced + dropped + added
