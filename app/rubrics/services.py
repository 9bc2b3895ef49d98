"""Publishing rubrics: every change is a new version, and a published version never changes."""

import re

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.extensions import db
from app.network.models import Teacher
from app.rubrics.drafts import (
    MAX_NOTE,
    CriterionDraft,
    LevelDraft,
    Problem,
    RubricDraft,
    check_draft,
    text_problems,
)
from app.rubrics.models import PURPOSES, Criterion, Level, Rubric, RubricVersion

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_SLUG = 80
#: Short names that are pages of their own under /rubrics/.
RESERVED_SLUGS = frozenset({"new"})


class InvalidRubric(Exception):
    """The rubric breaks its rules; ``problems`` say where and why, for the form to show."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(".".join(map(str, p.where)) for p in problems))


class VersionConflict(Exception):
    """Another version was published after the one a revision started from."""

    def __init__(self, rubric: Rubric, current_number: int):
        self.rubric, self.current_number = rubric, current_number
        super().__init__(f"rubric {rubric.slug} is now at version {current_number}")


def find_rubric(slug: str) -> Rubric | None:
    return db.session.scalar(select(Rubric).where(Rubric.slug == slug))


def draft_of(version: RubricVersion) -> RubricDraft:
    """What a published version (or a rubric file) says, as a draft to revise or compare with."""
    return RubricDraft(
        name=version.name,
        description=version.description,
        language=version.language,
        threshold=version.threshold,
        criteria=tuple(
            CriterionDraft(
                title=criterion.title,
                description=criterion.description,
                weight=criterion.weight,
                levels=tuple(LevelDraft(lv.score, lv.descriptor) for lv in criterion.levels),
            )
            for criterion in version.criteria
        ),
    )


def tidy(draft: RubricDraft) -> RubricDraft:
    """The draft as it is stored: texts without surrounding spaces, numbers as floats."""
    return RubricDraft(
        name=draft.name.strip(),
        description=draft.description.strip(),
        language=draft.language,
        threshold=float(draft.threshold),
        criteria=tuple(
            CriterionDraft(
                title=criterion.title.strip(),
                description=criterion.description.strip(),
                weight=float(criterion.weight),
                levels=tuple(
                    LevelDraft(float(level.score), level.descriptor.strip())
                    for level in criterion.levels
                ),
            )
            for criterion in draft.criteria
        ),
    )


def valid_slug(slug: str) -> bool:
    """Lower-case letters, digits and single dashes, short, and not the name of a page."""
    return bool(SLUG_PATTERN.match(slug)) and len(slug) <= MAX_SLUG and slug not in RESERVED_SLUGS


def slug_problems(slug: str) -> list[Problem]:
    if not valid_slug(slug):
        message = _l(
            "Use lower-case letters, digits and dashes (at most %(num)d), and not “new”.",
            num=MAX_SLUG,
        )
        return [Problem(("slug",), message)]
    if find_rubric(slug) is not None:
        return [Problem(("slug",), _l("Another rubric already uses this short name."))]
    return []


def note_problems(change_note: str) -> list[Problem]:
    return text_problems(("change_note",), change_note, MAX_NOTE)


def create_rubric(
    *,
    slug: str,
    purpose: str,
    draft: RubricDraft,
    actor: Teacher | None,
    change_note: str = "",
) -> Rubric:
    """A new rubric with ``draft`` published as its version 1."""
    problems = slug_problems(slug) + check_draft(draft) + note_problems(change_note)
    if purpose not in PURPOSES:
        problems.append(Problem(("purpose",), _l("Choose what the rubric is for.")))
    if problems:
        raise InvalidRubric(problems)
    rubric = Rubric(slug=slug, purpose=purpose, created_by=actor)
    db.session.add(rubric)
    add_version(rubric, tidy(draft), number=1, actor=actor, change_note=change_note)
    return rubric


def publish_version(
    rubric: Rubric,
    draft: RubricDraft,
    *,
    actor: Teacher | None,
    change_note: str = "",
    base_number: int | None = None,
) -> RubricVersion:
    """Publish ``draft`` as the rubric's next version and make it current; earlier versions stay
    exactly as they were. ``base_number``, the version a revision started from, must still be
    the newest: otherwise VersionConflict, and the caller rolls back."""
    problems = check_draft(draft) + note_problems(change_note)
    if problems:
        raise InvalidRubric(problems)
    # Lock the rubric so that two revisions in parallel are numbered one after the other.
    db.session.execute(select(Rubric.id).where(Rubric.id == rubric.id).with_for_update())
    newest = db.session.scalar(
        select(func.max(RubricVersion.number)).where(RubricVersion.rubric_id == rubric.id)
    )
    if base_number is not None and newest != base_number:
        raise VersionConflict(rubric, newest)
    return add_version(rubric, tidy(draft), number=newest + 1, actor=actor, change_note=change_note)


def add_version(
    rubric: Rubric, draft: RubricDraft, *, number: int, actor: Teacher | None, change_note: str
) -> RubricVersion:
    version = RubricVersion(
        rubric=rubric,
        number=number,
        name=draft.name,
        description=draft.description,
        language=draft.language,
        threshold=draft.threshold,
        change_note=change_note.strip(),
        created_by=actor,
    )
    for position, source in enumerate(draft.criteria):
        criterion = Criterion(
            version=version,
            position=position,
            title=source.title,
            description=source.description,
            weight=source.weight,
        )
        for level_position, level in enumerate(source.levels):
            criterion.levels.append(
                Level(position=level_position, score=level.score, descriptor=level.descriptor)
            )
    db.session.add(version)
    db.session.flush()
    rubric.current_version = version
    db.session.flush()
    return version
