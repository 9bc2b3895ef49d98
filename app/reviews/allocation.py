"""Filling a request's places with reviewers: the rules' data read from the database, the
picks turned into invitations.

``load_case`` reads what app.reviews.allocation_rules needs in a fixed number of queries;
``fill`` invites whom ``allocate`` picks. Reasons, shortfalls and log details are stored as
their parts (JSON) and put into words when read, in the reader's language: a Finnish and a
Swedish coordinator read the same request.
"""

import json
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, or_, select, union

from app.db import utcnow
from app.documents.models import EDITOR, OWNER, Collaborator, Document
from app.extensions import db
from app.network.models import Municipality, School, Subject, Teacher, teacher_subject
from app.notifications.services import notify
from app.notifications.watching import watch

# A module import: app.reviews.requests imports this module too (it fills new requests).
from app.reviews import requests as review_requests
from app.reviews.allocation_rules import Case, Person, allocate
from app.reviews.models import (
    ACTIVE,
    INVITED,
    SUBMITTED,
    AllocationEvent,
    Assignment,
    ConflictOfInterest,
    ReviewRequest,
)

#: Assignments that fill one of a request's places.
FILLING = (*ACTIVE, SUBMITTED)


def load_case(request: ReviewRequest) -> tuple[Case, list[Person]]:
    """The request's case and every teacher of the network, in a fixed number of queries."""
    root = request.document.access_root
    roles = dict(
        db.session.execute(
            select(Collaborator.teacher_id, Collaborator.role).where(
                Collaborator.document_id == root.id
            )
        ).all()
    )
    people = load_people()
    author_ids = {t for t, role in roles.items() if role in (OWNER, EDITOR)}
    author_ids.add(request.requested_by_id)
    states = db.session.execute(
        select(Assignment.reviewer_id, Assignment.state).where(Assignment.request_id == request.id)
    ).all()
    fields = request.revision.fields
    case = Case(
        authors=tuple(people[i] for i in sorted(author_ids)),
        collaborators=frozenset(roles),
        assigned=frozenset(reviewer for reviewer, _state in states),
        reviewing=frozenset(reviewer for reviewer, state in states if state in FILLING),
        conflicts=conflicts_of(author_ids),
        reviewed=reviewed_by(author_ids),
        subjects=frozenset(fields.get("subjects") or ()),
        language=fields.get("language") or "",
        wanted=request.reviewers_wanted,
    )
    return case, list(people.values())


def load_people() -> dict[int, Person]:
    """Every teacher by id, with their subjects and open reviews (three queries)."""
    subjects: dict[int, set[str]] = {}
    for teacher_id, key in db.session.execute(
        select(teacher_subject.c.teacher_id, Subject.key).join(Subject)
    ):
        subjects.setdefault(teacher_id, set()).add(key)
    loads = dict(
        db.session.execute(
            select(Assignment.reviewer_id, func.count())
            .where(Assignment.state.in_(ACTIVE))
            .group_by(Assignment.reviewer_id)
        ).all()
    )
    rows = db.session.execute(
        select(
            Teacher.id,
            Teacher.school_id,
            School.municipality_id,
            Municipality.name,
            Teacher.languages,
            Teacher.active,
        )
        .join(School, Teacher.school_id == School.id)
        .join(Municipality, School.municipality_id == Municipality.id)
        .order_by(Teacher.id)
    )
    return {
        row.id: Person(
            row.id,
            row.school_id,
            row.municipality_id,
            row.name,
            frozenset(subjects.get(row.id, ())),
            frozenset(row.languages or ()),
            row.active,
            loads.get(row.id, 0),
        )
        for row in rows
    }


def conflicts_of(teacher_ids: set[int]) -> frozenset[tuple[int, int]]:
    """Declared conflicts of interest involving any of these teachers, in either direction."""
    rows = db.session.execute(
        select(ConflictOfInterest.teacher_id, ConflictOfInterest.other_id).where(
            or_(
                ConflictOfInterest.teacher_id.in_(teacher_ids),
                ConflictOfInterest.other_id.in_(teacher_ids),
            )
        )
    )
    return frozenset((teacher, other) for teacher, other in rows)


