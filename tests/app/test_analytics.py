"""The organisers' dashboard: every number from a known history, the filters, CSV exports, access rules."""
import csv
import io
from collections import Counter
from datetime import date, datetime

import pytest
from flask_babel import force_locale
from sqlalchemy import text

from app.analytics import impressions
from app.analytics.services import Filters, funnel
from app.deals import tracking
from app.deals.models import DealStage, Interest, InterestStatus
from app.extensions import db
from app.forums.models import Meeting, Participant
from app.matches.models import MatchFeedback
from app.models_base import utcnow
from tests.app.test_forums_factories import PASSWORD, make_forum, quick_user
from tests.conftest import login

OLD = date(2020, 3, 1)


def _backdate(table: str, row_id: int, column: str, when: date) -> None:
    # the history is append-only (a trigger refuses UPDATE): only tests travel in time, and only other tables
    db.session.execute(text(f"UPDATE {table} SET {column} = :when WHERE id = :id"),
                       {"when": datetime.combine(when, datetime.min.time()), "id": row_id})


@pytest.fixture
def history(make_user, make_company, make_opportunity):
    """Four companies, listings, impressions, feedback, interest, a forum with meetings, and deals."""
    with force_locale("en"):  # services word their messages; outside a request there is no language to pick
        return _build_history(make_user, make_company, make_opportunity)


def _build_history(make_user, make_company, make_opportunity) -> dict:
    owners = [quick_user(f"o{i}@example.org", f"Owner {i}") for i in range(3)]
    k1 = make_company(owners[0], name="K1", country="KZ", sectors=["grain"])
    k2 = make_company(owners[1], name="K2", country="KZ", sectors=["flour-milling"])
    t1 = make_company(owners[2], name="T1", kind="diaspora", country="TR", sectors=["flour-milling"])
    d1 = make_company(None, name="D1", kind="diaspora", country="DE", sectors=["grain", "flour-milling"])
    make_opportunity(k1)
    make_opportunity(k1, title="Barley feed grade")
    request = make_opportunity(t1, kind="request", title="Flour wanted")
    make_opportunity(d1, kind="request", title="Grain wanted")

    impressions.add(Counter({k1.id: 5, t1.id: 3}))
    impressions.add(Counter({k1.id: 2}))
    impressions.add(Counter({k2.id: 4}), day=OLD)

    db.session.add_all([
        MatchFeedback(user_id=owners[0].id, source_type="company", source_id=k1.id, target_type="company",
                      target_id=t1.id, verdict="relevant"),
        MatchFeedback(user_id=owners[0].id, source_type="company", source_id=k1.id, target_type="company",
                      target_id=d1.id, verdict="relevant"),
        MatchFeedback(user_id=owners[2].id, source_type="opportunity", source_id=request.id,
                      target_type="opportunity", target_id=1, verdict="dismissed")])
    now = utcnow()
    db.session.add_all([
        Interest(from_company_id=k1.id, to_company_id=t1.id, status=InterestStatus.ACCEPTED, answered_at=now),
        Interest(from_company_id=t1.id, to_company_id=k2.id, status=InterestStatus.PENDING),
        Interest(from_company_id=k2.id, to_company_id=k1.id, status=InterestStatus.DECLINED, answered_at=now)])

    forum = make_forum(quick_user("org@example.org", "Organiser", "organiser"))  # on 2027-05-12
    people = {c.name: Participant(forum_id=forum.id, user_id=c.owner_id, company_id=c.id) for c in (k1, k2, t1)}
    db.session.add_all(people.values())
    db.session.flush()

    def meeting(x, y, **fields):
        p1, p2 = sorted((people[x].id, people[y].id))
        db.session.add(Meeting(forum_id=forum.id, p1_id=p1, p2_id=p2, **fields))

    meeting("K1", "T1", slot=1, table=1, took_place=True)
    meeting("K2", "T1", slot=2, table=1, took_place=False)
    meeting("K1", "K2")  # requested, never scheduled
    db.session.flush()

    signed = tracking.open_deal(k1, t1, "Flour", forum=forum, value=100000.0, currency="USD")
    tracking.change_stage(signed, DealStage.NEGOTIATION)
    tracking.change_stage(signed, DealStage.CONTRACT_SIGNED)
    lost = tracking.open_deal(k2, t1, "Bran")
    tracking.change_stage(lost, DealStage.LOST)
    tracking.open_deal(k1, k2, "Barley", value=5000.0, currency="EUR")
    old = tracking.open_deal(k1, d1, "Grain", value=2000.0, currency="EUR")
    tracking.change_stage(old, DealStage.CONTRACT_SIGNED)
    db.session.flush()
    _backdate("deals", old.id, "created_at", OLD)
    # an old signature needs an old history row: written as such (inserting is allowed, updating is not)
    db.session.execute(text("DELETE FROM deal_stage_changes WHERE deal_id = :id AND stage = 'contract_signed'"),
                       {"id": old.id})
    db.session.execute(text("INSERT INTO deal_stage_changes (deal_id, stage, note, created_at) "
                            "VALUES (:id, 'contract_signed', '', :when)"),
                       {"id": old.id, "when": datetime.combine(OLD, datetime.min.time())})
    db.session.commit()
    return {"forum": forum, "k1": k1, "k2": k2, "t1": t1, "d1": d1}


