"""Three-way merge of a teacher's edit with what others saved meanwhile."""

from difflib import SequenceMatcher

from hypothesis import given
from hypothesis import strategies as st

from app.documents.services import Content
from app.revisions.merge import merge_content, merge_terms, merge_text

BASE_BODY = "## Opening\n\nGreet the class.\n\n## Practice\n\nWash hands for 20 seconds.\n"


def lesson(body: str = BASE_BODY, title: str = "Hand hygiene", **fields) -> Content:
    defaults = {
        "summary": "Washing hands properly.",
        "language": "fi",
        "subjects": ["health"],
        "grades": ["7"],
        "duration": 45,
        "objectives": "- Students can wash their hands.",
    }
    return Content(title, {**defaults, **fields}, body)


def test_edits_to_different_passages_merge_with_both_changes():
    theirs = lesson(BASE_BODY.replace("Greet the class.", "Greet the class in Swedish."))
    yours = lesson(BASE_BODY.replace("20 seconds", "30 seconds"))

    merge = merge_content("lesson", lesson(), theirs, yours)

    assert merge.clean
    assert "Greet the class in Swedish." in merge.content.body
    assert "Wash hands for 30 seconds." in merge.content.body
    assert merge.merged == ("body",)


def test_edits_to_different_fields_merge_and_say_which_came_from_the_other_side():
    theirs = lesson(objectives="- Students can explain why hands are washed.")
    yours = lesson(title="Hand hygiene in the kitchen")

    merge = merge_content("lesson", lesson(), theirs, yours)

    assert merge.clean
    assert merge.content.title == "Hand hygiene in the kitchen"
    assert merge.content.fields["objectives"] == "- Students can explain why hands are washed."
    assert merge.merged == ("objectives",)


def test_overlapping_edits_keep_the_teachers_text_and_name_the_conflict():
    theirs = lesson(BASE_BODY.replace("20 seconds", "40 seconds"))
    yours = lesson(BASE_BODY.replace("20 seconds", "30 seconds"), duration=60)

    merge = merge_content("lesson", lesson(), theirs, yours)

    assert not merge.clean
    assert merge.conflicts == ("body",)
    assert merge.content.body == yours.body
    assert merge.content.fields["duration"] == 60


def test_both_changing_a_plain_value_differently_is_a_conflict_keeping_the_teachers():
    merge = merge_content("lesson", lesson(), lesson(duration=60), lesson(duration=90))
    assert merge.conflicts == ("duration",)
    assert merge.content.fields["duration"] == 90


def test_the_same_change_on_both_sides_is_no_conflict():
    same = lesson(BASE_BODY.replace("20 seconds", "30 seconds"))
    merge = merge_content("lesson", lesson(), same, same)
    assert merge.clean
    assert merge.content == same


def test_term_lists_merge_what_each_side_added_and_removed():
    merged = merge_terms(
        ["health", "biology"], ["health", "biology", "home-economics"], ["health", "chemistry"]
    )
    assert merged == ["health", "chemistry", "home-economics"]


def test_a_unit_lesson_order_is_not_merged_from_the_form():
    base = Content("Unit", {"summary": "S", "lessons": [1, 2]}, "")
    theirs = Content("Unit", {"summary": "S", "lessons": [2, 1]}, "")
    yours = Content("Unit", {"summary": "Changed", "lessons": [1, 2]}, "")
    merge = merge_content("unit", base, theirs, yours)
    assert merge.clean
    assert merge.merged == ()


def test_without_a_known_base_every_disagreement_is_a_conflict():
    theirs = lesson(BASE_BODY.replace("Greet", "Welcome"))
    yours = lesson(BASE_BODY.replace("20 seconds", "30 seconds"))
    merge = merge_content("lesson", None, theirs, yours)
    assert merge.conflicts == ("body",)
    assert merge.content.body == yours.body


def test_text_without_a_final_newline_keeps_it_that_way():
    merged = merge_text("a\n\nb", "A\n\nb", "a\n\nb and more")
    assert merged.value == "A\n\nb and more"
    assert not merged.conflict


# Property-based: base lines are distinct, and every line either side writes is new and
# tells who wrote it, so "contains the change" can be checked exactly.

base_lines = st.lists(st.integers(0, 10**6), min_size=0, max_size=12, unique=True).map(
    lambda numbers: [f"base {n}" for n in numbers]
)


@st.composite
def edit_of(draw, base: list[str], who: str) -> list[str]:
    """A random edit of ``base``: lines deleted, kept, replaced, or inserted."""
    lines: list[str] = []
    counter = 0
    for line in [*base, None]:
        for _ in range(draw(st.integers(0, 2))):
            counter += 1
            lines.append(f"{who} {counter}")
        if line is not None and draw(st.booleans()):
            lines.append(line)
    return lines


@st.composite
def three_versions(draw):
    base = draw(base_lines)
    return base, draw(edit_of(base, "theirs")), draw(edit_of(base, "yours"))


def text(lines: list[str]) -> str:
    return "".join(f"{line}\n" for line in lines)


def is_subsequence(needles: list[str], haystack: list[str]) -> bool:
    remaining = iter(haystack)
    return all(any(needle == line for line in remaining) for needle in needles)


def deleted(base: list[str], edited: list[str]) -> set[str]:
    kept = SequenceMatcher(None, base, edited, autojunk=False).get_matching_blocks()
    kept_lines = {line for i, _, size in kept for line in base[i : i + size]}
    return set(base) - kept_lines


@given(three_versions())
def test_no_merge_ever_drops_the_teachers_text(versions):
    base, theirs, yours = versions
    result = merge_text(text(base), text(theirs), text(yours)).value.splitlines()
    written_by_teacher = [line for line in yours if line.startswith("yours")]
    assert is_subsequence(written_by_teacher, result)


@given(three_versions())
def test_a_clean_merge_contains_both_sides_changes(versions):
    base, theirs, yours = versions
    merged = merge_text(text(base), text(theirs), text(yours))
    if merged.conflict:
        return
    result = merged.value.splitlines()
    assert is_subsequence([line for line in yours if line.startswith("yours")], result)
    assert is_subsequence([line for line in theirs if line.startswith("theirs")], result)
    assert not (deleted(base, theirs) | deleted(base, yours)) & set(result)


@given(three_versions())
def test_merging_with_an_untouched_side_gives_the_other_side(versions):
    base, theirs, yours = versions
    assert merge_text(text(base), text(base), text(yours)).value == text(yours)
    assert merge_text(text(base), text(theirs), text(base)).value == text(theirs)
