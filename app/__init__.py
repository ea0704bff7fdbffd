"""Atameken Match: the Flask site (app factory)."""
import os
from pathlib import Path

from flask import Flask

from app import extensions, params
from app.config import config_from_env
from app.extensions import babel, csrf, db, limiter, login, migrate


def create_app(config: object | None = None) -> Flask:
    """Build the site: bind extensions, register blueprints, error handlers and commands."""
    app = Flask(__name__, instance_relative_config=True)
    app.url_map.converters["int"] = params.BoundedIntConverter  # before any route is added
    app.config.from_object(config or config_from_env())
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + os.path.join(app.instance_path, "atameken.db")

    from app import i18n, security, sqlite

    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(__file__).parent.parent / "migrations"),
                     render_as_batch=True, compare_type=True, include_object=_include_in_migrations)
    csrf.init_app(app)
    login.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    limiter.init_app(app)
    extensions.api.init_app(app)  # the name `api` would clash with the app.api package
    security.init_app(app)
    i18n.init_app(app)

    with app.app_context():
        sqlite.configure(db.engine, app.config["SQLITE_BUSY_TIMEOUT"])
    sqlite.init_app(app, lambda: db.session)
    _register_blueprints(app)
    _register_background_work(app)
    from app import cli, errors, models  # noqa: F401  (models: every model known to Alembic)

    errors.init_app(app)
    cli.init_app(app)
    return app


def _register_background_work(app: Flask) -> None:
    """Commit hooks (search outbox, embedding) and the jobs they enqueue."""
    from app import changes  # noqa: F401  (session listeners)
    from app.matches import embedding, services  # noqa: F401  (embedding: the `embed` job registers itself)
    from app.search_ui import services as search_services

    services.init_app(app)
    search_services.init_app(app)


def _include_in_migrations(obj, name, type_, reflected, compare_to) -> bool:
    """The embedded search backend manages its own `search_*` tables (FTS5 and the like)."""
    table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", "")
    return not (table or "").startswith("search_") or table == "search_outbox"


def _register_blueprints(app: Flask) -> None:
    from app.accounts.routes import bp as accounts
    from app.admin.routes import bp as admin
    from app.analytics.routes import bp as analytics
    from app.api.routes import register as register_api
    from app.claims.routes import bp as claims
    from app.deals.routes import bp as deals
    from app.forums.routes import bp as forums
    from app.main.routes import bp as main
    from app.matches.routes import bp as matches
    from app.notifications.routes import bp as notifications
    from app.opportunities.routes import bp as opportunities
    from app.profiles.routes import bp as profiles
    from app.search_ui.routes import bp as search_ui

    for bp in (main, accounts, profiles, opportunities, matches, search_ui, forums, deals, notifications, analytics,
               admin, claims):
        app.register_blueprint(bp)
    register_api(extensions.api)
    csrf.exempt("api")
