"""Comparing two revisions of a document: the page, its addresses and who may see it."""

import html

import pytest

from app.documents import services
from app.documents.models import Collaborator
from app.extensions import db
from tests.fixtures.documents import lesson_content, unit_content
from tests.fixtures.network import PASSWORD
from tests.outcomes import ROLES, SHARING, assert_outcome, route_outcome

BODY = "## Opening (10 min)\n\nShow the glitter test.\n\nWash hands for twenty seconds."


@pytest.fixture
def edited_lesson(make_lesson, make_teacher):
    """``edited_lesson(body=..., owner=..., **fields)``: a lesson saved twice, then changed."""

    def make(
        body: str = BODY.replace("glitter", "sparkle"), visibility="private", owner=None, **fields
    ):
        owner = owner or make_teacher()
        lesson = make_lesson(owner=owner, visibility=visibility, status="draft")
        first = services.save_revision(lesson, lesson_content(body=BODY), author=owner)
        second = services.save_revision(lesson, lesson_content(body=body, **fields), author=owner)
        db.session.commit()
        return lesson, owner, first, second

    return make


def compare_page(web, document_id: int, query: str = "") -> tuple[int, str]:
    response = web.client.get(f"/documents/{document_id}/compare{query}")
    return response.status_code, response.get_data(as_text=True)


def test_the_changed_word_is_marked_removed_and_added(web, edited_lesson):
    lesson, owner, first, second = edited_lesson()
    web.login(owner.email, PASSWORD)
    status, page = compare_page(web, lesson.id, f"?a={first.id}&b={second.id}")
    assert status == 200
    assert '<del><span class="visually-hidden">removed: </span>glitter </del>' in page
    assert '<ins><span class="visually-hidden">added: </span>sparkle </ins>' in page
    assert "Changed paragraph" in page


def test_without_revisions_in_the_address_the_latest_change_is_shown(web, edited_lesson):
    lesson, owner, _first, _second = edited_lesson()
    web.login(owner.email, PASSWORD)
    status, page = compare_page(web, lesson.id)
    assert status == 200
    assert "sparkle" in page


def test_a_changed_structured_field_is_listed_in_the_table(web, edited_lesson):
    lesson, owner, first, second = edited_lesson(body=BODY, duration=45)
    web.login(owner.email, PASSWORD)
    _status, page = compare_page(web, lesson.id, f"?a={first.id}&b={second.id}")
    assert '<tr><th scope="row">Duration (minutes)</th><td>90</td><td>45</td></tr>' in page


def test_text_is_escaped(web, edited_lesson):
    lesson, owner, first, second = edited_lesson(body=BODY + " <script>alert(1)</script>")
    web.login(owner.email, PASSWORD)
    _status, page = compare_page(web, lesson.id, f"?a={first.id}&b={second.id}")
    assert "<script>alert(1)" not in page
    assert html.escape("<script>", quote=False) in page


def test_previous_and_next_changes_are_linked(web, edited_lesson):
    lesson, owner, first, second = edited_lesson()
    third = services.save_revision(lesson, lesson_content(body="Rewritten."), author=owner)
    db.session.commit()
    web.login(owner.email, PASSWORD)
    _status, page = compare_page(web, lesson.id, f"?a={first.id}&b={second.id}")
    assert f"compare?a={second.id}&amp;b={third.id}" in page
    assert "Next change" in page
    _status, page = compare_page(web, lesson.id)
    assert f"compare?a={first.id}&amp;b={second.id}" in page
    assert "Previous change" in page


def test_a_revision_of_another_document_is_not_found(web, edited_lesson):
    lesson, owner, first, _second = edited_lesson()
    _other, _other_owner, other_first, _ = edited_lesson()
    web.login(owner.email, PASSWORD)
    assert compare_page(web, lesson.id, f"?a={other_first.id}&b={first.id}")[0] == 404
    assert compare_page(web, lesson.id, f"?a={first.id}&b={other_first.id}")[0] == 404
    assert compare_page(web, lesson.id, "?a=999999&b=1")[0] == 404


