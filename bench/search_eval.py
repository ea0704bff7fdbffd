"""Search relevance on the dev set: precision@5 and recall@10, keywords only vs hybrid, overall and by query type.

    .venv/bin/python bench/search_eval.py [--eval-dir DIR] [--database-url URL] [--ratios 0,0.5]
        [--queries FILE] [--split all|tune|test] [--no-pivot] [--pivot-words 0.5] [--pivot-floor F]

Documents are built from records.jsonl as the app indexes them (companies and opportunities): their vector is row 0
of the matcher's own embedding of the listing, and `hs_inferred` the matcher's HS guess where it keeps one plus,
for uncoded listings, the headings their title's words and meaning point to (`add_guesses`, as the embed job stores
`hs_guessed`; `--no-doc-guesses` leaves them out). `--passage-docs` is the earlier bench: E5 passages of
`matching.documents` texts and every uncoded listing's top heading. Queries are E5 queries (Latin-script Kazakh
converted to Cyrillic first, as for listings), of the text the app embeds: without a stated need's words
(`search.intent`). Vectors are cached in bench/out/ so a re-run only searches. Each
text query gets its HS pivot headings (`search.pivot.pivot_headings`) unless --no-pivot; the pivot weighs the
query's words in the nomenclature with weight --pivot-words (default: as the app, `search.hs_words.WORD_WEIGHT`
when `search.pivot.PIVOT_WORDS`; 0 = meaning only, the state before).

Split (fixed, so constants are never chosen on the queries they are reported on): `--split tune` keeps the
queries at even positions of the query file (0, 2, 4, ...), `--split test` the odd ones. Every constant of
`search.pivot` and `search.embedded` changed for the pivot work was chosen on `tune` only. `--queries
bench/data/search_holdout.jsonl` runs our own held-out queries on the same records (see bench/data/README.md).
"""
from __future__ import annotations

import argparse
import importlib
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import numpy as np
from sqlalchemy import create_engine

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_matching import add_index_weight_option, add_word_langs_option, apply_index_weight, apply_word_langs  # noqa: E402

from matching.documents import company_text, opportunity_text  # noqa: E402
from matching.text import kk_latin_to_cyrillic, looks_kazakh_latin  # noqa: E402
from search.analysis import hs_query  # noqa: E402
from search.base import SearchQuery  # noqa: E402
from search.embedded import EmbeddedBackend  # noqa: E402
from search.hs_words import WORD_WEIGHT, HeadingWords  # noqa: E402
from search.pivot import PIVOT_WORDS  # noqa: E402

