"""The goods index to the HS headings (matching/data/hs2022_goods_index.tsv): the file, and what it adds to the
word scores of the HS suggestions (search.hs_words)."""
import numpy as np
import pytest

from matching import hs
from search.hs_words import GoodsIndex, HeadingWords

HEADINGS = {c for c in hs.codes() if len(c) == 4 and not c.startswith("99")}


def data_rows() -> list[list[str]]:
    lines = hs.GOODS_INDEX.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line and not line.startswith("#")]


def test_every_row_names_a_heading_a_language_and_a_goods_once():
    rows = data_rows()
    assert all(len(row) == 3 for row in rows)
    assert {code for code, _, _ in rows} <= HEADINGS
    assert {lang for _, lang, _ in rows} == set(hs.INDEX_LANGS)
    keys = [(code, lang, name.lower()) for code, lang, name in rows]
    assert len(keys) == len(set(keys))
    assert all(name == name.strip() and 0 < len(name.split()) <= 8 for _, _, name in rows)
    assert len(hs.goods_index()) == len(rows)  # the reader drops nothing
    assert hs.GOODS_INDEX.read_text(encoding="utf-8").startswith("# Goods names with the HS 2022 heading")


def test_nearly_every_heading_has_names_in_most_languages():
    by_lang = {lang: {code for code, language, _ in hs.goods_index() if language == lang} for lang in hs.INDEX_LANGS}
    assert len(by_lang["ru"]) >= 0.99 * len(HEADINGS)
    assert len(by_lang["en"]) >= 0.99 * len(HEADINGS)
    assert len(by_lang["kk"]) >= 0.99 * len(HEADINGS)
    assert all(len(by_lang[lang]) >= 0.95 * len(HEADINGS) for lang in ("tr", "de", "zh", "mn"))


@pytest.fixture(scope="module")
def index():
    return GoodsIndex()


@pytest.mark.parametrize("text, heading", [
    ("Тушёнка говяжья высшего сорта", "1602"),       # the heading says "prepared or preserved meat"
    ("пельмени", "1902"),                           # "pasta, stuffed"
    ("Power bank 20000 mAh", "8507"),               # an accumulator
    ("дублёнка", "4303"),                           # an article of furskin
    ("шифер", "6811"),                              # Kazakh and Russian alike: asbestos-cement
    ("nohut", "0713"),                              # Turkish chickpeas
    ("鹰嘴豆", "0713"),                              # Chinese chickpeas, by character bigrams
    ("Weizenmehl Type 550", "1101"),                # German
    ("Шарикті подшипник 6205", "8482"),             # Kazakh with the Russian trade word
    ("Тұрмыстық тоңазытқыш", "8418"),               # Kazakh
])
def test_goods_named_by_their_trade_names_meet_their_heading(index, text, heading):
    row = index.scores([text])[0]
    assert index.headings[int(np.argmax(row))] == heading and row.max() > 0.4


def test_the_heading_names_alone_miss_what_the_index_finds():
    text = "пельмени"
    without = HeadingWords(index_weight=0, spelling_weight=0).scores([text])[0]
    with_index = HeadingWords(index_weight=1.0, spelling_weight=0)
    scores = with_index.scores([text])[0]
    assert with_index.headings[int(np.argmax(scores))] == "1902"
    assert without[with_index.headings.index("1902")] == 0  # no heading or subheading name says "пельмени"


def test_reasons_are_names_in_a_script_of_the_text(index):
    named = index.named("Wheat or meslin flour")
    assert named["1101"] == "wheat flour"
    assert all(not any("а" <= ch <= "я" for ch in name.lower()) for name in named.values())  # not "меслин"
    assert index.named("Самосвал 25 тонн")["8704"] == "самосвал"
