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
