"""Builders shared by the forum tests (plain functions; the fixtures they need are passed in)."""
import functools
from datetime import date, time

import pytest
from flask_babel import force_locale
from werkzeug.security import generate_password_hash

from app.accounts.models import Role, User
from app.extensions import db
from app.forums import services
from app.forums.models import Forum, ForumStage, Participant

DAY = date(2027, 5, 12)
PASSWORD = "correct horse battery"


@pytest.fixture
def english(app):
    """Services translate their messages; outside a request there is no language to pick, so use English."""
    with force_locale("en"):
        yield


def make_forum(organiser, sessions=((time(9), time(11)),), meeting_minutes=30, break_minutes=0, n_tables=2,
               stage=ForumStage.REQUESTS, **fields) -> Forum:
    """A one-day forum (by default 4 slots of 30 minutes, 2 tables) at the given stage."""
    data = {"name": "Qazaq Business Forum", "city": "Istanbul", "country": "TR", "timezone": "Europe/Istanbul",
            "starts_on": DAY, "ends_on": DAY, "meeting_minutes": meeting_minutes, "break_minutes": break_minutes,
            "n_tables": n_tables, **fields}
    forum = services.create_forum(organiser, data, None, None)
    for start, end in sessions:
        services.add_session(forum, DAY, start, end)
    forum.stage = stage
    db.session.commit()
    return forum


@functools.cache
def _password_hash() -> str:
    return generate_password_hash(PASSWORD)


def quick_user(email: str, name: str, role: str = "entrepreneur") -> User:
    """A user with the tests' usual password, hashed once per run (hashing costs ~0.3 s each time)."""
    user = User(email=email, name=name, role=Role(role), locale="en", password_hash=_password_hash())
    db.session.add(user)
    db.session.commit()
    return user


def add_participants(forum, make_user, make_company, n: int, start: int = 0) -> list[Participant]:
    """n participants p<start>.., alternately Kazakh exporters and diaspora businesses (log in as
    p<i>@example.org with the usual password)."""
    people = []
    for i in range(start, start + n):
        user = quick_user(f"p{i}@example.org", f"Person {i}")
        kind, country = ("exporter", "KZ") if i % 2 == 0 else ("diaspora", "TR")
        company = make_company(user, name=f"Company {i}", kind=kind, country=country,
                               sectors=["grain"] if i < 2 else ["textiles"])
        people.append(Participant(forum=forum, user=user, company=company, unavailable_slots=[]))
        db.session.add(people[-1])
    db.session.commit()
    return people


def login_as(client, email: str):
    """Log out whoever is logged in, then log in as `email` (the login page ignores logged-in users)."""
    client.post("/account/logout")
    return client.post("/account/login", data={"email": email, "password": PASSWORD})
