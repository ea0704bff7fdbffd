"""Reasons, quantities, money and dates in the reader's language (kk and ru), not in English."""
from datetime import date

import pytest
from flask_babel import force_locale

from app.formatting import money, quantity
from app.matches.reasons import SENTENCES, reason_text
from matching.reasons import CODES, Reason

NBSP = "\xa0"  # CLDR groups thousands with a no-break space in kk and ru
SAMPLE = {
    "matching_opportunity": {"id": 7, "ref": "o-7", "title": "Wheat flour"},
    "same_hs": {"code": "1101", "level": 4, "level_name": "heading", "name": "Wheat flour", "inferred": True},
    "similar_text": {"candidate_phrase": "wheat flour", "query_phrase": "bidai uny"},
    "target_market": {"countries": ["TR", "UZ"]}, "certificates": {"certificates": ["ISO 22000"]},
    "shared_languages": {"languages": ["kk", "ru"]}, "same_sector": {"sectors": ["grain"]},
    "verified": {}, "recent": {"days": 30},
}


def test_every_reason_code_of_the_matcher_has_a_sentence():
    assert set(CODES) == set(SENTENCES) == set(SAMPLE)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_reasons_are_translated(app, lang):
    with app.test_request_context():
        for code in CODES:
            reason = Reason(code, SAMPLE[code])
            with force_locale("en"):
                english = reason_text(reason)
            with force_locale(lang):
                translated = reason_text(reason)
            assert translated != english, (lang, code, translated)
            assert translated != reason.describe()


@pytest.mark.parametrize("lang, expected", [("kk", "Сәйкес ұсынысы бар: Wheat flour"),
                                            ("ru", "Есть подходящее объявление: Wheat flour")])
def test_matching_opportunity_reason(app, lang, expected):
    with app.test_request_context(), force_locale(lang):
        assert reason_text(Reason("matching_opportunity", SAMPLE["matching_opportunity"])) == expected


@pytest.mark.parametrize("lang, qty, money_text", [
    ("en", "1,500.5 t", "$155,000.00"),
    ("ru", f"1{NBSP}500,5 т", f"155{NBSP}000,00{NBSP}$"),
    ("kk", f"1{NBSP}500,5 т", f"155{NBSP}000,00{NBSP}$"),
])
def test_numbers_and_units_in_the_locale(app, lang, qty, money_text):
    with app.test_request_context(), force_locale(lang):
        assert quantity(1500.5, "t") == qty
        assert money(155000, "USD") == money_text


@pytest.mark.parametrize("lang, unit, day", [("ru", "шт.", "14 окт. 2027"), ("kk", "дана", "2027\u202fж. 14 қаз.")])
def test_listing_page_in_kk_and_ru(client, make_company, make_opportunity, lang, unit, day):
    offer = make_opportunity(make_company(), quantity=12000, unit="pcs", valid_until=date(2027, 10, 14))
    client.get(f"/lang/{lang}")
    page = client.get(f"/opportunities/{offer.id}").get_data(as_text=True)
    assert f"12{NBSP}000 {unit}" in page and day in page
    assert "12000 pcs" not in page
    listing = client.get("/opportunities/").get_data(as_text=True)
    assert f"12{NBSP}000 {unit}" in listing


def test_forum_suggestion_names_common_languages(app):
    from types import SimpleNamespace

    from app.forums.suggestions import _score

    mine = SimpleNamespace(kind="exporter", sectors=[], languages=["kk", "tr"])
    theirs = SimpleNamespace(kind="diaspora", sectors=[], languages=["tr"])
    with app.test_request_context(), force_locale("ru"):
        assert "турецкий" in _score(mine, theirs)[1][-1]


@pytest.mark.parametrize("lang, expected", [("en", "Oct 14, 2027 09:05"), ("ru", "14 окт. 2027\u202fг. 09:05")])
def test_time_stamps_in_the_locale(app, lang, expected):
    from datetime import datetime

    from app.formatting import moment

    with app.test_request_context(), force_locale(lang):
        assert moment(datetime(2027, 10, 14, 9, 5)) == expected
