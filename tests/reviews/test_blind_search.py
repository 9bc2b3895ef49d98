"""Double-blind in search and lists: a reviewer kept blind to who wrote a unit does not find it
by its authors' names or under their municipality, and lists do not say where they work;
everyone else does, and the reviewer still finds the unit by what it says."""

import pytest

from app.reviews.anonymity import blind_documents
from tests.fixtures.search import found
from tests.reviews.family import FACTORIES, build_family, read, sign_in

pytestmark = pytest.mark.search

TITLES = ["Food safety in catering", "Hand hygiene"]


@pytest.fixture
def make_family(app, request):
    factories = {name: request.getfixturevalue(name) for name in FACTORIES}
    return lambda anonymity: build_family(factories, anonymity=anonymity)


def places(user, text: str) -> dict[str, int]:
    from app.search.services import search

    return search(user, text, {}, sort="relevance", page=1, per_page=20).facets["municipalities"]


@pytest.mark.parametrize("role", ["reviewer", "other_teacher"])
def test_everyone_finds_the_unit_by_its_words(make_family, role):
    family = make_family("double_blind")

    assert sorted(found(family[role], "hygiene")) == TITLES


def test_a_double_blind_reviewer_does_not_find_the_unit_by_its_authors(make_family):
    family = make_family("double_blind")
    reviewer, other = family.reviewer, family.other_teacher

    for name in (family.author.name, "Korhonen", "Tornio"):
        assert found(reviewer, name) == [], name
        assert sorted(found(other, name)) == TITLES, name
    assert sorted(found(reviewer, "Korhonen", municipalities=["tornio"])) == []
    assert sorted(found(reviewer, "hygiene", municipalities=["tornio"])) == []
    assert sorted(found(other, "hygiene", municipalities=["tornio"])) == TITLES
    assert "tornio" not in places(reviewer, "hygiene")
    assert places(other, "hygiene")["tornio"] == 2


def test_in_the_other_modes_the_reviewer_finds_the_unit_by_its_authors(make_family):
    family = make_family("reviewer_anonymous")

    assert sorted(found(family.reviewer, family.author.name)) == TITLES
    assert places(family.reviewer, "hygiene")["tornio"] == 2


@pytest.mark.parametrize("address", ["/search?q=hygiene", "/library?scope=public"])
def test_lists_do_not_say_where_the_authors_work_to_a_blind_reviewer(web, make_family, address):
    family = make_family("double_blind")
    sign_in(web, family, "other_teacher")
    assert "Tornio" in read(web, address)

    sign_in(web, family, "reviewer")
    page = read(web, address)
    assert "Hand hygiene" in page or "Food safety in catering" in page
    assert "Tornio" not in page


def test_who_is_kept_blind_is_asked_once_a_request(app, make_family):
    family = make_family("double_blind")
    with app.test_request_context():
        first = blind_documents(family.reviewer)
        assert first == {family.unit.id, family.lesson.id}
        assert blind_documents(family.reviewer) is first
