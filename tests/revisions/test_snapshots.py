"""Unit snapshots: taking one, reading one, comparing two, and who may do what."""

import re

import pytest
from sqlalchemy import func, select

from app.documents import services
from app.extensions import db
from app.revisions.models import SnapshotIsImmutable, SnapshotLesson, UnitSnapshot
from app.revisions.snapshots import (
    ADDED,
    CHANGED,
    MOVED,
    REMOVED,
    UNCHANGED,
    UnchangedSinceSnapshot,
    compare_snapshots,
    moved_lessons,
    take_snapshot,
)
from tests.fixtures.documents import lesson_content, unit_content
from tests.fixtures.network import PASSWORD
from tests.outcomes import DONE, ROLES, SHARING, assert_outcome, route_outcome


def owner_of(unit):
    return unit.collaborators[0].teacher


def edit(document, body: str, **fields):
    content = services.current_content(document)
    content = services.Content(content.title, {**content.fields, **fields}, body)
    revision = services.save_revision(document, content, author=owner_of(document.access_root))
    db.session.commit()
    return revision


def snapshot(unit, label: str = "") -> UnitSnapshot:
    taken = take_snapshot(unit, author=owner_of(unit), label=label)
    db.session.commit()
    return taken


def snapshot_count() -> int:
    return db.session.scalar(select(func.count(UnitSnapshot.id)))


@pytest.fixture
def unit(make_unit):
    return make_unit("Food safety", visibility="public", status="published")


@pytest.fixture
def lessons(unit, make_lesson):
    return [make_lesson(title, unit=unit) for title in ("Hygiene", "Allergens", "Temperatures")]


def statuses(comparison) -> dict[str, tuple[str, ...]]:
    return {change.title: change.statuses for change in comparison.lessons}


# Taking a snapshot


def test_a_snapshot_names_the_exact_revisions_even_after_later_edits(unit, lessons):
    unit_revision = unit.current_revision_id
    lesson_revisions = [lesson.current_revision_id for lesson in lessons]
    taken = snapshot(unit, "As taught in autumn")
    edit(lessons[0], "Entirely new activities")
    edit(unit, "A new overview")
    db.session.expire_all()
    kept = db.session.get(UnitSnapshot, taken.id)
    assert kept.unit_revision_id == unit_revision != unit.current_revision_id
    assert [(item.position, item.lesson_id, item.revision_id) for item in kept.lessons] == [
        (1, lessons[0].id, lesson_revisions[0]),
        (2, lessons[1].id, lesson_revisions[1]),
        (3, lessons[2].id, lesson_revisions[2]),
    ]
    assert kept.lessons[0].revision.body == "## Opening (10 min)\n\nShow the glitter test."
    assert kept.label == "As taught in autumn"


def test_a_snapshot_records_the_lessons_in_their_current_order(unit, lessons):
    services.move_lesson(unit, lessons[2], -1, author=owner_of(unit))
    db.session.commit()
    taken = snapshot(unit)
    assert [item.lesson_id for item in taken.lessons] == [
        lessons[0].id,
        lessons[2].id,
        lessons[1].id,
    ]


def test_a_snapshot_with_nothing_changed_since_the_last_is_not_taken(unit, lessons):
    first = snapshot(unit)
    with pytest.raises(UnchangedSinceSnapshot) as refusal:
        take_snapshot(unit, author=owner_of(unit), label="Another name")
    db.session.rollback()
    assert refusal.value.snapshot.id == first.id
    assert snapshot_count() == 1


def test_a_snapshot_after_a_lesson_changed_is_taken(unit, lessons):
    snapshot(unit)
    edit(lessons[1], "A new allergen table")
    second = snapshot(unit)
    assert second.lessons[1].revision_id == lessons[1].current_revision_id
    assert snapshot_count() == 2


# Snapshots never change


def test_changing_a_snapshots_label_is_refused(unit, lessons):
    taken = snapshot(unit, "Autumn")
    taken.label = "Spring"
    with pytest.raises(SnapshotIsImmutable):
        db.session.flush()
    db.session.rollback()


