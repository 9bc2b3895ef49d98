"""Saving an edit whose base is stale: merge it with what others saved, or say where they met.

``save_merging`` is what the edit form calls after ``save_revision`` refused a stale base. It
merges three ways (the base the teacher started from, the current revision, the teacher's
text; app.revisions.merge) and saves the merge when the two sides touched different passages
or fields. Otherwise nothing is saved and the outcome carries what the merge page shows.
"""

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.documents.fields import MARKDOWN_FIELDS
from app.documents.models import Document, Revision
from app.documents.services import Content, EditConflict, current_content, save_revision
from app.extensions import db
from app.network.models import School, Teacher
from app.revisions.diff import EQUAL, Row, SectionDiff, as_text, diff_text, field_label
from app.revisions.merge import BODY, TITLE, Merge, merge_content, value_of


@dataclass(frozen=True)
class TheirChange:
    """One field both sides changed: the other side's change, to show on the merge page."""

    name: str
    label: str
    #: For text: the other side's change as diff rows (base → theirs), changed words marked.
    diff: SectionDiff | None
    #: For other fields: the value before, theirs and yours, as text.
    before: str = ""
    theirs: str = ""
    yours: str = ""


@dataclass
class MergeOutcome:
    merge: Merge
    #: The revision the teacher started from (None if the form named none of this document's).
    base: Revision | None
    #: The current revision: what the others saved.
    theirs: Revision
    #: Who saved since the base, in order.
    others: list[Teacher] = field(default_factory=list)
    #: True once the merge is saved (or the teacher's changes were already all there).
    saved: bool = False

    def merged_labels(self, kind: str) -> list[str]:
        return [field_label(kind, name) for name in self.merge.merged]

    def their_changes(self, kind: str) -> list[TheirChange]:
        """What the others changed in each field where they met the teacher's edit."""
        base = content_of(self.base)
        theirs = content_of(self.theirs)
        changes = []
        for name in self.merge.conflicts:
            label = field_label(kind, name)
            before, after = value_of(base, name) if base else None, value_of(theirs, name)
            if name in text_fields(kind):
                rows = around_changes(diff_text(before or "", after or ""))
                diff = SectionDiff(name, label, rows)
                changes.append(TheirChange(name, label, diff))
            else:
                yours = value_of(self.merge.content, name)
                changes.append(
                    TheirChange(name, label, None, as_text(before), as_text(after), as_text(yours))
                )
        return changes


def around_changes(rows: list[Row], context: int = 1) -> list[Row]:
    """The changed rows and ``context`` unchanged paragraphs either side of each."""
    changed = [i for i, row in enumerate(rows) if row.kind != EQUAL]
    keep = {j for i in changed for j in range(i - context, i + context + 1)}
    return [row for i, row in enumerate(rows) if i in keep]


def text_fields(kind: str) -> set[str]:
    """Fields shown as text with changed words marked; the others as before/theirs/yours."""
    return {TITLE, BODY, "summary", *MARKDOWN_FIELDS[kind]}


def content_of(revision: Revision | None) -> Content | None:
    if revision is None:
        return None
    return Content(title=revision.title, fields=dict(revision.fields), body=revision.body)


def base_of(document: Document, base_revision_id: int | None) -> Revision | None:
    """The edit's base, if it is a revision of this document."""
    base = db.session.get(Revision, base_revision_id) if base_revision_id else None
    return base if base is not None and base.document_id == document.id else None


def saved_since(document: Document, base: Revision | None) -> list[Teacher]:
    """The teachers who saved the document after ``base``, each once, in order."""
    query = (
        select(Revision)
        .where(Revision.document_id == document.id)
        .options(
            selectinload(Revision.author)
            .selectinload(Teacher.school)
            .selectinload(School.municipality)
        )
        .order_by(Revision.id)
    )
    if base is not None:
        query = query.where(Revision.id > base.id)
    authors = {revision.author.id: revision.author for revision in db.session.scalars(query)}
    return list(authors.values())


def save_merging(
    document: Document,
    yours: Content,
    *,
    author: Teacher,
    summary: str,
    base_revision_id: int | None,
) -> MergeOutcome:
    """Merge the teacher's edit with the current revision and save it if the merge is clean.

    The document's row is locked while merging (SQLite's write transaction does the same), so
    the compare-and-swap against the current revision holds. Call after rolling back the
    refused save; the caller commits.
    """
    # Hold the document row until commit, so no other save lands between merge and save.
    db.session.refresh(document, with_for_update=True)
    base = base_of(document, base_revision_id)
    theirs = document.current_revision
    merge = merge_content(document.kind, content_of(base), current_content(document), yours)
    outcome = MergeOutcome(merge, base, theirs, saved_since(document, base))
    if not merge.clean:
        return outcome
    try:
        save_revision(
            document,
            merge.content,
            author=author,
            summary=summary,
            source="merge",
            base_revision_id=theirs.id,
        )
    except EditConflict:  # not expected while the row is locked; the merge page shows it all
        db.session.rollback()
        return outcome
    outcome.saved = True
    return outcome
