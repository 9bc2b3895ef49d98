"""The dashboard's tables, each built once and shown as HTML or exported as CSV."""

from collections.abc import Callable

from flask import url_for
from flask_babel import lazy_gettext as _l

from app.dashboard import people, units
from app.dashboard.cells import Cell, Scope, Table, document_link, municipality_of, table
from app.dashboard.review_tables import given, overdue, received, requested


def teacher_link(teacher) -> Cell:
    return Cell(teacher.name, url_for("network.teacher", teacher_id=teacher.id))


def schools(scope: Scope) -> Table:
    return table(
        "schools",
        _l("Schools"),
        [
            (
                _l("School"),
                lambda r: Cell(r.school.name, url_for("network.school", school_id=r.school.id)),
            ),
            (_l("Teachers"), lambda r: Cell(r.teachers)),
            (_l("Active in the year"), lambda r: Cell(r.active)),
            (_l("Revisions saved"), lambda r: Cell(r.revisions)),
            (_l("Reviews given"), lambda r: Cell(r.reviews)),
        ],
        people.school_activity(scope.municipality, scope.year),
        _l("This municipality has no schools yet."),
    )


def teachers(scope: Scope) -> Table:
    return table(
        "teachers",
        _l("Teachers active in the year"),
        [
            (_l("Teacher"), lambda r: teacher_link(r.teacher)),
            (_l("School"), lambda r: Cell(r.teacher.school.name)),
            (_l("Revisions saved"), lambda r: Cell(r.revisions)),
            (_l("Reviews given"), lambda r: Cell(r.reviews)),
        ],
        people.active_teachers(scope.municipality, scope.year),
        _l("No teacher saved a revision or submitted a review in this year."),
    )


def joint_units(scope: Scope) -> Table:
    return table(
        "joint-units",
        _l("Joint units worked on in the year"),
        [
            (_l("Unit"), lambda r: Cell(r.unit.title, document_link(r.unit))),
            (_l("Partner municipalities"), lambda r: Cell(", ".join(m.name for m in r.partners))),
            (_l("Revisions in the year"), lambda r: Cell(r.revisions)),
        ],
        units.joint_units(scope.viewer, scope.municipality, scope.year),
        _l("No joint unit was worked on in this year."),
    )


def outcomes(scope: Scope) -> Table:
    return table(
        "outcomes",
        _l("Peer-review outcomes decided in the year"),
        [
            (
                _l("Reviewed work"),
                lambda o: Cell(o.revision.title, url_for("results.show", request_id=o.request_id)),
            ),
            (
                _l("Rubric"),
                lambda o: Cell(f"{o.rubric_version.name} (v{o.rubric_version.number})"),
            ),
            (_l("Score"), lambda o: Cell(round(o.score, 2))),
            (_l("Peer-reviewed"), lambda o: Cell(o.passed)),
            (_l("Decided on"), lambda o: Cell(o.decided_at.date())),
        ],
        units.outcomes(scope.municipality, scope.year),
        _l("No review round of its teachers' work ended in this year."),
    )


def adaptations(scope: Scope) -> Table:
    return table(
        "adaptations",
        _l("Its material adapted in other municipalities"),
        [
            (
                _l("Original"),
                lambda c: Cell(c.source_document.title, document_link(c.source_document)),
            ),
            (_l("Adapted copy"), lambda c: Cell(c.title, document_link(c))),
            (_l("Adapted by"), lambda c: Cell(c.created_by.name)),
            (_l("Municipality"), lambda c: Cell(municipality_of(c.created_by))),
            (_l("Adapted on"), lambda c: Cell(c.created_at.date())),
        ],
        units.adaptations(scope.viewer, scope.municipality, scope.year),
        _l("Nobody elsewhere adapted its material in this year."),
    )


def mentoring(scope: Scope) -> Table:
    return table(
        "mentoring",
        _l("Active mentoring pairs"),
        [
            (_l("New teacher"), lambda p: teacher_link(p.mentee)),
            (_l("Municipality"), lambda p: Cell(municipality_of(p.mentee))),
            (_l("Mentor"), lambda p: teacher_link(p.mentor)),
            (_l("Municipality"), lambda p: Cell(municipality_of(p.mentor))),
            (_l("Paired since"), lambda p: Cell((p.answered_at or p.created_at).date())),
        ],
        people.mentorships(scope.municipality, scope.year),
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
