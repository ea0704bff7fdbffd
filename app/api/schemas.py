"""API schemas. Contact details (email, phone, website owner data) are never part of them."""
from marshmallow import Schema, fields, validate

from app.opportunities.models import OpportunityKind
from app.params import MAX_PAGE
from app.profiles.models import CompanyKind


class CompanySchema(Schema):
    id = fields.Int()
    ref = fields.Str(allow_none=True)
    name = fields.Str()
    kind = fields.Str()
    country = fields.Str()
    city = fields.Str()
    sectors = fields.List(fields.Str())
    languages = fields.List(fields.Str())
    description = fields.Str()
    is_verified = fields.Bool()
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class CompanyBriefSchema(Schema):
    id = fields.Int()
    ref = fields.Str(allow_none=True)
    name = fields.Str()
    country = fields.Str()
    is_verified = fields.Bool()


class OpportunitySchema(Schema):
    id = fields.Int()
    ref = fields.Str(allow_none=True)
    kind = fields.Str()
    title = fields.Str()
    description = fields.Str()
    language = fields.Str()
    hs_codes = fields.List(fields.Str())
    countries = fields.List(fields.Str())
    quantity = fields.Float(allow_none=True)
    unit = fields.Str()
    incoterms = fields.List(fields.Str())
    certifications = fields.List(fields.Str())
    valid_until = fields.Date(allow_none=True)
    status = fields.Str()
    company = fields.Nested(CompanyBriefSchema)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class ListArgsSchema(Schema):
    page = fields.Int(load_default=1, validate=validate.Range(min=1, max=MAX_PAGE))
    per_page = fields.Int(load_default=20, validate=validate.Range(min=1, max=100))
    country = fields.Str(validate=validate.Length(equal=2))
    hs = fields.Str(validate=validate.Regexp(r"^\d{2,6}$"))
    ref = fields.Str()


class CompanyListArgsSchema(ListArgsSchema):
    kind = fields.Str(validate=validate.OneOf([k.value for k in CompanyKind]))


class OpportunityListArgsSchema(ListArgsSchema):
    kind = fields.Str(validate=validate.OneOf([k.value for k in OpportunityKind]))


class CompanyPageSchema(Schema):
    items = fields.List(fields.Nested(CompanySchema))
    total = fields.Int()
    page = fields.Int()
    per_page = fields.Int()


class OpportunityPageSchema(Schema):
    items = fields.List(fields.Nested(OpportunitySchema))
    total = fields.Int()
    page = fields.Int()
    per_page = fields.Int()


class MatchArgsSchema(Schema):
    limit = fields.Int(load_default=10, validate=validate.Range(min=1, max=50))


class ReasonSchema(Schema):
    code = fields.Str()
    text = fields.Str()


class MatchSchema(Schema):
    id = fields.Int()
    ref = fields.Str(allow_none=True)
    type = fields.Str()
    title = fields.Str()
    score = fields.Float()
    reasons = fields.List(fields.Nested(ReasonSchema))


class MatchListSchema(Schema):
    items = fields.List(fields.Nested(MatchSchema))
    pending = fields.Bool(metadata={"description": "true while the record's vectors are still being computed"})


class SearchArgsSchema(Schema):
    q = fields.Str(load_default="", validate=validate.Length(max=200))
    type = fields.Str(validate=validate.OneOf(["company", "opportunity"]))
    kind = fields.Str(validate=validate.OneOf(["offer", "request", "diaspora", "exporter"]))
    country = fields.Str(validate=validate.Length(equal=2))
    sector = fields.Str()
    hs = fields.Str(validate=validate.Regexp(r"^\d{2,6}$"))
    language = fields.Str(validate=validate.Length(min=2, max=5))
    sort = fields.Str(load_default="relevance", validate=validate.OneOf(["relevance", "newest"]))
    page = fields.Int(load_default=1, validate=validate.Range(min=1, max=MAX_PAGE))
    per_page = fields.Int(load_default=20, validate=validate.Range(min=1, max=100))


class SearchHitSchema(Schema):
    id = fields.Int()
    ref = fields.Str()
    type = fields.Str()
    title = fields.Str()
    score = fields.Float()
    highlights = fields.Dict(keys=fields.Str(), values=fields.Str())


class SearchResultSchema(Schema):
    items = fields.List(fields.Nested(SearchHitSchema))
    total = fields.Int()
    facets = fields.Dict(keys=fields.Str(), values=fields.Dict(keys=fields.Str(), values=fields.Int()))
    page = fields.Int()
    per_page = fields.Int()
    searched = fields.Str(allow_none=True, metadata={
        "description": "the words of `q` the results were found by, as typed, when no result holds every word of `q` "
                       "(null: all)"})


class HsSuggestArgsSchema(Schema):
    q = fields.Str(required=True, validate=[validate.Length(min=1, max=200), validate.Regexp(r"(?s).*\S")],
                   metadata={"description": "goods description (any language) or the first digits of a code"})
    limit = fields.Int(load_default=5, validate=validate.Range(min=1, max=20))
    title = fields.Str(validate=validate.Length(max=300),
                       metadata={"description": "the goods' name alone (e.g. an offer's title), when q is longer: its "
                                                "words are matched with the headings' names, q gives the meaning"})


class HsSuggestionSchema(Schema):
    code = fields.Str()
    name = fields.Str(metadata={"description": "in the interface language (kk/ru: chapter title, English heading)"})
    score = fields.Float()
    goods = fields.Str(metadata={"description": "a goods name of the HS goods index (matching/data/"
                                                "hs2022_goods_index.tsv) that the text holds whole and that backs this "
                                                "heading, e.g. 'самосвал' for 8704; absent when none does"})


class HsSuggestionListSchema(Schema):
    items = fields.List(fields.Nested(HsSuggestionSchema))
