"""Folding and transliteration on real Kazakh, Russian, Turkish, German and Chinese text."""
import pytest

from matching.text import fold, kk_cyrillic_to_latin, kk_latin_to_cyrillic, looks_kazakh_latin, normalize


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("бидай ұны", "bıdai uny"),
        ("Қазақстан", "Qazaqstan"),
        ("қымыз", "qymyz"),
        ("күріш", "kúrish"),
        ("Түркия", "Túrkııa"),
        ("сублимация", "sublımatsııa"),
        ("Транскаспий", "Transkaspıi"),
        ("жаңғырту", "jańǵyrtu"),
        ("дейін", "deiin"),
        ("Өскемен", "Oskemen"),  # English-style, no acute
        ("шұбат", "shubat"),
        ("жүн", "jún"),
        ("жүн", "jün"),  # 2021 alphabet
        ("шаш", "şaş"),  # 2021 / Turkish-style ş
        ("ұнның", "unnyñ"),
        ("ағаш", "ağaş"),
        ("жеміс", "zhemis"),  # English-style zh
    ],
)
def test_kazakh_cyrillic_and_latin_fold_together(cyrillic, latin):
    assert fold(cyrillic) == fold(latin)


@pytest.mark.parametrize(
    ("kazakh", "russian"),
    [("қазақ", "казак"), ("ұн", "ун"), ("күріш", "куриш"), ("ёлка", "елка"), ("Әзірбайжан", "азирбаижан")],
)
def test_kazakh_letters_fold_to_russian(kazakh, russian):
    assert fold(kazakh) == fold(russian)


def test_russian_text_is_only_lightly_changed():
    assert fold("Пшеничная мука высшего сорта") == "пшеничнаиа мука висшего сорта"  # ы→и, я→иа


def test_latin_lookalike_inside_cyrillic_word_is_fixed():
    # "маcло" with a Latin c, as typed on a mixed keyboard
    assert normalize("подсолнечное маcло") == "подсолнечное масло"
    assert normalize("copper") == "copper"  # a Latin word keeps its letters


def test_chinese_passes_through_unchanged():
    assert fold("葵花籽油") == "葵花籽油"
    assert normalize("铜精矿 ＩＳＯ 9001") == "铜精矿 iso 9001"  # full-width Latin and digits are unified


def test_turkish_words_keep_their_letters_in_normalize():
    # the original-script form keeps ı/ş so Turkish matching is unchanged; capitals fold consistently
    assert normalize("Bakır katot ŞİRKETİ") == "bakır katot şirketi"
    assert fold("BAKIR") == fold("bakır")
    assert fold("İstanbul") == fold("istanbul")


def test_german_sharp_s_and_umlauts():
    assert normalize("Weiß") == "weiss"
    assert fold("Kamelhaar") == fold("KAMELHAAR")


def test_cyrillic_to_latin_2018():
    assert kk_cyrillic_to_latin("Бидай ұны") == "Bıdai uny"
    assert kk_cyrillic_to_latin("Қазақстан") == "Qazaqstan"
    assert kk_cyrillic_to_latin("шұбат") == "shubat"


def test_latin_to_cyrillic_for_the_embedder():
    text = "Qostanai dıirmeni 1-sortty bıdai unyn usynady, aiyna 1 500 t deiin. Halal sertıfıkaty, ST-1 bar."
    assert kk_latin_to_cyrillic(text) == (
        "Қостанай диірмені 1-сортты бидай ұнын ұсынады, айына 1 500 т дейін. Халал сертификаты, ST-1 бар."
    )
    assert kk_latin_to_cyrillic("Túrkııa") == "Түркия"
    assert kk_latin_to_cyrillic("FCA Petropavl") == "FCA Петропавл"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Qostanai dıirmeni 1-sortty bıdai unyn usynady", True),
        ("bıdai uny", True),
        ("Transkaspıi konteiner tasymaly", True),
        ("qymyz", True),
        ("wheat flour", False),
        ("dry milk powder for the bakery", False),
        ("Yeni ve ikinci el dokuma ve örme makineleri", False),
        ("Altay Tekstil Makine San. ve Tic. Ltd. Şti.", False),
        ("Бидай ұны", False),
        ("葵花籽油", False),
        ("", False),
    ],
)
def test_looks_kazakh_latin(text, expected):
    assert looks_kazakh_latin(text) is expected
