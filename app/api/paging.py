"""Pages of API lists: ``?page=&per_page=`` read strictly, and the links to the neighbours."""

from dataclasses import dataclass

from flask import request, url_for
from werkzeug.exceptions import BadRequest, NotFound

from app.urls import LAST_PAGE

DEFAULT_PER_PAGE = 25
MAX_PER_PAGE = 100


class BadParameter(BadRequest):
    """A query parameter the API cannot use; the description says what to change."""


@dataclass(frozen=True)
class Paging:
    page: int
    per_page: int


def whole_number(name: str, default: int) -> int:
    """The parameter as a whole number from 1 (``default`` when absent); a number too long
    to be any page counts as a very large one."""
    text = request.args.get(name)
    if text is None:
        return default
    digits = text.lstrip("0")
    if not (text.isascii() and text.isdigit()) or not digits:
        raise BadParameter(f"{name} must be a whole number from 1.")
    return int(digits[:12])


def paging_asked(*, last_page: int = LAST_PAGE) -> Paging:
    """The page and page size the address asks for; a page beyond ``last_page`` is that page
    (as app.urls.page_asked does), which lies past every list's end."""
    per_page = whole_number("per_page", DEFAULT_PER_PAGE)
    if per_page > MAX_PER_PAGE:
        raise BadParameter(f"per_page can be at most {MAX_PER_PAGE}.")
    return Paging(page=min(whole_number("page", 1), last_page), per_page=per_page)


def link(page: int) -> str:
    """This address with ``page`` changed (every other parameter kept)."""
    args = request.args.to_dict(flat=False)
    args["page"] = [str(page)]
    return url_for(request.endpoint, **(request.view_args or {}), **args, _external=True)


def page_body(items: list, paging: Paging, total: int) -> dict:
    """A page of a list as the API answers it; asking past the last page is 404."""
    pages = max(1, -(-total // paging.per_page))
    if paging.page > pages:
        raise NotFound(f"Page {paging.page} is past the last page, {pages}.")
    return {
        "items": items,
        "page": paging.page,
        "per_page": paging.per_page,
        "total": total,
        "next": link(paging.page + 1) if paging.page < pages else None,
        "prev": link(paging.page - 1) if paging.page > 1 else None,
    }
