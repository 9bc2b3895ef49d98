"""Three-way merge of a teacher's edit with what others saved meanwhile.

When a save's base revision is no longer current, ``merge_content(base, theirs, yours)``
combines the two lines of work field by field. Text (the body, Markdown sections, the summary,
the title) is merged line by line by ``merge3``, the diff3 algorithm; lists of terms
(subjects, grades, languages, partners) by what each side added and removed; any other field
only when one side left it alone. Where both sides changed the same lines or value, the
teacher's own version is kept and the field is reported as a conflict, so no merge ever drops
what the teacher wrote. Pure functions: no application, no database.
"""

from collections.abc import Hashable
from dataclasses import dataclass

from merge3 import Merge3

from app.documents.fields import ALL_FIELDS, UNIT_LESSON_ORDER
from app.documents.services import Content

TITLE, BODY = "title", "body"


@dataclass(frozen=True)
class Merged:
    """One field's merge: the value to save, and whether the two sides overlapped."""

    value: object
    conflict: bool = False


@dataclass(frozen=True)
class Merge:
    #: The merged content; where the sides overlapped it holds the teacher's own version.
    content: Content
    #: Fields where the other side's changes were brought in.
    merged: tuple[str, ...]
    #: Fields both sides changed in the same place: the teacher must look at them.
    conflicts: tuple[str, ...]

    @property
    def clean(self) -> bool:
        return not self.conflicts


def merge_content(kind: str, base: Content | None, theirs: Content, yours: Content) -> Merge:
    """Merge ``yours`` (the teacher's edit) with ``theirs`` (saved since ``base``).

    Without a base (the edit started from a revision that is not this document's), every
    field the two sides disagree on is a conflict.
    """
    values, merged, conflicts = {}, [], []
    for name in (TITLE, BODY, *merge_fields(kind, theirs, yours)):
        old = value_of(base, name) if base is not None else None
        result = (
            merge_value(old, value_of(theirs, name), value_of(yours, name))
            if base is not None
            else Merged(value_of(yours, name), value_of(yours, name) != value_of(theirs, name))
        )
        values[name] = result.value
        if result.conflict:
            conflicts.append(name)
        elif result.value != value_of(yours, name):
            merged.append(name)
    title, body = values.pop(TITLE), values.pop(BODY)
    fields = {**yours.fields, **values}
    return Merge(Content(title, fields, body), tuple(merged), tuple(conflicts))


def merge_fields(kind: str, theirs: Content, yours: Content) -> list[str]:
    """The structured fields to merge; a unit's lesson order is not edited in the form."""
    names = [name for name in ALL_FIELDS[kind] if name != UNIT_LESSON_ORDER]
    return [name for name in names if name in theirs.fields or name in yours.fields]


def value_of(content: Content, name: str):
    if name == TITLE:
        return content.title
    if name == BODY:
        return content.body
    return content.fields.get(name)


def merge_value(base, theirs, yours) -> Merged:
    if theirs in (yours, base):
        return Merged(yours)
    if yours == base:
        return Merged(theirs)
    if all(isinstance(value, str | None) for value in (base, theirs, yours)):
        return merge_text(base or "", theirs or "", yours or "")
    if all(is_term_list(value) for value in (base, theirs, yours)):
        return Merged(merge_terms(base or [], theirs or [], yours or []))
    return Merged(yours, conflict=True)


def is_term_list(value) -> bool:
    return value is None or (
        isinstance(value, list) and all(isinstance(item, Hashable) for item in value)
    )


def merge_terms(base: list, theirs: list, yours: list) -> list:
    """Keep what neither side removed and everything either side added, in the teacher's order."""
    removed = (set(base) - set(theirs)) | (set(base) - set(yours))
    added_by_them = [item for item in theirs if item not in base and item not in yours]
    return [item for item in yours if item not in removed] + added_by_them


def merge_text(base: str, theirs: str, yours: str) -> Merged:
    """diff3 by lines; where both sides changed the same lines, the teacher's lines are kept."""
    lines: list[str] = []
    conflict = False
    for group in Merge3(lines_of(base), lines_of(theirs), lines_of(yours)).merge_groups():
        if group[0] == "conflict":  # ("conflict", base lines, their lines, your lines)
            conflict = True
        lines += group[-1]
    text = "".join(lines)
    # Whether the text ends with a newline is merged like a value: the side that changed it wins.
    ends = [side.endswith("\n") for side in (base, theirs, yours)]
    if not (ends[2] if ends[1] == ends[0] else ends[1]) and text.endswith("\n"):
        text = text[:-1]
    return Merged(text, conflict)


def lines_of(text: str) -> list[str]:
    """Lines with their endings; the last gets one too, so appending a line is not a change
    to the line before it."""
    return (text if text.endswith("\n") or not text else text + "\n").splitlines(keepends=True)
