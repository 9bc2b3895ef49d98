"""The one Markdown pipeline: teachers' Markdown in, HTML that is safe to show anyone out.

Three layers, each of which would stop an attack on its own:

1. markdown-it-py parses CommonMark with raw HTML off, so whatever HTML a teacher types is
   escaped and shown as text. Its ``validateLink`` hook sees every link, image, autolink and
   reference target after entities are decoded, and refuses any scheme but http, https, mailto
   and ``attachment:``; a refused target is not a link at all, so its source stays as text.
2. A core rule then walks the finished token stream: it resolves ``attachment:`` targets,
   checks every target again (the resolver's answers included), turns what fails into plain
   text (a link into its text, an image into its alt text), marks external links
   ``rel="nofollow noopener ugc"`` and moves table alignment from ``style`` to ``align``
   (the CSP forbids inline styles).
3. bleach re-parses the HTML with an explicit allow-list of tags, attributes, attribute values
   and protocols. It only ever sees the renderer's own markup, so anything it removes is a
   renderer or plugin surprise: such tags are stripped rather than shown escaped.

Headings h1-h4 get ids ``h-<slug>`` (unique per document) and footnotes ``fn<n>``/``fnref<n>``,
so no user text can take over a page id such as ``main`` or ``csrf_token``.
Protocol-relative targets (``//host/path``) are allowed and treated as external https links
(the site is served over https only). Bare URLs are not linkified: markdown-it's linkify needs
the extra ``linkify-it-py`` package; ``<https://...>`` autolinks work.

Bump RENDERER_VERSION whenever the HTML for the same source changes, so stored renderings
can be found and redone.
"""

import html
import re
import threading
from collections.abc import Callable
from html.parser import HTMLParser
from urllib.parse import unquote

import bleach
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markupsafe import Markup
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.anchors.index import slugify
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

#: Bumped whenever stored renderings change; `flask content rerender` redoes older ones.
#: 2: revisions also keep their plain text (for search and snippets).
RENDERER_VERSION = "2"

AttachmentResolver = Callable[[str], str | None]

ATTACHMENT = "attachment"
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
EXTERNAL_REL = "nofollow noopener ugc"

# Browsers ignore these inside a scheme (tabs, newlines, leading controls), so they go before
# the scheme is read; so do other invisible characters, to be strict.
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")


def _canonical(url: str) -> str:
    """The URL as the most lenient reader would see it: entities and %-escapes decoded."""
    previous = None
    while url != previous:  # each pass shortens the string or changes nothing
        previous, url = url, unquote(html.unescape(url))
    return _INVISIBLE.sub("", url).replace("\\", "/").lower()


def url_scheme(url: str) -> str:
    """The scheme a browser could read into ``url``: "" for a relative URL."""
    head = re.split(r"[/?#]", _canonical(url), maxsplit=1)[0]
    scheme, colon, _ = head.partition(":")
    return scheme if colon else ""


def is_safe_url(url: str, schemes: frozenset[str] = LINK_SCHEMES) -> bool:
    """Whether ``url`` is relative or uses one of ``schemes``; anything unreadable is unsafe."""
    scheme = url_scheme(url)
    return scheme == "" or scheme in schemes


def is_external(url: str) -> bool:
    scheme = url_scheme(url)
    return scheme in {"http", "https"} or (scheme == "" and _canonical(url).startswith("//"))


def _resolve_targets(state: StateCore) -> None:
    """Layer 2: resolve attachments, unwrap unsafe links and images, mark external links."""
    resolve: AttachmentResolver | None = state.env.get("tandem_attachment_url")
    for token in state.tokens:
        if token.type == "inline" and token.children:
            token.children = _checked_inline(token.children, resolve, state)


def _checked_inline(
    children: list[Token], resolve: AttachmentResolver | None, state: StateCore
) -> list[Token]:
    checked: list[Token] = []
    unwrapped: list[bool] = []  # per open link (an autolink can sit inside a link's text)
    for token in children:
        if token.type == "link_open":
            href = _target(str(token.attrGet("href") or ""), resolve)
            unwrapped.append(href is None)
            if href is None:
                continue
            token.attrSet("href", href)
            if is_external(href):
                token.attrSet("rel", EXTERNAL_REL)
        elif token.type == "link_close" and unwrapped and unwrapped.pop():
            continue
        elif token.type == "image":
            src = _target(str(token.attrGet("src") or ""), resolve)
            if src is None:
                alt = state.md.renderer.renderInlineAsText(token.children, state.md.options, {})
                checked.append(Token("text", "", 0, content=alt))
                continue
            token.attrSet("src", src)
            token.attrSet("loading", "lazy")
        checked.append(token)
    return checked


def _target(url: str, resolve: AttachmentResolver | None) -> str | None:
    """The URL to use for ``url``, or None when it must not be a link."""
    if url_scheme(url) == ATTACHMENT:
        name = unquote(url.partition(":")[2])
        url = (resolve(name) if resolve else None) or ""
        if not url:
            return None
    return url if is_safe_url(url) else None


_ALIGN_STYLE = re.compile(r"text-align:(left|center|right)")


