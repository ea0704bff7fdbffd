"""Russian and Kazakh heading names (matching/data/hs2022_headings_{ru,kk}.tsv): the files, names in ru and kk,
and the Russian inference rows (Kazakh names are for the interface only)."""
import re

import numpy as np
import pytest

from matching import hs
from matching.hs import HsInferrer
from tests.matching.test_hs import Words

HEADINGS = sorted(c for c in hs.codes() if len(c) == 4 and not c.startswith("99"))


def data_rows(path) -> list[tuple[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if not line.startswith("#")]


@pytest.mark.parametrize(("path", "note"), [(hs.RUSSIAN_HEADINGS, "# Russian names"),
                                            (hs.KAZAKH_HEADINGS, "# Kazakh names")])
def test_the_file_names_every_heading_once(path, note):
    assert_names_every_code_once(path, note, HEADINGS)


def assert_names_every_code_once(path, note, codes) -> list[tuple[str, str]]:
    """Every code once, in code order, named in Cyrillic, the provenance note on top; returns the rows."""
    rows = data_rows(path)
    assert all(len(row) == 2 for row in rows)
    assert [code for code, _ in rows] == codes
    assert all(re.search("[а-яёәғқңөұүһі]", text, re.I) and text == text.strip() for _, text in rows)
    assert path.read_text(encoding="utf-8").startswith(note)
    return rows


def test_kazakh_names_in_the_interface_only():
    assert hs.name("1001", "kk") == "Бидай және меслин"
    assert hs.name("100199", "kk") == hs.kazakh_subheadings()["100199"]
    assert not any(key.endswith(":kk") and key.startswith("4:") for key in hs.nomenclature_texts())


@pytest.fixture
def partial(tmp_path, monkeypatch):
    """A Russian names file that lacks most headings, holds a comment, a blank line and a code that is no heading."""
    path = tmp_path / "ru.tsv"
    rows = ["# a note", "", "1101\tМука пшеничная или из меслина", "0101\tЛошади живые", "9999\tНе позиция",
            "1199\tНет такой"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.setattr(hs, "RUSSIAN_HEADINGS", path)
    monkeypatch.setattr(hs, "RUSSIAN_SUBHEADINGS", tmp_path / "absent.tsv")  # no subheading names either
    hs.russian_headings.cache_clear()
    hs.russian_subheadings.cache_clear()
    yield
    hs.russian_headings.cache_clear()
    hs.russian_subheadings.cache_clear()


def test_a_heading_missing_from_the_file_simply_has_no_russian_row(partial):
    assert hs.russian_headings() == {"1101": "Мука пшеничная или из меслина", "0101": "Лошади живые"}
    texts = hs.nomenclature_texts()
    assert texts["4:1101:ru"] == "Мука пшеничная или из меслина"
    assert sorted(k for k in texts if k.endswith(":ru") and k.startswith("4:")) == ["4:0101:ru", "4:1101:ru"]
    assert "4:1101:ru" not in hs.nomenclature_texts(russian=False)
    assert hs.name("1101", "ru") == "Мука пшеничная или из меслина"
    assert hs.name("110100", "ru") == "Мука пшеничная или из меслина: " + hs.describe("110100")
    assert hs.name("1001", "ru") == "Злаки: Wheat and meslin"  # no Russian name: the chapter's title, as before
    assert hs.name("1101", "kk") == hs.kazakh_headings()["1101"]  # kk names come from their own file


def test_the_russian_row_counts_for_its_own_heading(partial, tmp_path):
    """The Russian row sits in its heading's group: a Russian query finds the heading only through it."""
    embedder = Words()
    with_ru = HsInferrer(embedder, tmp_path, goods_weight=0.0).infer_text("мука пшеничная", top=3)
    without = HsInferrer(embedder, tmp_path, russian=False, goods_weight=0.0).infer_text("мука пшеничная", top=3)
    assert with_ru[0].code == "1101" and "1101" not in [g.code for g in without]


def test_the_nomenclature_keeps_one_group_per_heading():
    texts = hs.nomenclature_texts()
    assert sum(k.startswith("4:") and k.endswith(":ru") for k in texts) == len(HEADINGS)
    keys = HsInferrer(Words())._keys_and_texts()[0]
    layout = hs._layout(keys)
    assert layout.headings == HEADINGS  # each heading once: its English, Russian and subheading rows together
    assert keys[layout.heading_starts[HEADINGS.index("1101")]:][:3] == ["4:1101", "4:1101:ru", "6:110100"]


class Cyrillic(Words):
    """Words plus a strong component shared by every Cyrillic text, as a real model's language offset."""

    model_id = "fake/cyrillic-words"

    def _vec(self, texts):
        offset = [[3.0 * bool(re.search("[а-яё]", t, re.I))] for t in texts]
        out = np.hstack([super()._vec(texts), offset])
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def test_each_language_loses_its_own_offset_so_english_and_russian_rows_compete_on_meaning(partial, tmp_path):
    """A Russian query naming English words: one mean for the whole matrix leaves the Russian rows' shared offset
    in, so any Russian row outranks the English description that shares its words; group means remove it."""
    embedder, query = Cyrillic(), "Portland cement в мешках"
    whole = HsInferrer(embedder, tmp_path, centre="whole").infer_text(query, top=1)
    groups = HsInferrer(embedder, tmp_path).infer_text(query, top=1)
    assert whole[0].code in {"0101", "1101"} and groups[0].code == "2523"


SUBHEADINGS = sorted(c for c in hs.codes() if len(c) == 6 and not c.startswith("99"))


@pytest.mark.parametrize(("path", "note"), [(hs.RUSSIAN_SUBHEADINGS, "# Russian names"),
                                            (hs.KAZAKH_SUBHEADINGS, "# Kazakh names")])
def test_the_file_names_every_subheading_once(path, note):
    rows = assert_names_every_code_once(path, note, SUBHEADINGS)
    # no English left outside parentheses (Latin species names in parentheses are kept)
    assert not [text for _, text in rows if len(re.findall("[A-Za-z]{4,}", re.sub(r"\([^)]*\)", "", text))) > 2]


def test_subheadings_have_their_own_names_in_russian_and_kazakh():
    assert hs.name("100111", "ru") == hs.russian_subheadings()["100111"] != hs.describe("100111")
    assert hs.name("100111", "kk") == hs.kazakh_subheadings()["100111"]
    assert hs.name("100111", "en") == hs.describe("100111")
    assert "Пшениц" in hs.name("100111", "ru") and "Бидай" in hs.name("100111", "kk")


def test_a_subheading_missing_from_its_file_falls_back_to_heading_and_english(tmp_path, monkeypatch):
    path = tmp_path / "ru6.tsv"
    path.write_text("# a note\n110100\tМука пшеничная или из меслина\n999999\tНет такой\n", encoding="utf-8")
    monkeypatch.setattr(hs, "RUSSIAN_SUBHEADINGS", path)
    hs.russian_subheadings.cache_clear()
    try:
        assert hs.russian_subheadings() == {"110100": "Мука пшеничная или из меслина"}
        assert hs.name("110100", "ru") == "Мука пшеничная или из меслина"
        assert hs.name("100111", "ru") == hs.russian_headings()["1001"] + ": " + hs.describe("100111")
        texts = hs.nomenclature_texts(ru_subheadings=True)
        assert [k for k in texts if k.startswith("6:") and k.endswith(":ru")] == ["6:110100:ru"]
        assert not any(k.startswith("6:") and k.endswith(":ru") for k in hs.nomenclature_texts(ru_subheadings=False))
    finally:
        hs.russian_subheadings.cache_clear()
