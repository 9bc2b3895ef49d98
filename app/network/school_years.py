"""School years: a school year runs from 1 August to 31 July and is named by its
two calendar years with an en dash between them (DASH).

Dates are read as calendar days in UTC, the zone every stored time is in.
"""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

#: The first school year Tandem accepts in an address; the last is the one after the current.
FIRST_YEAR = 2000
#: The separator of a school year's label: an en dash, as between any two numbers of a range.
DASH = "\N{EN DASH}"
#: "2025-26" or "2025" DASH "26", the second part the next year's last two digits.
PATTERN = re.compile(rf"^\s*(\d{{4}})\s*[-{DASH}]\s*(\d{{2}})\s*$")


@dataclass(frozen=True, order=True)
class SchoolYear:
    """The school year that starts on 1 August of ``start``."""

    start: int

    @property
    def label(self) -> str:
        return f"{self.start}{DASH}{(self.start + 1) % 100:02d}"

    @property
    def slug(self) -> str:
        """The label with a hyphen, for addresses and file names: "2025-26"."""
        return self.label.replace(DASH, "-")

    @property
    def starts(self) -> date:
        return date(self.start, 8, 1)

    @property
    def ends(self) -> date:
        return date(self.start + 1, 7, 31)

    @property
    def since(self) -> datetime:
        """The first moment of the year, for comparing with stored times."""
        return datetime(self.start, 8, 1, tzinfo=UTC)

    @property
    def until(self) -> datetime:
        """The first moment after the year (exclusive)."""
        return datetime(self.start + 1, 8, 1, tzinfo=UTC)

    def contains(self, moment: date | datetime) -> bool:
        if isinstance(moment, datetime):
            moment = moment.astimezone(UTC).date() if moment.tzinfo else moment.date()
        return self.starts <= moment <= self.ends

    def __str__(self) -> str:
        return self.label

    @classmethod
    def of(cls, moment: date | datetime) -> "SchoolYear":
        """The school year a day (or moment) falls in."""
        if isinstance(moment, datetime) and moment.tzinfo:
            moment = moment.astimezone(UTC)
        return cls(moment.year if moment.month >= 8 else moment.year - 1)

    @classmethod
    def current(cls, today: date | None = None) -> "SchoolYear":
        return cls.of(today or datetime.now(UTC).date())

    @classmethod
    def parse(cls, text: str, *, today: date | None = None) -> "SchoolYear":
        """The school year "2025-26" names (or its label, with DASH); ValueError for
        anything else, or a year before FIRST_YEAR or after the next one."""
        match = PATTERN.match(text or "")
        if not match:
            raise ValueError(f"not a school year: {text!r}")
        start, end = int(match.group(1)), int(match.group(2))
        if (start + 1) % 100 != end:
            raise ValueError(f"a school year ends the year after it starts: {text!r}")
        year = cls(start)
        if not FIRST_YEAR <= start <= cls.current(today).start + 1:
            raise ValueError(f"school year out of range: {text!r}")
        return year

    @classmethod
    def accepted(cls, today: date | None = None) -> tuple["SchoolYear", "SchoolYear"]:
        """The earliest and latest school year ``parse`` accepts."""
        return cls(FIRST_YEAR), cls(cls.current(today).start + 1)
