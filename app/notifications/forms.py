"""The settings form: inbox and e-mail on or off for each kind of notification."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SubmitField

from app.notifications.services import KINDS


class PreferencesForm(FlaskForm):
    submit = SubmitField(_l("Save"))


for _kind in KINDS:  # two checkboxes per kind, named "<kind>-inbox" and "<kind>-email"
    setattr(PreferencesForm, f"{_kind}_inbox", BooleanField(_l("In the site")))
    setattr(PreferencesForm, f"{_kind}_email", BooleanField(_l("By e-mail")))


class UnsubscribeForm(FlaskForm):
    submit = SubmitField(_l("Stop these mails"))
