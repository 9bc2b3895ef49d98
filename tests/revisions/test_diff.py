"""The revision diff: paragraphs aligned, changed words marked, no text ever lost."""

from hypothesis import given
from hypothesis import strategies as st

from app.documents.models import LESSON
from app.revisions.diff import (
    DELETE,
    EQUAL,
    INSERT,
    REPLACE,
    Segment,
    diff_text,
    field_changes,
    paragraphs,
)

TEXT = "## Opening\n\nShow the glitter test.\n\nWash hands for twenty seconds."


def kinds(rows) -> list[str]:
    return [row.kind for row in rows]


def test_equal_texts_give_only_equal_rows():
    rows = diff_text(TEXT, TEXT)
    assert kinds(rows) == [EQUAL, EQUAL, EQUAL]
    assert all(row.old == row.new for row in rows)


def test_a_changed_word_is_marked_inside_its_paragraph():
    rows = diff_text(TEXT, TEXT.replace("glitter", "sparkle"))
    assert kinds(rows) == [EQUAL, REPLACE, EQUAL]
    changed = rows[1]
    assert Segment(DELETE, "glitter ") in changed.segments
    assert Segment(INSERT, "sparkle ") in changed.segments
    assert changed.segments[0] == Segment(EQUAL, "Show the ")


def test_an_inserted_paragraph_is_an_insert_row():
    new = TEXT.replace("\n\nWash", "\n\nDry hands with paper.\n\nWash")
    rows = diff_text(TEXT, new)
    assert kinds(rows) == [EQUAL, EQUAL, INSERT, EQUAL]
    assert rows[2].new == "Dry hands with paper.\n\n"


def test_a_deleted_paragraph_is_a_delete_row():
    rows = diff_text(TEXT, TEXT.replace("Show the glitter test.\n\n", ""))
    assert kinds(rows) == [EQUAL, DELETE, EQUAL]
    assert rows[1].old == "Show the glitter test.\n\n"


def test_a_moved_paragraph_shows_as_deleted_and_inserted():
    old = "First part.\n\nSecond part.\n\nThird part.\n\nFourth part."
    new = "Second part.\n\nThird part.\n\nFourth part.\n\nFirst part."
    rows = diff_text(old, new)
    assert [(r.kind, r.old.strip(), r.new.strip()) for r in rows if r.kind != EQUAL] == [
        (DELETE, "First part.", ""),
        (INSERT, "", "First part."),
    ]


def test_unicode_words_are_compared_whole():
    rows = diff_text("Pese kädet ennen ruokaa.", "Pese kädet ennen ruokaa ja töitä.")
    assert kinds(rows) == [REPLACE]
    assert Segment(INSERT, " ja töitä") in rows[0].segments
    swedish = diff_text("Tvätta händerna i två minuter.", "Tvätta händerna i tre minuter.")
    assert Segment(DELETE, "två ") in swedish[0].segments
    assert Segment(INSERT, "tre ") in swedish[0].segments


def test_very_different_paragraphs_are_replaced_whole():
    rows = diff_text("Alpha beta gamma delta.", "Completely unrelated words here.")
    assert kinds(rows) == [DELETE, INSERT]


def test_field_changes_list_plain_fields_and_diff_sections_apart():
    old = {"summary": "Hands.", "grades": ["7", "8"], "duration": 90, "materials": "Soap"}
    new = {"summary": "Hands.", "grades": ["7", "9"], "duration": 45, "materials": "Soap, towels"}
    changes = field_changes(LESSON, old, new, "Hand hygiene", "Hand hygiene 2")
    assert changes.plain == [
        ("Title", "Hand hygiene", "Hand hygiene 2"),
        ("Grades", "7, 8", "7, 9"),
        ("Duration (minutes)", "90", "45"),
    ]
    assert [(s.name, s.label) for s in changes.sections] == [("materials", "Materials")]
    assert kinds(changes.sections[0].rows) == [REPLACE]


def test_paragraphs_keep_their_blank_lines():
    assert paragraphs("a\n\n\nb\n \nc\n") == ["a\n\n\n", "b\n \n", "c\n"]


WORDS = st.sampled_from(["käsi", "ruoka", "hygien", "å", "öljy", "soap", "- item", "##", "x"])
SPACES = st.sampled_from([" ", "  ", "\n", "\n\n", "\n \n", "\t", "\n\n\n"])
TEXTS = st.lists(st.tuples(WORDS, SPACES), max_size=40).map(
    lambda parts: "".join(w + s for w, s in parts)
) | st.text(max_size=200)


@given(TEXTS, TEXTS)
def test_no_text_is_lost(old, new):
    rows = diff_text(old, new)
    assert "".join(row.old for row in rows) == old
    assert "".join(row.new for row in rows) == new
    for row in rows:
        if row.kind == REPLACE:
            assert "".join(s.text for s in row.old_segments) == row.old
            assert "".join(s.text for s in row.new_segments) == row.new
