"""Forms for forums, sessions, joining, availability, requests, meetings, import and outcomes."""
from zoneinfo import available_timezones

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    DateField,
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from app.forms_common import MultiCheckboxField
from app.forums.models import ForumStage, Outcome
from app.i18n import country_choices

STAGES = {ForumStage.REGISTRATION: _l("Registration"), ForumStage.REQUESTS: _l("Meeting requests"),
          ForumStage.SCHEDULED: _l("Agendas published"), ForumStage.FINISHED: _l("Finished")}
OUTCOMES = [(Outcome.NO_FOLLOW_UP.value, _l("No follow-up")), (Outcome.FOLLOW_UP.value, _l("Follow-up agreed")),
            (Outcome.NEGOTIATION.value, _l("Negotiation")), (Outcome.CONTRACT.value, _l("Contract signed"))]


class ForumForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    city = StringField(_l("City"), validators=[DataRequired(), Length(max=120)])
    country = SelectField(_l("Country"))
    timezone = StringField(_l("Time zone"), default="Asia/Almaty", validators=[DataRequired(), Length(max=64)])
    starts_on = DateField(_l("First day"), validators=[DataRequired()])
    ends_on = DateField(_l("Last day"), validators=[DataRequired()])
    meeting_minutes = IntegerField(_l("Meeting length (minutes)"), default=30,
                                   validators=[InputRequired(), NumberRange(min=5, max=240)])
    break_minutes = IntegerField(_l("Break between meetings (minutes)"), default=5,
                                 validators=[Optional(), NumberRange(min=0, max=120)])
    n_tables = IntegerField(_l("Number of tables"), default=10, validators=[InputRequired(), NumberRange(1, 500)])
    request_deadline = DateTimeLocalField(_l("Deadline for meeting requests (UTC)"), validators=[Optional()])
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = country_choices()

    def validate_ends_on(self, field):
        if self.starts_on.data and field.data and field.data < self.starts_on.data:
            raise ValidationError(_l("The last day cannot be before the first day."))
        if self.starts_on.data and field.data and (field.data - self.starts_on.data).days > 14:
            raise ValidationError(_l("A forum lasts at most 15 days."))

    def validate_timezone(self, field):
        if field.data not in available_timezones():
            raise ValidationError(_l("Not a time zone name (e.g. Asia/Almaty, Europe/Istanbul)."))


class NewForumForm(ForumForm):
    """Creation also lays out the daily sessions; they can be edited one by one afterwards."""

    morning_start = TimeField(_l("Morning session from"), default=None, validators=[Optional()])
    morning_end = TimeField(_l("Morning session until"), validators=[Optional()])
    afternoon_start = TimeField(_l("Afternoon session from"), validators=[Optional()])
    afternoon_end = TimeField(_l("Afternoon session until"), validators=[Optional()])

    def session_times(self, prefix: str):
        start, end = self[f"{prefix}_start"].data, self[f"{prefix}_end"].data
        return (start, end) if start and end else None

    def validate(self, extra_validators=None) -> bool:
        """Session checks span two fields each, and an empty time field skips its own validators."""
        valid = super().validate(extra_validators)
        for prefix in ("morning", "afternoon"):
            try:
                _check_pair(self[f"{prefix}_start"].data, self[f"{prefix}_end"].data)
            except ValidationError as error:
                self[f"{prefix}_end"].errors.append(str(error))
                valid = False
        morning, afternoon = self.session_times("morning"), self.session_times("afternoon")
        if morning and afternoon and afternoon[0] < morning[1]:
            self.afternoon_start.errors.append(_l("The afternoon session starts after the morning session ends."))
            valid = False
        if not (morning or afternoon) and valid:
            self.morning_start.errors.append(_l("Give at least one session (start and end)."))
            valid = False
        return valid


def _check_pair(start, end) -> None:
    if bool(start) != bool(end):
        raise ValidationError(_l("Give both the start and the end of the session."))
    if start and end and end <= start:
        raise ValidationError(_l("A session must end after it starts."))


class SessionForm(FlaskForm):
    day = DateField(_l("Day"), validators=[DataRequired()])
    starts_at = TimeField(_l("From"), validators=[DataRequired()])
    ends_at = TimeField(_l("Until"), validators=[DataRequired()])
    submit = SubmitField(_l("Add session"))

    def validate_ends_at(self, field):
        _check_pair(self.starts_at.data, field.data)


class JoinForm(FlaskForm):
    company_id = SelectField(_l("Your company"), coerce=int)
    submit = SubmitField(_l("Register for this forum"))


class AvailabilityForm(FlaskForm):
    unavailable = MultiCheckboxField(_l("Slots when you are NOT available"), coerce=int)
    submit = SubmitField(_l("Save"))


class RequestForm(FlaskForm):
    to_id = HiddenField(validators=[DataRequired()])
    note = TextAreaField(_l("Note (why you would like to meet)"), validators=[Optional(), Length(max=1000)])
    submit = SubmitField(_l("Request a meeting"))


class AddMeetingForm(FlaskForm):
    p1_id = SelectField(_l("Participant"), coerce=int)
    p2_id = SelectField(_l("Meets"), coerce=int)
    priority = IntegerField(_l("Priority (higher is scheduled first)"), default=1,
                            validators=[Optional(), NumberRange(0, 9)])
    submit = SubmitField(_l("Add meeting"))


class ImportForm(FlaskForm):
    file = FileField(_l("Registration spreadsheet (CSV or XLSX)"),
                     validators=[FileRequired(), FileAllowed(["csv", "xlsx"], _l("CSV or XLSX only."))])
    submit = SubmitField(_l("Preview"))


class OutcomeForm(FlaskForm):
    took_place = SelectField(_l("Did the meeting take place?"),
                             choices=[("", "—"), ("yes", _l("Yes")), ("no", _l("No"))])
    outcome = SelectField(_l("Outcome"), choices=[("", "—"), *OUTCOMES])
    submit = SubmitField(_l("Save"))


class InvitationForm(FlaskForm):
    """Accept or decline an organiser's invitation (two buttons, one CSRF-protected form)."""

    action = HiddenField(validators=[DataRequired()])
