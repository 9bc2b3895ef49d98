"""The dashboard's tables are made of: whose dashboard it is, and cells with their links."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from flask import url_for

from app.network.models import Municipality
from app.network.school_years import SchoolYear


@dataclass(frozen=True)
class Scope:
    """Whose dashboard, for which year, read by whom, on which day."""

    viewer: object
    municipality: Municipality
    year: SchoolYear
    today: date


@dataclass(frozen=True)
class Cell:
    #: Text, a whole or decimal number, a date, a yes/no, or None for nothing.
    value: object
    link: str | None = None


@dataclass(frozen=True)
class Table:
    name: str
    caption: str
    headings: list[str]
    rows: list[list[Cell]]
    empty: str


#: A column: its heading and how to make its cell from a row's item.
Column = tuple[str, Callable[[object], Cell]]


def table(name: str, caption: str, columns: list[Column], items: Iterable, empty: str) -> Table:
    """A table with a row per item; each heading sits beside the cell it heads."""
    return Table(
        name,
        caption,
        [heading for heading, _ in columns],
        [[cell(item) for _, cell in columns] for item in items],
        empty,
    )


def document_link(document) -> str:
    return url_for(f"documents.{document.kind}", document_id=document.id)


def municipality_of(teacher) -> str:
    return teacher.school.municipality.name
