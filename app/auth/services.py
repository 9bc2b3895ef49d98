"""Accounts: registering, authenticating, and changing what a teacher says about themselves."""

from flask import current_app
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from app.extensions import db
from app.network.models import PROFILE_PARTS, Grade, School, Subject, Teacher


class EmailTaken(Exception):
    """Another account already signs in with this address."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_teacher_by_email(email: str) -> Teacher | None:
    return db.session.scalar(select(Teacher).where(Teacher.email == normalise_email(email)))


def register_teacher(
    *,
    name: str,
    email: str,
    password: str,
    school: School,
    subjects: list[Subject],
    languages: list[str],
    ui_language: str | None,
) -> Teacher:
    """Create an active teacher account at ``school``."""
    if find_teacher_by_email(email) is not None:
        raise EmailTaken(email)
    teacher = Teacher(
        name=name.strip(),
        email=normalise_email(email),
        school=school,
        subjects=subjects,
        languages=languages,
        ui_language=ui_language or None,
    )
    teacher.set_password(password)
    db.session.add(teacher)
    db.session.flush()
    return teacher


def authenticate(email: str, password: str) -> Teacher | None:
    """The active teacher with these credentials, else None, in the same time either way."""
    teacher = find_teacher_by_email(email)
    if teacher is None:
        # Hash anyway so that response time does not reveal which addresses have accounts.
        check_password_hash(_dummy_hash(), password)
        return None
    if not teacher.check_password(password) or not teacher.active:
        return None
    return teacher


def _dummy_hash() -> str:
    method = current_app.config["PASSWORD_HASH_METHOD"]
    cache = current_app.extensions.setdefault("tandem_dummy_hash", {})
    if method not in cache:
        cache[method] = generate_password_hash("not a password", method=method)
    return cache[method]


def subjects_by_ids(ids: list[int]) -> list[Subject]:
    if not ids:
        return []
    return list(db.session.scalars(select(Subject).where(Subject.id.in_(ids))))


def grades_by_ids(ids: list[int]) -> list[Grade]:
    if not ids:
        return []
    return list(db.session.scalars(select(Grade).where(Grade.id.in_(ids))))


def update_profile(
    teacher: Teacher,
    *,
    name: str,
    subjects: list[Subject],
    languages: list[str],
    ui_language: str | None,
    grades: list[Grade],
    interests: str,
    new_to_exchange: bool,
    offers_mentoring: bool,
    shown_on_profile: list[str],
) -> None:
    """Save what the teacher says about themselves and which parts colleagues elsewhere see."""
    teacher.name = name.strip()
    teacher.subjects = subjects
    teacher.languages = languages
    teacher.ui_language = ui_language or None
    teacher.grades = grades
    teacher.interests = interests.strip()
    teacher.new_to_exchange = new_to_exchange
    teacher.offers_mentoring = offers_mentoring
    teacher.shown_on_profile = [part for part in PROFILE_PARTS if part in shown_on_profile]
