"""Embedded search speed on generated listings: indexing throughput and query latency, next to a LIKE scan.

    .venv/bin/python bench/search_speed.py [--docs 100000] [--database-url URL] [--no-vectors]

Listings are generated from product phrases in Russian, Kazakh (Cyrillic and Latin), English, Turkish,
German and Chinese with random grades, packaging, cities and numbers. Query kinds: one word, three words,
one typo, one word with filters, one word with all facets, a phrase of the synonym thesaurus, a name of goods
with kinds (search/data/goods.tsv), hybrid (random 384-d unit vectors: the cost of the cosine pass, not its
quality), a broad field with a vector and the field's HS codes as its pivot (against the same without the pivot,
a baseline of the same run); each kind again without the thesaurus, as the baseline of the same run. The LIKE
baseline scans the same titles and descriptions in the same database, counting matches and fetching the first
page, as a naive search page would.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from search import synonyms  # noqa: E402
from search.base import SearchQuery  # noqa: E402
from search.embedded import EmbeddedBackend, schema, searcher  # noqa: E402
from search.pivot import category_codes  # noqa: E402
from search.synonyms import Thesaurus, thesaurus  # noqa: E402

PRODUCTS = {
    "ru": ["мука пшеничная", "пшеница мягкая", "ферросилиций", "феррохром", "цемент", "масло подсолнечное",
           "медные катоды", "шерсть верблюжья", "ячмень кормовой", "чечевица красная", "мёд натуральный",
           "хлопковое волокно", "картофель семенной", "уголь энергетический", "стекло флоат", "говядина"],
    "kk": ["бидай ұны", "жұмсақ бидай", "қой жүні", "жылқы еті", "күріш", "қымыз", "шұбат", "түйе сүті",
           "диірмен жабдықтары", "контейнер тасымалы", "bıdai uny", "qymyz", "kúrish", "qoi júni"],
    "en": ["wheat flour", "durum wheat", "copper cathodes", "zinc ingots", "sunflower oil", "camel milk powder",
           "cotton fibre", "IT outsourcing", "halal lamb", "ammonium nitrate", "float glass", "yurt"],
    "tr": ["un değirmeni makineleri", "bakır katot", "ayçiçek yağı", "kırmızı mercimek", "tekstil makineleri",
           "helal kuzu eti", "pamuk ipliği"],
    "de": ["Hartweizen", "Kamelhaar", "Weizenmehl", "Sonnenblumenöl", "Kupferkathoden", "Bio-Honig"],
    "zh": ["小麦粉", "铜精矿", "葵花籽油", "驼奶粉", "亚麻籽", "冷冻羊肉"],
}
WORDS = ("высший сорт первый класс premium grade A organic halal ISO GOST FCA DAP CIF EXW мешки bags "
         "big-bag поставка supply экспорт export import закупка wanted требуется offer tonnes month "
         "Алматы Астана Шымкент Костанай Павлодар Актау Tashkent Urumqi Istanbul Hamburg Moscow Ulaanbaatar "
         "железная дорога railway truck контейнер container сертификат certificate protein влажность "
         "moisture fraction фракция ash клейковина gluten packaging фасовка retail опт wholesale").split()
KINDS, COUNTRIES = ("offer", "request"), ("KZ", "CN", "UZ", "KG", "RU", "TR", "DE", "MN", "AE", "IR", "AZ")
SECTORS = ("grain", "metals", "food", "textiles", "construction", "logistics", "IT", "dairy", "chemicals")


def make_doc(i: int, rng: random.Random) -> dict:
    lang = rng.choice(list(PRODUCTS))
    product = rng.choice(PRODUCTS[lang])
    extra = " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 45)))
    number = f"{rng.randint(1, 999)}{rng.choice(['', 'A', 'X', '-2'])}"
    return {
        "id": f"opportunity:{i}", "type": "opportunity", "ref": f"g-{i}",
        "title": f"{product} {rng.choice(WORDS)} {number}",
        "description": f"{product} {extra} {rng.randint(10, 90_000)} t", "kind": rng.choice(KINDS),
        "company_name": f"Company {i % 5000}", "countries": rng.sample(COUNTRIES, rng.randint(1, 3)),
        "sectors": [rng.choice(SECTORS)], "language": "kk" if lang == "kk" else lang,
        "hs_codes": [f"{rng.randint(1, 97):02d}{rng.randint(1, 99):02d}"] if rng.random() < 0.6 else [],
        "created_at": f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:00:00",
    }


QUERIES = {
    "one word": ["цемент", "ферросилиций", "wheat", "қымыз", "Hartweizen", "葵花籽油", "Kamelhaar", "honey",
                 "яблоки", "бидай", "yurt", "katot", "chickpeas", "мука", "Urumqi"],
    "three words": ["мука пшеничная мешки", "copper cathodes export", "бидай ұны Алматы", "halal lamb container",
                    "масло подсолнечное фасовка", "un değirmeni makineleri", "wheat flour premium",
                    "цемент железная дорога", "camel milk powder"],
    "typo": ["цемнт", "ферросилицй", "sunflowr", "coton", "zink", "подсолнечое", "ферохром", "outsorcing",
             "пшеничая", "kamelhar"],
    # phrases of search/data/synonyms.tsv: each is searched again with every other phrase of its concept
    "service phrase": ["IT outsourcing", "таможенное оформление", "freight forwarding", "gümrük müşavirliği",
                       "halal certification", "software development", "бобовые", "Hülsenfrüchte", "报关",
                       "контейнер тасымалы"],
    # names of goods in search/data/goods.tsv whose concept has kinds (a broader concept: more alternatives)
    "goods phrase": ["vegetable oil", "мясо", "сухофрукты", "rolled steel", "used equipment", "Milchprodukte",
                     "建筑材料", "metal scrap", "зерно", "süt ürünleri"],
    "filtered": [("мука", {"kind": "request"}), ("wheat", {"country": "UZ"}), ("цемент", {"kind": "offer",
                 "country": "KZ"}), ("qymyz", {"language": "kk"}), ("oil", {"sector": "food"}),
                 ("катоды", {"hs": "74"})],
}
# broad fields (search/data: concepts with `hs` lines), searched with a vector only: with and without the HS chapters
# and headings the field is made of as the query's pivot (search.pivot.category_codes, as the app sends them)
FIELDS = ["продукты питания", "стройматериалы", "сельхозпродукция", "building materials", "Lebensmittel", "农产品",
          "tekstil ürünleri", "azyq-túlik", "machinery", "хүнсний бүтээгдэхүүн"]
FACETS = ["kind", "country", "sector", "hs_chapter", "language", "type"]


def percentiles(ms: list[float]) -> str:
    q = statistics.quantiles(ms, n=20)
    return f"{statistics.median(ms):.1f} / {q[18]:.1f}"


def timed(fn, repeat: int, cpu: list[float] | None = None) -> list[float]:
    """Wall-clock ms per call; with `cpu`, also this thread's CPU ms (SQLite runs in-thread), which the
    other jobs sharing the two cores do not inflate."""
    out = []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.thread_time()
        fn()
        out.append((time.perf_counter() - start) * 1000)
        if cpu is not None:
            cpu.append((time.thread_time() - start_cpu) * 1000)
    return out


def like_scan(engine, word: str, filters: dict) -> None:
    """count(*) and the first page of a LIKE scan, as a naive search page would do."""
    where = "(title LIKE :p OR description LIKE :p)"
    params = {"p": f"%{word}%"}
    if "kind" in filters:
        where += " AND kind = :k"
        params["k"] = filters["kind"]
    with engine.connect() as conn:
        conn.execute(text(f"SELECT count(*) FROM bench_plain WHERE {where}"), params).scalar_one()
        conn.execute(text(f"SELECT id FROM bench_plain WHERE {where} ORDER BY created_at DESC LIMIT 20"),
                     params).all()


def indexed(engine, backend: EmbeddedBackend) -> int:
    """Documents a run before left in the live slot of a configured backend."""
    with engine.connect() as conn:
        slot = schema.read_meta(conn, backend.meta)["live"]
        return int(conn.execute(text(f"SELECT count(*) FROM search_doc_{slot}")).scalar_one())


def load(engine, backend: EmbeddedBackend, docs: list[dict]) -> None:
    """Index the documents afresh and fill the LIKE baseline's plain table."""
    backend.clear()
    start = time.perf_counter()
    for i in range(0, len(docs), 1000):
        backend.upsert(docs[i:i + 1000])
    backend.analyze()  # PostgreSQL's planner statistics, as a rebuild leaves them (autovacuum would come later)
    elapsed = time.perf_counter() - start
    print(f"{engine.dialect.name}: indexed {len(docs)} docs in {elapsed:.1f} s = {len(docs) / elapsed:.0f} docs/s")
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS bench_plain"))
        conn.execute(text("CREATE TABLE bench_plain (id VARCHAR(40), title TEXT, description TEXT, kind VARCHAR(20),"
                          " created_at VARCHAR(40))"))
        conn.execute(text("INSERT INTO bench_plain VALUES (:id, :title, :description, :kind, :created_at)"),
                     [{k: d[k] for k in ("id", "title", "description", "kind", "created_at")} for d in docs])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--database-url", default=None, help="default: a temporary SQLite file")
    parser.add_argument("--no-vectors", action="store_true")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--reuse", action="store_true",
                        help="keep the documents a run before left in --database-url when they are as many as --docs "
                             "(same seed, same listings): only the queries run")
    parser.add_argument("--slowest", type=int, default=0,
                        help="also print this many slowest queries of each kind (median ms of their repeats)")
    parser.add_argument("--kinds", nargs="*", default=None, help="time only the query kinds starting with these")
    parser.add_argument("--alternatives", type=int, nargs="*", default=[40, 200],
                        help="also time the goods phrases with at most these many alternatives")
    args = parser.parse_args()
    rng = random.Random(42)
    docs = [make_doc(i, rng) for i in range(args.docs)]
    if not args.no_vectors:
        vecs = np.random.default_rng(42).standard_normal((args.docs, 384)).astype(np.float32)
        for doc, vec in zip(docs, vecs, strict=True):
            doc["_vectors"] = vec.tolist()
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp()}/search_speed.db"
    engine = create_engine(url)
    backend = EmbeddedBackend(engine)
    backend.configure()
    if args.reuse and indexed(engine, backend) == len(docs):
        print(f"{engine.dialect.name}: reusing the {len(docs)} docs indexed before")
    else:
        load(engine, backend, docs)
    backend.search(SearchQuery(q="warm up"))  # loads the vocabulary once, as a long-running worker has it
    rows = []
    cap = synonyms.MAX_ALTERNATIVES
    base = [*QUERIES.items(), ("one word + 6 facets", QUERIES["one word"]),
            *([] if args.no_vectors else [("hybrid (one word + vector)", QUERIES["one word"]),
                                          ("hybrid (service phrase + vector)", QUERIES["service phrase"]),
                                          ("hybrid (goods phrase + vector)", QUERIES["goods phrase"]),
                                          ("hybrid (broad field + vector + its pivot)", FIELDS)])]
    # (row, queries, thesaurus, alternatives at most): the baseline rows search the same queries without the
    # thesaurus, in the same run; the goods phrases again with other caps than synonyms.MAX_ALTERNATIVES
    kinds = [(kind, items, thesaurus, cap) for kind, items in base]
    kinds += [(f"{kind}, thesaurus off (baseline)", items, lambda: Thesaurus({}), cap) for kind, items in base
              if kind != "filtered" and "facets" not in kind]
    if not args.no_vectors:
        kinds.append(("hybrid (broad field + vector), no pivot (baseline)", FIELDS, thesaurus, cap))
    kinds += [(f"goods phrase, at most {n} alternatives", QUERIES["goods phrase"], thesaurus, n)
              for n in args.alternatives]
    if args.kinds:
        kinds = [k for k in kinds if k[0].startswith(tuple(args.kinds))]
    slowest = []
    for kind, items, searched_with, most in kinds:
        searcher.thesaurus, synonyms.MAX_ALTERNATIVES = searched_with, most
        ms, cpu_ms, like_ms = [], [], []
        per_query = []
        for item in items:
            q, filters = item if isinstance(item, tuple) else (item, {})
            query = SearchQuery(q=q, filters=filters, facets=FACETS if "facets" in kind else (),
                                vector=vecs[0].tolist() if "hybrid" in kind else None,
                                semantic_ratio=0.5 if "hybrid" in kind else 0.0,
                                hs_pivot=category_codes(thesaurus(), q) if "its pivot" in kind else ())
            mine = timed(lambda query=query: backend.search(query), args.repeat, cpu_ms)
            ms += mine
            per_query.append((statistics.median(mine), max(mine), q))
            like_ms += timed(lambda q=q, f=filters: like_scan(engine, q.split()[0], f), 2)
        rows.append(f"| {kind} | {len(items)} | {percentiles(ms)} | {percentiles(cpu_ms)} | {percentiles(like_ms)} |")
        slowest += [f"{kind}: {q!r} median {med:.1f} ms, slowest {top:.1f} ms"
                    for med, top, q in sorted(per_query, reverse=True)[:args.slowest]]
    print(f"load average during the run: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print("| query kind | queries | embedded p50 / p95 ms | embedded CPU p50 / p95 ms | LIKE scan p50 / p95 ms |")
    print("|---|---:|---|---|---|")
    print("\n".join(rows))
    if slowest:
        print("\n".join(["", "slowest queries:", *slowest]))


if __name__ == "__main__":
    main()