@pytest.mark.parametrize(
    "query",
    ["?a=abc", "?a=1&b=x2", "?b=-1", "?a=1.5", "?a=٣", "?a=²", "?a=" + "9" * 10, "?a=" + "9" * 30],
)
def test_garbled_revision_ids_are_a_bad_request(web, edited_lesson, query):
    lesson, owner, _first, _second = edited_lesson()
    web.login(owner.email, PASSWORD)
    status, page = compare_page(web, lesson.id, query)
    assert status == 400
    assert "a and b must be revision numbers" in page


@pytest.mark.parametrize("sharing", list(SHARING), ids=lambda s: "-".join(s))
@pytest.mark.parametrize("role", ROLES)
def test_readable_exactly_by_those_who_may_read_the_document(
    web, edited_lesson, role_actors, role, sharing
):
    lesson, _owner, _first, _second = edited_lesson(owner=role_actors["owner"])
    services.set_access(lesson, visibility=sharing[0], status=sharing[1])
    for name in ("editor", "commenter", "viewer"):
        lesson.collaborators.append(Collaborator(teacher=role_actors[name], role=name))
    db.session.commit()
    if role_actors[role] is not None:
        web.login(role_actors[role].email, PASSWORD)
    response = web.client.get(f"/documents/{lesson.id}/compare")
    assert_outcome(response, route_outcome(role, "read", sharing))


UPSTREAM = "What changed in the source since you adapted it"


def test_an_adapted_copy_links_to_the_source_changes_only_once_it_changed(
    web, make_lesson, make_teacher
):
    owner = make_teacher()
    source = make_lesson(owner=owner, visibility="public", status="published")
    adapted_at = source.current_revision_id
    web.login(make_teacher().email, PASSWORD)
    copy_url = web.post(f"/documents/{source.id}/adapt").headers["Location"]
    assert UPSTREAM not in web.client.get(copy_url).get_data(as_text=True)

    services.save_revision(source, lesson_content(body="A new opening."), author=owner)
    db.session.commit()
    page = web.client.get(copy_url).get_data(as_text=True)
    link = f"/documents/{source.id}/compare?a={adapted_at}&amp;b={source.current_revision_id}"
    assert UPSTREAM in page
    assert link in page
    status, diff = compare_page(web, source.id, html.unescape(link).split("compare")[1])
    assert status == 200
    assert "A new opening." in diff


def test_no_upstream_link_when_the_source_is_no_longer_readable(web, make_lesson, make_teacher):
    owner = make_teacher()
    source = make_lesson(owner=owner, visibility="public", status="published")
    web.login(make_teacher().email, PASSWORD)
    copy_url = web.post(f"/documents/{source.id}/adapt").headers["Location"]
    services.save_revision(source, lesson_content(body="A new opening."), author=owner)
    services.set_access(source, visibility="private", status="draft")
    db.session.commit()
    page = web.client.get(copy_url).get_data(as_text=True)
    assert "The source has changed" in page
    assert UPSTREAM not in page


def test_a_first_revision_compares_with_itself(web, make_lesson, make_teacher):
    owner = make_teacher()
    lesson = make_lesson(owner=owner)
    web.login(owner.email, PASSWORD)
    status, page = compare_page(web, lesson.id)
    assert status == 200
    assert "These two revisions have the same content." in page
    assert "Previous change" not in page


def test_a_changed_unit_section_gets_its_own_diff(web, make_unit):
    unit = make_unit()
    owner = unit.collaborators[0].teacher
    before = unit.current_revision_id
    services.save_revision(
        unit, unit_content(big_idea="Safe food is *everybody's* job."), author=owner
    )
    db.session.commit()
    web.login(owner.email, PASSWORD)
    _status, page = compare_page(web, unit.id, f"?a={before}")
    assert '<h2 id="diff-big_idea">Big idea</h2>' in page
    assert "everybody" in page
    assert 'id="diff-body"' not in page
