"""Configuration from the environment, checked at start. Production is the default: a deployment that forgets
APP_ENV must not run with the development secret."""
import os
from urllib.parse import urlsplit

DEV_SECRET_KEY = "dev-only-not-secret"  # public: it is in this file, so it must never sign production sessions


def _env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL")  # default set from the instance folder
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    LANGUAGES = ("kk", "ru", "en")
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_TRANSLATION_DIRECTORIES = "translations"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE")
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None
    LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT", "5 per minute;30 per hour")
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = True
    PASSWORD_RESET_MAX_AGE = 3600
    CLAIM_LINK_MAX_AGE = 3 * 24 * 3600  # a company claim's e-mail link works for three days
    MAIL_SERVER = os.environ.get("MAIL_SERVER")  # unset: mails are written to the instance folder
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "587"))
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_USE_TLS = _env_bool("MAIL_USE_TLS", True)
    MAIL_SENDER = os.environ.get("MAIL_SENDER", "Atameken Match <no-reply@atameken.example>")
    MAIL_MAX_ATTEMPTS = int(os.environ.get("MAIL_MAX_ATTEMPTS", "5"))  # then a mail is parked, the queue goes on
    REDIS_URL = os.environ.get("REDIS_URL")
    MEILI_URL = os.environ.get("MEILI_URL")
    MEILI_KEY = os.environ.get("MEILI_KEY")
    EMBEDDING_MODEL = os.environ.get("EMBEDDING_MODEL", "e5")
    SEARCH_SEMANTIC_RATIO = float(os.environ.get("SEARCH_SEMANTIC_RATIO", "0.5"))  # measured: docs/benchmarks.md
    # query -> HS headings -> listings coded under them (search.pivot); its floor is calibrated for e5
    SEARCH_HS_PIVOT = _env_bool("SEARCH_HS_PIVOT", True)
    PAGE_SIZE = 20
    SITE_URL = os.environ.get("SITE_URL", "http://localhost:5000")  # base address of links in mails
    TRUSTED_HOSTS = None  # any Host header: links never come from it (they come from SITE_URL)
    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_CONTENT_LENGTH", str(10 * 1024 * 1024)))  # bytes a request may send
    IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", "5000"))  # rows of one uploaded spreadsheet
    IMPORT_MAX_COLUMNS = int(os.environ.get("IMPORT_MAX_COLUMNS", "50"))
    IMPORT_PREVIEW_MAX_AGE = int(os.environ.get("IMPORT_PREVIEW_MAX_AGE", "3600"))  # seconds a preview waits
    INTEREST_DAILY_CAP = int(os.environ.get("INTEREST_DAILY_CAP", "20"))  # new interest requests per account a day
    # Seconds per scheduler run (in a background thread, never in the request): proofs on the published
    # benchmark take up to 34 s on a quiet 2-core machine, and longer on relabelled copies (docs/benchmarks.md).
    FORUM_SCHEDULE_TIME_LIMIT = int(os.environ.get("FORUM_SCHEDULE_TIME_LIMIT", "60"))
    JOBS_EAGER = False
    EMBED_ON_COMMIT = True
    # the HS headings' words and goods index, kept built in the instance folder (search.hs_words.cached_heading_words)
    HS_WORDS_CACHE = _env_bool("HS_WORDS_CACHE", True)
    JOB_RETRY_DELAYS = (2.0, 10.0, 60.0)  # seconds before the 2nd, 3rd and 4th attempt
    # SQLite: seconds a writer waits for another before "database is locked" (then a request answers 503)
    SQLITE_BUSY_TIMEOUT = float(os.environ.get("SQLITE_BUSY_TIMEOUT", "20"))
    JOB_LOCK_RETRIES = 30  # a job that meets a lock runs again after a pause, this many times before it fails
    JOB_LOCK_PAUSE = 2.0
    API_TITLE = "Atameken Match API"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.0.3"
    OPENAPI_URL_PREFIX = "/api/v1"
    OPENAPI_JSON_PATH = "openapi.json"


class DevelopmentConfig(Config):
    DEBUG = False


class TestingConfig(Config):
    TESTING = True
    SECRET_KEY = "testing"
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    LOGIN_RATE_LIMIT = "5 per minute"
    EMBEDDING_MODEL = "hashing"
    SEARCH_HS_PIVOT = False  # the hashing embedder has no meaning to pivot on; tests that need it turn it on
    JOBS_EAGER = True
    JOB_RETRY_DELAYS = (0.0, 0.0)
    HS_WORDS_CACHE = False  # each test app has its own instance folder; tests of the cache turn it on
    JOB_LOCK_PAUSE = 0.1
    SQLITE_BUSY_TIMEOUT = 3.0  # tests/app/test_sqlite_locks.py holds locks longer than this


class ProductionConfig(Config):
    """Read when the app starts (not when this module is imported), and refused without a real secret and
    address: `from_env` returns the class the app is built from."""

    @classmethod
    def from_env(cls) -> type["ProductionConfig"]:
        key = os.environ.get("SECRET_KEY", "")
        if len(key) < 16 or key == DEV_SECRET_KEY:
            raise RuntimeError("SECRET_KEY must be set to a secret of 16+ characters in production "
                               "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(32))'); "
                               "for a local run set APP_ENV=development")
        site = os.environ.get("SITE_URL", "")
        parts = urlsplit(site)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise RuntimeError("SITE_URL must be set to the site's public address in production "
                               "(e.g. https://match.example.kz): mail links and trusted hosts come from it")
        secure = _env_bool("SESSION_COOKIE_SECURE", parts.scheme == "https")
        return type("ProductionConfig", (cls,), {
            "SECRET_KEY": key, "SITE_URL": site, "TRUSTED_HOSTS": trusted_hosts(parts.hostname),
            "SESSION_COOKIE_SECURE": secure, "REMEMBER_COOKIE_SECURE": secure})


def trusted_hosts(site_host: str) -> list[str]:
    """SITE_URL's host plus the comma-separated TRUSTED_HOSTS (e.g. "www.example.kz,.internal.example")."""
    extra = [h.strip() for h in os.environ.get("TRUSTED_HOSTS", "").split(",") if h.strip()]
    return [site_host, *extra]


CONFIGS = {"development": DevelopmentConfig, "testing": TestingConfig, "production": ProductionConfig}


def config_from_env() -> type[Config]:
    """Pick the configuration class named by APP_ENV; without it, production (checked: see ProductionConfig)."""
    name = os.environ.get("APP_ENV", "production")
    if name not in CONFIGS:
        raise RuntimeError(f"APP_ENV must be one of {', '.join(CONFIGS)}, not {name!r}")
    config = CONFIGS[name]
    return config.from_env() if config is ProductionConfig else config
