"""The thesaurus of search.synonyms: reading the file, recognising phrases, alternatives, Meilisearch's setting,
and the shipped file's shape."""
import pytest

from search import analysis, synonyms
from search.synonyms import BROADER, HS, LANGS, MEILI_MAX_WORDS, load


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


def test_a_misspelt_word_of_a_concept_is_read_as_the_thesaurus_spells_it(thesaurus):
    def nothing_indexed(term):
        return False

    assert thesaurus.spelled("customs clearence", nothing_indexed) == "customs clearance"
    assert thesaurus.spelled("таможенное офрмление", nothing_indexed) == "таможенное оформление"
    # a typo the stem absorbs is recognised as it is, so there is nothing to mend
    assert thesaurus.spelled("таможеное оформление", nothing_indexed) == "таможеное оформление"
    assert thesaurus.matches("таможеное оформление") == [(0, 2, "customs")]
    assert thesaurus.spelled("customs clearance", nothing_indexed) == "customs clearance"  # nothing to mend
    assert thesaurus.spelled("пшеница", nothing_indexed) == "пшеница"  # no concept within its typo budget


def test_a_word_a_listing_holds_or_a_country_is_not_mended(thesaurus, tmp_path):
    assert thesaurus.spelled("customs clearence", {"clearence"}.__contains__) == "customs clearence"
    assert thesaurus.spelled("customs clearence", {"clearenc"}.__contains__) == "customs clearence"  # a stem
    malt = one_file(tmp_path, "malt\ten\tmalts\n")
    assert malt.spelled("maltz", lambda t: False) == "malts"  # one typo away
    assert malt.spelled("Malta", lambda t: False) == "Malta"  # as near, but a country


def test_a_misspelt_word_is_left_to_a_listing_word_at_least_as_near_that_the_thesaurus_does_not_know(
        tmp_path, monkeypatch):
    """"canyon" is one typo from the Turkish "kamyon" (truck) and from "каньон" of a tour listing: it stays as typed,
    for the typo tolerance to find the canyon. A listing's word the thesaurus knows does not stop the mend."""
    from search.typos import Vocabulary

    trucks = one_file(tmp_path, "trucks\ttr\tkamyon\ntrucks\ten\ttrucks\n")
    listings = Vocabulary()
    listings.add(["каньон", "канон", "kamyon"])  # the tour's word and its fold; a truck listing's word
    assert trucks.spelled("canyon", lambda t: False) == "kamyon"  # no listing word given: the thesaurus's
    assert trucks.spelled("canyon", listings.__contains__, listings.variants) == "canyon"
    assert trucks.spelled("kamyin", listings.__contains__, listings.variants) == "kamyon"  # only "kamyon" near
    monkeypatch.setattr(synonyms, "SPELLING_YIELDS_TO_LISTINGS", False)
    assert trucks.spelled("canyon", listings.__contains__, listings.variants) == "kamyon"  # the state before


def test_a_short_russian_word_names_a_phrase_by_its_dictionary_lemma(tmp_path, monkeypatch):
    """"юрт" (of yurts) is three letters, under `SHORT_WORD`, so it named a concept only as spelt; its lemma "юрта"
    is the phrase."""
    yurts = one_file(tmp_path, "yurt\tru\tюрта\nyurt\ten\tyurt\n")
    assert yurts.matches("производители юрт") == [(1, 2, "yurt")]
    assert yurts.matches("юрта") == [(0, 1, "yurt")]
    monkeypatch.setattr(synonyms, "SHORT_WORD_LEMMAS", False)
    assert yurts.matches("производители юрт") == []  # the state before