# on/off switches of the search (--OPTION yes|no): option, the constant it sets, what it does
SWITCHES = [
    ("pivot-goods", "search.pivot.PIVOT_GOODS",
     "whether the pivot and the listings' own headings count the goods names by meaning"),
    ("pivot-classifier", "search.pivot.PIVOT_CLASSIFIER",
     "whether the pivot weighs the heading classifier of the goods names, reading the query as a goods name"),
    ("kinds-by-turn", "search.synonyms.KINDS_BY_TURN",
     "a broader concept's kinds take turns in its alternatives (no: each kind's phrases in a row)"),
    ("prune-before-cap", "search.embedded.searcher.PRUNE_BEFORE_CAP",
     "phrasings with a word no listing holds are left out before the cap on phrasings, not after it"),
    ("own-by-turn", "search.synonyms.OWN_BY_TURN",
     "a concept's own phrases take turns by language, and its kinds keep up to half the alternatives' cap"),
    ("phrase-fold-kazakh-only", "search.embedded.planner.PHRASE_FOLD_KAZAKH_ONLY",
     "a thesaurus phrase's Cyrillic word without a Kazakh letter matches as spelled and stemmed, not folded"),
    ("phrase-long-latin-stems", "search.embedded.planner.PHRASE_LONG_LATIN_STEMS",
     "a thesaurus phrase's Latin word matches by its stems of five letters or more only (\"kereste\" not by \"ker\")"),
    ("typed-fold-kin-only", "search.embedded.planner.TYPED_FOLD_KIN_ONLY",
     "a Cyrillic word of the query matches by its fold only where the listings' words of that fold are the same word"),
    ("concept-spelling", "search.synonyms.SPELLING", "misspelt concept names read as the thesaurus spells them"),
    ("prefix-after-synonyms", "search.embedded.searcher.PREFIX_AFTER_SYNONYMS",
     "a query naming a concept whole finds its other names before its own prefix matches"),
    ("shared-start", "search.synonyms.SHARED_START",
     "of phrases met by a shared stem, the one spelt with more of the query word's start wins"),
    ("spelling-in-context", "search.synonyms.SPELLING_IN_CONTEXT",
     "of two concept words as near a misspelt one, the one making a phrase with the query's other words wins"),
    ("role-sides-own", "search.embedded.searcher.ROLE_SIDES_OWN",
     "beside a partner role, the query's own matches of the other side of the trade rank after the rest"),
    ("role-with-intent", "search.roles.ROLE_WITH_INTENT",
     "beside a stated need or sale, a partner role's kind answers and the writer's own side ranks after it"),
    ("role-sides", "search.embedded.searcher.ROLE_SIDES",
     "a role's matches rank the companies of the other side of the trade with the other kind of listing"),
    ("category-codes", "search.pivot.CATEGORY_CODES",
     "a query naming a broad field (\"продукты питания\") also pivots on the HS chapters the field is made of"),
    ("fewer-by-frequency", "search.embedded.searcher.FEWER_BY_FREQUENCY",
     "a query no document holds whole goes without its words in no document, then its commonest, countries last "
     "(no: the last word first)"),
    ("fewer-not-countries-alone", "search.embedded.searcher.FEWER_NOT_COUNTRIES_ALONE",
     "fewer words never keep countries' names alone"),
    ("owner-only-last", "search.embedded.searcher.OWNER_ONLY_LAST",
     "a listing matched through its owner's name or sectors alone comes after those naming the words themselves"),
    ("fewer-keeps-heads", "search.embedded.searcher.FEWER_KEEPS_HEADS",
     "the first part of a compound the query parted goes without before its head (\"Rinderinnereien\": offal)"),
    ("fewer-with-synonyms", "search.embedded.searcher.FEWER_WITH_SYNONYMS",
     "the words a query keeps when it goes without some are searched with their alternative phrasings too"),
    ("fewer-keeps-concepts", "search.embedded.searcher.FEWER_KEEPS_CONCEPTS",
     "a word of a concept the thesaurus names goes without after the others, countries aside"),
    ("chinese-words", "search.chinese.SEGMENT",
     "a Chinese query typed as one run is parted into words (jieba) before it is searched"),
    ("role-in-a-country", "search.roles.ROLE_IN_A_COUNTRY",
     "a role beside a country only (\"importer Germany\") is read as a role: the role's kind in that country first"),
    ("compounds", "search.synonyms.COMPOUNDS",
     "a long Latin word no listing holds, made of two words the thesaurus names, is read as those two words"),
    ("kazakh-latin-stems", "search.analysis.KAZAKH_LATIN_STEMS",
     "a Kazakh word in Latin script is also stemmed as its Cyrillic spelling (\"baǵyttary\" -> \"бағыт\")"),
    ("kazakh-adjectives", "search.kazakh.DERIVED",
     "a Kazakh adjective in -лық/-лік/-дық/-дік/-тық/-тік also gives its noun (\"визалық\" -> \"виза\")"),
    ("paired-echo", "search.kazakh.PAIRED_ECHO",
     "a Kazakh paired word (\"киім-кешек\") whose second word no listing holds is searched by its first word"),
    ("owner-moves-up", "search.embedded.expand.OWNER_MOVES_UP",
     "a company ranked below an offer of its own among the first results moves up to right after it"),
    ("russian-stem-kin", "search.embedded.planner.RUSSIAN_STEM_KIN",
     "a Russian word meets by its stem only its own forms where the index holds another word of that stem"),
    ("spelling-yields-to-listings", "search.synonyms.SPELLING_YIELDS_TO_LISTINGS",
     "a misspelt word stays as typed when a listing holds a word as near that the thesaurus does not know"),
    ("short-word-lemmas", "search.synonyms.SHORT_WORD_LEMMAS",
     "a short Russian word also names a phrase's word that is its dictionary lemma (\"юрт\" names \"юрта\")"),
    ("chinese-either-order", "search.synonyms.CHINESE_EITHER_ORDER",
     "two Chinese words name a thesaurus phrase written as one run in either order (\"签证 办理\": \"办理签证\")"),
    ("kazakh-text", "search.kazakh.IN_KAZAKH_TEXT",
     "in Kazakh text (a Kazakh listing; a query or phrase with a Kazakh letter) each Cyrillic word is stemmed as "
     "Kazakh"),
    ("stopwords-in-context", "search.analysis.STOPWORDS_IN_CONTEXT",
     "a thesaurus phrase keeps a function word of another language as its own word (\"at eti\": horse meat)"),
    ("joined-words", "search.synonyms.JOINED_WORDS",
     "two words of a query name a thesaurus phrase that writes them as one word (\"наран цэцгийн\": \"наранцэцгийн\")"),
    ("language-shift", "search.embedded.vectors.LANGUAGE_SHIFT",
     "each language's document vectors move to the mean of all documents before the cosines (e5 leans to the query's "
     "own language)"),
    ("roles", "search.roles.ROLES",
     "a partner role beside a product (\"покупатели мёда\") also finds the product's listings, the role's kind first"),
]
SPLITS = {"all": lambda i: True, "tune": lambda i: i % 2 == 0, "test": lambda i: i % 2 == 1}

