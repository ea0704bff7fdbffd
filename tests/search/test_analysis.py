"""Words and word forms of search.analysis: the Turkish dotted capital I, endings after an apostrophe, the
possessive after a vowel in Latin script, and the kept words of a query shown as typed."""
import pytest

from search import analysis
from search.analysis import _LATIN_STEMMERS, as_typed, naming_forms, stems, words


def test_the_turkish_dotted_capital_i_lowercases_within_its_word():
    assert words("İSTANBUL İzmir") == words("istanbul izmir") == ["istanbul", "izmir"]


def test_an_ending_after_an_apostrophe_is_not_a_word_of_its_own(monkeypatch):
    assert words("İstanbul'dan Almatı’ya, Kazakhstan's wheat") == ["istanbul", "almatı", "kazakhstan", "wheat"]
    assert words("O'zbekiston") == ["o", "zbekiston"]  # more than four letters after it: a word
    monkeypatch.setattr(analysis, "APOSTROPHE_ENDINGS", False)
    assert words("Kazakistan'dan") == ["kazakistan", "dan"]  # the state before


@pytest.mark.parametrize("singular, plural", [("malzemesi", "malzemeleri"), ("makinesi", "makineleri")])
def test_a_turkish_compound_singular_meets_its_plural(singular, plural):
    """"ambalaj malzemesi" (packaging material): Snowball leaves "malzemes", its plural stems to "malzeme"."""
    assert set(naming_forms(singular)) & set(naming_forms(plural))
    assert plural[:-4] in stems(singular)


@pytest.mark.parametrize("word", ["analysis", "kesi", "suyu", "otomobil", "bahçe"])
def test_words_without_a_possessive_after_a_vowel_keep_their_snowball_stems_alone(word):
    """Not after a consonant ("analysis"), nor with under five letters before it ("kesi"), nor "-yu" ("suyu")."""
    snowball = {stemmer.stemWord(word) for stemmer in _LATIN_STEMMERS} - {word}
    assert set(stems(word)) == {s for s in snowball if len(s) >= 3}


def test_a_query_s_words_are_remembered_under_the_setting_that_made_them(monkeypatch):
    assert [w.raw for w in analysis.query_words("Kazakistan'dan un")] == ["kazakistan", "un"]
    monkeypatch.setattr(analysis, "APOSTROPHE_ENDINGS", False)
    assert [w.raw for w in analysis.query_words("Kazakistan'dan un")] == ["kazakistan", "dan", "un"]
    mine = analysis.query_words("wheat flour")
    mine.clear()  # the caller's own list: the remembered words stay whole
    assert len(analysis.query_words("wheat flour")) == 2


def test_a_kazakh_word_in_latin_script_is_also_stemmed_as_its_cyrillic_spelling(monkeypatch):
    """"qymyzy" (its kumis) meets "қымыз" and "қымызы"; a Turkish word is not read so ("çiçekler"), nor an English
    one with a "y" after a consonant ("system"), and a Cyrillic word keeps the stems it had."""
    assert {"қымызы", "қымыз"} <= set(stems("qymyzy"))
    assert not any(analysis.has_cyrillic(s) for s in stems("çiçekler") + stems("system"))
    cyrillic = stems("қымызы")
    monkeypatch.setattr(analysis, "KAZAKH_LATIN_STEMS", False)  # the state before
    stems.cache_clear()
    try:
        assert not any(analysis.has_cyrillic(s) for s in stems("qymyzy"))
        assert stems("қымызы") == cyrillic
    finally:
        stems.cache_clear()


@pytest.mark.parametrize(("q", "kept", "shown"), [
    ("Kazakistan'dan buğday ithal etmek istiyoruz", "kazakistan buğday", "Kazakistan'dan buğday"),
    ("«Мука» высшего сорта", "мука", "Мука"),  # the quotes around it are not part of the word
    ("IT-Fachkräfte", "it", "IT"),  # the part kept of a hyphenated token
    ("SAP顾问", "sap", "SAP"),  # Latin letters run into Chinese ones
    # whole words, not the bigrams they are matched by
    ("我们 需要 哈萨克斯坦 物流公司", "哈萨 萨克 克斯 斯坦 物流 流公 公司", "哈萨克斯坦 物流公司"),
    ("梭鲈鱼片", "梭鲈 鲈鱼", "梭鲈鱼"),  # the stretch of a Chinese run its kept bigrams cover
    ("мука мука", "мука", "мука"),  # said once
])
def test_the_words_kept_are_shown_as_typed(q, kept, shown):
    assert as_typed(q, kept) == shown
