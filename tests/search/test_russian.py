"""Russian word forms told apart by the dictionary (`search.russian`, pymorphy3)."""
from search.analysis import russian_stem
from search.russian import base_entry, entries, lemmas, strangers


def test_copper_and_honey_share_a_snowball_stem_but_are_strangers():
    assert russian_stem("медь") == russian_stem("мёда") == "мед"
    assert strangers(entries("медь"), entries("мёда"))
    assert strangers(entries("медь"), entries("мед"))  # honey typed without ё


def test_forms_of_one_word_are_kin():
    assert not strangers(entries("медь"), entries("меди"))
    assert not strangers(entries("медь"), entries("медью"))
    assert not strangers(entries("мёд"), entries("меда"))


def test_a_noun_and_the_adjective_made_from_it_are_not_strangers():
    """Snowball joins them on purpose: "макароны" finds "макаронная фабрика"."""
    assert russian_stem("макароны") == russian_stem("макаронная")
    assert not strangers(entries("макароны"), entries("макаронная"))


def test_a_word_the_dictionary_does_not_know_is_no_stranger():
    assert entries("бидай") == frozenset()  # Kazakh (wheat) in Russian letters
    assert not strangers(entries("бидай"), entries("медь"))


def test_a_stem_reads_as_a_word_only_as_its_likeliest_base_form():
    assert base_entry("мед") == base_entry("мёд") == frozenset({("мед", "NOUN")})
    assert base_entry("молок") == frozenset()  # Snowball's stem of "молоко", and a plural genitive of "молоки"
    assert base_entry("сем") == frozenset({("сем", "PRCL")})  # a particle first: no stranger to "семена"
    assert not strangers(entries("семена"), base_entry("сем"))


def test_names_of_people_and_abbreviations_are_left_out():
    assert entries("марк") == frozenset()  # Марк, a name; "марки" (brands, stamps) is no stranger to it
    assert all(lemma != "пер" for lemma, _ in entries("пер"))


def test_lemmas_of_a_short_form():
    assert "юрта" in lemmas("юрт")  # also "юрт", a word of its own in the dictionary
    assert lemmas("мёда") == frozenset({"мед"})
