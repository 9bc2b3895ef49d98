"""The dashboard's review tables: requested, given, received and overdue.

A reviewer is named only as app.reviews.anonymity lets the reader see them ("Reviewer 2"
otherwise); municipalities are always named. The work under review is named only to those
who follow its request (the authors' coordinators and admins).
"""

from flask import url_for
from flask_babel import lazy_gettext as _l

from app.dashboard import reviews
from app.dashboard.cells import Cell, Scope, Table, municipality_of
from app.reviews.anonymity import author_places, reviewer_label
from app.reviews.models import Assignment
from app.reviews.permissions import author_rows


def request_cell(request) -> Cell:
    return Cell(request.revision.title, url_for("reviews.show", request_id=request.id))


def requested(scope: Scope) -> Table:
    state_names = {
        "open": _l("Open"),
        "complete": _l("Complete"),
        "cancelled": _l("Cancelled"),
    }
    rows = [
        [
            request_cell(request),
            Cell(request.created_at.date()),
            Cell(request.due_on),
            Cell(request.reviewers_wanted),
            Cell(sum(1 for a in request.assignments if a.review and a.review.submitted_at)),
            Cell(state_names.get(request.state, request.state)),
        ]
        for request in reviews.requested(scope.municipality, scope.year)
    ]
    return Table(
        "reviews-requested",
        _l("Reviews requested on its teachers' work"),
        [
            _l("Under review"),
            _l("Requested on"),
            _l("Due"),
            _l("Reviewers wanted"),
            _l("Reviews in"),
            _l("State"),
        ],
        rows,
        _l("No review was requested in this year."),
    )


def reviewer_cells(scope: Scope, assignment: Assignment) -> list[Cell]:
    return [
        Cell(reviewer_label(scope.viewer, assignment)),
        Cell(municipality_of(assignment.reviewer)),
    ]


def given(scope: Scope) -> Table:
    rows = [
        [
            *reviewer_cells(scope, a),
            Cell(", ".join(author_places(scope.viewer, a.request.document))),
            Cell(a.review.submitted_at.date()),
            Cell(reviews.on_time(a)),
        ]
        for a in reviews.given(scope.municipality, scope.year)
    ]
    return Table(
        "reviews-given",
        _l("Reviews given by its teachers"),
        [
            _l("Reviewer"),
            _l("Reviewer's municipality"),
            _l("Authors' municipalities"),
            _l("Submitted on"),
            _l("On time"),
        ],
        rows,
        _l("Its teachers submitted no review in this year."),
    )


def received(scope: Scope) -> Table:
    rows = [
        [
            request_cell(a.request),
            *reviewer_cells(scope, a),
            Cell(a.review.submitted_at.date()),
            Cell(reviews.on_time(a)),
        ]
        for a in reviews.received(scope.municipality, scope.year)
    ]
    return Table(
        "reviews-received",
        _l("Reviews received on its teachers' work"),
        [
            _l("Under review"),
            _l("Reviewer"),
            _l("Reviewer's municipality"),
            _l("Submitted on"),
            _l("On time"),
        ],
        rows,
        _l("No review of its teachers' work was submitted in this year."),
    )


def ours(scope: Scope, assignment: Assignment) -> bool:
    return any(
        c.teacher.school.municipality_id == scope.municipality.id
        for c in author_rows(assignment.request.document)
    )


def overdue(scope: Scope) -> Table:
    rows = []
    for a in reviews.overdue(scope.municipality, scope.year, scope.today):
        work = (
            request_cell(a.request)
            if ours(scope, a)
            else Cell(", ".join(author_places(scope.viewer, a.request.document)))
        )
        late = (scope.today - a.request.due_on).days
        rows.append([work, *reviewer_cells(scope, a), Cell(a.request.due_on), Cell(late)])
    return Table(
        "reviews-overdue",
        _l("Overdue reviews"),
        [
            _l("Under review (or the authors' municipalities)"),
            _l("Reviewer"),
            _l("Reviewer's municipality"),
            _l("Due"),
            _l("Days overdue"),
        ],
        rows,
        _l("No review is overdue."),
    )
