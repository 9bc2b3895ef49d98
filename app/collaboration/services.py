"""Co-authoring: invite teachers to a unit or standalone lesson, answer, change roles, leave.

Invitations and collaborators belong to the document's access root: a lesson inside a unit is
shared through its unit. Every change keeps at least one owner on the document.
"""

from datetime import timedelta

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.auth.services import find_teacher_by_email, normalise_email
from app.collaboration.errors import (
    AlreadyCollaborator,
    AlreadyInvited,
    AmbiguousName,
    DocumentGone,
    InactiveTeacher,
    InvalidAddress,
    InvitationClosed,
    InvitationExpired,
    LastOwner,
    NotInvitee,
    UnknownTeacher,
)
from app.collaboration.permissions import invitations_to, is_invitee
from app.db import utcnow
from app.documents.deletion import deleted_root
from app.documents.models import OWNER, ROLES, Collaborator, Document, Invitation
from app.extensions import db
from app.network.models import School, Teacher
from app.notifications import events, watching

PENDING, ACCEPTED, DECLINED, REVOKED = "pending", "accepted", "declined", "revoked"


def open_invitations():
    """SQL condition on ``Invitation``: pending, not yet expired, to a document not deleted."""
    return (
        (Invitation.state == PENDING)
        & (Invitation.expires_at > utcnow())
        & Invitation.document.has(Document.deleted_at.is_(None))
    )


def lock_people(document: Document) -> None:
    """Serialise changes to one document's people and re-read them.

    Two owners demoting each other at once must not leave the document ownerless: PostgreSQL
    takes a row lock on the document (SQLite writers queue anyway, with ``BEGIN IMMEDIATE``).
    """
    db.session.execute(select(Document.id).where(Document.id == document.id).with_for_update())
    # Roles read before the lock (by the permission check) may be out of date by now.
    db.session.scalars(
        select(Collaborator)
        .where(Collaborator.document_id == document.id)
        .execution_options(populate_existing=True)
    ).all()
    db.session.expire(document, ["collaborators"])


def keep_an_owner(document: Document, *, without: Collaborator) -> None:
    if not any(c.role == OWNER and c is not without for c in document.collaborators):
        raise LastOwner()


def find_teacher_by_name(name: str) -> Teacher:
    """The one active teacher with this full name, compared without regard to case."""
    # SQLite's lower() folds only ASCII (not Å, Ä, Ö), so names are compared in Python,
    # after narrowing the candidates by length in SQL.
    candidates = db.session.scalars(
        select(Teacher)
        .where(Teacher.active, func.length(Teacher.name) == len(name))
        .options(selectinload(Teacher.school).selectinload(School.municipality))
        .order_by(Teacher.id)
    )
    matches = [teacher for teacher in candidates if teacher.name.casefold() == name.casefold()]
    if not matches:
        raise UnknownTeacher(name)
    if len(matches) > 1:
        raise AmbiguousName(name, matches)
    return matches[0]


def find_invitee(name_or_email: str) -> tuple[Teacher | None, str]:
    """(the teacher, if they have an account; the address to invite)."""
    text = " ".join(name_or_email.split())
    if "@" not in text:
        teacher = find_teacher_by_name(text)
        return teacher, teacher.email
    try:
        validate_email(text, check_deliverability=False)
    except EmailNotValidError as error:
        raise InvalidAddress(text) from error
    email = normalise_email(text)
    return find_teacher_by_email(email), email


