"""Load the demo marketplace, its accounts and its forum into the database (the caller commits)."""
from sqlalchemy import select

from app.accounts.models import User
from app.accounts.services import create_user
from app.demo.records import demo_accounts, demo_records
from app.extensions import db
from app.forums.demo import load_demo_forum
from app.imports.services import import_records
from app.profiles.models import Company


def load_demo() -> str:
    """Import the demo records through the same path as `flask import-data`, then accounts and the forum."""
    report = import_records(enumerate(demo_records(), start=1))
    if report.errors:
        line, reason = report.errors[0]
        raise RuntimeError(f"demo record {line} was rejected: {reason}")
    companies = {c.ref: c for c in db.session.scalars(select(Company))}
    for number, company in enumerate(sorted(companies.values(), key=lambda c: c.ref)):
        company.is_verified = number % 3 != 2  # most, not all: the badge should mean something
    users = {}
    for account in demo_accounts():
        user = db.session.scalar(select(User).where(User.email == account["email"]))
        if user is None:
            user = create_user(account["email"], account["password"], account["name"], account["role"],
                               account.get("locale", "en"))
        users[user.email] = user
        if account.get("company_ref") in companies:
            companies[account["company_ref"]].owner_id = user.id
    db.session.flush()
    forum_summary = load_demo_forum(companies, users)
    return f"demo data: {report.summary()}; {len(users)} demo accounts; {forum_summary}"
