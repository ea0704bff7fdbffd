"""Certificates and hard requirements named in a listing (organic, GOTS, CE, halal, EU listing, ...).

A request that names a certificate the offer does not name is at best a weak match (the dev-set guide caps such
pairs at grade 1), so the matcher checks which of the request's requirements the offer also states.
The patterns are multilingual spellings of well-known trade certificates, not words of particular listings.
"""
from __future__ import annotations

import re

CERTIFICATES: dict[str, str] = {
    # key: regex over lower-cased text
    "organic": r"organic|\bbio\b|bio-|\böko|\beko\b|organik|органи|органик|有机|органик|biyolojik|ökologisch",
    "gots": r"\bgots\b",
    "halal": r"halal|helal|халал|清真|хәләл|халял",
    "kosher": r"kosher|кошер",
    "ce": r"\bce\b|ce-|\ben iso\b|\ben \d{3,5}",
    "eu_listing": r"eu[- ]list|list(e|ed|ing) (of|in) (the )?eu|списке? ес|eu-zugelassen|eu-approved|eu plant",
    "eu_gmp": r"eu-?gmp|gmp",
    "iscc": r"\biscc\b",
    "fsc": r"\bfsc\b",
    "gacc": r"\bgacc\b",
    "fda": r"\bfda\b",
    "iso_22000": r"iso 22000|fssc",
    "haccp": r"haccp|хассп",
    "gost": r"гост|gost",
}
# one alternation with a named group per certificate: a single pass over the text finds them all
_ANY = re.compile("|".join(f"(?P<{key}>{pattern})" for key, pattern in CERTIFICATES.items()))


def certificates(text: str) -> set[str]:
    """Keys of the certificates a text names."""
    return {match.lastgroup for match in _ANY.finditer(text.lower())}


def requirement_fit(request_certs: set[str], offer_certs: set[str]) -> float:
    """Share of the request's certificates the offer also names (1.0 when the request names none)."""
    if not request_certs:
        return 1.0
    return len(request_certs & offer_certs) / len(request_certs)
