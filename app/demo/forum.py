"""The demo B2B forum and the demo log-ins, both drawn from the demo marketplace records."""

import random
from collections import Counter, defaultdict
from itertools import combinations

DEMO_PASSWORD = "atameken-demo-2027"  # one clear password for every demo account (min. length 10)
ACCEPTED_SHARE = 0.55


def _interests(records: list[dict]) -> tuple[dict, dict, dict]:
    """Companies by ref, and the sectors each company offers and requests."""
    companies = {r["ref"]: r for r in records if r["type"] == "company"}
    offers: dict[str, set[str]] = defaultdict(set)
    requests: dict[str, set[str]] = defaultdict(set)
    for record in records:
        if record["type"] == "opportunity":
            sectors = set(companies[record["company"]]["sectors"]) - {"trade"}
            (offers if record["kind"] == "offer" else requests)[record["company"]] |= sectors
    return companies, offers, requests


def _complementary(a: str, b: str, offers: dict, requests: dict) -> bool:
    return bool(offers[a] & requests[b] or offers[b] & requests[a])


def _participants(rng: random.Random, companies: dict, offers: dict, requests: dict, size: int) -> list[str]:
    """Half diaspora firms (two thirds from Turkey, the forum is in Istanbul), half the exporters that suit
    them best."""
    exporters = [c["ref"] for c in companies.values() if c["kind"] == "exporter"]
    diaspora = [c["ref"] for c in companies.values() if c["kind"] == "diaspora"]
    # firms with many possible counterparts make a forum with many useful meetings
    fit = {d: sum(_complementary(d, ref, offers, requests) for ref in exporters) for d in diaspora}
    ranked = _varied(sorted(diaspora, key=lambda ref: (-fit[ref], rng.random())), companies)
    local = [ref for ref in ranked if companies[ref]["country"] == "TR"][: size // 3]
    diaspora = local + [ref for ref in ranked if companies[ref]["country"] != "TR"][: size // 2 - len(local)]
    fit = {ref: sum(_complementary(ref, d, offers, requests) for d in diaspora) for ref in exporters}
    best = _varied(sorted(exporters, key=lambda ref: (-fit[ref], rng.random())), companies)
    return sorted(diaspora + best[: size - len(diaspora)])


def _varied(ranked: list[str], companies: dict, per_sector: int = 3) -> list[str]:
    """The ranking with at most ``per_sector`` firms of the same main sector up front, so the forum mixes trades."""
    seen: Counter = Counter()
    head, tail = [], []
    for ref in ranked:
        sector = companies[ref]["sectors"][0]
        (head if seen[sector] < per_sector else tail).append(ref)
        seen[sector] += 1
    return head + tail


def _meeting_requests(rng: random.Random, refs: list[str], companies: dict, offers: dict, requests: dict,
                      count: int) -> list[dict]:
    """Pairs with complementary interests first (the buyer usually asks), then other exporter–diaspora pairs."""
    pairs = [p for p in combinations(refs, 2) if _complementary(*p, offers, requests)]
    rng.shuffle(pairs)
    if len(pairs) < count:
        others = [(a, b) for a, b in combinations(refs, 2)
                  if (a, b) not in pairs and companies[a]["kind"] != companies[b]["kind"]]
        pairs += rng.sample(others, k=min(len(others), count - len(pairs)))
    result = []
    for a, b in pairs[:count]:
        buyer_first = bool(requests[a] & offers[b]) or not (requests[b] & offers[a])
        requester, target = (a, b) if buyer_first == (rng.random() < 0.75) else (b, a)
        status = "accepted" if rng.random() < ACCEPTED_SHARE else "pending"
        result.append({"requester": requester, "target": target, "status": status})
    return result


def build_forum(records: list[dict], seed: int, participants: int = 30, meetings: int = 60) -> dict:
    """One two-day forum in Istanbul with its timetable, participants and meeting requests."""
    rng = random.Random(seed)
    companies, offers, requests = _interests(records)
    refs = _participants(rng, companies, offers, requests, participants)
    days = ["2027-10-14", "2027-10-15"]
    return {
        "name": "Atameken B2B Forum Istanbul 2027",
        "city": "Istanbul",
        "country": "TR",
        "venue": "Istanbul Congress Center, Harbiye",
        "dates": days,
        "sessions": [{"date": day, "start": start, "end": end}
                     for day in days for start, end in (("09:30", "12:30"), ("14:00", "17:30"))],
        "meeting_minutes": 20,
        "break_minutes": 5,
        "tables": 12,
        "participants": refs,
        "meeting_requests": _meeting_requests(rng, refs, companies, offers, requests, meetings),
    }


def build_accounts(records: list[dict], forum: dict) -> list[dict]:
    """Log-ins for every role; company users belong to forum participants so the demo shows their meetings."""
    companies = {r["ref"]: r for r in records if r["type"] == "company"}
    present = [companies[ref] for ref in forum["participants"]]
    exporters = [c for c in present if c["kind"] == "exporter"][:2]
    diaspora = [c for c in present if c["kind"] == "diaspora"][:2]
    accounts = [
        {"email": "admin@demo.atameken.kz", "role": "admin", "name": "Demo Administrator", "company_ref": None,
         "locale": "ru"},
        {"email": "organiser@demo.atameken.kz", "role": "organiser", "name": "Aigerim Bekova",
         "company_ref": None, "locale": "kk"},
    ]
    people = {"exporter": [("Nurlan Seitkali", "ru"), ("Aliya Zhaksybekova", "kk")],
              "entrepreneur": [("Erlan Alataş", "en"), ("Dana Omarova", "ru")]}
    for role, members in (("exporter", exporters), ("entrepreneur", diaspora)):
        prefix = "exporter" if role == "exporter" else "diaspora"
        for number, (company, (name, locale)) in enumerate(zip(members, people[role], strict=False), start=1):
            accounts.append({"email": f"{prefix}{number}@demo.atameken.kz", "role": role, "name": name,
                             "company_ref": company["ref"], "locale": locale})
    return [{**account, "password": DEMO_PASSWORD} for account in accounts]
