"""Changes to the network: municipalities, schools, coordinators and active accounts."""

from slugify import slugify
from sqlalchemy import select

from app.extensions import db
from app.mentoring.services import end_pairings_of
from app.network.models import Municipality, School, Teacher


class SlugTaken(Exception):
    """Another municipality already uses this address."""


class SchoolNameTaken(Exception):
    """The municipality already has a school of this name."""


def create_municipality(
    *, slug: str, name: str, country: str, languages: list[str], default_licence: str
) -> Municipality:
    if db.session.scalar(select(Municipality.id).where(Municipality.slug == slug)):
        raise SlugTaken(slug)
    municipality = Municipality(slug=slug)
    update_municipality(
        municipality,
        name=name,
        country=country,
        languages=languages,
        default_licence=default_licence,
    )
    db.session.add(municipality)
    db.session.flush()
    return municipality


def update_municipality(
    municipality: Municipality,
    *,
    name: str,
    country: str,
    languages: list[str],
    default_licence: str,
) -> None:
    municipality.name = name.strip()
    municipality.country = country
    municipality.languages = languages
    municipality.default_licence = default_licence


def add_school(municipality: Municipality, name: str) -> School:
    name = name.strip()
    _check_school_name(municipality.id, name)
    school = School(
        municipality=municipality, name=name, slug=_unique_school_slug(municipality, name)
    )
    db.session.add(school)
    db.session.flush()
    return school


def rename_school(school: School, name: str) -> None:
    name = name.strip()
    _check_school_name(school.municipality_id, name, except_id=school.id)
    school.name = name


def _check_school_name(municipality_id: int, name: str, except_id: int | None = None) -> None:
    """Two schools of one municipality never share a name, whatever the letter case."""
    # Compared in Python: SQLite's lower() folds ASCII only, and "Språkskolan" must clash too.
    others = db.session.scalars(
        select(School.name).where(School.municipality_id == municipality_id, School.id != except_id)
    )
    if any(other.casefold() == name.casefold() for other in others):
        raise SchoolNameTaken(name)


def _unique_school_slug(municipality: Municipality, name: str) -> str:
    base = f"{municipality.slug}-{slugify(name)}"
    taken = set(db.session.scalars(select(School.slug).where(School.slug.startswith(base))))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def set_coordinator(teacher: Teacher, coordinator: bool) -> None:
    teacher.is_coordinator = coordinator


def set_active(teacher: Teacher, active: bool) -> None:
    """Deactivating signs the teacher out everywhere at once and ends their mentoring pairings."""
    teacher.active = active
    if not active:
        teacher.end_sessions()
        end_pairings_of(teacher)
