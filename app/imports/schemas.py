"""Validation of imported records (the same rules as the forms)."""
import pycountry
from marshmallow import Schema, ValidationError, fields, validate, validates

from matching.hs import validate as valid_hs

LANGUAGE_CODES = {lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2")}


def _country(code: str) -> None:
    if pycountry.countries.get(alpha_2=code.upper()) is None:
        raise ValidationError(f"unknown country code {code!r} (ISO 3166-1 alpha-2)")


def _language(code: str) -> None:
    if code not in LANGUAGE_CODES:
        raise ValidationError(f"unknown language code {code!r} (ISO 639-1)")


class CompanyRecord(Schema):
    type = fields.Str(required=True)
    ref = fields.Str(required=True, validate=validate.Length(min=1, max=64))
    name = fields.Str(required=True, validate=validate.Length(min=1, max=200))
    kind = fields.Str(required=True, validate=validate.OneOf(["diaspora", "exporter"]))
    country = fields.Str(required=True, validate=_country)
    city = fields.Str(load_default="", validate=validate.Length(max=120))
    sectors = fields.List(fields.Str(validate=validate.Length(min=1, max=80)), load_default=list)
    languages = fields.List(fields.Str(validate=_language), load_default=list)
    description = fields.Str(load_default="", validate=validate.Length(max=5000))
    website = fields.Str(load_default="", validate=validate.Length(max=300))
    email = fields.Email(load_default="")
    phone = fields.Str(load_default="", validate=validate.Length(max=40))


class OpportunityRecord(Schema):
    type = fields.Str(required=True)
    ref = fields.Str(required=True, validate=validate.Length(min=1, max=64))
    company = fields.Str(required=True)
    kind = fields.Str(required=True, validate=validate.OneOf(["offer", "request"]))
    title = fields.Str(required=True, validate=validate.Length(min=1, max=300))
    description = fields.Str(load_default="", validate=validate.Length(max=10000))
    language = fields.Str(required=True, validate=_language)
    hs_codes = fields.List(fields.Str(), load_default=list)
    countries = fields.List(fields.Str(validate=_country), load_default=list)
    quantity = fields.Float(load_default=None, allow_none=True, validate=validate.Range(min=0))
    unit = fields.Str(load_default="", validate=validate.Length(max=20))
    incoterms = fields.List(fields.Str(), load_default=list)
    certifications = fields.List(fields.Str(), load_default=list)
    valid_until = fields.Date(load_default=None, allow_none=True)

    @validates("hs_codes")
    def check_hs(self, codes: list[str], **kwargs) -> None:
        bad = [c for c in codes if not (c.isdigit() and len(c) in (2, 4, 6) and valid_hs(c))]
        if bad:
            raise ValidationError(f"not an HS 2022 code: {', '.join(bad)}")
