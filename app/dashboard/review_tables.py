"""The dashboard's review tables: requested, given, received and overdue.

A reviewer is named only as app.reviews.anonymity lets the reader see them ("Reviewer 2"
otherwise); municipalities are always named. The work under review is named only to those
who follow its request (the authors' coordinators and admins).
"""

from flask import url_for
from flask_babel import lazy_gettext as _l

from app.dashboard import reviews
from app.dashboard.cells import Cell, Column, Scope, Table, municipality_of, table
from app.reviews.anonymity import author_places, reviewer_label
from app.reviews.models import Assignment
from app.reviews.permissions import author_rows

STATE_NAMES = {"open": _l("Open"), "complete": _l("Complete"), "cancelled": _l("Cancelled")}


def request_cell(request) -> Cell:
    return Cell(request.revision.title, url_for("reviews.show", request_id=request.id))


def requested(scope: Scope) -> Table:
    return table(
        "reviews-requested",
        _l("Reviews requested on its teachers' work"),
        [
            (_l("Under review"), request_cell),
            (_l("Requested on"), lambda r: Cell(r.created_at.date())),
            (_l("Due"), lambda r: Cell(r.due_on)),
            (_l("Reviewers wanted"), lambda r: Cell(r.reviewers_wanted)),
            (
                _l("Reviews in"),
                lambda r: Cell(sum(1 for a in r.assignments if a.review and a.review.submitted_at)),
            ),
            (_l("State"), lambda r: Cell(STATE_NAMES.get(r.state, r.state))),
        ],
        reviews.requested(scope.municipality, scope.year),
        _l("No review was requested in this year."),
    )


def reviewer_columns(scope: Scope) -> list[Column]:
    return [
        (_l("Reviewer"), lambda a: Cell(reviewer_label(scope.viewer, a))),
        (_l("Reviewer's municipality"), lambda a: Cell(municipality_of(a.reviewer))),
    ]


def authors_places_cell(scope: Scope, assignment: Assignment) -> Cell:
    return Cell(", ".join(author_places(scope.viewer, assignment.request.document)))


SUBMITTED: list[Column] = [
    (_l("Submitted on"), lambda a: Cell(a.review.submitted_at.date())),
    (_l("On time"), lambda a: Cell(reviews.on_time(a))),
]


def given(scope: Scope) -> Table:
    return table(
        "reviews-given",
        _l("Reviews given by its teachers"),
        [
            *reviewer_columns(scope),
            (_l("Authors' municipalities"), lambda a: authors_places_cell(scope, a)),
            *SUBMITTED,
        ],
        reviews.given(scope.municipality, scope.year),
        _l("Its teachers submitted no review in this year."),
    )


def received(scope: Scope) -> Table:
    return table(
        "reviews-received",
        _l("Reviews received on its teachers' work"),
        [
            (_l("Under review"), lambda a: request_cell(a.request)),
            *reviewer_columns(scope),
            *SUBMITTED,
        ],
        reviews.received(scope.municipality, scope.year),
        _l("No review of its teachers' work was submitted in this year."),
    )


def ours(scope: Scope, assignment: Assignment) -> bool:
    return any(
        c.teacher.school.municipality_id == scope.municipality.id
        for c in author_rows(assignment.request.document)
    )


def overdue(scope: Scope) -> Table:
    """Late reviews its teachers owe and late reviews of its teachers' work; the work is named
    only when it is this municipality's own."""
    return table(
        "reviews-overdue",
        _l("Overdue reviews"),
        [
            (
                _l("Under review (or the authors' municipalities)"),
                lambda a: (
                    request_cell(a.request) if ours(scope, a) else authors_places_cell(scope, a)
                ),
            ),
            *reviewer_columns(scope),
            (_l("Due"), lambda a: Cell(a.request.due_on)),
            (_l("Days overdue"), lambda a: Cell((scope.today - a.request.due_on).days)),
        ],
        reviews.overdue(scope.municipality, scope.year, scope.today),
        _l("No review is overdue."),
    )
