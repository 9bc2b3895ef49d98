"""Addresses on this site: the ids routes take, and redirect targets that stay on the site."""

from urllib.parse import urlsplit

from flask import url_for
from werkzeug.routing import IntegerConverter

from app.db import MAX_ROW_ID


class RowIdConverter(IntegerConverter):
    """``<int:…>`` in a route: a number a row id can be. A larger one is a page that is not
    there (404), not a number the database refuses."""

    def __init__(self, url_map, *args, **kwargs) -> None:
        kwargs.setdefault("max", MAX_ROW_ID)
        super().__init__(url_map, *args, **kwargs)


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
