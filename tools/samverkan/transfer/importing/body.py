"""Shape the text: tables of contents out, lists joined, headings levelled, images relinked.

Pure: pandoc AST blocks in, blocks out.
"""

from __future__ import annotations

import copy
import posixpath
import re
from collections.abc import Mapping
from pathlib import PurePosixPath

from samverkan.external import pandoc
from samverkan.transfer.importing import blocks as ast
from samverkan.transfer.importing.values import (
    MEDIA_PLACEHOLDER,
    TOC_HEADINGS,
    WEB_IMAGES,
    normalise,
)

_DOTTED_ENTRY = re.compile(r"^.{1,160}?(?:\.{3,}|…{2,}|_{3,})\s*\d{1,3}$")
_PAGE_NUMBER_ENTRY = re.compile(r"^.{1,160}?\s\d{1,3}$")


def _toc_style(block: dict) -> bool:
    style = ast.style(block).casefold().replace(" ", "")
    return bool(re.fullmatch(r"(toc|innehåll|innehållsförteckning|contents)\d*", style))


def _is_toc_entry(block: dict, after_heading: bool = False) -> bool:
    """A line of a table of contents: a TOC style, links to Word's _Toc bookmarks, or dotted leaders.

    Right after an 'Innehåll' heading a title followed by a page number is enough.
    """
    if _toc_style(block):
        return True
    inner = ast.flatten([block])
    if len(inner) != 1 or inner[0].get("t") not in ("Para", "Plain"):
        return False
    inlines = inner[0]["c"]
    links = [n for n in inlines if n.get("t") == "Link"]
    if links and all(n["c"][2][0].startswith("#_Toc") for n in links):
        return True
    text = ast.text(inlines)
    return bool(_DOTTED_ENTRY.match(text) or (after_heading and _PAGE_NUMBER_ENTRY.match(text)))


def _is_toc_heading(block: dict) -> bool:
    if ast.style(block).casefold().replace(" ", "") in ("tocheading", "innehållsförteckningsrubrik"):
        return True
    inner = ast.flatten([block])
    if len(inner) != 1 or inner[0].get("t") not in ("Para", "Plain", "Header"):
        return False
    content = inner[0]["c"][2] if inner[0]["t"] == "Header" else inner[0]["c"]
    return ast.text(content).casefold().rstrip(":") in TOC_HEADINGS


_PAGE = re.compile(r"^\d{1,3}$")
_LEADERS = re.compile(r"(?:\s*(?:\.{2,}|…+|_{2,}))+\s*$")


def _toc_rows(block: dict) -> list[tuple[str, ...]] | None:
    """A table's rows as texts when every row, but perhaps an 'Innehåll' row first, ends in a page number."""
    if block.get("t") != "Table":
        return None
    rows = [tuple(c for c in (pandoc.cell_text(cell).strip() for cell in cells) if c) for _, _, cells in pandoc.table_rows(block)]
    rows = [r for r in rows if r]
    if rows and len(rows[0]) == 1 and rows[0][0].casefold().rstrip(":") in TOC_HEADINGS:
        rows = rows[1:]
    if len(rows) < 2 or not all(len(r) >= 2 and _PAGE.match(r[-1]) for r in rows):
        return None
    return rows


def _is_toc_table(block: dict, after_heading: bool, headings: set[str]) -> bool:
    """A table of contents laid out as a table: after an 'Innehåll' heading, or naming the document's headings."""
    rows = _toc_rows(block)
    if rows is None:
        return False
    if after_heading:
        return True
    titles = [normalise(_LEADERS.sub("", " ".join(r[:-1]))) for r in rows]
    return sum(t in headings for t in titles) * 2 >= len(titles)


def _heading_texts(blocks: list[dict]) -> set[str]:
    out = set()
    for block in ast.flatten(blocks):
        if block.get("t") == "Header":
            text = ast.text(block["c"][2])
            out.add(normalise(text))
            out.add(normalise(re.sub(r"^\d+(?:\.\d+)*\.?\s+", "", text)))
    return out


