"""Word boundaries in Chinese queries (search.chinese)."""
from __future__ import annotations

import pytest

from search import chinese


@pytest.mark.parametrize(("q", "expected"), [
    ("乌兹别克斯坦小麦", "乌兹别克斯坦 小麦"),  # a country and a product
    # "的" only parts words; the lexicon's phrase stays whole
    ("我们需要一家哈萨克斯坦的物流公司", "我们 需要 一家 哈萨克斯坦 物流公司"),
    ("有机亚麻籽", "有机 亚麻籽"),  # a lone character joins the word before it
    ("牛羊皮", "牛羊皮"),  # ... or the one after it, at the start
    ("货运代理", "货运代理"),  # the lexicon's phrase stays whole (jieba alone parts it)
    ("铝锭", "铝锭"),  # two characters: nothing to part
    ("wheat 小麦 Алматы", "wheat 小麦 Алматы"),  # other scripts as they are
    ("亚麻籽和小麦", "亚麻籽 小麦"),
])
def test_spaced(q, expected):
    assert chinese.spaced(q) == expected


def test_off_leaves_the_query_as_typed(monkeypatch):
    monkeypatch.setattr(chinese, "SEGMENT", False)
    assert chinese.spaced("乌兹别克斯坦小麦") == "乌兹别克斯坦小麦"
