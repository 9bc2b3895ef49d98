"""Starring documents and keeping named collections of them; they flush, the view commits.

The lists here take the reader and apply ``readable_by``: a favourite or a collection item
whose document the reader may no longer read is left out, title and all.
"""

from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from app.documents.models import Document
from app.documents.permissions import readable_by
from app.extensions import db
from app.favourites.models import Collection, CollectionItem, Favourite
from app.network.models import Teacher


def is_favourite(teacher, document: Document) -> bool:
    if not teacher.is_authenticated:
        return False
    return db.session.get(Favourite, (teacher.id, document.id)) is not None


def set_favourite(teacher: Teacher, document: Document, starred: bool) -> None:
    """Star or unstar a document; asking twice for the same thing changes nothing."""
    favourite = db.session.get(Favourite, (teacher.id, document.id))
    if starred and favourite is None:
        db.session.add(Favourite(teacher_id=teacher.id, document_id=document.id))
    elif not starred and favourite is not None:
        db.session.delete(favourite)
    db.session.flush()


def readable_documents(reader) -> Select:
    """Documents the reader may read, with their current revision loaded."""
    return (
        select(Document)
        .join(Document.current_revision)
        .where(readable_by(reader))
        .options(selectinload(Document.current_revision), selectinload(Document.unit))
    )


def favourites_query(reader) -> Select:
    """The reader's starred documents that they may still read, most recently starred first."""
    return (
        readable_documents(reader)
        .join(Favourite, Favourite.document_id == Document.id)
        .where(Favourite.teacher_id == reader.id)
        .order_by(Favourite.created_at.desc(), Document.id.desc())
    )


def collection_documents(collection: Collection, reader) -> list[Document]:
    """The collection's documents that this reader may read, in the collection's order."""
    return db.session.scalars(
        readable_documents(reader)
        .join(CollectionItem, CollectionItem.document_id == Document.id)
        .where(CollectionItem.collection_id == collection.id)
        .order_by(CollectionItem.position, CollectionItem.added_at)
    ).all()


def readable_counts(collections: list[Collection], reader) -> dict[int, int]:
    """How many documents of each collection the reader may read (others are not counted)."""
    ids = [collection.id for collection in collections]
    if not ids:
        return {}
    rows = db.session.execute(
        select(CollectionItem.collection_id, func.count())
        .join(Document, Document.id == CollectionItem.document_id)
        .where(CollectionItem.collection_id.in_(ids), readable_by(reader))
        .group_by(CollectionItem.collection_id)
    )
    return dict(rows.all())


def own_collections(owner: Teacher) -> list[Collection]:
    return db.session.scalars(
        select(Collection)
        .where(Collection.owner_id == owner.id)
        .order_by(func.lower(Collection.name), Collection.id)
    ).all()


def shared_collections_query(reader: Teacher) -> Select:
    """Collections other teachers share with the network, newest first."""
    return (
        select(Collection)
        .where(Collection.shared, Collection.owner_id != reader.id)
        .options(selectinload(Collection.owner).selectinload(Teacher.school))
        .order_by(Collection.created_at.desc(), Collection.id.desc())
    )


def collections_holding(owner: Teacher, document: Document) -> list[Collection]:
    """The owner's collections that hold the document."""
    return db.session.scalars(
        select(Collection)
        .join(CollectionItem)
        .where(Collection.owner_id == owner.id, CollectionItem.document_id == document.id)
        .order_by(func.lower(Collection.name), Collection.id)
    ).all()


def create_collection(
    owner: Teacher, *, name: str, description: str = "", shared: bool = False
) -> Collection:
    """A new, empty collection."""
    collection = Collection(
        owner=owner, name=name.strip(), description=description.strip(), shared=shared
    )
    db.session.add(collection)
    db.session.flush()
    return collection


def update_collection(collection: Collection, *, name: str, description: str, shared: bool) -> None:
    """Rename a collection, change its description, share it or make it private."""
    collection.name = name.strip()
    collection.description = description.strip()
    collection.shared = shared
    db.session.flush()


def delete_collection(collection: Collection) -> None:
    """Delete the collection; the documents in it are not touched."""
    db.session.delete(collection)
    db.session.flush()


def add_to_collection(collection: Collection, document: Document) -> bool:
    """Put the document at the end of the collection; False if it was there already."""
    if db.session.get(CollectionItem, (collection.id, document.id)) is not None:
        return False
    last = db.session.scalar(
        select(func.max(CollectionItem.position)).where(
            CollectionItem.collection_id == collection.id
        )
    )
    db.session.add(
        CollectionItem(collection=collection, document=document, position=(last or 0) + 1)
    )
    db.session.flush()
    return True


def remove_from_collection(collection: Collection, document_id: int) -> bool:
    """Take a document out of the collection; False if it was not in it."""
    item = db.session.get(CollectionItem, (collection.id, document_id))
    if item is None:
        return False
    db.session.delete(item)
    db.session.flush()
    return True