def remove_toc(blocks: list[dict]) -> tuple[list[dict], int]:
    """Drop a table of contents: its heading ('Innehåll') and the entries with page numbers.

    Entries are paragraphs in a TOC style, with dot leaders or with page numbers, or the rows
    of a table. A heading 'Innehåll' is only removed together with entries, or when it is a
    plain paragraph before the first heading (Word's TOC field left empty); a real section
    called 'Innehåll' stays.
    """
    headings = _heading_texts(blocks)
    out: list[dict] = []
    removed = 0
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if _is_toc_table(block, False, headings):
            removed += len(_toc_rows(block) or ())
            i += 1
            continue
        if _is_toc_heading(block):
            j = i + 1
            while j < len(blocks) and _is_toc_entry(blocks[j], after_heading=True):
                j += 1
            if j < len(blocks) and _is_toc_table(blocks[j], True, headings):
                removed += len(_toc_rows(blocks[j]) or ()) - 1  # the table's block is counted below with the heading
                j += 1
            styled = bool(ast.style(block))
            lone_paragraph = ast.flatten([block])[0].get("t") != "Header" and not any(b.get("t") == "Header" for b in out)
            if j > i + 1 or styled or lone_paragraph:
                removed += j - i
                i = j
                continue
        elif _is_toc_entry(block):
            j = i
            while j < len(blocks) and _is_toc_entry(blocks[j]):
                j += 1
            if j - i >= 2 or any(_toc_style(b) for b in blocks[i:j]):
                removed += j - i
                i = j
                continue
        out.append(block)
        i += 1
    return out, removed



# --- tidying the text ---------------------------------------------------------------------------------------


def _walk_blocks(blocks: list[dict], fn) -> list[dict]:  # type: ignore[no-untyped-def]
    """Apply ``fn`` to every block list, depth first; ``fn`` returns the new list."""
    for block in blocks:
        kind, content = block.get("t"), block.get("c")
        if kind in ("BlockQuote",):
            block["c"] = _walk_blocks(content, fn)
        elif kind == "BulletList":
            block["c"] = [_walk_blocks(item, fn) for item in content]
        elif kind == "OrderedList":
            content[1] = [_walk_blocks(item, fn) for item in content[1]]
        elif kind == "Div":
            content[1] = _walk_blocks(content[1], fn)
        elif kind == "DefinitionList":
            block["c"] = [[term, [_walk_blocks(d, fn) for d in defs]] for term, defs in content]
        elif kind == "Table":
            for _, _, cells in pandoc.table_rows(block):
                for cell in cells:
                    cell[4] = _walk_blocks(cell[4], fn)
        elif kind == "Figure":
            content[2] = _walk_blocks(content[2], fn)
    return fn(blocks)


def _list_level(item: list[dict]) -> int:
    for block in item:
        m = re.search(r"(\d+)$", ast.style(block))
        if m and re.match(r"(?i)list", ast.style(block)):
            return int(m.group(1))
    return 1


def merge_lists(blocks: list[dict]) -> list[dict]:
    """Join adjacent lists of one kind and nest items styled 'List Bullet 2' under the item before."""
    out: list[dict] = []
    for block in blocks:
        prev = out[-1] if out else None
        if prev is not None and block.get("t") == prev.get("t") == "BulletList" or (
            prev is not None
            and block.get("t") == prev.get("t") == "OrderedList"
            and block["c"][0][1:] == prev["c"][0][1:]
        ):
            items = prev["c"] if prev["t"] == "BulletList" else prev["c"][1]
            new_items = block["c"] if block["t"] == "BulletList" else block["c"][1]
            for item in new_items:
                if _list_level(item) > 1 and items:
                    parent = items[-1]
                    nested = parent[-1] if parent and parent[-1].get("t") == block["t"] else None
                    if nested is None:
                        nested = copy.deepcopy(block)
                        if nested["t"] == "BulletList":
                            nested["c"] = []
                        else:
                            nested["c"][1] = []
                        parent.append(nested)
                    (nested["c"] if nested["t"] == "BulletList" else nested["c"][1]).append(item)
                else:
                    items.append(item)
            continue
        out.append(block)
    return out


