"""Snippets mark every form of a matched word, escape the text, and keep to a few fragments."""

from app.search.schema import stem_to_fixed_point
from app.search.snippets import LONGEST, snippet


def test_every_form_of_a_matched_stem_is_marked_and_the_text_is_escaped():
    text = "Wash hands.\nPupils are <b>washing</b> their hands; the washed towels dry."
    marked = snippet(text, {stem_to_fixed_point("en", "wash")}, "en")
    assert str(marked) == (
        "<mark>Wash</mark> hands. Pupils are &lt;b&gt;<mark>washing</mark>&lt;/b&gt; their "
        "hands; the <mark>washed</mark> towels dry."
    )


def test_stop_words_are_never_marked_and_a_text_without_the_words_has_no_snippet():
    assert snippet("Pesemme kädet ja kasvot.", {"ja"}, "fi") is None
    assert snippet("Nothing about it here.", {"dough"}, "en") is None


def test_far_apart_words_give_two_short_fragments_in_the_texts_order():
    text = "Knead the dough. " + "filler " * 80 + "Bake the bread. " + "filler " * 80
    marked = str(snippet(text, {"knead", "bread"}, "en"))
    first, second = marked.split(" … ")
    assert first.startswith("<mark>Knead</mark> the dough.")
    assert "<mark>bread</mark>" in second
    assert all(len(part) <= LONGEST + len("<mark></mark>") for part in (first, second))
