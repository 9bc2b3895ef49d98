"""Filling a request from the database: who is invited, numbered, logged and told, and what a
request left short says."""

import json
from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import event, func, select

from app.db import utcnow
from app.documents import services
from app.documents.models import LESSON, Collaborator, Document
from app.extensions import db
from app.network.models import Teacher
from app.notifications.models import Notification
from app.reviews import allocation, allocation_texts
from app.reviews.models import (
    DECLINED,
    INVITED,
    SUBMITTED,
    AllocationEvent,
    Assignment,
    ConflictOfInterest,
    ReviewRequest,
)
from app.reviews.requests import local_today, request_review
from tests.fixtures.documents import lesson_content


@dataclass
class Exchange:
    """A Swedish-language biology lesson by Aino (Tornio) and Eero (Haparanda)."""

    lesson: Document
    rubric: object
    aino: Teacher
    eero: Teacher
    lars: Teacher  # Luleå, biology, Swedish
    kalle: Teacher  # Kemi, biology, Finnish
    lina: Teacher  # Luleå, no subjects, Swedish
    oona: Teacher  # Oulu, comments on the lesson
    tornio_coordinator: Teacher


@pytest.fixture
def exchange(make_municipality, make_school, make_teacher, make_subject, make_rubric):
    tornio, haparanda = make_municipality("Tornio"), make_municipality("Haparanda", country="SE")
    lulea, kemi = make_municipality("Luleå", country="SE"), make_municipality("Kemi")
    oulu = make_municipality("Oulu")
    biology = make_subject("biology")
    aino = make_teacher("Aino Korhonen", municipality=tornio)
    eero = make_teacher("Eero Väisänen", municipality=haparanda)
    lars = make_teacher("Lars Berg", municipality=lulea, languages=("sv",))
    kalle = make_teacher("Kalle Mäki", municipality=kemi, languages=("fi",))
    lina = make_teacher("Lina Ek", municipality=lulea, languages=("sv", "en"))
    oona = make_teacher("Oona Oja", municipality=oulu)
    lars.subjects.append(biology)
    kalle.subjects.append(biology)
    # Passed over without a word in a shortfall: same municipalities as the authors, or gone.
    make_teacher("Hanna Haparanda", municipality=haparanda, languages=("sv",))
    make_teacher("Toni Tornio", municipality=tornio)
    make_teacher("Kaija Gone", municipality=kemi, active=False)
    lesson = services.create_document(
        LESSON, lesson_content("Hand hygiene", subjects=["biology"], language="sv"), author=aino
    )
    lesson.collaborators += [
        Collaborator(teacher=eero, role="editor"),
        Collaborator(teacher=oona, role="commenter"),
    ]
    db.session.commit()
    return Exchange(
        lesson=lesson,
        rubric=make_rubric("Lesson plan quality"),
        aino=aino,
        eero=eero,
        lars=lars,
        kalle=kalle,
        lina=lina,
        oona=oona,
        tornio_coordinator=make_teacher("Kaisa Kivelä", municipality=tornio, coordinator=True),
    )


def ask(exchange, *, wanted: int = 2, document=None, requester=None) -> ReviewRequest:
    request = request_review(
        document or exchange.lesson,
        rubric_version=exchange.rubric.current_version,
        requested_by=requester or exchange.aino,
        due_on=local_today() + timedelta(days=21),
        reviewers_wanted=wanted,
    )
    db.session.commit()
    return request


def reviewers(request: ReviewRequest) -> list[str]:
    return [assignment.reviewer.name for assignment in request.assignments]


def test_the_best_matches_from_other_municipalities_are_invited_in_order(exchange):
    request = ask(exchange)
    assert reviewers(request) == ["Lars Berg", "Kalle Mäki"]
    assert [(a.number, a.state) for a in request.assignments] == [(1, INVITED), (2, INVITED)]
    assert request.shortfall == ""


