"""A unit's activity: edits, comments, reviews, outcomes and adaptations of the unit and its
lessons, newest first, as far as each reader may see them."""

import pytest

from app.comments.services import add_comment
from app.documents import deletion, services
from app.documents.adaptation import adapt_document
from app.extensions import db
from tests.activity.scene import build_scene, page_text, sign_in
from tests.fixtures.documents import lesson_content
from tests.outcomes import LOGIN, MISSING, OK, ROLES, SHARING, assert_outcome, route_outcome
from tests.queries import queries_for


@pytest.fixture
def scene(factories, make_rubric):
    return build_scene(factories, make_rubric)


def activity(web, scene, teacher=None) -> str:
    sign_in(web, teacher)
    return page_text(web.client.get(f"/units/{scene.unit.id}/activity"))


def test_authors_see_every_kind_of_activity_newest_first(web, scene):
    text = activity(web, scene, scene.author)
    expected = [
        "Olli Ojala of Kemi adapted Food safety in catering for their class.",
        "Hand hygiene was peer-reviewed with Lesson plan quality by reviewers from Haparanda, "
        "Luleå.",
        "Reviewer 2 submitted a review of Hand hygiene.",
        "Reviewer 1 submitted a review of Hand hygiene.",
        "Eero Väisänen (Tornio) commented on Food safety in catering.",
        "Eero Väisänen (Tornio) changed Hand hygiene. Longer opening",
        "Aino Korhonen (Tornio) changed Food safety in catering. Added lesson: Hand hygiene",
        "Aino Korhonen (Tornio) created Hand hygiene.",
        "Aino Korhonen (Tornio) created Food safety in catering.",
    ]
    places = [text.find(sentence) for sentence in expected]
    assert -1 not in places, [s for s, p in zip(expected, places, strict=True) if p == -1]
    assert places == sorted(places)


def test_a_reviewer_anonymous_round_never_names_the_reviewers_to_the_authors(web, scene):
    text = activity(web, scene, scene.author)
    assert "Reviewer 1" in text
    assert scene.reviewer.name not in text
    assert scene.other_reviewer.name not in text


def test_an_open_round_names_its_reviewers(web, factories, make_rubric):
    scene = build_scene(factories, make_rubric, anonymity="open")
    text = activity(web, scene, scene.author)
    assert "Rasmus Granberg submitted a review of Hand hygiene." in text


@pytest.mark.parametrize("url", ["/units/{unit}/activity", "/activity"])
def test_a_double_blind_reviewer_reads_no_authors_name_or_municipality(
    web, factories, make_rubric, url
):
    scene = build_scene(factories, make_rubric, anonymity="double_blind")
    sign_in(web, scene.reviewer)
    text = page_text(web.client.get(url.format(unit=scene.unit.id)))
    assert "The authors changed Hand hygiene. Longer opening" in text
    for words in (scene.author.name, scene.coauthor.name, "Tornio"):
        assert words not in text


def test_readers_who_do_not_handle_the_reviews_see_only_the_passed_round(web, scene):
    text = activity(web, scene, scene.other_teacher)
    assert "was peer-reviewed with Lesson plan quality" in text
    assert "submitted a review" not in text
    assert "commented on" in text  # signed-in readers follow the discussion


def test_visitors_see_no_comments_and_no_reviews(web, scene):
    text = activity(web, scene)
    assert "changed Hand hygiene" in text
    assert "commented on" not in text
    assert "The allergen week" not in text
    assert "submitted a review" not in text


def test_edits_link_to_their_diff(web, scene):
    sign_in(web, scene.author)
    html = web.client.get(f"/units/{scene.unit.id}/activity").get_data(as_text=True)
    revision = scene.lesson.current_revision
    link = f"/documents/{scene.lesson.id}/compare?a={revision.parent_id}&amp;b={revision.id}"
    assert link in html
    assert web.client.get(link.replace("&amp;", "&")).status_code == 200


def test_a_private_copy_is_not_listed_to_those_who_cannot_read_it(web, scene):
    scene.copy.visibility, scene.copy.status = "private", "draft"
    db.session.commit()
    assert "adapted Food safety" not in activity(web, scene, scene.author)
    assert "adapted Food safety" in activity(web, scene, scene.adapter)