OUT = Path(__file__).resolve().parent / "out"
# Query types as the dev set's README groups them (the disjoint set is grouped the same way).
TYPES = {
    "typo": {"sunflowr oil", "подсолнечное маcло", "ферохром", "coton fibre", "цемнт", "zink ingots"},
    "prefix": {"ферросп", "макар", "верблюжья шер", "lent", "tekstil mak"},
    "kazakh script": {"бидай уны", "bıdai uny", "күріш", "qymyz", "диірмен жабдықтары",
                      "Транскаспий контейнер тасымалы"},
    "company name": {"Aqbidai Milling", "Oskemen Zinc", "Tengri", "Otuken turizm"},
}


def query_type(item: dict) -> str:
    if not item["relevant"]:
        return "nothing expected"
    if hs_query(item["q"]):
        return "hs code"
    return next((name for name, qs in TYPES.items() if item["q"] in qs), "exact words")


def build_docs(records: list[dict]) -> list[dict]:
    """Search documents in the shape `search.documents` describes, with a stable made-up creation order."""
    companies = {r["ref"]: r for r in records if r["type"] == "company"}
    docs = []
    for i, r in enumerate(records):
        created = f"2026-01-{1 + i // 24:02d}T{i % 24:02d}:00:00+00:00"
        if r["type"] == "company":
            docs.append({
                "id": f"company:{r['ref']}", "type": "company", "ref": r["ref"], "title": r["name"],
                "description": r["description"], "kind": r["kind"], "company_name": r["name"],
                "countries": [r["country"]], "sectors": r["sectors"], "language": "", "created_at": created,
                "_text": company_text(r),
            })
        else:
            owner = companies[r["company"]]
            docs.append({
                "id": f"opportunity:{r['ref']}", "type": "opportunity", "ref": r["ref"], "title": r["title"],
                "description": r["description"], "kind": r["kind"], "company_name": owner["name"],
                "countries": r.get("countries", []), "sectors": owner["sectors"], "language": r["language"],
                "hs_codes": r.get("hs_codes", []), "created_at": created, "_text": opportunity_text(r),
                "owner": f"company:{r['company']}",
            })
    return docs


