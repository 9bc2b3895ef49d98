"""The exchange's rules for who may review whom, and who is picked first: pure functions over
plain data, so that they can be reasoned about (and tested) without a database."""

from collections import Counter
from dataclasses import dataclass
from functools import cached_property

AUTHOR, COLLABORATOR, INACTIVE = "author", "collaborator", "inactive"
SCHOOL, MUNICIPALITY, ASSIGNED = "school", "municipality", "assigned"
CONFLICT, RECIPROCAL = "conflict", "reciprocal"
#: Every rule; a teacher passed over is counted under the first they break, so that the rules
#: after MUNICIPALITY count only teachers of other municipalities.
RULES = (AUTHOR, INACTIVE, SCHOOL, MUNICIPALITY, COLLABORATOR, ASSIGNED, CONFLICT, RECIPROCAL)
#: Rules no written reason sets aside.
ABSOLUTE = (AUTHOR, COLLABORATOR, INACTIVE)
#: Why teachers of other municipalities were passed over, as a shortfall counts them
#: (ASSIGNED: those who declined or were withdrawn; current reviewers count as found).
COUNTED = (COLLABORATOR, ASSIGNED, CONFLICT, RECIPROCAL)
#: Not a rule: how a shortfall counts the request's current reviewers.
REVIEWING = "reviewing"


@dataclass(frozen=True)
class Person:
    """A teacher as allocation sees them."""

    id: int
    school_id: int
    municipality_id: int
    municipality: str = ""
    subjects: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    active: bool = True
    #: Invitations and accepted reviews not yet submitted, across all requests.
    open_reviews: int = 0


@dataclass(frozen=True)
class Case:
    """One request as the rules see it."""

    authors: tuple[Person, ...]
    #: Everyone with any role on the document.
    collaborators: frozenset[int] = frozenset()
    #: Everyone ever asked to review this request, whatever they answered.
    assigned: frozenset[int] = frozenset()
    #: Those of them filling a place now (invited, accepted or submitted).
    reviewing: frozenset[int] = frozenset()
    #: Declared conflicts of interest, (declared by, about), involving an author.
    conflicts: frozenset[tuple[int, int]] = frozenset()
    #: (reviewer, author of the reviewed work) within REVIEW_RECIPROCAL_DAYS.
    reviewed: frozenset[tuple[int, int]] = frozenset()
    subjects: frozenset[str] = frozenset()
    language: str = ""
    wanted: int = 2

    @cached_property
    def author_ids(self) -> frozenset[int]:
        return frozenset(author.id for author in self.authors)

    @property
    def filled(self) -> int:
        return len(self.reviewing)

    @property
    def places(self) -> int:
        return max(self.wanted - self.filled, 0)


def broken_rules(case: Case, person: Person) -> tuple[str, ...]:
    """The rules that keep ``person`` from reviewing this request, in RULES order."""
    authors = case.author_ids
    checks = {
        AUTHOR: person.id in authors,
        COLLABORATOR: person.id in case.collaborators,
        INACTIVE: not person.active,
        SCHOOL: any(person.school_id == author.school_id for author in case.authors),
        MUNICIPALITY: any(person.municipality_id == a.municipality_id for a in case.authors),
        ASSIGNED: person.id in case.assigned,
        CONFLICT: any({(person.id, a), (a, person.id)} & case.conflicts for a in authors),
        RECIPROCAL: any((author, person.id) in case.reviewed for author in authors),
    }
    return tuple(rule for rule in RULES if checks[rule])


@dataclass(frozen=True)
class Pick:
    """An eligible teacher and what speaks for them."""

    person: Person
    subject_match: bool
    language_match: bool

    @property
    def key(self) -> tuple:
        """Subject match first, then language, then fewest open reviews; ties by id."""
        return (
            not self.subject_match,
            not self.language_match,
            self.person.open_reviews,
            self.person.id,
        )

    @property
    def reasons(self) -> dict:
        return {
            "municipality": self.person.municipality,
            "subject": self.subject_match,
            "language": self.language_match,
            "open": self.person.open_reviews,
        }


def rank(case: Case, person: Person) -> Pick:
    return Pick(
        person,
        subject_match=bool(case.subjects & person.subjects),
        language_match=bool(case.language) and case.language in person.languages,
    )


@dataclass(frozen=True)
class Allocation:
    picks: tuple[Pick, ...]
    #: Every eligible teacher, best first.
    eligible: tuple[Pick, ...]
    #: Teachers passed over, under the first rule they break.
    excluded: dict[str, int]
    case: Case

    @property
    def shortfall(self) -> dict | None:
        """Why places stay open, as counts: None when every place is filled."""
        if len(self.picks) >= self.case.places:
            return None
        passed_over = {rule: self.excluded.get(rule, 0) for rule in COUNTED}
        pool = len(self.eligible) + self.excluded.get(REVIEWING, 0) + sum(passed_over.values())
        return {
            "found": self.case.filled + len(self.picks),
            "wanted": self.case.wanted,
            "pool": pool,
            **{rule: count for rule, count in passed_over.items() if count},
        }


def allocate(case: Case, people: list[Person]) -> Allocation:
    """Pick teachers for the open places: only those who break no rule, best match first.

    Loads are read afresh for every fill, the last fill's invitations included, so filling
    request after request keeps equally matched teachers' loads within one of each other.
    """
    excluded: Counter[str] = Counter()
    eligible = []
    for person in people:
        broken = broken_rules(case, person)
        if not broken:
            eligible.append(rank(case, person))
        elif broken[0] == ASSIGNED and person.id in case.reviewing:
            excluded[REVIEWING] += 1
        else:
            excluded[broken[0]] += 1
    eligible.sort(key=lambda pick: pick.key)
    return Allocation(tuple(eligible[: case.places]), tuple(eligible), dict(excluded), case)
