import numpy as np
import pytest

from matching import hs
from matching.hs import HsInferrer
from search.hs_words import GoodsIndex, GoodsSpelling, HeadingWords
from tests.matching.test_hs import Counting


@pytest.fixture(scope="module")
def heading_words():
    return HeadingWords(index_weight=0, spelling_weight=0)


def _best(heading_words, text, n=3):
    row = heading_words.scores([text])[0]
    return [heading_words.headings[i] for i in np.argsort(-row, kind="stable")[:n]], row


@pytest.mark.parametrize("text, heading", [
    ("Нут сушёный", "0713"),          # Russian: "Овощи бобовые сушеные ... нут"
    ("chickpeas", "0713"),
    ("Катодная медь", "7403"),        # "Медь рафинированная ... катоды"
    ("Портландцемент", "2523"),
    ("бидай ұны", "1101"),            # Kazakh: wheat flour
])
def test_a_heading_that_names_the_goods_holds_their_words(heading_words, text, heading):
    row = heading_words.scores([text])[0]
    assert row[heading_words.headings.index(heading)] == pytest.approx(row.max())
    assert row.max() > 0


@pytest.mark.parametrize("text, heading", [
    ("buğday unu", "1101"),           # Turkish
    ("Weizenmehl", "1101"),           # German
    ("面粉", "1101"),                  # Chinese, by character bigrams
    ("буудайн гурил", "1101"),        # Mongolian
])
def test_names_in_the_other_languages_users_write_in_add_their_words(heading_words, text, heading):
    row = heading_words.scores([text])[0]
    assert row.max() > 0 and row[heading_words.headings.index(heading)] == pytest.approx(row.max())
    # the en/ru/kk names alone hold none of them
    assert not HeadingWords(langs=(), index_weight=0, spelling_weight=0).scores([text]).any()


def test_rare_words_weigh_more_than_common_ones(heading_words):
    # "прочие" (other) names hundreds of headings, "нут" a few: a heading holding only "прочие" scores low
    best, row = _best(heading_words, "прочие нут")
    other_only = [i for i, h in enumerate(heading_words.headings) if h == "8479"]
    assert row[heading_words.headings.index("0713")] > 0.5 > row[other_only[0]]


def test_words_no_heading_holds_are_left_out_and_empty_texts_score_nothing(heading_words):
    scores = heading_words.scores(["", "xqzv", "xqzv пшеница"])
    assert not scores[0].any() and not scores[1].any()
    assert scores[2].max() == pytest.approx(1.0)  # "xqzv" carries no weight: the share is of "пшеница" alone


def test_columns_follow_the_callers_headings(heading_words):
    scores = heading_words.scores(["пшеница"], ["1001", "9999", "2523"])
    assert scores.shape == (1, 3) and scores[0, 0] == pytest.approx(1.0) and scores[0, 1] == 0 == scores[0, 2]


def test_the_inferrer_adds_word_scores_only_when_it_has_the_text(tmp_path, heading_words):
    embedder = Counting()
    plain = HsInferrer(embedder, tmp_path)
    worded = HsInferrer(embedder, tmp_path, words=heading_words, word_weight=0.2)
    text = "Катодная медь"
    vector = embedder.embed_queries([text])[0]
    headings, base = plain.heading_scores(vector[None])
    _, without_text = worded.heading_scores(vector[None])
    _, with_text = worded.heading_scores(vector[None], [text])
    np.testing.assert_allclose(without_text, base)
    expected = base + 0.2 * heading_words.scores([text], headings)
    np.testing.assert_allclose(with_text, expected, rtol=1e-5, atol=1e-6)
    assert worded.infer_text(text, top=1)[0].code == headings[int(np.argmax(with_text[0]))]  # the text goes along


@pytest.fixture
def small_index(monkeypatch):
    entries = [("3214", "ru", "пена монтажная"), ("3921", "ru", "пенопласт листовой"),
               ("8704", "ru", "самосвал"), ("8704", "en", "dump truck"), ("8705", "ru", "автокран"),
               ("8705", "ru", "машина подметальная"), ("8479", "ru", "машина для смешивания")]
    monkeypatch.setattr(hs, "goods_index", lambda: entries)
    return GoodsIndex()


