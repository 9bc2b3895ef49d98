"""The permission predicates, without HTTP."""

from flask_login import AnonymousUserMixin

from app.network.permissions import (
    can_create_municipality,
    can_edit_municipality,
    can_manage_municipality,
    can_manage_teacher,
    can_see_teachers,
)


def test_coordinator_manages_only_their_own_municipality(make_teacher, make_municipality):
    tornio, kalix = make_municipality("Tornio"), make_municipality("Kalix")
    coordinator = make_teacher(municipality=tornio, coordinator=True)
    assert can_manage_municipality(coordinator, tornio)
    assert not can_manage_municipality(coordinator, kalix)
    assert not can_edit_municipality(coordinator, tornio)


def test_coordinator_cannot_manage_their_own_account(make_teacher):
    coordinator = make_teacher(coordinator=True)
    assert not can_manage_teacher(coordinator, coordinator)


def test_deactivating_or_demoting_needs_a_coordinator_of_that_municipality(
    make_teacher, make_school
):
    school = make_school()
    colleague = make_teacher(school=school)
    assert can_manage_teacher(make_teacher(school=school, coordinator=True), colleague)
    assert not can_manage_teacher(make_teacher(school=school), colleague)
    assert not can_manage_teacher(make_teacher(coordinator=True), colleague)
    assert can_manage_teacher(make_teacher(admin=True), colleague)


def test_visitors_see_no_teachers_and_manage_nothing(app, make_municipality):
    visitor = AnonymousUserMixin()
    assert not can_see_teachers(visitor)
    assert not can_create_municipality(visitor)
    assert not can_manage_municipality(visitor, make_municipality())
