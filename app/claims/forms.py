"""The claim form: how the claim is verified, and what the user tells the admin."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SubmitField, TextAreaField
from wtforms.validators import Length, ValidationError

from app.claims.models import ClaimMethod


class ClaimForm(FlaskForm):
    method = RadioField(_l("How should we check that you speak for this company?"), default=ClaimMethod.EMAIL.value,
                        choices=[(ClaimMethod.EMAIL.value, _l("Send a confirmation link to the company's e-mail")),
                                 (ClaimMethod.ADMIN.value, _l("Ask an admin to check"))])
    note = TextAreaField(_l("For the admin: your position in the company and how we can check it"),
                         validators=[Length(max=1000)])
    submit = SubmitField(_l("Claim this company"))

    def __init__(self, company, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not company.email:  # no address to send the link to
            self.method.choices = [c for c in self.method.choices if c[0] != ClaimMethod.EMAIL.value]
            self.method.data = ClaimMethod.ADMIN.value  # the only way left

    def validate_note(self, field):
        if self.method.data == ClaimMethod.ADMIN.value and not (field.data or "").strip():
            raise ValidationError(_l("Tell the admin how you are connected to the company."))


class ConfirmForm(FlaskForm):
    """The mailed link opens a page; the change itself is a POST with its CSRF token."""

    submit = SubmitField(_l("Confirm: I manage this company"))
