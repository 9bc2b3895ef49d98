"""Asking for a mentor, answering, ending, and a coordinator's direct pairing.

Rules: mentor and mentee teach in different municipalities; a mentor offers mentoring; a
mentee is new to the exchange; the same two have at most one pending or active pairing; a
teacher has at most one active mentor. Services flush; the view commits.
"""

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from app.db import utcnow
from app.extensions import db
from app.mentoring.errors import (
    AlreadyPaired,
    HasMentor,
    NotActive,
    NotAMentor,
    NotNewTeacher,
    NotOpen,
    SameMunicipality,
)
from app.network.models import Mentorship, Municipality, School, Teacher
from app.notifications.services import notify
from app.reviews.requests import path_to

PENDING, ACTIVE, DECLINED, ENDED = "pending", "active", "declined", "ended"
#: States in which a pairing still binds its two teachers.
OPEN = (PENDING, ACTIVE)


def lock_mentee(mentee: Teacher) -> None:
    """Serialise pairings of one mentee, so two acceptances cannot give them two mentors."""
    db.session.execute(select(Teacher.id).where(Teacher.id == mentee.id).with_for_update())


def pairing_between(mentee: Teacher, mentor: Teacher) -> Mentorship | None:
    return db.session.scalar(
        select(Mentorship).where(
            Mentorship.mentee_id == mentee.id,
            Mentorship.mentor_id == mentor.id,
            Mentorship.state.in_(OPEN),
        )
    )


def active_mentorship_of(mentee: Teacher) -> Mentorship | None:
    return db.session.scalar(
        select(Mentorship).where(Mentorship.mentee_id == mentee.id, Mentorship.state == ACTIVE)
    )


def check_pairing(mentee: Teacher, mentor: Teacher) -> None:
    """Raise the MentoringError for the first rule a new pairing would break."""
    if mentee.school.municipality_id == mentor.school.municipality_id:
        raise SameMunicipality()
    if not (mentor.active and mentor.offers_mentoring):
        raise NotAMentor(mentor)
    if not (mentee.active and mentee.new_to_exchange):
        raise NotNewTeacher(mentee)
    if pairing_between(mentee, mentor) is not None:
        raise AlreadyPaired()
    if active_mentorship_of(mentee) is not None:
        raise HasMentor(mentee)


def mentoring_link() -> str:
    return path_to("mentoring.index")


def ask(mentee: Teacher, mentor: Teacher) -> Mentorship:
    """A new teacher asks a mentor; the mentor is notified and answers."""
    lock_mentee(mentee)
    check_pairing(mentee, mentor)
    mentorship = Mentorship(mentee=mentee, mentor=mentor, requested_by=mentee, state=PENDING)
    db.session.add(mentorship)
    db.session.flush()
    notify(mentor, "mentoring_requested", params={"mentee": mentee.name}, link=mentoring_link())
    return mentorship


def answer(mentorship: Mentorship, *, accepted: bool) -> None:
    """The mentor accepts (unless the mentee has found a mentor meanwhile) or declines."""
    lock_mentee(mentorship.mentee)
    db.session.refresh(mentorship)
    if mentorship.state != PENDING:
        raise NotOpen()
    if accepted and active_mentorship_of(mentorship.mentee) is not None:
        raise HasMentor(mentorship.mentee)
    mentorship.state = ACTIVE if accepted else DECLINED
    mentorship.answered_at = utcnow()
    db.session.flush()
    kind = "mentoring_accepted" if accepted else "mentoring_declined"
    notify(
        mentorship.mentee, kind, params={"mentor": mentorship.mentor.name}, link=mentoring_link()
    )


def end(mentorship: Mentorship, *, by: Teacher) -> None:
    """Either of the two ends an active pairing; the mentee may withdraw a pending request."""
    db.session.refresh(mentorship)
    withdrawing = mentorship.state == PENDING and by.id == mentorship.mentee_id
    if mentorship.state != ACTIVE and not withdrawing:
        raise NotActive()
    mentorship.state = ENDED
    mentorship.ended_at = utcnow()
    db.session.flush()


def end_pairings_of(teacher: Teacher) -> None:
    """End the teacher's pending and active pairings, as mentee or mentor: for a deactivated
    account, whose mentee would otherwise keep a mentor who can no longer answer."""
    now = utcnow()
    for mentorship in open_pairings_of(teacher):
        mentorship.state, mentorship.ended_at = ENDED, now
    db.session.flush()


def pair(mentee: Teacher, mentor: Teacher, *, coordinator: Teacher) -> Mentorship:
    """A coordinator pairs a new teacher with a mentor: active at once, both notified."""
    lock_mentee(mentee)
    check_pairing(mentee, mentor)
    now = utcnow()
    mentorship = Mentorship(
        mentee=mentee, mentor=mentor, requested_by=coordinator, state=ACTIVE, answered_at=now
    )
    db.session.add(mentorship)
    db.session.flush()
    for teacher, other in ((mentee, mentor), (mentor, mentee)):
        notify(
            teacher,
            "mentoring_paired",
            params={"coordinator": coordinator.name, "name": other.name},
            link=mentoring_link(),
        )
    return mentorship


def with_people(query):
    return query.options(
        *(
            selectinload(relation).selectinload(Teacher.school).selectinload(School.municipality)
            for relation in (Mentorship.mentee, Mentorship.mentor)
        )
    )


def open_pairings_of(teacher: Teacher) -> list[Mentorship]:
    """The teacher's pending and active pairings, as mentee or mentor, newest first."""
    return db.session.scalars(
        with_people(select(Mentorship))
        .where(
            or_(Mentorship.mentee_id == teacher.id, Mentorship.mentor_id == teacher.id),
            Mentorship.state.in_(OPEN),
        )
        .order_by(Mentorship.created_at.desc(), Mentorship.id.desc())
    ).all()


def active_pairings_of(teacher: Teacher) -> tuple[list[Teacher], list[Teacher]]:
    """(the teacher's active mentors, the teachers they mentor) as their profile shows them."""
    mentors, mentees = [], []
    for mentorship in open_pairings_of(teacher):
        if mentorship.state != ACTIVE:
            continue
        if mentorship.mentee_id == teacher.id:
            mentors.append(mentorship.mentor)
        else:
            mentees.append(mentorship.mentee)
    return mentors, mentees


def pairings_in(municipality: Municipality) -> list[Mentorship]:
    """Pending and active pairings with a mentee or mentor teaching in the municipality."""
    teachers = (
        select(Teacher.id)
        .join(Teacher.school)
        .where(School.municipality_id == municipality.id)
        .scalar_subquery()
    )
    return db.session.scalars(
        with_people(select(Mentorship))
        .where(
            or_(Mentorship.mentee_id.in_(teachers), Mentorship.mentor_id.in_(teachers)),
            Mentorship.state.in_(OPEN),
        )
        .order_by(Mentorship.created_at.desc(), Mentorship.id.desc())
    ).all()
