"""The co-authoring rules, through the services: who can be invited, who may answer, owners."""

from datetime import timedelta

import pytest
from sqlalchemy import update

from app.collaboration import errors, services
from app.db import utcnow
from app.documents import deletion
from app.documents.models import EDITOR, OWNER, VIEWER, Collaborator
from app.documents.permissions import can_edit, role_of
from app.extensions import db


def invite(document, name_or_email, role=EDITOR):
    owner = next(c.teacher for c in document.access_root.collaborators if c.role == OWNER)
    invitation = services.invite(document, inviter=owner, name_or_email=name_or_email, role=role)
    db.session.commit()
    return invitation


def test_invite_by_email_ignores_case_and_finds_the_account(make_unit, make_teacher):
    unit, teacher = make_unit(), make_teacher()
    invitation = invite(unit, f"  {teacher.email.upper()} ")
    assert invitation.teacher_id == teacher.id
    assert invitation.email == teacher.email
    assert invitation.document_id == unit.id
    assert invitation.state == "pending"


def test_invitation_expires_after_the_configured_days(app, make_unit, make_teacher):
    app.config["INVITATION_DAYS"] = 3
    try:
        invitation = invite(make_unit(), make_teacher().email)
    finally:
        app.config["INVITATION_DAYS"] = 14
    assert timedelta(days=3) - timedelta(minutes=1) < invitation.expires_at - utcnow()
    assert invitation.expires_at - utcnow() <= timedelta(days=3)


def test_invite_by_name_ignores_case_and_extra_spaces(make_unit, make_teacher):
    teacher = make_teacher("Åsa Öberg")
    invitation = invite(make_unit(), "  åsa   öberg ")
    assert invitation.teacher_id == teacher.id


def test_a_name_shared_by_two_active_teachers_is_ambiguous(make_unit, make_teacher):
    first, second = make_teacher("Anna Virtanen"), make_teacher("Anna Virtanen")
    with pytest.raises(errors.AmbiguousName) as refused:
        invite(make_unit(), "Anna Virtanen")
    assert refused.value.teachers == [first, second]


def test_a_deactivated_namesake_does_not_make_a_name_ambiguous(make_unit, make_teacher):
    make_teacher("Anna Virtanen", active=False)
    active = make_teacher("Anna Virtanen")
    assert invite(make_unit(), "Anna Virtanen").teacher_id == active.id


def test_an_unknown_name_is_refused(make_unit, make_teacher):
    make_teacher("Anna Virtanen")
    with pytest.raises(errors.UnknownTeacher):
        invite(make_unit(), "Anna Virta")


def test_an_unknown_address_is_invited_without_an_account(make_unit):
    invitation = invite(make_unit(), "New.Colleague@Haparanda.example")
    assert invitation.teacher_id is None
    assert invitation.email == "new.colleague@haparanda.example"


def test_something_that_is_not_an_address_is_refused(make_unit):
    with pytest.raises(errors.InvalidAddress):
        invite(make_unit(), "someone@")


def test_an_existing_collaborator_cannot_be_invited(make_unit, make_teacher):
    editor = make_teacher()
    unit = make_unit(collaborators={"viewer": [editor]})
    with pytest.raises(errors.AlreadyCollaborator):
        invite(unit, editor.email)


def test_someone_with_an_open_invitation_cannot_be_invited_again(make_unit, make_teacher):
    unit, teacher = make_unit(), make_teacher("Anna Virtanen")
    invite(unit, teacher.email)
    with pytest.raises(errors.AlreadyInvited):
        invite(unit, "anna virtanen", role=VIEWER)


def test_after_expiry_someone_can_be_invited_again(make_unit, make_teacher):
    unit, teacher = make_unit(), make_teacher()
    first = invite(unit, teacher.email)
    first.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert invite(unit, teacher.email).id != first.id


def test_an_invitation_to_a_units_lesson_is_to_the_unit(make_unit, make_lesson, make_teacher):
    unit = make_unit()
    lesson = make_lesson(unit=unit)
    invitation = invite(lesson, make_teacher().email)
    assert invitation.document_id == unit.id


def test_accepting_makes_the_invitee_a_collaborator_in_that_role(make_unit, make_teacher):
    unit, teacher = make_unit(), make_teacher()
    invitation = invite(unit, teacher.email, role=EDITOR)
    services.accept(invitation, teacher=teacher)
    db.session.commit()
    assert role_of(teacher, unit) == EDITOR
    assert can_edit(teacher, unit)
    assert invitation.state == "accepted"
    assert invitation.answered_at is not None


