import numpy as np
import pytest

from matching.index import VectorIndex


def unit(*values):
    v = np.array(values, dtype=np.float32)
    return v / np.linalg.norm(v)


@pytest.fixture
def index():
    idx = VectorIndex(dim=3, capacity=2)
    idx.upsert("a", unit(1, 0, 0), kind="offer", company="c1")
    idx.upsert("b", unit(1, 1, 0), kind="offer", company="c2")
    idx.upsert("c", unit(0, 1, 0), kind="request", company="c2")
    return idx


def test_search_returns_best_first_and_grows_past_capacity(index):
    hits = index.search(unit(1, 0, 0), k=3)
    assert [h[0] for h in hits] == ["a", "b", "c"]
    assert hits[0][1] == pytest.approx(1.0)
    assert len(index) == 3


def test_k_limits_results(index):
    assert [h[0] for h in index.search(unit(0, 1, 0), k=1)] == ["c"]


def test_mask_filters_by_attribute_and_excluded_ids(index):
    mask = index.mask(equal={"kind": ["offer"]}, not_equal={"company": "c1"})
    assert [h[0] for h in index.search(unit(1, 0, 0), k=5, mask=mask)] == ["b"]
    mask = index.mask(exclude=["a", "unknown"])
    assert {h[0] for h in index.search(unit(1, 0, 0), k=5, mask=mask)} == {"b", "c"}


def test_unknown_attribute_value_matches_nothing(index):
    assert not index.mask(equal={"kind": ["barter"]}).any()


def test_update_replaces_vector_and_attributes(index):
    index.upsert("a", unit(0, 0, 1), kind="request")
    assert index.search(unit(0, 0, 1), k=1)[0][0] == "a"
    assert index.mask(equal={"kind": ["request"]})[index.row_of("a")]


def test_remove_frees_the_row_for_reuse(index):
    row = index.row_of("b")
    index.remove("b")
    index.remove("b")  # absent: no error
    assert "b" not in index
    assert "b" not in [h[0] for h in index.search(unit(1, 1, 0), k=5)]
    assert index.upsert("d", unit(1, 1, 1)) == row


def test_wrong_dimension_is_rejected(index):
    with pytest.raises(ValueError):
        index.upsert("x", np.ones(4))


def test_empty_results():
    assert VectorIndex(dim=2).search(unit(1, 0), k=3) == []
