"""A realistic multilingual demo marketplace in the import format of ``flask import-data``.

``demo_records(seed)`` builds about 300 companies (Kazakh exporters and diaspora firms in 16 countries) and
about 600 offers and requests from the hand-written pieces in ``catalogue``, ``industry``, ``companies``,
``places`` and ``texts``; the same seed always gives the same records. ``demo_forum()`` (one Istanbul B2B
forum) and ``demo_accounts()`` (a log-in per role) build on these records; their logic is in ``forum``.
``SECTORS`` is the app's sector taxonomy (the slugs of ``app.reference.sectors``).
"""

import random
import unicodedata

from app.demo.catalogue import FOOD, Product
from app.demo.companies import (
    DESCRIPTIONS,
    DIASPORA,
    EXPORTER_BRANDS,
    EXPORTER_FORMS,
    EXPORTER_WRITES,
    RU_LATIN,
    SECTOR_WORDS,
    legal_name,
)
from app.demo.forum import build_accounts, build_forum
from app.demo.industry import INDUSTRY
from app.demo.listings import build_listing
from app.demo.places import DIASPORA_CITIES, KZ_CITIES, localized
from app.demo.texts import lower_first
from app.reference.sectors import SECTORS as SECTOR_NAMES

SECTORS: list[str] = list(SECTOR_NAMES)  # the app's sector taxonomy; every demo sector is one of these
PRODUCTS: list[Product] = FOOD + INDUSTRY
N_EXPORTERS = 150
LISTINGS = {"exporter": (1, 2, 2, 2, 3), "supplier": (1, 2, 2, 3), "buyer": (2, 2, 3, 3)}  # drawn per company
TRADE_WORDS = {"en": "Trading", "tr": "Dış Ticaret", "de": "Handel", "ru": "Трейд", "uz": "Savdo"}


def demo_records(seed: int = 7) -> list[dict]:
    """Company records (refs demo-c-001...) followed by opportunity records (demo-o-001...)."""
    rng = random.Random(seed)
    names: set[str] = set()
    companies = [_exporter(rng, names) for _ in range(N_EXPORTERS)]
    companies += [_diaspora(rng, names, cc) for cc, country in DIASPORA.items() for _ in range(country.count)]
    rng.shuffle(companies)
    opportunities = []
    for number, company in enumerate(companies, start=1):
        company["ref"] = f"demo-c-{number:03d}"
        opportunities += _listings(rng, company)
    rng.shuffle(opportunities)
    for number, opportunity in enumerate(opportunities, start=1):
        opportunity["ref"] = f"demo-o-{number:03d}"
    public = [{k: v for k, v in c.items() if not k.startswith("_")} for c in companies]
    return public + opportunities


def _listings(rng: random.Random, company: dict) -> list[dict]:
    """The company's postings: each product once, at most one product posted again in another language."""
    products = company["_products"]
    count = min(rng.choice(LISTINGS[company["_role"]]), len(products) + 1)
    listings, used = [], {}
    for number in range(count):
        product = products[number % len(products)]
        listing = build_listing(rng, company, product, used.setdefault(product.key, set()))
        used[product.key].add(listing["language"])
        listings.append(listing)
    return listings


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join("".join(ch if ch.isalnum() else " " for ch in ascii_text.lower()).split())


def _unique_name(rng: random.Random, names: set[str], brands: list[str], word: str, forms: list[str]) -> tuple:
    """A legal name not used yet, and the brand it was built from."""
    for _ in range(50):
        brand = rng.choice(brands)
        name = legal_name(brand, word, rng.choice(forms))
        if name not in names:
            names.add(name)
            return name, brand
    raise RuntimeError(f"ran out of demo names for {word!r}")


def _contacts(rng: random.Random, slug: str, domain: str, phone: str) -> dict:
    number = f"{rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
    return {"website": f"https://{domain}/{slug}", "email": f"{slug}@{domain}", "phone": f"{phone} {number}"}