def test_every_number_without_filters(history):
    figures = funnel(Filters())
    assert figures["steps"] == {"suggestions_shown": 14, "relevant": 2, "not_for_me": 1, "interest": 3,
                                "mutual": 1, "meetings_scheduled": 2, "meetings_held": 1, "deals": 4,
                                "contracts": 2}
    assert figures["stages"] == {"lead": 1, "negotiation": 0, "contract_signed": 2, "lost": 1}
    assert figures["contract_value"] == {"EUR": 2000.0, "USD": 100000.0}
    listings = figures["listings"]
    assert listings["country"]["companies"] == Counter({"KZ": 2, "TR": 1, "DE": 1})
    assert listings["country"]["opportunities"] == Counter({"KZ": 2, "TR": 1, "DE": 1})
    assert listings["sector"]["companies"] == Counter({"flour-milling": 3, "grain": 2})
    assert listings["sector"]["opportunities"] == Counter({"grain": 3, "flour-milling": 2})


def _steps(figures) -> tuple:
    s = figures["steps"]
    return (s["suggestions_shown"], s["relevant"], s["not_for_me"], s["interest"], s["mutual"],
            s["meetings_scheduled"], s["meetings_held"], s["deals"], s["contracts"])


def test_country_filter(history):
    figures = funnel(Filters(country="TR"))
    assert _steps(figures) == (3, 0, 1, 2, 1, 2, 1, 2, 1)
    assert figures["stages"] == {"lead": 0, "negotiation": 0, "contract_signed": 1, "lost": 1}
    assert figures["contract_value"] == {"USD": 100000.0}
    assert figures["listings"]["country"]["companies"] == Counter({"TR": 1})
    assert figures["listings"]["sector"]["opportunities"] == Counter({"flour-milling": 1})


def test_sector_filter(history):
    figures = funnel(Filters(sector="grain"))
    assert _steps(figures) == (7, 2, 0, 2, 1, 1, 1, 3, 2)
    assert figures["contract_value"] == {"EUR": 2000.0, "USD": 100000.0}
    assert figures["listings"]["country"]["companies"] == Counter({"KZ": 1, "DE": 1})
    assert figures["listings"]["sector"]["companies"] == Counter({"grain": 2, "flour-milling": 1})
    assert figures["listings"]["sector"]["opportunities"] == Counter({"grain": 3, "flour-milling": 1})


def test_forum_filter(history, make_user, make_company):
    other = make_forum(quick_user("org2@example.org", "Other organiser", "organiser"), name="Other forum")
    figures = funnel(Filters(forum_id=history["forum"].id))
    assert _steps(figures) == (14, 2, 1, 3, 1, 2, 1, 4, 2)  # events of companies registered at the forum
    empty = funnel(Filters(forum_id=other.id))
    assert _steps(empty) == (0,) * 9 and empty["contract_value"] == {}


def test_period_filter(history):
    recent = funnel(Filters(start=date(2021, 1, 1)))
    assert _steps(recent) == (10, 2, 1, 3, 1, 2, 1, 3, 1)
    assert recent["stages"] == {"lead": 1, "negotiation": 0, "contract_signed": 1, "lost": 1}
    assert recent["contract_value"] == {"USD": 100000.0}
    old = funnel(Filters(end=date(2020, 12, 31)))
    assert _steps(old) == (4, 0, 0, 0, 0, 0, 0, 1, 1)
    assert old["contract_value"] == {"EUR": 2000.0}
    assert old["listings"]["country"]["companies"] == Counter()
    one_day = funnel(Filters(start=OLD, end=OLD))
    assert _steps(one_day) == (4, 0, 0, 0, 0, 0, 0, 1, 1)


