"""Reviewers answering invitations, coordinators assigning by hand and withdrawing overdue
reviews; each service flushes, the view commits.

Whoever declines or is withdrawn is replaced at once by allocation (``fill``). A coordinator
may assign a teacher whom the rules pass over only with a written reason, which the request's
allocation log keeps; never an author, a collaborator or a deactivated account. Predicates for
the pages are here too: ``can_allocate`` (coordinators of an author's municipality, admins).
"""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.auth.services import find_teacher_by_email
from app.collaboration.services import find_teacher_by_name
from app.db import utcnow
from app.extensions import db
from app.network.models import School, Teacher
from app.notifications.services import notify
from app.reviews.allocation import FILLING, add_assignment, fill, load_case, lock, log
from app.reviews.allocation_rules import ABSOLUTE, Pick, allocate, broken_rules, rank
from app.reviews.allocation_texts import rule_list
from app.reviews.anonymity import reviewer_label
from app.reviews.models import (
    ACCEPTED,
    ACTIVE,
    DECLINED,
    INVITED,
    SUBMITTED,
    WITHDRAWN,
    Assignment,
    ReviewRequest,
)
from app.reviews.permissions import coordinates_an_author, is_reviewer
from app.reviews.requests import local_today, path_to
from app.reviews.rereading import carry_forward
from app.reviews.results import complete_if_done


def can_allocate(user, request: ReviewRequest) -> bool:
    """See and change who reviews a request: coordinators of an author's municipality, admins."""
    if not user.is_authenticated:
        return False
    return user.is_admin or coordinates_an_author(user, request.document)


def can_answer(user, assignment: Assignment) -> bool:
    """Accept or decline: the invited reviewer, while the request is open."""
    return (
        is_reviewer(user, assignment)
        and assignment.state == INVITED
        and assignment.request.state == "open"
    )


def is_overdue(assignment: Assignment) -> bool:
    """Invited or accepted, and the due date has passed."""
    return assignment.state in ACTIVE and local_today() > assignment.request.due_on


class AllocationError(Exception):
    """A change to a request's reviewers that the rules refuse; ``message`` says why."""

    @property
    def message(self) -> str:
        raise NotImplementedError


class AlreadyAnswered(AllocationError):
    @property
    def message(self) -> str:
        return _("This invitation has already been answered or withdrawn.")


class RequestClosed(AllocationError):
    @property
    def message(self) -> str:
        return _("This request is no longer open, so its reviewers cannot change.")


class NoSuchTeacher(AllocationError):
    def __init__(self, email: str):
        self.email = email

    @property
    def message(self) -> str:
        return _("No teacher on Tandem uses the address “%(email)s”.", email=self.email)


class NoTeacherChosen(AllocationError):
    @property
    def message(self) -> str:
        return _("That teacher is not on Tandem. Choose one from the list, or type a name.")


class NotOverdue(AllocationError):
    @property
    def message(self) -> str:
        return _("Only an overdue review can be withdrawn.")


class AlreadyReviewer(AllocationError):
    def __init__(self, teacher: Teacher):
        self.teacher = teacher

    @property
    def message(self) -> str:
        return _("%(name)s already reviews this request.", name=self.teacher.name)


class RuleBroken(AllocationError):
    """The teacher breaks allocation rules: never allowed (ABSOLUTE), or only with a reason."""

    def __init__(self, teacher: Teacher, rules: tuple[str, ...]):
        self.teacher = teacher
        self.rules = rules

    @property
    def absolute(self) -> bool:
        return any(rule in ABSOLUTE for rule in self.rules)

    @property
    def needs_reason(self) -> bool:
        return not self.absolute

    @property
    def message(self) -> str:
        if self.absolute:
            return _(
                "%(name)s cannot review this request: %(rules)s.",
                name=self.teacher.name,
                rules=rule_list(rule for rule in self.rules if rule in ABSOLUTE),
            )
        return _(
            "%(name)s is passed over by the allocation rules: %(rules)s. "
            "To assign them anyway, write why.",
            name=self.teacher.name,
            rules=rule_list(self.rules),
        )


def accept(assignment: Assignment) -> None:
    """The reviewer takes the review on; a re-reviewer's draft starts from their earlier review."""
    answer(assignment, ACCEPTED)
    log(assignment.request, "accepted", assignment=assignment, actor=assignment.reviewer)
    db.session.flush()
    carry_forward(assignment)


