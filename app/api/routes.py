"""Read-only JSON API under /api/v1 (OpenAPI at /api/v1/openapi.json)."""
from flask_smorest import Api, Blueprint, abort

from app.api.schemas import (
    CompanyListArgsSchema,
    CompanyPageSchema,
    CompanySchema,
    HsSuggestArgsSchema,
    HsSuggestionListSchema,
    MatchArgsSchema,
    MatchListSchema,
    OpportunityListArgsSchema,
    OpportunityPageSchema,
    OpportunitySchema,
    SearchArgsSchema,
    SearchResultSchema,
)
from app.extensions import db
from app.matches.reasons import match_dict
from app.matches.services import suggestions_for_company, suggestions_for_opportunity
from app.opportunities.models import Opportunity
from app.opportunities.queries import published_opportunities, visible_companies
from app.profiles.models import Company
from app.search_ui.services import run_search

blp = Blueprint("api", __name__, url_prefix="/api/v1", description="Companies and opportunities")


def _visible_company_or_404(company_id: int) -> Company:
    company = db.session.scalar(visible_companies().where(Company.id == company_id))
    if company is None:
        abort(404, message="No such company.")
    return company


def _published_opportunity_or_404(opportunity_id: int) -> Opportunity:
    opportunity = db.session.scalar(published_opportunities().where(Opportunity.id == opportunity_id))
    if opportunity is None:
        abort(404, message="No such opportunity.")
    return opportunity


def _page(query, args: dict) -> dict:
    page = db.paginate(query, page=args["page"], per_page=args["per_page"], error_out=False, count=True)
    return {"items": page.items, "total": page.total, "page": page.page, "per_page": page.per_page}


@blp.route("/companies")
@blp.arguments(CompanyListArgsSchema, location="query")
@blp.response(200, CompanyPageSchema)
def list_companies(args):
    """Visible companies, filtered by kind, country and ref."""
    query = visible_companies(kind=args.get("kind"), country=args.get("country"), ref=args.get("ref"))
    if args.get("hs"):
        abort(422, message="The hs filter applies to opportunities.")
    return _page(query.order_by(Company.id), args)


@blp.route("/companies/<int:company_id>")
@blp.response(200, CompanySchema)
def get_company(company_id: int):
    return _visible_company_or_404(company_id)


@blp.route("/opportunities")
@blp.arguments(OpportunityListArgsSchema, location="query")
@blp.response(200, OpportunityPageSchema)
def list_opportunities(args):
    """Published opportunities, filtered by kind, country (target/need), HS prefix and ref."""
    query = published_opportunities(kind=args.get("kind"), country=args.get("country"), hs=args.get("hs"),
                                    ref=args.get("ref"))
    return _page(query.order_by(Opportunity.id), args)


@blp.route("/opportunities/<int:opportunity_id>")
@blp.response(200, OpportunitySchema)
def get_opportunity(opportunity_id: int):
    return _published_opportunity_or_404(opportunity_id)


@blp.route("/opportunities/<int:opportunity_id>/matches")
@blp.arguments(MatchArgsSchema, location="query")
@blp.response(200, MatchListSchema)
def opportunity_matches(args, opportunity_id: int):
    """Best counterparts of the complementary kind, best first, each with its reasons."""
    opportunity = _published_opportunity_or_404(opportunity_id)
    return _matches(suggestions_for_opportunity(opportunity, limit=args["limit"]))


@blp.route("/companies/<int:company_id>/matches")
@blp.arguments(MatchArgsSchema, location="query")
@blp.response(200, MatchListSchema)
def company_matches(args, company_id: int):
    """Suggested partner companies and opportunities for a company, best first, each with its reasons."""
    company = _visible_company_or_404(company_id)
    return _matches(suggestions_for_company(company, limit=args["limit"]))


def _matches(found) -> dict:
    if found is None:  # vectors not computed yet: say so rather than answer an empty list
        return {"items": [], "pending": True}
    return {"items": [match_dict(m) for m in found], "pending": False}


@blp.route("/search")
@blp.arguments(SearchArgsSchema, location="query")
@blp.response(200, SearchResultSchema)
def search(args):
    """Keyword and meaning search over companies and opportunities, with facets."""
    from search.base import BackendUnavailable, InvalidQuery

    filters = {k: args[k] for k in ("type", "kind", "country", "sector", "hs", "language") if args.get(k)}
    try:
        result = run_search(args.get("q", ""), filters, args["sort"], args["page"], args["per_page"])
    except BackendUnavailable:
        abort(503, message="Search is unavailable for a moment.")
    except InvalidQuery as error:
        abort(422, message=str(error))
    items = [{"id": int(hit.id.split(":", 1)[1]), "ref": hit.ref, "type": hit.type, "title": hit.title,
              "score": round(hit.score, 4), "highlights": hit.highlights} for hit in result.hits]
    return {"items": items, "total": result.total, "facets": result.facets, "page": args["page"],
            "per_page": args["per_page"], "searched": result.searched}


@blp.route("/hs/suggest")
@blp.arguments(HsSuggestArgsSchema, location="query", error_status_code=400)
@blp.response(200, HsSuggestionListSchema)
def hs_suggest(args):
    """HS headings for a goods description, or codes starting with typed digits, named in the interface language."""
    from flask_babel import get_locale

    from app.opportunities.hs_suggest import suggest

    return {"items": suggest(args["q"], args["limit"], str(get_locale() or "en"), title=args.get("title"))}


def register(api: Api) -> None:
    api.register_blueprint(blp)
