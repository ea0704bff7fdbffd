"""Shipped vectors: used only for the exact (model, role, text) they were made for, the model for the rest."""
import numpy as np
import pytest

from matching.embedders import HashingEmbedder
from matching.shipped import ShippedFirstEmbedder, ShippedVectors, quantise, vector_key


class Counting(HashingEmbedder):
    """The hashing embedder, counting the texts it is asked to embed."""

    def __init__(self, model_id: str | None = None) -> None:
        super().__init__(dim=64)
        self.model_id = model_id or self.model_id
        self.asked: list[str] = []

    def _run(self, texts):
        self.asked += list(texts)
        return super()._run(texts)


@pytest.fixture
def shipped_file(tmp_path):
    model = Counting()
    texts = ["Wheat flour, first grade", "Мука пшеничная", "Copper cathodes"]
    vectors = model.embed_queries(texts)
    entries = {vector_key(model.model_id, "query", t): v for t, v in zip(texts, vectors, strict=True)}
    entries[vector_key(model.model_id, "passage", "Wheat or meslin flour")] = model.embed_passages(
        ["Wheat or meslin flour"])[0]
    path = tmp_path / "vectors.npz"
    ShippedVectors.save(path, entries)
    return path


def test_key_names_model_role_and_exact_text():
    keys = {vector_key("m1", "query", "flour"), vector_key("m2", "query", "flour"),
            vector_key("m1", "passage", "flour"), vector_key("m1", "query", "flour ")}
    assert len(keys) == 4 and all(len(k) == 16 for k in keys)
    assert vector_key("m1", "query", "flour") == vector_key("m1", "query", "flour")


def test_int8_rows_keep_the_direction():
    rows = np.random.default_rng(1).normal(size=(50, 384)).astype(np.float32)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    codes, scales = quantise(rows)
    back = codes.astype(np.float32) * scales[:, None]
    cosines = np.sum(back * rows, axis=1) / np.linalg.norm(back, axis=1)
    assert codes.dtype == np.int8 and cosines.min() > 0.999


def test_shipped_texts_skip_the_model_and_the_rest_is_embedded(shipped_file):
    model = Counting()
    embedder = ShippedFirstEmbedder(model, ShippedVectors.load([shipped_file]))
    out = embedder.embed_queries(["Мука пшеничная", "Organic buckwheat", "Copper cathodes"])
    assert model.asked == ["Organic buckwheat"]
    expected = Counting().embed_queries(["Мука пшеничная", "Organic buckwheat", "Copper cathodes"])
    assert np.all(np.sum(out * expected, axis=1) > 0.999)
    assert out.shape == (3, 64) and out.dtype == np.float32


def test_a_changed_text_other_role_or_other_model_is_never_taken_from_the_file(shipped_file):
    shipped = ShippedVectors.load([shipped_file])
    model = Counting()
    ShippedFirstEmbedder(model, shipped).embed_queries(["Wheat flour, first grade!"])  # edited text
    ShippedFirstEmbedder(model, shipped).embed_passages(["Copper cathodes"])  # shipped as a query only
    other = Counting(model_id="another-model")
    ShippedFirstEmbedder(other, shipped).embed_queries(["Copper cathodes"])
    assert model.asked == ["Wheat flour, first grade!", "Copper cathodes"] and other.asked == ["Copper cathodes"]


def test_missing_file_means_the_model_for_everything(tmp_path):
    model = Counting()
    embedder = ShippedFirstEmbedder(model, ShippedVectors.load([tmp_path / "absent.npz"]))
    assert embedder.embed_passages(["a", "b"]).shape == (2, 64) and model.asked == ["a", "b"]
    assert embedder.embed_queries([]).shape == (0, 64)


def test_recording_collects_what_was_handed_out(shipped_file, tmp_path):
    embedder = ShippedFirstEmbedder(Counting(), ShippedVectors.load([shipped_file]))
    recorded = embedder.record()
    embedder.embed_queries(["Copper cathodes", "Organic buckwheat"])
    ShippedVectors.save(tmp_path / "new.npz", recorded)
    again = ShippedVectors.load([tmp_path / "new.npz"])
    assert len(again) == 2 and vector_key(embedder.model_id, "query", "Organic buckwheat") in again


def test_recent_vectors_spare_the_model_a_second_time_per_role_and_the_oldest_go_first(tmp_path):
    model = Counting()
    embedder = ShippedFirstEmbedder(model, ShippedVectors.empty(), recent=3)
    first = embedder.embed_queries(["wool yarn", "Шерстяная пряжа", "honey"])
    again = embedder.embed_queries(["honey", "wool yarn, dyed", "wool yarn"])  # an edit keeps two of its texts
    assert model.asked == ["wool yarn", "Шерстяная пряжа", "honey", "wool yarn, dyed"]
    np.testing.assert_array_equal(again[[0, 2]], first[[2, 0]])
    np.testing.assert_allclose(again[1], Counting().embed_queries(["wool yarn, dyed"])[0])
    embedder.embed_passages(["honey"])  # the passage role is another vector
    assert model.asked[-1] == "honey"
    embedder.embed_queries(["Шерстяная пряжа"])  # pushed out by the newer ones (3 kept)
    assert model.asked[-1] == "Шерстяная пряжа" and len(model.asked) == 6
