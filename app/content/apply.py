"""Cross-reference checks and upserts for each section of ``content/``."""

from collections import Counter

from flask import current_app
from sqlalchemy import select

from app.content.schema import GradesFile, NetworkFile, SubjectsFile
from app.extensions import db
from app.network.models import Grade, Municipality, School, Subject, Teacher


def duplicates(keys) -> list[str]:
    return [key for key, count in Counter(keys).items() if count > 1]


def check_terms(entries, kind: str) -> list[tuple[str, str]]:
    return [
        (f"{kind} {key}", "the key is used twice") for key in duplicates(e.key for e in entries)
    ]


def check_subjects(content: SubjectsFile, _parsed) -> list[tuple[str, str]]:
    return check_terms(content.subjects, "subject")


def check_grades(content: GradesFile, _parsed) -> list[tuple[str, str]]:
    return check_terms(content.grades, "grade")


def check_network(content: NetworkFile, parsed) -> list[tuple[str, str]]:
    problems = []
    problems += [
        (f"municipality {key}", "the key is used twice")
        for key in duplicates(m.key for m in content.municipalities)
    ]
    school_keys = [s.key for m in content.municipalities for s in m.schools]
    problems += [(f"school {key}", "the key is used twice") for key in duplicates(school_keys)]
    problems += [
        (f"teacher {email}", "the e-mail address is used twice")
        for email in duplicates(t.email.lower() for t in content.teachers)
    ]
    subject_keys = {subject.key for subject in parsed["subjects.yaml"].subjects}
    ui_languages = current_app.config["LANGUAGES"]
    for teacher in content.teachers:
        entry = f"teacher {teacher.email}"
        if teacher.school not in school_keys:
            problems.append((entry, f"unknown school {teacher.school!r}"))
        problems += [
            (entry, f"unknown subject {key!r} (not in subjects.yaml)")
            for key in teacher.subjects
            if key not in subject_keys
        ]
        if teacher.ui_language is not None and teacher.ui_language not in ui_languages:
            problems.append((entry, f"ui_language must be one of {', '.join(ui_languages)}"))
    return problems


def upsert(model, lookup: dict, values: dict, report, kind: str):
    """The row matching ``lookup``, created or brought up to date with ``values``."""
    row = db.session.scalar(select(model).filter_by(**lookup))
    if row is None:
        row = model(**lookup, **values)
        db.session.add(row)
        report.count(kind, "created")
        return row
    changed = {name: value for name, value in values.items() if getattr(row, name) != value}
    for name, value in changed.items():
        setattr(row, name, value)
    report.count(kind, "updated" if changed else "unchanged")
    return row


def upsert_terms(model, entries, report, kind: str) -> None:
    for position, entry in enumerate(entries, start=1):
        values = {"names": dict(entry.names), "position": position}
        upsert(model, {"key": entry.key}, values, report, kind)
    db.session.flush()


def subjects(content: SubjectsFile, report) -> None:
    upsert_terms(Subject, content.subjects, report, "subjects")


def grades(content: GradesFile, report) -> None:
    upsert_terms(Grade, content.grades, report, "grades")


def network(content: NetworkFile, report) -> None:
    schools = {}
    for entry in content.municipalities:
        municipality = upsert(
            Municipality,
            {"slug": entry.key},
            {
                "name": entry.name,
                "country": entry.country,
                "languages": list(entry.languages),
                "default_licence": entry.default_licence,
            },
            report,
            "municipalities",
        )
        for school in entry.schools:
            schools[school.key] = upsert(
                School,
                {"slug": school.key},
                {"name": school.name, "municipality": municipality},
                report,
                "schools",
            )
    db.session.flush()
    subjects_by_key = {subject.key: subject for subject in db.session.scalars(select(Subject))}
    for entry in content.teachers:
        teacher = upsert(
            Teacher,
            {"email": entry.email.lower()},
            {
                "name": entry.name,
                "school": schools[entry.school],
                "subjects": sorted(
                    (subjects_by_key[key] for key in entry.subjects), key=lambda s: s.key
                ),
                "languages": list(entry.languages),
                "ui_language": entry.ui_language,
                "is_coordinator": entry.coordinator,
                "is_admin": entry.admin,
            },
            report,
            "teachers",
        )
        if not teacher.password_hash:
            teacher.set_password(content.demo_password)
    db.session.flush()