def invite(document: Document, *, inviter: Teacher, name_or_email: str, role: str) -> Invitation:
    """Invite a teacher by e-mail or unique name, or an address that has no account yet."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    root = document.access_root
    teacher, email = find_invitee(name_or_email)
    lock_people(root)
    if teacher is not None:
        if not teacher.active:
            raise InactiveTeacher(teacher)
        if any(c.teacher_id == teacher.id for c in root.collaborators):
            raise AlreadyCollaborator(teacher)
    addressed = Invitation.email == email
    if teacher is not None:
        addressed |= Invitation.teacher_id == teacher.id
    waiting = db.session.scalar(
        select(Invitation).where(Invitation.document_id == root.id, open_invitations(), addressed)
    )
    if waiting is not None:
        raise AlreadyInvited(waiting)
    invitation = Invitation(
        document=root,
        teacher=teacher,
        email=email,
        role=role,
        invited_by=inviter,
        expires_at=utcnow() + timedelta(days=current_app.config["INVITATION_DAYS"]),
    )
    db.session.add(invitation)
    db.session.flush()
    events.invited(invitation)
    return invitation


def check_answerable(invitation: Invitation, teacher: Teacher) -> None:
    lock_people(invitation.document)
    db.session.refresh(invitation)
    if not is_invitee(teacher, invitation):
        raise NotInvitee()
    if invitation.state != PENDING:
        raise InvitationClosed()
    if invitation.expires_at <= utcnow():
        raise InvitationExpired(invitation)
    if deleted_root(invitation.document) is not None:
        raise DocumentGone()


def close(invitation: Invitation, state: str) -> None:
    invitation.state = state
    invitation.answered_at = utcnow()


def accept(invitation: Invitation, *, teacher: Teacher) -> Collaborator:
    """The invitee joins the document in the role they were invited to."""
    check_answerable(invitation, teacher)
    root = invitation.document
    if any(c.teacher_id == teacher.id for c in root.collaborators):
        raise AlreadyCollaborator(teacher)
    collaborator = Collaborator(teacher=teacher, role=invitation.role)
    root.collaborators.append(collaborator)
    invitation.teacher = teacher
    close(invitation, ACCEPTED)
    db.session.flush()
    watching.watch(teacher, root, "author")
    return collaborator


def decline(invitation: Invitation, *, teacher: Teacher) -> None:
    """The invitee says no; the owners see the invitation is no longer open."""
    check_answerable(invitation, teacher)
    invitation.teacher = teacher
    close(invitation, DECLINED)
    db.session.flush()


def revoke(invitation: Invitation) -> None:
    """An owner withdraws an invitation that has not been answered."""
    lock_people(invitation.document)
    db.session.refresh(invitation)
    if invitation.state != PENDING:
        raise InvitationClosed()
    close(invitation, REVOKED)
    db.session.flush()


def change_role(collaborator: Collaborator, role: str) -> None:
    """Give a collaborator another role; the last owner cannot step down."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    root = collaborator.document
    lock_people(root)
    if collaborator.role == OWNER and role != OWNER:
        keep_an_owner(root, without=collaborator)
    collaborator.role = role
    db.session.flush()


def remove_collaborator(collaborator: Collaborator) -> None:
    """Take a collaborator off (an owner's decision, or leaving); never the last owner."""
    root = collaborator.document
    lock_people(root)
    if collaborator not in root.collaborators:  # removed meanwhile by someone else
        return
    keep_an_owner(root, without=collaborator)
    root.collaborators.remove(collaborator)
    db.session.flush()


def collaborators_of(document: Document) -> list[Collaborator]:
    """Everyone on the document with their school and municipality, owners first, by name."""
    rows = db.session.scalars(
        select(Collaborator)
        .where(Collaborator.document_id == document.access_root.id)
        .options(
            selectinload(Collaborator.teacher)
            .selectinload(Teacher.school)
            .selectinload(School.municipality)
        )
    ).all()
    return sorted(rows, key=lambda c: (ROLES.index(c.role), c.teacher.name.casefold()))


def open_invitations_of(document: Document) -> list[Invitation]:
    """The document's invitations still waiting for an answer, oldest first."""
    return db.session.scalars(
        select(Invitation)
        .where(Invitation.document_id == document.access_root.id, open_invitations())
        .options(selectinload(Invitation.teacher))
        .order_by(Invitation.created_at, Invitation.id)
    ).all()


def open_invitations_to(teacher: Teacher) -> list[Invitation]:
    """What a teacher has been invited to and may still answer, newest first."""
    return db.session.scalars(
        select(Invitation)
        .where(invitations_to(teacher), open_invitations())
        .options(
            selectinload(Invitation.document).selectinload(Document.current_revision),
            selectinload(Invitation.invited_by)
            .selectinload(Teacher.school)
            .selectinload(School.municipality),
        )
        .order_by(Invitation.created_at.desc(), Invitation.id.desc())
    ).all()


def count_open_invitations_to(teacher: Teacher) -> int:
    return db.session.scalar(
        select(func.count(Invitation.id)).where(invitations_to(teacher), open_invitations())
    )