def test_pointing_a_snapshot_lesson_at_another_revision_is_refused(unit, lessons):
    taken = snapshot(unit)
    newer = edit(lessons[0], "Changed")
    taken.lessons[0].revision_id = newer.id
    with pytest.raises(SnapshotIsImmutable):
        db.session.flush()
    db.session.rollback()


@pytest.mark.parametrize("which", ["snapshot", "lesson"])
def test_deleting_a_snapshot_or_one_of_its_lessons_is_refused(unit, lessons, which):
    taken = snapshot(unit)
    db.session.delete(taken if which == "snapshot" else taken.lessons[0])
    with pytest.raises(SnapshotIsImmutable):
        db.session.flush()
    db.session.rollback()


def test_adding_a_lesson_to_a_taken_snapshot_is_refused(unit, lessons, make_lesson):
    taken = snapshot(unit)
    extra = make_lesson("Extra", unit=unit)
    db.session.add(
        SnapshotLesson(
            snapshot=taken, position=9, lesson_id=extra.id, revision_id=extra.current_revision_id
        )
    )
    with pytest.raises(SnapshotIsImmutable):
        db.session.flush()
    db.session.rollback()


# Comparing two snapshots


def test_comparing_reports_added_removed_moved_and_changed_lessons(unit, lessons, make_lesson):
    hygiene, allergens, temperatures = lessons
    before = snapshot(unit)
    owner = owner_of(unit)
    services.detach_lesson(unit, hygiene, author=owner)
    services.move_lesson(unit, temperatures, -1, author=owner)
    db.session.commit()
    edit(allergens, "## Opening (10 min)\n\nShow the test to every group.")
    make_lesson("Cleaning", unit=unit)
    after = snapshot(unit)
    comparison = compare_snapshots(before, after)
    assert statuses(comparison) == {
        "Temperatures": (MOVED,),
        "Allergens": (CHANGED,),
        "Cleaning": (ADDED,),
        "Hygiene": (REMOVED,),
    }
    changed = next(c for c in comparison.lessons if c.title == "Allergens")
    assert (changed.words_added, changed.words_removed) == (3, 1)  # +to every group, -glitter
    assert (changed.old.position, changed.new.position) == (2, 2)


def test_lessons_shifted_by_a_removal_are_not_reported_as_moved(unit, lessons):
    before = snapshot(unit)
    services.detach_lesson(unit, lessons[0], author=owner_of(unit))
    db.session.commit()
    after = snapshot(unit)
    assert statuses(compare_snapshots(before, after)) == {
        "Allergens": (UNCHANGED,),
        "Temperatures": (UNCHANGED,),
        "Hygiene": (REMOVED,),
    }


def test_a_lesson_that_moved_and_changed_reports_both(unit, lessons):
    before = snapshot(unit)
    for _step in range(2):
        services.move_lesson(unit, lessons[0], 1, author=owner_of(unit))
    db.session.commit()
    edit(lessons[0], "Rewritten")
    after = snapshot(unit)
    assert statuses(compare_snapshots(before, after))["Hygiene"] == (MOVED, CHANGED)


def test_a_lesson_changed_and_restored_in_between_is_unchanged(unit, lessons):
    before = snapshot(unit)
    original = services.current_content(lessons[0])
    edit(lessons[0], "Something else")
    snapshot(unit)
    services.save_revision(lessons[0], original, author=owner_of(unit), source="restore")
    db.session.commit()
    after = snapshot(unit)
    comparison = compare_snapshots(before, after)
    assert statuses(comparison)["Hygiene"] == (UNCHANGED,)
    assert after.lessons[0].revision_id != before.lessons[0].revision_id


def test_comparing_reports_the_units_own_changes(app, unit, lessons):
    before = snapshot(unit)
    content = unit_content("Food safety for everyone", big_idea="Safe food is a shared job.")
    services.save_revision(unit, content, author=owner_of(unit))
    db.session.commit()
    after = snapshot(unit)
    with app.test_request_context():  # the labels are in the reader's language
        comparison = compare_snapshots(before, after)
        assert comparison.unit_changed_labels == ["Title", "Big idea"]
    assert comparison.unit_words_added > 0
    assert set(statuses(comparison).values()) == {(UNCHANGED,)}


