"""An MkDocs hook that ``samverkan pages`` copies beside the mkdocs.yml it writes.

The folder's lists link in the way of the renderer it was written for (``extra.samverkan_pages_for``):
Zensical rewrites links in HTML as it does Markdown links, MkDocs publishes HTML as it is, so a
folder built by the other one has list links that lead nowhere. MkDocs runs this hook and warns
(``--strict`` stops); Zensical does not run hooks and needs none. The file is copied, not imported:
it must work where only MkDocs is installed, so it imports nothing of samverkan.
"""

from __future__ import annotations

import logging

log = logging.getLogger("mkdocs.hooks.samverkan")

RENDERER = "mkdocs"
"""The renderer this hook runs in."""


def on_config(config):  # type: ignore[no-untyped-def]  # MkDocs passes its MkDocsConfig
    written_for = (config.get("extra") or {}).get("samverkan_pages_for")
    if written_for and written_for != RENDERER:
        log.warning(
            f"Mappen är skriven för {written_for}, inte för MkDocs: länkarna i listorna (alla dokument, roller, "
            f"forum …) leder ingenstans på den här webbplatsen. Skriv mappen för MkDocs med "
            f"`samverkan pages --for mkdocs --out MAPP`, eller bygg den med `{written_for} build`."
        )
    return config
