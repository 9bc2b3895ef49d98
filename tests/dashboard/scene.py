"""Tornio's school year 2024-25 in Tandem, every date chosen, for the dashboard and report.

Tornio teachers: Aino Korhonen (writes), Eero Väisänen (reviews, new to the exchange), Nina
Niemi (new to the exchange, mentored, nothing written), Kaisa Kivelä (coordinator). Partners:
Rasmus Granberg (Haparanda), Stina Lindqvist (Luleå), Maja Berg (Haparanda), Ville Vaara (Kemi)
and Lena Lund (Luleå, a mentor).
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import update

from app.documents import services
from app.documents.models import LESSON, UNIT, Collaborator, Document, Revision
from app.extensions import db
from app.network.models import Mentorship, Municipality, Teacher
from app.network.school_years import SchoolYear
from app.reviews.models import (
    ACCEPTED,
    SUBMITTED,
    Assignment,
    Outcome,
    Review,
    ReviewRequest,
    Score,
)
from app.rubrics.models import Rubric
from tests.fixtures.documents import lesson_content, unit_content

YEAR = SchoolYear(2024)


def at(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def backdate(document: Document, when: datetime) -> None:
    """Move the document, its lessons and all their revisions to ``when``."""
    ids = [document.id, *(lesson.id for lesson in document.lessons)]
    db.session.execute(
        update(Revision).where(Revision.document_id.in_(ids)).values(created_at=when),
        execution_options={"synchronize_session": False},
    )
    db.session.execute(
        update(Document).where(Document.id.in_(ids)).values(created_at=when, updated_at=when),
        execution_options={"synchronize_session": False},
    )
    db.session.commit()
    db.session.expire_all()


def unit(title: str, owner: Teacher, editors=(), *, shared=True, **fields) -> Document:
    document = services.create_document(
        UNIT,
        unit_content(title, **fields),
        author=owner,
        visibility="network" if shared else "private",
        status="published" if shared else "draft",
    )
    for editor in editors:
        document.collaborators.append(Collaborator(teacher=editor, role="editor"))
    db.session.commit()
    return document


def goals_lesson(unit_doc: Document, title: str, goals: list[dict], author: Teacher) -> Document:
    lesson = services.add_lesson(unit_doc, lesson_content(title, curriculum=goals), author=author)
    db.session.commit()
    return lesson


def lesson(title: str, owner: Teacher, *, shared=False) -> Document:
    document = services.create_document(
        LESSON,
        lesson_content(title),
        author=owner,
        visibility="network" if shared else "private",
        status="published" if shared else "draft",
    )
    db.session.commit()
    return document


def request(document, rubric, *, by, created, due, anonymity, state="open") -> ReviewRequest:
    row = ReviewRequest(
        document=document,
        revision_id=document.current_revision_id,
        rubric_version=rubric.current_version,
        requested_by=by,
        due_on=due,
        anonymity=anonymity,
        created_at=created,
        state=state,
    )
    db.session.add(row)
    return row


def submitted(row, reviewer, number, *, invited, done, levels=()) -> Assignment:
    """A submitted review with the given level score for each criterion, in order."""
    assignment = Assignment(
        request=row, reviewer=reviewer, number=number, state=SUBMITTED, invited_at=invited
    )
    review = Review(assignment=assignment, recommendation="ready", submitted_at=done)
    db.session.add_all([assignment, review])
    for criterion, score in zip(row.rubric_version.criteria, levels, strict=False):
        level = next(level for level in criterion.levels if level.score == score)
        review.scores.append(Score(criterion=criterion, level=level))
    return assignment


@dataclass
class Scene:
    tornio: Municipality
    haparanda: Municipality
    aino: Teacher
    eero: Teacher
    nina: Teacher
    kaisa: Teacher
    rasmus: Teacher
    stina: Teacher
    ville: Teacher
    food: Document
    light: Document
    late: Document
    hidden: Document
    rubric: Rubric


DIGITAL_SAFETY = {"framework": "ePerusteet", "code": "YTO-1", "name": "Digital safety", "url": ""}
IT_SECURITY = {"framework": "Skolverket", "code": "", "name": "Datorteknik 1a", "url": ""}


def build_scene(make_municipality, make_school, make_teacher, make_rubric) -> Scene:
    tornio = make_municipality("Tornio", slug="tornio")
    haparanda = make_municipality("Haparanda", slug="haparanda", country="SE")
    lulea = make_municipality("Luleå", slug="lulea", country="SE")
    kemi = make_municipality("Kemi", slug="kemi")
    putaa = make_school("Putaan koulu", municipality=tornio)
    kiviranta = make_school("Kivirannan koulu", municipality=tornio)
    aino = make_teacher("Aino Korhonen", school=putaa)
    eero = make_teacher("Eero Väisänen", school=kiviranta)
    nina = make_teacher("Nina Niemi", school=putaa)
    kaisa = make_teacher("Kaisa Kivelä", school=putaa, coordinator=True)
    rasmus = make_teacher("Rasmus Granberg", municipality=haparanda)
    maja = make_teacher("Maja Berg", municipality=haparanda)
    stina = make_teacher("Stina Lindqvist", municipality=lulea)
    lena = make_teacher("Lena Lund", municipality=lulea)
    ville = make_teacher("Ville Vaara", municipality=kemi)
    eero.new_to_exchange = nina.new_to_exchange = True

    older = lesson("Older lesson", aino)
    backdate(older, at(2023, 5, 1))
    food = unit("Food safety", aino, [rasmus])
    goals_lesson(food, "Passwords", [DIGITAL_SAFETY], aino)
    backdate(food, at(2024, 10, 1))
    light = unit("Winter light", aino, [stina, rasmus])
    goals_lesson(light, "Phishing", [DIGITAL_SAFETY, IT_SECURITY], aino)
    backdate(light, at(2025, 7, 31, 22))
    late = unit("Autumn harvest", aino, [rasmus])
    backdate(late, at(2025, 8, 1, 0, 30))
    alone = unit("Tornio only", aino, shared=False)
    backdate(alone, at(2024, 9, 1))
    hidden = unit("Private joint draft", rasmus, [aino], shared=False)
    backdate(hidden, at(2024, 9, 1))

    rubric = make_rubric("Lesson plan quality", criteria=("Clear objectives", "Activities"))
    hygiene = lesson("Hand hygiene", aino)
    backdate(hygiene, at(2024, 10, 15))
    r1 = request(
        hygiene,
        rubric,
        by=aino,
        created=at(2024, 11, 1),
        due=date(2024, 11, 20),
        anonymity="reviewer_anonymous",
        state="complete",
    )
    submitted(r1, rasmus, 1, invited=at(2024, 11, 1), done=at(2024, 11, 5), levels=(3, 4))
    submitted(r1, stina, 2, invited=at(2024, 11, 1), done=at(2024, 11, 25), levels=(2, 2))
    db.session.add(
        Outcome(
            request=r1,
            document_id=hygiene.id,
            revision_id=hygiene.current_revision_id,
            rubric_version_id=rubric.current_version_id,
            score=2.75,
            passed=False,
            municipalities=["haparanda", "lulea"],
            decided_at=at(2024, 11, 25),
        )
    )
    fika = lesson("Fika maths", maja, shared=True)
    r2 = request(
        fika, rubric, by=maja, created=at(2025, 3, 1), due=date(2025, 3, 10), anonymity="open"
    )
    submitted(r2, eero, 1, invited=at(2025, 3, 1), done=at(2025, 3, 3), levels=(4, 4))
    submitted(r2, rasmus, 2, invited=at(2025, 3, 1), done=at(2025, 3, 4), levels=(3, 3))
    sauna = lesson("Sauna physics", stina)
    r3 = request(
        sauna,
        rubric,
        by=stina,
        created=at(2025, 4, 1),
        due=date(2025, 5, 1),
        anonymity="reviewer_anonymous",
    )
    db.session.add(Assignment(request=r3, reviewer=eero, number=1, state=ACCEPTED))

    copy = services.create_document(
        UNIT,
        unit_content("Food safety in Kemi"),
        author=ville,
        visibility="network",
        status="published",
        source_document=food,
        source_revision_id=food.current_revision_id,
        source="adapt",
    )
    db.session.add_all(
        [
            Mentorship(
                mentee=nina,
                mentor=lena,
                requested_by=nina,
                state="active",
                created_at=at(2024, 9, 1),
                answered_at=at(2024, 9, 2),
            ),
            Mentorship(mentee=eero, mentor=lena, requested_by=eero, state="pending"),
        ]
    )
    db.session.commit()
    backdate(copy, at(2025, 1, 10))
    return Scene(
        tornio, haparanda, aino, eero, nina, kaisa, rasmus, stina, ville,
        food, light, late, hidden, rubric,
    )  # fmt: skip
