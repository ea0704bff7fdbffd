"""The whole programme of a forum as rows, written to CSV or XLSX for organisers."""
from flask_babel import gettext as _

from app.forums.models import Forum, Participant
from app.forums.services import forum_slots
from app.spreadsheets import csv_text, xlsx_bytes


def _who(p: Participant) -> list[str]:
    company = p.company
    return [p.user.name, company.name if company else "", company.country if company else ""]


def programme_rows(forum: Forum) -> list[list]:
    """Header, then one row per meeting in slot and table order (unscheduled ones last, with the reason)."""
    slots = {s.number: s for s in forum_slots(forum)}
    header = [_("Slot"), _("Day"), _("Start"), _("End"), _("Table"),
              _("Participant A"), _("Company A"), _("Country A"),
              _("Participant B"), _("Company B"), _("Country B"), _("Locked"), _("Moved from"), _("Not scheduled")]
    rows = []
    for m in sorted(forum.meetings, key=lambda m: (m.slot is None, m.slot or 0, m.table or 0, m.id)):
        slot = slots.get(m.slot)
        when = [slot.day.isoformat(), slot.starts_at.strftime("%H:%M"), slot.ends_at.strftime("%H:%M")] if slot \
            else ["", "", ""]
        moved = f"{m.previous_slot}/{m.previous_table}" if m.has_moved else ""
        rows.append([m.slot or "", *when, m.table or "", *_who(m.p1), *_who(m.p2),
                     _("yes") if m.is_locked else "", moved, m.unscheduled_reason or ""])
    return [header, *rows]


def programme_csv(forum: Forum) -> str:
    return csv_text(programme_rows(forum))


def programme_xlsx(forum: Forum) -> bytes:
    return xlsx_bytes(programme_rows(forum), _("Programme"))
