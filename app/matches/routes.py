"""Feedback on suggestions ("relevant", "not for me")."""
from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.extensions import db
from app.matches.services import VERDICTS, record_feedback
from app.opportunities.services import get_opportunity_or_404
from app.params import id_arg
from app.profiles.services import get_company_or_404

bp = Blueprint("matches", __name__, url_prefix="/matches")
TYPES = ("company", "opportunity")


@bp.route("/feedback", methods=["POST"])
@login_required
def feedback():
    source_type, target_type = request.form.get("source_type"), request.form.get("target_type")
    source_id, target_id = id_arg(request.form, "source_id"), id_arg(request.form, "target_id")
    verdict = request.form.get("verdict")
    if source_type not in TYPES or target_type not in TYPES or verdict not in VERDICTS or not (source_id and target_id):
        abort(400)
    if source_type == "company":  # only the owner gives feedback on their own suggestions
        get_company_or_404(source_id, owner_only=True)
    else:
        get_opportunity_or_404(source_id, owner_only=True)
    record_feedback(current_user.id, (source_type, source_id), (target_type, target_id), verdict)
    db.session.commit()
    flash(_("Thanks: we will not suggest it again.") if verdict == "dismissed" else _("Thanks for the feedback."),
          "info")
    return redirect(request.referrer or url_for("main.dashboard"))
