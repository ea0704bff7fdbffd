"""Forms: an interest request, a message, a deal and a change of its stage."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, DecimalField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp

from app.deals.messaging import BODY_MAX
from app.deals.services import NOTE_MAX
from app.deals.tracking import STAGE_LABELS

CURRENCIES = ["USD", "EUR", "KZT", "CNY", "TRY", "RUB", "GBP", "AED", "MNT", "KGS", "UZS"]


class InterestForm(FlaskForm):
    source = SelectField(_l("On behalf of"), coerce=int)
    note = TextAreaField(_l("A short note (what interests you)"), validators=[Optional(), Length(max=NOTE_MAX)])
    submit = SubmitField(_l("Express interest"))

    def __init__(self, companies, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.source.choices = [(c.id, c.name) for c in companies]


class MessageForm(FlaskForm):
    body = TextAreaField(_l("Message"), validators=[DataRequired(), Length(max=BODY_MAX)])
    submit = SubmitField(_l("Send"))


class DealForm(FlaskForm):
    product = StringField(_l("Product"), validators=[DataRequired(), Length(max=200)])
    hs_code = StringField(_l("HS code (2 to 6 digits)"), validators=[
        Optional(), Regexp(r"^\d{2,6}$", message=_l("2 to 6 digits."))])
    value = DecimalField(_l("Value"), places=None, validators=[Optional(), NumberRange(min=0)])
    currency = SelectField(_l("Currency"), choices=[(c, c) for c in CURRENCIES])
    volume = StringField(_l("Volume (e.g. 500 t a month)"), validators=[Optional(), Length(max=100)])
    expected_on = DateField(_l("Expected date"), validators=[Optional()])
    submit = SubmitField(_l("Save deal"))


class StageForm(FlaskForm):
    stage = SelectField(_l("Stage"), choices=[(s.value, label) for s, label in STAGE_LABELS.items()])
    note = StringField(_l("Note"), validators=[Optional(), Length(max=300)])
    submit = SubmitField(_l("Change stage"))
