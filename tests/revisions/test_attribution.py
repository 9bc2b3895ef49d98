"""Who wrote this: each paragraph credited to the save that last changed it; contributors."""

import re

import pytest
from flask import current_app
from hypothesis import given
from hypothesis import strategies as st

from app.db import utcnow
from app.documents import services
from app.extensions import db
from app.revisions.attribution import attribute, attribution, contributors
from tests.fixtures.network import PASSWORD
from tests.outcomes import ROLES, SHARING, assert_outcome, route_outcome
from tests.queries import queries_for


def credits(versions: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(p.text.rstrip(), p.credit) for p in attribute(versions)]


# Pure logic: paragraphs of versions, oldest first, credited to a name.


def test_unchanged_paragraphs_keep_their_writer_and_a_changed_one_takes_the_editor():
    first = "## Opening\n\nShow the glitter test.\n\nWash for twenty seconds."
    second = first.replace("twenty", "thirty")
    assert credits([(first, "aino"), (second, "erik")]) == [
        ("## Opening", "aino"),
        ("Show the glitter test.", "aino"),
        ("Wash for thirty seconds.", "erik"),
    ]


def test_a_paragraph_changed_back_is_credited_to_whoever_changed_it_back():
    first = "Intro.\n\nWash for twenty seconds."
    edited = "Intro.\n\nWash for thirty seconds."
    assert credits([(first, "aino"), (edited, "erik"), (first, "mari")]) == [
        ("Intro.", "aino"),
        ("Wash for twenty seconds.", "mari"),
    ]


def test_inserted_paragraphs_belong_to_their_writer_and_deletions_leave_the_rest_alone():
    first = "One.\n\nTwo.\n\nThree."
    inserted = "Zero.\n\nOne.\n\nTwo.\n\nTwo and a half.\n\nThree."
    deleted = "Zero.\n\nOne.\n\nTwo and a half."
    assert credits([(first, "aino"), (inserted, "erik"), (deleted, "mari")]) == [
        ("Zero.", "erik"),
        ("One.", "aino"),
        ("Two and a half.", "erik"),
    ]


def test_a_paragraph_appended_after_the_last_one_does_not_change_the_last_ones_credit():
    assert credits([("One.", "aino"), ("One.\n\nTwo.", "erik")]) == [
        ("One.", "aino"),
        ("Two.", "erik"),
    ]


def test_a_paragraph_repeated_many_times_keeps_its_writer():
    blanks = "\n\n".join(["Answer: ______"] * 250)  # a worksheet of answer lines
    first, second = f"Questions.\n\n{blanks}", f"Questions for pairs.\n\n{blanks}"
    attributed = credits([(first, "aino"), (second, "erik")])
    assert [credit for _, credit in attributed] == ["erik"] + ["aino"] * 250


def test_a_section_emptied_has_no_paragraphs():
    assert credits([("Something.", "aino"), ("", "erik")]) == []


TEXTS = st.lists(
    st.sampled_from(["Wash.", "Rinse.", "## Phase", "- soap", "Dry.", "käsi"]), max_size=12
).map("\n\n".join) | st.text(max_size=100)


@given(st.lists(TEXTS, min_size=1, max_size=5))
def test_the_attributed_paragraphs_are_exactly_the_latest_text(texts):
    attributed = attribute((text, number) for number, text in enumerate(texts))
    assert "".join(p.text for p in attributed) == texts[-1]
    assert all(0 <= p.credit < len(texts) for p in attributed)


# With the database: teachers of different municipalities editing a lesson.


@pytest.fixture
def writers(make_teacher, make_municipality):
    return {
        name: make_teacher(name.title(), municipality=make_municipality(town))
        for name, town in [("aino", "Lappeenranta"), ("erik", "Vaasa"), ("mari", "Kotka")]
    }


def edit(document, author, *, body: str | None = None, **fields):
    content = services.current_content(document)
    content = services.Content(
        content.title,
        {**content.fields, **fields},
        content.body if body is None else body,
    )
    revision = services.save_revision(document, content, author=author)
    db.session.commit()
    return revision


@pytest.fixture
def lesson(make_lesson, writers):
    lesson = make_lesson(
        "Hand hygiene", owner=writers["aino"], visibility="public", status="published"
    )
    edit(lesson, writers["aino"], body="## Opening\n\nShow the glitter test.", materials="Soap.")
    return lesson


def sections_of(document):
    """The attribution, in a request (section labels are in the reader's language)."""
    with current_app.test_request_context():
        return attribution(document)


def by_section(document) -> dict[str, list[tuple[str, str]]]:
    return {
        section.name: [(p.text.rstrip(), p.credit.revision.author.name) for p in section.paragraphs]
        for section in sections_of(document)
    }


def test_each_paragraph_and_section_names_the_teacher_who_last_changed_it(lesson, writers):
    edit(lesson, writers["erik"], body="## Opening\n\nShow the glitter test.\n\nWash hands.")
    edit(lesson, writers["mari"], materials="Soap.\n\nPaper towels.")
    edit(lesson, writers["erik"], body="## Opening (10 min)\n\nShow the glitter test.")
    assert by_section(lesson) == {
        "objectives": [("- Students can wash their hands properly", "Aino")],
        "materials": [("Soap.", "Aino"), ("Paper towels.", "Mari")],
        "body": [("## Opening (10 min)", "Erik"), ("Show the glitter test.", "Aino")],
    }


