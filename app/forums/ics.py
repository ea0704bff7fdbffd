"""A participant's agenda as an iCalendar (RFC 5545) file, built with the `icalendar` package."""
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from icalendar import Calendar, Event

from app.forums.models import Forum, Meeting, Participant
from app.forums.services import Slot
from app.i18n import country_name


def _local(moment: datetime, zone: ZoneInfo) -> datetime:
    """Slot times are wall-clock times at the forum's place."""
    return moment.replace(tzinfo=zone)


def agenda_calendar(forum: Forum, participant: Participant, meetings: list[Meeting],
                    slots: dict[int, Slot]) -> bytes:
    """One event per scheduled meeting: time, table, counterpart with company and country."""
    zone = ZoneInfo(forum.timezone)
    calendar = Calendar.new(prodid="-//Atameken Match//Forum agenda//EN", name=forum.name)
    for meeting in meetings:
        slot = slots.get(meeting.slot)
        if slot is None:  # the sessions changed after scheduling; nothing sensible to put in a calendar
            continue
        other = meeting.other(participant.id)
        company = other.company
        who = f"{other.user.name}, {company.name} ({country_name(company.country)})" if company else other.user.name
        calendar.add_component(Event.new(
            uid=f"forum-{forum.id}-meeting-{meeting.id}@atameken-match",
            summary=_("Meeting with %(who)s", who=who),
            start=_local(slot.starts_at, zone), end=_local(slot.ends_at, zone),
            location=_("%(forum)s, %(city)s, table %(table)s", forum=forum.name, city=forum.city,
                       table=meeting.table),
            description=_("Slot %(slot)s, table %(table)s", slot=meeting.slot, table=meeting.table),
        ))
    # time zone rules only for the forum's days (the default covers 1970-2038 and bloats the file)
    calendar.add_missing_timezones(first_date=forum.starts_on, last_date=forum.ends_on + timedelta(days=1))
    return calendar.to_ical()
