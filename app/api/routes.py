"""Read-only JSON API under /api/v1 (OpenAPI at /api/v1/openapi.json)."""
from flask_smorest import Api, Blueprint, abort

from app.api.schemas import (
    CompanyPageSchema,
    CompanySchema,
    ListArgsSchema,
    OpportunityPageSchema,
    OpportunitySchema,
)
from app.extensions import db
from app.opportunities.queries import published_opportunities, visible_companies

blp = Blueprint("api", __name__, url_prefix="/api/v1", description="Companies and opportunities")


def _page(query, args: dict) -> dict:
    page = db.paginate(query, page=args["page"], per_page=args["per_page"], error_out=False, count=True)
    return {"items": page.items, "total": page.total, "page": page.page, "per_page": page.per_page}


@blp.route("/companies")
@blp.arguments(ListArgsSchema, location="query")
@blp.response(200, CompanyPageSchema)
def list_companies(args):
    """Visible companies, filtered by kind, country and ref."""
    query = visible_companies(kind=args.get("kind"), country=args.get("country"), ref=args.get("ref"))
    if args.get("hs"):
        abort(422, message="The hs filter applies to opportunities.")
    return _page(query.order_by("id"), args)


@blp.route("/companies/<int:company_id>")
@blp.response(200, CompanySchema)
def get_company(company_id: int):
    company = db.session.scalar(visible_companies().filter_by(id=company_id))
    if company is None:
        abort(404, message="No such company.")
    return company


@blp.route("/opportunities")
@blp.arguments(ListArgsSchema, location="query")
@blp.response(200, OpportunityPageSchema)
def list_opportunities(args):
    """Published opportunities, filtered by kind, country (target/need), HS prefix and ref."""
    query = published_opportunities(kind=args.get("kind"), country=args.get("country"), hs=args.get("hs"),
                                    ref=args.get("ref"))
    return _page(query.order_by("id"), args)


@blp.route("/opportunities/<int:opportunity_id>")
@blp.response(200, OpportunitySchema)
def get_opportunity(opportunity_id: int):
    from app.opportunities.models import Opportunity

    opportunity = db.session.scalar(published_opportunities().where(Opportunity.id == opportunity_id))
    if opportunity is None:
        abort(404, message="No such opportunity.")
    return opportunity


def register(api: Api) -> None:
    api.register_blueprint(blp)
