"""What a search gives back, whichever index answered it (app.search.services)."""

from dataclasses import dataclass, field

from markupsafe import Markup

from app.documents.models import Document
from app.search.facets import FACETS

SORTS = ("relevance", "newest", "reviewed")
#: Facets a reader can filter by (``audience`` is only for the visibility filter).
FILTERS = tuple(facet for facet in FACETS if facet != "audience")
#: The facet that says where a document's authors work.
PLACES = "municipalities"


@dataclass
class Hit:
    document: Document
    snippet: Markup


@dataclass
class Results:
    query: str
    filters: dict[str, list[str]]
    sort: str
    page: int
    per_page: int
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    #: facet -> {value: count}, each counted with the other facets' filters applied.
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    suggestion: str | None = None

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))
