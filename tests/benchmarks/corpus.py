"""A generated content tree of any size, made from the example county's own files.

Every document is one of the example documents with a fresh id (``<id>-K<n>``), its
references pointing into the same copy, and its text lengthened to about ``words`` words
with paragraphs from the other examples, so that the corpus looks like a real national
collection: same front matter, same roles, forums and parties, realistic body sizes.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

_ID = re.compile(r"^id: (.+)$", re.MULTILINE)
_DOC_REF = re.compile(r"(  - document: )(\S+)")


def _split(text: str) -> tuple[str, str]:
    """Front matter (with its fences) and body."""
    end = text.index("\n---\n", 4) + len("\n---\n")
    return text[:end], text[end:]


def _paragraphs() -> list[str]:
    found = []
    for src in sorted((REPO / "routines").rglob("*.md")):
        body = _split(src.read_text(encoding="utf-8"))[1]
        found += [p for p in body.split("\n\n") if p.strip() and not p.lstrip().startswith(("#", "|", "```", "!!!", "<"))]
    return found


def _lengthen(body: str, words: int, filler: list[str], seed: int) -> str:
    have = len(body.split())
    extra = []
    i = seed
    while have < words:
        paragraph = filler[i % len(filler)]
        extra.append(paragraph)
        have += len(paragraph.split())
        i += 7
    if not extra:
        return body
    return body.rstrip("\n") + "\n\n## Fördjupning\n\n" + "\n\n".join(extra) + "\n"


def copy_setup(root: Path, *, search: bool = False, downloads: bool = False) -> None:
    """roles/, schema/, docs/ and mkdocs.yml; ``search=False`` drops Material's search plugin and our index,
    ``downloads=False`` the PDF and Word copies."""
    for folder in ("roles", "schema", "docs"):
        shutil.copytree(REPO / folder, root / folder, dirs_exist_ok=True)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    if not search:
        # Neither Material's search nor our Pagefind index: bare Material builds no search either.
        config = drop_search(config).replace("  - samverkan:\n", "  - samverkan:\n      search_index: false\n", 1)
    if not downloads:
        config = config.replace("  - samverkan:\n", "  - samverkan:\n      downloads: false\n", 1)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")


def drop_search(config: str) -> str:
    """mkdocs.yml without the search plugin block (the plugin list item and its indented lines)."""
    return re.sub(r"^  - search:\n(?:    .*\n|\s*\n)*", "", config, flags=re.MULTILINE)


def generate(root: Path, documents: int, *, words: int = 1500, search: bool = False, downloads: bool = False) -> list[Path]:
    """Write a content tree of ``documents`` documents under ``root``; returns their paths."""
    copy_setup(root, search=search, downloads=downloads)
    sources = sorted((REPO / "routines").rglob("*.md"))
    texts = [src.read_text(encoding="utf-8") for src in sources]
    filler = _paragraphs()
    written = []
    for k in range(documents):
        copy, which = divmod(k, len(sources))
        src, text = sources[which], texts[which]
        head, body = _split(text)
        head = _ID.sub(lambda m: f"id: {m.group(1)}-K{copy}", head, count=1)
        head = _DOC_REF.sub(lambda m: f"{m.group(1)}{m.group(2)}-K{copy}", head)
        # A reference to an example beyond the last generated copy would be unknown: keep only
        # references whose target exists (copies are complete except possibly the last one).
        last_copy_size = documents - copy * len(sources)
        if last_copy_size < len(sources):
            head = _drop_missing_refs(head, {_doc_id(t) + f"-K{copy}" for t in texts[:last_copy_size]})
        target = root / "routines" / src.parent.name / f"{src.stem}-{copy}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(head + _lengthen(body, words, filler, k), encoding="utf-8")
        written.append(target)
    return written


def _doc_id(text: str) -> str:
    return _ID.search(text).group(1)  # type: ignore[union-attr]


def _drop_missing_refs(head: str, present: set[str]) -> str:
    lines = head.split("\n")
    kept = [line for line in lines if not (line.startswith("  - document: ") and line.split(": ", 1)[1] not in present)]
    out = "\n".join(kept)
    # A references: list left empty is a schema error; drop the key.
    return re.sub(r"^references:\n(?=[a-z_]+:)", "", out, flags=re.MULTILINE)


def one_large_document(root: Path, size: int, *, parts: int = 1) -> list[Path]:
    """The example tree plus ``size`` bytes of extra text, in one document or split into ``parts``."""
    copy_setup(root)
    shutil.copytree(REPO / "routines", root / "routines")
    source = sorted((REPO / "routines").rglob("*.md"))[0]
    head, body = _split(source.read_text(encoding="utf-8"))
    filler = _paragraphs()
    written = []
    for part in range(parts):
        text = [body]
        have, i = len(body.encode()), part
        section = 0
        while have < size // parts:
            if i % 12 == 0:
                section += 1
                text.append(f"## Avsnitt {section}")
            paragraph = filler[i % len(filler)]
            text.append(paragraph)
            have += len(paragraph.encode()) + 2
            i += 1
        doc_head = _ID.sub(lambda m: f"id: {m.group(1)}-STOR{part}", head, count=1)
        target = root / "routines" / source.parent.name / f"stort-dokument-{part}.md"
        target.write_text(doc_head + "\n\n".join(text) + "\n", encoding="utf-8")
        written.append(target)
    return written
