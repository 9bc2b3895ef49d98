"""Searching units and lessons: language-aware words, freshness, and nothing unreadable."""

import pytest

from app.documents import services
from app.extensions import db
from app.search.facets import CACHE
from app.search.query import QueryError
from app.search.services import search
from tests.fixtures.documents import lesson_content
from tests.fixtures.search import Visitor, found


def test_words_are_found_in_their_languages_inflected_forms(public_lesson):
    public_lesson("Käsihygienia", "Opetellaan hygieniaa keittiössä.", language="fi")
    public_lesson("Hand washing", "Students wash their hands.", language="en")
    public_lesson("Handtvätt", "Eleverna tvättar händerna.", language="sv")

    assert found(Visitor(), "hygienia") == ["Käsihygienia"]
    assert found(Visitor(), "hygieniaa") == ["Käsihygienia"]
    assert found(Visitor(), "keittiö") == ["Käsihygienia"]
    assert found(Visitor(), "washing") == ["Hand washing"]
    assert found(Visitor(), "tvätta") == ["Handtvätt"]


def test_a_stop_word_of_a_documents_language_is_not_required_of_it(public_lesson):
    public_lesson("Hand washing", "Wash your hands in the kitchen.", language="en")
    public_lesson("Käsienpesu", "Pese kädet keittiössä ennen ruokailua.", language="fi")
    assert found(Visitor(), "washing in the kitchen") == ["Hand washing"]
    assert found(Visitor(), "kädet ennen ruokailua") == ["Käsienpesu"]


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


def test_a_phrase_matches_only_its_words_in_order(public_lesson):
    public_lesson("Orchard", "Pick a red apple from the tree. Then bake an apple pie.")
    public_lesson("Bakery", "Slice the red apple pie and serve it warm.")
    public_lesson("Garden", "An apple tree with red leaves.")
    assert found(Visitor(), '"red apple pie"') == ["Bakery"]
    assert sorted(found(Visitor(), '"red apple"')) == ["Bakery", "Orchard"]
    assert found(Visitor(), '"apple red"') == []


def test_prefixes_and_phrases_follow_the_documents_language(public_lesson):
    public_lesson("Käsienpesu", "Oppilaat pesevät kädet saippualla ennen ruokailua.", language="fi")
    public_lesson("Tvätt", "Eleverna tvättar händerna med tvål.", language="sv")
    assert found(Visitor(), '"pesevät kädet"') == ["Käsienpesu"]
    assert found(Visitor(), '"tvättar händerna"') == ["Tvätt"]
    assert found(Visitor(), "saippua*") == ["Käsienpesu"]


def test_relevance_puts_a_word_in_the_title_first(public_lesson):
    public_lesson("Fractions on the number line", "Compare halves and quarters.")
    public_lesson("Number line", "Place fractions, decimals and whole numbers.")
    public_lesson("Pizza party", "Share pizza slices as fractions: fractions everywhere.")
    results = search(Visitor(), "fractions", {}, sort="relevance", page=1, per_page=10)
    assert results.total == 3
    assert results.hits[0].document.title == "Fractions on the number line"


def test_an_edited_lesson_is_found_once_by_its_new_words(public_lesson):
    lesson = public_lesson("Allergens", "Milk and eggs.")
    owner = lesson.collaborators[0].teacher
    for body in ("Milk, eggs and nuts.", "Milk, eggs, nuts and soy."):
        services.save_revision(lesson, lesson_content("Allergens", body=body), author=owner)
        db.session.commit()
    results = search(Visitor(), "milk", {}, sort="relevance", page=1, per_page=10)
    assert results.total == 1
    assert found(Visitor(), "soy") == ["Allergens"]


def test_paging_by_relevance_shows_every_match_once(public_lesson):
    for number in range(7):
        public_lesson(f"Lesson {number}", "Volcano " * (number + 1))
    pages = [
        search(Visitor(), "volcano", {}, sort="relevance", page=page, per_page=3)
        for page in (1, 2, 3)
    ]
    titles = [hit.document.title for results in pages for hit in results.hits]
    assert sorted(titles) == sorted(f"Lesson {number}" for number in range(7))
    assert titles[0] == "Lesson 6"


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


def test_a_snippet_marks_only_found_words_whatever_characters_the_text_holds(public_lesson):
    public_lesson("Bread", "Knead the dough \ue000gently\ue001 \ue002 by hand.")
    hit = search(Visitor(), "dough", {}, sort="relevance", page=1, per_page=5).hits[0]
    assert hit.snippet.count("<mark>") == 1
    assert "<mark>dough</mark>" in hit.snippet


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


def test_remembered_postings_stay_within_their_budget(public_lesson, monkeypatch):
    words = ["apple", "pear", "plum", "cherry", "grape"]
    for word in words:
        public_lesson(f"Fruit {word}", f"We taste the {word} and draw it.")
    monkeypatch.setattr(CACHE, "POSTINGS_BYTES", 100)
    for _ in range(2):
        for word in words:
            assert found(Visitor(), word) == [f"Fruit {word}"]
            assert CACHE.postings_bytes <= 100
    assert sorted(found(Visitor(), "taste")) == sorted(f"Fruit {word}" for word in words)
