"""The inbox, notification settings, and unsubscribe links from mails (no login needed)."""
from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.extensions import db
from app.notifications import services
from app.notifications.forms import PreferencesForm, UnsubscribeForm

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


@bp.route("/")
@login_required
def index():
    rows = services.inbox(current_user.id)
    unread = {row.id for row in rows if not row.is_read}
    services.mark_all_read(current_user.id)  # seen now; shown in bold this once
    db.session.commit()
    return render_template("notifications/index.html", rows=rows, unread=unread)


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    choices = services.preferences(current_user.id)
    data = {f"{kind}_{channel}": getattr(choice, channel) for kind, choice in choices.items()
            for channel in ("inbox", "email")}
    form = PreferencesForm(data=data)
    if form.validate_on_submit():
        for kind in services.KINDS:
            services.set_preference(current_user.id, kind, inbox=form[f"{kind}_inbox"].data,
                                    email=form[f"{kind}_email"].data)
        db.session.commit()
        flash(_("Settings saved."), "success")
        return redirect(url_for("notifications.settings"))
    return render_template("notifications/settings.html", form=form, kinds=services.KINDS)


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
def unsubscribe(token: str):
    """A link in every mail. GET only asks (mail scanners open links); the button stops the mails."""
    found = services.read_unsubscribe_token(token)
    if found is None:
        return render_template("notifications/unsubscribe.html", invalid=True), 404
    user, kind = found
    form = UnsubscribeForm()
    if form.validate_on_submit():
        services.unsubscribe(user, kind)
        db.session.commit()
        return render_template("notifications/unsubscribe.html", done=True, kind=kind, kinds=services.KINDS)
    return render_template("notifications/unsubscribe.html", form=form, kind=kind, kinds=services.KINDS)
