"""What in an HTML page could run code in a reader's browser, read as a browser reads it.

Independent of the policy under test (samverkan.core.html_policy): it shares only the tolerant
tokenizer and keeps its own short list of what executes, so a mistake in the allow-list cannot hide.
"""

from __future__ import annotations

import re

from samverkan.core.html_policy import TolerantHTMLParser

SCRIPT_SCHEMES = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "xlink:href", "srcdoc"}
OWN_SCRIPTS = re.compile(
    r"^(\.\./)*(\.?/)?(assets/(javascripts/bundle\.[0-9a-f]+\.min\.js|samverkan/md-(scope|content)\.js|vendor/mermaid\.min\.js|status\.js|tables\.js)|(sok/)?sok\.js)$"
)
"""The only script files a page may load: Material's bundle, our four, the local Mermaid, the search page's."""
MATERIAL_SHARE_LINK = ("a", "search-share")
"""Material's own "share search" button is href="javascript:void(0)"; the CSP makes it inert."""


class _Audit(TolerantHTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            plain = re.sub(r"[\x00-\x20]+", "", value)
            if name in URL_ATTRIBUTES and SCRIPT_SCHEMES.match(plain):
                if (tag, values.get("data-md-component")) != MATERIAL_SHARE_LINK:
                    self.found.append(f"<{tag} {name}={value[:40]!r}>")
        if tag == "script" and values.get("type") != "application/json" and not OWN_SCRIPTS.match(values.get("src", "")):
            self.found.append(f"<script {values}>")
        if tag in {"iframe", "object", "embed", "frame", "base"}:
            self.found.append(f"<{tag}>")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.found.append("<meta http-equiv=refresh>")

    handle_startendtag = handle_starttag


def executable(page: str) -> list[str]:
    """Every handler, script, script URL, frame or refresh in ``page``, in order."""
    audit = _Audit()
    audit.feed(page)
    audit.close()
    return audit.found