def _exporter(rng: random.Random, names: set[str]) -> dict:
    """A Kazakh producer with one main product and maybe a second from the same sector and city."""
    exportable = [p for p in PRODUCTS if "KZ" in p.offered_by]
    main = rng.choice(exportable)
    city_key = rng.choice(main.cities)
    related = [p for p in exportable if p.sector == main.sector and p is not main and city_key in p.cities]
    products = [main] + rng.sample(related, k=min(len(related), rng.choice((0, 1, 1))))
    name, brand = _unique_name(rng, names, EXPORTER_BRANDS, SECTOR_WORDS[main.sector]["kz"], EXPORTER_FORMS)
    writes = dict(EXPORTER_WRITES)
    languages = ["kk", "ru"] + rng.sample(["en", "zh", "tr", "de"], k=rng.choice((0, 1, 1, 2)))
    slug = _slug(f"{brand} {SECTOR_WORDS[main.sector]['kz']}")
    company = {"type": "company", "name": name, "kind": "exporter", "country": "KZ",
               "city": KZ_CITIES[city_key]["en"], "sectors": sorted({p.sector for p in products}),
               "languages": languages, "_city": KZ_CITIES[city_key], "_products": products, "_writes": writes,
               "_role": "exporter"}
    company["description"] = _description(rng, company)
    return company | _contacts(rng, slug, "example.kz", f"+7 7{rng.randint(10, 29)}")


def _diaspora(rng: random.Random, names: set[str], cc: str) -> dict:
    """A diaspora firm: most buy Kazakh goods (requests), some supply equipment or services (offers)."""
    country = DIASPORA[cc]
    offerable = [p for p in PRODUCTS if cc in p.offered_by]
    role = "supplier" if offerable and rng.random() < 0.25 else "buyer"
    pool = offerable if role == "supplier" else [p for p in PRODUCTS if cc in p.markets]
    main = rng.choice(pool)
    others = [p for p in pool if p is not main]
    products = [main] + rng.sample(others, k=min(len(others), rng.choice((0, 1, 1, 2))))
    words = SECTOR_WORDS[main.sector] if role == "supplier" or rng.random() < 0.7 else TRADE_WORDS
    word = words[country.style]
    name, brand = _unique_name(rng, names, country.brands, word, country.forms)
    sectors = {p.sector for p in products} | ({"trade"} if words is TRADE_WORDS else set())
    city = rng.choice(DIASPORA_CITIES[cc])
    slug = _slug(f"{RU_LATIN.get(brand, brand)} {main.sector if country.style == 'ru' else word}")
    company = {"type": "company", "name": name, "kind": "diaspora", "country": cc, "city": city["en"],
               "sectors": sorted(sectors), "languages": list(country.languages), "_city": city,
               "_products": products, "_writes": country.writes, "_role": role}
    company["description"] = _description(rng, company)
    return company | _contacts(rng, slug, country.domain, country.phone)


def _description(rng: random.Random, company: dict) -> str:
    """One sentence in the company's main language naming what it makes, buys or supplies."""
    patterns = DESCRIPTIONS[company["_role"]]
    writes = {lang: weight for lang, weight in company["_writes"].items() if lang in patterns} or {"en": 1}
    lang = rng.choices(list(writes), weights=list(writes.values()))[0]
    products = [lower_first(p.texts[lang][0], lang) for p in company["_products"]]
    joined = ("、" if lang == "zh" else "; ").join(products)
    return patterns[lang].format(city=localized(company["_city"], lang), products=joined)


def demo_forum(seed: int = 7) -> dict:
    """The demo B2B forum (Istanbul, two days in 2027) over ``demo_records(seed)``."""
    return build_forum(demo_records(seed), seed)


def demo_accounts(seed: int = 7) -> list[dict]:
    """Demo log-ins: an admin, an organiser, two exporters and two diaspora entrepreneurs (role "entrepreneur")."""
    records = demo_records(seed)
    return build_accounts(records, build_forum(records, seed))
