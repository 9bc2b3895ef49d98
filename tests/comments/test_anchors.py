"""Quoted passages: kept with their context, found again in later revisions, shown as they stand."""

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.comments.anchors import CONTEXT, Anchor, Located, QuoteNotFound, capture, locate
from app.comments.models import Comment
from app.documents import services as documents
from app.extensions import db
from tests.fixtures.documents import unit_content
from tests.fixtures.network import PASSWORD

LESSON = (
    "Opening. Wash your hands with soap for twenty seconds. Then dry them on a clean towel. "
    "Practice: wash your hands again before you touch the food."
)
STEP = "Wash your hands with soap for twenty seconds."


def spaced(text: str) -> str:
    return " ".join(text.split())


# Capturing


def test_a_quote_keeps_up_to_sixty_characters_of_context_on_each_side():
    text = "x" * 100 + "the passage" + "y" * 100
    anchor = capture(text, "the passage")
    assert anchor == Anchor("the passage", "x" * CONTEXT, "y" * CONTEXT)
    assert CONTEXT == 60


def test_a_quote_near_the_edges_keeps_what_context_there_is():
    assert capture("Opening. Wash.", "Opening.") == Anchor("Opening.", "", " Wash.")


def test_a_quote_copied_across_a_line_break_is_found():
    anchor = capture("Dry them\non a towel.", "them on a")
    assert anchor == Anchor("them\non a", "Dry ", " towel.")


@pytest.mark.parametrize("quote", ["Wash your feet", "   "])
def test_a_quote_that_is_not_in_the_text_is_refused(quote):
    with pytest.raises(QuoteNotFound, match="does not occur"):
        capture(LESSON, quote)


# Locating


def test_a_passage_is_found_after_text_is_added_before_it():
    anchor = capture(LESSON, STEP)
    later = "Safety first. " + LESSON
    assert locate(anchor, later) == Located(23, 23 + len(STEP), exact=True)


def test_of_two_equal_quotes_the_one_whose_context_fits_is_found():
    anchor = capture(LESSON[40:], "wash your hands")
    later = LESSON.replace("Practice:", "In the kitchen:").replace("Opening.", "Start.")
    located = locate(anchor, later)
    assert located.exact
    assert later[located.start - 16 : located.start] == "In the kitchen: "


def test_a_slightly_edited_passage_is_found_but_not_exactly():
    anchor = capture(LESSON, STEP)
    later = LESSON.replace("for twenty seconds", "for at least twenty seconds")
    located = locate(anchor, later)
    assert not located.exact
    assert (
        later[located.start : located.end]
        == "Wash your hands with soap for at least twenty seconds."
    )


def test_a_long_passage_with_a_few_words_changed_is_found_but_not_exactly():
    passage = " ".join(f"Step {n}: wash, rinse and dry tray number {n}." for n in range(40))
    anchor = capture(f"Kitchen rules. {passage} The end.", passage)
    edited = passage.replace("tray number 7.", "the big pot.").replace("Step 30", "Then")
    later = f"New rules first. Kitchen rules changed. {edited} Questions?"
    located = locate(anchor, later)
    assert not located.exact
    assert later[located.start : located.end] == edited


def test_a_rewritten_word_is_found_between_its_old_neighbours():
    anchor = capture(LESSON, "twenty")
    later = LESSON.replace("twenty", "thirty")
    located = locate(anchor, later)
    assert (later[located.start : located.end], located.exact) == ("thirty", False)


def test_a_reworded_sentence_elsewhere_is_found_by_its_words():
    anchor = capture(LESSON, STEP)
    later = "Our opening: wash hands carefully with soap for about twenty seconds, then dry."
    located = locate(anchor, later)
    assert not located.exact
    assert later[located.start : located.end].startswith("wash hands carefully")


def test_a_removed_passage_is_gone():
    anchor = capture(LESSON, STEP)
    assert locate(anchor, LESSON.replace(STEP + " ", "")) is None


# Properties

plain = st.text(alphabet="ab \n", max_size=150)
inserted = st.text(alphabet="xyz", min_size=1, max_size=80)


def passage(data, text: str) -> tuple[int, int]:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assume(text[start:end].strip())
    return start, end


@settings(max_examples=200, deadline=None)
@given(plain, st.data())
def test_a_captured_passage_is_found_exactly_in_the_same_text(text, data):
    start, end = passage(data, text)
    anchor = capture(text, text[start:end])
    located = locate(anchor, text)
    assert located.exact
    assert text[located.start : located.end] == anchor.quote
    assert text[: located.start].endswith(anchor.before)
    assert text[located.end :].startswith(anchor.after)


