"""One behaviour contract for every search backend (see conftest for which run where)."""
from __future__ import annotations

import pytest

from search.base import BackendUnavailable, InvalidQuery, SearchQuery


@pytest.fixture(autouse=True)
def _products_by_their_own_words(no_goods_names):
    """These tests search product words for other mechanisms: without the names of goods (tested below with a
    lexicon of their own)."""

# 4-dimensional stand-in vectors: axis 0 = flour, 1 = metals, 2 = dairy, 3 = services
FLOUR, METAL, DAIRY = [1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0]


def opp(n, title, description="", *, kind="offer", countries=("KZ",), sectors=("grain",), language="ru",
        hs=(), hs_inferred=(), day=1, vector=None, company="Aqbidai Milling LLP"):
    return {
        "id": f"opportunity:{n}", "type": "opportunity", "ref": f"o-{n:03d}", "title": title,
        "description": description, "kind": kind, "company_name": company, "countries": list(countries),
        "sectors": list(sectors), "language": language, "hs_codes": list(hs), "hs_inferred": list(hs_inferred),
        "created_at": f"2026-03-{day:02d}T10:00:00+00:00", "_vectors": vector,
    }


def company(n, name, description="", *, country="KZ", kind="exporter", sectors=("grain",), day=1):
    return {
        "id": f"company:{n}", "type": "company", "ref": f"c-{n:03d}", "title": name, "description": description,
        "kind": kind, "company_name": name, "countries": [country], "sectors": list(sectors), "language": "",
        "created_at": f"2026-02-{day:02d}T10:00:00+00:00", "_vectors": None,
    }


DOCS = [
    opp(1, "Мука пшеничная высшего сорта", "Мешки 50 кг, поставки в Урумчи", kind="offer", countries=["CN"],
        hs=["110100"], day=1, vector=FLOUR),
    opp(2, "Bıdai uny 1-sort, 25 jáne 50 kg qaptarda", "Qostanai dıirmeni usynady", language="kk",
        countries=["KG", "UZ"], hs_inferred=["1101"], day=2, vector=[0.97, 0.0, 0.0, 0.24]),
    opp(3, "Wheat flour wanted for a bakery chain", "Premium grade, 200 t monthly", kind="request",
        language="en", countries=["UZ"], day=3, vector=[0.95, 0.0, 0.0, 0.31]),
    opp(4, "Ферросплавы: ферросилиций ФС75", "Фракция 10-50 мм", countries=["CN", "TR"],
        sectors=["metals"], hs=["720221"], day=4, vector=METAL, company="Pavlodar Ferroalloy LLP"),
    opp(5, "Цемент М500 в мешках", "Портландцемент, Шымкент", kind="offer", countries=["UZ"],
        sectors=["construction"], hs=["252329"], day=5, vector=[0.0, 0.3, 0.0, 0.95], company="Shymkent Cement"),
    opp(6, "Қазақстан қымызы және шұбат", "Түйе сүті, Қызылорда", language="kk", countries=["RU"],
        sectors=["dairy"], day=6, vector=DAIRY, company="Qyzylorda Sút"),
    opp(7, "Bakır katot alımı", "LME Grade A, İstanbul", kind="request", language="tr", countries=["TR"],
        sectors=["metals"], hs=["740311"], day=7, vector=[0.0, 0.9, 0.0, 0.44], company="Anadolu Metal"),
    opp(8, "求购葵花籽油", "乌鲁木齐 超市", kind="request", language="zh", countries=["CN"], sectors=["food"],
        day=8, vector=[0.3, 0.0, 0.3, 0.9], company="Urumqi Trade"),
    company(9, "Aqbidai Milling LLP", "Мукомольный завод в Костанае: мука пшеничная", day=1),
    company(10, "Pavlodar Ferroalloy LLP", "Ferroalloys producer", sectors=["metals"], day=2),
]


@pytest.fixture
def loaded(backend):
    backend.upsert(DOCS)
    return backend


def refs(result):
    return [h.ref for h in result.hits]


def search(backend, q="", **kw):
    return backend.search(SearchQuery(q=q, **kw))


def test_upsert_update_delete(backend):
    backend.upsert([DOCS[0]])
    assert refs(search(backend, "мука")) == ["o-001"]
    backend.upsert([{**DOCS[0], "title": "Пшеничные отруби гранулированные"}])
    assert refs(search(backend, "мука")) == []
    assert refs(search(backend, "отруби")) == ["o-001"]
    backend.delete(["opportunity:1", "opportunity:999"])
    assert search(backend, "отруби").total == 0


def test_empty_query_lists_everything_newest_first(loaded):
    result = search(loaded, "", per_page=50)
    assert result.total == len(DOCS)
    created = [h.doc["created_at"] for h in result.hits]
    assert created == sorted(created, reverse=True)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"kind": "request"}, {"o-003", "o-007", "o-008"}),
        ({"country": "UZ"}, {"o-002", "o-003", "o-005"}),
        ({"country": ["KG", "RU"]}, {"o-002", "o-006"}),
        ({"sector": "metals"}, {"o-004", "o-007", "c-010"}),
        ({"language": "kk"}, {"o-002", "o-006"}),
        ({"type": "company"}, {"c-009", "c-010"}),
        ({"hs": "1101"}, {"o-001", "o-002"}),
        ({"hs": "72"}, {"o-004"}),
        ({"kind": "request", "country": "UZ"}, {"o-003"}),
        ({"sector": "metals", "type": "opportunity", "country": "TR"}, {"o-004", "o-007"}),
    ],
)
def test_filters_and_their_combination(loaded, filters, expected):
    result = search(loaded, "", filters=filters, per_page=50)
    assert set(refs(result)) == expected
    assert result.total == len(expected)


def test_filters_apply_to_text_queries(loaded):
    assert set(refs(search(loaded, "мука", filters={"type": "opportunity"}))) == {"o-001"}


def test_facet_counts(loaded):
    result = search(loaded, "", facets=["kind", "country", "type", "hs_chapter", "language", "sector"])
    assert result.facets["kind"] == {"offer": 5, "request": 3, "exporter": 2}
    assert result.facets["type"] == {"opportunity": 8, "company": 2}
    assert result.facets["country"]["UZ"] == 3 and result.facets["country"]["CN"] == 3
    assert result.facets["hs_chapter"] == {"11": 2, "72": 1, "25": 1, "74": 1}
    assert result.facets["language"]["kk"] == 2
    assert result.facets["sector"]["metals"] == 3


def test_facets_follow_the_query(loaded):
    result = search(loaded, "мука", facets=["type", "kind"])
    assert result.facets["type"] == {"opportunity": 1, "company": 1}


@pytest.mark.parametrize(("q", "expected"), [("1101", {"o-001", "o-002"}), ("110100", {"o-001"}),
                                             ("7202", {"o-004"}), ("2523", {"o-005"})])
