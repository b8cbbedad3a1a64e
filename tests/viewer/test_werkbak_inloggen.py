"""The werkbak's login in real Chromium (issue 22): keyboard only at 1280 and 360 px, axe-core without WCAG 2.1 AA
violations on the login page, a refused login and the logged-in frame, the session cookie as the browser keeps it,
and after logout the back button shows nothing of the user."""

from __future__ import annotations

import pytest

from tests.viewer.browser import axe_violations
from tests.werkbak_gebruikers import werkbak_user

WIDTHS = (1280, 360)


@pytest.fixture(scope="module")
def user(two_gemeenten_db):
    with werkbak_user(two_gemeenten_db) as made:
        yield made


def focused(page) -> dict:
    return page.evaluate("""() => { const el = document.activeElement; const s = getComputedStyle(el);
        return {id: el.id, tag: el.tagName, text: (el.innerText || '').trim().slice(0, 40), outline: s.outlineStyle,
                width: parseFloat(s.outlineWidth)}; }""")


def tab_to(page, wanted: dict, limit: int = 15) -> list[dict]:
    """Tab until the focused element matches `wanted` (keys of focused()); every stop has a visible outline."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        f = focused(page)
        seen.append(f)
        assert f["outline"] != "none" and f["width"] >= 2, f
        if all(f[k] == v for k, v in wanted.items()):
            return seen
    raise AssertionError(f"met Tab niet bereikt: {wanted}; wel: {seen}")


def new_page(browser, width: int):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    # every file the pages load is there (the refused login itself answers 401; the browser asks a favicon)
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 and r.status != 401
            and not r.url.endswith("/favicon.ico") else None)
    return context, page, errors


@pytest.mark.parametrize("width", WIDTHS)
def test_login_keyboard_only_accessible_and_the_cookie_as_the_browser_keeps_it(browser, werkbak_site, user, width):
    context, page, errors = new_page(browser, width)
    try:
        page.goto(f"{werkbak_site.url}/werkbak/inloggen?terug=/werkbak/uitloggen")
        assert axe_violations(page) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling
        # the skip link comes first and moves the focus to the content
        page.keyboard.press("Tab")
        assert focused(page)["text"] == "Naar de inhoud"
        page.keyboard.press("Enter")
        assert focused(page)["id"] == "inhoud"
        # a wrong password first: the refusal is announced, the name kept, the page still accessible
        tab_to(page, {"id": "naam"})
        page.keyboard.type(user.naam)
        page.keyboard.press("Tab")
        assert focused(page)["id"] == "wachtwoord"
        page.keyboard.type("verkeerd-wachtwoord")
        page.keyboard.press("Enter")
        page.locator("#melding").wait_for()
        assert "Inloggen is niet gelukt" in page.inner_text("[role=alert]")
        assert page.input_value("#naam") == user.naam and page.input_value("#wachtwoord") == ""
        assert axe_violations(page) == []
        # then the right one, keyboard only
        tab_to(page, {"id": "wachtwoord"})
        page.keyboard.type(user.wachtwoord)
        tab_to(page, {"tag": "BUTTON", "text": "Inloggen"})
        page.keyboard.press("Enter")
        page.wait_for_url("**/werkbak/uitloggen")
        assert f"Ingelogd als {user.naam}" in page.inner_text("header")
        cookie = next(c for c in context.cookies() if c["name"] == "bk_werkbak")
        assert (cookie["httpOnly"], cookie["secure"], cookie["sameSite"], cookie["path"]) == (
            True, True, "Strict", "/werkbak/")
        assert page.evaluate("document.cookie") == ""  # no script reads it
        assert axe_violations(page, min_passes=8) == []  # a small page: fewer rules apply
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        # logout with the keyboard; the back button then shows the login page, nothing of the user
        tab_to(page, {"tag": "BUTTON", "text": "Uitloggen"})
        page.keyboard.press("Enter")
        page.wait_for_url("**/werkbak/inloggen?uit=1")
        assert "U bent uitgelogd." in page.inner_text("main")
        page.go_back()
        page.wait_for_load_state()
        assert "/werkbak/inloggen" in page.url
        assert user.naam not in page.content()
        assert "bk_werkbak" not in {c["name"] for c in context.cookies()}
        assert not errors, errors
    finally:
        context.close()
