"""A listing's own text, as the index reads it."""
from __future__ import annotations

import pytest

from search.countries import country_token
from search.documents import index_text, own_text_matches, validate


def listing(**fields):
    return validate({"id": "opportunity:7", "ref": "o-007", "title": "Горный мёд", "description": "Бочки по 300 кг",
                     "company_name": "Urumqi Wool Trade", "sectors": ["wool"], "countries": ["CN"],
                     "language": "ru", **fields})


@pytest.mark.parametrize("term", ["горный", "мед", "бочки", "007", country_token("CN")])
def test_a_listings_own_text_holds_its_title_description_ref_and_countries(term):
    doc = listing()
    assert term in index_text(doc).terms()
    assert own_text_matches(doc, {term})  # "мед": "мёд" folded, as the index writes it


@pytest.mark.parametrize("term", ["wool", "urumqi"])
def test_a_listings_own_text_leaves_its_owner_out(term):
    doc = listing()
    assert term in index_text(doc).terms()  # the owner's sectors and name are in the listing's index text
    assert not own_text_matches(doc, {term})


def test_a_prefix_matches_the_start_of_an_own_word():
    assert own_text_matches(listing(), set(), ("боч",))
    assert not own_text_matches(listing(), set(), ("woo",))


def test_a_kazakh_listings_own_text_is_read_with_kazakh_stems():
    """"машиналарын" has no Kazakh letter: it is stemmed as Kazakh ("машина") in a Kazakh listing only, as the
    index does (`search.kazakh.IN_KAZAKH_TEXT`)."""
    title = "Ауыл шаруашылығы машиналарын сатамыз"
    assert own_text_matches(listing(title=title, language="kk"), {"машина"})
    assert not own_text_matches(listing(title=title, language="ru"), {"машина"})
