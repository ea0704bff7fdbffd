"""The organisers' dashboard and its CSV exports; organisers and admins only, checked on every request.

An organiser sees the figures of their own forums (their participants' companies and meetings); admins see all."""
from flask import Blueprint, Response, abort, jsonify, render_template, request
from flask_login import current_user
from sqlalchemy import select

from app.accounts.permissions import organiser_required
from app.analytics import charts, impressions
from app.analytics.forms import FilterForm
from app.analytics.services import Filters, funnel
from app.extensions import db
from app.forums.models import Forum
from app.spreadsheets import csv_text

bp = Blueprint("analytics", __name__, url_prefix="/analytics", static_folder="static")
bp.add_app_template_global(impressions.note, "note_impressions")
bp.after_app_request(impressions.flush)


def _scope() -> tuple[int, ...] | None:
    """The forums this user may see: their own, or every forum for an admin (None)."""
    if current_user.is_admin:
        return None
    return tuple(db.session.scalars(select(Forum.id).where(Forum.organiser_id == current_user.id)))


def _filters() -> tuple[FilterForm, Filters]:
    scope = _scope()
    forum_id = request.args.get("forum", type=int)
    if forum_id and scope is not None and forum_id not in scope:
        abort(403)  # another organiser's forum
    form = FilterForm(formdata=request.args, scope=scope)
    if not form.validate():
        abort(400)
    return form, Filters(forum_id=form.forum.data, country=form.country.data or None,
                         sector=form.sector.data or None, start=form.start.data, end=form.end.data, scope=scope)


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
