"""Participants from the registration spreadsheet (CSV or XLSX): a preview with per-row errors, then an
idempotent import by e-mail. New people get an account and a mail with a link to set their password; people
who already have an account are never enrolled silently: they get an invitation to accept or decline. The
preview says the same for both, so it does not tell the organiser who has an account.

Columns (header row, any order; only `email` is required):
  email, name, company, country (ISO alpha-2), kind (exporter or diaspora; default: exporter when the country
  is KZ), company_ref (the ref of a company without an owner, or of the organiser's own), arrives_slot,
  leaves_slot (first and last slot the person is present), unavailable_slots (slot numbers separated by , or ;).
"""
import csv
import io
import json
import secrets
import tempfile
import time
import uuid
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pycountry
from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from openpyxl.utils.exceptions import InvalidFileException
from sqlalchemy import select

from app.accounts.models import Role, User
from app.accounts.services import create_user, reset_token
from app.errors import DomainError
from app.extensions import db
from app.forums.models import Forum, ForumInvitation, InvitationStatus, Participant
from app.forums.services import forum_slots
from app.imports.readers import TooLarge, read_csv, read_xlsx
from app.mail import external_url, send_mail
from app.profiles.models import Company, CompanyKind

COLUMNS = ("email", "name", "company", "country", "kind", "company_ref", "arrives_slot", "leaves_slot",
           "unavailable_slots")


@dataclass
class Row:
    line: int
    email: str = ""
    name: str = ""
    company: str = ""
    country: str = ""
    kind: str = ""
    company_ref: str = ""
    unavailable: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    action: str = ""  # what confirming will do, for the preview


def read_rows(filename: str, data: bytes) -> list[tuple[int, dict | str]]:
    """Spreadsheet records by line number; the format is chosen by the file name. A file that cannot be read,
    or holds more than IMPORT_MAX_ROWS rows or IMPORT_MAX_COLUMNS columns, is refused with the reason."""
    limits = {"max_rows": current_app.config["IMPORT_MAX_ROWS"],
              "max_columns": current_app.config["IMPORT_MAX_COLUMNS"]}
    try:
        if not filename.lower().endswith(".xlsx"):
            return list(read_csv(io.StringIO(data.decode("utf-8-sig"), newline=""), **limits))
        with tempfile.NamedTemporaryFile(suffix=".xlsx") as handle:
            handle.write(data)
            handle.flush()
            return list(read_xlsx(Path(handle.name), **limits))
    except TooLarge as error:
        raise DomainError(_too_large(error)) from error
    except (UnicodeDecodeError, csv.Error, zipfile.BadZipFile, InvalidFileException, KeyError) as error:
        raise DomainError(_("This file could not be read: save it as CSV (UTF-8) or XLSX and try again.")) from error


def _too_large(error: TooLarge) -> str:
    if error.what == "rows":
        return _("The file has %(found)s rows; at most %(limit)s can be imported at once. Split it into smaller "
                 "files.", found=error.found, limit=error.limit)
    return _("The file has %(found)s columns; at most %(limit)s can be read. Keep only the columns listed on the "
             "import page.", found=error.found, limit=error.limit)


def _slot_numbers(value, n_slots: int, errors: list[str]) -> list[int]:
    parts = value if isinstance(value, list) else str(value or "").replace(";", ",").split(",")
    numbers = []
    for part in (str(p).strip() for p in parts):
        if not part:
            continue
        if not part.removesuffix(".0").isdigit() or not 1 <= int(float(part)) <= n_slots:
            errors.append(_("slot %(value)s is not between 1 and %(n)s", value=part, n=n_slots))
            continue
        numbers.append(int(float(part)))
    return numbers


def _presence(record: dict, n_slots: int, errors: list[str]) -> list[int]:
    """Unavailable slots: outside arrival..departure, plus the listed ones."""
    arrives = _slot_numbers(record.get("arrives_slot"), n_slots, errors) or [1]
    leaves = _slot_numbers(record.get("leaves_slot"), n_slots, errors) or [n_slots]
    if arrives[0] > leaves[0]:
        errors.append(_("arrives_slot is after leaves_slot"))
    away = set(range(1, arrives[0])) | set(range(leaves[0] + 1, n_slots + 1))
    return sorted(away | set(_slot_numbers(record.get("unavailable_slots"), n_slots, errors)))