def _unwrap_inlines(inlines: list[dict]) -> list[dict]:
    out: list[dict] = []
    for node in inlines:
        kind = node.get("t")
        if kind in ("Span", "Underline", "SmallCaps"):
            out.extend(_unwrap_inlines(node["c"][1] if kind == "Span" else node["c"]))
            continue
        if kind == "Link" and (node["c"][2][0].startswith("#_") or node["c"][2][0] == "#"):
            out.extend(_unwrap_inlines(node["c"][1]))
            continue
        if kind in ("Emph", "Strong", "Strikeout", "Superscript", "Subscript"):
            node = {"t": kind, "c": _unwrap_inlines(node["c"])}
            if not node["c"]:
                continue
        elif kind in ("Link", "Image"):
            node = {"t": kind, "c": [pandoc.NO_ATTR, _unwrap_inlines(node["c"][1]), node["c"][2]]}
        elif kind == "Quoted":
            node = {"t": kind, "c": [node["c"][0], _unwrap_inlines(node["c"][1])]}
        elif kind == "Note":
            node = {"t": kind, "c": tidy_blocks(node["c"])}
        out.append(node)
    return out


def tidy_blocks(blocks: list[dict]) -> list[dict]:
    def fix(items: list[dict]) -> list[dict]:
        out: list[dict] = []
        for block in items:
            kind = block.get("t")
            if kind == "Div":
                out.extend(fix(block["c"][1]))
                continue
            if kind == "Figure":
                caption = ast.text(block["c"][1][1])
                body = fix(block["c"][2])
                out.extend(body)
                images = [n for b in body if b.get("t") in ("Para", "Plain") for n in b["c"] if n.get("t") == "Image"]
                if caption and not any(ast.text(i["c"][1]) == caption for i in images):
                    out.append(pandoc.para([{"t": "Emph", "c": pandoc.inlines(caption)}]))
                continue
            if kind in ("Para", "Plain"):
                block = {"t": kind, "c": _unwrap_inlines(block["c"])}
                if not ast.text(block["c"]) and not any(n.get("t") in ("Image", "Note") for n in block["c"]):
                    continue
            elif kind == "Header":
                block = {"t": "Header", "c": [block["c"][0], ["", [], []], _unwrap_inlines(block["c"][2])]}
                if not ast.text(block["c"][2]):
                    continue
            elif kind == "Table":
                block["c"][0] = ["", [], []]
                for _, _, cells in pandoc.table_rows(block):
                    for cell in cells:
                        cell[4] = fix(cell[4])
                out.append(block)
                continue
            elif kind in ("BulletList", "OrderedList", "BlockQuote", "DefinitionList"):
                block = copy.copy(block)
                if kind == "BulletList":
                    block["c"] = _tighten([fix(merge_lists(item)) for item in block["c"]])
                elif kind == "OrderedList":
                    block["c"] = [block["c"][0], _tighten([fix(merge_lists(item)) for item in block["c"][1]])]
                elif kind == "BlockQuote":
                    block["c"] = fix(block["c"])
                else:
                    block["c"] = [[_unwrap_inlines(t), [fix(d) for d in defs]] for t, defs in block["c"]]
            out.append(block)
        return out

    return fix(merge_lists(blocks))


def _tighten(items: list[list[dict]]) -> list[list[dict]]:
    """Word makes every list item a paragraph; one paragraph per item is a tight list in Markdown."""
    simple = all(
        item and item[0].get("t") in ("Para", "Plain") and all(b.get("t") in ("BulletList", "OrderedList") for b in item[1:])
        for item in items
    )
    if simple:
        for item in items:
            item[0] = {"t": "Plain", "c": item[0]["c"]}
    return items


_NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+\S")
_ITEM_NUMBER = re.compile(r"^(\d{1,2})[.)]$")