def searched(q: str) -> str:
    """The text a query is embedded and pivoted by, as the app does: without its intent's words (search.intent)."""
    from search.intent import searched_text
    from search.synonyms import thesaurus

    return searched_text(q, thesaurus())


def query_text(q: str) -> str:
    return kk_latin_to_cyrillic(q) if looks_kazakh_latin(q) else q


def embed(docs: list[dict], queries: list[str], cache_name: str) -> tuple[np.ndarray, np.ndarray]:
    """E5 passages for the documents and E5 queries, cached by text (one cache per query file)."""
    from matching.embedders import E5Embedder

    texts, qtexts = [d["_text"] for d in docs], [query_text(q) for q in queries]
    cache = OUT / f"search_eval_vectors_{cache_name}.npz"
    if cache.exists():
        data = np.load(cache, allow_pickle=False)
        if list(data["texts"]) == texts and list(data["qtexts"]) == qtexts:
            return data["docs"], data["queries"]
    e5 = E5Embedder()
    dvec, qvec = e5.embed_passages(texts), e5.embed_queries(qtexts)
    OUT.mkdir(exist_ok=True)
    np.savez(cache, texts=np.array(texts), qtexts=np.array(qtexts), docs=dvec, queries=qvec)
    return dvec, qvec


def hs_inferrer(word_weight: float = 0.0):
    """The app's inferrer; the nomenclature comes from the shipped vectors (app/matches/shipped) where they hold
    it, so a fresh checkout does not embed it all again (its matrix is then cached in bench/out)."""
    from matching.embedders import E5Embedder
    from matching.hs import HsInferrer
    from matching.shipped import ShippedFirstEmbedder, ShippedVectors

    shipped = ShippedVectors.load([Path(__file__).resolve().parents[1] / "app" / "matches" / "shipped" / "vectors.npz"])
    return HsInferrer(ShippedFirstEmbedder(E5Embedder(), shipped), cache_dir=OUT,
                      words=HeadingWords() if word_weight else None, word_weight=word_weight)


def infer_hs(docs: list[dict], vectors: np.ndarray, inferrer) -> None:
    """Top HS heading of each opportunity from `matching.hs` (cached nomenclature matrix in bench/out)."""
    for doc, vec in zip(docs, vectors, strict=True):
        if doc["type"] == "opportunity":
            doc["hs_inferred"] = [g.code for g in inferrer.infer(vec, top=1)]


def pivots(items: list[dict], qvecs: np.ndarray, inferrer, floor: float | None = None) -> list[list[str]]:
    """HS pivot headings of each query, as the app computes them (the query's words count when the inferrer
    has a word weight), then the chapters and headings of the broad fields it names."""
    from search.pivot import pivot_headings, with_category_codes
    from search.synonyms import thesaurus

    texts = [searched(item["q"]) for item in items]
    heads = [pivot_headings(inferrer, q, qv, floor=floor, words=inferrer.weighs_words)
             for q, qv in zip(texts, qvecs, strict=True)]
    return [with_category_codes(h, thesaurus(), q) for h, q in zip(heads, texts, strict=True)]


def evaluate(backend, items: list[dict], qvecs: np.ndarray, ratio: float,
             heads: list[list[str]] | None) -> dict[str, list[tuple]]:
    """{type: [(p@5, r@10 or None, n_hits)]} for one semantic ratio."""
    out: dict[str, list[tuple]] = defaultdict(list)
    for i, (item, qv) in enumerate(zip(items, qvecs, strict=True)):
        extra = {"hs_pivot": heads[i]} if heads and ratio > 0 else {}
        query = SearchQuery(q=item["q"], filters=item.get("filters", {}), per_page=10,
                            vector=qv.tolist() if ratio > 0 else None, semantic_ratio=ratio, **extra)
        got = [h.ref for h in backend.search(query).hits]
        rel = set(item["relevant"])
        p5 = sum(g in rel for g in got[:5]) / 5 if rel else None
        r10 = sum(g in rel for g in got[:10]) / len(rel) if rel else None
        np5 = sum(g in rel for g in got[:5]) / min(5, len(rel)) if rel else None
        best = min(5, len(rel)) / 5 if rel else None  # the P@5 of a ranking with every relevant record first
        out[query_type(item)].append((p5, r10, len(got), item["q"], got, np5, best))
    return out


