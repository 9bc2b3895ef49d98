import pytest
from playwright.sync_api import Page


def test_an_inline_style_is_blocked_by_the_csp_and_fails_the_page_check(
    page: Page, live_server, assert_page_ok
):
    page.goto(live_server)

    page.evaluate(
        "() => { const style = document.createElement('style');"
        " style.textContent = 'body { color: red }'; document.head.append(style); }"
    )

    assert page.evaluate("getComputedStyle(document.body).color") != "rgb(255, 0, 0)"
    with pytest.raises(AssertionError, match="Content Security Policy"):
        assert_page_ok(page)
