"""Configuration from the environment, checked at start."""
import os


def _env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret")
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
    MAIL_SERVER = os.environ.get("MAIL_SERVER")  # unset: mails are written to the instance folder
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "587"))
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_USE_TLS = _env_bool("MAIL_USE_TLS", True)
    MAIL_SENDER = os.environ.get("MAIL_SENDER", "Atameken Match <no-reply@atameken.example>")
    REDIS_URL = os.environ.get("REDIS_URL")
    MEILI_URL = os.environ.get("MEILI_URL")
    MEILI_KEY = os.environ.get("MEILI_KEY")
    EMBEDDING_MODEL = os.environ.get("EMBEDDING_MODEL", "e5")
    SEARCH_SEMANTIC_RATIO = float(os.environ.get("SEARCH_SEMANTIC_RATIO", "0.5"))  # measured: docs/benchmarks.md
    # query -> HS headings -> listings coded under them (search.pivot); its floor is calibrated for e5
    SEARCH_HS_PIVOT = _env_bool("SEARCH_HS_PIVOT", True)
    PAGE_SIZE = 20
    SITE_URL = os.environ.get("SITE_URL", "http://localhost:5000")  # base address of links in mails
    INTEREST_DAILY_CAP = int(os.environ.get("INTEREST_DAILY_CAP", "20"))  # new interest requests per account a day
    FORUM_SCHEDULE_TIME_LIMIT = int(os.environ.get("FORUM_SCHEDULE_TIME_LIMIT", "20"))  # seconds per scheduler run
    JOBS_EAGER = False
    EMBED_ON_COMMIT = True
    JOB_RETRY_DELAYS = (2.0, 10.0, 60.0)  # seconds before the 2nd, 3rd and 4th attempt
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


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", True)
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE

    @classmethod
    def check(cls) -> None:
        """A production start without a real secret fails loudly."""
        key = os.environ.get("SECRET_KEY", "")
        if len(key) < 16:
            raise RuntimeError("SECRET_KEY must be set (16+ characters) in production")


CONFIGS = {"development": DevelopmentConfig, "testing": TestingConfig, "production": ProductionConfig}


def config_from_env() -> type[Config]:
    """Pick the configuration class named by APP_ENV (default: development)."""
    name = os.environ.get("APP_ENV", "development")
    if name not in CONFIGS:
        raise RuntimeError(f"APP_ENV must be one of {', '.join(CONFIGS)}, not {name!r}")
    config = CONFIGS[name]
    if config is ProductionConfig:
        config.check()
    return config
