"""Chapter and heading names in Turkish, German, Chinese and Mongolian (matching/data/hs2022_names_*.tsv): the
files, and that they only add words (search.hs_words), never interface names or embedded rows."""
import re

import pytest

from matching import hs
from tests.matching.test_hs_russian import data_rows

CODES = sorted(c for c in hs.codes() if len(c) in (2, 4) and not c.startswith("99"))
SCRIPT = {
    "tr": re.compile(r"^[^\u0400-\u04ff\u4e00-\u9fff]*[a-zçğıöşü]", re.I),
    "de": re.compile(r"^[^\u0400-\u04ff\u4e00-\u9fff]*[a-zäöüß]", re.I),
    "zh": re.compile(r"[\u4e00-\u9fff]"),
    "mn": re.compile(r"[а-яёөү]", re.I),
}


@pytest.mark.parametrize("lang", hs.WORD_LANGS)
def test_the_file_names_every_chapter_and_heading_once_in_its_language(lang):
    path = hs.WORD_NAMES[lang]
    assert path.read_text(encoding="utf-8").startswith("# ")
    rows = data_rows(path)
    assert [code for code, _ in rows] == CODES
    assert all(text and text == text.strip() and SCRIPT[lang].search(text) for _, text in rows)
    names = hs.word_names(lang)
    assert len(names) == len(CODES) and names["0713"] == dict(rows)["0713"]


def test_an_unknown_language_has_no_names():
    assert hs.word_names("xx") == {}


@pytest.mark.parametrize("lang", hs.WORD_LANGS)
def test_the_names_are_neither_shown_nor_embedded(lang):
    assert hs.name("1001", lang) == hs.describe("1001")  # the interface speaks kk, ru and en
    assert not any(key.endswith(f":{lang}") for key in hs.nomenclature_texts())
