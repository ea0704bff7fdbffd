"""The HS pivot and the meaning-only floor with the real bundled E5 model (marked `model`: slower).

The nomenclature vectors come from the shipped file (app/matches/shipped/vectors.npz), as in the app, so a fresh
checkout does not embed the whole nomenclature first; only the test's own texts go through the model."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine

from matching.documents import opportunity_text
from search.base import SearchQuery
from search.embedded import EmbeddedBackend
from search.pivot import pivot_headings

SHIPPED = Path(__file__).resolve().parents[2] / "app" / "matches" / "shipped" / "vectors.npz"
LISTINGS = [
    ("o-1", "offer", "ru", "Катодная медь марки М00к", "Медные катоды, отгрузка вагонами, 1 000 т в месяц.",
     ["740311"], ["CN", "TR"]),
    # coded by its owner: the small model neither embeds "nohut" near "chickpeas" nor infers its heading
    ("o-2", "request", "tr", "Nohut alımı, 8-9 mm kalibre", "Kabuli tipi, Mersin tesisimiz için, aylık 500 ton.",
     ["071320"], ["TR"]),
    ("o-3", "offer", "en", "Milling wheat 12.5% protein", "Class 3 soft wheat, Trans-Caspian delivery to Georgia.",
     ["100199"], ["GE", "TR"]),
    ("o-4", "offer", "ru", "Свинец рафинированный С1", "Чушки по 30 кг для аккумуляторных заводов.",
     ["780110"], ["CN"]),
    ("o-5", "offer", "en", "Software development outsourcing", "Dedicated teams from Almaty: QA, DevOps.",
     [], ["GB"]),
]


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    from matching.embedders import E5Embedder
    from matching.hs import HsInferrer
    from matching.shipped import ShippedFirstEmbedder, ShippedVectors

    e5 = ShippedFirstEmbedder(E5Embedder(), ShippedVectors.load([SHIPPED]))
    inferrer = HsInferrer(e5, cache_dir=None)
    backend = EmbeddedBackend(create_engine(f"sqlite:///{tmp_path_factory.mktemp('pivot')}/s.db"))
    backend.configure()
    texts = [opportunity_text({"title": t, "description": d}) for _, _, _, t, d, _, _ in LISTINGS]
    vectors = e5.embed_passages(texts)
    docs = []
    for (ref, kind, lang, title, desc, codes, countries), vec in zip(LISTINGS, vectors, strict=True):
        inferred = [] if codes else [g.code for g in inferrer.infer(vec, top=1)]
        docs.append({"id": f"opportunity:{ref[2:]}", "type": "opportunity", "ref": ref, "title": title,
                     "description": desc, "kind": kind, "company_name": "X", "countries": countries,
                     "sectors": [], "language": lang, "hs_codes": codes, "hs_inferred": inferred,
                     "created_at": "2026-03-01T10:00:00+00:00", "_vectors": vec.tolist()})
    backend.upsert(docs)
    return e5, inferrer, backend


def found(model, q, **filters):
    e5, inferrer, backend = model
    vector = e5.embed_queries([q])[0].tolist()
    query = SearchQuery(q=q, filters=filters, vector=vector, semantic_ratio=0.5,
                        hs_pivot=pivot_headings(inferrer, q, vector))
    return [h.ref for h in backend.search(query).hits]


@pytest.mark.model
@pytest.mark.parametrize(("q", "filters", "expected"), [
    ("copper cathode", {}, "o-1"),
    ("chickpeas", {}, "o-2"),
    ("пшеница", {"country": "GE"}, "o-3"),  # through the Russian heading name of 1001
])
def test_short_query_finds_the_product_in_another_language(model, q, filters, expected):
    assert found(model, q, **filters)[:1] == [expected]


@pytest.mark.model
@pytest.mark.parametrize("q", ["saffron", "Kaffeebohnen", "титановая губка"])
def test_nonsense_queries_return_nothing(model, q):
    assert found(model, q) == []