def test_a_function_word_of_another_language_is_a_word_of_its_own_language_s_phrase(tmp_path, monkeypatch):
    """The Turkish "at eti" (horse meat): "at" is an English function word, dropped from queries, but the phrase
    names horse meat only with it, and as another phrasing it is searched with it."""
    from search import analysis
    from search.analysis import query_words

    meat = one_file(tmp_path, "horse_meat\ttr\tat eti\nhorse_meat\tkk\tжылқы еті\n"
                              "pentest\ten\tpen test\npentest\tru\tпентест\n")
    assert meat.matches("at eti") == [(0, 1, "horse_meat")]  # the query's words: "at" is left out
    assert meat.matches("eti") == []  # meat, not horse meat
    assert meat.matches("test") == [] and meat.matches("pen test") == [(0, 1, "pentest")]
    assert meat.alternatives("жылқы еті") == ["at eti"]
    assert meat.kept_stopwords("at eti") == {"at"} and meat.kept_stopwords("meat at almaty") == frozenset()
    assert [w.raw for w in query_words("at eti", meat.kept_stopwords("at eti"))] == ["at", "eti"]
    monkeypatch.setattr(analysis, "STOPWORDS_IN_CONTEXT", False)
    before = one_file(tmp_path, "horse_meat\ttr\tat eti\nhorse_meat\tkk\tжылқы еті\n")
    assert before.matches("eti") == [(0, 1, "horse_meat")]  # the state before
    assert before.kept_stopwords("at eti") == frozenset()


def test_two_words_name_a_phrase_that_writes_them_as_one(tmp_path, monkeypatch):
    """Mongolian writes sunflower "наранцэцэг" and "наран цэцэг"; the thesaurus holds one spelling."""
    seeds = one_file(tmp_path, "sunflower_seeds\tmn\tнаранцэцгийн үр\nsunflower_seeds\tru\tсемена подсолнечника\n"
                               "flower\tmn\tцэцэг\n")
    assert seeds.matches("наран цэцгийн үр") == [(0, 3, "sunflower_seeds")]
    assert seeds.matches("шинэ наран цэцгийн үр") == [(1, 4, "sunflower_seeds")]
    assert seeds.alternatives("наран цэцгийн үр") == ["наранцэцгийн үр", "семена подсолнечника"]
    assert seeds.matches("наранцэцгийн үр") == [(0, 2, "sunflower_seeds")]  # as the phrase writes it
    assert seeds.matches("наран цэцэг") == [(1, 2, "flower")]  # "наранцэцэг" is no phrase's word here
    monkeypatch.setattr(synonyms, "JOINED_WORDS", False)
    assert seeds.matches("наран цэцгийн үр") == []  # the state before


def test_two_chinese_words_name_a_phrase_of_one_run_in_either_order(tmp_path, monkeypatch):
    """"签证 办理" (visa processing, as `search.chinese` parts it) names "办理签证" (to process visas); the words
    must each be a word of their own, not the overlapping pairs of an unparted run."""
    visa = one_file(tmp_path, "visa_support\tzh\t办理签证\nvisa_support\tru\tвизовая поддержка\n"
                              "visa\tzh\t签证\n")
    assert visa.matches("办理签证") == [(0, 3, "visa_support")]  # as written: its three character pairs
    assert visa.matches("签证 办理") == [(0, 2, "visa_support")]  # not the one-word "visa" concept
    assert visa.matches("签证 办理 阿拉木图") == [(0, 2, "visa_support")]
    assert visa.alternatives("签证 办理") == ["办理签证", "визовая поддержка"]
    assert visa.matches("签证办理") == [(0, 1, "visa")]  # one run: its pairs "签证", "证办", "办理"
    assert visa.matches("签 证办理") == []  # a lone character is no word of the pair
    monkeypatch.setattr(synonyms, "CHINESE_EITHER_ORDER", False)
    assert visa.matches("签证 办理") == [(0, 1, "visa")]  # the state before


def test_of_two_words_as_near_the_one_that_makes_a_phrase_with_the_others_is_the_reading(tmp_path, monkeypatch):
    visa = one_file(tmp_path, "visa_support\ten\tvisa support\nsport\ten\tsport\n")
    assert visa.spelled("visa suport", lambda t: False) == "visa support"  # "sport" is as near
    assert visa.spelled("suport", lambda t: False) == "suport"  # alone, nothing tells them apart
    assert visa.spelled("suport visa", lambda t: False) == "suport visa"  # no phrase in that order
    monkeypatch.setattr(synonyms, "SPELLING_IN_CONTEXT", False)
    assert visa.spelled("visa suport", lambda t: False) == "visa suport"  # the state before


def test_a_word_keeps_its_script_unless_it_is_kazakh_in_latin_letters(tmp_path):
    kazakh = one_file(tmp_path, "diamonds\tru\tалмазы\ncustoms\tkk\tкедендік ресімдеу\n")
    assert kazakh.spelled("Almaty", lambda t: False) == "Almaty"  # one typo from "алмазы" once folded
    assert kazakh.spelled("алмаы", lambda t: False) == "алмазы"
    assert kazakh.spelled("kedendik rásimdeu", lambda t: False) == "kedendik ресімдеу"  # "á": Kazakh Latin


