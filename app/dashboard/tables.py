"""The dashboard's tables, each built once and shown as HTML or exported as CSV."""

from collections.abc import Callable

from flask import url_for
from flask_babel import lazy_gettext as _l

from app.dashboard import people, units
from app.dashboard.cells import Cell, Scope, Table, document_link, municipality_of
from app.dashboard.review_tables import given, overdue, received, requested


def schools(scope: Scope) -> Table:
    rows = [
        [
            Cell(row.school.name, url_for("network.school", school_id=row.school.id)),
            Cell(row.teachers),
            Cell(row.active),
            Cell(row.revisions),
            Cell(row.reviews),
        ]
        for row in people.school_activity(scope.municipality, scope.year)
    ]
    return Table(
        "schools",
        _l("Schools"),
        [
            _l("School"),
            _l("Teachers"),
            _l("Active in the year"),
            _l("Revisions saved"),
            _l("Reviews given"),
        ],
        rows,
        _l("This municipality has no schools yet."),
    )


def teachers(scope: Scope) -> Table:
    rows = [
        [
            Cell(row.teacher.name, url_for("network.teacher", teacher_id=row.teacher.id)),
            Cell(row.teacher.school.name),
            Cell(row.revisions),
            Cell(row.reviews),
        ]
        for row in people.active_teachers(scope.municipality, scope.year)
    ]
    return Table(
        "teachers",
        _l("Teachers active in the year"),
        [_l("Teacher"), _l("School"), _l("Revisions saved"), _l("Reviews given")],
        rows,
        _l("No teacher saved a revision or submitted a review in this year."),
    )


def joint_units(scope: Scope) -> Table:
    rows = [
        [
            Cell(row.unit.title, document_link(row.unit)),
            Cell(", ".join(m.name for m in row.partners)),
            Cell(row.revisions),
        ]
        for row in units.joint_units(scope.viewer, scope.municipality, scope.year)
    ]
    return Table(
        "joint-units",
        _l("Joint units worked on in the year"),
        [_l("Unit"), _l("Partner municipalities"), _l("Revisions in the year")],
        rows,
        _l("No joint unit was worked on in this year."),
    )


def outcomes(scope: Scope) -> Table:
    rows = [
        [
            Cell(o.revision.title, url_for("results.show", request_id=o.request_id)),
            Cell(f"{o.rubric_version.name} (v{o.rubric_version.number})"),
            Cell(round(o.score, 2)),
            Cell(o.passed),
            Cell(o.decided_at.date()),
        ]
        for o in units.outcomes(scope.municipality, scope.year)
    ]
    return Table(
        "outcomes",
        _l("Peer-review outcomes decided in the year"),
        [_l("Reviewed work"), _l("Rubric"), _l("Score"), _l("Peer-reviewed"), _l("Decided on")],
        rows,
        _l("No review round of its teachers' work ended in this year."),
    )


def adaptations(scope: Scope) -> Table:
    rows = [
        [
            Cell(copy.source_document.title, document_link(copy.source_document)),
            Cell(copy.title, document_link(copy)),
            Cell(copy.created_by.name),
            Cell(municipality_of(copy.created_by)),
            Cell(copy.created_at.date()),
        ]
        for copy in units.adaptations(scope.viewer, scope.municipality, scope.year)
    ]
    return Table(
        "adaptations",
        _l("Its material adapted in other municipalities"),
        [
            _l("Original"),
            _l("Adapted copy"),
            _l("Adapted by"),
            _l("Municipality"),
            _l("Adapted on"),
        ],
        rows,
        _l("Nobody elsewhere adapted its material in this year."),
    )


def mentoring(scope: Scope) -> Table:
    rows = [
        [
            Cell(pair.mentee.name, url_for("network.teacher", teacher_id=pair.mentee_id)),
            Cell(municipality_of(pair.mentee)),
            Cell(pair.mentor.name, url_for("network.teacher", teacher_id=pair.mentor_id)),
            Cell(municipality_of(pair.mentor)),
            Cell((pair.answered_at or pair.created_at).date()),
        ]
        for pair in people.mentorships(scope.municipality, scope.year)
    ]
    return Table(
        "mentoring",
        _l("Active mentoring pairs"),
        [
            _l("New teacher"),
            _l("Municipality"),
            _l("Mentor"),
            _l("Municipality"),
            _l("Paired since"),
        ],
        rows,
        _l("None of its teachers is in an active mentoring pair."),
    )


#: Every table by the name its CSV address uses, in the dashboard's order.
TABLES: dict[str, Callable[[Scope], Table]] = {
    "schools": schools,
    "teachers": teachers,
    "joint-units": joint_units,
    "reviews-requested": requested,
    "reviews-given": given,
    "reviews-received": received,
    "reviews-overdue": overdue,
    "outcomes": outcomes,
    "adaptations": adaptations,
    "mentoring": mentoring,
}
