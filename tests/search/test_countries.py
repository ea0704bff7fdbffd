"""Country names for the search index (search.countries)."""
from search.analysis import query_words
from search.countries import GENERIC, bare_country_word, country_codes, country_names, country_token, country_words
from search.documents import index_text, validate


def test_a_country_is_named_in_the_seven_languages_and_by_its_short_forms():
    names = country_names("mn")
    assert {"Mongolia", "Монголия", "Монғолия", "Moğolistan", "Mongolei", "蒙古", "Монгол"} <= set(names)
    assert {"UAE", "ОАЭ", "Birleşik Arap Emirlikleri"} <= set(country_names("AE"))
    assert len(names) == len(set(names)) and country_names("XX") == ()


def test_words_that_name_no_country_stay_out_of_the_index():
    words = country_words("IR").lower().split()
    assert "iran" in words and not GENERIC & set(words)  # "Islamic Republic of" names no country
    assert "america" in country_words("US").lower().split()  # its official English words are all generic


def test_a_document_carries_one_token_per_country_in_its_folded_body():
    doc = validate({"id": "opportunity:1", "title": "Мука пшеничная", "countries": ["MN", "cn", "MN"]})
    text = index_text(doc)
    assert text.body_f.split()[-2:] == [country_token("MN"), country_token("CN")] == ["iso3166mn", "iso3166cn"]
    assert "монголия" not in text.terms()  # the names stay out of the index


def test_a_query_word_names_countries_by_its_forms_in_any_of_the_seven_languages():
    def codes(q):
        return [country_codes(w) for w in query_words(q)]

    assert codes("мука в Монголию") == [[], ["MN"]]  # inflected; the stopword is dropped
    assert codes("Moğolistan") == codes("蒙古") == codes("Монголия") == [["MN"]]
    assert codes("ОАЭ") == codes("UAE") == [["AE"]] and codes("Korea") == [["KP", "KR"]]
    assert codes("us") == codes("wheat") == [[]]
    # a short word names a country only as a name's word is spelt: "dan" folds to "дан", the stem of "Дания"
    assert codes("dan") == [[]] and codes("uk") == [["GB"]] and codes("abd") == [["US"]]


def test_a_kazakh_case_ending_on_a_countrys_name_still_names_it():
    def codes(q):
        return [country_codes(w) for w in query_words(q)]

    assert codes("Ауғанстанға бидай") == [["AF"], []]  # dative: wheat to Afghanistan
    assert codes("Германиядан") == codes("Германияда") == codes("Германияның") == [["DE"]]  # from, in, of
    assert codes("Ресейге") == [["RU"]] and codes("Моңғолияға") == [["MN"]]
    assert codes("Túrkııaǵa teri") == [["TR"], []]  # Latin script, by its fold
    words = query_words("Ауғанстанға Монголию ценаға")
    assert [bare_country_word(w) for w in words] == ["ауғанстан", None, None]  # a name as it is needs no ending off
    assert codes("Иранда") == [["IR"]]  # locative: in Iran
    assert codes("страна") == codes("ценаға") == [[]]  # what is left names no country