def test_each_pick_keeps_its_reasons_in_the_log(app, exchange):
    request = ask(exchange)
    first = request.assignments[0]
    assert json.loads(first.reasons) == {
        "municipality": "Luleå",
        "subject": True,
        "language": True,
        "open": 0,
    }
    events = db.session.scalars(select(AllocationEvent).order_by(AllocationEvent.id)).all()
    assert [(e.action, e.assignment_id) for e in events] == [
        ("picked", a.id) for a in request.assignments
    ]
    with app.test_request_context():
        words = allocation_texts.event_text(events[0])
    assert words == "Luleå, subject match, language match, 0 open reviews"


def test_each_reviewer_is_told_with_a_link_to_their_invitation(exchange):
    request = ask(exchange)
    for assignment in request.assignments:
        (note,) = db.session.scalars(
            select(Notification).where(Notification.teacher_id == assignment.reviewer_id)
        ).all()
        assert note.kind == "review_invited"
        assert note.params == {"title": "Hand hygiene", "due": request.due_on.isoformat()}
        assert note.link == f"/reviews/assignments/{assignment.id}"


def test_open_reviews_elsewhere_push_a_teacher_down_the_list(exchange):
    ask(exchange, wanted=2)  # Lars and Kalle now have one open review each
    other = services.create_document(
        LESSON, lesson_content("Allergens", language="sv"), author=exchange.aino
    )
    db.session.commit()
    assert reviewers(ask(exchange, document=other, wanted=1)) == ["Lina Ek"]


def test_a_teacher_who_declined_is_not_asked_again_and_numbers_go_on(exchange):
    request = ask(exchange, wanted=2)
    request.assignments[0].state = DECLINED
    allocation.fill(request)
    db.session.commit()
    assert reviewers(request) == ["Lars Berg", "Kalle Mäki", "Lina Ek"]
    assert [a.number for a in request.assignments] == [1, 2, 3]


@pytest.mark.parametrize("declared_by", ["candidate", "author"])
def test_a_conflict_of_interest_declared_either_way_keeps_a_teacher_out(exchange, declared_by):
    pair = (exchange.lars, exchange.eero)
    teacher, other = pair if declared_by == "candidate" else reversed(pair)
    db.session.add(ConflictOfInterest(teacher=teacher, other=other, reason="Married"))
    db.session.commit()
    assert reviewers(ask(exchange)) == ["Kalle Mäki", "Lina Ek"]


def reviewed_earlier(
    exchange, *, reviewer, author, days_ago: int, state=SUBMITTED, editor=None
) -> None:
    """``reviewer`` was asked ``days_ago`` to review a lesson of ``author`` (and ``editor``)."""
    theirs = services.create_document(LESSON, lesson_content("Their lesson"), author=author)
    if editor is not None:
        theirs.collaborators.append(Collaborator(teacher=editor, role="editor"))
    db.session.flush()
    request = ReviewRequest(
        document=theirs,
        revision_id=theirs.current_revision_id,
        rubric_version=exchange.rubric.current_version,
        requested_by=author,
        due_on=local_today(),
        state="complete",
    )
    when = utcnow() - timedelta(days=days_ago)
    db.session.add(
        Assignment(request=request, reviewer=reviewer, number=1, state=state, invited_at=when)
    )
    db.session.commit()


def test_whom_an_author_reviewed_recently_does_not_review_them_now(exchange):
    reviewed_earlier(exchange, reviewer=exchange.eero, author=exchange.lars, days_ago=30)
    assert reviewers(ask(exchange)) == ["Kalle Mäki", "Lina Ek"]


def test_an_editor_of_the_reviewed_work_counts_as_its_author(exchange, make_teacher):
    requester = make_teacher("Rita Requester")
    reviewed_earlier(
        exchange, reviewer=exchange.aino, author=requester, editor=exchange.lars, days_ago=30
    )
    assert reviewers(ask(exchange)) == ["Kalle Mäki", "Lina Ek"]


def test_a_review_the_author_declined_or_long_ago_is_no_favour_to_return(exchange):
    reviewed_earlier(exchange, reviewer=exchange.aino, author=exchange.lars, days_ago=400)
    reviewed_earlier(
        exchange, reviewer=exchange.eero, author=exchange.lars, days_ago=3, state=DECLINED
    )
    assert reviewers(ask(exchange))[0] == "Lars Berg"


