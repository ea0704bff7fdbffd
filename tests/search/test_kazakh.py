"""Kazakh endings (search.kazakh)."""
import pytest

from search import kazakh
from search.analysis import stems, word_forms
from search.kazakh import MIN_STEM, kazakh_stems
from search.roles import Role, role_of


@pytest.mark.parametrize("word, stem", [
    ("жиһаздары", "жиһаз"),      # plural + possessive
    ("жиһазы", "жиһаз"),         # possessive: "кеңсе жиһазы", office furniture
    ("балықтар", "балық"),       # plural
    ("кабельдері", "кабель"),    # plural + possessive
    ("жүнін", "жүн"),            # possessive + accusative
    ("өнімдерін", "өнім"),       # plural + possessive + accusative
    ("тауарының", "тауар"),      # possessive + genitive
    ("қазақстандағы", "қазақстан"),  # locative adjective
    ("күрішті", "күріш"),        # accusative
])
def test_endings_come_off_in_reverse_order(word, stem):
    assert kazakh_stems(word)[0] == stem


def test_a_voiced_last_consonant_before_a_vowel_ending_also_gives_the_written_form():
    assert kazakh_stems("балығы") == ("балығ", "балық") and kazakh_stems("жабдығы") == ("жабдығ", "жабдық")


def test_a_word_ending_like_the_accusative_also_gives_the_stem_with_the_possessive():
    assert kazakh_stems("қызметі") == ("қызме", "қызмет")  # қызме + ті, or қызмет + і (its service)
    assert kazakh_stems("цементі")[-1] == "цемент" and kazakh_stems("күрішті")[0] == "күріш"
    assert kazakh_stems("жүні") == ("жүн",)  # no accusative reading: "жү" is under the minimum


def test_words_without_a_kazakh_letter_or_an_ending_are_left_alone():
    assert kazakh_stems("гектар") == kazakh_stems("мастер") == ()  # Russian words that end like Kazakh plurals
    assert kazakh_stems("тыңайтқыш") == kazakh_stems("ірімшік") == ()  # no ending
    assert kazakh_stems("астана") == ()  # "-на" only follows a possessive ("жүніне")


@pytest.mark.parametrize("word, stem", [
    ("машинасы", "машина"),      # a loanword with the possessive after a vowel: "тігін машинасы", sewing machine
    ("машиналары", "машина"),    # plural + possessive
    ("машинасын", "машина"),     # possessive + accusative
    ("фермасы", "ферма"),
])
def test_in_kazakh_text_a_word_without_a_kazakh_letter_is_stripped_too(word, stem, monkeypatch):
    assert kazakh_stems(word) == ()  # alone, it may be Russian
    assert stem in kazakh_stems(word, in_kazakh_text=True)
    assert stem in stems(word, kazakh_text=True) and stem not in stems(word)
    monkeypatch.setattr(kazakh, "IN_KAZAKH_TEXT", False)
    assert kazakh_stems(word, in_kazakh_text=True) == ()  # the state before
    assert kazakh_stems("wheat", in_kazakh_text=True) == ()  # Latin letters are not this reading's


def test_a_word_in_kazakh_latin_letters_is_kazakh_text_in_cyrillic_too():
    """"tasymaldaýlary" (transports) is Kazakh by its ý, though its Cyrillic spelling has no Kazakh letter."""
    assert "тасымалдау" in stems("tasymaldaýlary")


def test_a_query_or_phrase_with_a_word_in_kazakh_letters_is_kazakh_text():
    from search.analysis import query_words
    from search.synonyms import _phrase_words

    assert "машина" in query_words("тігін машинасы")[1].stems  # "тігін" has a Kazakh letter
    assert "машина" not in query_words("швейные машинасы")[1].stems  # no word in Kazakh letters
    assert "машина" in _phrase_words("тігін машинасы")[1]


def test_a_listing_in_kazakh_is_indexed_as_kazakh_text():
    from search.documents import index_text

    def doc(language):
        return {"title": "Тігін машиналары керек", "description": "", "company_name": "", "sectors": [], "ref": "o-1",
                "countries": [], "language": language}

    assert "машина" in index_text(doc("kk")).title_f.split()
    assert "машина" not in index_text(doc("ru")).title_f.split()