def test_hs_code_query_matches_explicit_and_inferred_prefixes(loaded, q, expected):
    assert set(refs(search(loaded, q))) == expected


def test_hs_query_ranks_explicit_codes_first(loaded):
    assert refs(search(loaded, "1101")) == ["o-001", "o-002"]


def test_a_typed_sentence_goes_without_its_commonest_words_first(backend):
    if type(backend).__name__ == "MeiliBackend":
        pytest.skip("Meilisearch keeps its default strategy, the last word first (search.embedded.searcher)")
    backend.upsert([opp(n, f"Ищем {what}", kind="request", day=n) for n, what in
                    ((30, "поставщика муки"), (31, "перевозчика в Китай"), (32, "партнёра в Турции"))]
                   + [opp(33, "Цемент М500 навалом", day=3)])
    # no listing holds every word: "ищем", in three listings, goes before "цемент" and "навалом", in one
    assert refs(search(backend, "ищем цемент навалом")) == ["o-033"]
    assert refs(search(backend, "цемент навалом ищем")) == ["o-033"]
    assert refs(search(backend, "срочно ищем цемент навалом")) == ["o-033"]  # a word in no listing goes first


def test_without_the_frequency_order_the_last_word_goes_first(backend, monkeypatch):
    if type(backend).__name__ == "MeiliBackend":
        pytest.skip("the embedded backend's switch")
    from search import intent
    from search.embedded import searcher

    monkeypatch.setattr(searcher, "FEWER_BY_FREQUENCY", False)
    monkeypatch.setattr(intent, "INTENT", False)  # "ищем" searched as a word, as it was then
    backend.upsert([opp(30, "Ищем поставщика муки", kind="request"), opp(33, "Цемент М500 навалом")])
    assert refs(search(backend, "ищем цемент навалом")) == ["o-030"]


@pytest.mark.parametrize(
    ("q", "ref"),
    [
        ("цемнт", "o-005"),  # 5 letters: one typo
        ("ферросилицйи", "o-004"),  # 12 letters: two typos
        ("wheet flour", "o-003"),
        ("katod", "o-007"),
    ],
)
def test_typos(loaded, q, ref):
    assert ref in refs(search(loaded, q))


def test_latin_lookalike_in_a_cyrillic_word(backend):
    backend.upsert([opp(40, "Масло подсолнечное рафинированное")])
    assert refs(search(backend, "подсолнечное маcло")) == ["o-040"]  # "c" is Latin


def test_typo_in_first_letter_counts_double(loaded):
    assert "o-005" not in refs(search(loaded, "семент"))  # 6 letters allow 1 typo, a first-letter one costs 2


def test_exact_match_ranks_above_typo_match(loaded):
    loaded.upsert([opp(20, "Цементе нет, только щебень", day=20)])
    found = refs(search(loaded, "цемент"))
    assert found[0] == "o-005"


def test_prefix_on_last_word(loaded):
    assert "o-004" in refs(search(loaded, "ферросп"))
    assert "o-003" in refs(search(loaded, "wheat fl"))
    assert refs(search(loaded, "фракция ферросп")) == ["o-004"]
    assert "o-004" not in refs(search(loaded, "ферросп zzzz"))  # a prefix counts only as the last word


@pytest.mark.parametrize(
    ("q", "ref"),
    [("бидай ұны", "o-002"), ("бидай уны", "o-002"), ("Qazaqstan", "o-006"), ("казак", "o-006"),
     ("qymyz", "o-006"), ("shubat", "o-006"), ("BAKIR", "o-007"), ("葵花籽油", "o-008")],
)
def test_scripts_fold_together(loaded, q, ref):
    assert ref in refs(search(loaded, q))


def test_highlights_mark_matched_words(loaded):
    hit = search(loaded, "бидай уны").hits[0]
    assert hit.ref == "o-002"
    assert "<mark>Bıdai</mark>" in hit.highlights["title"] and "<mark>uny</mark>" in hit.highlights["title"]


def test_highlights_escape_html(backend):
    backend.upsert([opp(30, "Flour <script>alert(1)</script>")])
    title = search(backend, "flour").hits[0].highlights["title"]
    assert "<script>" not in title and "&lt;script&gt;" in title


def test_sort_newest(loaded):
    relevance = refs(search(loaded, "мука"))
    newest = refs(search(loaded, "мука", sort="newest"))
    assert set(relevance) == set(newest) == {"o-001", "c-009"}
    assert newest == ["o-001", "c-009"]  # the listing is newer than the company


def test_paging(loaded):
    pages = [search(loaded, "", per_page=3, page=p) for p in (1, 2, 3, 4)]
    assert [len(p.hits) for p in pages] == [3, 3, 3, 1]
    assert all(p.total == len(DOCS) for p in pages)
    seen = [r for p in pages for r in refs(p)]
    assert len(set(seen)) == len(DOCS)


def test_company_name_finds_company_and_its_listings(loaded):
    assert set(refs(search(loaded, "Aqbidai Milling"))) >= {"c-009", "o-001", "o-002", "o-003"}


def test_hybrid_adds_meaning_matches_and_keeps_exact_hits_on_top(loaded):
    keyword = refs(search(loaded, "wheat flour"))
    assert keyword == ["o-003"]
    hybrid = refs(search(loaded, "wheat flour", vector=FLOUR, semantic_ratio=0.5))
    assert hybrid[0] == "o-003"
    assert {"o-001", "o-002"} <= set(hybrid)
    assert "o-004" not in hybrid  # far away in meaning
    assert refs(search(loaded, "wheat flour", vector=FLOUR, semantic_ratio=0.0)) == keyword


def test_hybrid_respects_filters(loaded):
    hybrid = refs(search(loaded, "wheat flour", vector=FLOUR, semantic_ratio=0.5, filters={"country": "CN"}))
    assert hybrid == ["o-001"]


def test_rebuild_swaps_in_a_new_index(loaded):
    assert loaded.rebuild([DOCS[3], DOCS[4]], batch_size=1) == 2
    assert search(loaded, "").total == 2
    assert refs(search(loaded, "мука")) == []
    assert refs(search(loaded, "цемент")) == ["o-005"]
    loaded.upsert([DOCS[0]])  # writes after the swap go to the new index
    assert refs(search(loaded, "мука")) == ["o-001"]


def test_clear(loaded):
    loaded.clear()
    assert search(loaded, "").total == 0
    assert loaded.health()


