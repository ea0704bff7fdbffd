from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from matching.certificates import certificates, requirement_fit
from matching.scoring import combine, freshness, hs_signals, market_fit, overlap, pair_signals, semantic_scores


def test_semantic_scores_follow_the_rank_within_the_candidate_set():
    reference = np.array([0.80, 0.81, 0.82, 0.83, 0.90], dtype=np.float32)
    scores = semantic_scores(reference, reference)
    assert np.all(np.diff(scores) > 0)
    assert 0.0 <= scores.min() and scores.max() <= 1.0


def test_semantic_scores_ignore_the_absolute_level_of_cosines():
    low = np.array([0.1, 0.2, 0.3], dtype=np.float32)
    assert semantic_scores(low, low) == pytest.approx(semantic_scores(low + 0.6, low + 0.6), abs=1e-5)


def test_hs_agreement_levels_and_inferred_codes_count_half():
    values, shared, inferred = hs_signals({"hs_codes": ["110100"]}, {"hs_codes": ["1101"]})
    assert values == {"hs6": 0.0, "hs4": 1.0, "hs2": 0.0} and shared == (4, "1101") and not inferred
    values, shared, inferred = hs_signals({"hs_codes": ["100199"]}, {"hs_codes": [], "hs_inferred": ["1001"]})
    assert values["hs4"] == 0.5 and inferred
    values, _, _ = hs_signals({"hs_codes": ["1001"]}, {"hs_codes": ["1101"]})
    assert sum(values.values()) == 0.0


def test_market_fit_compares_request_country_with_offer_targets():
    assert market_fit({"countries": ["TR"]}, {"countries": ["TR", "IR"]}) == (1.0, ["TR"])
    assert market_fit({"countries": ["DE"]}, {"countries": ["TR"]}) == (0.0, [])
    assert market_fit({"countries": []}, {"countries": ["TR"]})[0] == 0.5
    # a request without countries falls back to its company's country
    assert market_fit({"company_country": "TR"}, {"countries": ["TR"]}) == (1.0, ["TR"])


def test_overlap_is_case_insensitive():
    assert overlap(["RU", "en"], ["ru", "de"]) == ["ru"]


def test_freshness_halves_every_ninety_days():
    now = datetime(2026, 1, 1, tzinfo=UTC)
    assert freshness(now, now) == pytest.approx(1.0)
    assert freshness((now - timedelta(days=90)).isoformat(), now) == pytest.approx(0.5)
    assert freshness(None) == 0.5


def test_certificates_are_found_across_languages():
    assert certificates("EU-organic honey") == {"organic"}
    assert "halal" in certificates("Говядина халал")
    assert "gots" in certificates("GOTS certified yarn")
    assert requirement_fit({"organic", "halal"}, {"halal"}) == 0.5
    assert requirement_fit(set(), {"halal"}) == 1.0


def test_pair_signals_orient_request_and_offer_and_combine_weights():
    request = {"kind": "request", "countries": ["CN"], "hs_codes": ["1101"], "company_languages": ["ru"],
               "_certs": {"halal"}}
    offer = {"kind": "offer", "countries": ["CN"], "hs_codes": ["110100"], "company_languages": ["RU", "en"],
             "_certs": set(), "is_verified": True}
    for query, cand in ((request, offer), (offer, request)):
        signals = pair_signals(query, cand, semantic=0.7)
        assert signals.values["market"] == 1.0 and signals.markets == ["CN"]
        assert signals.values["certificates"] == 0.0
        assert signals.languages == ["ru"]
    values = pair_signals(request, offer, semantic=0.7).values
    assert combine(values, {"semantic": 2.0, "hs4": 1.0}) == pytest.approx(2.4)
