"""One offer or request written the way a company of that kind and country would write it."""

import random
from datetime import date

from app.demo.catalogue import Product
from app.demo.places import DELIVERY_TO, PLACES, localized
from app.demo.texts import PATTERNS, cert_list, format_qty, lower_first, pick
from matching.text import kk_cyrillic_to_latin as kk_latin

HS_SHARE = 0.65          # of goods listings; with services this leaves about 40% of listings without codes
KK_LATIN_SHARE = 0.07    # Kazakh listings typed in the 2018 Latin alphabet
VALID_UNTIL_SHARE = 0.3
FIELD_ORDER = ("type", "ref", "company", "kind", "title", "description", "language", "hs_codes", "countries",
               "quantity", "unit", "incoterms", "certifications", "valid_until")


def build_listing(rng: random.Random, company: dict, product: Product, avoid: set[str]) -> dict:
    """An opportunity record (without ``ref``) for one of the company's products, written in a language of
    the company other than those in ``avoid`` when it has one (a repeat posting in a second language)."""
    kind = "request" if company["_role"] == "buyer" else "offer"
    writes = {lang: w for lang, w in company["_writes"].items() if lang not in avoid} or company["_writes"]
    lang = rng.choices(list(writes), weights=list(writes.values()))[0]
    countries = _countries(rng, company, product, kind)
    terms = _terms(rng, company, product, kind, countries, lang)
    qty = _quantity(rng, product)
    certs = sorted(rng.sample(product.certs, k=rng.randint(1, len(product.certs)))) if product.certs else []
    title, description = _text(rng, company, product, kind, lang, terms, qty, certs)
    record = {"type": "opportunity", "company": company["ref"], "kind": kind, "title": title,
              "description": description, "language": "kk" if lang == "kk" else lang, "countries": countries}
    if lang == "kk" and rng.random() < KK_LATIN_SHARE:
        record["title"], record["description"] = kk_latin(title), kk_latin(description)
    if product.hs and rng.random() < HS_SHARE:
        record["hs_codes"] = _hs_codes(rng, product)
    if qty:
        record["quantity"], record["unit"] = qty, product.unit
    if kind == "offer" and terms and rng.random() < 0.45:
        record["incoterms"] = sorted({terms[0], rng.choice(product.incoterms)})
    if kind == "offer" and certs and rng.random() < 0.45:
        record["certifications"] = certs
    if rng.random() < VALID_UNTIL_SHARE:
        record["valid_until"] = date(2027, rng.randint(1, 12), rng.randint(1, 28)).isoformat()
    return {k: record[k] for k in FIELD_ORDER if k in record}


def _countries(rng: random.Random, company: dict, product: Product, kind: str) -> list[str]:
    """Target markets of an offer, or the requester's own country."""
    if kind == "request":
        return [company["country"]]
    markets = [m for m in product.markets if m != company["country"]]
    return rng.sample(markets, k=min(len(markets), rng.randint(1, 4)))


def _terms(rng, company, product, kind, countries, lang) -> tuple[str, str] | None:
    """(incoterm, place): FCA/EXW at the seller's city, other terms at a border point or port."""
    if not product.incoterms:
        return None
    choices = product.incoterms if kind == "offer" else [i for i in product.incoterms if i not in ("FCA", "EXW")]
    incoterm = rng.choice(choices or ["DAP"])
    if incoterm in ("FCA", "EXW"):
        return incoterm, localized(company["_city"], lang)
    if kind == "request" and rng.random() < 0.4:  # delivered to the buyer's own warehouse
        return incoterm, localized(company["_city"], lang)
    destination = company["country"] if kind == "request" else countries[0]
    places = DELIVERY_TO.get(destination)
    if not places:  # no usual delivery point known: a seller hands over at home, a buyer takes it at home
        return ("FCA" if kind == "offer" else incoterm), localized(company["_city"], lang)
    return incoterm, localized(PLACES[rng.choice(places)], lang)


def _quantity(rng: random.Random, product: Product) -> int | None:
    """A round volume in the product's usual range, left out on about one listing in six."""
    if not product.qty or rng.random() < 0.15:
        return None
    low, high = product.qty
    value = rng.randint(low, high)
    step = 1 if value < 50 else 10 if value < 500 else 100 if value < 5000 else 1000
    return max(low, round(value / step) * step)


def _hs_codes(rng: random.Random, product: Product) -> list[str]:
    """The product's codes, sometimes only the 4-digit heading as many users give it."""
    code = rng.choice(product.hs)
    return [code[:4]] if len(code) == 6 and rng.random() < 0.3 else [code]


def _text(rng, company, product, kind, lang, terms, qty, certs) -> tuple[str, str]:
    """Title and description from the language's patterns."""
    name, spec = product.texts[lang]
    values = {"name": name, "lname": lower_first(name, lang), "city": localized(company["_city"], lang),
              "inc": terms[0] if terms else "", "place": terms[1] if terms else ""}
    if product.is_service:
        title = name if kind == "offer" else pick(rng, lang, "service_title", **values)
        end = "。" if lang == "zh" else "."
        first = spec[0].upper() + spec[1:]
        return title, f"{pick(rng, lang, f'service_{kind}', **values)} {first}{end}"
    title = _title(rng, lang, kind, terms, values)
    parts = [pick(rng, lang, f"{kind}_intro", **values), pick(rng, lang, f"{kind}_spec", spec=spec)]
    if terms:
        parts.append(pick(rng, lang, f"{kind}_terms", **values))
    if qty:
        slot = f"{kind}_qty" if product.unit == "t" else "lot"
        parts.append(pick(rng, lang, slot, qty=format_qty(qty, product.unit, lang)))
    if certs and (kind == "offer" or rng.random() < 0.5):
        parts.append(pick(rng, lang, f"{kind}_certs", certs=cert_list(certs, lang)))
    if rng.random() < 0.5:
        parts.append(pick(rng, lang, f"{kind}_extra"))
    return title, ("" if lang == "zh" else " ").join(parts)


def _title(rng: random.Random, lang: str, kind: str, terms, values: dict) -> str:
    patterns = [p for p in PATTERNS[lang][f"{kind}_title"] if terms or "{inc}" not in p]
    return rng.choice(patterns).format(**values)
