"""From a query vector to HS pivot headings (search.pivot), with a stand-in inferrer."""
from __future__ import annotations

import pytest

from matching.hs import HsGuess
from search.base import InvalidQuery, SearchQuery
from search.pivot import PIVOT_FLOOR, pivot_headings


class FakeInferrer:
    def __init__(self, guesses):
        self.guesses = guesses
        self.calls = 0

    def infer(self, vector, top=3, text=None):
        self.calls += 1
        self.text = text
        return self.guesses[:top]


def test_headings_close_to_the_best_one_are_kept():
    inferrer = FakeInferrer([HsGuess("0713", 0.90), HsGuess("1202", 0.89), HsGuess("0909", 0.87)])
    assert pivot_headings(inferrer, "chickpeas", [0.1, 0.2], floor=0.85, margin=0.02) == ["0713", "1202"]
    assert pivot_headings(inferrer, "chickpeas", [0.1, 0.2], floor=0.85, margin=0.0) == ["0713"]
    assert pivot_headings(inferrer, "chickpeas", [0.1, 0.2], floor=0.88, margin=0.05) == ["0713", "1202"]


def test_no_heading_under_the_floor():
    inferrer = FakeInferrer([HsGuess("8523", PIVOT_FLOOR - 0.01)])
    assert pivot_headings(inferrer, "IT outsourcing", [0.1, 0.2]) == []


def test_the_query_words_go_along_unless_told_otherwise():
    inferrer = FakeInferrer([HsGuess("0713", 0.9)])
    pivot_headings(inferrer, "nohut", [0.1])
    assert inferrer.text == "nohut"  # PIVOT_WORDS: the inferrer weighs the nomenclature's words with the meaning
    pivot_headings(inferrer, "nohut", [0.1], words=False)
    assert inferrer.text is None


@pytest.mark.parametrize(("q", "vector"), [("", [0.1]), ("   ", [0.1]), ("1101", [0.1]), ("flour", None)])
def test_no_pivot_without_words_or_vector(q, vector):
    inferrer = FakeInferrer([HsGuess("1101", 0.99)])
    assert pivot_headings(inferrer, q, vector) == []
    assert inferrer.calls == 0


@pytest.mark.parametrize("codes", [["7"], ["0713x"], ["1234567"], [""]])
def test_query_rejects_malformed_pivot_codes(codes):
    with pytest.raises(InvalidQuery):
        SearchQuery(q="x", hs_pivot=codes)
