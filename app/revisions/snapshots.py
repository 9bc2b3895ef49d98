"""Unit snapshots: name the exact revisions of a unit and its lessons, and compare two of them."""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from sqlalchemy import func, select

from app.documents.fields import MARKDOWN_FIELDS
from app.documents.models import UNIT, Document, Revision
from app.extensions import db
from app.network.models import Teacher
from app.revisions.diff import (
    DELETE,
    INSERT,
    REPLACE,
    FieldChanges,
    body_label,
    diff_text,
    field_changes,
)
from app.revisions.models import SnapshotLesson, UnitSnapshot

ADDED, REMOVED, MOVED, CHANGED, UNCHANGED = "added", "removed", "moved", "changed", "unchanged"
WORD = re.compile(r"\w+")


class UnchangedSinceSnapshot(Exception):
    """Nothing has changed since the unit's latest snapshot, so taking another would repeat it."""

    def __init__(self, snapshot: UnitSnapshot):
        self.snapshot = snapshot
        super().__init__(f"unit {snapshot.unit_id} is as in snapshot {snapshot.id}")


def lesson_revisions(unit: Document) -> list[tuple[int, int]]:
    """(lesson id, revision id) of each lesson the unit has now, in order."""
    return [
        (lesson.id, lesson.current_revision_id)
        for lesson in unit.lessons
        if lesson.deleted_at is None  # a deleted lesson is not part of the unit any more
    ]


def latest_snapshot(unit: Document) -> UnitSnapshot | None:
    return db.session.scalars(
        select(UnitSnapshot)
        .where(UnitSnapshot.unit_id == unit.id)
        .order_by(UnitSnapshot.id.desc())
        .limit(1)
    ).first()


def take_snapshot(unit: Document, *, author: Teacher, label: str = "") -> UnitSnapshot:
    """Record the unit's current revision and each lesson's, in order.

    Raises UnchangedSinceSnapshot when the unit and its lessons are exactly as in the latest
    snapshot: a second name for the same version would only make the list harder to read.
    """
    lessons = lesson_revisions(unit)
    latest = latest_snapshot(unit)
    if (
        latest is not None
        and latest.unit_revision_id == unit.current_revision_id
        and [(item.lesson_id, item.revision_id) for item in latest.lessons] == lessons
    ):
        raise UnchangedSinceSnapshot(latest)
    snapshot = UnitSnapshot(
        unit=unit,
        unit_revision_id=unit.current_revision_id,
        label=label.strip(),
        created_by=author,
        lessons=[
            SnapshotLesson(position=position, lesson_id=lesson_id, revision_id=revision_id)
            for position, (lesson_id, revision_id) in enumerate(lessons, start=1)
        ],
    )
    db.session.add(snapshot)
    db.session.flush()
    return snapshot


def snapshot_number(snapshot: UnitSnapshot) -> int:
    """1 for a unit's first snapshot, counting up."""
    return db.session.scalar(
        select(func.count(UnitSnapshot.id)).where(
            UnitSnapshot.unit_id == snapshot.unit_id, UnitSnapshot.id <= snapshot.id
        )
    )


def lesson_counts(snapshots: list[UnitSnapshot]) -> dict[int, int]:
    """How many lessons each snapshot holds, in one query."""
    if not snapshots:
        return {}
    query = (
        select(SnapshotLesson.snapshot_id, func.count(SnapshotLesson.id))
        .where(SnapshotLesson.snapshot_id.in_([s.id for s in snapshots]))
        .group_by(SnapshotLesson.snapshot_id)
    )
    return dict(db.session.execute(query).all())


def words(text: str) -> int:
    return len(WORD.findall(text))


def word_changes(old: str, new: str) -> tuple[int, int]:
    """(words added, words removed) between two texts, as the compare page marks them."""
    added = removed = 0
    for row in diff_text(old, new):
        if row.kind == INSERT:
            added += words(row.new)
        elif row.kind == DELETE:
            removed += words(row.old)
        elif row.kind == REPLACE:
            added += sum(words(s.text) for s in row.segments if s.kind == INSERT)
            removed += sum(words(s.text) for s in row.segments if s.kind == DELETE)
    return added, removed


