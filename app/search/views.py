"""The search page: a query, facets to narrow by, sorting and paging, with or without JavaScript.

Every figure on the page comes from app.search.services.search, which only counts what the
reader may read; this module parses and checks the address, names the facet values and
chooses between the whole page and the results partial that htmx swaps in.
"""

from dataclasses import dataclass, field

from flask import Blueprint, current_app, make_response, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select

from app.extensions import db
from app.languages import CONTENT_LANGUAGES, language_name
from app.licences import LICENCES
from app.network.models import Grade, Municipality, Subject
from app.rubrics.models import Rubric
from app.search.query import QueryError, clean
from app.search.results import FILTERS, SORTS, Results
from app.search.services import search

bp = Blueprint("search", __name__)

#: The facets in the order the page shows them, with their headings.
FACET_LABELS = {
    "kind": _l("Type"),
    "subjects": _l("Subject"),
    "grades": _l("Grade"),
    "language": _l("Language"),
    "municipalities": _l("Municipality"),
    "duration": _l("Duration"),
    "licence": _l("Licence"),
    "peer_reviewed": _l("Peer-reviewed"),
    "rubric": _l("Rubric"),
}
SORT_LABELS = {
    "relevance": _l("Relevance"),
    "newest": _l("Newest"),
    "reviewed": _l("Most reviewed"),
}
#: Facets whose values are a fixed list, named here.
FIXED = {
    "kind": {"unit": _l("Joint unit"), "lesson": _l("Lesson plan")},
    "duration": {
        "45": _l("Up to 45 min"),
        "90": _l("46–90 min"),  # noqa: RUF001 (a range of numbers takes an en dash)
        "long": _l("Over 90 min"),
    },
    "peer_reviewed": {"yes": _l("Yes"), "no": _l("No")},
}
#: Facets whose values are rows: (model, the column the index stores).
ROWS = {
    "subjects": (Subject, Subject.key),
    "grades": (Grade, Grade.key),
    "municipalities": (Municipality, Municipality.slug),
    "rubric": (Rubric, Rubric.slug),
}
#: The last page anyone may ask for, so a hand-typed address cannot ask to rank millions.
MAX_PAGE = 1000
#: Values per facet in one search (a form has far fewer; an address could have thousands).
MAX_VALUES = 100

assert set(FACET_LABELS) == set(FILTERS), "every filter the core knows has a heading"


class BadSearch(ValueError):
    """An address the page cannot search; the message says what to change."""

    def __init__(self, message):
        self.message = message
        super().__init__(message)


@dataclass
class Asked:
    """What the address asks for, as far as it could be read."""

    text: str
    sort: str = "relevance"
    page: int = 1
    filters: dict[str, list[str]] = field(default_factory=dict)

    def args(self, **changes) -> dict:
        """Query arguments for a link to this search with ``changes`` applied."""
        args = {"q": self.text or None, "sort": self.sort, **self.filters, **changes}
        return {name: value for name, value in args.items() if value}


@bp.get("/search")
def index():
    """Search everything the reader may read; with nothing asked, browse it newest first."""
    asked = Asked(clean(request.args.get("q", "")))
    try:
        read_address(asked)
        results = search(
            current_user,
            asked.text,
            asked.filters,
            sort=asked.sort,
            page=asked.page,
            per_page=current_app.config["SEARCH_PAGE_SIZE"],
        )
        if asked.page > results.pages:
            raise BadSearch(
                ngettext(
                    "There is only %(num)d page of results.",
                    "There are only %(num)d pages of results.",
                    results.pages,
                )
            )
    except (BadSearch, QueryError) as error:
        return respond(asked, None, error=str(error.message), status=400)
    return respond(asked, results)