def decline(assignment: Assignment, *, reason: str) -> list[Assignment]:
    """The reviewer says no, and why; allocation invites someone else in their place, and a
    round left with nobody at work but some reviews in is complete."""
    if not reason.strip():
        raise ValueError("declining takes a reason")
    answer(assignment, DECLINED)
    assignment.decline_reason = reason.strip()
    request = assignment.request
    log(
        request,
        "declined",
        assignment=assignment,
        actor=assignment.reviewer,
        detail={"reason": assignment.decline_reason},
    )
    requester = request.requested_by
    notify(
        requester,
        "review_declined",
        params={"reviewer": reviewer_label(requester, assignment), "title": request.revision.title},
        link=path_to("reviews.show", request_id=request.id),
    )
    invited = fill(request, actor=assignment.reviewer)
    complete_if_done(request)
    return invited


def answer(assignment: Assignment, state: str) -> None:
    if assignment.state != INVITED or assignment.request.state != "open":
        raise AlreadyAnswered()
    assignment.state = state
    assignment.answered_at = utcnow()


def withdraw_overdue(assignment: Assignment, *, actor: Teacher) -> list[Assignment]:
    """Take an overdue review away from its reviewer and invite someone else; a round left
    with nobody at work but some reviews in is complete."""
    if assignment.request.state != "open":
        raise RequestClosed()
    if not is_overdue(assignment):
        raise NotOverdue()
    assignment.state = WITHDRAWN
    log(assignment.request, "reallocated", assignment=assignment, actor=actor)
    notify(
        assignment.reviewer,
        "review_reassigned",
        params={"title": assignment.request.revision.title},
        link=path_to("assignments.mine"),
    )
    invited = fill(assignment.request, actor=actor)
    complete_if_done(assignment.request)
    return invited


def find_teacher(name_or_email: str) -> Teacher:
    """The teacher with this e-mail address, or the one active teacher with this full name
    (app.collaboration's errors say when there is none, or several)."""
    text = " ".join(name_or_email.split())
    if "@" not in text:
        return find_teacher_by_name(text)
    teacher = find_teacher_by_email(text)
    if teacher is None:
        raise NoSuchTeacher(text)
    return teacher


def assign_by_hand(
    request: ReviewRequest, teacher: Teacher, *, actor: Teacher, reason: str = ""
) -> Assignment:
    """A coordinator invites this teacher; against a rule only with a written reason, which
    the log keeps with the rules broken. Allocation then fills any place still open."""
    if request.state != "open":
        raise RequestClosed()
    lock(request)
    holding = db.session.scalar(
        select(Assignment.id).where(
            Assignment.request_id == request.id,
            Assignment.reviewer_id == teacher.id,
            Assignment.state.in_(FILLING),
        )
    )
    if holding is not None:
        raise AlreadyReviewer(teacher)
    case, people = load_case(request)
    person = next(p for p in people if p.id == teacher.id)
    broken = broken_rules(case, person)
    reason = reason.strip()
    refusal = RuleBroken(teacher, broken)
    if broken and (refusal.absolute or not reason):
        raise refusal
    reasons = rank(case, person).reasons
    assignment = add_assignment(
        request,
        teacher.id,
        reasons={**reasons, "rules": list(broken)} if broken else reasons,
        action="override" if broken else "assigned",
        actor=actor,
        assigned_by=actor,
        override_reason=reason if broken else "",
    )
    fill(request, actor=actor)
    return assignment


def candidates(request: ReviewRequest) -> list[tuple[Teacher, Pick]]:
    """Everyone allocation could pick now, best first, with what speaks for them."""
    eligible = allocate(*load_case(request)).eligible
    teachers = {
        teacher.id: teacher
        for teacher in db.session.scalars(
            select(Teacher)
            .where(Teacher.id.in_([pick.person.id for pick in eligible]))
            .options(selectinload(Teacher.school).selectinload(School.municipality))
        )
    }
    return [(teachers[pick.person.id], pick) for pick in eligible]


@dataclass(frozen=True)
class MyReviews:
    invited: list[Assignment]
    accepted: list[Assignment]
    submitted: list[Assignment]


def reviews_of(teacher: Teacher) -> MyReviews:
    """The teacher's invitations, reviews in progress and submitted reviews, soonest due first."""
    rows = db.session.scalars(
        select(Assignment)
        .join(ReviewRequest, Assignment.request_id == ReviewRequest.id)
        .where(Assignment.reviewer_id == teacher.id, Assignment.state.in_(FILLING))
        .options(
            selectinload(Assignment.review),
            selectinload(Assignment.request).selectinload(ReviewRequest.revision),
        )
        .order_by(ReviewRequest.due_on, Assignment.id)
    ).all()
    by_state = {state: [a for a in rows if a.state == state] for state in FILLING}
    return MyReviews(by_state[INVITED], by_state[ACCEPTED], by_state[SUBMITTED])
