"""The embedded search backend: full text in the app's own database (see `backend` for the why)."""
from search.embedded.backend import EmbeddedBackend

__all__ = ["EmbeddedBackend"]
