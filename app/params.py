"""URL and query-string numbers and choices, bounded: a bad value is a clear 400/404, never a database error.

Ids are INTEGER columns (32-bit on PostgreSQL), and an OFFSET must fit a 64-bit integer: a larger number in a URL
would reach the database and fail there with a 500, so it is refused at the door.
"""
import enum

from flask import abort
from flask_babel import gettext as _
from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1  # the largest value of an INTEGER primary key on PostgreSQL
MAX_PAGE = 100_000  # with at most 100 rows a page, the offset stays far below any integer limit


class BoundedIntConverter(IntegerConverter):
    """`<int:...>` in every route: an id no row can have answers 404 instead of overflowing the database."""

    def __init__(self, map, *args, **kwargs) -> None:
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def page_arg(args, name: str = "page") -> int:
    """The page number of a listing; missing means 1, anything not a number from 1 to MAX_PAGE is a 400."""
    raw = args.get(name, "").strip()
    if not raw:
        return 1
    if not raw.isdecimal() or not 1 <= int(raw) <= MAX_PAGE:
        abort(400, description=_("The page must be a number from 1 to %(max)s.", max=MAX_PAGE))
    return int(raw)


def choice_arg(args, name: str, choices: type[enum.Enum]) -> str | None:
    """A filter that must be one of an enum's values (e.g. `kind`); missing means no filter."""
    value = args.get(name, "").strip()
    if not value:
        return None
    allowed = [str(c.value) for c in choices]
    if value not in allowed:
        abort(400, description=_("%(name)s must be one of: %(allowed)s.", name=name, allowed=", ".join(allowed)))
    return value


def id_arg(values, name: str) -> int | None:
    """An id from the query string or a form: None when missing or not a number (as `type=int` gives), 404 when
    it is a number no row can have."""
    raw = values.get(name, "").strip()
    if not raw.isdecimal():
        return None
    if int(raw) > MAX_ID:
        abort(404)
    return int(raw)
