"""The search page: keywords and meaning across languages, facets, filters, sorting, paging."""
from flask import Blueprint, current_app, render_template, request, url_for
from flask_babel import gettext as _

from app.params import page_arg
from app.search_ui.services import BackendUnavailable, run_search
from search.base import InvalidQuery
from search.intent import intent_of
from search.roles import role_of
from search.synonyms import thesaurus

bp = Blueprint("search_ui", __name__, url_prefix="/search")
FILTERS = ("type", "kind", "country", "sector", "hs", "language")


def search_args(args) -> dict:
    """Query-string arguments of the page and the API, cleaned."""
    return {
        "q": (args.get("q") or "").strip()[:200],
        "filters": {name: args.get(name, "").strip() for name in FILTERS if args.get(name, "").strip()},
        "sort": "newest" if args.get("sort") == "newest" else "relevance",
        "page": page_arg(args),
    }


@bp.app_template_global()
def search_url(**changes) -> str:
    """The search page with the current arguments, some changed (None drops one).

    A helper rather than `{% set %}` juggling in the template: assigning to a throwaway name there once
    shadowed the translation function `_` and broke every page with a pager."""
    args = {key: value for key, value in request.args.items() if key not in changes}
    args.update({key: value for key, value in changes.items() if value is not None})
    return url_for("search_ui.index", **args)


@bp.route("/")
def index():
    params = search_args(request.args)
    result = related = None
    error = None
    if params["q"] or params["filters"]:
        try:
            result = run_search(params["q"], params["filters"], params["sort"], params["page"],
                                current_app.config["PAGE_SIZE"])
            if result.total == 0 and params["q"]:
                # nothing found: offer the five listings closest in meaning instead of a dead end, under their
                # own heading (below the floor that keeps them out of the answer itself)
                related = run_search(params["q"], {}, per_page=5, semantic_ratio=1.0, semantic_floor=-1.0)
        except BackendUnavailable:
            error = _("Search is unavailable for a moment. Please try again shortly.")
        except InvalidQuery:
            error = _("This search could not be understood.")
    pages = (result.total + current_app.config["PAGE_SIZE"] - 1) // current_app.config["PAGE_SIZE"] if result else 0
    # a partner role beside goods ("покупатели мёда") ranks the role's kind of listing first, and so does a need or
    # a sale the query states ("нужен экспедитор": offers first): say so, with a link to that kind alone
    kind = params["filters"].get("kind")
    role = None
    if result and result.total:
        stated = None if kind else intent_of(params["q"], thesaurus())
        role = role_of(stated.rest if stated else params["q"], thesaurus(), [kind] if kind else []) or stated
    return render_template("search_ui/index.html", params=params, result=result, related=related, error=error,
                           pages=pages, role=role), 503 if error and "unavailable" in error else 200
