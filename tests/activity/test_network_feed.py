"""The network's activity: only what a visitor may read, the same for everyone."""

import pytest

from app.documents import services
from app.extensions import db
from tests.activity.scene import build_scene, page_text, sign_in
from tests.queries import queries_for


@pytest.fixture
def scene(factories, make_rubric):
    return build_scene(factories, make_rubric)


def test_public_edits_reviews_and_adaptations_are_listed_newest_first(web, scene):
    text = page_text(web.client.get("/activity"))
    expected = [
        "Olli Ojala of Kemi adapted Food safety in catering for their class.",
        "Hand hygiene was peer-reviewed with Lesson plan quality by reviewers from Haparanda, "
        "Luleå.",
        "Eero Väisänen (Tornio) changed Hand hygiene. Longer opening",
        "Aino Korhonen (Tornio) created Food safety in catering.",
    ]
    places = [text.find(sentence) for sentence in expected]
    assert -1 not in places, [s for s, p in zip(expected, places, strict=True) if p == -1]
    assert places == sorted(places)


def test_comments_and_single_reviews_are_never_in_the_network_feed(web, scene):
    sign_in(web, scene.author)
    text = page_text(web.client.get("/activity"))
    assert "commented on" not in text
    assert "submitted a review" not in text
    assert scene.reviewer.name not in text


@pytest.mark.parametrize("visibility", ["network", "private"])
def test_a_unit_not_shared_with_everyone_is_not_in_the_feed(
    web, factories, make_rubric, visibility
):
    scene = build_scene(factories, make_rubric, visibility=visibility)
    services.set_access(scene.copy, visibility="private", status="draft")
    db.session.commit()
    for teacher in (None, scene.author, scene.admin):
        sign_in(web, teacher)
        text = page_text(web.client.get("/activity"))
        assert "Food safety in catering" not in text
        assert "Hand hygiene" not in text
        assert "No public activity yet." in text


def test_a_draft_is_not_in_the_feed_even_if_public(web, scene):
    services.set_access(scene.unit, visibility="public", status="draft")
    db.session.commit()
    text = page_text(web.client.get("/activity"))
    assert "changed Hand hygiene" not in text
    assert "created Food safety in catering" not in text


def test_the_main_navigation_links_to_the_network_feed(web, scene):
    assert 'href="/activity"' in web.client.get("/").get_data(as_text=True)


@pytest.mark.parametrize(("page", "status"), [("abc", 200), ("0", 404), ("5", 404)])
def test_bad_page_numbers_are_not_errors(web, scene, page, status):
    assert web.client.get(f"/activity?page={page}").status_code == status


def test_an_empty_network_has_an_empty_feed(web, app):
    assert "No public activity yet." in page_text(web.client.get("/activity"))


def test_queries_do_not_grow_with_the_activity(web, app, monkeypatch, factories, make_rubric):
    monkeypatch.setitem(app.config, "PAGE_SIZE", 500)
    build_scene(factories, make_rubric)
    few = queries_for(web.client, "/activity")
    for _ in range(3):
        build_scene(factories, make_rubric)
    assert queries_for(web.client, "/activity") == few