def test_a_word_between_two_nearest_concept_words_stays_as_typed(tmp_path):
    both = one_file(tmp_path, "a\ten\twood pellets\nb\ten\twood pallets\n")
    # "pellets" and "pallets", one typo each, and each makes a phrase with "wood"
    assert both.spelled("wood pollets", lambda t: False) == "wood pollets"
    assert both.spelled("wood pelets", lambda t: False) == "wood pellets"


def test_words_within_no_typo_budget_are_never_mended(tmp_path):
    assert one_file(tmp_path, "a\ten\tsoda\n").spelled("sofa", lambda t: False) == "sofa"  # four letters


def one_file(tmp_path, text: str):
    path = tmp_path / "one.tsv"
    path.write_text(text, encoding="utf-8")
    return load(path)


@pytest.fixture
def goods(tmp_path):
    services = tmp_path / "synonyms.tsv"
    services.write_text("oils\ten\tvegetable oil\noils\tru\tрастительное масло\n", encoding="utf-8")
    names = tmp_path / "goods.tsv"
    names.write_text(
        "sunflower\ten\tsunflower oil\nsunflower\ttr\tayçiçek yağı\nsunflower\tbroader\toils\n"
        "linseed\ten\tlinseed oil\nlinseed\tbroader\toils\n"
        "hi_oleic\ten\thigh oleic sunflower oil\nhi_oleic\tbroader\tsunflower\n"
        "orphan\ten\tcamel milk\norphan\tbroader\tno_such_concept\n", encoding="utf-8")
    return load(services, names)


def test_several_files_make_one_thesaurus_and_a_broader_concept_finds_its_kinds(goods):
    assert set(goods.concepts) == {"oils", "sunflower", "linseed", "hi_oleic", "orphan"}
    # own phrases, then the nearest kinds' (taking turns: each kind's first phrase, then their second), then theirs
    assert goods.phrases("oils") == ["vegetable oil", "растительное масло", "sunflower oil", "linseed oil",
                                     "ayçiçek yağı", "high oleic sunflower oil"]
    assert goods.alternatives("растительное масло оптом") == [
        "vegetable oil оптом", "sunflower oil оптом", "linseed oil оптом", "ayçiçek yağı оптом",
        "high oleic sunflower oil оптом"]


def test_kinds_take_turns_a_language_at_a_time(tmp_path, monkeypatch):
    kinds = one_file(tmp_path, "glass\ten\tglass products\n"
                     "flat\ten\tfloat glass\nflat\ten\tsheet glass\nflat\tru\tлистовое стекло\nflat\tbroader\tglass\n"
                     "jars\ten\tglass jars\njars\tru\tстеклянные банки\njars\tbroader\tglass\n")
    assert kinds.kinds_by_turn("glass") == ["float glass", "glass jars", "листовое стекло", "стеклянные банки",
                                            "sheet glass"]
    monkeypatch.setattr(synonyms, "KINDS_BY_TURN", False)  # the state before: each kind's phrases in a row
    assert kinds.phrases("glass") == ["glass products", "float glass", "sheet glass", "листовое стекло",
                                      "glass jars", "стеклянные банки"]


def test_a_narrower_concept_does_not_find_the_broader_one(goods):
    assert goods.alternatives("ayçiçek yağı") == ["sunflower oil", "high oleic sunflower oil"]
    assert goods.alternatives("camel milk") == []  # its broader concept does not exist: the link is dropped
    assert goods.narrower == {"oils": ["sunflower", "linseed"], "sunflower": ["hi_oleic"]}


def test_meilisearch_synonyms_lead_from_a_broader_phrase_to_its_kinds_only(goods):
    setting = goods.meilisearch_synonyms()
    assert "linseed oil" in setting["vegetable oil"]
    assert "vegetable oil" not in setting["linseed oil"]


