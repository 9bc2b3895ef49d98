"""Collections: creating, renaming, sharing, deleting, filling them, and who sees what."""

from sqlalchemy import select

from app.extensions import db
from app.favourites.models import Collection, CollectionItem
from tests.fixtures.network import PASSWORD


def test_a_teacher_creates_a_private_collection(web, make_teacher):
    teacher = make_teacher()
    web.login(teacher.email, PASSWORD)
    response = web.post(
        "/collections/new", {"name": "Allergen lessons", "description": "For grade 8"}
    )
    collection = db.session.scalar(select(Collection))
    assert response.headers["Location"] == f"/collections/{collection.id}"
    assert collection.owner == teacher
    assert not collection.shared
    page = web.client.get("/collections").get_data(as_text=True)
    assert "Allergen lessons" in page
    assert "Private" in page


def test_a_collection_without_a_name_or_with_a_long_one_is_refused_with_the_text_kept(
    web, make_teacher
):
    web.login(make_teacher().email, PASSWORD)
    response = web.post("/collections/new", {"name": "", "description": "Keep this text"})
    assert response.status_code == 422
    assert "Keep this text" in response.get_data(as_text=True)
    response = web.post("/collections/new", {"name": "n" * 121})
    assert response.status_code == 422
    assert "n" * 121 in response.get_data(as_text=True)
    assert web.post("/collections/new", {"name": "n" * 120}).status_code == 302


def test_the_owner_renames_and_shares_a_collection(web, make_collection, make_teacher):
    owner = make_teacher()
    collection = make_collection("Old name", owner=owner)
    web.login(owner.email, PASSWORD)
    response = web.post(
        f"/collections/{collection.id}/edit",
        {"name": "New name", "description": "", "shared": "y"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert collection.name == "New name"
    assert collection.shared


def test_the_owner_deletes_a_collection_and_its_documents_stay(
    web, make_collection, make_unit, make_teacher
):
    owner = make_teacher()
    unit = make_unit(owner=owner)
    collection = make_collection(owner=owner, documents=[unit])
    web.login(owner.email, PASSWORD)
    response = web.post(f"/collections/{collection.id}/delete")
    assert response.headers["Location"] == "/collections"
    assert db.session.scalar(select(Collection)) is None
    assert db.session.scalar(select(CollectionItem)) is None
    assert web.client.get(f"/units/{unit.id}").status_code == 200


def test_a_document_is_added_from_its_page_and_removed_again(
    web, make_collection, make_unit, make_teacher
):
    teacher = make_teacher()
    unit = make_unit(visibility="network", status="published")
    collection = make_collection("Allergen lessons", owner=teacher)
    web.login(teacher.email, PASSWORD)
    page = web.client.get(f"/units/{unit.id}").get_data(as_text=True)
    assert f'<option value="{collection.id}">Allergen lessons</option>' in page
    response = web.post(f"/documents/{unit.id}/collections", {"collection_id": collection.id})
    assert response.headers["Location"] == f"/units/{unit.id}"
    assert unit.title in web.client.get(f"/collections/{collection.id}").get_data(as_text=True)
    page = web.client.get(f"/units/{unit.id}").get_data(as_text=True)
    assert f'<option value="{collection.id}">' not in page
    remove = f"/collections/{collection.id}/documents/{unit.id}/remove"
    assert web.post(remove, {"back": "document"}).headers["Location"] == f"/units/{unit.id}"
    assert db.session.scalar(select(CollectionItem)) is None
    assert web.post(remove).status_code == 404


def test_adding_twice_keeps_one_item_in_order(web, make_collection, make_unit, make_teacher):
    teacher = make_teacher()
    first = make_unit("First", visibility="network", status="published")
    second = make_unit("Second", visibility="network", status="published")
    collection = make_collection(owner=teacher)
    web.login(teacher.email, PASSWORD)
    for unit in (first, second, first):
        web.post(f"/documents/{unit.id}/collections", {"collection_id": collection.id})
    items = db.session.scalars(select(CollectionItem).order_by(CollectionItem.position)).all()
    assert [item.document_id for item in items] == [first.id, second.id]
    page = web.client.get(f"/collections/{collection.id}").get_data(as_text=True)
    assert page.index("First") < page.index("Second")


def test_a_teacher_cannot_add_to_someone_elses_collection(
    web, make_collection, make_unit, make_teacher
):
    unit = make_unit(visibility="network", status="published")
    theirs = make_collection(shared=True)
    web.login(make_teacher().email, PASSWORD)
    response = web.post(f"/documents/{unit.id}/collections", {"collection_id": theirs.id})
    assert response.status_code == 400
    assert db.session.scalar(select(CollectionItem)) is None


def test_a_private_collection_is_not_found_by_others(web, make_collection, make_teacher):
    collection = make_collection("My secret list")
    web.login(make_teacher().email, PASSWORD)
    assert web.client.get(f"/collections/{collection.id}").status_code == 404
    assert "My secret list" not in web.client.get("/collections").get_data(as_text=True)


def test_a_shared_collection_is_listed_and_shown_to_every_teacher(
    web, make_collection, make_teacher
):
    owner = make_teacher("Aino Korhonen")
    collection = make_collection("Allergen lessons", owner=owner, shared=True)
    web.login(make_teacher().email, PASSWORD)
    listing = web.client.get("/collections").get_data(as_text=True)
    assert "Allergen lessons" in listing
    assert "Aino Korhonen" in listing
    page = web.client.get(f"/collections/{collection.id}").get_data(as_text=True)
    assert "Allergen lessons" in page
    assert "Edit collection" not in page


def test_a_shared_collection_never_shows_a_document_the_reader_may_not_read(
    web, make_collection, make_unit, make_teacher
):
    owner = make_teacher()
    secret = make_unit("Secret draft about allergens", owner=owner)
    public = make_unit("Open unit", visibility="network", status="published")
    collection = make_collection(owner=owner, shared=True, documents=[secret, public])
    web.login(owner.email, PASSWORD)
    assert "Secret draft" in web.client.get(f"/collections/{collection.id}").get_data(as_text=True)
    web.logout()
    web.login(make_teacher().email, PASSWORD)
    page = web.client.get(f"/collections/{collection.id}").get_data(as_text=True)
    assert "Open unit" in page
    assert "Secret draft" not in page
    listing = web.client.get("/collections").get_data(as_text=True)
    assert "1 unit or lesson" in listing
    assert "Secret draft" not in listing