def test_a_lower_semantic_floor_lets_the_nearest_listings_through(loaded):
    from search.meili import MeiliBackend

    if isinstance(loaded, MeiliBackend):
        pytest.skip("Meilisearch applies no meaning-only floor")
    # no keyword hit, and a vector at cosine 0.5 from flour, metals and dairy alike: under the calibrated floor
    query = {"vector": [0.5, 0.5, 0.5, -0.5], "semantic_ratio": 1.0}
    assert refs(search(loaded, "xyzzy", **query)) == []
    nearest = refs(search(loaded, "xyzzy", **query, semantic_floor=-1.0))
    assert "o-001" in nearest and "o-004" in nearest and "o-006" in nearest
    with pytest.raises(InvalidQuery):
        SearchQuery(q="x", semantic_floor=1.5)


def test_typos_still_found_after_the_index_is_emptied_and_filled_again(loaded):
    assert refs(search(loaded, "цемнт")) == ["o-005"]  # this process now holds the vocabulary
    loaded.clear()
    loaded.upsert(DOCS)
    assert refs(search(loaded, "цемнт")) == ["o-005"]
    loaded.rebuild(DOCS)  # into the spare slot, then back again: neither may keep the other's terms
    loaded.rebuild(DOCS)
    assert refs(search(loaded, "цемнт")) == ["o-005"]


@pytest.mark.parametrize("kind", ["sqlite", "postgres", "meili"])
def test_unavailable_backend_raises(kind, tmp_path):
    from sqlalchemy import create_engine

    from search.embedded import EmbeddedBackend
    from search.meili import MeiliBackend

    if kind == "sqlite":
        backend = EmbeddedBackend(create_engine(f"sqlite:///{tmp_path}/missing/dir/search.db"))
    elif kind == "postgres":
        backend = EmbeddedBackend(create_engine("postgresql+psycopg://postgres@127.0.0.1:1/none"))
    else:
        backend = MeiliBackend("http://127.0.0.1:1", api_key="x", index="none", timeout=2)
    assert backend.health() is False
    with pytest.raises(BackendUnavailable):
        backend.search(SearchQuery(q="мука"))
    with pytest.raises(BackendUnavailable):
        backend.upsert([DOCS[0]])


# Characters with a meaning in FTS5, tsquery or Meilisearch query syntax; people type them in product names
# ("Flour \"Extra\"", "M500*"), paste them, or hit them by mistake. None may reach a backend as syntax.
SYNTAX = ['"', "*", "'", "\\", "(", ")", ":", "^", "-", "+", "&", "|", "!", "<->", "{", "}", "[", "]",
          "NOT", "AND", "OR", "NEAR", "%", "_", "\x00", "~", "@", "#", ";", "/*", "--"]


@pytest.mark.parametrize("q", SYNTAX + ["".join(SYNTAX), '"unclosed', "a*b*c", "NEAR(a b)", "title:мука",
                                        "мука OR", "AND мука", "'; DROP TABLE x; --", "\\'\"", "*" * 300])
def test_any_text_is_a_query_never_an_error(loaded, q):
    for kw in ({}, {"sort": "newest"}, {"vector": FLOUR, "semantic_ratio": 0.5}, {"facets": ("kind",)}):
        result = search(loaded, q, **kw)
        assert result.total >= 0 and len(result.hits) <= result.total


@pytest.mark.parametrize("wrap", ['"{}"', "{}*", "*{}", "({})", "{}:", "-{}", "{} AND", "'{}'",
                                  "{}\\", "{}&|!", "^{}"])
def test_syntax_around_a_word_still_finds_the_word(loaded, wrap):
    assert "o-001" in refs(search(loaded, wrap.format("мука")))


def test_documents_with_syntax_characters_are_found(backend):
    backend.upsert([opp(40, 'Cement "M500*" (NOT bulk) - 50\\kg: AND/OR', "it's 'ready' & <fresh> | ^now")])
    assert refs(search(backend, 'cement "M500*"')) == ["o-040"]
    assert refs(search(backend, "it's ready")) == ["o-040"]


@pytest.fixture
def customs_synonyms(backend, tmp_path, monkeypatch):
    """A thesaurus of one concept in three languages, in place before the backend is configured again."""
    from search import synonyms

    path = tmp_path / "synonyms.tsv"
    path.write_text("customs\ten\tcustoms clearance\ncustoms\tru\tтаможенное оформление\n"
                    "customs\ttr\tgümrük müşavirliği\n", encoding="utf-8")
    monkeypatch.setattr(synonyms, "SYNONYMS", path)
    synonyms._thesaurus.cache_clear()
    backend.configure()  # Meilisearch takes its synonyms with the settings
    backend.upsert([
        *DOCS,
        opp(11, "Таможенное оформление грузов в Алматы", "Брокер, декларации ЕАЭС", sectors=["logistics"],
            day=11, vector=[0.0, 0.0, 0.0, 1.0], company="Alatau Broker"),
        opp(12, "Customs clearance for machinery imports", "Almaty terminal", kind="request", language="en",
            sectors=["logistics"], day=12, vector=[0.0, 0.0, 0.0, 1.0], company="Steppe Machinery"),
    ])
    yield backend
    synonyms._thesaurus.cache_clear()


def test_a_phrase_also_finds_its_synonyms_in_other_languages(customs_synonyms):
    result = search(customs_synonyms, "customs clearance")
    assert refs(result)[0] == "o-012"  # the query's own words first, as for any synonym
    assert set(refs(result)) == {"o-011", "o-012"} and result.total == 2
    assert refs(search(customs_synonyms, "gümrük müşavirliği")) and set(
        refs(search(customs_synonyms, "gümrük müşavirliği"))) == {"o-011", "o-012"}
    # inflected, and with a filter that only the Russian listing passes
    assert refs(search(customs_synonyms, "таможенного оформления", filters={"kind": "request"})) == ["o-012"]


def test_a_synonym_keeps_the_other_words_of_the_query(customs_synonyms):
    assert refs(search(customs_synonyms, "customs clearance брокер")) == ["o-011"]
    # all the words match through a synonym, so none is dropped (which would bring the Russian listing)
    assert refs(search(customs_synonyms, "таможенное оформление machinery")) == ["o-012"]


def test_synonym_matches_are_highlighted_and_counted_in_facets(customs_synonyms):
    result = search(customs_synonyms, "customs clearance", facets=["kind"])
    russian = next(h for h in result.hits if h.ref == "o-011")
    assert "<mark>Таможенное</mark> <mark>оформление</mark>" in russian.highlights["title"]
    assert result.facets["kind"] == {"offer": 1, "request": 1}


def test_synonyms_join_the_meaning_candidates_of_a_hybrid_query(customs_synonyms):
    result = search(customs_synonyms, "customs clearance", vector=[0.0, 0.0, 0.0, 1.0], semantic_ratio=0.5)
    assert {"o-011", "o-012"} <= set(refs(result))


def test_the_pages_after_the_querys_own_matches_go_on_with_its_synonyms(customs_synonyms):
    first = search(customs_synonyms, "customs clearance", per_page=1)
    second = search(customs_synonyms, "customs clearance", per_page=1, page=2)
    assert refs(first) == ["o-012"] and refs(second) == ["o-011"]


