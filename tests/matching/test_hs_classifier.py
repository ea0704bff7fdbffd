import numpy as np

from matching import hs, hs_classifier
from matching.embedders import E5Embedder
from matching.hs import HsInferrer
from matching.hs_classifier import FLOOR, GoodsClassifier
from tests.matching.test_hs import Words

NAMES = [("0401", "ru", "молоко коровье"), ("0401", "ru", "молоко пастеризованное"), ("0401", "en", "cow milk"),
         ("1001", "ru", "пшеница твёрдая"), ("1001", "ru", "зерно пшеницы"), ("1001", "en", "durum wheat"),
         ("8602", "ru", "тепловоз маневровый"), ("8602", "en", "diesel locomotive")]


def toy(embedder=None) -> GoodsClassifier:
    return hs_classifier.train(embedder or Words(), NAMES, log=lambda _: None)


def test_fitted_classifier_names_the_heading_of_its_names():
    embedder = Words()
    classifier = toy(embedder)
    assert classifier.model_id == embedder.model_id and classifier.classes == ["0401", "1001", "8602"]
    scores = classifier.scores(embedder.embed_queries(["молоко", "wheat", "locomotive"]))
    assert [classifier.classes[i] for i in scores.argmax(axis=1)] == ["0401", "1001", "8602"]
    # floored log-probabilities, shifted: 0 for the floor, log(1 / FLOOR) for certainty
    assert scores.min() >= 0 and scores.max() <= -np.log(FLOOR) + 1e-4


def test_saved_classifier_loads_with_the_same_ranking(tmp_path):
    embedder = Words()
    classifier = toy(embedder)
    classifier.save(tmp_path / "c.npz")
    loaded = GoodsClassifier.load(tmp_path / "c.npz")
    vectors = embedder.embed_queries(["пшеница", "cow milk", "тепловоз"])
    assert loaded.model_id == classifier.model_id and loaded.classes == classifier.classes
    assert (loaded.scores(vectors).argmax(axis=1) == classifier.scores(vectors).argmax(axis=1)).all()
    assert np.allclose(loaded.scores(vectors), classifier.scores(vectors), atol=0.05)  # float16 weights
    assert GoodsClassifier.load(tmp_path / "missing.npz") is None


def test_shipped_classifier_reads_the_bundled_model_and_names_headings_only():
    shipped = hs_classifier.shipped()
    assert shipped is not None and shipped.model_id == E5Embedder.model_id
    assert shipped.coef.shape == (len(shipped.classes), E5Embedder.dim)
    assert set(shipped.classes) <= {c for c in hs.codes() if len(c) == 4}
    assert len(shipped.classes) >= 1200  # nearly every heading has goods names
    assert hs_classifier.for_model(E5Embedder.model_id) is shipped
    assert hs_classifier.for_model("another/model") is None


def test_inferrer_weighs_the_classifier_only_for_the_goods_name(tmp_path):
    """The classifier reads the name's vector when the caller passes one; without it nothing changes."""
    embedder = Words()
    sure = GoodsClassifier(embedder.model_id, np.array(["8602"]), np.zeros((1, embedder.dim)), np.zeros(1))
    plain = HsInferrer(embedder, tmp_path, classifier=None)
    assert not plain.classifies  # a fake model: the shipped classifier reads e5 vectors only
    with_classifier = HsInferrer(embedder, tmp_path, classifier=sure, classifier_weight=1.0)
    vector = embedder.embed_queries(["wheat flour"])
    assert with_classifier.infer_many(vector, top=3) == plain.infer_many(vector, top=3)
    # one class: log-probability 0 everywhere, so 8602 alone gains log(1 / FLOOR) = 13.8
    boosted = with_classifier.infer_many(vector, top=3, names=vector)[0]
    assert boosted[0].code == "8602"
    assert HsInferrer(embedder, tmp_path, classifier=sure, classifier_weight=0.0).infer_many(
        vector, top=3, names=vector) == plain.infer_many(vector, top=3)


def test_infer_text_reads_the_title_as_the_goods_name(tmp_path):
    embedder = Words()
    inferrer = HsInferrer(embedder, tmp_path, classifier=toy(embedder), classifier_weight=1.0)
    inferrer.warm()
    calls = embedder.calls
    # the text is about wheat; its title names a locomotive, and the classifier reads the title
    guesses = inferrer.infer_text("wheat", top=3, words="diesel locomotive")
    assert embedder.calls == calls + 1  # text and title in one batch
    assert guesses[0].code == "8602"
    assert inferrer.infer_text("wheat", top=3)[0].code != "8602"
