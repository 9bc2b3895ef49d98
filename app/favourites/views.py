"""Favourites and collections: star a unit or lesson, keep named lists, share them."""

from dataclasses import dataclass

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.documents.models import Document
from app.documents.views import get_document
from app.extensions import db
from app.favourites import permissions, services
from app.favourites.forms import (
    AddToCollectionForm,
    CollectionForm,
    DeleteForm,
    FavouriteForm,
    RemoveForm,
)
from app.favourites.models import Collection
from app.urls import page_asked

bp = Blueprint("favourites", __name__)


@dataclass(frozen=True)
class CollectionBox:
    """What a document page offers: the teacher's other collections, and those holding it."""

    form: AddToCollectionForm
    holding: list[Collection]
    has_collections: bool


def collection_box(teacher, document: Document) -> CollectionBox:
    collections = services.own_collections(teacher)
    holding = services.collections_holding(teacher, document)
    others = [c for c in collections if c not in holding]
    form = AddToCollectionForm(formdata=None).fill_choices(others)
    return CollectionBox(form=form, holding=holding, has_collections=bool(collections))


@bp.record_once
def share_with_templates(state) -> None:
    state.app.jinja_env.globals.update(
        {name: getattr(permissions, name) for name in permissions.__all__},
        is_favourite=services.is_favourite,
        favourite_form=lambda: FavouriteForm(formdata=None),
        collection_box=collection_box,
    )


def visible_collection(collection_id: int) -> Collection:
    """The collection if the teacher may see it; a private one is not found by anyone else."""
    collection = db.get_or_404(Collection, collection_id)
    if not permissions.can_see_collection(current_user, collection):
        abort(404)
    return collection


def own_collection(collection_id: int) -> Collection:
    collection = visible_collection(collection_id)
    if not permissions.can_change_collection(current_user, collection):
        abort(403)
    return collection


def go_back(back: str | None, *, document_id: int, collection_id: int | None = None):
    if back == "favourites":
        return redirect(url_for("favourites.index"))
    if back == "collection" and collection_id is not None:
        return redirect(url_for("favourites.show_collection", collection_id=collection_id))
    document = db.session.get(Document, document_id)
    return redirect(url_for(f"documents.{document.kind}", document_id=document_id))


@bp.post("/documents/<int:document_id>/favourite")
@login_required
def set_favourite(document_id: int):
    """Star or unstar a unit or lesson the teacher may read."""
    document = get_document(document_id)
    form = FavouriteForm()
    if not form.validate_on_submit():
        abort(400)
    starred = form.value.data == "on"
    services.set_favourite(current_user, document, starred)
    db.session.commit()
    if starred:
        flash(_("Added to your favourites."), "success")
    else:
        flash(_("Removed from your favourites."), "success")
    return go_back(form.back.data, document_id=document.id)


@bp.get("/favourites")
@login_required
def index():
    """The teacher's starred units and lessons (those they may still read)."""
    page = db.paginate(
        services.favourites_query(current_user),
        page=page_asked(),
        per_page=current_app.config["PAGE_SIZE"],
    )
    return render_template("favourites/index.html", page=page)


@bp.get("/collections")
@login_required
def collections():
    """The teacher's own collections and those other teachers share with the network."""
    mine = services.own_collections(current_user)
    shared = db.paginate(
        services.shared_collections_query(current_user),
        page=page_asked(),
        per_page=current_app.config["PAGE_SIZE"],
    )
    counts = services.readable_counts([*mine, *shared.items], current_user)
    return render_template("favourites/collections.html", mine=mine, shared=shared, counts=counts)


def collection_form_page(form: CollectionForm, collection: Collection | None = None):
    page = render_template("favourites/collection_form.html", form=form, collection=collection)
    return page, 422 if form.errors else 200


@bp.route("/collections/new", methods=["GET", "POST"])
@login_required
def new_collection():
    """Start a named collection, private unless the teacher shares it."""
    form = CollectionForm()
    if form.validate_on_submit():
        collection = services.create_collection(
            current_user,
            name=form.name.data,
            description=form.description.data or "",
            shared=form.shared.data,
        )
        db.session.commit()
        flash(_("The collection has been created."), "success")
        return redirect(url_for("favourites.show_collection", collection_id=collection.id))
    return collection_form_page(form)


@bp.get("/collections/<int:collection_id>")
@login_required
def show_collection(collection_id: int):
    """A collection's units and lessons, only those the reader may read."""
    collection = visible_collection(collection_id)
    return render_template(
        "favourites/collection.html",
        collection=collection,
        documents=services.collection_documents(collection, current_user),
        remove_form=RemoveForm(formdata=None),
    )


@bp.route("/collections/<int:collection_id>/edit", methods=["GET", "POST"])
@login_required
def edit_collection(collection_id: int):
    """Rename a collection, describe it, share it or make it private (its owner)."""
    collection = own_collection(collection_id)
    form = CollectionForm(obj=collection)
    if form.validate_on_submit():
        services.update_collection(
            collection,
            name=form.name.data,
            description=form.description.data or "",
            shared=form.shared.data,
        )
        db.session.commit()
        flash(_("The collection has been saved."), "success")
        return redirect(url_for("favourites.show_collection", collection_id=collection.id))
    return collection_form_page(form, collection)


@bp.post("/collections/<int:collection_id>/delete")
@login_required
def delete_collection(collection_id: int):
    """Delete a collection (its owner); the units and lessons in it stay as they are."""
    collection = own_collection(collection_id)
    if not DeleteForm().validate_on_submit():
        abort(400)
    name = collection.name
    services.delete_collection(collection)
    db.session.commit()
    flash(_("The collection “%(name)s” has been deleted.", name=name), "success")
    return redirect(url_for("favourites.collections"))


@bp.post("/documents/<int:document_id>/collections")
@login_required
def add_to_collection(document_id: int):
    """Put a unit or lesson the teacher may read into one of their collections."""
    document = get_document(document_id)
    form = AddToCollectionForm().fill_choices(services.own_collections(current_user))
    if not form.validate_on_submit():
        abort(400)
    collection = db.session.get(Collection, form.collection_id.data)
    if services.add_to_collection(collection, document):
        flash(_("Added to “%(name)s”.", name=collection.name), "success")
    else:
        flash(_("It was already in “%(name)s”.", name=collection.name), "info")
    db.session.commit()
    return go_back("document", document_id=document.id)


@bp.post("/collections/<int:collection_id>/documents/<int:document_id>/remove")
@login_required
def remove_from_collection(collection_id: int, document_id: int):
    """Take a unit or lesson out of one of the teacher's collections."""
    collection = own_collection(collection_id)
    form = RemoveForm()
    if not form.validate_on_submit():
        abort(400)
    if not services.remove_from_collection(collection, document_id):
        abort(404)
    db.session.commit()
    flash(_("Removed from “%(name)s”.", name=collection.name), "success")
    return go_back(form.back.data, document_id=document_id, collection_id=collection.id)
