"""The document shape the app hands to a backend, its validation, and what is derived from it for indexing.

A document is a plain dict::

    {"id": "opportunity:12" | "company:3", "type": "opportunity" | "company", "ref": "o-012",
     "title": str, "description": str, "kind": "offer" | "request" | "diaspora" | "exporter",
     "company_name": str, "countries": ["KZ", ...], "sectors": [str, ...], "language": "ru",
     "hs_codes": ["110100", ...], "hs_inferred": ["1101", ...], "created_at": "2026-11-25T08:00:00+00:00",
     "owner": "company:3", "_vectors": [float, ...] | None}

For a company, `countries` is its own country and `title` its name. `owner` (opportunities, optional) is the
id of the company's document: hybrid search shows the company next to an offer it found. Unknown keys are
kept in `doc` as given.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from search.analysis import folded_and_stems, word_forms, words
from search.countries import country_token

TYPES = ("opportunity", "company")
KINDS = ("offer", "request", "diaspora", "exporter")
_ID_RE = re.compile(r"^(opportunity|company):\S+$")
_LIST_FIELDS = ("countries", "sectors", "hs_codes", "hs_inferred")


class InvalidDocument(ValueError):
    """A document does not have the shape above."""


def validate(doc: Mapping[str, Any]) -> dict[str, Any]:
    """A cleaned copy: required keys checked, lists defaulted, codes upper-cased/stripped; raises InvalidDocument."""
    out = dict(doc)
    doc_id = str(out.get("id") or "")
    if not _ID_RE.match(doc_id):
        raise InvalidDocument(f"bad id {doc_id!r}: expected 'opportunity:<n>' or 'company:<n>'")
    out["id"] = doc_id
    out["type"] = out.get("type") or doc_id.split(":", 1)[0]
    if out["type"] not in TYPES or not doc_id.startswith(out["type"] + ":"):
        raise InvalidDocument(f"{doc_id}: type {out['type']!r} does not fit the id")
    if out.get("kind") is not None and out["kind"] not in KINDS:
        raise InvalidDocument(f"{doc_id}: unknown kind {out['kind']!r}")
    for key in ("ref", "title", "description", "company_name", "language", "created_at"):
        out[key] = "" if out.get(key) is None else str(out[key])
    for key in _LIST_FIELDS:
        out[key] = [str(v) for v in out.get(key) or [] if v not in (None, "")]
    out["countries"] = [c.upper() for c in out["countries"]]
    out["hs_codes"] = [re.sub(r"\D", "", c) for c in out["hs_codes"]]
    out["hs_inferred"] = [re.sub(r"\D", "", c) for c in out["hs_inferred"]]
    vector = out.get("_vectors")
    out["_vectors"] = None if vector is None else [float(v) for v in vector]
    return out


@dataclass(frozen=True)
class IndexText:
    """Searchable text of a document as space-joined terms per weighted field: typed words in `title`,
    `extra`, `body`; folded words and stems in the `_f` columns."""

    title: str
    extra: str
    body: str
    title_f: str
    extra_f: str
    body_f: str

    def columns(self) -> list[str]:
        return [self.title, self.extra, self.body, self.title_f, self.extra_f, self.body_f]

    def head_columns(self) -> list[str]:
        """The title and owner columns, typed then folded: what the engines' head tables hold."""
        return [self.title, self.extra, self.title_f, self.extra_f]

    def terms(self) -> set[str]:
        return {t for col in self.columns() for t in col.split()}


def index_text(doc: Mapping[str, Any]) -> IndexText:
    """Title (a company's name), extra (owner's name, sectors, ref) and body (description) as terms; the body's
    folded column also holds a token per country (`search.countries.country_token`), which a query word naming
    the country matches. A listing in Kazakh has each Cyrillic word stemmed as Kazakh
    (`search.kazakh.IN_KAZAKH_TEXT`)."""
    title = words(doc["title"])
    extra = words(" ".join([doc["company_name"], *doc["sectors"], doc["ref"]]))
    body = words(doc["description"])
    countries = [country_token(c) for c in dict.fromkeys(doc["countries"])]
    kazakh = doc.get("language") == "kk"  # its words without a Kazakh letter are Kazakh too ("машинасы")
    return IndexText(
        " ".join(title), " ".join(extra), " ".join(body),
        " ".join(folded_and_stems(title, kazakh)), " ".join(folded_and_stems(extra, kazakh)),
        " ".join([*folded_and_stems(body, kazakh), *countries]),
    )


def own_text_matches(doc: Mapping[str, Any], terms: set[str], prefixes: tuple[str, ...] = ()) -> bool:
    """Whether a listing's own text, as `index_text` writes it (its title, description and ref, typed, folded and
    stemmed, and a token per country it names: everything but its owner's name and sectors), holds one of `terms`
    or a term starting with one of `prefixes`. Read word by word, title first, up to the first match: a search asks
    this of each of its first candidates (`search.embedded.searcher.OWNER_ONLY_LAST`)."""
    if any(country_token(c) in terms for c in doc["countries"]):
        return True
    kazakh = doc.get("language") == "kk"
    for part in (doc["title"], doc["description"], doc["ref"]):
        for word in words(part):
            forms = word_forms(word, kazakh_text=kazakh)  # the word, its fold and stems, as `index_text` has them
            if not terms.isdisjoint(forms) or prefixes and any(f.startswith(prefixes) for f in forms):
                return True
    return False


def facet_rows(doc: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(facet, value) pairs for filters and facet counts; `hs` explicit codes, `hs_inf` inferred ones."""
    rows = [("country", c) for c in dict.fromkeys(doc["countries"])]
    rows += [("sector", s) for s in dict.fromkeys(doc["sectors"])]
    rows += [("hs", c) for c in dict.fromkeys(doc["hs_codes"])]
    rows += [("hs_inf", c) for c in dict.fromkeys(doc["hs_inferred"]) if c not in doc["hs_codes"]]
    chapters = dict.fromkeys(c[:2] for c in doc["hs_codes"] + doc["hs_inferred"] if len(c) >= 2)
    rows += [("hs_chapter", c) for c in chapters]
    return rows


def public_doc(doc: Mapping[str, Any]) -> dict[str, Any]:
    """The document as returned in hits: everything but the vector."""
    return {k: v for k, v in doc.items() if k != "_vectors"}
