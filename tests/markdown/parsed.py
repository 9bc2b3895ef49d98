"""Read rendered HTML back the way a browser would, so tests assert on tags and attributes."""

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote

URL_ATTRIBUTES = ("href", "src")

# Kept apart from app.markdown on purpose: the tests read schemes in their own, lenient way.
_IGNORED_IN_SCHEMES = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2060\ufeff]")


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]


class Parsed(HTMLParser):
    """Every start tag with its attributes, and the text between them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.chunks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)

    @property
    def text(self) -> str:
        return "".join(self.chunks)

    @property
    def tags(self) -> set[str]:
        return {element.tag for element in self.elements}

    def find(self, tag: str) -> list[dict[str, str | None]]:
        return [element.attrs for element in self.elements if element.tag == tag]

    def urls(self) -> list[str]:
        return [
            element.attrs[name] or ""
            for element in self.elements
            for name in URL_ATTRIBUTES
            if name in element.attrs
        ]


def parse(markup: str) -> Parsed:
    parsed = Parsed()
    parsed.feed(str(markup))
    parsed.close()
    return parsed


def scheme_of(url: str) -> str:
    """The scheme the most lenient browser could find in ``url``: "" when relative."""
    for _ in range(5):
        url = unquote(html.unescape(url))
    match = re.match(r"([a-z][a-z0-9+.-]*):", _IGNORED_IN_SCHEMES.sub("", url).lower())
    return match.group(1) if match else ""
