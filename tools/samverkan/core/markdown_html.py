"""Markdown to HTML as the site renders it, so that `check` sees what a reader's browser would get.

The extensions mirror ``markdown_extensions`` in mkdocs.yml (tests/test_html_policy.py keeps
the two lists equal); the site itself is rendered by MkDocs, never by this module.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import markdown

EXTENSIONS = ("admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "pymdownx.details", "pymdownx.superfences", "toc")


@cache
def _renderer() -> markdown.Markdown:
    # Imported here: most texts are checked without rendering, and `check` starts sooner without it.
    import markdown
    from pymdownx.superfences import fence_code_format

    return markdown.Markdown(
        extensions=list(EXTENSIONS),
        extension_configs={
            "pymdownx.superfences": {"custom_fences": [{"name": "mermaid", "class": "mermaid", "format": fence_code_format}]}
        },
    )


def to_html(text: str) -> str:
    """``text`` rendered with the site's Markdown extensions (the raw HTML in it kept as it is)."""
    renderer = _renderer()
    try:
        return renderer.convert(text)
    finally:
        renderer.reset()