def test_a_new_lesson_order_alone_is_not_a_change_to_the_units_text(unit, lessons):
    before = snapshot(unit)
    services.move_lesson(unit, lessons[0], 1, author=owner_of(unit))
    db.session.commit()
    after = snapshot(unit)
    assert before.unit_revision_id != after.unit_revision_id
    assert compare_snapshots(before, after).unit_changed_labels == []


@pytest.mark.parametrize(
    ("old", "new", "moved"),
    [
        ([1, 2, 3], [1, 2, 3], set()),
        ([1, 2, 3], [3, 1, 2], {3}),
        ([1, 2, 3, 4], [2, 3, 4], set()),
        ([1, 2, 3], [5, 1, 2, 3], set()),
        ([1, 2, 3], [2, 3, 1], {1}),
    ],
)
def test_only_lessons_whose_order_among_the_shared_ones_changed_have_moved(old, new, moved):
    assert moved_lessons(old, new) == moved


# The pages


def test_an_editor_takes_a_snapshot_and_sees_it_listed(web, make_unit, make_lesson, make_teacher):
    editor = make_teacher("Eeva Editor")
    unit = make_unit(collaborators={"editor": [editor]})
    make_lesson("Hygiene", unit=unit)
    make_lesson("Allergens", unit=unit)
    web.login(editor.email, PASSWORD)
    response = web.post(
        f"/units/{unit.id}/snapshots", {"label": "As taught in autumn"}, follow_redirects=True
    )
    html = response.get_data(as_text=True)
    assert "Snapshot 1 taken." in html
    assert "As taught in autumn" in html
    assert "Eeva Editor" in html
    assert "2 lessons" in html
    taken = db.session.scalars(select(UnitSnapshot)).one()
    assert taken.created_by_id == editor.id


def test_taking_an_unchanged_snapshot_again_names_the_earlier_one(web, unit, lessons):
    snapshot(unit)
    edit(lessons[0], "Changed")
    snapshot(unit)
    web.login(owner_of(unit).email, PASSWORD)
    response = web.post(f"/units/{unit.id}/snapshots", {"label": "x"}, follow_redirects=True)
    assert "Nothing has changed since snapshot 2" in response.get_data(as_text=True)
    assert snapshot_count() == 2


def test_a_too_long_label_is_refused_and_kept_in_the_form(web, unit, lessons):
    web.login(owner_of(unit).email, PASSWORD)
    label = "Autumn " * 40
    response = web.post(f"/units/{unit.id}/snapshots", {"label": label})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "At most 200 characters" in html
    assert f'value="{label.strip()}"' in html
    assert snapshot_count() == 0


def snapshot_page_links(html: str) -> list[tuple[int, int]]:
    return [(int(d), int(r)) for d, r in re.findall(r"/documents/(\d+)/revisions/(\d+)\"", html)]


def test_a_snapshot_page_links_each_lesson_to_its_exact_revision(web, unit, lessons):
    taken = snapshot(unit)
    old = [(lesson.id, lesson.current_revision_id) for lesson in lessons]
    edit(lessons[0], "Entirely new activities")
    html = web.client.get(f"/units/{unit.id}/snapshots/{taken.id}").get_data(as_text=True)
    assert snapshot_page_links(html) == [(unit.id, taken.unit_revision_id), *old]
    assert html.index("Hygiene") < html.index("Allergens") < html.index("Temperatures")
    assert "changed since" in html