def test_synonym_matches_take_their_place_by_date_when_sorted_by_newest(customs_synonyms):
    result = search(customs_synonyms, "таможенное оформление", sort="newest")
    assert refs(result) == ["o-012", "o-011"] and result.total == 2  # o-012 (day 12) found through its English



def test_a_kazakh_word_meets_its_other_forms(backend):
    backend.upsert([opp(61, "Кеңсе жиһазы", "Үстелдер мен орындықтар, Алматы", language="kk", sectors=["furniture"]),
                    opp(62, "Мұздатылған балықтар", "Көксерке, Балқаш", language="kk", sectors=["food"]),
                    opp(63, "Офисная мебель", "Столы и стулья", sectors=["furniture"])])
    # plural + possessive against the possessive (the Russian "мебель" may follow, a synonym of the lexicon)
    assert refs(search(backend, "жиһаздары"))[:1] == ["o-061"]
    assert refs(search(backend, "балық")) == ["o-062"]  # the singular against the plural
    assert refs(search(backend, "балықтарды")) == ["o-062"]  # plural + accusative


def test_a_kazakh_loanword_meets_its_other_forms_in_kazakh_text(backend):
    """"машинасы" (its machine) has no Kazakh letter, but beside "тігін" it is Kazakh: it meets the plural of a
    Kazakh listing. Meilisearch has no Kazakh stemmer: the embedded backend's reading."""
    from search.meili import MeiliBackend

    if isinstance(backend, MeiliBackend):
        pytest.skip("the embedded backend's reading: Meilisearch does not stem Kazakh")
    backend.upsert([opp(66, "Өнеркәсіптік тігін машиналары керек", "Шымкент", kind="request", language="kk",
                        sectors=["machinery"]),
                    opp(67, "Тігін жібі", "Полиэстер", language="kk", sectors=["textiles"])])
    assert refs(search(backend, "тігін машинасы")) == ["o-066"]


def test_a_phrase_holding_a_function_word_of_another_language_is_searched_with_it(backend, tmp_path, monkeypatch):
    """"жылқы еті" (horse meat) is also the Turkish "at eti": searched as "eti" alone, it found every Turkish meat
    listing. Meilisearch applies its synonyms itself: the embedded backend's reading."""
    from search.meili import MeiliBackend

    if isinstance(backend, MeiliBackend):
        pytest.skip("the embedded backend's reading")
    _lexicon(backend, tmp_path, monkeypatch, "horse_meat\ttr\tat eti\nhorse_meat\tkk\tжылқы еті\n")
    backend.upsert([opp(68, "At eti ihracatı", "Dondurulmuş at eti", language="tr", sectors=["meat"]),
                    opp(69, "Sığır eti ithalatı", "Dondurulmuş sığır eti", kind="request", language="tr",
                        sectors=["meat"])])
    assert refs(search(backend, "жылқы еті")) == ["o-068"]


def test_a_turkish_compound_singular_names_its_concept_in_other_languages(backend):
    """"ambalaj malzemesi" is the singular of the lexicon's "ambalaj malzemeleri" (packaging materials)."""
    backend.upsert([opp(64, "Упаковочные материалы", "Картонные коробки и стрейч-плёнка", sectors=["packaging"]),
                    opp(65, "Фасовочные автоматы", "Линии розлива", sectors=["machinery"])])
    assert refs(search(backend, "ambalaj malzemesi")) == ["o-064"]


def _lexicon(backend, tmp_path, monkeypatch, lines: str) -> None:
    """The lexicon of goods replaced by `lines` (CONCEPT<TAB>LANG<TAB>phrase), in place before the backend is
    configured again (Meilisearch takes its synonyms with the settings)."""
    from search import synonyms

    path = tmp_path / "goods.tsv"
    path.write_text(lines, encoding="utf-8")
    monkeypatch.setattr(synonyms, "GOODS", path)
    synonyms._thesaurus.cache_clear()
    backend.configure()


@pytest.mark.parametrize("paired", [True, False])
def test_a_kazakh_paired_word_is_searched_by_its_first_word_when_no_listing_holds_the_echo(backend, monkeypatch,
                                                                                           paired):
    """"киім-кешек" (clothing): no listing writes the echo "кешек", which a typo turns into "керек" (need); searched
    as "киім" it finds the clothes, not a listing that needs something else. Meilisearch has no vocabulary to tell,
    and searches both words."""
    from search import kazakh
    from search.meili import MeiliBackend

    if isinstance(backend, MeiliBackend):
        pytest.skip("the embedded backend's reading: Meilisearch searches both words")
    monkeypatch.setattr(kazakh, "PAIRED_ECHO", paired)
    backend.upsert([opp(80, "Жұмыс киімі", "Арнайы киім тігеміз", sectors=["textiles"], language="kk"),
                    opp(81, "Ұн керек", "Наубайханаға киім емес, ұн керек", kind="request", language="kk")])
    found = refs(search(backend, "киім-кешек"))
    assert found == (["o-080", "o-081"] if paired else ["o-081"])


def test_a_misspelt_name_of_goods_no_listing_holds_still_finds_its_synonyms(backend, tmp_path, monkeypatch):
    """"amophos" is one letter short of the lexicon's "ammophos", which no listing spells: the embedded backend
    reads it as the lexicon spells it and finds the Russian "аммофос". Meilisearch looks its synonyms up by the
    words as typed and is not asked to."""
    from search.meili import MeiliBackend

    _lexicon(backend, tmp_path, monkeypatch, "ammophos\ten\tammophos\nammophos\tru\tаммофос\n")
    backend.upsert([opp(66, "Аммофос 12:52, биг-бэги", "Удобрение, DAP Бишкек", sectors=["chemicals"]),
                    opp(67, "Суперфосфат", "Удобрение фосфорное", sectors=["chemicals"])])
    if not isinstance(backend, MeiliBackend):
        assert refs(search(backend, "amophos")) == ["o-066"]
    assert refs(search(backend, "аммофос")) == ["o-066"]


def test_a_compound_no_listing_holds_finds_the_listings_of_its_parts(backend, tmp_path, monkeypatch):
    """"Ersatzteilservice" (spare parts service) is one German word that no listing holds: the embedded backend
    reads it as "ersatzteil service", and "ersatzteil" names spare parts, which the Turkish listing offers.
    Meilisearch takes the word as typed and is not asked to."""
    from search.meili import MeiliBackend

    _lexicon(backend, tmp_path, monkeypatch, "spares\tde\tErsatzteile\nspares\ttr\tyedek parça\n"
                                            "repair\ten\tafter-sales service\n")
    backend.upsert([opp(68, "Dokuma makineleri", "Kurulum ve yedek parça tedariki", sectors=["machinery"]),
                    opp(69, "Ткацкие станки", "Новые станки, поставка", sectors=["machinery"])])
    if not isinstance(backend, MeiliBackend):
        assert refs(search(backend, "Ersatzteilservice")) == ["o-068"]
    assert refs(search(backend, "yedek parça")) == ["o-068"]