def attachable(company: Company, organiser_id: int | None, user_id: int | None = None) -> bool:
    """An import may attach a company nobody owns, the organiser's own, or the participant's own."""
    return company.owner_id is None or company.owner_id in (organiser_id, user_id)


def _check_ref(row: Row, organiser_id: int | None) -> None:
    company = db.session.scalar(select(Company).where(Company.ref == row.company_ref))
    if company is None:
        row.errors.append(_("no company with ref %(value)s", value=row.company_ref))
    elif not attachable(company, organiser_id):
        row.errors.append(_("the company %(value)s is managed by another account: only companies without an "
                            "owner, or your own, can be attached", value=row.company_ref))


def check_row(line: int, record: dict, n_slots: int, organiser_id: int | None = None) -> Row:
    """One spreadsheet row, normalised, with every problem found."""
    text = {k: str(record.get(k) or "").strip() for k in COLUMNS}
    row = Row(line=line, name=text["name"], company=text["company"], country=text["country"].upper(),
              kind=text["kind"].lower(), company_ref=text["company_ref"])
    try:
        row.email = validate_email(text["email"], check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        row.errors.append(_("missing or invalid e-mail: %(value)s", value=text["email"] or "—"))
    if row.country and not pycountry.countries.get(alpha_2=row.country):
        row.errors.append(_("unknown country code: %(value)s", value=row.country))
    if row.kind and row.kind not in {k.value for k in CompanyKind}:
        row.errors.append(_("kind must be exporter or diaspora, not %(value)s", value=row.kind))
    if row.company_ref:
        _check_ref(row, organiser_id)
    row.unavailable = _presence(record, n_slots, row.errors)
    return row


def _participant(forum: Forum, email: str) -> Participant | None:
    return db.session.scalar(select(Participant).join(Participant.user).where(Participant.forum_id == forum.id,
                                                                              User.email == email))


def _describe(forum: Forum, row: Row) -> str:
    """What confirming will do. The organiser sees their own participants, so "already registered" is no
    secret; for everyone else the answer (and the required columns) is the same with or without an account."""
    if _participant(forum, row.email):
        return _("already registered: availability updated")
    if not (row.name and (row.company or row.company_ref) and (row.country or row.company_ref)):
        row.errors.append(_("a person not yet registered needs name, company and country (or company_ref)"))
    return _("invitation mailed")


def preview(forum: Forum, records: list[tuple[int, dict | str]]) -> list[Row]:
    """Check every row without saving anything; duplicate e-mails in the file are errors."""
    n_slots = len(forum_slots(forum)) or 1
    rows, seen = [], set()
    for line, record in records:
        if isinstance(record, str):
            rows.append(Row(line=line, errors=[record]))
            continue
        row = check_row(line, record, n_slots, forum.organiser_id)
        if row.email and row.email in seen:
            row.errors.append(_("the e-mail %(value)s appears twice in the file", value=row.email))
        seen.add(row.email)
        if row.email and not row.errors:
            row.action = _describe(forum, row)
        rows.append(row)
    return rows


def _folder() -> Path:
    folder = Path(current_app.instance_path) / "forum_imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _expired(path: Path) -> bool:
    return time.time() - path.stat().st_mtime > current_app.config["IMPORT_PREVIEW_MAX_AGE"]


def expire_previews() -> int:
    """Delete previews nobody confirmed in time (they hold names and e-mails); returns how many."""
    old = [path for path in _folder().glob("*.json") if _expired(path)]
    for path in old:
        path.unlink(missing_ok=True)
    return len(old)


def store_preview(forum: Forum, rows: list[Row]) -> str:
    """Keep the checked rows until the organiser confirms (IMPORT_PREVIEW_MAX_AGE at most); returns the token
    naming them. Storing one also clears the expired ones."""
    expire_previews()
    token = uuid.uuid4().hex
    payload = {"forum_id": forum.id, "rows": [asdict(r) for r in rows if not r.errors]}
    (_folder() / f"{token}.json").write_text(json.dumps(payload), encoding="utf-8")
    return token


def load_preview(forum: Forum, token: str) -> list[Row] | None:
    """The stored rows of a preview of this forum (None when unknown, e.g. already confirmed)."""
    if not (len(token) == 32 and all(c in "0123456789abcdef" for c in token)):
        return None
    path = _folder() / f"{token}.json"
    if not path.exists() or _expired(path):
        return None
    payload = json.loads(path.read_text(encoding="utf-8"))
    path.unlink()
    if payload["forum_id"] != forum.id:
        return None
    return [Row(**r) for r in payload["rows"]]


def _kind(row: Row) -> CompanyKind:
    return CompanyKind(row.kind) if row.kind else (
        CompanyKind.EXPORTER if row.country == "KZ" else CompanyKind.DIASPORA)


def company_for(user: User, row: Row, organiser_id: int | None) -> Company | None:
    """The participant's company: the referenced one when it may be attached, else one of the user's own
    (by name), else a new one owned by the user."""
    if row.company_ref:
        company = db.session.scalar(select(Company).where(Company.ref == row.company_ref))
        if company is not None and attachable(company, organiser_id, user.id):  # checked again: claims happen
            return company
    if not row.company:
        return user.companies[0] if user.companies else None
    owned = next((c for c in user.companies if c.name == row.company), None)
    if owned:
        return owned
    company = Company(owner=user, name=row.company, kind=_kind(row), country=row.country, sectors=[],
                      languages=[])
    db.session.add(company)
    return company


def _mail_new_person(forum: Forum, user: User) -> None:
    link = external_url("accounts.reset_password", token=reset_token(user))
    body = _("Hello %(name)s,\n\nYou are registered for %(forum)s on Atameken Match. To choose your password "
             "and request meetings, open:\n%(link)s\n", name=user.name, forum=forum.name, link=link)
    send_mail(user.email, _("Atameken Match: your invitation to %(forum)s", forum=forum.name), body)


def _mail_invitation(invitation: ForumInvitation) -> None:
    user, forum = invitation.user, invitation.forum
    link = external_url("forums.invitation", invitation_id=invitation.id)
    with force_locale(user.locale):
        body = _("Hello %(name)s,\n\n%(organiser)s invites you to %(forum)s on Atameken Match. Log in and "
                 "accept or decline the invitation here:\n%(link)s\n", name=user.name, forum=forum.name,
                 organiser=forum.organiser.name if forum.organiser else "Atameken Match", link=link)
        subject = _("Atameken Match: your invitation to %(forum)s", forum=forum.name)
    send_mail(user.email, subject, body)


def _invite_existing(forum: Forum, user: User, row: Row) -> None:
    """An invitation to accept (mailed once); a declined one stays declined."""
    invitation = db.session.scalar(select(ForumInvitation).filter_by(forum_id=forum.id, user_id=user.id))
    if invitation is None:
        invitation = ForumInvitation(forum=forum, user=user)
        db.session.add(invitation)
    elif invitation.status == InvitationStatus.DECLINED:
        return
    invitation.details = asdict(row)
    mail = invitation.id is None or invitation.status == InvitationStatus.ACCEPTED  # accepted, then left
    invitation.status = InvitationStatus.PENDING
    db.session.flush()
    if mail:
        _mail_invitation(invitation)


def _register_new_person(forum: Forum, row: Row) -> None:
    role = Role.EXPORTER if _kind(row) == CompanyKind.EXPORTER else Role.ENTREPRENEUR
    user = create_user(row.email, secrets.token_urlsafe(24), row.name or row.email, role)
    participant = Participant(forum=forum, user=user, company=company_for(user, row, forum.organiser_id),
                              unavailable_slots=row.unavailable)
    db.session.add(participant)
    db.session.flush()
    _mail_new_person(forum, user)


def apply_rows(forum: Forum, rows: list[Row]) -> dict[str, int]:
    """Update registered participants, create and register new people, invite people with an account."""
    counts = {"invited": 0, "updated": 0}
    for row in rows:
        participant = _participant(forum, row.email)
        if participant is not None:
            participant.company = participant.company or company_for(participant.user, row, forum.organiser_id)
            participant.unavailable_slots = row.unavailable
            counts["updated"] += 1
            continue
        user = db.session.scalar(select(User).where(User.email == row.email))
        if user is None:
            _register_new_person(forum, row)
        else:
            _invite_existing(forum, user, row)
        counts["invited"] += 1
    db.session.flush()
    return counts