def read_address(asked: Asked) -> None:
    """Fill ``asked`` from the query string, keeping what is usable; then BadSearch for a sort,
    page or facet value that does not exist."""
    args = request.args
    problems = []
    asked.sort = args.get("sort") or "relevance"
    if asked.sort not in SORTS:
        asked.sort = "relevance"
        problems.append(_("Results can be sorted by relevance, newest or most reviewed."))
    page = args.get("page", "1")
    if page.isascii() and page.isdigit() and 1 <= int(page) <= MAX_PAGE:
        asked.page = int(page)
    else:
        problems.append(_("The page number must be a whole number from 1."))
    for facet in FILTERS:
        values = list(dict.fromkeys(v for v in args.getlist(facet) if v))[:MAX_VALUES]
        known = names(facet, values)
        problems += [
            _(
                "%(facet)s: there is no “%(value)s” to filter by.",
                facet=FACET_LABELS[facet],
                value=value,
            )
            for value in values
            if value not in known
        ]
        if known:
            asked.filters[facet] = [value for value in values if value in known]
    if problems:
        raise BadSearch(problems[0])


def names(facet: str, values) -> dict[str, str]:
    """Display names of those ``values`` that ``facet`` knows."""
    if not values:
        return {}
    if facet in ROWS:
        model, column = ROWS[facet]
        rows = db.session.scalars(select(model).where(column.in_(list(values))))
        return {getattr(row, column.key): row.name for row in rows}
    if facet == "language":
        return {code: language_name(code) for code in values if code in CONTENT_LANGUAGES}
    if facet == "licence":
        return {code: LICENCES[code].name for code in values if code in LICENCES}
    return {value: str(FIXED[facet][value]) for value in values if value in FIXED[facet]}


@dataclass
class Option:
    value: str
    label: str
    count: int
    checked: bool


def facet_options(asked: Asked, results: Results) -> dict[str, list[Option]]:
    """Per facet, its values with counts, most common first; a chosen value always shows."""
    options = {}
    for facet in FACET_LABELS:
        counts = dict(results.facets.get(facet, {}))
        chosen = asked.filters.get(facet, [])
        counts.update({value: counts.get(value, 0) for value in chosen})
        labels = names(facet, counts)
        listed = [
            Option(value, labels.get(value, value), count, value in chosen)
            for value, count in counts.items()
        ]
        if listed:
            options[facet] = sorted(listed, key=lambda o: (-o.count, o.label.casefold()))
    return options


def active_filters(asked: Asked) -> list[tuple[str, str, dict]]:
    """(facet heading, value name, arguments of the search without it) per chosen value."""
    active = []
    for facet, values in asked.filters.items():
        labels = names(facet, values)
        for value in values:
            rest = [v for v in values if v != value]
            active.append((FACET_LABELS[facet], labels[value], asked.args(**{facet: rest})))
    return active


@dataclass
class Pager:
    """The page numbers app/templates/_macros/lists.html ``pagination`` links to."""

    page: int
    pages: int

    has_prev = property(lambda self: self.page > 1)
    has_next = property(lambda self: self.page < self.pages)
    prev_num = property(lambda self: self.page - 1)
    next_num = property(lambda self: self.page + 1)

    def iter_pages(self, edge: int = 2, around: int = 2):
        """Page numbers near the ends and the current page; None where some are skipped."""
        previous = 0
        for number in range(1, self.pages + 1):
            near = abs(number - self.page) <= around
            if number <= edge or number > self.pages - edge or near:
                if number != previous + 1:
                    yield None
                yield number
                previous = number


def respond(asked: Asked, results: Results | None, *, error: str | None = None, status=200):
    """The whole page, or for htmx (not restoring history) the results region alone."""
    partial = bool(request.headers.get("HX-Request")) and not request.headers.get(
        "HX-History-Restore-Request"
    )
    context = {
        "asked": asked,
        "results": results,
        "error": error,
        "partial": partial,
        "sorts": SORT_LABELS,
        "facet_labels": FACET_LABELS,
        "kinds": FIXED["kind"],
        "options": facet_options(asked, results) if results else {},
        "active": active_filters(asked),
        "pager": Pager(asked.page, results.pages) if results else None,
    }
    template = "search/_results.html" if partial else "search/index.html"
    response = make_response(render_template(template, **context), status)
    # The same address answers with a partial or a page: a cached partial must never be
    # shown as the page when the teacher comes back to it.
    response.vary.add("HX-Request")
    return response