def test_the_comparison_page_names_each_lessons_status_and_links_exact_revisions(
    web, unit, lessons, make_lesson
):
    before = snapshot(unit)
    old_revision = lessons[1].current_revision_id
    new_revision = edit(lessons[1], "New allergen activities").id
    make_lesson("Cleaning", unit=unit)
    after = snapshot(unit)
    html = web.client.get(
        f"/units/{unit.id}/snapshots/compare?a={before.id}&b={after.id}"
    ).get_data(as_text=True)
    rows = dict(re.findall(r'<th scope="row">([^<]+)</th>(.*?)</tr>', html, re.S))
    assert ">Changed<" in rows["Allergens"]
    assert ">Added<" in rows["Cleaning"]
    assert ">Unchanged<" in rows["Hygiene"]
    assert f"/documents/{lessons[1].id}/compare?a={old_revision}&amp;b={new_revision}" in html
    assert (
        f"/documents/{unit.id}/compare?a={before.unit_revision_id}&amp;b={after.unit_revision_id}"
        not in html  # only the lesson order changed: the unit's own text is the same
    )


def test_the_units_history_and_timeline_link_to_its_snapshots(web, unit):
    for url in (f"/documents/{unit.id}/history", f"/units/{unit.id}/timeline"):
        assert f'href="/units/{unit.id}/snapshots"' in web.client.get(url).get_data(as_text=True)


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("", 400),
        ("?a={a}", 400),
        ("?a=one&b={b}", 400),
        ("?a={a}&b=-1", 400),
        ("?a={a}&b=" + "9" * 40, 400),
        ("?a={a}&b=" + "9" * 10, 400),
        ("?a={a}&b=999999", 404),
        ("?a={a}&b={foreign}", 404),
    ],
)
def test_bad_snapshot_ids_are_refused_with_a_message(web, unit, lessons, make_unit, query, status):
    a = snapshot(unit)
    edit(lessons[0], "Changed")
    b = snapshot(unit)
    other = make_unit("Other", visibility="public", status="published")
    foreign = snapshot(other)
    url = f"/units/{unit.id}/snapshots/compare" + query.format(a=a.id, b=b.id, foreign=foreign.id)
    response = web.client.get(url)
    assert response.status_code == status
    assert "snapshot" in response.get_data(as_text=True)


def test_a_snapshot_of_another_unit_is_not_found(web, unit, make_unit):
    other = make_unit("Other", visibility="public", status="published")
    foreign = snapshot(other)
    assert web.client.get(f"/units/{unit.id}/snapshots/{foreign.id}").status_code == 404


def test_a_lesson_has_no_snapshots_page(web, lessons):
    assert web.client.get(f"/units/{lessons[0].id}/snapshots").status_code == 404


# Who may do what

# (method, url, who may act: a role set, or "read" for anyone who may read)
ROUTES = [
    ("GET", "/units/{u}/snapshots", "read"),
    ("GET", "/units/{u}/snapshots/{s1}", "read"),
    ("GET", "/units/{u}/snapshots/compare?a={s1}&b={s2}", "read"),
    ("POST", "/units/{u}/snapshots", {"owner", "editor"}),
]


@pytest.fixture
def unit_with_roles(make_shared_unit, make_lesson, role_actors):
    owner = role_actors["owner"]

    def make(visibility: str, status: str):
        unit = make_shared_unit(visibility, status)
        lesson = make_lesson(unit=unit)
        first = snapshot(unit)
        services.save_revision(lesson, lesson_content(body="Changed"), author=owner)
        db.session.commit()
        second = snapshot(unit)
        services.save_revision(lesson, lesson_content(body="Changed again"), author=owner)
        db.session.commit()
        return {"u": unit.id, "s1": first.id, "s2": second.id}, role_actors

    return make


@pytest.mark.parametrize("sharing", list(SHARING), ids=lambda s: "-".join(s))
@pytest.mark.parametrize(("method", "url", "who"), ROUTES, ids=[r[1] for r in ROUTES])
@pytest.mark.parametrize("role", ROLES)
def test_route_by_role_and_sharing(web, unit_with_roles, sharing, method, url, who, role):
    ids, actors = unit_with_roles(*sharing)
    if actors[role] is not None:
        web.login(actors[role].email, PASSWORD)
    url = url.format(**ids)
    response = web.client.get(url) if method == "GET" else web.post(url, {"label": "Now"})
    outcome = route_outcome(role, who, sharing)
    assert_outcome(response, outcome)
    if method == "POST":
        assert snapshot_count() == (3 if outcome == DONE else 2)
