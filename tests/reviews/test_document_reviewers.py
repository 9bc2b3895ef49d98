"""The unit's and lesson's own pages (JSON-LD, print view, export, history, revisions, diff)
carry a review's outcome but never a reviewer's name, in any mode and to anyone."""

import pytest

from app.reviews.models import ANONYMITY
from tests.reviews.family import FACTORIES, build_family, read, sign_in

READERS = [
    "author",
    "coauthor",
    "authors_coordinator",
    "admin",
    "other_teacher",
    "visitor",
    "reviewer",
]


@pytest.fixture
def make_family(request):
    factories = {name: request.getfixturevalue(name) for name in FACTORIES}
    return lambda anonymity: build_family(factories, anonymity=anonymity)


@pytest.mark.parametrize("role", READERS)
@pytest.mark.parametrize("anonymity", ANONYMITY)
def test_the_pages_show_the_outcome_but_name_no_reviewer(web, make_family, anonymity, role):
    family = make_family(anonymity)
    sign_in(web, family, role)
    others = [t.name for t in (family.reviewer, family.other_reviewer) if t is not family[role]]
    seen = {page: read(web, url) for page, url in family.pages(role).items()}
    for page, text in seen.items():
        for name in others:
            assert name not in text, (page, name)
    assert "by reviewers from Haparanda, Luleå." in seen["lesson"]
    assert "Peer-reviewed" in seen["unit"][seen["unit"].index('id="lessons-title"') :]
