"""Pandoc, the one converter between Word, Markdown and HTML, and small helpers for its AST.

Pandoc comes as a binary inside the ``pypandoc-binary`` wheel, so it installs from PyPI
with the rest of the package and needs no system package. Everything else in the project
talks to pandoc through this module: :func:`run` for a conversion, :func:`to_ast` and
:func:`from_ast` for pandoc's JSON syntax tree, and constructors and readers for the few
AST nodes the importer and exporter build or inspect; :func:`convert_many` for many
conversions in one pandoc process (the exporter's copies of a whole site).
"""

from __future__ import annotations

import base64
import functools
import json
import os
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

TIMEOUT_SECONDS = 120
"""No conversion of a governing document takes longer; a hung pandoc is an error."""
MEMORY_LIMIT = "1500m"
"""Pandoc's heap cap (GHC runtime option -M): a file made to expand in memory (a zip bomb)
stops pandoc with a clear error instead of filling the machine's memory."""
TIMEOUT_SECONDS_PER_MB = 10
"""Added per megabyte of input: pandoc is linear in its input, and a very long document
(or its JSON syntax tree, several times larger) must not fail on a busy machine."""


class PandocMissing(Exception):
    """The pandoc binary cannot be found or started (a set-up error, not a content error)."""


class PandocFailed(Exception):
    """Pandoc ran but could not convert its input (a broken or unsupported file)."""


MISSING_MESSAGE = (
    "pandoc saknas: installera om projektets Python-paket (make install eller "
    "`.venv/bin/pip install -e '.[test]'`), som tar med pandoc i paketet pypandoc-binary"
)


@functools.cache
def pandoc_path() -> str:
    """Path of the pandoc binary that pypandoc-binary ships (or that PYPANDOC_PANDOC names)."""
    try:
        import pypandoc
    except ImportError as exc:
        raise PandocMissing(f"{MISSING_MESSAGE} ({exc})") from exc
    try:
        path = pypandoc.get_pandoc_path()
    except OSError as exc:
        raise PandocMissing(f"{MISSING_MESSAGE} ({exc})") from exc
    if not path or ("/" in str(path) and not Path(path).exists()):
        raise PandocMissing(MISSING_MESSAGE)
    return str(path)


def run(args: Sequence[str], input_data: bytes | None = None, cwd: Path | None = None) -> bytes:
    """Run pandoc with ``args``; stdin is ``input_data``; returns stdout."""
    command = [pandoc_path(), "+RTS", f"-M{MEMORY_LIMIT}", "-RTS", *args]
    timeout = TIMEOUT_SECONDS + TIMEOUT_SECONDS_PER_MB * len(input_data or b"") // 1_000_000
    try:
        result = subprocess.run(command, input=input_data, capture_output=True, timeout=timeout, cwd=cwd, check=False)
    except FileNotFoundError as exc:
        pandoc_path.cache_clear()
        raise PandocMissing(MISSING_MESSAGE) from exc
    except subprocess.TimeoutExpired as exc:
        raise PandocFailed(f"pandoc blev inte klar på {timeout} sekunder") from exc
    if result.returncode != 0 and b"Heap exhausted" in result.stderr:
        raise PandocFailed(f"filen kräver mer än {MEMORY_LIMIT[:-1]} MB minne för att läsas och kan vara skadad")
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", errors="replace").strip() or f"avslutades med kod {result.returncode}"
        raise PandocFailed(message)
    return result.stdout


def to_ast(source: Path | bytes, from_format: str, extra: Sequence[str] = ()) -> dict:
    """Read a file (or bytes) into pandoc's JSON AST."""
    if isinstance(source, Path):
        output = run(["--from", from_format, "--to", "json", *extra, str(source)])
    else:
        output = run(["--from", from_format, "--to", "json", *extra], source)
    return json.loads(output)


def from_ast(ast: dict, to_format: str, extra: Sequence[str] = (), output: Path | None = None, cwd: Path | None = None) -> bytes:
    """Write a JSON AST in ``to_format``; binary formats (docx) need ``output``."""
    args = ["--from", "json", "--to", to_format, *extra]
    if output is not None:
        args += ["--output", str(output)]
    return run(args, json.dumps(ast, ensure_ascii=False).encode("utf-8"), cwd=cwd)


@dataclass(frozen=True)
class Conversion:
    """One conversion of a batch, as pandoc's server takes it."""

    text: str
    """The input; a JSON syntax tree when ``from_format`` is ``json``."""
    from_format: str
    to_format: str
    options: Mapping[str, str] = field(default_factory=dict)
    """Options by their long command-line name without the dashes, e.g. ``{"wrap": "none"}``."""
    files: Mapping[str, bytes] = field(default_factory=dict)
    """The only files pandoc may read (images, the reference document), by the name the input uses."""

    def request(self) -> dict:
        return {
            "text": self.text,
            "from": self.from_format,
            "to": self.to_format,
            **self.options,
            "files": {name: base64.b64encode(data).decode("ascii") for name, data in self.files.items()},
        }