def closest(backend, items: list[dict], qvecs: np.ndarray, heads: list[list[str]] | None) -> str:
    """What the search page offers after an empty answer: the five listings closest in meaning, whatever their
    cosine (`semantic_floor=-1`), for each query whose hybrid answer (ratio 0.5) is empty."""
    lines, empty, expected, helped = [], 0, 0, 0
    for i, (item, qv) in enumerate(zip(items, qvecs, strict=True)):
        pivot = heads[i] if heads else []
        answer = backend.search(SearchQuery(q=item["q"], filters=item.get("filters", {}), per_page=10,
                                            vector=qv.tolist(), semantic_ratio=0.5, hs_pivot=pivot))
        if answer.total:
            continue
        empty += 1
        near = backend.search(SearchQuery(q=item["q"], per_page=5, vector=qv.tolist(), semantic_ratio=1.0,
                                          hs_pivot=pivot, semantic_floor=-1.0))
        refs = [h.ref for h in near.hits]
        found = sorted(set(refs) & set(item["relevant"]))
        expected += bool(item["relevant"])
        helped += bool(found)
        lines.append(f"{item['q']!r:32} expected {len(item['relevant'])}, closest {refs}, relevant among them {found}")
    lines.append(f"empty answers: {empty}; where something was expected: {expected}; "
                 f"of those with a relevant record among the five closest: {helped}")
    return "\n".join(lines)


def table(results: dict[float, dict[str, list[tuple]]]) -> str:
    types = sorted({t for r in results.values() for t in r}, key=lambda t: (t == "nothing expected", t))
    lines = ["| query type | n | " + " | ".join(f"P@5 / nP@5 / R@10 (ratio {r})" for r in results) + " |",
             "|---|---:|" + "---|" * len(results)]
    for t in [*types, "all (scored)"]:
        cells = []
        for res in results.values():
            rows = [x for k, v in res.items() for x in v if k == t or (t == "all (scored)" and x[0] is not None)]
            if t == "nothing expected":
                cells.append(f"{sum(1 for x in rows if x[2] == 0)}/{len(rows)} return nothing")
            else:
                cells.append(" / ".join(f"{np.mean([x[k] for x in rows]):.3f}" for k in (0, 5, 1)))
        n = len(next(iter(results.values())).get(t, [])) if t != "all (scored)" else sum(
            1 for x in (y for v in next(iter(results.values())).values() for y in v) if x[0] is not None)
        lines.append(f"| {t} | {n} | " + " | ".join(cells) + " |")
    scored = [x for v in next(iter(results.values())).values() for x in v if x[0] is not None]
    if scored:  # fewer than five relevant records cap a query's P@5 below 1, whatever the ranking
        best = np.mean([x[6] for x in scored])
        lines.append(f"\nbest reachable P@5 (every relevant record ranked first): {best:.3f}")
    return "\n".join(lines)


def arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval-dir", default="/work/shared/eval/dev")
    parser.add_argument("--database-url", default=None, help="default: a temporary SQLite file")
    parser.add_argument("--ratios", default="0,0.3,0.5,0.7")
    parser.add_argument("--no-hs-inference", action="store_true")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--queries", default=None, help="default: search.jsonl of --eval-dir")
    parser.add_argument("--split", choices=sorted(SPLITS), default="all")
    parser.add_argument("--no-pivot", action="store_true")
    parser.add_argument("--pivot-words", type=float, default=WORD_WEIGHT if PIVOT_WORDS else 0.0,
                        help="weight of the query's words in the pivot (search.hs_words; default as the app)")
    parser.add_argument("--pivot-floor", type=float, default=None, help="default: search.pivot.PIVOT_FLOOR")
    add_word_langs_option(parser)
    add_index_weight_option(parser)
    for option, constant, what in SWITCHES:
        parser.add_argument(f"--{option}", choices=("yes", "no"), default=None,
                            help=f"{what} (default {constant}; no = the state before)")
    parser.add_argument("--no-synonyms", action="store_true",
                        help="search without the thesaurus (search/data/synonyms.tsv, goods.tsv, plants.tsv and "
                             "categories.tsv)")
    parser.add_argument("--no-goods", action="store_true",
                        help="the thesaurus without its names of goods, plants and fields (search/data/goods.tsv, "
                             "plants.tsv and categories.tsv, the state before)")
    parser.add_argument("--no-plants", action="store_true",
                        help="the thesaurus without its kinds of plants (search/data/plants.tsv) nor its broad fields "
                             "(categories.tsv), the state before")
    parser.add_argument("--no-categories", action="store_true",
                        help="the thesaurus without its broad fields (search/data/categories.tsv: their names, the "
                             "links of narrower concepts to them and their HS codes; the state before)")
    parser.add_argument("--max-alternatives", type=int, default=None,
                        help="alternative phrasings searched per query (default search.synonyms.MAX_ALTERNATIVES)")
    parser.add_argument("--closest", action="store_true",
                        help="also report the search page's \"close in meaning\" section after empty answers")
    parser.add_argument("--no-doc-guesses", action="store_true",
                        help="index uncoded listings under the matcher's guess only, not their own headings "
                             "(search.pivot.document_headings, the state before)")
    parser.add_argument("--passage-docs", action="store_true",
                        help="the bench before it followed the app: documents as e5 passages, every uncoded "
                             "listing given its top heading (no margin)")
    return parser


def as_the_app(records: list[dict], docs: list[dict], infer: bool) -> np.ndarray:
    """Document vectors and inferred headings as the app gives them to the index: row 0 of the matcher's own
    embedding of each listing (`matching.documents.listing_text`, e5 "query:" on both sides) and the matcher's
    inferred heading where it keeps one (language-centred vectors, `HS_INFER_MIN_MARGIN` above the runner-up)."""
    from eval_matching import EmbeddingCache, build_matcher, listings_from_records

    from matching.documents import listing_text
    from matching.embedders import E5Embedder, text_hash

    listings = {(item.get("type", "opportunity"), item["ref"]): item for item in listings_from_records(records)}
    cache = EmbeddingCache(E5Embedder().model_id)  # the model loads lazily: this only names it
    matcher = build_matcher(list(listings.values()), infer_hs=infer, cache=cache)
    inferred = matcher.inferred_hs() if infer else {}
    vectors = []
    for doc in docs:
        key = (doc["type"], doc["ref"])
        vectors.append(cache.get(text_hash(listing_text(listings[key]))).vectors[0])
        if doc["type"] == "opportunity":
            doc["hs_inferred"] = doc["_matcher_hs"] = inferred.get(key, [])
            # the words of the title (the goods' name), the meaning of the whole text (its vector)
            doc["_guess_text"] = "" if doc["hs_codes"] else opportunity_text(
                {"title": listings[key]["title"], "language": listings[key].get("language")})
    return np.array(vectors, dtype=np.float32)


def add_guesses(docs: list[dict], vectors: np.ndarray, inferrer, **constants) -> int:
    """Each uncoded listing's own headings (`search.pivot.document_headings`, as the embed job stores them in
    `hs_guessed`) joined to the matcher's guess; returns how many listings got at least one."""
    from search.pivot import document_headings

    todo = [i for i, doc in enumerate(docs) if doc.get("_guess_text")]
    heads = document_headings(inferrer, [docs[i]["_guess_text"] for i in todo], vectors[todo], **constants)
    for i, guessed in zip(todo, heads, strict=True):
        docs[i]["hs_inferred"] = list(dict.fromkeys([*docs[i]["_matcher_hs"], *guessed]))
    count = sum(1 for guessed in heads if guessed)
    return count