def test_the_reciprocal_window_is_configurable(app, exchange):
    reviewed_earlier(exchange, reviewer=exchange.aino, author=exchange.lars, days_ago=400)
    app.config["REVIEW_RECIPROCAL_DAYS"] = 500
    try:
        assert "Lars Berg" not in reviewers(ask(exchange))
    finally:
        app.config["REVIEW_RECIPROCAL_DAYS"] = 365


def test_the_authors_of_a_units_lesson_are_the_units(exchange, make_unit, make_lesson):
    unit = make_unit(owner=exchange.aino, collaborators={"editor": [exchange.lars]})
    lesson = make_lesson("Temperatures", unit=unit)
    picked = reviewers(ask(exchange, document=lesson, wanted=3))
    assert "Lars Berg" not in picked
    assert "Eero Väisänen" in picked  # not an author of this unit


def test_the_requester_counts_as_an_author(exchange, make_teacher):
    lulea = exchange.lars.municipality
    requester = make_teacher("Lotta Luleå", municipality=lulea, coordinator=True)
    assert reviewers(ask(exchange, requester=requester)) == ["Kalle Mäki"]


def test_a_request_left_short_says_why(app, exchange):
    request = ask(exchange, wanted=5)
    assert reviewers(request) == ["Lars Berg", "Kalle Mäki", "Lina Ek"]
    with app.test_request_context():
        words = allocation_texts.shortfall_text(request.shortfall)
    assert words == (
        "Only 3 of 5 reviewers found: 4 active teachers in other municipalities, "
        "1 works on the document."
    )


def test_the_requester_and_the_authors_coordinators_hear_of_a_shortfall_once(exchange):
    request = ask(exchange, wanted=5)
    allocation.fill(request)
    db.session.commit()
    told = db.session.scalars(
        select(Notification).where(Notification.kind == "review_request_unfilled")
    ).all()
    assert sorted((n.teacher.name, n.link) for n in told) == [
        ("Aino Korhonen", f"/reviews/requests/{request.id}"),
        ("Kaisa Kivelä", f"/reviews/requests/{request.id}/allocation"),
    ]


def test_a_request_that_is_no_longer_open_gets_nobody(exchange):
    request = ask(exchange, wanted=1)
    request.state = "cancelled"
    request.reviewers_wanted = 3
    assert allocation.fill(request) == []
    assert len(request.assignments) == 1


def test_requests_one_after_another_share_the_work_evenly(exchange):
    for lesson_number in range(4):
        other = services.create_document(
            LESSON, lesson_content(f"Lesson {lesson_number}", language="de"), author=exchange.aino
        )
        db.session.commit()
        ask(exchange, document=other, wanted=2)
    tornio = exchange.aino.municipality
    candidates = [
        teacher
        for teacher in db.session.scalars(select(Teacher).where(Teacher.active))
        if teacher.municipality != tornio
    ]
    loads = [
        db.session.scalar(select(func.count()).where(Assignment.reviewer_id == teacher.id))
        for teacher in candidates
    ]
    assert len(candidates) == 6
    assert sum(loads) == 8
    assert max(loads) - min(loads) <= 1


def statements_for(action) -> int:
    statements = []

    def count(*args):
        statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        action()
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(statements)


def test_filling_costs_the_same_queries_for_a_small_and_a_large_network(
    exchange, make_teacher, make_municipality
):
    def fill_one():
        document = services.create_document(LESSON, lesson_content("X"), author=exchange.aino)
        request = ReviewRequest(
            document=document,
            revision_id=document.current_revision_id,
            rubric_version=exchange.rubric.current_version,
            requested_by=exchange.aino,
            reviewers_wanted=1,
            due_on=local_today() + timedelta(days=9),
        )
        db.session.add(request)
        db.session.commit()
        db.session.expire_all()
        count = statements_for(lambda: allocation.fill(db.session.get(ReviewRequest, request.id)))
        db.session.commit()
        return count

    small = fill_one()
    for _number in range(15):
        make_teacher(municipality=make_municipality())
    assert fill_one() == small