@pytest.mark.parametrize("heads", [True, False])
def test_a_compound_whose_parts_no_listing_holds_keeps_its_head(backend, tmp_path, monkeypatch, heads):
    """"Rinderinnereien" (beef offal) is read as "rinder innereien"; no listing holds either word, nor both
    concepts together, so the query goes without one: German puts the head last, and "innereien" (offal) kept
    finds the offal by its Russian name. Without the rule the later word went first, and the cattle were found.
    Meilisearch takes the word as typed and is not asked to."""
    from search.embedded import searcher
    from search.meili import MeiliBackend

    if isinstance(backend, MeiliBackend):
        pytest.skip("the embedded backend parts compounds; Meilisearch takes the word as typed")
    monkeypatch.setattr(searcher, "FEWER_KEEPS_HEADS", heads)
    _lexicon(backend, tmp_path, monkeypatch, "offal\tde\tInnereien\noffal\tru\tсубпродукты\n"
                                            "cattle\tde\tRinder\ncattle\tru\tживой скот\n")
    backend.upsert([opp(73, "Субпродукты говяжьи замороженные", "Печень, сердце", sectors=["meat"]),
                    opp(74, "Живой скот на откорм", "Бычки казахской белоголовой породы", sectors=["livestock"])])
    assert refs(search(backend, "Rinderinnereien")) == (["o-073"] if heads else ["o-074"])


@pytest.mark.parametrize("across", [True, False])
def test_a_bent_kazakh_word_meets_its_base_form_in_the_other_script(backend, monkeypatch, across):
    """A Kazakh word in Latin script is also stemmed as its Cyrillic spelling: "baǵyttary" (its routes) meets the
    base "бағыт" (route) of a Cyrillic listing, and the Cyrillic "бағыттары" meets "baǵyty" in a Latin one; without,
    neither (their folds differ, and neither is the start of the other). Both backends index and query with the
    same analysis."""
    from search import analysis

    def forget() -> None:  # the word forms remembered under the other state
        for remembered in (analysis.stems, analysis.word_forms, analysis._query_words):
            remembered.cache_clear()

    monkeypatch.setattr(analysis, "KAZAKH_LATIN_STEMS", across)
    forget()
    try:
        backend.upsert([opp(75, "Ақтау арқылы жаңа бағыт", "Контейнер тасымалы", sectors=["logistics"],
                            language="kk"),
                        opp(76, "Jańa baǵyty: Aqtaý – Baký", "Konteiner tasymaly", sectors=["logistics"],
                            language="kk"),
                        opp(77, "Мука пшеничная", "Первый сорт", sectors=["grain"])])
        assert ("o-075" in refs(search(backend, "baǵyttary"))) is across
        assert ("o-076" in refs(search(backend, "бағыттары"))) is across
    finally:
        forget()


@pytest.mark.parametrize("long_stems", [True, False])
def test_a_phrase_s_latin_word_does_not_match_by_a_stem_cut_short(backend, tmp_path, monkeypatch, long_stems):
    """"пиломатериалы" (sawn timber) is also "kereste" in Turkish, which the Turkish stemmer cuts to "ker", the stem
    of the Kazakh "keri" (back) in a container-shipping offer: the embedded backend matches a phrase's Latin word by
    its stems of five letters or more only. Meilisearch takes the phrases as typed, unstemmed."""
    from search.embedded import planner
    from search.meili import MeiliBackend

    if isinstance(backend, MeiliBackend):
        pytest.skip("the embedded backend's phrase matching")
    monkeypatch.setattr(planner, "PHRASE_LONG_LATIN_STEMS", long_stems)
    _lexicon(backend, tmp_path, monkeypatch, "timber\tru\tпиломатериалы\ntimber\ttr\tkereste\n")
    backend.upsert([opp(78, "Konteiner tasymaly", "Túrkııadan Qazaqstanǵa jáne keri", sectors=["logistics"],
                        language="kk"),
                    opp(79, "Kereste ihracatı", "Çam kereste", sectors=["timber"], language="tr")])
    assert refs(search(backend, "пиломатериалы")) == (["o-079"] if long_stems else ["o-079", "o-078"])


def test_a_russian_word_does_not_meet_a_kazakh_word_that_only_folds_like_it(backend, tmp_path, monkeypatch):
    """"шины" (tyres) and the Kazakh "шыны" (glass) fold alike ("шини"): neither the lexicon's Russian name of
    tyres ("tyres") nor, on the embedded backend, "шины" typed finds the honey sold in glass jars, while
    "косалкы", Kazakh typed with Russian letters, still finds "қосалқы". Meilisearch takes the lexicon's phrases as
    typed, and folds a typed query without knowing which listings' words are kin: it is asked for the tyres by
    their English name only."""
    from search.embedded import planner
    from search.meili import MeiliBackend

    _lexicon(backend, tmp_path, monkeypatch, "tyres\ten\ttyres\ntyres\tru\tшины\n")
    backend.upsert([opp(70, "Шины для грузовиков", "Новые, из Китая", sectors=["machinery"]),
                    opp(71, "Табиғи тау балы", "Гүл балы, шыны банкаларда", language="kk", sectors=["food"]),
                    opp(72, "Комбайн қосалқы бөлшектері", "Жаңа, Қостанай", language="kk", sectors=["machinery"])])
    assert refs(search(backend, "tyres")) == ["o-070"]
    if not isinstance(backend, MeiliBackend):
        assert refs(search(backend, "шины")) == ["o-070"]
        assert refs(search(backend, "косалкы бөлшектері")) == ["o-072"]
        monkeypatch.setattr(planner, "TYPED_FOLD_KIN_ONLY", False)  # the state before: the honey too
        assert sorted(refs(search(backend, "шины"))) == ["o-070", "o-071"]
        monkeypatch.setattr(planner, "PHRASE_FOLD_KAZAKH_ONLY", False)
        assert sorted(refs(search(backend, "tyres"))) == ["o-070", "o-071"]