def test_declining_adds_no_one(make_unit, make_teacher):
    unit, teacher = make_unit(), make_teacher()
    invitation = invite(unit, teacher.email)
    services.decline(invitation, teacher=teacher)
    db.session.commit()
    assert role_of(teacher, unit) is None
    assert invitation.state == "declined"
    with pytest.raises(errors.InvitationClosed):
        services.accept(invitation, teacher=teacher)


def test_an_expired_invitation_cannot_be_accepted(make_unit, make_teacher):
    unit, teacher = make_unit(), make_teacher()
    invitation = invite(unit, teacher.email)
    invitation.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    with pytest.raises(errors.InvitationExpired):
        services.accept(invitation, teacher=teacher)
    assert role_of(teacher, unit) is None


def test_someone_else_cannot_accept_an_invitation(make_unit, make_teacher):
    unit, invitee, other = make_unit(), make_teacher(), make_teacher()
    invitation = invite(unit, invitee.email)
    with pytest.raises(errors.NotInvitee):
        services.accept(invitation, teacher=other)
    with pytest.raises(errors.NotInvitee):
        services.decline(invitation, teacher=other)


def test_an_address_invitation_is_for_whoever_signs_up_with_it(make_unit, make_teacher):
    unit = make_unit()
    invitation = invite(unit, "later@haparanda.example")
    with pytest.raises(errors.NotInvitee):
        services.accept(invitation, teacher=make_teacher())
    newcomer = make_teacher()
    newcomer.email = "later@haparanda.example"
    db.session.commit()
    services.accept(invitation, teacher=newcomer)
    db.session.commit()
    assert invitation.teacher_id == newcomer.id
    assert role_of(newcomer, unit) == EDITOR


def test_a_withdrawn_invitation_cannot_be_accepted(make_unit, make_teacher):
    unit, teacher = make_unit(), make_teacher()
    invitation = invite(unit, teacher.email)
    services.revoke(invitation)
    db.session.commit()
    with pytest.raises(errors.InvitationClosed):
        services.accept(invitation, teacher=teacher)


def test_an_invitation_to_a_deleted_unit_cannot_be_answered(make_unit, make_teacher):
    unit, teacher = make_unit(), make_teacher()
    invitation = invite(unit, teacher.email)
    owner = next(c.teacher for c in unit.collaborators if c.role == OWNER)
    deletion.delete_document(unit, author=owner)
    db.session.commit()
    with pytest.raises(errors.DocumentGone):
        services.accept(invitation, teacher=teacher)
    assert role_of(teacher, unit) is None
    db.session.rollback()
    deletion.undo_deletion(unit, author=owner)
    db.session.commit()
    services.accept(invitation, teacher=teacher)
    assert role_of(teacher, unit) == EDITOR


def owner_row(unit):
    return next(c for c in unit.collaborators if c.role == OWNER)


def test_the_last_owner_cannot_be_demoted_removed_or_leave(make_unit):
    unit = make_unit()
    owner = owner_row(unit)
    with pytest.raises(errors.LastOwner):
        services.change_role(owner, EDITOR)
    with pytest.raises(errors.LastOwner):
        services.remove_collaborator(owner)
    db.session.rollback()
    assert [(c.teacher_id, c.role) for c in unit.collaborators] == [(owner.teacher_id, OWNER)]


def test_with_a_second_owner_the_first_can_step_down_and_leave(make_unit, make_teacher):
    second = make_teacher()
    unit = make_unit(collaborators={"editor": [second]})
    first = owner_row(unit)
    editor = next(c for c in unit.collaborators if c.teacher_id == second.id)
    services.change_role(editor, OWNER)
    services.change_role(first, EDITOR)
    db.session.commit()
    services.remove_collaborator(first)
    db.session.commit()
    assert [(c.teacher_id, c.role) for c in unit.collaborators] == [(second.id, OWNER)]
    with pytest.raises(errors.LastOwner):
        services.remove_collaborator(editor)


@pytest.mark.backends("postgresql")  # on SQLite a writing request holds the write lock at once
def test_the_owner_rule_reads_roles_changed_meanwhile_by_another_request(make_unit, make_teacher):
    """Two owners stepping down at once on PostgreSQL: the second sees the first's change."""
    second = make_teacher()
    unit = make_unit(collaborators={OWNER: [second]})
    second_row = next(c for c in unit.collaborators if c.teacher_id == second.id)
    first_row = next(c for c in unit.collaborators if c.teacher_id != second.id)
    assert second_row.role == OWNER  # loaded in this session, as a permission check would
    with db.engine.begin() as other_request:
        other_request.execute(
            update(Collaborator).where(Collaborator.id == second_row.id).values(role=EDITOR)
        )
    with pytest.raises(errors.LastOwner):
        services.change_role(first_row, EDITOR)