def test_a_text_naming_a_goods_of_the_index_scores_its_heading(small_index):
    row = small_index.scores(["Пена монтажная полиуретановая"])[0]
    assert small_index.headings[int(np.argmax(row))] == "3214"
    # "полиуретановая", which no name holds, still weighs (UNKNOWN_WORDS of the rarest word's weight): the name
    # explains less than the whole text
    assert 0.5 < row.max() < 1
    both = small_index.scores(["пена монтажная, пенопласт листовой"], ["3214", "3921"])[0]
    assert 0 < both[0] < 1 and 0 < both[1] < 1  # each name is held whole but explains half of the text
    assert small_index.scores(["самосвалы"], ["8704", "3214"])[0].tolist() == [1.0, 0.0]  # by stem
    assert small_index.scores(["dump truck"], ["8704"])[0, 0] == pytest.approx(1.0)


def test_a_name_held_in_part_scores_less_than_a_name_held_whole(small_index):
    whole, part = small_index.scores(["машина подметальная"], ["8705", "8479"])[0]
    assert whole == pytest.approx(1.0) and 0 < part < whole


def test_texts_naming_nothing_of_the_index_score_nothing(small_index):
    assert not small_index.scores(["", "пшеница мягкая"]).any()


def test_heading_words_add_the_index_with_its_weight(small_index):
    text = "пена монтажная"
    plain = HeadingWords(index_weight=0, spelling_weight=0)
    indexed = HeadingWords(index_weight=0.7, spelling_weight=0)
    expected = plain.scores([text]) + 0.7 * small_index.scores([text], plain.headings)
    np.testing.assert_allclose(indexed.scores([text]), expected, rtol=1e-6)


def test_words_no_name_holds_lower_the_share_a_name_explains(small_index):
    # a typo's one known word ("oil" of "sunflowr oil") must not explain the whole text
    alone, with_unknown = small_index.scores(["самосвал", "самосвал xqzv"], ["8704"])[:, 0]
    assert alone == pytest.approx(1.0) and 0.5 < with_unknown < alone


def test_the_names_a_text_holds_whole_are_its_reasons(small_index):
    assert small_index.named("Самосвалы 25 т, 6x4") == {"8704": "самосвал"}
    assert small_index.named("used dump truck") == {"8704": "dump truck"}
    assert small_index.named("машина") == {}  # held in part only: no reason


def test_a_russian_word_meets_its_forms_without_the_fleeting_vowel(monkeypatch):
    # "ковер" / "ковры", "перец" / "перца": the stemmer gives two stems, the name and the text meet by either
    entries = [("5704", "ru", "войлочный ковер"), ("8449", "ru", "машина для производства войлочных ковров"),
               ("0904", "ru", "перец черный молотый")]
    monkeypatch.setattr(hs, "goods_index", lambda: entries)
    index = GoodsIndex()
    felt, machine = index.scores(["войлочные ковры"], ["5704", "8449"])[0]
    assert felt == pytest.approx(1.0) and machine < felt  # the carpets themselves, not the machine making them
    assert index.named("Продаём войлочные ковры ручной работы") == {"5704": "войлочный ковер"}
    assert index.scores(["молотого черного перца"], ["0904"])[0, 0] == pytest.approx(1.0)


@pytest.fixture(scope="module")
def spelling():
    return GoodsSpelling()


@pytest.mark.parametrize("text, heading", [
    ("подшипниктер", "8482"),      # Kazakh plural of the trade word "подшипник"
    ("тоңазытқыштар", "8418"),     # Kazakh plural: refrigerators
    ("гидроцилиндрлер", "8412"),   # Kazakh plural of "гидроцилиндр"
])
def test_inflected_goods_names_meet_their_heading_by_spelling(spelling, text, heading):
    # Snowball has no Kazakh stemmer: the word forms of the goods index meet none of these words
    assert not GoodsIndex().scores([text]).any()
    row = spelling.scores([text])[0]
    assert spelling.headings[int(np.argmax(row))] == heading and row.max() > 0.6


def test_spelling_scores_nothing_for_texts_with_no_known_letter_runs(spelling):
    assert not spelling.scores(["", "xqzv"]).any()
    assert spelling.scores([]).shape == (0, len(spelling.headings))
    assert spelling.scores(["подшипниктер"], ["8482", "9999"])[0, 1] == 0  # an unknown heading's column


def test_heading_words_add_the_spelling_with_its_weight(spelling):
    texts = ["подшипниктер", "Пшеница мягкая"]
    plain, spelt = HeadingWords(spelling_weight=0), HeadingWords(spelling_weight=0.6)
    expected = plain.scores(texts) + 0.6 * spelling.scores(texts, plain.headings)
    np.testing.assert_allclose(spelt.scores(texts), expected, rtol=1e-5, atol=1e-6)