def test_an_agent_noun_plural_spelt_with_russian_letters_is_read_as_kazakh():
    # "шы" and "жы" never occur in Russian spelling ("ши", "жи"), so they mark a Kazakh word as its letters do
    assert kazakh_stems("импорттаушылары")[0] == "импорттаушы"
    assert kazakh_stems("экспорттаушылар") == ("экспорттаушы",)
    assert kazakh_stems("машины") == kazakh_stems("жизнь") == ()  # Russian words keep their Snowball stems alone


def test_a_kazakh_plural_role_in_russian_letters_is_read_as_the_role(small_thesaurus):
    thesaurus = small_thesaurus("importer\tkk\tимпорттаушы\nimporter\tru\tимпортер\n")
    assert role_of("АҚШ импорттаушылары", thesaurus) == Role("ақш", "request")


def test_a_stem_keeps_its_minimum_length():
    assert kazakh_stems("ұнын") == ("ұны",)  # not "ұн": two letters would meet too many words
    assert all(len(s) >= MIN_STEM for w in ("етін", "ұнын", "сүттері") for s in kazakh_stems(w))


def test_search_stems_carry_the_kazakh_stem_but_the_hs_word_forms_need_not():
    assert "жиһаз" in stems("жиһаздары") and "пшениц" in stems("пшеницы")
    assert "жиһаз" not in word_forms("жиһаздары", kazakh=False) and "жиһаз" in word_forms("жиһаздары")


@pytest.mark.parametrize("word, noun", [
    ("визалық", "виза"),            # of visas: "визалық қолдау", visa support
    ("экспорттық", "экспорт"),      # after a voiceless consonant
    ("кедендік", "кеден"),          # after a sonorant, front vowels
    ("техникалықтар", "техника"),   # below a plural
    ("медициналық", "медицина"),
])
def test_an_adjective_of_a_noun_also_gives_the_noun(word, noun):
    assert noun in kazakh_stems(word)


def test_a_short_noun_is_not_read_into_an_adjective_ending():
    # "жабдық" (equipment) and "балық" (fish) end like "-дық" and "-лық", but "жаб" and "ба" are not their nouns
    assert kazakh_stems("жабдық") == kazakh_stems("балық") == ()
    assert kazakh_stems("жабдықтары") == ("жабдық",) and kazakh_stems("жемдік") == ()  # "жем": 3 letters


def test_without_the_adjective_reading_only_endings_come_off(monkeypatch):
    monkeypatch.setattr(kazakh, "DERIVED", False)  # the state before
    assert kazakh_stems("визалық") == () and kazakh_stems("техникалықтар") == ("техникалық",)


def test_a_concept_named_with_an_adjective_meets_the_query_s_noun(small_thesaurus):
    thesaurus = small_thesaurus("visa_support\tkk\tвизалық қолдау\nvisa_support\tru\tвизовая поддержка\n")
    assert thesaurus.matches("vıza qoldau") == thesaurus.matches("виза қолдау") == [(0, 2, "visa_support")]


@pytest.mark.parametrize("q, expected", [
    ("киім-кешек", "киім"),  # the echo no listing holds: the first word
    ("азық-түлік", "азық-түлік"),  # both held
    ("ыдыс-аяқ", "ыдыс-аяқ"),  # a concept's name takes it in
    ("бизнес-центр", "бизнес-центр"),  # Russian: no Kazakh letter
    ("жаңа киім-кешек керек", "жаңа киім керек"),
])
def test_a_kazakh_paired_word_whose_echo_no_listing_holds_is_searched_as_its_first_word(q, expected):
    held = {"азық", "түлік", "ыдыс", "киім"}.__contains__
    assert kazakh.without_echo(q, held, lambda pair: pair == "ыдыс-аяқ") == expected


def test_without_the_paired_word_reading_the_query_stays_as_typed(monkeypatch):
    monkeypatch.setattr(kazakh, "PAIRED_ECHO", False)
    assert kazakh.without_echo("киім-кешек", lambda word: False, lambda pair: False) == "киім-кешек"
