"""A poisoned tree's site in real Chromium: no dialog opens and no handler runs, and the
Content-Security-Policy leaves the real site working (Material, search, Mermaid)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

POISONED = ["/dokument/HOST-001/", "/dokument/HOST-002/", "/roller/giftroll/", "/forum/giftforum/", "/parter/giftpart/",
            "/forum/", "/roller/", "/parter/", "/dokument/", "/andringar/", "/status/", "/"]  # fmt: skip

WATCH = """
window.__svRan = [];
window.__svCsp = [];
for (const name of ["alert", "confirm", "prompt"]) {
  const original = window[name].bind(window);
  window[name] = (...args) => { window.__svRan.push(name + "(" + args.join(",") + ")"); return original(...args); };
}
document.addEventListener("securitypolicyviolation", e => window.__svCsp.push(e.violatedDirective + " " + e.blockedURI));
"""
"""Runs before any script of the page: records every dialog call and every CSP violation."""

PROVOKE = """() => {
  for (const el of document.querySelectorAll("article *")) {
    for (const type of ["mouseover", "mouseenter", "focus", "toggle", "load", "error"]) el.dispatchEvent(new Event(type));
    if (!el.closest("a, button, form, summary")) el.dispatchEvent(new MouseEvent("click", {bubbles: true}));
  }
}"""
"""Fires every event a handler in the fixtures listens for, on every element of the content."""


def _watched(new_page):
    page = new_page()
    dialogs: list[str] = []

    def dismiss(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.add_init_script(WATCH)
    return page, dialogs


def test_no_poisoned_page_opens_a_dialog_or_runs_a_handler(new_page, hostile_url):
    page, dialogs = _watched(new_page)
    ran: dict[str, list[str]] = {}
    for path in POISONED:
        response = page.goto(hostile_url + path, wait_until="load")
        assert response is not None and response.ok, path
        assert page.evaluate("Array.isArray(window.__svRan)"), "the watcher runs on the page"
        page.wait_for_load_state("networkidle")
        page.evaluate(PROVOKE)
        page.wait_for_timeout(200)  # let a provoked handler run (none may)
        ran[path] = page.evaluate("window.__svRan") + page.evaluate("window.__svCsp")  # no inline script even tried
    assert dialogs == []
    assert {path: calls for path, calls in ran.items() if calls} == {}


@pytest.mark.parametrize("path", ["/", "/forum/", "/dokument/EXL-UTS-001/", "/status/"])
def test_the_csp_blocks_nothing_the_site_needs(new_page, site_url, path):
    page, dialogs = _watched(new_page)
    response = page.goto(site_url + path, wait_until="load")
    assert response is not None and response.ok
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__svCsp") == []
    assert page.evaluate("typeof __md_get === 'function' && __md_scope instanceof URL")  # Material's head script, now a file
    if path == "/forum/":
        # Mermaid draws under the policy (into a closed shadow root: only its size shows from here).
        page.wait_for_function("document.querySelector('div.mermaid')?.getBoundingClientRect().height > 100", timeout=60_000)  # 2.7 MB to parse
