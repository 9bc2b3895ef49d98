"""Searching units and lessons: language-aware words, freshness, and nothing unreadable."""

import pytest

from app.documents import services
from app.extensions import db
from app.search.query import QueryError
from app.search.services import search
from tests.fixtures.documents import lesson_content
from tests.fixtures.search import Visitor, found


def test_words_are_found_in_their_languages_inflected_forms(public_lesson):
    public_lesson("Käsihygienia", "Opetellaan hygieniaa keittiössä.", language="fi")
    public_lesson("Hand washing", "Students wash their hands.", language="en")
    public_lesson("Handtvätt", "Eleverna tvättar händerna.", language="sv")

    assert found(Visitor(), "hygienia") == ["Käsihygienia"]
    assert found(Visitor(), "washing") == ["Hand washing"]
    assert found(Visitor(), "tvätta") == ["Handtvätt"]


def test_a_saved_edit_is_found_by_the_next_search(public_lesson):
    lesson = public_lesson("Allergens", "Milk and eggs.")
    assert found(Visitor(), "gluten") == []
    owner = lesson.collaborators[0].teacher
    services.save_revision(lesson, lesson_content("Allergens", body="Gluten too."), author=owner)
    db.session.commit()
    assert found(Visitor(), "gluten") == ["Allergens"]
    assert found(Visitor(), "eggs") == []


def test_a_rolled_back_edit_never_reaches_the_index(public_lesson):
    lesson = public_lesson("Allergens", "Milk and eggs.")
    owner = lesson.collaborators[0].teacher
    services.save_revision(lesson, lesson_content("Allergens", body="Peanuts."), author=owner)
    db.session.rollback()
    assert found(Visitor(), "peanuts") == []
    assert found(Visitor(), "eggs") == ["Allergens"]


def test_private_documents_are_found_only_by_their_collaborators(make_lesson, make_teacher):
    lesson = make_lesson("Secret plan")
    owner = lesson.collaborators[0].teacher
    assert found(Visitor(), "secret") == []
    assert found(make_teacher(), "secret") == []
    assert found(owner, "secret") == ["Secret plan"]


def test_operators_phrases_and_prefixes(public_lesson):
    public_lesson("Bread", "Knead the dough for ten minutes.")
    public_lesson("Pasta", "Roll the dough thin.")
    assert sorted(found(Visitor(), "dough")) == ["Bread", "Pasta"]
    assert found(Visitor(), "dough -knead") == ["Pasta"]
    assert found(Visitor(), '"knead the dough"') == ["Bread"]
    assert sorted(found(Visitor(), "knead OR roll")) == ["Bread", "Pasta"]
    assert found(Visitor(), "kne*") == ["Bread"]


def test_facets_count_only_readable_documents(public_lesson, make_lesson):
    public_lesson("Bread", "Dough.", language="en")
    public_lesson("Leipä", "Taikina.", language="fi")
    make_lesson("Private", visibility="private")
    results = search(Visitor(), "", {}, sort="newest", page=1, per_page=10)
    assert results.total == 2
    assert results.facets["language"] == {"en": 1, "fi": 1}
    narrowed = search(Visitor(), "", {"language": ["fi"]}, sort="newest", page=1, per_page=10)
    assert [hit.document.title for hit in narrowed.hits] == ["Leipä"]
    assert narrowed.facets["language"] == {"en": 1, "fi": 1}


def test_snippets_mark_the_words_found(public_lesson):
    public_lesson("Bread", "Knead the <b>dough</b> for ten minutes.")
    hit = search(Visitor(), "dough", {}, sort="relevance", page=1, per_page=5).hits[0]
    assert "<mark>dough</mark>" in hit.snippet
    assert "<b>" not in hit.snippet


def test_did_you_mean_suggests_only_words_the_reader_may_see(public_lesson, make_lesson):
    public_lesson("Bread", "Knead the dough.")
    results = search(Visitor(), "doughh", {}, sort="relevance", page=1, per_page=5)
    assert results.suggestion == "dough"
    make_lesson("Secret", visibility="private")
    private = search(Visitor(), "secrett", {}, sort="relevance", page=1, per_page=5)
    assert private.suggestion is None


@pytest.mark.parametrize("text", ["*", "a*", "x" * 600, "AND", "-"])
def test_unusable_queries_say_what_to_change(app, text):
    with pytest.raises(QueryError):
        search(Visitor(), text, {}, sort="relevance", page=1, per_page=5)
