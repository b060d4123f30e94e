"""Small readers of pandoc AST blocks (plain JSON data) shared by the interpreter and the body shaping."""

from __future__ import annotations

from samverkan.external import pandoc


def flatten(blocks: list[dict]) -> list[dict]:
    """Top-level blocks with Divs unwrapped (pandoc wraps styled paragraphs in Divs with +styles)."""
    out: list[dict] = []
    for block in blocks:
        if block.get("t") == "Div":
            out.extend(flatten(block["c"][1]))
        else:
            out.append(block)
    return out


def style(block: dict) -> str:
    if block.get("t") == "Div":
        for key, value in block["c"][0][2]:
            if key == "custom-style":
                return value
    return ""


def lines(inlines: list[dict]) -> list[list[dict]]:
    """Inlines split at line breaks."""
    out: list[list[dict]] = [[]]
    for node in inlines:
        if node.get("t") in ("LineBreak", "SoftBreak"):
            out.append([])
        else:
            out[-1].append(node)
    return out


def join_lines(parts: list[list[dict]]) -> list[dict]:
    out: list[dict] = []
    for n, line in enumerate(parts):
        if n:
            out.append({"t": "LineBreak"})
        out.extend(line)
    return out


def text(node: object) -> str:
    return " ".join(pandoc.stringify(node).split())


def texts(blocks: list[dict]) -> list[str]:
    """The text of every paragraph, heading, list item and table cell, depth first, one string each."""
    out: list[str] = []
    for block in blocks:
        kind, content = block.get("t"), block.get("c")
        if kind in ("Para", "Plain"):
            out.append(text(content))
        elif kind == "Header":
            out.append(text(content[2]))
        elif kind == "BulletList":
            for item in content:
                out.extend(texts(item))
        elif kind == "OrderedList":
            for item in content[1]:
                out.extend(texts(item))
        elif kind in ("Div", "Figure"):
            out.extend(texts(content[-1]))
        elif kind == "BlockQuote":
            out.extend(texts(content))
        elif kind == "Table":
            for _, _, cells in pandoc.table_rows(block):
                for cell in cells:
                    out.extend(texts(cell[4]))
    return [t for t in out if t]
