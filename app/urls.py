"""Redirect targets that stay on this site."""

from urllib.parse import urlsplit

from flask import url_for


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