def prepare(args: argparse.Namespace):
    """(backend loaded with the records, query items of the split, their vectors, the HS inferrer)."""
    apply_word_langs(args.word_langs)  # before anything builds its HeadingWords
    apply_index_weight(args.index_weight, args.index_langs, args.spelling_weight, args.goods_weight)
    from search import synonyms

    if args.max_alternatives is not None:
        synonyms.MAX_ALTERNATIVES = args.max_alternatives
    for option, constant, _ in SWITCHES:
        if (value := getattr(args, option.replace("-", "_"))) is not None:
            module, name = constant.rsplit(".", 1)
            setattr(importlib.import_module(module), name, value == "yes")
    from search import analysis

    for remembered in (analysis.stems, analysis.word_forms, analysis._query_words):  # forms read before a switch
        remembered.cache_clear()
    if args.no_synonyms or args.no_goods or args.no_plants or args.no_categories:
        none = Path(tempfile.mkdtemp()) / "none.tsv"  # no file: nothing read
        synonyms.CATEGORIES = none
        synonyms.PLANTS = none if args.no_synonyms or args.no_goods or args.no_plants else synonyms.PLANTS
        synonyms.GOODS = none if args.no_synonyms or args.no_goods else synonyms.GOODS
        synonyms.SYNONYMS = none if args.no_synonyms else synonyms.SYNONYMS
        synonyms._thesaurus.cache_clear()
    records = [json.loads(line) for line in open(Path(args.eval_dir) / "records.jsonl", encoding="utf-8")]
    qfile = Path(args.queries) if args.queries else Path(args.eval_dir) / "search.jsonl"
    items = [json.loads(line) for line in open(qfile, encoding="utf-8")]
    docs = build_docs(records)
    dvecs, qvecs = embed(docs, [searched(i["q"]) for i in items], cache_name=qfile.stem)
    keep = [i for i in range(len(items)) if SPLITS[args.split](i)]
    items, qvecs = [items[i] for i in keep], qvecs[keep]
    inferrer = hs_inferrer(args.pivot_words)  # its word weight counts only where a text is passed: the pivot
    if not args.passage_docs:
        dvecs = as_the_app(records, docs, not args.no_hs_inference)
        if not args.no_hs_inference and not args.no_doc_guesses:
            add_guesses(docs, dvecs, inferrer)
    elif not args.no_hs_inference:
        infer_hs(docs, dvecs, inferrer)  # top heading of the passage vector, no margin (the bench before)
    for doc, vec in zip(docs, dvecs, strict=True):
        doc["_vectors"] = vec.tolist()
        del doc["_text"]
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp()}/search_eval.db"
    backend = EmbeddedBackend(create_engine(url))
    backend.configure()
    load(backend, docs)
    backend.bench_docs = docs, dvecs  # for search_calibrate, which indexes them again with other guesses
    return backend, items, qvecs, inferrer


def load(backend, docs: list[dict]) -> None:
    """Index the documents afresh (the bench's own working keys left out)."""
    backend.clear()
    backend.upsert([{k: v for k, v in d.items() if k == "_vectors" or not k.startswith("_")} for d in docs])


def main() -> None:
    args = arguments().parse_args()
    backend, items, qvecs, inferrer = prepare(args)
    heads = None if args.no_pivot else pivots(items, qvecs, inferrer, args.pivot_floor)
    ratios = [float(r) for r in args.ratios.split(",")]
    results = {r: evaluate(backend, items, qvecs, r, heads) for r in ratios}
    if args.verbose:
        for r, res in results.items():
            for t, rows in res.items():
                for p5, r10, n, q, got, *_ in rows:
                    print(f"ratio={r} {t:16} {q!r:34} p5={p5} r10={r10} n={n} {got[:10]}")
    print(table(results))
    if args.closest:
        print(closest(backend, items, qvecs, heads))


if __name__ == "__main__":
    main()
