"""Comment threads on units and lessons: write, reply, resolve and reopen."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.comments import permissions, services
from app.comments.anchors import QuoteNotFound
from app.comments.forms import CommentForm, ReplyForm, ThreadForm
from app.comments.models import Comment
from app.documents.models import Document, Revision
from app.documents.pages import document_page_context
from app.documents.views import get_document
from app.extensions import db

bp = Blueprint("comments", __name__)


@bp.record_once
def share_with_templates(state) -> None:
    state.app.jinja_env.globals.update(
        {name: getattr(permissions, name) for name in permissions.__all__},
        comment_threads=services.threads_of,
        comment_forms=comment_forms,
        quote_status=services.quote_status,
    )


def comment_forms(document: Document, comment_form=None, reply_form=None, reply_to=None):
    """The page's empty forms, or the rejected one with the teacher's text still in it."""
    if comment_form is None:
        comment_form = CommentForm(formdata=None, revision_id=document.current_revision_id)

    def reply(thread: Comment) -> ReplyForm:
        if reply_form is not None and reply_to == thread.id:
            return reply_form
        return ReplyForm(formdata=None).for_thread(thread.id)

    return comment_form, reply


def readable_comment(comment_id: int) -> Comment:
    """The comment if the reader may see its document (the same 404 or sign-in as the page)."""
    comment = db.get_or_404(Comment, comment_id)
    get_document(comment.document_id)
    return comment


def rejected(document: Document, **forms):
    """The document page again, with the rejected form and every word the teacher typed."""
    page = render_template(
        f"documents/{document.kind}.html", **document_page_context(document), **forms
    )
    return page, 422


def back_to(comment: Comment, anchor: str = "comment"):
    """The document page at the comment (a resolved thread's ``thread-`` anchor stays folded)."""
    return redirect(
        url_for(
            f"documents.{comment.document.kind}",
            document_id=comment.document_id,
            _anchor=f"{anchor}-{comment.id}",
        )
    )


def revision_read(document: Document, revision_id: str | None) -> Revision | None:
    """The revision the form was written against, if it is one of this document's."""
    revision = db.session.get(Revision, int(revision_id)) if (revision_id or "").isdigit() else None
    if revision is None or revision.document_id != document.id:
        return document.current_revision
    return revision


@bp.post("/documents/<int:document_id>/comments")
@login_required
def add(document_id: int):
    """Start a thread on a unit or lesson (commenters, editors and owners)."""
    document = get_document(document_id)
    if not permissions.can_write_comment(current_user, document):
        abort(403)
    form = CommentForm()
    if not form.validate_on_submit():
        return rejected(document, comment_form=form)
    try:
        comment = services.add_comment(
            document,
            author=current_user,
            body=form.body.data,
            quote=form.quote.data or "",
            revision=revision_read(document, form.revision_id.data),
        )
    except QuoteNotFound:
        form.quote.errors.append(
            _("These words are not in the text you read. Copy them from the page as they are.")
        )
        return rejected(document, comment_form=form)
    db.session.commit()
    flash(_("Your comment has been added."), "success")
    return back_to(comment)


@bp.post("/comments/<int:comment_id>/replies")
@login_required
def reply(comment_id: int):
    """Answer a comment; the reply joins the end of its thread."""
    comment = readable_comment(comment_id)
    if not permissions.can_reply(current_user, comment):
        abort(403)
    root = services.thread_root(comment)
    form = ReplyForm().for_thread(root.id)
    if not form.validate_on_submit():
        return rejected(comment.document, reply_form=form, reply_to=root.id)
    answer = services.add_comment(
        comment.document, author=current_user, body=form.body.data, parent=root
    )
    db.session.commit()
    flash(_("Your reply has been added."), "success")
    return back_to(answer)


def settle(comment_id: int, change) -> Comment:
    comment = readable_comment(comment_id)
    if not permissions.can_resolve(current_user, comment):
        abort(403)
    if not ThreadForm().validate_on_submit():
        abort(400)
    root = change(comment)
    db.session.commit()
    return root


@bp.post("/comments/<int:comment_id>/resolve")
@login_required
def resolve(comment_id: int):
    """Mark a thread resolved (owners and editors); it folds away with who resolved it."""
    root = settle(comment_id, lambda c: services.resolve_thread(c, actor=current_user))
    flash(_("The thread is resolved."), "success")
    return back_to(root, "thread")


@bp.post("/comments/<int:comment_id>/reopen")
@login_required
def reopen(comment_id: int):
    """Reopen a resolved thread (owners and editors)."""
    root = settle(comment_id, services.reopen_thread)
    flash(_("The thread is open again."), "success")
    return back_to(root)
