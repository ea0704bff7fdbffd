"""Sign up, log in and out, password reset, personal settings."""
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from app.accounts import services
from app.accounts.forms import LoginForm, ResetPasswordForm, ResetRequestForm, SettingsForm, SignupForm
from app.extensions import db, limiter

bp = Blueprint("accounts", __name__, url_prefix="/account")


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


@bp.route("/signup", methods=["GET", "POST"])
def signup():
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    form = SignupForm(locale=session.get("lang", "en"))
    if form.validate_on_submit():
        user = services.create_user(form.email.data, form.password.data, form.name.data, form.role.data,
                                    form.locale.data)
        if form.wants_organiser.data:
            services.request_organiser_role(user)
            flash(_("An admin will review your request for organiser access."), "info")
        db.session.commit()
        login_user(user)
        flash(_("Welcome to Atameken Match! Start with your company profile."), "success")
        return redirect(url_for("profiles.create"))
    return render_template("accounts/signup.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is None:
            flash(_("Wrong e-mail or password."), "error")
            return render_template("accounts/login.html", form=form), 200
        login_user(user)
        return redirect(_safe_next(request.args.get("next"), user))
    return render_template("accounts/login.html", form=form)


def _safe_next(target: str | None, user) -> str:
    """Only same-site relative paths are followed after login; organisers land on their forums."""
    if target and urlsplit(target).netloc == "" and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("forums.organised") if user.is_organiser else url_for("main.dashboard")


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    logout_user()
    flash(_("You are logged out."), "info")
    return redirect(url_for("main.index"))


@bp.route("/reset", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def reset_request():
    form = ResetRequestForm()
    if form.validate_on_submit():
        services.send_reset_mail(form.email.data)
        flash(_("If an account exists for this e-mail, a reset link is on its way."), "info")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_request.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    user = services.user_from_reset_token(token)
    if user is None:
        flash(_("This reset link is invalid or has expired."), "error")
        return redirect(url_for("accounts.reset_request"))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        user.set_password(form.password.data)
        db.session.commit()
        flash(_("Your password is changed. Please log in."), "success")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_password.html", form=form)


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    form = SettingsForm(obj=current_user)
    if form.validate_on_submit():
        current_user.name, current_user.locale = form.name.data, form.locale.data
        session["lang"] = form.locale.data
        db.session.commit()
        flash(_("Settings saved."), "success")
        return redirect(url_for("accounts.settings"))
    return render_template("accounts/settings.html", form=form)