@pytest.mark.parametrize("stem_kin", [True, False])
def test_a_russian_word_does_not_meet_another_word_of_the_same_stem(backend, tmp_path, monkeypatch, stem_kin):
    """"медь" (copper) and "мёда" (of honey) share the Snowball stem "мед", which is also the fold of "мёд";
    "сырьё" (raw materials) and "сыр" (cheese) the stem "сыр". On the embedded backend a Russian query word meets
    only its own forms of such a stem ("меди", "медью"), typed or through a lexicon's phrase; with
    `RUSSIAN_STEM_KIN` off, the state before, the honey too. A word with no stem of its own ("мёд") is read as
    before, and typo tolerance is not changed. Meilisearch stems by its own rules: it is only asked to find the
    copper."""
    from search.embedded import planner
    from search.meili import MeiliBackend

    monkeypatch.setattr(planner, "RUSSIAN_STEM_KIN", stem_kin)
    _lexicon(backend, tmp_path, monkeypatch, "copper\ten\tcopper\ncopper\tru\tмедь\n")
    backend.upsert([opp(80, "Катодная медь марки М00к", "Поставки меди, оплата по LME", sectors=["metals"]),
                    opp(81, "Торговля рафинированной медью", "Вагонами", sectors=["metals"]),
                    opp(82, "Мёд гречишный", "Продаём мёда 20 тонн, фасовка 1 кг", sectors=["food"]),
                    opp(83, "Сыр твёрдый", "Выдержка 6 месяцев", sectors=["food"]),
                    opp(84, "Поставки сырья для фармацевтики", "Экстракты трав", sectors=["chemicals"])])
    copper = ["o-080", "o-081"]
    assert set(copper) <= set(refs(search(backend, "медь")))
    if isinstance(backend, MeiliBackend):
        return
    assert sorted(refs(search(backend, "медь"))) == (copper if stem_kin else [*copper, "o-082"])
    assert sorted(refs(search(backend, "copper"))) == (copper if stem_kin else [*copper, "o-082"])
    # the other way round the copper stays, ranked below: "мёд" meets the term "мед", which is both honey spelt
    # without ё, as most write it, and the copper's stem; the engines cannot tell the two apart
    assert refs(search(backend, "мёд"))[0] == "o-082"
    # "сырьё" is five letters, so one typo away from the cheese's "сыр" folded ("сир"): that finds the cheese after
    # the raw materials; by the stem, the state before, the cheese came first (its title holds "сыр" as typed)
    assert refs(search(backend, "сырьё")) == (["o-084", "o-083"] if stem_kin else ["o-083", "o-084"])


def test_a_query_naming_goods_whole_finds_their_other_names_before_longer_words_it_starts(backend, tmp_path,
                                                                                          monkeypatch):
    """"sera" is greenhouse in Turkish and the start of "Serakhs", a border crossing: the embedded backend ranks
    the greenhouse listing, found by the lexicon's Russian name, before the crossing. Meilisearch ranks by its
    own rules and is only asked to find both."""
    from search.meili import MeiliBackend

    _lexicon(backend, tmp_path, monkeypatch, "greenhouse\ttr\tsera\ngreenhouse\tru\tтеплица\n")
    backend.upsert([opp(68, "Пшеница через Serakhs", "Доставка вагонами до Serakhs", sectors=["grain"]),
                    opp(69, "Тепличный комплекс", "Теплица 10 га, томаты", sectors=["agriculture"])])
    found = refs(search(backend, "sera"))
    assert set(found) == {"o-068", "o-069"}
    if not isinstance(backend, MeiliBackend):
        assert found == ["o-069", "o-068"]


def test_a_phrasing_no_listing_holds_is_not_sent_to_the_database(backend, tmp_path, monkeypatch):
    """The lexicon names copper cathodes in three languages and the listings hold the Russian name only: the
    embedded backend leaves the other names out of what it asks the database (they could match nothing), and
    the answer is the one every name would give."""
    from sqlalchemy import event

    from search.embedded import EmbeddedBackend

    _lexicon(backend, tmp_path, monkeypatch,
             "cathode\ten\tcopper cathode\ncathode\tru\tкатодная медь\ncathode\ttr\tbakır katot\n")
    backend.upsert([opp(70, "Катодная медь М00к", "Катоды медные, LME grade A", sectors=["metals"]),
                    opp(71, "Медный лом", "Лом меди 3 сорта", sectors=["metals"])])
    asked = []
    if isinstance(backend, EmbeddedBackend):
        event.listen(backend.engine, "before_cursor_execute",
                     lambda conn, cursor, statement, params, context, many: asked.append(repr(params)))
    assert refs(search(backend, "copper cathode")) == ["o-070"]
    if isinstance(backend, EmbeddedBackend):
        assert any("катодн" in p for p in asked) and not any("katot" in p for p in asked)


def test_a_country_named_in_the_query_finds_the_listings_aimed_at_it(backend):
    backend.upsert([opp(51, "Мука пшеничная высшего сорта", "Мешки 50 кг", countries=["MN"]),
                    opp(52, "Мука пшеничная первого сорта", "Мешки 25 кг", countries=["UZ"])])
    assert refs(search(backend, "мука Монголия")) == ["o-051"]
    assert refs(search(backend, "мука в Монголию")) == ["o-051"]  # inflected, with a stopword
    assert refs(search(backend, "Moğolistan")) == ["o-051"]  # the country's name in another language
    assert refs(search(backend, "мука Моңғолияға")) == ["o-051"]  # Kazakh: a case ending on the name ("to")
    assert set(refs(search(backend, "мука"))) == {"o-051", "o-052"}


@pytest.fixture
def goods_names(backend, tmp_path, monkeypatch):
    """A lexicon of goods: sunflower oil (three languages) is a kind of vegetable oil (two), in place before the
    backend is configured again."""
    from search import synonyms

    _lexicon(backend, tmp_path, monkeypatch,
             "oils\ten\tvegetable oil\noils\tde\tPflanzenöl\n"
             "sunflower\ten\tsunflower oil\nsunflower\tru\tподсолнечное масло\nsunflower\ttr\tayçiçek yağı\n"
             "sunflower\tbroader\toils\n")
    backend.upsert([
        opp(31, "Ayçiçek yağı, rafine", "Mersin, 5 l şişeler", language="tr", sectors=["food"], day=5),
        opp(32, "Pflanzenöl in Flaschen", "Großhandel Hamburg", language="de", sectors=["food"], day=6),
        opp(33, "Подсолнечное масло наливом", "Флексибаги, DAP Урумчи", kind="request", sectors=["food"], day=7),
    ])
    yield backend
    synonyms._thesaurus.cache_clear()


def test_a_name_of_goods_finds_its_synonyms_but_not_the_broader_goods(goods_names):
    assert set(refs(search(goods_names, "sunflower oil"))) == {"o-031", "o-033"}
    assert refs(search(goods_names, "ayçiçek yağı", filters={"kind": "request"})) == ["o-033"]


def test_broader_goods_find_their_kinds_after_their_own_names(goods_names):
    from search.meili import MeiliBackend

    found = refs(search(goods_names, "vegetable oil"))
    assert set(found) == {"o-031", "o-032", "o-033"}
    if not isinstance(goods_names, MeiliBackend):  # Meilisearch ranks its synonyms by its own rules
        assert found[0] == "o-032"


