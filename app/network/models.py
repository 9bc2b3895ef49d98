"""The municipal network: municipalities, their schools, teachers and the subjects they teach."""

import hmac
import secrets
from datetime import datetime

from flask import current_app
from flask_babel import get_locale
from flask_login import UserMixin
from sqlalchemy import JSON, Column, ForeignKey, String, Table, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from app.db import Model, utcnow
from app.licences import DEFAULT_LICENCE


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


class Municipality(Model):
    __tablename__ = "municipality"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stable key used in URLs and by ``flask content load`` ("haparanda").
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    #: ISO 3166-1 alpha-2 code ("FI", "SE").
    country: Mapped[str] = mapped_column(String(2))
    #: ISO 639-1 codes of the languages taught in, most used first.
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    default_licence: Mapped[str] = mapped_column(String(32), default=DEFAULT_LICENCE)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    schools: Mapped[list["School"]] = relationship(
        back_populates="municipality", order_by="School.name"
    )

    def __repr__(self) -> str:
        return f"<Municipality {self.slug}>"


class School(Model):
    __tablename__ = "school"
    __table_args__ = (UniqueConstraint("municipality_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stable key used by ``flask content load`` ("haparanda-sundsskolan").
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    municipality: Mapped[Municipality] = relationship(back_populates="schools")
    teachers: Mapped[list["Teacher"]] = relationship(
        back_populates="school", order_by="Teacher.name"
    )

    def __repr__(self) -> str:
        return f"<School {self.slug}>"


class Term:
    """An entry of a controlled list, named in each interface language."""

    key: Mapped[str] = mapped_column(String(60), unique=True)
    #: The name per UI language: {"en": "Biology", "fi": "Biologia", "sv": "Biologi"}.
    names: Mapped[dict[str, str]] = mapped_column(JSON)
    #: Place in the list as the content file gives it.
    position: Mapped[int] = mapped_column(default=0)

    @property
    def name(self) -> str:
        return self.names.get(str(get_locale())) or self.names.get("en") or self.key


class Subject(Term, Model):
    """A school subject or vocational field, from ``content/subjects.yaml``."""

    __tablename__ = "subject"

    id: Mapped[int] = mapped_column(primary_key=True)


class Grade(Term, Model):
    """A grade or level (Grade 7, Vocational year 1), from ``content/grades.yaml``."""

    __tablename__ = "grade"

    id: Mapped[int] = mapped_column(primary_key=True)


teacher_subject = Table(
    "teacher_subject",
    Model.metadata,
    Column("teacher_id", ForeignKey("teacher.id", ondelete="CASCADE"), primary_key=True),
    Column("subject_id", ForeignKey("subject.id", ondelete="CASCADE"), primary_key=True),
)

teacher_grade = Table(
    "teacher_grade",
    Model.metadata,
    Column("teacher_id", ForeignKey("teacher.id", ondelete="CASCADE"), primary_key=True),
    Column("grade_id", ForeignKey("grade.id", ondelete="CASCADE"), primary_key=True),
)

#: Parts of a profile a teacher may show to colleagues of other municipalities; only what is
#: shown can be searched when partners are looked for.
PROFILE_PARTS = ("subjects", "grades", "languages", "interests")


class Teacher(UserMixin, Model):
    """A signed-up teacher; also every coordinator and network admin."""

    __tablename__ = "teacher"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    #: Stored lower-cased; the sign-in identity.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id"), index=True)
    #: ISO 639-1 codes of the languages the teacher can work in.
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: The interface language chosen in the profile; None follows the browser.
    ui_language: Mapped[str | None] = mapped_column(String(5))
    #: Coordinates the municipality of the teacher's school.
    is_coordinator: Mapped[bool] = mapped_column(default=False)
    #: Runs the site for the whole network.
    is_admin: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    #: Taking part in the exchange for the first time: may be paired with a mentor.
    new_to_exchange: Mapped[bool] = mapped_column(default=False)
    #: Offers to mentor teachers new to the exchange from partner municipalities.
    offers_mentoring: Mapped[bool] = mapped_column(default=False)
    #: What the teacher would like to work on with partners, in their own words.
    interests: Mapped[str] = mapped_column(String(500), default="")
    #: Which of PROFILE_PARTS the teacher shows to colleagues looking for partners.
    shown_on_profile: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: Part of the session cookie; replacing it signs out every copy of every session.
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    school: Mapped[School] = relationship(back_populates="teachers")
    subjects: Mapped[list[Subject]] = relationship(secondary=teacher_subject, order_by=Subject.key)
    grades: Mapped[list[Grade]] = relationship(secondary=teacher_grade, order_by=Grade.position)

    def __repr__(self) -> str:
        return f"<Teacher {self.email}>"

    @property
    def municipality(self) -> Municipality:
        return self.school.municipality

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    def holds_session(self, token: str) -> bool:
        return hmac.compare_digest(self.session_token, token)

    def end_sessions(self) -> None:
        """Invalidate every session cookie issued to this teacher."""
        self.session_token = new_session_token()

    def set_password(self, password: str) -> None:
        method = current_app.config["PASSWORD_HASH_METHOD"]
        self.password_hash = generate_password_hash(password, method=method)
        self.end_sessions()

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)


class Mentorship(Model):
    """A teacher new to the exchange paired with an experienced mentor of another municipality.

    Asked for by the new teacher (or set up by a coordinator), it is pending until the mentor
    accepts; either of them can end it.
    """

    __tablename__ = "mentorship"

    id: Mapped[int] = mapped_column(primary_key=True)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("teacher.id"), index=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("teacher.id"), index=True)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("teacher.id"))
    #: pending, active, declined or ended.
    state: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    answered_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]

    mentee: Mapped[Teacher] = relationship(foreign_keys=[mentee_id])
    mentor: Mapped[Teacher] = relationship(foreign_keys=[mentor_id])
    requested_by: Mapped[Teacher] = relationship(foreign_keys=[requested_by_id])
