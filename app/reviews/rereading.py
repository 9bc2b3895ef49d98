"""A re-reviewer's reading: their draft started from their earlier review, and the changes
since the revision they reviewed, beside that review and the authors' replies to it.

Levels, comments and quoted passages are carried forward. Only quoted passages are checked
against the revision under re-review: where one changed or is gone, its criterion is marked
for a look until the reviewer submits. Only the fields the review pages show are compared, so
that a double-blind reviewer learns nothing of the authors from the changes.
"""

from dataclasses import dataclass

from app.comments.anchors import CONTEXT, Anchor, Located, locate
from app.comments.services import revision_text
from app.documents.fields import MARKDOWN_FIELDS
from app.documents.models import Revision
from app.extensions import db
from app.reviews.models import SUBMITTED, Assignment, Review, Score
from app.revisions.diff import SectionDiff, body_label, diff_text, field_changes

#: Where a quoted passage stands in the revision under re-review.
KEPT, CHANGED, GONE = "kept", "changed", "gone"


def earlier_review(assignment: Assignment) -> Review | None:
    """The reviewer's submitted review in the round this one re-reviews, if they wrote one."""
    previous = assignment.request.previous
    if previous is None:
        return None
    for earlier in previous.assignments:
        if earlier.reviewer_id == assignment.reviewer_id and earlier.state == SUBMITTED:
            return earlier.review
    return None


def find_passage(score: Score, text: str) -> Located | None:
    return locate(Anchor(score.quote, score.quote_before, score.quote_after), text)


def passage_status(score: Score, text: str) -> str | None:
    """Where the score's quoted passage stands in ``text``; None for a comment without one."""
    if not score.quote:
        return None
    located = find_passage(score, text)
    if located is None:
        return GONE
    return KEPT if located.exact else CHANGED


def carry_forward(assignment: Assignment) -> Review | None:
    """Start a re-reviewer's draft from their earlier review: levels, comments, strengths and
    suggestions (the overall recommendation is chosen afresh). A quoted passage is carried as it
    reads now; one that changed or is gone marks its criterion for a look. None when there is
    no earlier review or the draft already exists."""
    earlier = earlier_review(assignment)
    if earlier is None or assignment.review is not None:
        return None
    text = revision_text(assignment.request.revision)
    carried = list(earlier.scores)
    review = Review(
        assignment=assignment, strengths=earlier.strengths, suggestions=earlier.suggestions
    )
    db.session.add(review)
    for old in carried:
        score = Score(criterion_id=old.criterion_id, level_id=old.level_id, comment=old.comment)
        located = find_passage(old, text) if old.quote else None
        if located is not None:
            start, end = located.start, located.end
            score.quote = text[start:end]
            score.quote_before = text[max(0, start - CONTEXT) : start]
            score.quote_after = text[end : end + CONTEXT]
        score.needs_look = bool(old.quote) and (located is None or not located.exact)
        review.scores.append(score)
    db.session.flush()
    return review


def shown_fields(kind: str, revision: Revision) -> dict:
    """The fields the review pages show (summary and text sections); others, such as partner
    municipalities, could name the authors of a double-blind review."""
    names = {"summary", *MARKDOWN_FIELDS[kind]}
    return {name: value for name, value in revision.fields.items() if name in names}


def changes_between(kind: str, old: Revision, new: Revision):
    """(title and summary changes, changed sections and body) from ``old`` to ``new``."""
    changes = field_changes(
        kind, shown_fields(kind, old), shown_fields(kind, new), old.title, new.title
    )
    sections = list(changes.sections)
    if old.body != new.body:
        sections.append(SectionDiff("body", body_label(kind), diff_text(old.body, new.body)))
    return changes.plain, sections


@dataclass(frozen=True)
class Rereading:
    """What a re-reviewer reads beside the form: the changes since the revision they reviewed,
    their earlier review and the authors' replies to it."""

    earlier: Review
    old: Revision
    new: Revision
    plain: list[tuple[str, str, str]]
    sections: list[SectionDiff]
    #: Criteria the draft marks for a look: criterion id → (KEPT/CHANGED/GONE, earlier quote).
    looks: dict[int, tuple[str, str]]
    #: Revisions the authors' replies name; the changes can be shown up to any of them.
    addressing: list[Revision]

    @property
    def earlier_scores(self) -> dict[int, Score]:
        return {score.criterion_id: score for score in self.earlier.scores}


def reading_of(assignment: Assignment, until: int | None = None) -> Rereading | None:
    """The re-reviewer's view of what changed (up to a revision a reply names, or the revision
    under re-review); None for a reviewer without an earlier review."""
    earlier = earlier_review(assignment)
    if earlier is None:
        return None
    request = assignment.request
    named = {reply.addressed_in for reply in earlier.replies if reply.addressed_in is not None}
    addressing = sorted(named, key=lambda revision: revision.id)
    new = next((r for r in addressing if r.id == until), request.revision)
    old = request.previous.revision
    plain, sections = changes_between(request.document.kind, old, new)
    text = revision_text(request.revision)
    before = {score.criterion_id: score for score in earlier.scores}
    looks = {
        score.criterion_id: (
            passage_status(before[score.criterion_id], text),
            before[score.criterion_id].quote,
        )
        for score in (assignment.review.scores if assignment.review else [])
        if score.needs_look and score.criterion_id in before
    }
    return Rereading(earlier, old, new, plain, sections, looks, addressing)
