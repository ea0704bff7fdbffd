"""Production is the default configuration, and it refuses to start without a real secret and public address."""
import pytest

from app import create_app
from app.config import DEV_SECRET_KEY, ProductionConfig, config_from_env
from app.extensions import db
from tests.conftest import login

REAL_KEY = "k3y-0f-th1s-d3pl0yment-only"


@pytest.fixture
def production_env(monkeypatch):
    """The environment of a wsgi/gunicorn start: no APP_ENV."""
    monkeypatch.delenv("APP_ENV", raising=False)
    monkeypatch.setenv("SECRET_KEY", REAL_KEY)
    monkeypatch.setenv("SITE_URL", "https://match.example.kz")
    monkeypatch.delenv("TRUSTED_HOSTS", raising=False)


@pytest.fixture
def production(app, production_env):
    """A client of a production app on the test database (its connections closed afterwards)."""
    class Config(ProductionConfig.from_env()):
        SQLALCHEMY_DATABASE_URI = app.config["SQLALCHEMY_DATABASE_URI"]
        EMBED_ON_COMMIT = False  # no background thread left writing to the test database
        JOBS_EAGER = True

    built = create_app(Config)
    yield built.test_client()
    with built.app_context():
        db.engine.dispose()


def test_without_app_env_and_secret_the_app_refuses_to_start(production_env, monkeypatch):
    monkeypatch.delenv("SECRET_KEY")
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app()


@pytest.mark.parametrize("key", ["", "short", DEV_SECRET_KEY])
def test_production_refuses_a_missing_short_or_public_secret(production_env, monkeypatch, key):
    monkeypatch.setenv("SECRET_KEY", key)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        config_from_env()


def test_production_needs_the_public_address(production_env, monkeypatch):
    monkeypatch.delenv("SITE_URL")
    with pytest.raises(RuntimeError, match="SITE_URL"):
        config_from_env()


def test_production_is_the_default_and_reads_the_environment_at_start(production_env, monkeypatch):
    monkeypatch.setenv("TRUSTED_HOSTS", "www.match.example.kz, .internal.example")
    config = config_from_env()
    assert issubclass(config, ProductionConfig)
    assert config.SECRET_KEY == REAL_KEY
    assert config.TRUSTED_HOSTS == ["match.example.kz", "www.match.example.kz", ".internal.example"]
    assert config.SESSION_COOKIE_SECURE is True


def test_a_cookie_signed_with_the_development_key_does_not_open_admin(app, client, make_user, production):
    make_user(email="admin@example.org", role="admin")
    app.config["SECRET_KEY"] = DEV_SECRET_KEY  # what a server without APP_ENV used to sign with
    try:
        login(client, "admin@example.org")
        assert client.get("/admin/companies").status_code == 200  # the forged cookie is a valid one
        cookie = client.get_cookie("session").value
    finally:
        app.config["SECRET_KEY"] = "testing"
    production.set_cookie("session", cookie, domain="match.example.kz")
    response = production.get("/admin/companies", base_url="https://match.example.kz")
    assert response.status_code == 302
    assert "/account/login" in response.headers["Location"]


def test_production_refuses_a_forged_host(production):
    assert production.get("/account/login", base_url="https://match.example.kz").status_code == 200
    response = production.get("/account/login", base_url="https://evil.example")
    assert response.status_code == 400
    assert b"Unknown host" in response.data
