"""What forum participants are told (inbox and mail, as each chose): meeting requests and agenda changes."""
from flask_babel import lazy_gettext as _l

from app.forums.models import Forum, Meeting, MeetingRequest
from app.notifications.services import notify


def request_received(req: MeetingRequest) -> None:
    notify(req.recipient.user, "meeting_request",
           _l("%(name)s asks for a meeting at %(forum)s", name=req.sender.user.name, forum=req.sender.forum.name),
           link=f"/forums/{req.forum_id}/requests")


def request_accepted(req: MeetingRequest) -> None:
    notify(req.sender.user, "meeting_request",
           _l("%(name)s accepted your meeting request at %(forum)s", name=req.recipient.user.name,
              forum=req.recipient.forum.name),
           link=f"/forums/{req.forum_id}/agenda")


def agendas_published(forum: Forum) -> None:
    for participant in forum.participants:
        notify(participant.user, "agenda_change", _l("Your agenda for %(forum)s is published", forum=forum.name),
               link=f"/forums/{forum.id}/agenda")


def meeting_moved(meeting: Meeting) -> None:
    for participant in (meeting.p1, meeting.p2):
        notify(participant.user, "agenda_change",
               _l("A meeting in your agenda for %(forum)s has moved", forum=meeting.forum.name),
               link=f"/forums/{meeting.forum_id}/agenda")