def test_dashboard_page_and_csv(client, history):
    quick_user("admin@example.org", "Admin", "admin")  # sees every forum and company
    login(client, "admin@example.org", PASSWORD)
    page = client.get("/analytics/").get_data(as_text=True)
    for step, value in (("suggestions_shown", 14), ("interest", 3), ("mutual", 1), ("meetings_held", 1),
                        ("contracts", 2)):
        assert f'data-step="{step}"><b>{value}</b>' in page
    assert 'data-value="USD"><b>100,000.00</b>' in page
    assert page.count("<canvas data-chart=") == 5 and "vendor/chartjs/chart.umd.min.js" in page
    rows = list(csv.reader(io.StringIO(client.get("/analytics/funnel.csv?country=TR").get_data(as_text=True))))
    assert rows[0] == ["label", "Count"]
    assert [int(r[1]) for r in rows[1:]] == [3, 0, 1, 2, 1, 2, 1, 2, 1]
    stages = list(csv.reader(io.StringIO(client.get("/analytics/stages.csv").get_data(as_text=True))))
    assert stages[1:] == [["Lead", "1"], ["Negotiation", "0"], ["Contract signed", "2"], ["Lost", "1"]]
    countries = client.get("/analytics/countries.csv").get_data(as_text=True).splitlines()
    assert countries[:2] == ["label,Companies,Opportunities", "Kazakhstan,2,2"]
    assert client.get("/analytics/nothing.csv").status_code == 404
    body = client.get("/analytics/data.json?sector=grain").get_json()
    assert body["steps"]["contracts"] == 2 and body["contract_value"] == {"EUR": 2000.0, "USD": 100000.0}
    assert body["listings"]["country"]["companies"] == {"KZ": 1, "DE": 1}
    assert client.get("/analytics/?start=not-a-date").status_code == 400


def test_organisers_see_only_their_own_forums(client, history):
    other = make_forum(quick_user("org2@example.org", "Other organiser", "organiser"), name="Other forum")
    login(client, "org@example.org", PASSWORD)
    own = client.get("/analytics/data.json").get_json()
    assert own["steps"] == funnel(Filters(forum_id=history["forum"].id))["steps"]  # not the whole marketplace
    assert sum(own["listings"]["country"]["companies"].values()) == 3  # the forum's companies, of 4 in all
    for url in (f"/analytics/?forum={other.id}", f"/analytics/data.json?forum={other.id}",
                f"/analytics/funnel.csv?forum={other.id}"):
        assert client.get(url).status_code == 403
    client.post("/account/logout")
    login(client, "org2@example.org", PASSWORD)
    page = client.get("/analytics/").get_data(as_text=True)
    assert "Other forum" in page and history["forum"].name not in page.split("<select")[1]
    assert client.get(f"/analytics/data.json?forum={history['forum'].id}").status_code == 403
    assert set(client.get("/analytics/data.json").get_json()["steps"].values()) == {0}


@pytest.mark.parametrize("url", ["/analytics/", "/analytics/funnel.csv", "/analytics/data.json"])
def test_organisers_and_admins_only(client, make_user, url):
    assert client.get(url).status_code == 302  # to the login page
    make_user(email="user@example.org")
    login(client)
    assert client.get(url).status_code == 403
    client.post("/account/logout")
    make_user(email="admin@example.org", role="admin")
    login(client, "admin@example.org")
    assert client.get(url).status_code == 200
    client.post("/account/logout")
    make_user(email="org@example.org", role="organiser")
    login(client, "org@example.org")
    assert client.get(url).status_code == 200


def test_impressions_counted_when_the_owner_sees_suggestions(client, embedding_on, make_user, make_company,
                                                               make_opportunity):
    from app.analytics.models import SuggestionImpression

    seller = make_company(make_user(email="seller@example.kz", role="exporter"), name="Tobol Diirmen")
    buyer = make_company(make_user(email="buyer@example.org"), name="Anatolia Un", kind="diaspora", country="TR",
                         description="Istanbul flour importer for bakeries.")
    offer = make_opportunity(seller, hs_codes=["1101"], countries=["TR"])
    make_opportunity(buyer, kind="request", title="Wheat flour wanted", hs_codes=["1101"], countries=["TR"],
                     description="Wheat flour, first grade, 50 kg bags, delivery Istanbul.")
    client.get(f"/opportunities/{offer.id}")  # a visitor: not counted
    assert db.session.scalar(db.select(db.func.count()).select_from(SuggestionImpression)) == 0
    login(client, "seller@example.kz")
    page = client.get(f"/opportunities/{offer.id}").get_data(as_text=True)
    shown = page.count("Express interest")
    assert shown >= 1
    client.get(f"/opportunities/{offer.id}")
    row = db.session.scalar(db.select(SuggestionImpression))
    assert (row.company_id, row.day, row.shown) == (seller.id, utcnow().date(), 2 * shown)
    assert funnel(Filters())["steps"]["suggestions_shown"] == 2 * shown
