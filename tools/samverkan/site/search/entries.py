"""Which pages readers search, and what the index knows about each.

Documents, roles, forums and parties: the pages that answer a question. Lists, the
status page, the start page and 404 are never indexed, so a document is never outranked
by a list that merely names it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from samverkan.core import model as m
from samverkan.core.followup import DocState
from samverkan.site.search.ranking import PAGE_RANK, RANKS
from samverkan.site.text import (
    area_label,
    document_path,
    forum_path,
    party_path,
    role_path,
)

SUMMARY_CHARS = 220
"""Length of the fallback snippet: the start of the document's first paragraph."""


@dataclass(frozen=True)
class SearchEntry:
    """One page in the search index."""

    html_path: str
    """Its built file below the site folder, e.g. ``dokument/EXL-UTS-001/index.html``."""
    title: str
    """Shown as the result's heading; its words weigh most."""
    keywords: tuple[str, ...]
    """The document's search words; they weigh as much as the title."""
    body: str
    """The text, for compound parts and synonyms (Markdown or plain text)."""
    rank: int
    """1 for documents in force; see ``ranking.RANKS``."""
    filters: tuple[tuple[str, str], ...]
    """(filter, value) pairs offered on the search page: typ, omrade, part, status."""
    meta: tuple[tuple[str, str], ...]
    """(key, value) pairs shown on the result card."""
    details: tuple[str, ...] = ()
    """What the metadata panel says (id, type, areas, owner, parties …): indexed, never quoted."""


def html_path(markdown_path: str) -> str:
    """Where a generated page lands with directory URLs: ``dokument/X.md`` → ``dokument/X/index.html``."""
    stem = markdown_path.removesuffix(".md")
    return f"{stem.removesuffix('index')}index.html" if stem.endswith("index") else f"{stem}/index.html"


_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`>#|]|\{[^}]*\}")


def summary(body: str) -> str:
    """The first paragraph of plain text, shortened: the snippet when no word of the text matched."""
    for block in body.split("\n\n"):
        text = " ".join(line.strip() for line in block.strip().splitlines())
        if text and not text.startswith(("#", "-", "|", ">", "<", "1.")):
            text = _MARKUP.sub("", _LINK.sub(r"\1", text))
            return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS].rsplit(" ", 1)[0] + " …"
    return ""


def _laws(doc: m.Document, corpus: m.Corpus) -> list[str]:
    """The laws a document refers to, by title and common abbreviation (SoL, HSL, LPT …)."""
    out = []
    for ref in doc.references:
        law = corpus.laws_by_sfs.get(ref.sfs) if isinstance(ref, m.LawRef) else None
        if law is not None:
            out += [law.title, *([law.short] if law.short else [])]
    return out


def entries(corpus: m.Corpus, today: dt.date, window_days: int) -> list[SearchEntry]:
    out = []
    for doc in corpus.documents:
        chip = DocState.of(doc, today, window_days)
        owner = corpus.roles_by_id.get(doc.owner.role)
        parties = [corpus.parties_by_id[p].name for p in doc.applies_to if p in corpus.parties_by_id]
        out.append(
            SearchEntry(
                html_path=html_path(document_path(doc)),
                title=doc.title,
                keywords=doc.keywords,
                body=doc.body,
                rank=RANKS[chip],
                filters=(
                    ("typ", doc.type.label.capitalize()),
                    *(("omrade", area_label(a)) for a in doc.areas),
                    *(("part", p) for p in parties),
                    ("status", chip.label),
                    ("rang", str(RANKS[chip])),
                ),
                meta=(
                    ("title", doc.title),
                    ("typ", doc.type.label.capitalize()),
                    ("id", doc.id),
                    ("status", chip.value),
                    ("statustext", chip.label),
                    ("dokumentstatus", doc.status.value),
                    ("giltig_fran", doc.valid_from.isoformat()),
                    ("giltig_till", doc.valid_until.isoformat()),
                    ("agare", owner.name if owner else doc.owner.role),
                    ("sammanfattning", summary(doc.body)),
                ),
                details=(
                    doc.id,
                    doc.type.label,
                    *(area_label(a) for a in doc.areas),
                    owner.name if owner else doc.owner.role,
                    *doc.audience,
                    *parties,
                    *((corpus.forums_by_id[doc.approved_by].name,) if doc.approved_by in corpus.forums_by_id else ()),
                    *((doc.case_number,) if doc.case_number else ()),
                    *_laws(doc, corpus),
                ),
            )
        )
    for kind, items, path in (
        ("Roll", corpus.roles, role_path),
        ("Forum", corpus.forums, forum_path),
        ("Part", corpus.parties, party_path),
    ):
        for item in items:
            text = {
                "Roll": lambda r: " ".join((r.description, *r.responsibilities)),
                "Forum": lambda f: " ".join((f.description or "", *f.decides)),
                "Part": lambda p: p.short_name or "",
            }[kind](item)
            out.append(
                SearchEntry(
                    html_path=html_path(path(item.id)),
                    title=item.name,
                    keywords=(),
                    body=text,
                    rank=PAGE_RANK,
                    filters=(("typ", kind), ("rang", str(PAGE_RANK))),
                    meta=(("title", item.name), ("typ", kind), ("sammanfattning", summary(text))),
                )
            )
    return out
