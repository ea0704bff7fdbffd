"""Which alternative phrasings can match anything (`search.embedded.planner.held`)."""
from search.analysis import query_words
from search.embedded.planner import held
from search.typos import Vocabulary


def _vocab(*terms):
    vocab = Vocabulary()
    vocab.add(list(terms))
    return vocab


def test_a_phrasing_is_held_when_each_word_has_a_form_in_the_vocabulary():
    vocab = _vocab("катодная", "катодн", "медь", "мед")
    assert held(query_words("катодная медь"), vocab)
    assert held(query_words("катодной меди"), vocab)  # by the stems the index holds
    assert not held(query_words("катодная латунь"), vocab)  # one word no listing holds
    assert not held(query_words("copper cathode"), vocab)


def test_forms_with_digits_count_as_held_the_vocabulary_leaves_them_out():
    assert held(query_words("fs75"), _vocab())


def test_a_word_naming_a_country_is_held_by_its_token():
    """A listing aimed at Mongolia matches "Монголия" by the country's token, which has digits ("iso3166mn"):
    the vocabulary never holds it, so the word counts as held."""
    assert held(query_words("Монголия"), _vocab())
    assert not held(query_words("шай Монголия"), _vocab("кофе"))  # the other word: no listing holds it


def test_a_phrase_s_russian_word_is_held_as_spelt_and_a_kazakh_one_by_its_fold_too():
    """The thesaurus's "шины" (tyres) is not held by "шыны" (glass), which only folds like it; a word with a
    Kazakh letter is held by its fold, as a Russian keyboard types it. A word the query holds is held by its fold
    where the listings' words of that fold are the same word spelt otherwise."""
    glass = _vocab("шыны", "шини")
    assert not held(query_words("шины"), glass)
    assert not held(query_words("шины"), glass, typed=frozenset({"шины"}))
    assert held(query_words("қосалқы"), _vocab("косалки"))
    assert held(query_words("косалкы"), _vocab("қосалқы", "косалки"), typed=frozenset({"косалкы"}))


def test_a_phrase_not_held_is_read_again_once_new_terms_come_in():
    """`searcher._usable` remembers its answers per vocabulary; the vocabulary only grows, so a phrase held stays
    held, and one not held is checked again after the vocabulary took in new terms."""
    from search.embedded.searcher import _usable

    vocab = _vocab("мука")
    assert _usable(vocab)("мука") and not _usable(vocab)("шины")
    vocab.add(["шины"])
    assert _usable(vocab)("шины")
    assert not _usable(_vocab("мука"))("шины")  # another vocabulary (a reindex) has answers of its own


def test_a_phrase_s_latin_word_is_held_by_its_long_stems_only(monkeypatch):
    """The Turkish "kereste" (sawn timber) is cut to "ker" by one of the three stemmers, the stem a Kazakh listing's
    "keri" (back) also gets: a phrase word is held by its stems of five letters or more, as it names a concept."""
    from search.embedded import planner

    back = _vocab("keri", "ker")
    assert not held(query_words("kereste"), back)
    assert held(query_words("kereste"), _vocab("kerest"))  # a stem of five letters still counts
    assert held(query_words("kereste"), back, typed=frozenset({"kereste"}))  # the query's own word: every stem
    monkeypatch.setattr(planner, "PHRASE_LONG_LATIN_STEMS", False)  # the state before
    assert held(query_words("kereste"), back)
