import math

import pytest

from matching.evaluate import dcg, evaluate_run, mean, ndcg_at_k, recall_at_k, reciprocal_rank


def test_dcg_discounts_by_log2_of_rank():
    assert dcg([3, 2]) == pytest.approx(3 + 2 / math.log2(3))


def test_ndcg_is_one_for_the_ideal_order_and_lower_otherwise():
    relevant = {"a": 3, "b": 1}
    assert ndcg_at_k(["a", "b", "x"], relevant) == pytest.approx(1.0)
    swapped = ndcg_at_k(["b", "a"], relevant)
    assert swapped == pytest.approx((1 + 3 / math.log2(3)) / (3 + 1 / math.log2(3)))


def test_ndcg_only_counts_the_first_k():
    assert ndcg_at_k(["x", "a"], {"a": 2}, k=1) == 0.0


def test_metrics_are_undefined_without_relevant_items():
    assert ndcg_at_k(["a"], {}) is None
    assert recall_at_k(["a"], {}) is None
    assert reciprocal_rank(["a"], {}) is None


def test_recall_counts_every_positive_grade():
    assert recall_at_k(["a", "x", "c"], {"a": 3, "b": 2, "c": 1}) == pytest.approx(2 / 3)


def test_reciprocal_rank_waits_for_the_best_grade():
    assert reciprocal_rank(["low", "x", "top"], {"top": 3, "low": 1}) == pytest.approx(1 / 3)
    assert reciprocal_rank(["low"], {"top": 3, "low": 1}) == 0.0


def test_mean_skips_undefined_values():
    assert mean([1.0, None, 0.0]) == 0.5
    assert mean([None]) is None


def test_evaluate_run_averages_and_treats_missing_runs_as_empty():
    qrels = {"q1": {"a": 1}, "q2": {"b": 1}, "q3": {}}
    result = evaluate_run({"q1": ["a"]}, qrels)
    assert result["ndcg@10"] == pytest.approx(0.5)
    assert result["recall@10"] == pytest.approx(0.5)
    assert result["mrr"] == pytest.approx(0.5)
    assert result["queries"] == 2
