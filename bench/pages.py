"""Page benchmarks for ``make bench``: the server time of the pages teachers read most, through
the test client, and the SQL statements one request of each runs.

The pages are those of the demo content (content/: joint units of several municipalities,
their lessons, rubrics) and of what is built here on top of it through the app's services: a
600-word lesson edited once (its comparison), 300 published lessons (search), and a review
round three reviewers of other municipalities have finished (its results).
"""

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from sqlalchemy import event, select

from app.content.loader import load_content
from app.db import utcnow
from app.documents import services
from app.documents.models import LESSON, UNIT, Document
from app.extensions import db, search_index
from app.network.models import Teacher
from app.reviews import reviewing
from app.reviews.models import ACCEPTED, Assignment, ReviewRequest
from app.rubrics.models import Rubric
from tests.conftest import IsolatingClient, Web

#: The demo password (content/network.yaml).
PASSWORD = "tandem-demo"  # noqa: S105 (demo data only)
SEARCHED = 300


def statements_of(client, url: str) -> int:
    """How many SQL statements one request of ``url`` runs (it must answer 200)."""
    statements = []

    def count(*args):
        statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200, url
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(statements)


def page(client, url: str, repeat: int, summary: Callable, timings: Callable) -> dict:
    queries = statements_of(client, url)
    return {**summary(timings(lambda: client.get(url), repeat)), "queries": queries}


def demo_unit() -> Document:
    """The demo unit with the most lessons."""
    units = db.session.scalars(select(Document).where(Document.kind == UNIT))
    return max(units, key=lambda unit: len(unit.lessons))


def edited_lesson(author: Teacher, text: str) -> Document:
    """A public lesson of ``text``, then the same with one word changed in every paragraph."""
    content = services.Content(
        "Hand hygiene", {"summary": "Bench.", "language": "en", "licence": "CC-BY-4.0"}, text
    )
    lesson = services.create_document(
        LESSON, content, author=author, visibility="public", status="published"
    )
    changed = "\n\n".join(p.replace("twenty", "thirty", 1) for p in text.split("\n\n"))
    services.save_revision(
        lesson, services.Content(content.title, content.fields, changed), author=author
    )
    db.session.commit()
    return lesson


def searched_lessons(author: Teacher, text: str) -> None:
    """SEARCHED public lessons of ``text``, indexed."""
    for number in range(SEARCHED):
        content = services.Content(
            f"Hand hygiene {number}",
            {"summary": "Bench.", "language": "en", "licence": "CC-BY-4.0"},
            f"{text}\n\nRound {number}.",
        )
        services.create_document(
            LESSON, content, author=author, visibility="public", status="published"
        )
    db.session.commit()
    search_index.drain()


def finished_round(app, unit: Document) -> tuple[ReviewRequest, Teacher]:
    """A review round of one of the unit's lessons that three teachers of municipalities other
    than its authors' have reviewed; returns it and the author who reads the results."""
    lesson = unit.lessons[0]
    author = unit.collaborators[0].teacher
    places = {c.teacher.school.municipality_id for c in unit.collaborators}
    reviewers = [
        teacher
        for teacher in db.session.scalars(select(Teacher).order_by(Teacher.id))
        if teacher.school.municipality_id not in places and not teacher.is_admin
    ][:3]
    version = db.session.scalars(select(Rubric).where(Rubric.purpose == "lesson")).one()
    version = version.current_version
    request = ReviewRequest(
        document=lesson,
        revision_id=lesson.current_revision_id,
        rubric_version=version,
        requested_by=author,
        reviewers_wanted=len(reviewers),
        due_on=(utcnow() + timedelta(days=21)).date(),
    )
    assignments = [
        Assignment(request=request, reviewer=reviewer, number=number, state=ACCEPTED)
        for number, reviewer in enumerate(reviewers, start=1)
    ]
    db.session.add_all([request, *assignments])
    db.session.commit()
    with app.test_request_context():
        for number, assignment in enumerate(assignments):
            answers = reviewing.Answers(
                levels={c.id: c.levels[1 + number % 3].id for c in version.criteria},
                comments={c.id: f"Reviewer {number + 1} on {c.title}." for c in version.criteria},
                strengths="A clear plan.",
                suggestions="Add timings.",
                recommendation="minor_changes",
            )
            reviewing.submit_review(assignment, answers, reviewer=assignment.reviewer)
            db.session.commit()
    return request, author


def bench_pages(app, author: Teacher, text: str, repeat: int, summary, timings) -> dict:
    """Each page's timings and statements, by name."""
    load_content(Path(app.config["CONTENT_DIR"]))
    db.session.commit()
    search_index.drain()
    client = app.test_client()
    unit = demo_unit()
    lesson = edited_lesson(author, text)
    searched_lessons(author, text)
    request, reader = finished_round(app, unit)
    pages = {
        "unit_page": f"/units/{unit.id}",
        "lesson_page": f"/lessons/{unit.lessons[0].id}",
        "diff_page_600_words": f"/documents/{lesson.id}/compare",
        f"search_page_{SEARCHED}_lessons": "/search?q=hands+water",
    }
    figures = {name: page(client, url, repeat, summary, timings) for name, url in pages.items()}
    app.test_client_class = IsolatingClient  # a request context of its own, as a browser's
    signed_in = Web(app.test_client())
    signed_in.login(reader.email, PASSWORD)
    url = f"/reviews/requests/{request.id}/results"
    figures["review_results_page"] = page(signed_in.client, url, repeat, summary, timings)
    return figures