def _align_without_style(state: StateCore) -> None:
    """Table alignment as an ``align`` attribute: the CSP (style-src 'self') drops styles."""
    for token in state.tokens:
        if token.type in {"th_open", "td_open"} and token.attrs.get("style"):
            match = _ALIGN_STYLE.fullmatch(str(token.attrs.pop("style")))
            if match:
                token.attrSet("align", match.group(1))


def _build_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(tasklists_plugin, enabled=False)
    md.use(footnote_plugin)
    md.use(anchors_plugin, min_level=1, max_level=4, slug_func=lambda title: f"h-{slugify(title)}")
    md.validateLink = lambda url: is_safe_url(url, LINK_SCHEMES | {ATTACHMENT})
    md.core.ruler.push("tandem_targets", _resolve_targets)
    md.core.ruler.push("tandem_table_align", _align_without_style)
    return md


_MD = _build_parser()

ALLOWED_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "code"}
    | {"em", "strong", "del", "s", "a", "img", "table", "thead", "tbody", "tr", "th", "td"}
    | {"hr", "br", "sup", "sub", "section", "input"}
)
_PLAIN_ATTRIBUTES = {
    "a": {"href", "title", "rel"},
    "img": {"src", "alt", "title", "loading"},
    "ol": {"start"},
}
_PLUGIN_CLASSES = {
    "ul": {"contains-task-list"},
    "li": {"task-list-item", "footnote-item"},
    "input": {"task-list-item-checkbox"},
    "sup": {"footnote-ref"},
    "a": {"footnote-backref"},
    "hr": {"footnotes-sep"},
    "section": {"footnotes"},
    "ol": {"footnotes-list"},
}
# Generated ids only: headings are prefixed h-, footnotes number their notes and references.
_IDS = {
    **{f"h{level}": re.compile(r"h-[\w-]*") for level in range(1, 7)},
    "li": re.compile(r"fn\d+"),
    "a": re.compile(r"fnref\d+(:\d+)?"),
}
_EXACT_VALUES = {
    ("input", "type"): {"checkbox"},
    ("input", "disabled"): {"", "disabled"},
    ("input", "checked"): {"", "checked"},
    ("th", "align"): {"left", "center", "right"},
    ("td", "align"): {"left", "center", "right"},
}
_LANGUAGE_CLASS = re.compile(r"language-[\w+#.-]+")


def _allowed_attribute(tag: str, name: str, value: str) -> bool:
    """Layer 3's attribute allow-list: names per tag, and values where the name is not enough."""
    if name in _PLAIN_ATTRIBUTES.get(tag, ()):
        return True
    if (tag, name) in _EXACT_VALUES:
        return value in _EXACT_VALUES[tag, name]
    if name == "id" and tag in _IDS:
        return bool(_IDS[tag].fullmatch(value))
    if name == "class" and tag == "code":
        return bool(_LANGUAGE_CLASS.fullmatch(value))
    return name == "class" and set(value.split()) <= _PLUGIN_CLASSES.get(tag, set())


_cleaners = threading.local()


def _cleaner() -> bleach.Cleaner:
    """This thread's Cleaner: bleach's parser keeps state, so threads cannot share one."""
    if not hasattr(_cleaners, "cleaner"):
        _cleaners.cleaner = bleach.Cleaner(
            tags=ALLOWED_TAGS,
            attributes=_allowed_attribute,
            protocols=LINK_SCHEMES,
            strip=True,
            strip_comments=True,
        )
    return _cleaners.cleaner


def render_markdown(source: str, *, attachment_url: AttachmentResolver | None = None) -> Markup:
    """Sanitised HTML for ``source``, as Markup so templates can print it as it is.

    ``attachment_url`` maps an attachment name (``attachment:<name>``, %-escapes decoded) to
    the URL to use; without it, or when it returns None, such links and images are dropped.
    """
    rendered = _MD.render(source, {"tandem_attachment_url": attachment_url})
    return Markup(_cleaner().clean(rendered))  # noqa: S704 (bleach-sanitised just above)


_BLOCK_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr", "hr", "br"}
)
_NAVIGATION_CLASSES = {"footnote-ref", "footnote-backref"}


class _TextCollector(HTMLParser):
    """Rendered text: a line per block, images as their alt text, footnote marks left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: str | None = None
        self.in_pre = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = set((dict(attrs).get("class") or "").split())
        if self.skipping is None and classes & _NAVIGATION_CLASSES:
            self.skipping = tag
        self.in_pre = self.in_pre or tag == "pre"
        self.parts.append("\n" if tag in _BLOCK_TAGS else " " if tag in {"td", "th"} else "")
        if tag == "img":
            self.handle_data(dict(attrs).get("alt") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == self.skipping:
            self.skipping = None
        self.in_pre = self.in_pre and tag != "pre"
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.skipping is None:
            # Line breaks in the HTML source are spaces to a reader, except in code blocks.
            self.parts.append(data if self.in_pre else _WHITESPACE.sub(" ", data))


_WHITESPACE = re.compile(r"\s+")


def markdown_to_text(source: str) -> str:
    """The text a reader sees, for search and snippets: a line per block, spaces collapsed."""
    return html_to_text(str(render_markdown(source)))


def html_to_text(html: str) -> str:
    """The text of HTML this module rendered (a revision's stored ``rendered``)."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    lines = "".join(collector.parts).splitlines()
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())
