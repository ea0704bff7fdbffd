"""Role checks for views, done on the server for every request."""
from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user, login_required


def role_required(allowed: Callable[[object], bool]):
    """Log in first, then 403 unless `allowed(current_user)`."""
    def decorate(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not allowed(current_user):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorate


admin_required = role_required(lambda user: user.is_admin)
organiser_required = role_required(lambda user: user.is_organiser)
