"""Who works on a unit or lesson: the People page, invitations, roles, leaving."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.collaboration import services
from app.collaboration.errors import CollaborationError
from app.collaboration.forms import ActionForm, InviteForm, RoleForm, role_label
from app.collaboration.permissions import can_leave, is_invitee
from app.documents.models import Collaborator, Document, Invitation
from app.documents.permissions import can_manage, can_read
from app.documents.views import get_document, require
from app.extensions import db

bp = Blueprint("collaboration", __name__)


@bp.record_once
def share_with_templates(state) -> None:
    state.app.jinja_env.filters["role_label"] = role_label
    state.app.jinja_env.globals["can_leave"] = can_leave


@bp.app_context_processor
def invitation_counter() -> dict:
    """base.html's "Invitations (N)": one COUNT, run only when a signed-in page asks for it."""
    return {"open_invitation_count": lambda: services.count_open_invitations_to(current_user)}


def document_url(document: Document) -> str:
    return url_for(f"documents.{document.kind}", document_id=document.id)


def get_readable(document_id: int) -> Document:
    """The document, if the teacher may read it (the same check as its own page)."""
    return get_document(document_id, db.get_or_404(Document, document_id).kind)


def get_managed(document_id: int) -> Document:
    """The access root of a document the teacher owns; 403 for its other readers."""
    root = get_readable(document_id).access_root
    require(can_manage(current_user, root))
    return root


def role_form(collaborator: Collaborator, **kwargs) -> RoleForm:
    return RoleForm(prefix=f"collaborator-{collaborator.id}", **kwargs)


def render_people(root: Document, *, forms: dict | None = None, problem=None, errors=None):
    """The People page; a rejected form comes back with 422, its error beside the control.

    ``forms`` replaces the page's fresh forms ("invite", or a collaborator's id); ``problem``
    is the rejected form for the summary; ``errors`` maps a row ("leave", a collaborator's id)
    to the message shown beside its button.
    """
    collaborators = services.collaborators_of(root)
    context = {"document": root, "collaborators": collaborators, "manages": False}
    if can_manage(current_user, root):
        context.update(
            manages=True,
            invitations=services.open_invitations_of(root),
            invite_form=InviteForm(formdata=None),
            role_forms={c.id: role_form(c, formdata=None, role=c.role) for c in collaborators},
        )
        for key, form in (forms or {}).items():
            if key == "invite":
                context["invite_form"] = form
            else:
                context["role_forms"][key] = form
    page = render_template(
        "collaboration/people.html", problem=problem, errors=errors or {}, **context
    )
    return page, 422 if problem is not None else 200


@bp.get("/documents/<int:document_id>/people")
@login_required
def people(document_id: int):
    """Everyone who may read a document sees who writes it; owners also manage them here."""
    document = get_readable(document_id)
    if document.access_root is not document:  # a unit's lesson is shared through its unit
        return redirect(url_for(".people", document_id=document.access_root.id))
    return render_people(document)


@bp.post("/documents/<int:document_id>/invitations")
@login_required
def invite(document_id: int):
    """Owners invite a teacher, by name or e-mail address, in a role."""
    root = get_managed(document_id)
    form = InviteForm()
    if form.validate_on_submit():
        try:
            invitation = services.invite(
                root, inviter=current_user, name_or_email=form.invitee.data, role=form.role.data
            )
        except CollaborationError as error:
            db.session.rollback()
            form.invitee.errors.append(error.message)
        else:
            db.session.commit()
            flash(invited_message(invitation), "success")
            return redirect(url_for(".people", document_id=root.id))
    return render_people(root, forms={"invite": form}, problem=form)


def invited_message(invitation: Invitation) -> str:
    role = role_label(invitation.role)
    if invitation.teacher is not None:
        return _("%(name)s has been invited (%(role)s).", name=invitation.teacher.name, role=role)
    return _(
        "%(email)s has been invited (%(role)s). No one uses this address on Tandem yet: "
        "once they sign up with it, they will find the invitation under Invitations.",
        email=invitation.email,
        role=role,
    )


def get_collaborator(root: Document, collaborator_id: int) -> Collaborator:
    collaborator = db.get_or_404(Collaborator, collaborator_id)
    if collaborator.document_id != root.id:
        abort(404)
    return collaborator


