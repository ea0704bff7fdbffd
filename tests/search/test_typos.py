"""The vocabulary of indexed terms (`search.typos.Vocabulary`): which terms a Cyrillic word's fold would meet."""
from search.analysis import fold_word
from search.typos import Vocabulary, plain


def _indexed(*words):
    vocab = Vocabulary()
    vocab.add([form for w in words for form in (w, fold_word(w))])
    return vocab


def test_kazakh_typed_with_russian_letters_is_kin_to_its_kazakh_spelling():
    assert plain("қосалқы") == "косалкы" and plain("мёд") == "мед"
    assert _indexed("қосалқы").kin_by_fold("косалкы", fold_word("косалкы"))
    assert _indexed("мед").kin_by_fold("мёд", fold_word("мёд"))  # ё typed as е


def test_a_word_in_latin_letters_is_kin_to_its_cyrillic_spelling():
    assert _indexed("bıdai").kin_by_fold("бидай", fold_word("бидай"))


def test_two_words_that_only_fold_alike_are_not_kin():
    glass = _indexed("шыны")
    assert fold_word("шины") == fold_word("шыны")
    assert not glass.kin_by_fold("шины", fold_word("шины"))  # tyres and glass
    glass.add(["шины", "shyny", fold_word("shyny")])
    assert glass.kin_by_fold("шины", fold_word("шины"))  # a listing in Latin letters holds the fold: it is kept


def test_a_russian_stem_meets_the_words_it_is_the_stem_or_the_fold_of():
    vocab = Vocabulary()
    vocab.add(["медь", "меди", "мёд", "мед", "мёда", "молоко"])  # "мед": the fold of "мёд", the stem of the others
    assert vocab.meeting_stem("мед") == {"медь", "меди", "мёд", "мёда", "мед"}
    assert vocab.meeting_stem("молок") == {"молоко"}