def revision_word_changes(kind: str, old: Revision, new: Revision) -> tuple[int, int]:
    """Words added and removed over the body and every Markdown section of a document."""
    pairs = [(old.body, new.body)] + [
        (old.fields.get(name) or "", new.fields.get(name) or "") for name in MARKDOWN_FIELDS[kind]
    ]
    counts = [word_changes(before, after) for before, after in pairs if before != after]
    return sum(a for a, _ in counts), sum(r for _, r in counts)


@dataclass(frozen=True)
class LessonChange:
    """One lesson across two snapshots; ``old`` or ``new`` is None if it is in only one."""

    lesson: Document
    old: SnapshotLesson | None
    new: SnapshotLesson | None
    moved: bool = False
    changed: bool = False
    words_added: int = 0
    words_removed: int = 0

    @property
    def statuses(self) -> tuple[str, ...]:
        """What happened to the lesson; a lesson can both move and change."""
        if self.old is None:
            return (ADDED,)
        if self.new is None:
            return (REMOVED,)
        happened = (MOVED,) * self.moved + (CHANGED,) * self.changed
        return happened or (UNCHANGED,)

    @property
    def title(self) -> str:
        return (self.new or self.old).revision.title


@dataclass(frozen=True)
class SnapshotComparison:
    a: UnitSnapshot
    b: UnitSnapshot
    #: The unit's own title, fields and sections that differ (not its lesson order).
    unit_changes: FieldChanges
    unit_body_changed: bool
    unit_words_added: int
    unit_words_removed: int
    lessons: list[LessonChange]

    @property
    def unit_changed_labels(self) -> list[str]:
        """The names of the unit's fields and sections that changed ("Title", "Big idea")."""
        changes = self.unit_changes
        labels = [label for label, _before, _after in changes.plain]
        labels += [section.label for section in changes.sections]
        return labels + ([body_label(UNIT)] if self.unit_body_changed else [])


def moved_lessons(old_order: list[int], new_order: list[int]) -> set[int]:
    """Lessons in both snapshots whose place among the shared lessons changed.

    Lessons added or removed around a lesson shift its number but do not move it; of the
    shared lessons, the longest run kept in the same order stays, and the others moved.
    """
    shared = set(old_order) & set(new_order)
    old = [i for i in old_order if i in shared]
    new = [i for i in new_order if i in shared]
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    kept = {old[block.a + k] for block in matcher.get_matching_blocks() for k in range(block.size)}
    return shared - kept


def compare_lesson(old: SnapshotLesson, new: SnapshotLesson, moved: bool) -> LessonChange:
    """A lesson in both snapshots; equal content counts as unchanged, e.g. after a restore."""
    if old.revision.sha256 == new.revision.sha256:
        return LessonChange(new.lesson, old, new, moved=moved)
    added, removed = revision_word_changes(new.lesson.kind, old.revision, new.revision)
    return LessonChange(
        new.lesson, old, new, moved=moved, changed=True, words_added=added, words_removed=removed
    )


def compare_lessons(a: UnitSnapshot, b: UnitSnapshot) -> list[LessonChange]:
    """Every lesson of either snapshot: b's lessons in b's order, then those only in a."""
    old = {item.lesson_id: item for item in a.lessons}
    new = {item.lesson_id: item for item in b.lessons}
    moved = moved_lessons(list(old), list(new))
    changes = [
        compare_lesson(old[lesson_id], item, lesson_id in moved)
        if lesson_id in old
        else LessonChange(item.lesson, None, item)
        for lesson_id, item in new.items()
    ]
    removed = [
        LessonChange(i.lesson, i, None) for lesson_id, i in old.items() if lesson_id not in new
    ]
    return changes + removed


def compare_snapshots(a: UnitSnapshot, b: UnitSnapshot) -> SnapshotComparison:
    """What changed from snapshot ``a`` to ``b``: the unit's own text, then lesson by lesson."""
    old, new = a.unit_revision, b.unit_revision
    changes = field_changes(UNIT, old.fields, new.fields, old.title, new.title)
    added, removed = revision_word_changes(UNIT, old, new)
    return SnapshotComparison(
        a=a,
        b=b,
        unit_changes=changes,
        unit_body_changed=old.body != new.body,
        unit_words_added=added,
        unit_words_removed=removed,
        lessons=compare_lessons(a, b),
    )
