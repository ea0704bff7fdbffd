import numpy as np
import pytest

from matching.engine import Match, Matcher
from matching.reasons import CODES, Reason
from matching.vectors import Embedding


@pytest.fixture
def matcher(embedder, market):
    m = Matcher(embedder)
    m.upsert_many(market)
    return m


def ids(matches):
    return [m.id for m in matches]


def test_request_gets_offers_of_other_companies_that_are_published(matcher):
    found = matcher.match_opportunity(1)
    assert ids(found)[0] == 2
    # never own company (3), closed (4), hidden (6), same kind (7), itself (1)
    assert set(ids(found)) == {2, 5}
    assert all(isinstance(m, Match) and m.type == "opportunity" for m in found)
    assert found[0].score > found[1].score


def test_dismissed_listings_are_never_returned(matcher):
    assert 2 not in ids(matcher.match_opportunity(1, dismissed={2}))


def test_limit(matcher):
    assert len(matcher.match_opportunity(1, limit=1)) == 1


def test_offer_gets_requests(matcher):
    assert ids(matcher.match_opportunity(2)) == [1, 7] or set(ids(matcher.match_opportunity(2))) == {1, 7}


def test_reasons_explain_the_best_match(matcher):
    best = matcher.match_opportunity(1)[0]
    reasons = {r.code: r for r in best.reasons}
    assert reasons["same_hs"].params["code"] == "1101"
    assert reasons["same_hs"].params["name"] == "Wheat or meslin flour"
    assert reasons["target_market"].params["countries"] == ["CN"]
    assert reasons["shared_languages"].params["languages"] == ["ru"]
    phrase = reasons["similar_text"].params["candidate_phrase"]
    assert phrase in "Wheat flour first grade. Mill offers wheat flour, first grade, 50 kg bags."
    assert all(r.describe() and not r.describe().replace(".", "").isdigit() for r in best.reasons)
    assert best.to_dict()["reasons"][0]["code"] == best.reasons[0].code


def test_liked_feedback_lifts_similar_candidates(matcher):
    neutral = {m.id: m.score for m in matcher.match_opportunity(1)}
    lifted = {m.id: m.score for m in matcher.match_opportunity(1, liked={2})}
    assert lifted[2] > neutral[2]


def test_only_changed_texts_are_re_embedded(embedder, market):
    first = Matcher(embedder)
    first.upsert_many(market)
    stored = first.ensure_embedded()
    assert len(stored) == len(market) and first.ensure_embedded() == {}

    embedder.seen.clear()
    second = Matcher(embedder)
    changed = dict(market[1], description="Mill offers wheat flour in 25 kg bags now.")
    second.upsert_many([changed, *market[2:], market[0]], stored)
    second.match_opportunity(1)
    assert any("25 kg bags now" in t for t in embedder.seen)
    assert not any("DAP Urumqi" in t for t in embedder.seen)  # unchanged: stored vector reused
    assert set(second.ensure_embedded()) == {("opportunity", 2)}


def test_a_new_model_re_embeds(embedder, market):
    stale = Embedding("some-other-model", "x", np.zeros((1, embedder.dim), np.float32))
    m = Matcher(embedder)
    m.upsert(market[0], stale)
    assert set(m.ensure_embedded()) == {("opportunity", 1)}


def test_embedding_round_trips_through_bytes(matcher):
    emb = next(iter(matcher.ensure_embedded().values()))
    back = Embedding.from_bytes(emb.model_id, emb.text_hash, emb.to_bytes())
    assert np.array_equal(back.vectors, emb.vectors)


def test_removed_listing_is_no_longer_matched(matcher):
    matcher.remove(2)
    assert 2 not in ids(matcher.match_opportunity(1))


def test_status_change_hides_a_listing(matcher, market):
    matcher.upsert(dict(market[1], status="closed"))
    assert 2 not in ids(matcher.match_opportunity(1))


def test_company_gets_partner_companies_and_opportunities_not_its_own(matcher):
    found = matcher.match_company("mill")
    kinds = {(m.type, m.id) for m in found}
    assert ("company", "buyer") in kinds
    assert ("opportunity", 1) in kinds
    assert all(m.id not in (2, "mill") for m in found)
    assert all(m.id != 1 for m in matcher.match_company("mill", dismissed={("opportunity", 1)}))


def test_company_and_opportunity_ids_may_overlap(embedder, market):
    m = Matcher(embedder)
    m.upsert_many([*market, dict(market[7], id=1, company_id=1)])
    assert m.get(1)["type"] == "opportunity" and m.get(1, "company")["type"] == "company"


class StubInferrer:
    """Always guesses flour (1101) far ahead of the runner-up."""

    def infer_many(self, vectors, top=3):
        from matching.hs import HsGuess

        return [[HsGuess("1101", 0.9), HsGuess("1001", 0.5)][:top] for _ in vectors]


def test_listings_without_codes_get_inferred_headings_that_are_explained(embedder, market):
    m = Matcher(embedder, hs_inferrer=StubInferrer())
    m.upsert_many(market)
    assert m.inferred_hs()[("opportunity", 7)] == ["1101"]
    assert ("opportunity", 1) not in m.inferred_hs()  # explicit codes are kept as given
    best = next(x for x in m.match_opportunity(2) if x.id == 7)
    same_hs = next(r for r in best.reasons if r.code == "same_hs")
    assert same_hs.params["inferred"] and "inferred" in same_hs.describe()


