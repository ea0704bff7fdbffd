"""The organisers' dashboard and its CSV exports; organisers and admins only, checked on every request."""
from flask import Blueprint, Response, abort, jsonify, render_template, request

from app.accounts.permissions import organiser_required
from app.analytics import charts, impressions
from app.analytics.forms import FilterForm
from app.analytics.services import Filters, funnel
from app.spreadsheets import csv_text

bp = Blueprint("analytics", __name__, url_prefix="/analytics", static_folder="static")
bp.add_app_template_global(impressions.note, "note_impressions")
bp.after_app_request(impressions.flush)


def _filters() -> tuple[FilterForm, Filters]:
    form = FilterForm(formdata=request.args)
    if not form.validate():
        abort(400)
    return form, Filters(forum_id=form.forum.data, country=form.country.data or None,
                         sector=form.sector.data or None, start=form.start.data, end=form.end.data)


@bp.route("/")
@organiser_required
def dashboard():
    form, filters = _filters()
    figures = funnel(filters)
    return render_template("analytics/dashboard.html", form=form, figures=figures, charts=charts.build(figures),
                           titles=charts.CHARTS, steps=charts.STEPS, query=request.args.to_dict())


@bp.route("/data.json")
@organiser_required
def data():
    """The dashboard's figures as JSON, for reports built elsewhere."""
    _form, filters = _filters()
    figures = funnel(filters)
    listings = {axis: {kind: dict(counter) for kind, counter in by_kind.items()}
                for axis, by_kind in figures["listings"].items()}
    return jsonify({**figures, "listings": listings})


@bp.route("/<name>.csv")
@organiser_required
def export(name: str):
    """One chart's rows as CSV (small aggregates: computed in the request, no job needed)."""
    if name not in charts.CHARTS:
        abort(404)
    _form, filters = _filters()
    chart = charts.build(funnel(filters))[name]
    body = csv_text([["label", *chart["series"]], *chart["rows"]])
    return Response(body, mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename=atameken-{name}.csv"})
