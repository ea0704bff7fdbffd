"""Shared fixtures for the matching tests: a counting hashing embedder and a small multilingual market."""
from __future__ import annotations

import pytest

from matching.embedders import HashingEmbedder


class CountingEmbedder(HashingEmbedder):
    """HashingEmbedder that records every text it embeds."""

    def __init__(self) -> None:
        super().__init__(dim=512)
        self.seen: list[str] = []

    def embed_queries(self, texts):
        self.seen.extend(texts)
        return super().embed_queries(texts)

    def embed_passages(self, texts):
        self.seen.extend(texts)
        return super().embed_passages(texts)


@pytest.fixture
def embedder() -> CountingEmbedder:
    return CountingEmbedder()


def _opp(id, company, kind, title, description, **extra):
    base = {
        "id": id, "ref": f"o-{id}", "type": "opportunity", "kind": kind, "company_id": company,
        "company_country": "KZ", "company_languages": ["ru", "kk"], "sectors": [], "status": "published",
        "title": title, "description": description, "language": "en", "hs_codes": [], "countries": [],
    }
    return {**base, **extra}


@pytest.fixture
def market() -> list[dict]:
    """Wheat flour request and offers (one own, one closed, one other product), plus two companies."""
    return [
        _opp(1, "buyer", "request", "Wheat flour wanted", "We buy wheat flour, first grade, 50 kg bags. DAP Urumqi.",
             hs_codes=["1101"], countries=["CN"], company_country="CN", company_languages=["zh", "ru"]),
        _opp(2, "mill", "offer", "Wheat flour first grade", "Mill offers wheat flour, first grade, 50 kg bags.",
             hs_codes=["110100"], countries=["CN", "UZ"], company_languages=["ru", "en"]),
        _opp(3, "buyer", "offer", "Wheat flour first grade", "Our own wheat flour offer, 50 kg bags."),
        _opp(4, "oldmill", "offer", "Wheat flour first grade", "Closed wheat flour offer, 50 kg bags.",
             status="closed"),
        _opp(5, "cement", "offer", "Portland cement", "Bagged cement M400 for construction.",
             hs_codes=["2523"], countries=["UZ"]),
        _opp(6, "mill2", "offer", "Flour from wheat, premium", "Premium wheat flour in 25 kg bags.",
             hs_codes=["1101"], countries=["AF"], status="hidden"),
        _opp(7, "mill3", "request", "Wheat flour wanted too", "Another request for wheat flour in bags."),
        {"id": "mill", "type": "company", "kind": "exporter", "company_id": "mill", "title": "Aqbidai Mill",
         "description": "Flour mill in Kostanay: wheat flour for export.", "sectors": ["flour", "grain"],
         "company_country": "KZ", "company_languages": ["ru", "en"], "status": "published", "is_verified": True},
        {"id": "buyer", "type": "company", "kind": "diaspora", "company_id": "buyer", "title": "Urumqi Trade",
         "description": "Importer of wheat flour and grain in Urumqi.", "sectors": ["flour", "import"],
         "company_country": "CN", "company_languages": ["zh", "ru"], "status": "published"},
    ]
