"""Addresses on this site: the ids and page numbers routes take, and redirect targets that
stay on the site."""

from urllib.parse import urlsplit

from flask import request, url_for
from werkzeug.routing import IntegerConverter

from app.db import MAX_ROW_ID


class RowIdConverter(IntegerConverter):
    """``<int:…>`` in a route: a number a row id can be. A larger one is a page that is not
    there (404), not a number the database refuses."""

    def __init__(self, url_map, *args, **kwargs) -> None:
        kwargs.setdefault("max", MAX_ROW_ID)
        super().__init__(url_map, *args, **kwargs)


#: The last page of a list anyone may ask for: beyond every list, and a number of rows to
#: skip that every database takes.
LAST_PAGE = 10_000


def page_asked() -> int:
    """The page of a list the address asks for: 1 unless it says otherwise, LAST_PAGE at
    most (Flask-SQLAlchemy's ``paginate`` answers 404 for a page past the list's end)."""
    return min(request.args.get("page", 1, type=int), LAST_PAGE)


def is_local_url(target: str | None) -> bool:
    """True for a path on this site ("/units/3"); false for other hosts, schemes or "//host"."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return False
    if "\\" in target or any(ord(char) < 32 for char in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def safe_next_url(target: str | None, default: str = "home.index") -> str:
    return target if is_local_url(target) else url_for(default)
