"""Forms for starring, collections, and putting a document into a collection."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, Length, Optional

#: Where a button on several pages sends the teacher back to.
BACK_TO = ("document", "favourites", "collection")


class CollectionForm(FlaskForm):
    name = StringField(
        _l("Name"),
        validators=[
            DataRequired(_l("Give the collection a name.")),
            Length(max=120, message=_l("At most %(max)d characters, please.")),
        ],
    )
    description = TextAreaField(
        _l("Description"),
        validators=[
            Optional(),
            Length(max=2000, message=_l("At most %(max)d characters, please.")),
        ],
        description=_l("Optional: what the collection is for."),
        render_kw={"rows": 3},
    )
    shared = BooleanField(
        _l("Share with the network"),
        description=_l(
            "Every signed-in teacher can then see the collection. They still see only the "
            "units and lessons they may read."
        ),
    )


class FavouriteForm(FlaskForm):
    """Star (value "on") or unstar (value "off") a document."""

    value = HiddenField(validators=[AnyOf(["on", "off"])])
    back = HiddenField(validators=[Optional(), AnyOf(BACK_TO)])


class AddToCollectionForm(FlaskForm):
    collection_id = SelectField(_l("Add to collection"), coerce=int, validate_choice=True)

    def fill_choices(self, collections) -> "AddToCollectionForm":
        self.collection_id.choices = [SelectChoice(c.id, c.name) for c in collections]
        return self


class RemoveForm(FlaskForm):
    back = HiddenField(validators=[Optional(), AnyOf(BACK_TO)])


class DeleteForm(FlaskForm):
    """Delete a collection: nothing to fill in but the CSRF token."""
