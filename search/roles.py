"""Partner roles in a query: "покупатели мёда" asks for honey and for those who buy it.

A query that names a role of the thesaurus (`search.synonyms`: buyer, importer, supplier, manufacturer, ...)
beside other words is also searched without the role, and the listings of the kind that role publishes come
first among those matches: buyers and importers publish requests, suppliers and producers offers. A role alone
("поставщик") is searched as typed; a role beside a country only ("дистрибьютор в Польше") is read as a role in
that country (`ROLE_IN_A_COUNTRY`)."""
from __future__ import annotations

from collections.abc import Collection
from typing import NamedTuple

from search.analysis import query_words
from search.chinese import spaced
from search.countries import country_codes
from search.synonyms import Thesaurus

# On: a query naming a role beside a product also finds the product's listings without the role's words, after
# its own matches and its phrasings' (embedded: listings of the role's kind and companies of its side first, by
# meaning, the other side ranked as typo matches, and the owners of requests brought in for buyers: see
# search.embedded.searcher; Meilisearch: one more query of the federation). Off = the role's words are required
# like any other (the state before)
ROLES = True
# A role beside a country only ("importer Germany", "韩国进口商") is read as a role too: the listings of the role's
# kind in that country first; off = searched as typed (the state before)
ROLE_IN_A_COUNTRY = True
# A role beside a stated need or sale (`search.intent`: "kazı karta tedarikçisi arıyoruz", looking for a supplier)
# says which side answers, so the listings of the writer's own side rank after every answer, as for an intent alone;
# off = the role's matches only, with the seekers' listings in their places among them (the state before)
ROLE_WITH_INTENT = True
# role concept of the thesaurus -> the kind of listing it publishes
ROLE_KINDS = {
    "buyer": "request",
    "importer": "request",
    "wholesaler": "request",
    "distributor": "request",
    "dealer": "request",
    "supplier": "offer",
    "manufacturer": "offer",
    "exporter": "offer",
}


# the kinds of document on each side of the trade: buyers publish requests and are looked for among diaspora
# businesses abroad, sellers publish offers and are looked for among Kazakh exporters (the platform's two kinds of
# company)
SIDES = {"request": ("request", "diaspora"), "offer": ("offer", "exporter")}


def other_side(kind: str) -> tuple[str, str]:
    """The listing kind and the company kind of the side opposite the one publishing `kind`."""
    return SIDES["offer" if kind == "request" else "request"]


class Role(NamedTuple):
    """The query without its role words, and the kind of listing the role publishes."""

    rest: str
    kind: str


def answering_kind(role: Role | None, stated: str | None) -> str | None:
    """The kind of listing that answers a query stating a need or a sale (`stated`: the kind the intent asks
    for, None without one): the role's kind when the query also names a role (`ROLE_WITH_INTENT`; before it, the
    role left the intent unused), else the intent's. The other kind is the writer's own side."""
    if not stated:
        return None
    if role is None:
        return stated
    return role.kind if ROLE_WITH_INTENT else None


def role_of(q: str, thesaurus: Thesaurus, kinds: Collection[str] = ()) -> Role | None:
    """The role a query names beside what it looks for; None when it names none, names roles of both kinds
    ("importer exporter"), names nothing else (or nothing else but countries, without `ROLE_IN_A_COUNTRY`), or
    publishes a kind the query's filter leaves out (`kinds`, empty for any: "food distributor" among offers asks
    for distribution services), and always when `ROLES` is off."""
    if not ROLES:
        return None
    q = spaced(q)  # a Chinese run parted into words, as the embedded backend searches it and Meilisearch cuts it
    spans = [(start, end, ROLE_KINDS[concept]) for start, end, concept in thesaurus.matches(q)
             if concept in ROLE_KINDS]
    named = {kind for _, _, kind in spans}
    if len(named) != 1 or (kinds and not named & set(kinds)):
        return None
    covered = {i for start, end, _ in spans for i in range(start, end)}
    rest = [w for i, w in enumerate(query_words(q)) if i not in covered]
    if not rest or not ROLE_IN_A_COUNTRY and all(country_codes(w) for w in rest):
        return None
    return Role(" ".join(w.raw for w in rest), named.pop())
