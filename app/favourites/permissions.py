"""Who may see and change a collection.

A shared collection is visible to every signed-in teacher, a private one to its owner only
(network admins included: a private collection is a teacher's own bookmarks). Only the owner
changes a collection. What a collection shows is still filtered document by document with
``readable_by``: sharing a collection never shares the documents in it.
"""

from app.favourites.models import Collection

__all__ = ["can_change_collection", "can_see_collection"]


def can_see_collection(user, collection: Collection) -> bool:
    return user.is_authenticated and (collection.shared or collection.owner_id == user.id)


def can_change_collection(user, collection: Collection) -> bool:
    return user.is_authenticated and collection.owner_id == user.id
