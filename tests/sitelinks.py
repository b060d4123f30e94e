"""Checks on a built site that hold for every renderer: internal links resolve, and a document page shows what matters."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and ((tag == "a" and name == "href") or (tag in ("img", "script") and name == "src") or (tag == "link" and name == "href")):
                self.targets.append(value)


def broken_links(site: Path) -> tuple[int, list[str]]:
    """(internal links checked, 'page -> target' for each that points at no file of the site)."""
    broken, checked = [], 0
    for page in sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for target in parser.targets:
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not parts.path:
                continue  # other sites, mailto:, tel:, and anchors on the same page
            checked += 1
            path = Path(unquote(parts.path))
            resolved = (site / path.relative_to("/")) if path.is_absolute() else (page.parent / path)
            if resolved.is_dir() or parts.path.endswith("/"):
                resolved = resolved / "index.html"
            if not resolved.resolve().is_file():
                broken.append(f"{page.relative_to(site)} -> {target}")
    return checked, broken


def document_page(site: Path, doc_id: str) -> str:
    """The built page of a document, wherever the renderer put it (directory URLs or not)."""
    for candidate in (site / "dokument" / doc_id / "index.html", site / "dokument" / f"{doc_id}.html"):
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    raise AssertionError(f"no page for {doc_id} in {site}")
