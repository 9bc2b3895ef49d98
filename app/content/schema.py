"""The shape of the files in ``content/``; anything else is refused with a precise message."""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints, field_validator

from app.languages import CONTENT_LANGUAGES
from app.licences import LICENCES

Key = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=120)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=160)]


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def check_languages(codes: list[str]) -> list[str]:
    unknown = [code for code in codes if code not in CONTENT_LANGUAGES]
    if unknown:
        raise ValueError(
            f"unknown language code(s) {', '.join(unknown)}; use ISO 639-1 codes from "
            f"{', '.join(CONTENT_LANGUAGES)}"
        )
    return codes


class TermEntry(Entry):
    key: Key
    #: The name in each interface language; English is required as the fallback.
    names: dict[str, Name]

    @field_validator("names")
    @classmethod
    def english_required(cls, names: dict[str, str]) -> dict[str, str]:
        if "en" not in names:
            raise ValueError("an English name (en) is required")
        return names


class SubjectsFile(Entry):
    subjects: list[TermEntry]


class GradesFile(Entry):
    grades: list[TermEntry]


class SchoolEntry(Entry):
    key: Key
    name: Name


class MunicipalityEntry(Entry):
    key: Key
    name: Name
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
    languages: list[str] = Field(min_length=1)
    default_licence: str = "CC-BY-4.0"
    schools: list[SchoolEntry] = Field(min_length=1)

    _languages = field_validator("languages")(check_languages)

    @field_validator("default_licence")
    @classmethod
    def known_licence(cls, code: str) -> str:
        if code not in LICENCES:
            raise ValueError(f"unknown licence {code!r}; use one of {', '.join(LICENCES)}")
        return code


class TeacherEntry(Entry):
    email: EmailStr
    name: Name
    #: Key of the teacher's school.
    school: Key
    subjects: list[Key] = []
    languages: list[str] = Field(min_length=1)
    ui_language: str | None = None
    coordinator: bool = False
    admin: bool = False

    _languages = field_validator("languages")(check_languages)


class NetworkFile(Entry):
    #: Password given to demo teachers when they are first created (never on update).
    demo_password: Annotated[str, StringConstraints(min_length=10)]
    municipalities: list[MunicipalityEntry]
    teachers: list[TeacherEntry] = []
