"""The heading words kept built in the instance folder (`search.hs_words.cached_heading_words`)."""
import logging

import numpy as np
import pytest

from search import hs_words
from search.hs_words import HeadingWords, cached_heading_words


class Small(HeadingWords):
    """The heading words as the app builds them, with the goods index and its spelling, when the index is small (a
    few seconds to build, not ten); counts its builds."""

    builds = 0

    def __init__(self) -> None:
        type(self).builds += 1
        super().__init__()


GOODS = [("7403", "ru", "катоды медные"), ("7403", "en", "copper cathodes"), ("0713", "ru", "нут сушёный"),
         ("0713", "en", "dried chickpeas"), ("1101", "kk", "бидай ұны"), ("1101", "ru", "мука пшеничная")]


@pytest.fixture
def small(monkeypatch):
    from matching import hs

    monkeypatch.setattr(hs_words, "HeadingWords", Small)
    monkeypatch.setattr(hs, "goods_index", lambda: GOODS)
    Small.builds = 0
    return Small


def _files(cache):
    return sorted(p.name for p in cache.iterdir() if p.name != ".hs_words.lock")


def test_built_once_then_loaded_with_the_same_scores(small, tmp_path):
    cache = tmp_path / "cache"
    built = cached_heading_words(cache)
    loaded = cached_heading_words(cache)
    assert small.builds == 1 and loaded is not built
    texts = ["Катодная медь", "chickpeas", "бидай ұны", "катодтар"]
    assert loaded.headings == built.headings and loaded.index is not None and loaded.spelling is not None
    assert np.array_equal(loaded.scores(texts), built.scores(texts))
    assert loaded.index.named("нут сушёный, 50 кг") == {"0713": "нут сушёный"}
    assert _files(cache) == [f"hs_words_{hs_words._cache_key()}.pickle"]  # no temporary file left


def test_an_unreadable_file_is_built_again_and_replaced(small, tmp_path, caplog):
    path = tmp_path / f"hs_words_{hs_words._cache_key()}.pickle"
    path.write_bytes(b"\x80\x05 cut short")
    with caplog.at_level(logging.WARNING):
        words = cached_heading_words(tmp_path)
    assert isinstance(words, Small) and small.builds == 1 and "could not be read" in caplog.text
    assert isinstance(cached_heading_words(tmp_path), Small) and small.builds == 1  # the rebuilt file loads


def test_a_file_holding_something_else_is_built_again(small, tmp_path, caplog):
    import pickle

    (tmp_path / f"hs_words_{hs_words._cache_key()}.pickle").write_bytes(pickle.dumps({"not": "words"}))
    with caplog.at_level(logging.WARNING):
        assert isinstance(cached_heading_words(tmp_path), Small)
    assert small.builds == 1 and "holds no heading words" in caplog.text


def test_changed_names_or_code_name_another_file_and_the_old_one_goes(small, tmp_path, monkeypatch):
    source = tmp_path / "names.tsv"
    source.write_text("1001\tпшеница\n", encoding="utf-8")
    monkeypatch.setattr(hs_words, "_CODE", (*hs_words._CODE, source))
    cache = tmp_path / "cache"
    cached_heading_words(cache)
    before = _files(cache)
    source.write_text("1001\tпшеница твёрдая\n", encoding="utf-8")
    cached_heading_words(cache)
    after = _files(cache)
    assert small.builds == 2 and len(before) == len(after) == 1 and before != after


def test_a_weight_changed_at_run_time_names_another_file(small, tmp_path, monkeypatch):
    key = hs_words._cache_key()
    monkeypatch.setattr(hs_words, "INDEX_WEIGHT", hs_words.INDEX_WEIGHT + 1)
    assert hs_words._cache_key() != key


def test_a_folder_that_cannot_be_written_still_gives_the_words(small, tmp_path, caplog):
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    with caplog.at_level(logging.WARNING):
        assert isinstance(cached_heading_words(blocked), Small)
    assert "could not be cached" in caplog.text


def test_processes_starting_together_build_once(small, tmp_path):
    """Four workers of a deployment with no file yet: the first builds, the others wait for it and load it."""
    from tests.conftest import from_threads

    results = from_threads(lambda: cached_heading_words(tmp_path), n=4)
    assert small.builds == 1 and all(isinstance(r, Small) for r in results)


def test_a_lock_held_too_long_costs_a_build_of_its_own(small, tmp_path, monkeypatch, caplog):
    from filelock import FileLock

    monkeypatch.setattr(hs_words, "CACHE_WAIT", 0.1)
    with FileLock(tmp_path / ".hs_words.lock"), caplog.at_level(logging.WARNING):
        words = from_other_thread(lambda: cached_heading_words(tmp_path))
    assert isinstance(words, Small) and small.builds == 1 and "could not be cached" in caplog.text
    assert _files(tmp_path) == []


def from_other_thread(call):
    """What `call` returns in another thread (a lock this thread holds is another holder's there)."""
    from tests.conftest import from_threads

    return from_threads(call, n=1)[0]