def convert_many(conversions: Sequence[Conversion]) -> list[bytes | PandocFailed]:
    """Every conversion in one pandoc process; the output of each, or why it failed, in the same order.

    Pandoc's own server, run as a CGI program, converts a batch of requests: one process start
    instead of one per document, and it reads no file but those a conversion hands it. When the
    process as a whole fails (a document exhausting the memory cap), each conversion is run
    alone, so that only the broken one fails.
    """
    if not conversions:
        return []
    try:
        return _batch(conversions)
    except PandocFailed as exc:
        if len(conversions) == 1:
            return [exc]
    return [convert_many([conversion])[0] for conversion in conversions]


def _batch(conversions: Sequence[Conversion]) -> list[bytes | PandocFailed]:
    body = json.dumps([c.request() for c in conversions], ensure_ascii=False).encode("utf-8")
    # Each conversion gets the time a lone run of the longest would (the server stops it after that).
    each = TIMEOUT_SECONDS + TIMEOUT_SECONDS_PER_MB * max(len(c.text.encode("utf-8")) for c in conversions) // 1_000_000
    timeout = each * len(conversions)
    cgi = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/batch",
        "CONTENT_TYPE": "application/json",
        "CONTENT_LENGTH": str(len(body)),
        "HTTP_ACCEPT": "application/json",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "0",
        "REMOTE_ADDR": "127.0.0.1",
        "PANDOC_SERVER_TIMEOUT": str(each),
    }
    # Pandoc acts as its server's CGI program when it is called by that name.
    command = ["pandoc-server.cgi", "+RTS", f"-M{MEMORY_LIMIT}", "-RTS"]
    try:
        result = subprocess.run(
            command, executable=pandoc_path(), input=body, capture_output=True, timeout=timeout, check=False,
            env={"PATH": os.environ.get("PATH", ""), **cgi},
        )
    except FileNotFoundError as exc:
        pandoc_path.cache_clear()
        raise PandocMissing(MISSING_MESSAGE) from exc
    except subprocess.TimeoutExpired as exc:
        raise PandocFailed(f"pandoc blev inte klar på {timeout} sekunder") from exc
    if b"Heap exhausted" in result.stderr:
        raise PandocFailed(f"filen kräver mer än {MEMORY_LIMIT[:-1]} MB minne för att läsas och kan vara skadad")
    status, _, answer = result.stdout.partition(b"\n\n")
    if result.returncode != 0 or not status.startswith(b"Status: 200"):
        message = (result.stderr or status).decode("utf-8", errors="replace").strip()
        raise PandocFailed(message or f"avslutades med kod {result.returncode}")
    return [
        PandocFailed(item["error"]) if "error" in item
        else base64.b64decode(item["output"]) if item.get("base64") else item["output"].encode("utf-8")
        for item in json.loads(answer)
    ]


# --- reading the AST -------------------------------------------------------------------------


def stringify(nodes: object) -> str:
    """The plain text of inlines or blocks: spaces for Space, newlines for breaks."""
    out: list[str] = []
    _text(nodes, out)
    return "".join(out)


def _text(node: object, out: list[str]) -> None:
    if isinstance(node, list):
        for item in node:
            _text(item, out)
        return
    if not isinstance(node, dict):
        return
    kind = node.get("t")
    content = node.get("c")
    if kind == "Str":
        out.append(content)
    elif kind in ("Space",):
        out.append(" ")
    elif kind in ("SoftBreak", "LineBreak"):
        out.append("\n")
    elif kind in ("Code", "Math", "RawInline"):
        out.append(content[1])
    elif kind in ("Emph", "Strong", "Strikeout", "Underline", "SmallCaps", "Superscript", "Subscript"):
        _text(content, out)
    elif kind == "Quoted":
        mark = "”" if content[0]["t"] == "DoubleQuote" else "’"
        out.append(mark)
        _text(content[1], out)
        out.append(mark)
    elif kind in ("Link", "Image", "Span"):
        _text(content[1], out)
    elif kind == "Cite":
        _text(content[1], out)
    elif kind == "Note":
        return
    elif kind in ("Para", "Plain", "Header"):
        _text(content if kind != "Header" else content[2], out)
        out.append("\n")
    elif kind == "LineBlock":
        for line in content:
            _text(line, out)
            out.append("\n")
    elif kind == "Div":
        _text(content[1], out)
    elif kind in ("BulletList",):
        for item in content:
            _text(item, out)
    elif kind == "OrderedList":
        for item in content[1]:
            _text(item, out)
    elif kind == "BlockQuote":
        _text(content, out)


def meta_text(ast: dict, key: str) -> str | None:
    """A metadata field (title, subtitle, date) as plain text."""
    value = ast.get("meta", {}).get(key)
    if not value:
        return None
    if value.get("t") in ("MetaInlines", "MetaBlocks"):
        text = " ".join(stringify(value["c"]).split())
        return text or None
    if value.get("t") == "MetaString":
        return value["c"].strip() or None
    if value.get("t") == "MetaList":
        parts = [stringify(v.get("c", [])) for v in value["c"]]
        return ", ".join(" ".join(p.split()) for p in parts if p.strip()) or None
    return None


