"""Entry point for gunicorn: `gunicorn -w 4 wsgi:app`. Models load lazily inside each worker.

Without APP_ENV this is a production app: it needs SECRET_KEY and SITE_URL (see README, Configuration)."""
from app import create_app

app = create_app()