def test_paragraphs_carry_their_revisions_number_in_the_history(lesson, writers):
    second = lesson.current_revision
    third = edit(lesson, writers["erik"], body="## Opening\n\nShow the UV lamp.")
    body = next(s for s in sections_of(lesson) if s.name == "body")
    assert [(p.credit.number, p.credit.revision.id) for p in body.paragraphs] == [
        (2, second.id),
        (3, third.id),
    ]


def test_the_page_shows_each_paragraph_beside_its_revision_author_and_municipality(
    web, lesson, writers
):
    third = edit(lesson, writers["erik"], body="## Opening\n\nShow the UV lamp.")
    html = web.client.get(f"/documents/{lesson.id}/attribution").get_data(as_text=True)
    row = re.search(r"<tr>\s*<td[^>]*>Show the UV lamp\.</td>(.*?)</tr>", html, re.S)
    assert row is not None
    assert f"/documents/{lesson.id}/revisions/{third.id}" in row[1]
    assert "Revision 3" in row[1]
    assert "Erik" in row[1]
    assert "Vaasa" in row[1]
    assert "Materials" in html


def test_markdown_is_shown_as_written_and_escaped(web, lesson, writers):
    edit(lesson, writers["erik"], body="<script>alert(1)</script>\n\n**Bold** move")
    html = web.client.get(f"/documents/{lesson.id}/attribution").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert "**Bold** move" in html


def test_contributors_are_counted_most_revisions_first_with_municipalities(lesson, writers):
    second = lesson.current_revision
    first = second.parent
    edit(lesson, writers["mari"], materials="Soap and water.")
    edit(lesson, writers["mari"], materials="Soap, water.")
    edit(lesson, writers["erik"], materials="Soap, water, towels.")
    rows = [
        (c.teacher.name, c.teacher.school.municipality.name, c.revisions)
        for c in contributors(lesson)
    ]
    assert rows == [("Aino", "Lappeenranta", 2), ("Mari", "Kotka", 2), ("Erik", "Vaasa", 1)]
    aino = contributors(lesson)[0]
    assert (aino.first, aino.last) == (first.created_at, second.created_at)


def test_a_units_contributors_include_those_who_wrote_its_lessons(make_unit, make_lesson, writers):
    unit = make_unit(owner=writers["aino"], collaborators={"editor": [writers["erik"]]})
    lesson = make_lesson("Allergens", unit=unit)
    edit(lesson, writers["erik"], body="The fourteen allergens.")
    assert [(c.teacher.name, c.revisions) for c in contributors(unit)] == [
        ("Aino", 3),  # the unit, the lesson, and the unit's lesson list
        ("Erik", 1),
    ]
    assert [(c.teacher.name, c.revisions) for c in contributors(lesson)] == [
        ("Aino", 1),
        ("Erik", 1),
    ]


def test_a_deleted_lessons_writers_are_no_longer_the_units_contributors(
    make_unit, make_lesson, writers
):
    unit = make_unit(owner=writers["aino"], collaborators={"editor": [writers["erik"]]})
    lesson = make_lesson("Allergens", unit=unit)
    edit(lesson, writers["erik"], body="The fourteen allergens.")
    lesson.deleted_at, lesson.deleted_by = utcnow(), writers["aino"]
    db.session.commit()
    assert [(c.teacher.name, c.revisions) for c in contributors(unit)] == [("Aino", 2)]


def test_document_pages_list_contributors_and_link_to_who_wrote_what(web, lesson, writers):
    edit(lesson, writers["erik"], body="Changed.")
    html = web.client.get(f"/lessons/{lesson.id}").get_data(as_text=True)
    section = html[html.index('id="contributors-title"') :]
    assert re.search(r"Aino\s*\u2013 Lappeenranta\s*<span class=\"muted\">· 2 revisions<", section)
    assert re.search(r"Erik\s*\u2013 Vaasa\s*<span class=\"muted\">· 1 revision<", section)
    assert f'href="/documents/{lesson.id}/attribution"' in section


def test_the_history_links_to_who_wrote_what(web, lesson):
    html = web.client.get(f"/documents/{lesson.id}/history").get_data(as_text=True)
    assert f'href="/documents/{lesson.id}/attribution">Who wrote what<' in html


# Who may see it: exactly those who may read the document.


@pytest.mark.parametrize("sharing", list(SHARING), ids=lambda s: "-".join(s))
@pytest.mark.parametrize("target", ["unit", "lesson"])
@pytest.mark.parametrize("role", ROLES)
def test_who_wrote_this_is_readable_by_exactly_the_documents_readers(
    web, make_shared_unit, make_lesson, role_actors, sharing, target, role
):
    unit = make_shared_unit(*sharing)
    document = unit if target == "unit" else make_lesson("Allergens", unit=unit)
    if role != "visitor":
        web.login(role_actors[role].email, PASSWORD)
    response = web.client.get(f"/documents/{document.id}/attribution")
    assert_outcome(response, route_outcome(role, "read", sharing))


def test_an_unknown_document_is_not_found(web):
    assert web.client.get("/documents/999999/attribution").status_code == 404


# Speed: the page reads all revisions at once, never one query per revision.


def test_the_page_does_not_query_per_revision_or_author(web, make_lesson, make_teacher):
    counts = []
    for revisions in (4, 40):
        lesson = make_lesson(f"Lesson of {revisions}", visibility="public", status="published")
        for number in range(revisions - 1):  # each save adds a paragraph, by another teacher
            body = "\n\n".join(f"Paragraph {n}." for n in range(number + 1))
            edit(lesson, make_teacher(), body=body)
        counts.append(queries_for(web.client, f"/documents/{lesson.id}/attribution"))
    assert counts[0] == counts[1], counts
