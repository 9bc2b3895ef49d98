"""What changed between two revisions: paragraphs aligned, changed words marked.

Pure functions over text (no application, no database), so a 6,000-word lesson diffs in
milliseconds: paragraphs are aligned first, and words are compared only inside a pair of
paragraphs that resemble each other. Nothing is lost: joining the ``old`` sides of the rows
gives the old text back exactly, and the ``new`` sides the new text.
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from flask_babel import lazy_gettext as _l

from app.documents.fields import MARKDOWN_FIELDS
from app.documents.models import UNIT

EQUAL, INSERT, DELETE, REPLACE = "equal", "insert", "delete", "replace"

#: Below this similarity two paragraphs are shown as one replaced by the other, not word by word.
MIN_RATIO = 0.3
#: How far ahead, inside a changed stretch, a paragraph looks for its edited counterpart.
PAIRING_WINDOW = 8

#: A paragraph ends at a blank line; the blank lines stay with the paragraph before them.
PARAGRAPH_BREAK = re.compile(r"(\n[ \t]*(?:\n[ \t]*)+)")
TOKEN = re.compile(r"\s+|\w+\s*|[^\w\s]+\s*")

#: Labels of the plain fields, in the order the comparison table lists them.
PLAIN_LABELS = {
    "title": _l("Title"),
    "summary": _l("Summary"),
    "language": _l("Language of this text"),
    "languages": _l("Languages of the material"),
    "subjects": _l("Subjects"),
    "grades": _l("Grades"),
    "weeks": _l("Length in weeks"),
    "duration": _l("Duration (minutes)"),
    "curriculum": _l("Curriculum alignment"),
    "licence": _l("Licence"),
    "partners": _l("Partner municipalities"),
}


@dataclass(frozen=True)
class Segment:
    """A run of words (with their whitespace) that is equal, inserted or deleted."""

    kind: str
    text: str


@dataclass(frozen=True)
class Row:
    """One aligned pair of paragraphs; ``segments`` mark the changed words of a replace."""

    kind: str
    old: str = ""
    new: str = ""
    segments: tuple[Segment, ...] = ()

    @property
    def old_segments(self) -> list[Segment]:
        return [s for s in self.segments if s.kind != INSERT]

    @property
    def new_segments(self) -> list[Segment]:
        return [s for s in self.segments if s.kind != DELETE]


@dataclass(frozen=True)
class SectionDiff:
    """The diff of one Markdown section (or the body) under its heading."""

    name: str
    label: str
    rows: list[Row]


@dataclass(frozen=True)
class FieldChanges:
    #: (label, before, after) of each plain field (and the title) that changed.
    plain: list[tuple[str, str, str]]
    #: Each Markdown section that changed, diffed like the body.
    sections: list[SectionDiff]


def paragraphs(text: str) -> list[str]:
    """The paragraphs of ``text``, each with the blank lines after it: they join back to it."""
    parts = PARAGRAPH_BREAK.split(text)
    chunks = [
        parts[i] + (parts[i + 1] if i + 1 < len(parts) else "") for i in (range(0, len(parts), 2))
    ]
    return [chunk for chunk in chunks if chunk]


def diff_text(old: str, new: str) -> list[Row]:
    """Rows aligning the paragraphs of ``old`` and ``new``, changed words marked inside."""
    old_paras, new_paras = paragraphs(old), paragraphs(new)
    # Compare paragraphs without their trailing blank lines: the last one has none.
    matcher = SequenceMatcher(
        None, [p.rstrip() for p in old_paras], [p.rstrip() for p in new_paras]
    )
    rows: list[Row] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == EQUAL:
            rows += [
                Row(EQUAL, o, n) for o, n in zip(old_paras[i1:i2], new_paras[j1:j2], strict=True)
            ]
        else:
            rows += changed_stretch(old_paras[i1:i2], new_paras[j1:j2])
    return rows


def changed_stretch(old_paras: list[str], new_paras: list[str]) -> list[Row]:
    """Pair each old paragraph with the next similar new one (in order); the rest are
    deletions and insertions."""
    rows: list[Row] = []
    j = 0
    for old in old_paras:
        for k in range(j, min(j + PAIRING_WINDOW, len(new_paras))):
            segments = word_diff(old, new_paras[k])
            if segments is not None:
                rows += [Row(INSERT, new=n) for n in new_paras[j:k]]
                rows.append(Row(REPLACE, old, new_paras[k], segments))
                j = k + 1
                break
        else:
            rows.append(Row(DELETE, old=old))
    rows += [Row(INSERT, new=n) for n in new_paras[j:]]
    return rows


def word_diff(old: str, new: str) -> tuple[Segment, ...] | None:
    """The words of ``old`` and ``new`` as equal/delete/insert runs, or None when the two
    paragraphs have too little in common to be called one paragraph edited.

    Words are compared without the whitespace after them, so a word followed by new words
    stays equal and only the whitespace after it counts as changed.
    """
    old_tokens, new_tokens = TOKEN.findall(old), TOKEN.findall(new)
    matcher = SequenceMatcher(
        None, [t.rstrip() for t in old_tokens], [t.rstrip() for t in new_tokens]
    )
    if matcher.real_quick_ratio() < MIN_RATIO or matcher.quick_ratio() < MIN_RATIO:
        return None
    if matcher.ratio() < MIN_RATIO:
        return None
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != EQUAL:
            add(segments, DELETE, "".join(old_tokens[i1:i2]))
            add(segments, INSERT, "".join(new_tokens[j1:j2]))
            continue
        for old_token, new_token in zip(old_tokens[i1:i2], new_tokens[j1:j2], strict=True):
            word = old_token.rstrip()
            add(segments, EQUAL, word)
            if old_token[len(word) :] == new_token[len(word) :]:
                add(segments, EQUAL, old_token[len(word) :])
            else:
                add(segments, DELETE, old_token[len(word) :])
                add(segments, INSERT, new_token[len(word) :])
    return tuple(segments)


def add(segments: list[Segment], kind: str, text: str) -> None:
    """Append a run, joining it to the previous run of the same kind."""
    if not text:
        return
    if segments and segments[-1].kind == kind:
        segments[-1] = Segment(kind, segments[-1].text + text)
    else:
        segments.append(Segment(kind, text))


def as_text(value) -> str:
    """A plain field's value as one line: lists joined with commas, curriculum rows spelled out."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return " · ".join(str(v) for v in value.values() if v not in (None, ""))
    if isinstance(value, list | tuple):
        return ", ".join(as_text(item) for item in value)
    return str(value)


def field_changes(
    kind: str, old_fields: dict, new_fields: dict, old_title: str, new_title: str
) -> FieldChanges:
    """The title and structured fields that differ between two revisions of a ``kind``."""
    plain = []
    old_values = {**old_fields, "title": old_title}
    new_values = {**new_fields, "title": new_title}
    for name, label in PLAIN_LABELS.items():
        before, after = as_text(old_values.get(name)), as_text(new_values.get(name))
        if before != after:
            plain.append((str(label), before, after))
    sections = [
        SectionDiff(
            name, str(label), diff_text(old_fields.get(name) or "", new_fields.get(name) or "")
        )
        for name, label in MARKDOWN_FIELDS[kind].items()
        if (old_fields.get(name) or "") != (new_fields.get(name) or "")
    ]
    return FieldChanges(plain, sections)


def body_label(kind: str) -> str:
    return str(_l("Overview") if kind == UNIT else _l("Activities"))


def field_label(kind: str, name: str) -> str:
    """What a field is called on the editing page: "Title", "Learning objectives", ..."""
    if name == "body":
        return body_label(kind)
    return str(MARKDOWN_FIELDS[kind].get(name) or PLAIN_LABELS.get(name, name))