class WordsInferrer:
    """Weighs words like the app's inferrer; flour leads by a little less than the words' margin unless the
    title names wheat."""

    weighs_words = True

    def __init__(self):
        self.texts = None

    def infer_many(self, vectors, top=3, texts=None):
        from matching.hs import HsGuess
        from matching.store import HS_INFER_WORDS_MARGIN

        self.texts = texts
        return [[HsGuess("1001", 0.9), HsGuess("1101", 0.5)] if "wheat grain" in t.lower() else
                [HsGuess("1101", 0.5 + 0.9 * HS_INFER_WORDS_MARGIN), HsGuess("1001", 0.5)] for t in texts]


def test_an_inferrer_that_weighs_words_gets_the_titles_and_its_own_margin(embedder, market):
    inferrer = WordsInferrer()
    m = Matcher(embedder, hs_inferrer=inferrer)
    grain = dict(market[6], id=70, title="Wheat grain, 3rd class", description="Bags of flour are not offered.")
    m.upsert_many([*market, grain])
    assert m.inferred_hs() == {("opportunity", 70): ["1001"]}  # flour's lead is under the margin
    titles = {x["title"] for x in [*market, grain] if x["type"] == "opportunity" and not x.get("hs_codes")}
    assert "Wheat grain, 3rd class" in inferrer.texts and set(inferrer.texts) <= titles  # not the descriptions


def test_vector_is_unit_length_and_centred(matcher):
    v = matcher.vector(1)
    assert np.linalg.norm(v) == pytest.approx(1.0, abs=1e-5)


def test_a_company_found_through_its_opportunity_cites_it(matcher, market):
    matcher.upsert(dict(market[8], description="General trading house.", sectors=[]))
    for i, text in enumerate(["Wheat flour and bakery flour importer.", "Flour wholesale, wheat flour bags."]):
        matcher.upsert(dict(market[8], id=f"other{i}", company_id=f"other{i}", description=text))
    buyer = next(m for m in matcher.match_company("mill") if m.id == "buyer")
    via = next(r for r in buyer.reasons if r.code == "matching_opportunity")
    assert via.params["id"] == 1 and via.params["title"] == "Wheat flour wanted"


def test_phrases_are_quoted_as_the_owner_typed_them(embedder, market):
    m = Matcher(embedder)
    latin = dict(market[1], title="Bıdai uny 1-sort", language="kk",
                 description="Qostanai dıirmeni bıdai unyn usynady. 50 kg qaptarda.")
    m.upsert_many([market[0], latin])
    reason = next(r for r in m.match_opportunity(1)[0].reasons if r.code == "similar_text")
    typed = "Bıdai uny 1-sort. Qostanai dıirmeni bıdai unyn usynady. 50 kg qaptarda."
    assert reason.params["candidate_phrase"] in typed


@pytest.mark.model
def test_e5_end_to_end_across_russian_kazakh_and_english():
    from matching.embedders import E5Embedder

    def opp(id, company, kind, title, description, language):
        return {"id": id, "type": "opportunity", "kind": kind, "company_id": company, "title": title,
                "description": description, "language": language, "status": "published"}

    m = Matcher(E5Embedder())
    m.upsert_many([
        opp(1, "a", "request", "Куплю пшеничную муку высшего сорта", "Мешки по 50 кг, доставка в Урумчи.", "ru"),
        opp(2, "b", "offer", "Wheat flour, premium grade", "Bakery wheat flour in 50 kg bags, rail to China.", "en"),
        opp(3, "c", "offer", "Bıdai uny joǵary sort", "Qostanai dıirmeni bıdai unyn 50 kg qaptarda usynady.", "kk"),
        opp(4, "d", "offer", "Copper cathodes grade A", "LME-registered copper cathodes, 25 t per lot.", "en"),
        opp(5, "e", "offer", "Мыс катодтары", "Жоғары сапалы мыс катодтары, теміржолмен.", "kk"),
        opp(6, "f", "offer", "Катоды медные", "Медные катоды марки М00к, отгрузка вагонами.", "ru"),
    ])
    found = m.match_opportunity(1)
    assert {x.id for x in found[:2]} == {2, 3}
    assert any(r.code == "similar_text" for r in found[0].reasons)


def test_a_listing_without_a_known_kind_matches_nothing(matcher, market):
    matcher.upsert(dict(market[0], id=99, kind=None))
    matcher.upsert(dict(market[1], id=98, kind=None, company_id="x"))
    assert matcher.match_opportunity(99) == []


def test_unknown_ids_raise_key_error(matcher):
    with pytest.raises(KeyError):
        matcher.match_opportunity(12345)


@pytest.mark.parametrize("reason", [
    Reason("same_hs", {"code": "1101", "level": 4, "level_name": "heading", "name": "Wheat or meslin flour",
                       "inferred": False}),
    Reason("similar_text", {"candidate_phrase": "Wheat flour", "query_phrase": "Мука пшеничная"}),
    Reason("target_market", {"countries": ["CN", "UZ"]}),
    Reason("certificates", {"certificates": ["halal"]}),
    Reason("shared_languages", {"languages": ["kk", "ru"]}),
    Reason("same_sector", {"sectors": ["grain"]}),
    Reason("matching_opportunity", {"id": 1, "ref": "o-1", "title": "Wheat flour wanted"}),
    Reason("verified"),
    Reason("recent", {"days": 30}),
])
def test_every_reason_code_has_an_english_sentence(reason):
    assert reason.code in CODES
    sentence = reason.describe()
    assert sentence != reason.code and any(ch.isalpha() for ch in sentence)
