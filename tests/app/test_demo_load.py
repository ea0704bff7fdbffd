"""`make run` loads the demo marketplace into an empty database: it must import cleanly and be usable."""
from sqlalchemy import func, select

from app.extensions import db
from app.opportunities.models import Opportunity
from app.profiles.models import Company
from tests.conftest import login


def test_demo_load_fills_an_empty_database_once(runner_app, client):
    runner = runner_app.test_cli_runner()
    out = runner.invoke(args=["demo", "load"]).output
    assert "0 rows rejected" in out and "6 demo accounts" in out, out
    companies = db.session.scalar(select(func.count(Company.id)))
    opportunities = db.session.scalar(select(func.count(Opportunity.id)))
    assert companies >= 300 and opportunities >= 600
    assert "already has companies" in runner.invoke(args=["demo", "load"]).output
    assert db.session.scalar(select(func.count(Company.id))) == companies
    assert login(client, "organiser@demo.atameken.kz", "atameken-demo-2027").status_code == 302
    assert client.get("/search/?q=мука").status_code == 200