def test_the_unit_page_links_to_its_activity(web, scene):
    html = web.client.get(f"/units/{scene.unit.id}").get_data(as_text=True)
    assert f'href="/units/{scene.unit.id}/activity"' in html


def test_a_deleted_lesson_leaves_the_feed_and_a_deleted_unit_has_none(web, scene):
    deletion.delete_document(scene.lesson, author=scene.author)
    db.session.commit()
    text = activity(web, scene, scene.author)
    assert "changed Hand hygiene" not in text
    assert "Deleted lesson: Hand hygiene" in text
    deletion.delete_document(scene.unit, author=scene.author)
    db.session.commit()
    assert web.client.get(f"/units/{scene.unit.id}/activity").status_code == 410


NETWORK_ROLES = ["visitor", "teacher", "other_teacher", "coordinator", "other_coordinator", "admin"]
#: A private draft unit's activity: its author and admins read it; nobody else finds it.
PRIVATE = {
    "visitor": LOGIN,
    "teacher": OK,
    "other_teacher": MISSING,
    "coordinator": MISSING,
    "other_coordinator": MISSING,
    "admin": OK,
}


@pytest.mark.parametrize("role", NETWORK_ROLES)
def test_private_unit_activity_by_role(web, make_unit, make_teacher, make_municipality, role):
    tornio, kemi = make_municipality("Tornio"), make_municipality("Kemi")
    actors = {
        "visitor": None,
        "teacher": make_teacher(municipality=tornio),
        "other_teacher": make_teacher(municipality=kemi),
        "coordinator": make_teacher(municipality=tornio, coordinator=True),
        "other_coordinator": make_teacher(municipality=kemi, coordinator=True),
        "admin": make_teacher(admin=True),
    }
    unit = make_unit(owner=actors["teacher"])
    sign_in(web, actors[role])
    assert_outcome(web.client.get(f"/units/{unit.id}/activity"), PRIVATE[role])


@pytest.mark.parametrize("sharing", list(SHARING))
@pytest.mark.parametrize("role", ROLES)
def test_unit_activity_is_for_those_who_may_read_the_unit(
    web, make_shared_unit, role_actors, sharing, role
):
    unit = make_shared_unit(*sharing)
    sign_in(web, role_actors[role])
    response = web.client.get(f"/units/{unit.id}/activity")
    assert_outcome(response, route_outcome(role, "read", sharing))


def test_a_lesson_has_no_unit_activity_page(web, scene):
    assert web.client.get(f"/units/{scene.lesson.id}/activity").status_code == 404


@pytest.mark.parametrize(("page", "status"), [("abc", 200), ("0", 404), ("2", 404), ("-1", 404)])
def test_bad_page_numbers_are_not_errors(web, scene, page, status):
    response = web.client.get(f"/units/{scene.unit.id}/activity?page={page}")
    assert response.status_code == status


def test_huge_page_numbers_are_not_found(web, scene):
    response = web.client.get(f"/units/{scene.unit.id}/activity?page=99999999999999999999")
    assert response.status_code == 404


def test_queries_do_not_grow_with_the_activity(web, app, monkeypatch, factories, make_rubric):
    monkeypatch.setitem(app.config, "PAGE_SIZE", 500)
    small = build_scene(factories, make_rubric)
    large = build_scene(factories, make_rubric)
    for number in range(12):
        add_more(large, number)
    sign_in(web, small.author)
    few = queries_for(web.client, f"/units/{small.unit.id}/activity")
    sign_in(web, large.author)
    many = queries_for(web.client, f"/units/{large.unit.id}/activity")
    assert few == many


def add_more(scene, number: int) -> None:
    """Another edit (by either author), comment and adaptation of the scene's unit."""
    author = scene.coauthor if number % 2 else scene.author
    services.save_revision(
        scene.lesson, lesson_content(body=f"Version {number}"), author=author, summary=f"v{number}"
    )
    add_comment(scene.unit, author=author, body=f"Comment {number}")
    copy = adapt_document(scene.unit, adapter=scene.adapter)
    services.set_access(copy, visibility="public", status="published")
    db.session.commit()