@pytest.mark.parametrize("segment", [True, False])
def test_a_chinese_query_typed_as_one_run_is_parted_into_its_words(backend, tmp_path, monkeypatch, segment):
    """"乌兹别克斯坦小麦" (Uzbekistan wheat) is one run of characters: parted into its words (`search.chinese`), its
    product meets the lexicon and its country the listings' countries; as typed, its bigram across the two words
    ("坦小") keeps the lexicon from seeing the product (when the order of fewer words does not keep the product's
    word to the last, `FEWER_KEEPS_CONCEPTS`, which finds it too). Meilisearch parts Chinese words itself."""
    from search import chinese
    from search.embedded import searcher
    from search.meili import MeiliBackend

    if isinstance(backend, MeiliBackend):
        pytest.skip("Meilisearch's tokenizer parts Chinese words itself")
    monkeypatch.setattr(chinese, "SEGMENT", segment)
    monkeypatch.setattr(searcher, "FEWER_KEEPS_CONCEPTS", False)
    _lexicon(backend, tmp_path, monkeypatch, "wheat\ten\twheat\nwheat\tzh\t小麦\nwheat\tru\tпшеница\n")
    backend.upsert([opp(70, "Wheat class 3, protein 12.5%", countries=["UZ"], language="en"),
                    opp(71, "Пшеница 4 класса", countries=["CN"]),
                    opp(72, "Цемент М400", countries=["UZ"], sectors=["construction"])])
    found = refs(search(backend, "乌兹别克斯坦小麦"))
    if segment:
        assert found == ["o-070"]
    else:  # as typed, the country's words are met and the product's are not, and a country is not kept alone
        assert found == []
        monkeypatch.setattr(searcher, "FEWER_NOT_COUNTRIES_ALONE", False)  # before: the cement to Uzbekistan first
        assert refs(search(backend, "乌兹别克斯坦小麦"))[0] == "o-072"


@pytest.mark.parametrize("with_synonyms", [True, False])
def test_the_words_a_sentence_keeps_are_searched_with_their_other_names(backend, tmp_path, monkeypatch,
                                                                         with_synonyms):
    """No listing holds "ищем" and "пшеницу" together: the query goes without "ищем", in more listings, and the
    word it keeps is searched with the lexicon's other names for wheat too (embedded backend,
    `FEWER_WITH_SYNONYMS`), so the German listing joins the Russian one. ("ищем" is read as a word here: the
    intent of `search.intent` would leave it out before any word goes.)"""
    from search import intent
    from search.embedded import searcher

    if type(backend).__name__ == "MeiliBackend":
        pytest.skip("the embedded backend's order of fewer words")
    monkeypatch.setattr(searcher, "FEWER_WITH_SYNONYMS", with_synonyms)
    monkeypatch.setattr(intent, "INTENT", False)
    _lexicon(backend, tmp_path, monkeypatch, "wheat\tru\tпшеница\nwheat\tde\tWeizen\n")
    backend.upsert([opp(n, f"Ищем {what}", kind="request", day=n) for n, what in
                    ((80, "поставщика муки"), (81, "перевозчика в Китай"))]
                   + [opp(82, "Пшеница 3 класса", day=2), opp(83, "Weizen Klasse 3", language="de", day=3)])
    found = set(refs(search(backend, "ищем пшеницу")))
    assert found == ({"o-082", "o-083"} if with_synonyms else {"o-082"})


@pytest.mark.parametrize("keeps_concepts", [True, False])
def test_a_word_naming_goods_no_listing_holds_goes_without_last(backend, tmp_path, monkeypatch, keeps_concepts):
    """No listing holds "Weizen", the lexicon's German name of wheat: with `FEWER_KEEPS_CONCEPTS` the query goes
    without "Klasse" and "3" first, and "Weizen" finds the Russian listing by its other name; by frequency alone
    "Weizen" went first and "Klasse 3" found the cement (embedded backend)."""
    from search.embedded import searcher

    if type(backend).__name__ == "MeiliBackend":
        pytest.skip("the embedded backend's order of fewer words")
    monkeypatch.setattr(searcher, "FEWER_KEEPS_CONCEPTS", keeps_concepts)
    _lexicon(backend, tmp_path, monkeypatch, "wheat\tru\tпшеница\nwheat\tde\tWeizen\n")
    backend.upsert([opp(84, "Пшеница мягкая", "3 класс, протеин 12,5%", day=2),
                    opp(85, "Zement Klasse 3", language="de", sectors=["construction"], day=3)])
    assert refs(search(backend, "Weizen Klasse 3"))[:1] == (["o-084"] if keeps_concepts else ["o-085"])


def test_an_answer_holding_every_word_says_nothing_of_words_searched(loaded):
    result = search(loaded, "мука")
    assert result.total and result.searched is None
    assert search(loaded, "xyzzyq").searched is None  # nothing found: no words to name either


def test_an_answer_found_with_fewer_words_names_the_words_it_was_found_by(backend, monkeypatch):
    """No listing holds "пшеница" and "авокадо" together: the answer is "пшеница"'s, and says so (embedded
    backend; Meilisearch does not tell which words its matching strategy kept)."""
    from search import intent

    if type(backend).__name__ == "MeiliBackend":
        pytest.skip("the embedded backend's order of fewer words")
    monkeypatch.setattr(intent, "INTENT", False)
    backend.upsert([opp(86, "Пшеница мягкая 3 класса", day=2), opp(87, "Ячмень кормовой", day=3)])
    result = search(backend, "пшеница авокадо")
    assert refs(result)[:1] == ["o-086"]
    assert result.searched == "пшеница"
    both = search(backend, "пшеница мягкая")
    assert both.total and both.searched is None


def test_fewer_words_never_keep_a_country_s_name_alone(backend, monkeypatch):
    """"авокадо Китай": no listing holds avocados, and a listing naming China says nothing of what is sought, so
    the words find nothing (the search page then shows the listings closest in meaning; embedded backend)."""
    from search import intent
    from search.embedded import searcher

    if type(backend).__name__ == "MeiliBackend":
        pytest.skip("the embedded backend's order of fewer words")
    monkeypatch.setattr(intent, "INTENT", False)
    backend.upsert([opp(88, "Пшеница мягкая в Китай", "Поставки в Китай по железной дороге", countries=["CN"])])
    assert search(backend, "авокадо Китай").total == 0
    assert refs(search(backend, "пшеница авокадо Китай")) == ["o-088"]  # a word beside the country: kept
    monkeypatch.setattr(searcher, "FEWER_NOT_COUNTRIES_ALONE", False)  # the state before: the country alone
    before = search(backend, "авокадо Китай")
    assert refs(before) == ["o-088"] and before.searched == "Китай"


