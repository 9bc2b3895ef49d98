"""The pages read most cost the same SQL however much there is on them: a unit's page with
more lessons and authors, a lesson's with more revisions and comments, a comparison of a
longer history, and a search page with more hits."""

from app.comments.services import add_comment
from app.documents import services
from app.extensions import db
from tests.fixtures.documents import lesson_content
from tests.fixtures.search import publish
from tests.queries import queries_for


def test_a_units_page_costs_the_same_for_two_lessons_and_eight(
    client, make_unit, make_lesson, make_teacher, make_municipality
):
    counts = []
    for lessons in (2, 8):
        editors = [
            make_teacher(municipality=make_municipality(f"Place {lessons}-{number}"))
            for number in range(lessons // 2)
        ]
        unit = make_unit(
            f"Unit of {lessons}",
            visibility="public",
            status="published",
            collaborators={"editor": editors},
        )
        for number in range(lessons):
            make_lesson(f"Lesson {number}", unit=unit)
        db.session.commit()
        counts.append(queries_for(client, f"/units/{unit.id}"))
    assert counts[0] == counts[1], counts


def test_a_lessons_page_and_its_comparison_cost_the_same_for_a_short_and_a_long_history(
    web, make_lesson, make_teacher
):
    reader = make_teacher()
    web.login(reader.email)
    counts = []
    for saves in (3, 12):
        lesson = make_lesson(f"Lesson of {saves}", visibility="network", status="published")
        owner = lesson.collaborators[0].teacher
        for number in range(saves):
            content = lesson_content(f"Lesson of {saves}", body=f"Step {number}.")
            services.save_revision(lesson, content, author=owner)
            add_comment(lesson, author=owner, body=f"Comment {number}.")
        db.session.commit()
        counts.append(
            [
                queries_for(web.client, f"/lessons/{lesson.id}"),
                queries_for(web.client, f"/documents/{lesson.id}/compare"),  # the last change
            ]
        )
    assert counts[0] == counts[1], counts


def test_the_search_page_costs_the_same_for_two_hits_and_twenty(client, make_lesson):
    counts = []
    for hits in (2, 20):
        for number in range(hits):
            publish(make_lesson, f"Wash {hits}-{number}", f"Soap and water{hits}.")
        client.get(f"/search?q=water{hits}")  # indexes the new lessons first
        counts.append(queries_for(client, f"/search?q=water{hits}"))
    assert counts[0] == counts[1], counts