def table_rows(table: dict) -> list[tuple[str, int, list]]:
    """Every row of a Table block as (part, index, cells), head rows first, then body rows.

    ``part`` is ``"head"``, ``"body:<n>:<inter|rows>"`` or ``"foot"``; cells are the raw cell nodes.
    """
    _, _, _, head, bodies, foot = table["c"]
    rows: list[tuple[str, int, list]] = []
    for i, row in enumerate(head[1]):
        rows.append(("head", i, row[1]))
    for n, body in enumerate(bodies):
        for i, row in enumerate(body[2]):
            rows.append((f"body:{n}:inter", i, row[1]))
        for i, row in enumerate(body[3]):
            rows.append((f"body:{n}:rows", i, row[1]))
    for i, row in enumerate(foot[1]):
        rows.append(("foot", i, row[1]))
    return rows


def cell_text(cell: list) -> str:
    """Text of a table cell, one line per paragraph or line break."""
    return "\n".join(line.strip() for line in stringify(cell[4]).strip("\n").split("\n"))


def remove_table_rows(table: dict, doomed: set[tuple[str, int]]) -> None:
    """Delete the rows named by (part, index) as :func:`table_rows` names them."""
    _, _, _, head, bodies, foot = table["c"]
    head[1] = [row for i, row in enumerate(head[1]) if ("head", i) not in doomed]
    for n, body in enumerate(bodies):
        body[2] = [row for i, row in enumerate(body[2]) if (f"body:{n}:inter", i) not in doomed]
        body[3] = [row for i, row in enumerate(body[3]) if (f"body:{n}:rows", i) not in doomed]
    foot[1] = [row for i, row in enumerate(foot[1]) if ("foot", i) not in doomed]


# --- building the AST ------------------------------------------------------------------------

NO_ATTR: list = ["", [], []]


def inlines(text: str) -> list[dict]:
    """Plain text as inlines: words as Str, spaces as Space, newlines as LineBreak."""
    out: list[dict] = []
    for n, line in enumerate(text.split("\n")):
        if n:
            out.append({"t": "LineBreak"})
        for m, word in enumerate(line.split()):
            if m:
                out.append({"t": "Space"})
            out.append({"t": "Str", "c": word})
    return out


def para(content: str | list[dict]) -> dict:
    return {"t": "Para", "c": inlines(content) if isinstance(content, str) else content}


def plain(content: str | list[dict]) -> dict:
    return {"t": "Plain", "c": inlines(content) if isinstance(content, str) else content}


def strong(content: str | list[dict]) -> dict:
    return {"t": "Strong", "c": inlines(content) if isinstance(content, str) else content}


def header(level: int, content: str | list[dict], identifier: str = "") -> dict:
    return {"t": "Header", "c": [level, [identifier, [], []], inlines(content) if isinstance(content, str) else content]}


def div(blocks: list[dict], classes: Iterable[str] = (), attributes: Iterable[tuple[str, str]] = ()) -> dict:
    return {"t": "Div", "c": [["", list(classes), [list(a) for a in attributes]], blocks]}


def _cell(blocks: list[dict]) -> list:
    return [NO_ATTR, {"t": "AlignDefault"}, 1, 1, blocks]


def table(
    rows: Sequence[Sequence[list[dict]]],
    head: Sequence[list[dict]] | None = None,
    widths: Sequence[float] | None = None,
    classes: Iterable[str] = (),
) -> dict:
    """A table; every cell is a list of blocks. Without ``head`` the table has no header row."""
    columns = len(head) if head is not None else max((len(r) for r in rows), default=1)
    colspecs = [
        [{"t": "AlignDefault"}, {"t": "ColWidth", "c": widths[i]} if widths else {"t": "ColWidthDefault"}]
        for i in range(columns)
    ]
    head_rows = [[NO_ATTR, [_cell(c) for c in head]]] if head is not None else []
    body_rows = [[NO_ATTR, [_cell(c) for c in row]] for row in rows]
    return {
        "t": "Table",
        "c": [
            ["", list(classes), []],
            [None, []],
            colspecs,
            [NO_ATTR, head_rows],
            [[NO_ATTR, 0, [], body_rows]],
            [NO_ATTR, []],
        ],
    }


@functools.cache
def api_version() -> list[int]:
    """The AST version this pandoc writes, for trees built from scratch (a PDF's text)."""
    return list(to_ast(b"", "markdown")["pandoc-api-version"])


def document(blocks: list[dict], api_version: list[int], meta: dict | None = None) -> dict:
    return {"pandoc-api-version": api_version, "meta": meta or {}, "blocks": blocks}


def meta_inlines(text: str) -> dict:
    return {"t": "MetaInlines", "c": inlines(text)}