def test_a_broad_field_names_its_hs_codes_and_a_query_naming_it_gets_them(tmp_path):
    fields = one_file(tmp_path, "food\ten\tfood products\nfood\tru\tпродукты питания\n"
                                "food\ths\t01 02  0401 x 123\nfood\ths\t02 24\n"  # malformed codes are dropped
                                "metals\ten\tmetals\nmetals\ths\t72\nghost\ths\t99\n")  # no phrase: no field
    assert fields.hs == {"food": ["01", "02", "0401", "24"], "metals": ["72"]}
    assert fields.codes_named("продуктов питания из Казахстана") == ["01", "02", "0401", "24"]
    assert fields.codes_named("metals and food products") == ["72", "01", "02", "0401", "24"]
    assert fields.codes_named("wheat") == []


def test_a_missing_file_gives_an_empty_thesaurus(tmp_path):
    empty = load(tmp_path / "absent.tsv")
    assert empty.concepts == {} and empty.alternatives("customs clearance") == []


@pytest.mark.parametrize(("name", "least"), [("SYNONYMS", 100), ("GOODS", 100), ("PLANTS", 50), ("CATEGORIES", 15)])
def test_the_shipped_files_name_every_concept_in_every_language(name, least):
    rows = [line.split("\t") for line in getattr(synonyms, name).read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    assert all(len(row) == 3 and row[1] in (*LANGS, BROADER, HS) and row[2].strip() == row[2] != "" for row in rows)
    languages: dict[str, set[str]] = {}
    for concept, lang, _ in rows:
        if lang not in (BROADER, HS):
            languages.setdefault(concept, set()).add(lang)
    assert len(languages) >= least and all(langs == set(LANGS) for langs in languages.values())


def test_the_shipped_thesaurus_gives_each_phrase_one_concept_and_links_known_concepts():
    shipped = synonyms.thesaurus()
    owners: dict[str, set[str]] = {}
    for concept, phrases in shipped.concepts.items():
        for phrase in phrases:
            owners.setdefault(phrase.lower(), set()).add(concept)
    assert [p for p, concepts in owners.items() if len(concepts) > 1] == []
    links = [line.split("\t") for path in (synonyms.SYNONYMS, synonyms.GOODS, synonyms.PLANTS, synonyms.CATEGORIES)
             for line in path.read_text(encoding="utf-8").splitlines() if f"\t{BROADER}\t" in line]
    assert len(links) >= 100 and all(a in shipped.concepts and b in shipped.concepts for a, _, b in links)
    assert sum(len(kinds) for kinds in shipped.narrower.values()) == len(links)


def test_the_shipped_fields_name_hs_chapters_and_headings_that_exist():
    from matching import hs

    shipped = synonyms.thesaurus()
    fields = {c: codes for c, codes in shipped.hs.items()}
    assert len(fields) >= 15
    assert [(c, code) for c, codes in fields.items() for code in codes if not hs.validate(code)] == []
    assert all(len(code) in (2, 4) for codes in fields.values() for code in codes)


def test_a_cyrillic_word_is_not_recognised_by_its_fold_alone_but_a_latin_one_is():
    shipped = synonyms.thesaurus()
    [(_, _, tyres)] = shipped.matches("шины")
    assert tyres not in {c for _, _, c in shipped.matches("шыны")}  # Kazakh "glass" folds like "шины" (tyres)
    [(_, _, wheat)] = shipped.matches("бидай")
    assert shipped.matches("bıdai") == shipped.matches("bidai") == [(0, 1, wheat)] and tyres != wheat


def test_tourism_itself_is_named_in_every_language_and_finds_the_tour_operators():
    """"哈萨克斯坦旅游" (tourism in Kazakhstan): "旅游" named nothing, so the search went on with the country alone."""
    shipped = synonyms.thesaurus()
    [(_, _, tourism)] = shipped.matches("旅游")
    assert all(shipped.matches(word) == [(0, 1, tourism)] for word in ("tourism", "туризм", "turizm", "Tourismus"))
    assert "tour operator" in shipped.concepts[tourism]
    assert shipped.matches("туры") == []  # the plural stays out: "паломнические туры" is a phrase of its own


def test_a_word_spelt_as_typed_wins_over_one_that_only_shares_its_stem():
    shipped = synonyms.thesaurus()
    [(_, _, honey)] = shipped.matches("мед")
    [(_, _, copper)] = shipped.matches("медь")  # both fold and stem to "мед"
    assert honey != copper and shipped.matches("меди") == [(0, 1, copper)]
    assert "honey" in shipped.concepts[honey] and "copper" in shipped.concepts[copper]


def test_a_short_word_names_a_concept_only_as_its_word_is_spelt(tmp_path, monkeypatch):
    ships = one_file(tmp_path, "ship\tkk\tкеме\nship\ten\tship\n")
    assert ships.matches("cem") == []  # folds to "кем", the stem of "кеме", not the word
    assert ships.matches("keme") == ships.matches("кеме") == [(0, 1, "ship")]
    monkeypatch.setattr(analysis, "SHORT_WORD", 0)
    assert ships.matches("cem") == [(0, 1, "ship")]  # the state before


def test_an_inflected_word_meets_the_phrase_spelt_with_more_of_its_start(tmp_path, monkeypatch):
    both = one_file(tmp_path, "honey\tru\tмёд\ncopper\tru\tмедь\n")
    assert both.matches("покупатели мёда") == [(1, 2, "honey")]  # "мё": honey, though "медь" is as long
    assert both.matches("меди") == [(0, 1, "copper")]
    monkeypatch.setattr(synonyms, "SHARED_START", False)
    assert both.matches("мёда") == [(0, 1, "copper")]  # the state before: the nearest in length


def test_meilisearch_gets_at_most_as_many_synonyms_of_a_phrase_as_it_uses(tmp_path):
    path = tmp_path / "goods.tsv"
    path.write_text("".join(f"grain\ten\tgrain {i}\n" for i in range(80)), encoding="utf-8")
    setting = load(path).meilisearch_synonyms()
    assert len(setting["grain 0"]) == synonyms.MEILI_MAX_SYNONYMS and setting["grain 0"][0] == "grain 1"


def test_a_latin_word_names_a_concept_by_its_longer_stems_only():
    shipped = synonyms.thesaurus()
    named = {q: [c for _, _, c in shipped.matches(q)] for q in ("mills", "per", "bales", "millet", "муки", "риса")}
    # the Turkish stemmer cuts "millet" to "mill" and "perde" (curtain) to "per"; Russian stems stay short
    assert named["mills"] == named["per"] == named["bales"] == []
    assert len(named["millet"]) == len(named["муки"]) == len(named["риса"]) == 1
    assert "millet" in shipped.concepts[named["millet"][0]] and "мука" in shipped.concepts[named["муки"][0]]



def test_a_kazakh_name_with_the_possessive_names_its_concept_in_either_script(tmp_path):
    names = one_file(tmp_path, "warehousing\tkk\tқойма қызметтері\nwarehousing\ten\twarehouse services\n")
    assert names.matches("қойма қызметі") == names.matches("qoima qyzmeti") == [(0, 2, "warehousing")]
    assert names.matches("qoima qyzmetteri") == [(0, 2, "warehousing")]


def test_a_turkish_name_typed_without_cedillas_names_its_concept_but_below_one_spelt_with_them(tmp_path):
    names = one_file(tmp_path, "zinc\ttr\tçinko külçe\nzinc\tru\tцинк в чушках\n"
                               "sugar\ttr\tşeker\nsugar\tkk\tшекер\npine\ttr\tçam kerestesi\n"
                               "glass\ttr\tcam kerestesi\n")
    assert names.matches("cinko kulce") == names.matches("çinko külçe") == [(0, 2, "zinc")]
    assert names.matches("sekeri") == names.matches("şeker") == [(0, 1, "sugar")]
    assert names.matches("cam kerestesi") == [(0, 2, "glass")]  # as typed, though "çam" is "cam" without its cedilla
    assert names.matches("çam kerestesi") == [(0, 2, "pine")]


def test_a_kazakh_name_typed_with_russian_letters_names_its_concept_but_below_a_word_of_its_own(tmp_path, monkeypatch):
    names = one_file(tmp_path, "durum\tkk\tқатты бидай\ndurum\tru\tтвёрдая пшеница\nwheat\tkk\tбидай\n"
                               "blanket\tkk\tкөрпе\ndish\tkk\tтабақ\ntobacco\tru\tтабак\n")
    assert names.matches("катты бидай") == names.matches("қатты бидай") == [(0, 2, "durum")]
    assert names.matches("корпе") == [(0, 1, "blanket")]
    assert names.matches("табак") == [(0, 1, "tobacco")]  # Russian tobacco, not the Kazakh "табақ" (a dish)
    assert names.matches("табақ") == [(0, 1, "dish")]
    monkeypatch.setattr(analysis, "KAZAKH_ON_RUSSIAN_KEYS", False)
    assert one_file(tmp_path, "durum\tkk\tқатты бидай\nwheat\tkk\tбидай\n").matches("катты бидай") == [
        (1, 2, "wheat")]  # the state before: "катты" named nothing


def test_a_phrase_in_the_query_s_own_script_wins_over_one_met_through_the_other_script(tmp_path, monkeypatch):
    names = one_file(tmp_path, "juice\tru\tсок\nplough\tkk\tsoqa\nplough\tkk\tплуг\nwheat\tkk\tбидай\n")
    assert names.matches("поставщик сока") == [(1, 2, "juice")]  # "сока" is "soqa" folded, and "сок" inflected
    assert names.matches("soqa") == [(0, 1, "plough")] and names.matches("bidai") == [(0, 1, "wheat")]
    monkeypatch.setattr(synonyms, "SAME_SCRIPT_FIRST", False)
    assert names.matches("поставщик сока") == [(1, 2, "plough")]  # the state before


def test_a_mongolian_agent_noun_in_the_plural_names_the_concept_of_its_singular(tmp_path, monkeypatch):
    names = one_file(tmp_path, "importer\tmn\tимпортлогч\nsupplier\tmn\tнийлүүлэгч\nwool\tmn\tноос\n")
    assert names.matches("ноос импортлогчид") == [(0, 1, "wool"), (1, 2, "importer")]
    assert names.matches("нийлүүлэгчид") == [(0, 1, "supplier")]
    monkeypatch.setattr(analysis, "MONGOLIAN_PLURAL_AGENTS", False)
    assert names.matches("ноос импортлогчид") == [(0, 1, "wool")]  # the state before


@pytest.mark.parametrize("q, kind", [("шыны өнімдері", "листовое стекло"), ("изделия из стекла", "стеклотара"),
                                     ("Kunststoffprodukte", "пластиковые трубы"), ("металлоизделия", "fasteners")])
def test_goods_named_by_their_material_as_a_whole_find_the_articles_of_that_material(q, kind):
    """The broad concepts of goods.tsv's last block find their kinds' phrases, and a kind does not find the broad
    phrase."""
    shipped = synonyms.thesaurus()
    assert kind in [a for level in shipped.alternatives_by_level(q) for a in level]
    assert q not in [a for level in shipped.alternatives_by_level(kind) for a in level]


@pytest.mark.parametrize("concept", ["g4_glass_products", "g4_ceramic_products", "g3_plastic_products",
                                     "g3_rubber_products", "g3_leather_goods", "g3_wood_products",
                                     "g3_paper_products"])
def test_a_broad_concept_reaches_every_kind_within_the_cap(concept):
    """The kinds take turns (`KINDS_BY_TURN`): each is searched by at least one phrase before any kind's later
    synonyms, so the cap of MAX_ALTERNATIVES does not stop at the first kind or two."""
    shipped = synonyms.thesaurus()
    same, kinds = shipped.alternatives_by_level(shipped.concepts[concept][0])
    assert len(same) + len(kinds) <= synonyms.MAX_ALTERNATIVES
    assert [k for k in shipped.narrower[concept] if not set(shipped.concepts[k]) & set(kinds)] == []


def test_callers_during_the_reading_wait_for_it_instead_of_reading_again(monkeypatch):
    """A search arriving while a worker's warm-up reads the thesaurus takes that reading."""
    from tests.conftest import from_threads, slow_builder

    read = slow_builder(monkeypatch, synonyms, "load")
    synonyms._thesaurus.cache_clear()
    try:
        results = from_threads(synonyms.thesaurus)
        assert len(read) == 1 and len({id(r) for r in results}) == 1
    finally:
        synonyms._thesaurus.cache_clear()


def test_a_compound_no_listing_holds_is_read_as_the_two_words_the_thesaurus_names(small_thesaurus):
    names = small_thesaurus("spares\tde\tErsatzteile\nspares\ten\tspare parts\nrepair\ten\tafter-sales service\n"
                            "fish\tde\tZander\nfillet\ten\tfish fillet\nwork\tde\tArbeitserlaubnis\n"
                            "labour\tde\tArbeit\npermit\tde\tErlaubnis\n")
    nothing = lambda term: False  # noqa: E731
    assert names.parted("Ersatzteilservice", nothing) == "ersatzteil service"  # "Ersatzteile" by its stem
    assert names.parted("Zanderfillet aus Kasachstan", nothing) == "zander fillet aus kasachstan"
    assert names.parted("Arbeitserlaubnis", nothing) == "Arbeitserlaubnis"  # a phrase of its own: stays whole
    assert names.parted("Arbeitsvisum", nothing) == "Arbeitsvisum"  # "visum" names nothing
    assert names.parted("Zanderfillet", {"zanderfillet"}.__contains__) == "Zanderfillet"  # a listing holds it
    assert names.parted("zander-fillet", nothing) == "zander-fillet"  # the hyphen parts it already


def test_the_first_parts_of_the_compounds_a_query_parts_are_its_modifiers(small_thesaurus, monkeypatch):
    names = small_thesaurus("offal\tde\tInnereien\ncattle\tde\tRinder\nfish\tde\tZander\n"
                            "fillet\ten\tfish fillet\n")
    nothing = lambda term: False  # noqa: E731
    assert names.modifiers("Rinderinnereien und Zanderfillet", nothing) == {"rinder", "zander"}
    assert names.modifiers("Zander", nothing) == frozenset()  # nothing parted
    monkeypatch.setattr(synonyms, "COMPOUNDS", False)
    assert names.modifiers("Rinderinnereien", nothing) == frozenset()


def test_a_compound_may_have_a_german_link_between_its_parts(small_thesaurus):
    names = small_thesaurus("labour\tde\tArbeit\npermit\tde\tErlaubnis\n")
    assert names.parted("Arbeitserlaubnis", lambda term: False) == "arbeit erlaubnis"  # Arbeit + s + Erlaubnis


def test_without_compounds_a_long_word_stays_whole(small_thesaurus, monkeypatch):
    monkeypatch.setattr(synonyms, "COMPOUNDS", False)  # the state before
    names = small_thesaurus("spares\tde\tErsatzteile\nrepair\ten\tafter-sales service\n")
    assert names.parted("Ersatzteilservice", lambda term: False) == "Ersatzteilservice"


def test_a_concept_of_many_phrases_leaves_half_the_cap_to_its_kinds(small_thesaurus, monkeypatch):
    monkeypatch.setattr(synonyms, "MAX_ALTERNATIVES", 4)
    names = small_thesaurus("store\ten\twarehousing\nstore\ten\twarehouse services\nstore\ten\tstorage services\n"
                            "store\tru\tсклад\nstore\tru\tхранение грузов\n"
                            "cold\ten\tcold storage\ncold\tru\tхолодильный склад\ncold\tbroader\tstore\n")
    same, kinds = names.alternatives_by_level("warehousing")
    assert same == ["склад", "warehouse services"]  # a language at a time, the typed phrase left out
    assert kinds == ["cold storage", "холодильный склад"]
    monkeypatch.setattr(synonyms, "OWN_BY_TURN", False)  # the state before: the file's order fills the cap
    assert names.alternatives_by_level("warehousing") == (
        ["warehouse services", "storage services", "склад", "хранение грузов"], [])


def test_only_german_and_english_words_are_the_parts_of_a_compound(small_thesaurus):
    # Turkish adds suffixes, not words: "dondurularak" (by freezing) is not "dondurul" + "arak"
    names = small_thesaurus("frozen\ttr\tdondurulmuş et\ndrink\ttr\tarak\nfish\tde\tZander\nfillet\ten\tfillet\n")
    assert names.parted("dondurularak kurutulmuş", lambda term: False) == "dondurularak kurutulmuş"
    assert names.parted("Zanderfillet", lambda term: False) == "zander fillet"


def test_phrasings_that_could_not_match_leave_their_place_under_the_cap(small_thesaurus, monkeypatch):
    monkeypatch.setattr(synonyms, "MAX_ALTERNATIVES", 2)
    names = small_thesaurus("advice\ten\tconsulting\nadvice\ten\tadvisory\nadvice\tru\tконсалтинг\n"
                            "advice\tde\tBeratung\n")
    assert names.alternatives_by_level("consulting") == (["консалтинг", "Beratung"], [])  # by turn, then capped
    held = {"beratung", "advisory"}
    assert names.alternatives_by_level("consulting", lambda alt: alt.lower() in held) == (
        ["Beratung", "advisory"], [])  # "консалтинг", which no listing holds, takes no place
