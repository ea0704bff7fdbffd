"""Entry point for gunicorn: `gunicorn -w 4 wsgi:app`. Models load lazily inside each worker."""
from app import create_app

app = create_app()
