"""The "peer-reviewed" badge: on the page, in lists and search results, and when it is stale."""

from html import unescape

import pytest

from app.documents import services
from app.extensions import db
from app.reviews.badges import badges_for
from app.reviews.results import complete_if_done
from tests.fixtures.documents import lesson_content
from tests.queries import queries_for
from tests.reviews.rounds import review_round

PASSING, FAILING = [3, 3, 3], [0, 0, 0]


@pytest.fixture
def reviewers(make_teacher, make_municipality):
    return [
        make_teacher("Lena Luleå", municipality=make_municipality("Luleå", slug="lulea")),
        make_teacher("Kalle Kemi", municipality=make_municipality("Kemi", slug="kemi")),
    ]


@pytest.fixture
def review(reviewers, make_rubric):
    """``review(document, levels=PASSING)``: a completed round by both reviewers."""
    rubric = make_rubric("Lesson plan quality")

    def close(document, levels=PASSING):
        owner = document.access_root.collaborators[0].teacher
        request = review_round(
            document, rubric, dict.fromkeys(reviewers, levels), requested_by=owner
        )
        outcome = complete_if_done(request)
        db.session.commit()
        return outcome

    return close


def page(client, document) -> str:
    response = client.get(f"/{document.kind}s/{document.id}")
    assert response.status_code == 200
    return unescape(response.get_data(as_text=True))


def test_a_passed_round_puts_the_badge_on_the_page(client, public_lesson, review):
    lesson = public_lesson("Hand hygiene", "Wash, rinse, dry.")
    outcome = review(lesson)
    text = page(client, lesson)
    assert '<span class="badge badge--reviewed">Peer-reviewed</span>' in text
    assert "Reviewed with Lesson plan quality, version 1, on " in text
    assert "by reviewers from Kemi, Luleå." in text
    assert "Lena Luleå" not in text
    assert "Kalle Kemi" not in text
    revision = f"/documents/{lesson.id}/revisions/{outcome.revision_id}"
    assert f'It applies to <a href="{revision}">revision 2</a>, the current version.' in text


def test_a_round_that_did_not_pass_gives_no_badge(client, public_lesson, review):
    lesson = public_lesson("Hand hygiene", "Wash, rinse, dry.")
    review(lesson, FAILING)
    assert "Peer-reviewed" not in page(client, lesson)


def test_after_an_edit_the_badge_says_it_reviewed_an_earlier_version(client, public_lesson, review):
    lesson = public_lesson("Hand hygiene", "Wash, rinse, dry.")
    reviewed = review(lesson).revision_id
    owner = lesson.collaborators[0].teacher
    services.save_revision(lesson, lesson_content("Hand hygiene", body="Dry."), author=owner)
    db.session.commit()
    text = page(client, lesson)
    assert "(reviewed an earlier version)" in text
    assert f'<a href="/documents/{lesson.id}/revisions/{reviewed}">revision 2</a>' in text
    changes = f"/documents/{lesson.id}/compare?a={reviewed}&b={lesson.current_revision_id}"
    assert f'<a href="{changes}">see what changed</a>' in text
    assert client.get(changes).status_code == 200


@pytest.fixture
def reviewed_twice(public_lesson, review):
    lesson = public_lesson("Hand hygiene", "Wash, rinse, dry.")
    first = review(lesson)
    owner = lesson.collaborators[0].teacher
    services.save_revision(lesson, lesson_content("Hand hygiene", body="Dry."), author=owner)
    db.session.commit()
    review(lesson, FAILING)
    return lesson, first


def test_a_later_round_that_did_not_pass_leaves_the_earlier_badge(reviewed_twice):
    lesson, first = reviewed_twice
    badge = badges_for([lesson])[lesson.id]
    assert badge.revision_id == first.revision_id
    assert not badge.is_current


def test_the_mark_shows_in_the_library(client, public_lesson, review):
    review(public_lesson("Hand hygiene", "Wash."))
    public_lesson("Knife skills", "Cut.")
    text = unescape(client.get("/library?scope=public").get_data(as_text=True))
    assert text.count("Peer-reviewed") == 1
    assert "Lesson plan quality, version 1" in text


def test_the_mark_shows_in_the_units_lesson_list(
    client, make_unit, make_lesson, make_teacher, review
):
    unit = make_unit(owner=make_teacher(), visibility="public", status="published")
    reviewed = make_lesson("Hand hygiene", unit=unit)
    make_lesson("Knife skills", unit=unit)
    review(reviewed)
    text = page(client, unit)
    lessons = text[text.index('id="lessons-title"') :]
    assert lessons.count("Peer-reviewed") == 1
    assert lessons.index("Hand hygiene") < lessons.index("Peer-reviewed")
    assert lessons.index("Peer-reviewed") < lessons.index("Knife skills")


@pytest.mark.search
def test_the_mark_shows_in_search_results(client, public_lesson, review):
    review(public_lesson("Hand hygiene", "Soap."))
    public_lesson("Soap making", "Soap.")
    text = unescape(client.get("/search?q=soap").get_data(as_text=True))
    results = text[text.index('class="result-list"') :]
    assert results.count("Peer-reviewed") == 1
    assert "Lesson plan quality, version 1" in results


@pytest.mark.search
def test_a_stale_mark_in_a_list_links_to_the_changes(client, public_lesson, review):
    lesson = public_lesson("Hand hygiene", "Wash.")
    reviewed = review(lesson).revision_id
    owner = lesson.collaborators[0].teacher
    services.save_revision(lesson, lesson_content("Hand hygiene", body="Dry."), author=owner)
    db.session.commit()
    text = unescape(client.get("/search?q=hygiene").get_data(as_text=True))
    changes = f"/documents/{lesson.id}/compare?a={reviewed}&b={lesson.current_revision_id}"
    assert f'<a href="{changes}">reviewed an earlier version</a>' in text


def test_badges_cost_the_same_queries_for_few_and_many_documents(client, public_lesson, review):
    for number in range(2):
        review(public_lesson(f"Lesson {number}", "Wash."))
    few = queries_for(client, "/library?scope=public")
    for number in range(2, 8):
        review(public_lesson(f"Lesson {number}", "Wash."))
    many = queries_for(client, "/library?scope=public")
    assert (
        unescape(client.get("/library?scope=public").get_data(as_text=True)).count("Peer-reviewed")
        == 8
    )
    assert many == few
