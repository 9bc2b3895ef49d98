"""What teachers' Markdown turns into: CommonMark, the extensions, attachments, plain text."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from markupsafe import Markup

from app.markdown import RENDERER_VERSION, markdown_to_text, render_markdown
from tests.markdown.parsed import parse


def attachments(name: str) -> str | None:
    return None if name == "missing.png" else f"/attachments/42/{name}"


def test_renderer_version_is_a_string():
    assert isinstance(RENDERER_VERSION, str)
    assert RENDERER_VERSION


def test_output_is_markup_ready_for_templates():
    assert isinstance(render_markdown("*hi*"), Markup)


def test_empty_source_renders_nothing():
    assert render_markdown("") == ""


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Hello *world*", "<p>Hello <em>world</em></p>"),
        ("**bold** and `code`", "<p><strong>bold</strong> and <code>code</code></p>"),
        ("- one\n- two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"),
        ("3. three\n4. four", '<ol start="3">\n<li>three</li>\n<li>four</li>\n</ol>'),
        ("> quoted", "<blockquote>\n<p>quoted</p>\n</blockquote>"),
        ("a  \nb", "<p>a<br>\nb</p>"),
        ("---", "<hr>"),
        ("    indented", "<pre><code>indented\n</code></pre>"),
        ("1 < 2 & 3 > 2", "<p>1 &lt; 2 &amp; 3 &gt; 2</p>"),
    ],
)
def test_commonmark_basics(source, expected):
    assert render_markdown(source).strip() == expected


def test_fenced_code_keeps_its_language_class():
    html = render_markdown("```python\nprint('<hi>')\n```")
    assert parse(html).find("code") == [{"class": "language-python"}]
    assert "print('&lt;hi&gt;')" in html


def test_typographer_is_off():
    assert parse(render_markdown('"quotes" -- and (c)...')).text == '"quotes" -- and (c)...\n'


def test_bare_urls_are_not_linkified():
    assert "<a" not in render_markdown("see https://example.com")


def test_strikethrough():
    assert render_markdown("~~gone~~").strip() == "<p><s>gone</s></p>"


def test_table_alignment_uses_align_attributes_not_styles():
    parsed = parse(render_markdown("| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |"))
    assert [cell.get("align") for cell in parsed.find("th")] == ["left", "center", "right", None]
    assert [cell.get("align") for cell in parsed.find("td")] == ["left", "center", "right", None]
    assert not any("style" in element.attrs for element in parsed.elements)


def test_task_lists_are_disabled_checkboxes():
    parsed = parse(render_markdown("- [ ] plan\n- [x] teach"))
    boxes = parsed.find("input")
    assert [box["type"] for box in boxes] == ["checkbox", "checkbox"]
    assert all("disabled" in box for box in boxes)
    assert ["checked" in box for box in boxes] == [False, True]
    assert "plan" in parsed.text
    assert "teach" in parsed.text


def test_footnotes_link_both_ways():
    parsed = parse(render_markdown("Claim[^src].\n\n[^src]: The source."))
    ref_link = next(a for a in parsed.find("a") if a.get("id") == "fnref1")
    assert ref_link["href"] == "#fn1"
    assert {"id": "fn1", "class": "footnote-item"} in parsed.find("li")
    assert any(a.get("href") == "#fnref1" for a in parsed.find("a"))
    assert "The source." in parsed.text


def test_headings_get_prefixed_ids_up_to_h4():
    parsed = parse(render_markdown("# One\n## Two\n### Three\n#### Four\n##### Five"))
    ids = [element.attrs.get("id") for element in parsed.elements]
    assert ids == ["h-one", "h-two", "h-three", "h-four", None]


@pytest.mark.parametrize("page_id", ["main", "csrf_token", "content", "fn1"])
def test_heading_ids_cannot_clobber_page_ids(page_id):
    assert parse(render_markdown(f"# {page_id}")).find("h1") == [{"id": f"h-{page_id}"}]


def test_repeated_headings_get_unique_ids():
    parsed = parse(render_markdown("# Aims\n## Aims\n### Aims"))
    ids = [element.attrs["id"] for element in parsed.elements]
    assert ids == ["h-aims", "h-aims-1", "h-aims-2"]


def test_images_are_lazy_and_always_have_alt():
    assert parse(render_markdown("![](map.png)")).find("img") == [
        {"src": "map.png", "alt": "", "loading": "lazy"}
    ]


def test_attachment_image_resolves_to_its_url():
    html = render_markdown("![Worksheet](attachment:worksheet.png)", attachment_url=attachments)
    assert parse(html).find("img") == [
        {"src": "/attachments/42/worksheet.png", "alt": "Worksheet", "loading": "lazy"}
    ]


def test_attachment_link_resolves_to_its_url():
    html = render_markdown("[the sheet](attachment:sheet.pdf)", attachment_url=attachments)
    assert parse(html).find("a") == [{"href": "/attachments/42/sheet.pdf"}]


def test_attachment_names_reach_the_resolver_decoded():
    names = []
    render_markdown("[x](attachment:my%20sheet.pdf)", attachment_url=names.append)
    render_markdown("[x](<attachment:Übung 1.pdf>)", attachment_url=names.append)
    assert names == ["my sheet.pdf", "Übung 1.pdf"]


def test_attachment_scheme_is_case_insensitive():
    html = render_markdown("[x](ATTACHMENT:a.pdf)", attachment_url=attachments)
    assert parse(html).find("a") == [{"href": "/attachments/42/a.pdf"}]


@pytest.mark.parametrize("resolver", [None, attachments], ids=["no resolver", "unknown name"])
def test_unresolved_attachment_image_becomes_its_alt_text(resolver):
    html = render_markdown(
        "See ![the *missing* map](attachment:missing.png).", attachment_url=resolver
    )
    parsed = parse(html)
    assert parsed.tags == {"p"}
    assert parsed.text.strip() == "See the missing map."


@pytest.mark.parametrize("resolver", [None, attachments], ids=["no resolver", "unknown name"])
def test_unresolved_attachment_link_becomes_its_text(resolver):
    html = render_markdown("Open [the *map*](attachment:missing.png) now", attachment_url=resolver)
    parsed = parse(html)
    assert parsed.tags == {"p", "em"}
    assert parsed.text.strip() == "Open the map now"


def test_autolink_inside_a_dropped_attachment_link_survives_alone():
    html = render_markdown("[see <https://example.com> now](attachment:missing.png)")
    parsed = parse(html)
    assert parsed.find("a") == [{"href": "https://example.com", "rel": "nofollow noopener ugc"}]
    assert parsed.text.strip() == "see https://example.com now"
    assert html.count("</a>") == 1


@pytest.mark.parametrize(
    "url", ["https://example.com/a", "http://example.com", "//example.com/path", "HTTPS://X.ORG"]
)
def test_external_links_are_nofollow_noopener_ugc(url):
    assert parse(render_markdown(f"[x]({url})")).find("a")[0]["rel"] == "nofollow noopener ugc"


def test_autolinks_are_external_links_too():
    assert parse(render_markdown("<https://example.com>")).find("a") == [
        {"href": "https://example.com", "rel": "nofollow noopener ugc"}
    ]


@pytest.mark.parametrize(
    "url", ["/units/3", "lesson.md", "#h-aims", "?page=2", "mailto:teacher@example.fi"]
)
def test_local_and_mailto_links_have_no_rel(url):
    assert parse(render_markdown(f"[x]({url})")).find("a") == [{"href": url}]


def test_resolved_attachments_have_no_rel():
    html = render_markdown("[x](attachment:a.pdf)", attachment_url=attachments)
    assert "rel" not in parse(html).find("a")[0]


def test_rendering_is_thread_safe():
    sources = [
        f"# Unit {n}\n\n[^a] text[^a] ![m](attachment:{n}.png)\n\n[^a]: n" for n in range(40)
    ]
    expected = [render_markdown(source, attachment_url=attachments) for source in sources]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda s: render_markdown(s, attachment_url=attachments), sources))
    assert results == expected


def test_text_has_no_tags_and_decoded_entities():
    assert (
        markdown_to_text("**Fish &amp; chips** <b>x</b> & `a<b`") == "Fish & chips <b>x</b> & a<b"
    )


def test_text_keeps_blocks_as_lines_and_joins_soft_breaks():
    source = "# Aims\n\nRead the\ntext.\n\n- one\n- two\n\n> quote"
    assert markdown_to_text(source) == "Aims\nRead the text.\none\ntwo\nquote"


def test_text_keeps_code_block_lines():
    assert markdown_to_text("```\nx = 1\n\ny = 2\n```") == "x = 1\ny = 2"


def test_text_puts_a_table_row_on_one_line():
    assert markdown_to_text("| a | b |\n|---|---|\n| 1 | 2 |") == "a b\n1 2"


def test_text_leaves_out_footnote_markers_but_keeps_notes():
    assert markdown_to_text("Claim[^1].\n\n[^1]: Source.") == "Claim.\nSource."


def test_text_of_images_is_their_alt():
    assert markdown_to_text("![A map](map.png) and ![b](attachment:b.png)") == "A map and b"


def test_text_of_empty_source_is_empty():
    assert markdown_to_text("") == ""