def test_the_words_an_answer_was_found_by_are_named_as_typed(backend, monkeypatch):
    """The words kept are named as the user typed them, not as the search reads them: "Kazakistan'dan" with its
    capital and case ending, a Chinese word whole rather than in the bigrams it is matched by (embedded backend)."""
    from search import intent

    if type(backend).__name__ == "MeiliBackend":
        pytest.skip("the embedded backend's order of fewer words")
    monkeypatch.setattr(intent, "INTENT", False)
    backend.upsert([opp(86, "Kazakistan'dan buğday", "Ekmeklik buğday, Mersin", language="tr", day=2),
                    opp(87, "求购哈萨克斯坦小麦", "乌鲁木齐面粉厂", language="zh", countries=["CN"], day=3)])
    assert search(backend, "Kazakistan'dan Buğday avokado").searched == "Kazakistan'dan Buğday"
    found = search(backend, "哈萨克斯坦小麦和牛油果")
    assert refs(found)[:1] == ["o-087"] and found.searched == "哈萨克斯坦 小麦"


@pytest.mark.parametrize("owner_last", [True, False])
def test_a_listing_found_through_its_owner_alone_comes_after_one_naming_the_words(backend, monkeypatch,
                                                                                   owner_last):
    """The honey of an importer whose sectors say "wool" matches "wool" in its owner's column, which ranks above a
    description; with `OWNER_ONLY_LAST` the carpets whose own description names wool come first, by keywords alone
    and in a hybrid search where both lie as close to the query, and the pages still show each listing once
    (embedded backend)."""
    from search.embedded import searcher

    if type(backend).__name__ == "MeiliBackend":
        pytest.skip("the embedded backend's order of owner matches")
    monkeypatch.setattr(searcher, "OWNER_ONLY_LAST", owner_last)
    backend.upsert([
        opp(90, "Горный мёд", "Бочки 300 кг", kind="request", sectors=["wool", "honey"], company="Urumqi Trade",
            countries=["CN"], vector=[0.0, 0.0, 0.8, 0.6]),
        opp(91, "Hand-knotted carpets", "Made of sheep wool in Shymkent", language="en", sectors=["textiles"],
            company="Shymkent Kilem", vector=[0.0, 0.0, 0.6, 0.8]),
        opp(92, "Мука пшеничная", "Мешки 50 кг", sectors=["grain"], vector=FLOUR),
    ])
    expected = ["o-091", "o-090"] if owner_last else ["o-090", "o-091"]
    assert refs(search(backend, "wool")) == expected
    between = [0.0, 0.0, 0.7071, 0.7071]  # as close to the one as to the other
    assert refs(search(backend, "wool", vector=between, semantic_ratio=0.5))[:2] == expected
    pages = [refs(search(backend, "wool", per_page=1, page=n)) for n in (1, 2, 3)]
    assert pages == [expected[:1], expected[1:], []]


def test_a_rebuild_on_postgresql_gives_the_planner_the_new_slots_statistics(backend):
    if getattr(backend, "engine", None) is None or backend.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's planner statistics")
    from sqlalchemy import text

    backend.rebuild(DOCS[:3])
    with backend.engine.connect() as conn:
        live = conn.execute(text("SELECT value FROM search_meta WHERE key = 'live'")).scalar_one()
        # reltuples is -1 for a table never analyzed; a bulk load this small would not wake autovacuum
        sql = "SELECT reltuples FROM pg_class WHERE oid = to_regclass(:t)"
        assert conn.execute(text(sql), {"t": f"search_doc_{live}"}).scalar_one() == 3


def test_a_slot_made_before_the_head_table_gets_it_on_postgresql(backend):
    """PostgreSQL's first tier reads the title and owner lexemes from a table of their own (`search_head_<slot>`),
    as SQLite's does. A slot made before that table existed gets it from `configure`, filled from the documents'
    tsvectors, so a title match still comes before a body match without a reindex."""
    if getattr(backend, "engine", None) is None or backend.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's head table")
    from sqlalchemy import text

    backend.upsert([opp(86, "Подшипники роликовые", "поставка со склада", day=3),
                    opp(87, "Запчасти для тракторов", "в том числе подшипники", day=4)])
    with backend.engine.begin() as conn:
        live = conn.execute(text("SELECT value FROM search_meta WHERE key = 'live'")).scalar_one()
        written = dict(conn.execute(text(f"SELECT d.id, h.tsv::text FROM search_head_{live} h "
                                         f"JOIN search_doc_{live} d ON d.num = h.num")).all())
        conn.execute(text(f"DROP TABLE search_head_{live}"))
    backend.configure()
    with backend.engine.connect() as conn:
        filled = dict(conn.execute(text(f"SELECT d.id, h.tsv::text FROM search_head_{live} h "
                                        f"JOIN search_doc_{live} d ON d.num = h.num")).all())
    assert "подшипник" in filled["opportunity:86"] and "склад" not in filled["opportunity:86"]  # title, not body
    assert "подшипник" not in filled["opportunity:87"]
    assert filled.keys() == written.keys()
    assert refs(search(backend, "подшипники")) == ["o-086", "o-087"]  # the title match first, though older
    assert refs(search(backend, "подшипники", filters={"kind": "offer"})) == ["o-086", "o-087"]  # joined to the docs
    backend.delete(["opportunity:86"])
    with backend.engine.connect() as conn:
        assert conn.execute(text(f"SELECT count(*) FROM search_head_{live}")).scalar_one() == 1
    assert refs(search(backend, "подшипники")) == ["o-087"]


def test_postgresql_keeps_the_tsvectors_in_the_row_and_the_vector_out_of_it(backend):
    """Full-text tests and ranks read the tsvector of every match: `configure` asks PostgreSQL to keep it in the
    row (MAIN) and to move the vector out first (EXTERNAL), also on a slot made before."""
    if getattr(backend, "engine", None) is None or backend.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's storage of the document row")
    from sqlalchemy import text

    sql = ("SELECT attname, attstorage FROM pg_attribute WHERE attrelid = CAST(:t AS regclass) "
           "AND attname IN ('tsv', 'vector')")
    with backend.engine.begin() as conn:
        conn.execute(text("ALTER TABLE search_doc_b ALTER COLUMN tsv SET STORAGE EXTENDED, "
                          "ALTER COLUMN vector SET STORAGE EXTENDED"))
    backend.configure()
    with backend.engine.connect() as conn:
        for slot in ("a", "b"):
            assert dict(conn.execute(text(sql), {"t": f"search_doc_{slot}"}).all()) == {
                "tsv": "m", "vector": "e"}
    # a body past a page even compressed: MAIN still lets PostgreSQL move such a tsvector out of the row
    long_body = " ".join(f"слово{i}" for i in range(3000))
    backend.upsert([opp(88, "Подшипники роликовые", long_body)])
    assert refs(search(backend, "слово2999")) == ["o-088"]
