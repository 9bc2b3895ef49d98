"""Collections ready to look at: a teacher's private one and a shared one."""

import pytest

from app.extensions import db
from app.favourites import services


@pytest.fixture
def make_collection(app, make_teacher):
    """``make_collection("Allergens", owner=t, shared=True, documents=[unit])``."""

    def make(name="Allergen lessons", *, owner=None, shared=False, documents=(), **fields):
        collection = services.create_collection(
            owner or make_teacher(), name=name, shared=shared, **fields
        )
        for document in documents:
            services.add_to_collection(collection, document)
        db.session.commit()
        return collection

    return make
