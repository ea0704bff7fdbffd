import pytest

from app.search_ui import services


@pytest.fixture
def index(app):
    """The app's search backend, emptied before and after the test."""
    backend = services.backend()
    backend.clear()
    yield backend
    backend.clear()
