"""The demo forum: participants, meeting requests, accepted meetings and a schedule, so agendas show at once."""
from datetime import date, time

from flask_babel import force_locale
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from app.accounts.models import Role, User
from app.demo.forum import DEMO_PASSWORD
from app.demo.records import demo_forum
from app.extensions import db
from app.forums import scheduling, services
from app.forums.models import Forum, ForumSession, ForumStage, MeetingRequest, Participant, RequestStatus
from app.profiles.models import Company, CompanyKind

DEMO_TIME_LIMIT = 30  # seconds: the demo forum (30 people, 34 meetings) is proved and spread in 2-10 s


def _representative(company: Company, password_hash: str) -> User:
    """The company's owner, or a demo contact person created for it (the demo password logs them in)."""
    if company.owner is not None:
        return company.owner
    email = f"{company.ref.lower()}@participants.demo.atameken.kz"
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None:
        role = Role.EXPORTER if company.kind == CompanyKind.EXPORTER else Role.ENTREPRENEUR
        user = User(email=email, name="Demo delegate", role=role, locale="en",
                    password_hash=password_hash)  # one hash for all: hashing 30 times would take seconds
        db.session.add(user)
        company.owner = user
    return user


def _forum(spec: dict, organiser: User | None) -> Forum:
    days = [date.fromisoformat(d) for d in spec["dates"]]
    forum = Forum(organiser=organiser, name=spec["name"], city=spec["city"], country=spec["country"],
                  timezone="Europe/Istanbul" if spec["country"] == "TR" else "Asia/Almaty",
                  starts_on=min(days), ends_on=max(days), meeting_minutes=spec["meeting_minutes"],
                  break_minutes=spec["break_minutes"], n_tables=spec["tables"], stage=ForumStage.REQUESTS)
    db.session.add(forum)
    for s in spec["sessions"]:
        forum.sessions.append(ForumSession(day=date.fromisoformat(s["date"]), starts_at=time.fromisoformat(s["start"]),
                                           ends_at=time.fromisoformat(s["end"])))
    return forum


def load_demo_forum(companies_by_ref: dict[str, Company], users_by_email: dict[str, User]) -> str:
    """Create the demo forum from `app.demo.records.demo_forum()`, schedule it and publish the agendas.

    Returns a one-line summary; the caller commits."""
    spec = demo_forum()
    organiser = next((u for u in users_by_email.values() if u.role == Role.ORGANISER), None)
    forum = _forum(spec, organiser)
    password_hash = generate_password_hash(DEMO_PASSWORD)
    people: dict[str, Participant] = {}
    for ref in spec["participants"]:
        company = companies_by_ref[ref]
        people[ref] = Participant(forum=forum, user=_representative(company, password_hash), company=company,
                                  unavailable_slots=[])
        db.session.add(people[ref])
    db.session.flush()
    for item in spec["meeting_requests"]:
        sender, recipient = people[item["requester"]], people[item["target"]]
        req = MeetingRequest(forum_id=forum.id, sender=sender, recipient=recipient, note="")
        db.session.add(req)
        if item["status"] == "accepted" and not services.find_meeting(sender, recipient):
            req.status = RequestStatus.ACCEPTED
            services.add_meeting(sender, recipient, request=req)
        db.session.flush()
    with force_locale("en"):  # no request here to choose a language from
        result = scheduling.schedule_forum(forum, time_limit=DEMO_TIME_LIMIT)
    services.advance_stage(forum, ForumStage.SCHEDULED)  # publishes the agendas; pending requests expire
    return (f"forum '{forum.name}': {len(people)} participants, {len(spec['meeting_requests'])} requests, "
            f"{len(result.assignments)} meetings scheduled ({result.breaks} breaks)")
