"""From a query vector to HS pivot headings (search.pivot), with a stand-in inferrer."""
from __future__ import annotations

import pytest

from matching.hs import HsGuess
from search import pivot
from search.base import InvalidQuery, SearchQuery
from search.pivot import PIVOT_FLOOR, category_codes, document_headings, pivot_headings
from search.synonyms import Thesaurus


class FakeInferrer:
    def __init__(self, guesses):
        self.guesses = guesses
        self.calls = 0

    def infer(self, vector, top=3, text=None, goods=True):
        self.calls += 1
        self.text, self.goods = text, goods
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


def test_the_pivot_asks_for_the_scores_its_floors_were_chosen_on():
    """The floors were chosen without the goods names by meaning (PIVOT_GOODS): the pivot and the listings' own
    headings ask the inferrer for scores without them."""
    inferrer = FakeInferrer([HsGuess("0713", 0.9)])
    pivot_headings(inferrer, "nohut", [0.1])
    batch = FakeBatchInferrer({"Nohut": [HsGuess("0713", 0.6)]})
    document_headings(batch, ["Nohut"], [[0.1]])
    assert inferrer.goods is False and batch.goods is False


class NamingInferrer(FakeInferrer):
    def infer(self, vector, top=3, text=None, goods=True, name=None):
        self.name = name
        return super().infer(vector, top, text, goods)


def test_with_the_classifier_the_query_is_read_as_a_goods_name_on_its_own_scale(monkeypatch):
    """PIVOT_CLASSIFIER: the query's vector goes along as the goods name's, and the floor and margin are those
    chosen on the classifier's score scale; off, the inferrer is asked as before."""
    guesses = [HsGuess("0713", pivot.PIVOT_CLASSIFIER_FLOOR + 0.01), HsGuess("1202", PIVOT_FLOOR + 0.5)]
    inferrer = NamingInferrer(guesses)
    monkeypatch.setattr(pivot, "PIVOT_CLASSIFIER", True)
    assert pivot_headings(inferrer, "nohut", [0.1, 0.2]) == ["0713"]
    assert list(inferrer.name) == pytest.approx([0.1, 0.2])
    monkeypatch.setattr(pivot, "PIVOT_CLASSIFIER", False)
    plain = FakeInferrer(guesses)  # no `name` argument: the switch off asks exactly as before
    assert pivot_headings(plain, "nohut", [0.1, 0.2], margin=1.0) == ["0713", "1202"]


@pytest.mark.parametrize(("q", "vector"), [("", [0.1]), ("   ", [0.1]), ("1101", [0.1]), ("flour", None)])
def test_no_pivot_without_words_or_vector(q, vector):
    inferrer = FakeInferrer([HsGuess("1101", 0.99)])
    assert pivot_headings(inferrer, q, vector) == []
    assert inferrer.calls == 0


class FakeBatchInferrer:
    """Headings by a word of the text; the texts it was given are kept."""

    def __init__(self, by_word):
        self.by_word = by_word
        self.texts = None

    def infer_many(self, vectors, top=3, texts=None, goods=True):
        self.texts, self.goods = texts, goods
        assert len(vectors) == len(texts)
        return [next((g for w, g in self.by_word.items() if w in t), [HsGuess("9999", 0.05)])[:top] for t in texts]


def test_document_headings_per_listing_in_one_batch():
    inferrer = FakeBatchInferrer({
        "Nohut": [HsGuess("0713", 0.60), HsGuess("0713", 0.58), HsGuess("1202", 0.57)],
        "flour": [HsGuess("1101", 0.50), HsGuess("1102", 0.47), HsGuess("1904", 0.30)],
    })
    texts = ["Nohut 8 mm", "Wheat flour", "IT outsourcing", "  "]
    heads = document_headings(inferrer, texts, [[0.1, 0.2]] * 4, floor=0.4, margin=0.05, top=3)
    # a heading counts once; the runner-up within the margin stays; nothing under the floor; no text, nothing
    assert heads == [["0713", "1202"], ["1101", "1102"], [], []]
    assert inferrer.texts == texts  # the words are weighed along with the meaning
    assert document_headings(inferrer, texts[:2], [[0.1, 0.2]] * 2, floor=0.4, margin=0.0, top=3) == [
        ["0713"], ["1101"]]
    assert document_headings(inferrer, [], []) == []


@pytest.mark.parametrize("codes", [["7"], ["0713x"], ["1234567"], [""]])
def test_query_rejects_malformed_pivot_codes(codes):
    with pytest.raises(InvalidQuery):
        SearchQuery(q="x", hs_pivot=codes)


def test_a_query_naming_a_broad_field_pivots_on_its_codes(monkeypatch):
    fields = Thesaurus({"food": ["food products", "продукты питания"]}, hs={"food": ["01", "24", "0401"]})
    assert category_codes(fields, "продукты питания") == ["01", "24", "0401"]
    assert category_codes(fields, "food products to Iran") == ["01", "24", "0401"]  # stopwords and countries aside
    assert category_codes(fields, "food products distributor") == []  # the field only qualifies what is sought
    assert category_codes(fields, "copper") == []
    assert category_codes(fields, "0401") == []  # an HS-code query is its own pivot
    monkeypatch.setattr(pivot, "CATEGORY_CODES", False)
    assert category_codes(fields, "food products") == []
