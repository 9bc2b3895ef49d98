"""``content/units/<slug>/``: joint units with their lessons, as Markdown with front matter."""

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError
from sqlalchemy import select

from app.content.errors import ContentError, describe_location
from app.documents import frontmatter, services
from app.documents.models import EDITOR, LESSON, OWNER, UNIT, Collaborator, Document
from app.extensions import db
from app.network.models import Teacher


@dataclass(frozen=True)
class LessonSource:
    key: str
    meta: frontmatter.LessonFile
    body: str


@dataclass(frozen=True)
class UnitSource:
    key: str
    meta: frontmatter.UnitFile
    body: str
    lessons: tuple[LessonSource, ...]


def read_document(path: Path, kind: str):
    try:
        meta, body = frontmatter.split(path.read_text(encoding="utf-8"))
        return frontmatter.SCHEMAS[kind].model_validate(meta), body
    except FileNotFoundError:
        raise ContentError(path, "", "file not found") from None
    except (frontmatter.FrontMatterError, UnicodeDecodeError) as error:
        raise ContentError(path, "", str(error)) from None
    except ValidationError as error:
        first = error.errors()[0]
        raise ContentError(path, describe_location(meta, first["loc"]), first["msg"]) from None


def read_unit(folder: Path) -> UnitSource:
    meta, body = read_document(folder / "unit.md", UNIT)
    lessons = tuple(
        LessonSource(f"{folder.name}/{path.stem}", *read_document(path, LESSON))
        for path in sorted((folder / "lessons").glob("*.md"))
    )
    return UnitSource(folder.name, meta, body, lessons)


def read_units(folder: Path) -> tuple[UnitSource, ...]:
    """Every unit folder; none at all is fine (a site may start empty)."""
    if not folder.is_dir():
        return ()
    return tuple(read_unit(path) for path in sorted(folder.iterdir()) if path.is_dir())


def check_units(sources: tuple[UnitSource, ...], parsed: dict) -> list[tuple[str, str]]:
    """Authors, partners, subjects and grades must exist in the other content files."""
    network, known = parsed["network.yaml"], {}
    known["author"] = {teacher.email.lower() for teacher in network.teachers}
    known["partner"] = {municipality.key for municipality in network.municipalities}
    known["subject"] = {subject.key for subject in parsed["subjects.yaml"].subjects}
    known["grade"] = {grade.key for grade in parsed["grades.yaml"].grades}
    problems = []
    for unit in sources:
        if not unit.meta.authors:
            problems.append((f"{unit.key}/unit.md", "a unit needs at least one author (its owner)"))
        wanted = {
            "author": [email.lower() for email in unit.meta.authors],
            "partner": unit.meta.partners,
        }
        documents = [(f"{unit.key}/unit.md", unit.meta)]
        documents += [(f"{lesson.key}.md", lesson.meta) for lesson in unit.lessons]
        for document, meta in documents:
            for kind, values in {**wanted, "subject": meta.subjects, "grade": meta.grades}.items():
                problems += [
                    (document, f"unknown {kind} {v!r}") for v in values if v not in known[kind]
                ]
            wanted = {}
    return problems


def apply_units(sources: tuple[UnitSource, ...], report) -> None:
    for source in sources:
        apply_unit(source, report)


def apply_unit(source: UnitSource, report) -> None:
    authors = [
        db.session.scalar(select(Teacher).where(Teacher.email == email.lower()))
        for email in source.meta.authors
    ]
    owner = authors[0]
    unit = services.find_by_content_key(source.key)
    content = services.Content(
        source.meta.title, frontmatter.revision_fields(UNIT, source.meta), source.body
    )
    created = unit is None
    if created:
        unit = services.create_document(
            UNIT, content, author=owner, source="content", content_key=source.key
        )
        report.count("units", "created")
    roles = {teacher.id: (OWNER if teacher is owner else EDITOR) for teacher in authors}
    present = {collaborator.teacher_id for collaborator in unit.collaborators}
    for teacher in authors:
        if teacher.id not in present:
            unit.collaborators.append(Collaborator(teacher=teacher, role=roles[teacher.id]))
    for position, lesson_source in enumerate(source.lessons, start=1):
        apply_lesson(unit, lesson_source, position, owner, report)
    db.session.flush()
    db.session.expire(unit, ["lessons"])
    revision = services.save_revision(unit, content, author=owner, source="content")
    services.set_access(unit, visibility=source.meta.visibility, status=source.meta.status)
    if not created:
        report.count("units", "updated" if revision else "unchanged")


def apply_lesson(unit: Document, source: LessonSource, position: int, author, report) -> None:
    """Create or update one lesson of a unit, in its place."""
    content = services.Content(
        source.meta.title, frontmatter.revision_fields(LESSON, source.meta), source.body
    )
    lesson = services.find_by_content_key(source.key)
    created = lesson is None
    if created:
        lesson = Document(kind=LESSON, created_by=author, content_key=source.key)
        db.session.add(lesson)
    lesson.unit, lesson.position = unit, position
    db.session.flush()
    revision = services.save_revision(lesson, content, author=author, source="content")
    report.count("lessons", "created" if created else "updated" if revision else "unchanged")
