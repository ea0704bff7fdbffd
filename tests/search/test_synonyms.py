"""The thesaurus of search.synonyms: reading the file, recognising phrases, alternatives, Meilisearch's setting,
and the shipped file's shape."""
import pytest

from search import synonyms
from search.synonyms import LANGS, MEILI_MAX_WORDS, load


@pytest.fixture
def thesaurus(tmp_path):
    path = tmp_path / "synonyms.tsv"
    path.write_text(
        "# a comment\n\n"
        "customs\ten\tcustoms clearance\ncustoms\tru\tтаможенное оформление\ncustoms\tzh\t报关\n"
        "customs\ten\tcustoms clearance\n"                      # the same phrase again: kept once
        "broker\ten\tcustoms\ncustoms_long\ten\tcustoms clearance of goods at the border\n"
        "broken line without tabs\n",
        encoding="utf-8")
    return load(path)


def test_the_file_gives_concepts_of_distinct_phrases(thesaurus):
    assert thesaurus.concepts["customs"] == ["customs clearance", "таможенное оформление", "报关"]
    assert set(thesaurus.concepts) == {"customs", "broker", "customs_long"}


def test_an_inflected_phrase_is_recognised_and_the_longest_phrase_wins(thesaurus):
    assert thesaurus.matches("таможенного оформления в Алматы") == [(0, 2, "customs")]
    assert thesaurus.matches("customs clearance") == [(0, 2, "customs")]  # not the one-word "customs" concept
    assert thesaurus.matches("customs") == [(0, 1, "broker")]
    assert thesaurus.matches("пшеница") == []


def test_alternatives_replace_the_phrase_and_keep_the_other_words(thesaurus):
    assert thesaurus.alternatives("таможенного оформления Алматы") == [
        "customs clearance алматы", "报关 алматы"]
    assert thesaurus.alternatives("报关") == ["customs clearance", "таможенное оформление"]
    assert thesaurus.alternatives("мука") == []


def test_meilisearch_gets_every_short_phrase_with_its_concepts_other_phrases(thesaurus):
    setting = thesaurus.meilisearch_synonyms()
    assert setting["таможенное оформление"] == ["customs clearance", "报关"]
    assert "customs clearance of goods at the border" not in setting  # over MEILI_MAX_WORDS words
    assert all(len(key.split()) <= MEILI_MAX_WORDS for key in setting)


def test_a_missing_file_gives_an_empty_thesaurus(tmp_path):
    empty = load(tmp_path / "absent.tsv")
    assert empty.concepts == {} and empty.alternatives("customs clearance") == []


def test_the_shipped_thesaurus_names_every_concept_in_every_language():
    rows = [line.split("\t") for line in synonyms.SYNONYMS.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    assert all(len(row) == 3 and row[1] in LANGS and row[2].strip() == row[2] != "" for row in rows)
    languages: dict[str, set[str]] = {}
    for concept, lang, _ in rows:
        languages.setdefault(concept, set()).add(lang)
    assert len(languages) >= 100 and all(langs == set(LANGS) for langs in languages.values())
    assert len(synonyms.thesaurus().concepts) == len(languages)
