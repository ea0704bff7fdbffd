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
    assert list(tmp_path.glob("hs2022_fake_words.npz"))
    calls = embedder.calls
    HsInferrer(embedder, tmp_path).infer_text("Portland cement")
    assert embedder.calls == calls + 1  # only the listing text: the nomenclature came from the cache


def test_batch_inference_agrees_with_single_inference(tmp_path):
    inferrer = HsInferrer(Counting(), tmp_path)
    vectors = Counting().embed_queries(["Wheat or meslin flour", "Copper; refined, cathodes"])
    batch = inferrer.infer_many(vectors, top=2)
    assert batch == [inferrer.infer(v, top=2) for v in vectors]
    code, score = batch[0][0]
    assert code == "1101" and 0 < score <= 1.0001
