"""Home page, dashboard and the language switch."""
from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required
from sqlalchemy import func, select

from app.extensions import db
from app.matches.services import suggestions_for_company
from app.opportunities.models import Opportunity
from app.opportunities.queries import published_opportunities, visible_companies

bp = Blueprint("main", __name__)


@bp.route("/")
def index():
    recent = db.session.scalars(
        published_opportunities().order_by(Opportunity.created_at.desc(), Opportunity.id.desc()).limit(8)
    ).all()
    counts = {
        "companies": db.session.scalar(select(func.count()).select_from(visible_companies().subquery())),
        "opportunities": db.session.scalar(select(func.count()).select_from(published_opportunities().subquery())),
    }
    return render_template("main/index.html", recent=recent, counts=counts)


@bp.route("/dashboard")
@login_required
def dashboard():
    companies = current_user.companies
    if current_user.is_organiser and not companies:  # organisers need no company profile: their forums instead
        return redirect(url_for("forums.organised"))
    suggestions = {c.id: suggestions_for_company(c, limit=6) for c in companies if not c.is_hidden}
    return render_template("main/dashboard.html", companies=companies, suggestions=suggestions)


@bp.route("/lang/<code>")
def set_language(code: str):
    """Switch the interface language; remembered for the session and on the account."""
    if code in current_app.config["LANGUAGES"]:
        session["lang"] = code
        if current_user.is_authenticated:
            current_user.locale = code
            db.session.commit()
    target = request.referrer or url_for("main.index")
    if not target.startswith(request.host_url):
        target = url_for("main.index")
    return redirect(target)
