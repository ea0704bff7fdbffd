"""Forms for signing up, logging in and resetting a password."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from app.accounts.models import Role, User
from app.extensions import db

# The organiser role is not offered: it opens forum management, so only an admin grants it (on request).
SIGNUP_ROLES = [
    (Role.ENTREPRENEUR.value, _l("Diaspora entrepreneur")),
    (Role.EXPORTER.value, _l("Kazakh exporter")),
]
LOCALES = [("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")]


class SignupForm(FlaskForm):
    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(min=10, max=128)])
    password2 = PasswordField(
        _l("Repeat password"), validators=[DataRequired(), EqualTo("password", message=_l("Passwords differ."))]
    )
    role = SelectField(_l("I am a"), choices=SIGNUP_ROLES)
    wants_organiser = BooleanField(_l("I organise B2B forums: ask an admin for organiser access"))
    locale = SelectField(_l("Interface language"), choices=LOCALES)
    submit = SubmitField(_l("Sign up"))

    def validate_email(self, field):
        if db.session.scalar(select(User).where(User.email == field.data.strip().lower())):
            raise ValidationError(_l("An account with this e-mail already exists."))


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email()])
    password = PasswordField(_l("Password"), validators=[DataRequired()])
    submit = SubmitField(_l("Log in"))


class ResetRequestForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email()])
    submit = SubmitField(_l("Send reset link"))


class ResetPasswordForm(FlaskForm):
    password = PasswordField(_l("New password"), validators=[DataRequired(), Length(min=10, max=128)])
    password2 = PasswordField(
        _l("Repeat password"), validators=[DataRequired(), EqualTo("password", message=_l("Passwords differ."))]
    )
    submit = SubmitField(_l("Set password"))


class SettingsForm(FlaskForm):
    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    locale = SelectField(_l("Interface language"), choices=LOCALES)
    submit = SubmitField(_l("Save"))
