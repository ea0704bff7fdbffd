"""The opportunity form (offers and requests)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, DecimalField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from app.formatting import UNITS as UNIT_LABELS
from app.forms_common import HSCodesField, ListField, MultiCheckboxField
from app.i18n import country_choices, language_choices

KINDS = [("offer", _l("Offer: we sell or provide")), ("request", _l("Request: we seek"))]
INCOTERMS = ["EXW", "FCA", "CPT", "CIP", "DAP", "DPU", "DDP", "FAS", "FOB", "CFR", "CIF"]
UNITS = ["", *UNIT_LABELS]


class OpportunityForm(FlaskForm):
    kind = SelectField(_l("Kind"), choices=KINDS)
    title = StringField(_l("Title"), validators=[DataRequired(), Length(min=5, max=300)])
    description = TextAreaField(_l("Description"), validators=[DataRequired(), Length(min=20, max=10000)])
    language = SelectField(_l("Language of the text"))
    hs_codes = HSCodesField(_l("HS codes (comma-separated, 2, 4 or 6 digits)"))
    countries = MultiCheckboxField(_l("Countries (offer: target markets; request: where it is needed)"),
                                   validators=[DataRequired(message=_l("Choose at least one country."))])
    quantity = DecimalField(_l("Quantity"), places=None, validators=[Optional(), NumberRange(min=0)])
    unit = SelectField(_l("Unit"), choices=[("", "—"), *UNIT_LABELS.items()])
    incoterms = MultiCheckboxField(_l("Incoterms"), choices=[(t, t) for t in INCOTERMS])
    certifications = ListField(_l("Certifications (comma-separated)"))
    valid_until = DateField(_l("Valid until"), validators=[Optional()])
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = language_choices()
        self.countries.choices = country_choices()

    def validate_unit(self, field):
        if self.quantity.data is not None and not field.data:
            raise ValidationError(_l("Give the unit of the quantity."))