@settings(max_examples=200, deadline=None)
@given(plain, st.text(alphabet="ab"), st.text(alphabet="ab"), plain, inserted, st.data())
def test_text_added_elsewhere_shifts_a_unique_passage(left, head, tail, right, extra, data):
    quote = f"{head}c{tail}"  # the only "c": the passage occurs once
    text = left + quote + right
    start, end = len(left), len(left) + len(quote)
    anchor = capture(text, quote)
    at = data.draw(st.sampled_from([*range(start + 1), *range(end, len(text) + 1)]))
    later = text[:at] + extra + text[at:]
    shift = len(extra) if at <= start else 0
    assert locate(anchor, later) == Located(start + shift, end + shift, exact=True)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab", min_size=CONTEXT, max_size=300), inserted, st.data())
def test_text_added_beyond_the_context_shifts_a_repeated_passage(text, extra, data):
    start, end = passage(data, text)
    anchor = capture(text, text[start:end])
    start = locate(anchor, text).start
    end = start + len(anchor.quote)
    extended = anchor.before + anchor.quote + anchor.after
    assume(sum(text.startswith(extended, i) for i in range(len(text))) == 1)
    far = [*range(start - len(anchor.before) + 1), *range(end + len(anchor.after), len(text) + 1)]
    at = data.draw(st.sampled_from(far))
    later = text[:at] + extra + text[at:]
    shift = len(extra) if at <= start else 0
    assert locate(anchor, later) == Located(start + shift, end + shift, exact=True)


@settings(max_examples=200, deadline=None)
@given(plain, st.data())
def test_a_deleted_passage_is_never_found_exactly_where_it_is_not(text, data):
    start, end = passage(data, text)
    anchor = capture(text, text[start:end])
    found = locate(anchor, text)
    later = text[: found.start] + text[found.end :]
    located = locate(anchor, later)
    if located is not None and located.exact:
        assert spaced(later[located.start : located.end]) == spaced(anchor.quote)


# On the page


def comment_on(web, cast, quote: str, **form):
    web.login(cast.commenter.email, PASSWORD)
    return web.post(
        f"/documents/{cast.unit.id}/comments", {"body": "Is this right?", "quote": quote, **form}
    )


def revise(cast, big_idea: str) -> None:
    documents.save_revision(cast.unit, unit_content(big_idea=big_idea), author=cast.owner)
    db.session.commit()


def unit_page(web, cast) -> str:
    response = web.client.get(f"/units/{cast.unit.id}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


CHANGED = "The passage has changed since."
GONE = "The passage quoted is no longer in the text."


def test_a_comment_keeps_the_text_around_its_quote(web, cast):
    assert comment_on(web, cast, "everyone's  job").status_code == 302
    comment = db.session.scalar(select(Comment))
    assert comment.quote == "everyone's job"
    assert comment.quote_before.endswith("Safe food is ")
    assert comment.quote_after.startswith(".\n")


def test_the_quote_is_found_in_the_revision_the_commenter_read(web, cast):
    read = cast.unit.current_revision_id
    revise(cast, "Clean hands are everyone's job.")
    response = comment_on(web, cast, "Safe food is", revision_id=read)
    assert response.status_code == 302
    assert db.session.scalar(select(Comment)).revision_id == read


def test_a_quote_that_is_not_in_the_text_is_refused_with_the_words_kept(web, cast):
    response = comment_on(web, cast, "Safe drinks are nobody's job")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "These words are not in the text you read." in page
    assert "Safe drinks are nobody&#39;s job" in page
    assert "Is this right?" in page
    assert db.session.scalar(select(Comment)) is None


def test_a_passage_still_there_after_a_revision_has_no_note(web, cast):
    comment_on(web, cast, "everyone's job")
    revise(cast, "Food safety first. Safe food is *everyone's* job.")
    page = unit_page(web, cast)
    assert '<blockquote class="comment__quote">everyone&#39;s job</blockquote>' in page
    assert CHANGED not in page
    assert GONE not in page


def test_an_edited_passage_is_shown_as_quoted_with_a_note(web, cast):
    comment_on(web, cast, "Safe food is everyone's job.")
    revise(cast, "Safe food is everybody's job.")
    page = unit_page(web, cast)
    assert "Safe food is everyone&#39;s job.</blockquote>" in page
    assert CHANGED in page
    assert GONE not in page


def test_a_passage_no_longer_in_the_text_says_so(web, cast):
    comment_on(web, cast, "Safe food is everyone's job.")
    revise(cast, "Allergens matter most.")
    page = unit_page(web, cast)
    assert "Safe food is everyone&#39;s job.</blockquote>" in page
    assert GONE in page
    assert CHANGED not in page