@bp.post("/documents/<int:document_id>/people/<int:collaborator_id>/role")
@login_required
def change_role(document_id: int, collaborator_id: int):
    """Owners give a collaborator another role; the last owner cannot step down."""
    root = get_managed(document_id)
    collaborator = get_collaborator(root, collaborator_id)
    form = role_form(collaborator)
    if form.validate_on_submit():
        try:
            services.change_role(collaborator, form.role.data)
        except CollaborationError as error:
            db.session.rollback()
            form.role.errors.append(error.message)
        else:
            db.session.commit()
            flash(
                _(
                    "%(name)s's role is now: %(role)s.",
                    name=collaborator.teacher.name,
                    role=role_label(collaborator.role),
                ),
                "success",
            )
            return redirect(url_for(".people", document_id=root.id))
    return render_people(root, forms={collaborator.id: form}, problem=form)


def refused(error: CollaborationError) -> ActionForm:
    """A one-button form carrying the rule that refused it, for the error summary."""
    db.session.rollback()
    form = ActionForm()
    form.form_errors.append(error.message)
    return form


@bp.post("/documents/<int:document_id>/people/<int:collaborator_id>/remove")
@login_required
def remove(document_id: int, collaborator_id: int):
    """Owners take a collaborator off the document; never its last owner."""
    root = get_managed(document_id)
    collaborator = get_collaborator(root, collaborator_id)
    name = collaborator.teacher.name
    try:
        services.remove_collaborator(collaborator)
    except CollaborationError as error:
        form = refused(error)
        return render_people(root, problem=form, errors={collaborator_id: error.message})
    db.session.commit()
    flash(_("%(name)s no longer works on this.", name=name), "success")
    return redirect(url_for(".people", document_id=root.id))


@bp.post("/documents/<int:document_id>/leave")
@login_required
def leave(document_id: int):
    """A collaborator takes themselves off the document, unless they are its last owner."""
    root = get_readable(document_id).access_root
    require(can_leave(current_user, root))
    mine = next(c for c in root.collaborators if c.teacher_id == current_user.id)
    try:
        services.remove_collaborator(mine)
    except CollaborationError as error:
        return render_people(root, problem=refused(error), errors={"leave": error.message})
    db.session.commit()
    flash(_("You no longer work on “%(title)s”.", title=root.title), "success")
    if can_read(current_user, root):
        return redirect(document_url(root))
    return redirect(url_for("lists.index"))


@bp.post("/documents/<int:document_id>/invitations/<int:invitation_id>/revoke")
@login_required
def revoke(document_id: int, invitation_id: int):
    """Owners withdraw an invitation that has not been answered yet."""
    root = get_managed(document_id)
    invitation = db.get_or_404(Invitation, invitation_id)
    if invitation.document_id != root.id:
        abort(404)
    try:
        services.revoke(invitation)
    except CollaborationError as error:
        return render_people(root, problem=refused(error))
    db.session.commit()
    flash(_("The invitation has been withdrawn."), "success")
    return redirect(url_for(".people", document_id=root.id))


def render_invitations(problem=None):
    invitations = services.open_invitations_to(current_user)
    page = render_template(
        "collaboration/invitations.html", invitations=invitations, problem=problem
    )
    return page, 422 if problem is not None else 200


@bp.get("/invitations")
@login_required
def invitations():
    """What the teacher has been invited to, by account or by their e-mail address."""
    return render_invitations()


def get_my_invitation(invitation_id: int) -> Invitation:
    invitation = db.get_or_404(Invitation, invitation_id)
    require(is_invitee(current_user, invitation))
    return invitation


@bp.post("/invitations/<int:invitation_id>/accept")
@login_required
def accept(invitation_id: int):
    """The invitee joins in the invited role and goes straight to the document."""
    invitation = get_my_invitation(invitation_id)
    try:
        services.accept(invitation, teacher=current_user)
    except CollaborationError as error:
        return render_invitations(problem=refused(error))
    db.session.commit()
    document = invitation.document
    flash(
        _(
            "Welcome to “%(title)s”. Your role: %(role)s.",
            title=document.title,
            role=role_label(invitation.role),
        ),
        "success",
    )
    return redirect(document_url(document))


@bp.post("/invitations/<int:invitation_id>/decline")
@login_required
def decline(invitation_id: int):
    """The invitee says no, thank you."""
    invitation = get_my_invitation(invitation_id)
    try:
        services.decline(invitation, teacher=current_user)
    except CollaborationError as error:
        return render_invitations(problem=refused(error))
    db.session.commit()
    flash(_("You declined the invitation to “%(title)s”.", title=invitation.document.title), "info")
    return redirect(url_for(".invitations"))