def _item_number(block: dict) -> int | None:
    """The number of a paragraph typed as '1. text' (not in a Word list style)."""
    if block.get("t") not in ("Para", "Plain") or len(block["c"]) < 3:
        return None
    first, second = block["c"][0], block["c"][1]
    m = _ITEM_NUMBER.match(first.get("c", "")) if first.get("t") == "Str" else None
    return int(m.group(1)) if m and second.get("t") == "Space" else None


def number_paragraph_lists(blocks: list[dict]) -> tuple[list[dict], int]:
    """Consecutive paragraphs typed '1. …', '2. …' become one numbered list, as the author meant."""
    out: list[dict] = []
    made = 0
    i = 0
    while i < len(blocks):
        start = _item_number(blocks[i])
        j = i
        while start is not None and j < len(blocks) and _item_number(blocks[j]) == start + (j - i):
            j += 1
        if start is not None and j - i >= 2:
            items = [[{"t": "Plain", "c": b["c"][2:]}] for b in blocks[i:j]]
            delimiter = "Period" if blocks[i]["c"][0]["c"].endswith(".") else "OneParen"
            out.append({"t": "OrderedList", "c": [[start, {"t": "Decimal"}, {"t": delimiter}], items]})
            made += 1
            i = j
            continue
        out.append(blocks[i])
        i += 1
    return out, made


def promote_numbered_paragraphs(blocks: list[dict]) -> tuple[list[dict], int]:
    """'3.8 Instruktör …' written as a plain paragraph among numbered headings becomes a heading."""
    depth_level: dict[int, int] = {}
    for block in blocks:
        if block.get("t") == "Header":
            m = _NUMBERED.match(ast.text(block["c"][2]))
            if m:
                depth_level.setdefault(m.group(1).count(".") + 1, block["c"][0])
    promoted = 0
    out = []
    for block in blocks:
        if block.get("t") in ("Para", "Plain"):
            text = ast.text(block["c"])
            m = _NUMBERED.match(text)
            depth = m.group(1).count(".") + 1 if m else 0
            if (
                m
                and depth >= 2
                and text[m.end() - 1].isupper()
                and depth in depth_level
                and len(text) <= 120
                and not text.endswith((".", ":", ";", ","))
                and all(n.get("t") in ("Str", "Space", "Emph", "Strong") for n in block["c"])
            ):
                out.append({"t": "Header", "c": [depth_level[depth], ["", [], []], block["c"]]})
                promoted += 1
                continue
        out.append(block)
    return out, promoted


def demote_headings(blocks: list[dict]) -> list[dict]:
    """Shift headings so that the body starts at level 2 (the site shows the title as level 1)."""
    levels = [b["c"][0] for b in blocks if b.get("t") == "Header"]
    if not levels:
        return blocks
    shift = 2 - min(levels)
    for block in blocks:
        if block.get("t") == "Header":
            block["c"][0] = max(2, min(6, block["c"][0] + shift))
    return blocks


def rewrite_images(blocks: list[dict], media: Mapping[str, bytes]) -> tuple[dict[str, bytes], list[str]]:
    """Point images at the document's own folder; images browsers cannot show are left out."""
    kept: dict[str, bytes] = {}
    dropped: list[str] = []

    def visit(node: object) -> object:
        if isinstance(node, list):
            return [visit(n) for n in node]
        if not isinstance(node, dict):
            return node
        if node.get("t") == "Image":
            target = node["c"][2][0]
            name = posixpath.normpath(target.replace("\\", "/")).lstrip("./")
            data = media.get(name) or media.get("media/" + PurePosixPath(name).name)
            base = PurePosixPath(name).name
            if data is None or PurePosixPath(base).suffix.lower() not in WEB_IMAGES:
                dropped.append(base)
                alt = ast.text(node["c"][1])
                return {"t": "Emph", "c": pandoc.inlines(f"(Bild som inte kunde föras över: {alt or base})")}
            kept[base] = data
            return {"t": "Image", "c": [pandoc.NO_ATTR, node["c"][1], [MEDIA_PLACEHOLDER + base, node["c"][2][1]]]}
        if "c" in node:
            return {**node, "c": visit(node["c"])}
        return node

    blocks[:] = visit(blocks)  # type: ignore[assignment]
    return kept, dropped