def reviewed_by(reviewer_ids: set[int]) -> frozenset[tuple[int, int]]:
    """(reviewer, author) for every review these teachers were invited to within
    REVIEW_RECIPROCAL_DAYS and did not decline (nor lose to a withdrawal); the authors of the
    reviewed work are its requester, owners and editors."""
    since = utcnow() - timedelta(days=current_app.config["REVIEW_RECIPROCAL_DAYS"])
    recent = (
        select(Assignment.reviewer_id, ReviewRequest.requested_by_id.label("author_id"))
        .join(ReviewRequest, Assignment.request_id == ReviewRequest.id)
        .where(
            Assignment.reviewer_id.in_(reviewer_ids),
            Assignment.state.in_(FILLING),
            Assignment.invited_at >= since,
        )
    )
    root_id = func.coalesce(Document.unit_id, Document.id)
    authors = (
        recent.with_only_columns(Assignment.reviewer_id, Collaborator.teacher_id)
        .join(Document, ReviewRequest.document_id == Document.id)
        .join(Collaborator, Collaborator.document_id == root_id)
        .where(Collaborator.role.in_((OWNER, EDITOR)))
    )
    return frozenset(tuple(row) for row in db.session.execute(union(recent, authors)))


def lock(request: ReviewRequest) -> None:
    """Serialise changes to one request's reviewers, so two fills never number alike."""
    db.session.execute(
        select(ReviewRequest.id).where(ReviewRequest.id == request.id).with_for_update()
    )


def fill(request: ReviewRequest, *, actor: Teacher | None = None) -> list[Assignment]:
    """Invite reviewers for the request's open places by the exchange's rules; when places
    stay open, ``request.shortfall`` says why."""
    if request.state != "open":
        return []
    lock(request)
    allocation = allocate(*load_case(request))
    assignments = [
        add_assignment(request, pick.person.id, reasons=pick.reasons, action="picked", actor=actor)
        for pick in allocation.picks
    ]
    shortfall = allocation.shortfall
    if shortfall and not request.shortfall:
        tell_unfilled(request, allocation.case)
    request.shortfall = json.dumps(shortfall) if shortfall else ""
    db.session.flush()
    return assignments


def tell_unfilled(request: ReviewRequest, case: Case) -> None:
    """The requester and the coordinators of the authors' municipalities learn that places
    stay open: the coordinators can assign the rest by hand."""
    title = {"title": request.revision.title}
    coordinators = db.session.scalars(
        select(Teacher)
        .join(School, Teacher.school_id == School.id)
        .where(
            Teacher.is_coordinator,
            Teacher.active,
            Teacher.id != request.requested_by_id,
            School.municipality_id.in_({author.municipality_id for author in case.authors}),
        )
        .order_by(Teacher.id)
    )
    link = review_requests.path_to("reviews.show", request_id=request.id)
    notify(request.requested_by, "review_request_unfilled", params=title, link=link)
    link = review_requests.path_to("assignments.allocate", request_id=request.id)
    for coordinator in coordinators:
        notify(coordinator, "review_request_unfilled", params=title, link=link)


def add_assignment(
    request: ReviewRequest,
    reviewer_id: int,
    *,
    reasons: dict,
    action: str,
    actor: Teacher | None,
    assigned_by: Teacher | None = None,
    override_reason: str = "",
) -> Assignment:
    """Invite one reviewer (numbered after the request's others), log it and notify them."""
    number = db.session.scalar(
        select(func.coalesce(func.max(Assignment.number), 0)).where(
            Assignment.request_id == request.id
        )
    )
    assignment = Assignment(
        request=request,
        reviewer_id=reviewer_id,
        number=number + 1,
        state=INVITED,
        reasons=json.dumps(reasons),
        assigned_by=assigned_by,
        override_reason=override_reason,
    )
    db.session.add(assignment)
    detail = {**reasons, "reason": override_reason} if override_reason else reasons
    log(request, action, assignment=assignment, actor=actor, detail=detail)
    db.session.flush()
    reviewer = db.session.get(Teacher, reviewer_id)
    watch(reviewer, request.document, "reviewer")
    notify(
        reviewer,
        "review_invited",
        params={"title": request.revision.title, "due": request.due_on.isoformat()},
        link=review_requests.path_to("assignments.show", assignment_id=assignment.id),
    )
    return assignment


def log(
    request: ReviewRequest,
    action: str,
    *,
    assignment: Assignment | None = None,
    actor: Teacher | None = None,
    detail: dict | None = None,
) -> AllocationEvent:
    """Add to the request's allocation log; the detail keeps its parts for the reader."""
    event = AllocationEvent(
        request=request,
        assignment=assignment,
        actor=actor,
        action=action,
        detail=json.dumps(detail or {}),
    )
    db.session.add(event)
    return event
