"""The company profile form."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, StringField, SubmitField, TextAreaField, URLField
from wtforms.validators import DataRequired, Email, Length, Optional, Regexp

from app.forms_common import MultiCheckboxField
from app.i18n import country_choices, language_choices
from app.reference.sectors import sector_choices

KINDS = [("diaspora", _l("Diaspora business abroad")), ("exporter", _l("Kazakh exporter"))]


class CompanyForm(FlaskForm):
    name = StringField(_l("Company name"), validators=[DataRequired(), Length(max=200)])
    kind = SelectField(_l("Kind"), choices=KINDS)
    country = SelectField(_l("Country"), validators=[DataRequired()])
    city = StringField(_l("City"), validators=[Optional(), Length(max=120)])
    sectors = MultiCheckboxField(_l("Sectors"), validators=[DataRequired(message=_l("Choose at least one sector."))])
    languages = MultiCheckboxField(_l("Languages spoken"),
                                   validators=[DataRequired(message=_l("Choose at least one language."))])
    description = TextAreaField(_l("What you do, offer and seek"),
                                validators=[DataRequired(), Length(min=20, max=5000)])
    website = URLField(_l("Website"), validators=[Optional(), Length(max=300),
                                                  Regexp(r"^https?://", message=_l("Start with http:// or https://"))])
    email = EmailField(_l("Contact e-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    phone = StringField(_l("Contact phone"), validators=[
        Optional(), Length(max=40), Regexp(r"^[0-9+() \-]{5,40}$", message=_l("Digits, spaces and + ( ) - only."))])
    submit = SubmitField(_l("Save company"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = [("", "—")] + country_choices()
        self.sectors.choices = sector_choices()
        self.languages.choices = language_choices()
