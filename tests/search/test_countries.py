"""Country names for the search index (search.countries)."""
from search.countries import GENERIC, country_names, country_words
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


def test_the_countries_names_go_into_the_documents_body_text():
    doc = validate({"id": "opportunity:1", "title": "Мука пшеничная", "countries": ["MN", "cn"]})
    text = index_text(doc)
    assert "монголия" in text.body.split() and "moğolistan" in text.body.split() and "中国" in text.body
    assert "монголия" not in text.title.split()
