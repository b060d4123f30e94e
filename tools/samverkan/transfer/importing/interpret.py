"""Find a document's metadata in the neutral structure: the one interpreter for every format.

Pure: it works on plain data (rows of cell texts, pandoc AST blocks), never on files.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from samverkan.external import pandoc
from samverkan.transfer.importing import blocks as ast
from samverkan.transfer.importing import findings
from samverkan.transfer.importing.findings import Suggestion
from samverkan.transfer.importing.body import (
    demote_headings,
    merge_lists,
    number_paragraph_lists,
    promote_numbered_paragraphs,
    remove_toc,
    rewrite_images,
    tidy_blocks,
)
from samverkan.transfer.importing.source import Source
from samverkan.transfer.importing.values import (
    CHANGELOG_COLUMNS,
    DOC_ID,
    EMAIL,
    LABEL_AT_START,
    LABEL_INSIDE,
    METADATA_HEADINGS,
    PERSON_NAME,
    PREFIX_FORM,
    PRIORITY,
    STRONG,
    WHERE_BODY,
    WHERE_PROPERTIES,
    WHERE_TABLE,
    Catalog,
    Found,
    Unused,
    clean,
    find_dates,
    label_field,
    match_name,
    normalise,
    one_line,
    only_date,
    parse_date,
    parse_revision,
    split_list,
    split_people,
    type_from_text,
)

# --- finding label/value pairs ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    label: str
    field: str
    value: str
    colon: bool
    """Written as 'Label: value' (or in a cell of its own); False for 'Label value'."""


def pairs_in_line(line: str) -> list[Pair]:
    """'Dokument ID: 09-412377   Version: 5' → two pairs; a line not starting with a label → none."""
    m = LABEL_AT_START.match(line)
    if not m:
        return []
    colon = ":" in m.group("sep") or "：" in m.group("sep")
    starts = [(m.start("label"), m.end("label"), m.group("label"), colon, m.end())]
    for inner in LABEL_INSIDE.finditer(line, m.end()):
        starts.append((inner.start("label"), inner.end("label"), inner.group("label"), True, inner.end()))
    pairs = []
    for n, (_, _, label, has_colon, value_start) in enumerate(starts):
        value_end = starts[n + 1][0] if n + 1 < len(starts) else len(line)
        key = label_field(label)
        if key is None:
            continue
        pairs.append(Pair(clean(label), key, line[value_start:value_end].strip(" \t·•|;,"), has_colon))
    return pairs


def pairs_in_row(cells: Sequence[str]) -> list[tuple[list[int], Pair]]:
    """Pairs in one table row or tab-separated line, with the cells each consumed."""
    out: list[tuple[list[int], Pair]] = []
    used: set[int] = set()
    for i, cell in enumerate(cells):
        if i in used:
            continue
        text = cell.strip()
        if not text:
            continue
        lines = [line.strip() for line in text.split("\n") if line.strip()]
        key = label_field(text)
        if key is not None:
            if i + 1 < len(cells) and cells[i + 1].strip() and label_field(cells[i + 1]) is None:
                out.append(([i, i + 1], Pair(clean(text.rstrip(":：")), key, cells[i + 1].strip(), True)))
                used.add(i + 1)
            continue
        first = label_field(lines[0]) if len(lines) > 1 else None
        if first is not None:
            out.append(([i], Pair(clean(lines[0].rstrip(":：")), first, "\n".join(lines[1:]), True)))
            continue
        found = [p for line in lines for p in pairs_in_line(line)]
        if found:
            out.extend(([i], p) for p in found)
    return out


def pairs_in_rows(rows: Sequence[Sequence[str]]) -> list[tuple[int, list[int], Pair]]:
    """Pairs in a table: label/value cells, and a row of labels above a row of values."""
    out: list[tuple[int, list[int], Pair]] = []
    skip: set[int] = set()
    for r, cells in enumerate(rows):
        if r in skip:
            continue
        filled = [c for c in cells if c.strip()]
        if (
            len(filled) >= 2
            and all(label_field(c) for c in filled)
            and r + 1 < len(rows)
            and len(rows[r + 1]) == len(cells)
            and not any(label_field(c) for c in rows[r + 1] if c.strip())
        ):
            for i, (label, value) in enumerate(zip(cells, rows[r + 1], strict=True)):
                key = label_field(label) if label.strip() else None
                if key and value.strip():
                    out.append((r, [i], Pair(clean(label.rstrip(":：")), key, value.strip(), True)))
            skip.add(r + 1)
            out.append((r + 1, [], Pair("", "", "", True)))  # marks the value row as consumed
            continue
        if (
            len(filled) == 1
            and len(cells) == 1
            and label_field(cells[0])
            and r + 1 < len(rows)
            and len(rows[r + 1]) == 1
            and rows[r + 1][0].strip()
            and not label_field(rows[r + 1][0])
            and not pairs_in_line(rows[r + 1][0])
        ):  # a label on a line of its own, its value on the next
            out.append((r, [0], Pair(clean(cells[0].rstrip(":：")), label_field(cells[0]) or "", rows[r + 1][0].strip(), True)))
            skip.add(r + 1)
            out.append((r + 1, [], Pair("", "", "", True)))
            continue
        found = pairs_in_row(cells)
        if r == 0 and found and _column_header(rows, [i for used, _ in found for i in used[:1]]):
            continue  # 'Dokumentnamn | Plats' above rows of data is a header, not a value
        out.extend((r, cells_used, pair) for cells_used, pair in found)
    return out


def _column_header(rows: Sequence[Sequence[str]], columns: list[int]) -> bool:
    """True when the first row heads columns of data: two or more rows below and no labels in them."""
    below = rows[1:]
    if len(below) < 2:
        return False
    return all(not label_field(row[c]) for row in below for c in columns if c < len(row) and row[c].strip())


# --- interpreting a pair ------------------------------------------------------------------------------------


def interpret(pair: Pair, where: str, catalog: Catalog, *, strict_values: bool = False) -> tuple[list[Found], list[Unused]]:
    """What a label/value pair means for the front matter.

    ``strict_values`` (pairs written without a colon) accepts only values with the field's own
    shape; with a colon the pair is consumed even when its value cannot be used, and that value
    is reported instead.
    """
    key, text, label = pair.field, pair.value, pair.label
    found: list[Found] = []
    unused: list[Unused] = []

    def use(field_: str, value: object, shown: str | None = None) -> None:
        found.append(Found(field_, value, shown if shown is not None else one_line(text), where, label))

    def cannot(reason: str) -> None:
        if one_line(text):
            unused.append(Unused(label, one_line(text), where, reason))

    if key == "id":
        token = one_line(text)
        if DOC_ID.match(token):
            use("id", token)
        elif strict_values:
            return [], []
        else:
            cannot("passar inte som dokument-id (bara bokstäver, siffror, punkt, bindestreck och understreck)")
    elif key == "title":
        title = one_line(text)
        if title:
            use("title", title)
    elif key in ("valid_from", "valid_until"):
        day = only_date(text) if strict_values else parse_date(text)
        if day:
            use(key, day.isoformat())
        elif strict_values:
            return [], []
        else:
            cannot("inget datum som går att läsa")
    elif key == "validity":
        dates = find_dates(text)
        if len(dates) == 2:
            use("valid_from", dates[0][0].isoformat())
            use("valid_until", dates[1][0].isoformat())
        elif strict_values:
            return [], []
        else:
            cannot("giltighetstiden ska vara två datum, från och till")
    elif key == "revision":
        revision = parse_revision(text)
        if revision:
            use("revision", revision)
        elif strict_values:
            return [], []
        else:
            cannot("revisionsnumret ska vara ett heltal, till exempel 3")
    elif key == "decision":
        dates = find_dates(text)
        if not dates:
            if strict_values:
                return [], []
            cannot("inget beslutsdatum som går att läsa")
            return found, unused
        day, start, end = dates[0]
        before, after = text[:start].strip(" ,;:–-"), text[end:].strip(" ,;:–-.")
        decision: dict[str, str] = {"date": day.isoformat()}
        body_named = re.match(r"^(av|i|på)\s+", after, re.IGNORECASE)
        if not before and after and not body_named:
            decision["reference"] = one_line(after)  # '2025-12-10, Protokoll 2025-12-10 § 4'
        elif before or after:
            decision["reference"] = one_line(f"{label} {text}")
        use("decision", decision)
        for candidate in (before, after):
            forum_text = re.sub(r"^(av|i|på)\s+", "", one_line(candidate), flags=re.IGNORECASE).rstrip(".")
            forum = match_name(forum_text, catalog.forums) if forum_text else None
            if forum:
                use("approved_by", forum, forum_text)
                break
    elif key == "approved_by":
        dates = find_dates(text)
        name = text
        if dates:
            day, start, end = dates[0]
            name = (text[:start] + text[end:]).strip(" ,;:–-")
            decision = {"date": day.isoformat()}
            if name:
                decision["reference"] = one_line(f"{label} {text}")
            use("decision", decision, one_line(text))
        elif strict_values:
            return [], []
        name = re.sub(r"^(av|i)\s+", "", one_line(name), flags=re.IGNORECASE)
        forum = match_name(name, catalog.forums) if name else None
        if forum:
            use("approved_by", forum, name)
        elif name:
            unused.append(Unused(label, name, where, "inget forum i roles/forums/ heter så; skriv forumets id i approved_by"))
    elif key == "authors":
        people = split_people(text)
        if people:
            use("authors", people)
    elif key == "owner":
        owner: dict[str, str] = {}
        email = EMAIL.search(text)
        rest = one_line(EMAIL.sub("", text)).strip(" ,;()–-")
        if email:
            owner["contact"] = email.group(0)
        role = match_name(rest, catalog.roles) if rest else None
        if role:
            owner["role"] = role
        elif rest:
            unused.append(Unused(label, rest, where, "ingen roll i roles/ heter så; skriv rollens id i owner.role"))
        if owner:
            use("owner", owner)
    elif key == "case_number":
        if one_line(text):
            use("case_number", one_line(text))
    elif key == "type":
        value = type_from_text(text, whole=True)
        if value:
            use("type", value)
        else:
            cannot("ingen av typerna rutin, överenskommelse, riktlinje, uppdragsbeskrivning eller styrdokument")
    elif key == "applies_to":
        if normalise(text) == normalise("Alla parter i länet") and catalog.parties:
            use("applies_to", list(catalog.parties))
            return found, unused
        ids: list[str] = []
        unknown: list[str] = []
        for part in (clean(p) for p in re.split(r"[;\n]|,(?![^(]*\))", text)):
            if not part:
                continue
            party = match_name(part, catalog.parties)
            pieces = [party] if party else [match_name(p, catalog.parties) for p in split_list(part)]
            if pieces and all(pieces):
                ids.extend(p for p in pieces if p and p not in ids)
            else:
                unknown.append(part)
        if ids and not unknown:
            use("applies_to", ids)
        else:
            cannot("alla parter finns inte i roles/parties/" + (f" (okända: {', '.join(unknown)})" if unknown else ""))
    elif key in ("keywords", "audience"):
        items = split_list(text)
        if items:
            use(key, items)
    elif key == "status":
        cannot("en importerad fil får alltid status: draft tills den har granskats")
    return found, unused


@dataclass
class _Extraction:
    found: list[Found] = field(default_factory=list)
    unused: list[Unused] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, result: tuple[list[Found], list[Unused]]) -> bool:
        found, unused = result
        self.found.extend(found)
        self.unused.extend(unused)
        return bool(found or unused)


def _changelog_columns(cells: Sequence[str]) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for i, cell in enumerate(cells):
        name = " ".join(cell.casefold().rstrip(":").split())
        for key, words in CHANGELOG_COLUMNS.items():
            if key not in columns and name in words:
                columns[key] = i
    return columns if len(columns) == 3 else None


def changelog_from_table(rows: Sequence[Sequence[str]]) -> list[dict] | None:
    """A revision history table (Revision | Datum | Ändring) as changelog entries, or None."""
    if not rows:
        return None
    columns = _changelog_columns(rows[0])
    if columns is None:
        return None
    entries = []
    for cells in rows[1:]:
        if len(cells) <= max(columns.values()):
            continue
        revision = parse_revision(cells[columns["revision"]])
        day = parse_date(cells[columns["date"]])
        summary = one_line(cells[columns["summary"]])
        if revision and day and summary:
            entries.append({"revision": revision, "date": day.isoformat(), "summary": summary})
    return sorted(entries, key=lambda e: e["revision"]) or None


def _table_texts(table: dict) -> tuple[list[tuple[str, int]], list[list[str]]]:
    rows = pandoc.table_rows(table)
    return [(part, index) for part, index, _ in rows], [[pandoc.cell_text(c) for c in cells] for _, _, cells in rows]


def _is_metadata_heading(block: dict) -> bool:
    return block.get("t") == "Header" and ast.text(block["c"][2]).casefold().rstrip(":") in METADATA_HEADINGS


def extract_from_body(blocks: list[dict], catalog: Catalog) -> tuple[list[dict], _Extraction]:
    """Find metadata in tables and label lines; return the blocks without what was consumed.

    Before the first heading, in a section such as 'Dokumentinformation' and in a run of
    label lines, every label counts. Elsewhere only a value with a shape of its own (a date,
    a revision number, an id) is taken, so that a section's own 'Målgrupp: …' stays text.
    """
    result = _Extraction()
    out: list[dict] = []
    seen_heading = False
    in_metadata_section = False
    run_lines = _label_runs(blocks)
    skip: set[int] = set()
    for index, block in enumerate(blocks):
        kind = block.get("t")
        if index in skip:
            continue
        if kind == "Header":
            seen_heading = True
            in_metadata_section = _is_metadata_heading(block)
            out.append(block)
            continue
        zone = not seen_heading or in_metadata_section
        if kind == "Table":
            keys, texts = _table_texts(block)
            history = changelog_from_table(texts)
            if history:
                result.found.append(Found("changelog", history, f"{len(history)} rader", WHERE_TABLE, "Revisionshistorik"))
                continue
            pairs = pairs_in_rows(texts)
            readings = [(row, pair, interpret(pair, WHERE_TABLE, catalog) if pair.field else ([], [])) for row, _, pair in pairs]
            fields = {f.field for _, _, (found, _) in readings for f in found}
            if fields and (fields & STRONG or len(fields) >= 2 or zone):
                doomed: set[tuple[str, int]] = set()
                for row, pair, reading in readings:
                    if not pair.field or result.add(reading):
                        doomed.add(keys[row])
                pandoc.remove_table_rows(block, doomed)
                rest = [t for k, t in zip(keys, texts, strict=True) if k not in doomed]
                if not any(c.strip() for cells in rest for c in cells):
                    continue
            out.append(block)
            continue
        if kind in ("Para", "Plain") and zone and _label_alone(block, blocks[index + 1] if index + 1 < len(blocks) else None):
            nxt = blocks[index + 1]
            text = ast.text(block["c"])
            pair = Pair(clean(text.rstrip(":：")), label_field(text) or "", ast.text(nxt["c"]), True)
            if result.add(interpret(pair, WHERE_BODY, catalog)):
                skip.add(index + 1)
                continue
        if kind in ("Para", "Plain"):
            lines = ast.lines(block["c"])
            keep: list[list[dict]] = []
            for n, line in enumerate(lines):
                text = " ".join(pandoc.stringify(line).split())
                pairs = pairs_in_line(text)
                in_block = zone or run_lines.get((index, n), False)
                first = pairs[0] if pairs else None
                consumed = False
                if in_block:
                    eligible = first is not None and (first.colon or first.field in PREFIX_FORM)
                else:
                    eligible = first is not None and first.colon and first.field in STRONG
                if eligible:
                    readings = [interpret(p, WHERE_BODY, catalog, strict_values=not p.colon) for p in pairs]
                    if in_block or any(found for found, _ in readings):
                        for reading in readings:
                            consumed = result.add(reading) or consumed
                if not consumed:
                    keep.append(line)
            if not keep:
                continue
            if len(keep) != len(lines):
                block = {"t": kind, "c": ast.join_lines(keep)}
        out.append(block)
    return _drop_emptied_sections(out, blocks), result


def _label_alone(block: dict, nxt: dict | None) -> bool:
    """'Dokumentägare' as a paragraph of its own with its value in the next, short paragraph."""
    if nxt is None or nxt.get("t") not in ("Para", "Plain") or not label_field(ast.text(block["c"])):
        return False
    value = ast.text(nxt["c"])
    return 0 < len(value) <= 200 and not label_field(value) and not pairs_in_line(value)


def _label_runs(blocks: list[dict]) -> dict[tuple[int, int], bool]:
    """(block, line) of label lines that stand among other label lines (a metadata block)."""
    flags: list[tuple[tuple[int, int], bool]] = []
    for index, block in enumerate(blocks):
        if block.get("t") not in ("Para", "Plain"):
            flags.append(((index, -1), False))
            continue
        for n, line in enumerate(ast.lines(block["c"])):
            text = " ".join(pandoc.stringify(line).split())
            flags.append(((index, n), bool(text) and bool(pairs_in_line(text))))
    runs: dict[tuple[int, int], bool] = {}
    for k, (key, is_label) in enumerate(flags):
        neighbours = [flags[j][1] for j in (k - 1, k + 1) if 0 <= j < len(flags)]
        runs[key] = is_label and any(neighbours)
    return runs


def _drop_emptied_sections(blocks: list[dict], original: list[dict]) -> list[dict]:
    """Remove a 'Dokumentinformation' or 'Revisionshistorik' heading whose section is now empty."""
    out: list[dict] = []
    for i, block in enumerate(blocks):
        if _is_metadata_heading(block):
            level = block["c"][0]
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            emptied = nxt is None or (nxt.get("t") == "Header" and nxt["c"][0] <= level)
            was_empty = _section_empty(original, block)
            if emptied and not was_empty:
                continue
        out.append(block)
    return out


def _section_empty(blocks: list[dict], heading: dict) -> bool:
    for i, block in enumerate(blocks):
        if block is heading:
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            return nxt is None or (nxt.get("t") == "Header" and nxt["c"][0] <= heading["c"][0])
    return False



# --- the whole conversion --------------------------------------------------------------------------------------

@dataclass
class Converted:
    """What one file contained: metadata found, the text as AST blocks (then Markdown), images."""

    source: Source
    """The file as read."""
    found: dict[str, Found]
    """The chosen value per field."""
    others: list[Found]
    """Values for the same fields found elsewhere (not used)."""
    unused: list[Unused]
    blocks: list[dict]
    """The body, metadata taken out; images point at MEDIA_PLACEHOLDER until the target folder is known."""
    images: dict[str, bytes]
    notes: list[str]
    suggested: list[Suggestion] = field(default_factory=list)
    """Values the text suggests but does not state as metadata; reported, never written."""
    body: str = ""
    """The body as Markdown, filled in by the writer."""

    @property
    def source_name(self) -> str:
        return self.source.name


def interpret_source(source: Source, catalog: Catalog) -> Converted:
    """Metadata from everywhere in ``source``, and its text without them."""
    extraction = _Extraction()
    notes: list[str] = list(source.notes)

    # Page headers and footers, which the body does not hold.
    for margin in source.margins:
        for _, _, pair in pairs_in_rows(margin.rows):
            if pair.field and (pair.colon or pair.field in PREFIX_FORM):
                extraction.add(interpret(pair, margin.where, catalog, strict_values=not pair.colon))

    top, toc_removed = remove_toc(copy.deepcopy(list(source.blocks)))
    if toc_removed:
        notes.append(f"innehållsförteckningen togs bort ({toc_removed} {'rad' if toc_removed == 1 else 'rader'})")
    top = tidy_blocks(top)
    top, body_extraction = extract_from_body(top, catalog)
    top = merge_lists(top)  # lists that only metadata lines stood between
    extraction.found.extend(body_extraction.found)
    extraction.unused.extend(body_extraction.unused)

    # Word's own title paragraph (pandoc moves it to the metadata) and other cover paragraphs.
    styled_title = source.styled.get("title")
    if styled_title:
        how = "rubrik med formatmallen Titel" if source.format.has_styles else "största texten på första sidan"
        extraction.found.append(Found("title", styled_title, styled_title, WHERE_BODY, how))
    author = source.styled.get("author")
    if author:
        people = split_people(author)
        if people:
            extraction.found.append(Found("authors", people, author, WHERE_BODY, "formatmallen Författare"))
    restored = [pandoc.para(text) for key in ("subtitle", "date") if (text := source.styled.get(key))]
    restored.extend(copy.deepcopy(list(source.abstract)))
    top = restored + top

    # File properties.
    for name, value in source.custom:
        key = label_field(name)
        if key:
            extraction.add(interpret(Pair(name, key, value, True), WHERE_PROPERTIES, catalog))
    core = source.core
    if core.get("title"):
        extraction.found.append(Found("title", one_line(core["title"]), core["title"], WHERE_PROPERTIES, "titel"))
    if core.get("keywords"):
        items = split_list(core["keywords"])
        if items:
            extraction.found.append(Found("keywords", items, core["keywords"], WHERE_PROPERTIES, "nyckelord"))
    if core.get("category"):
        value = type_from_text(core["category"], whole=True)
        if value:
            extraction.found.append(Found("type", value, core["category"], WHERE_PROPERTIES, "kategori"))
    creator = core.get("creator", "")
    if PERSON_NAME.match(creator.strip()):
        extraction.found.append(Found("authors", [{"name": creator.strip()}], creator, WHERE_PROPERTIES, "författare"))

    chosen, others = _choose(extraction.found)

    top = _letter(top, chosen, others, extraction, notes)
    top, numbered = number_paragraph_lists(top)
    if numbered:
        notes.append(f"numrerade stycken blev {'en numrerad lista' if numbered == 1 else f'{numbered} numrerade listor'}")
    _laws(top, chosen, extraction, catalog)

    # Without any title: a lone first-level heading that opens the document is its name.
    if "title" not in chosen and top and top[0].get("t") == "Header":
        levels = [b["c"][0] for b in top if b.get("t") == "Header"]
        if levels.count(top[0]["c"][0]) == 1 and top[0]["c"][0] == min(levels) and len(levels) > 1:
            text = ast.text(top[0]["c"][2])
            chosen["title"] = Found("title", text, text, WHERE_BODY, "första rubriken")
            top = top[1:]
    if "title" in chosen:
        title_key = normalise(str(chosen["title"].value))
        cleaned = []
        for n, block in enumerate(top):
            before_heading = not any(b.get("t") == "Header" for b in top[:n])
            if before_heading and block.get("t") in ("Para", "Plain", "Header") and normalise(ast.text(block["c"] if block["t"] != "Header" else block["c"][2])) == title_key:
                continue
            cleaned.append(block)
        top = cleaned
        if "type" not in chosen:
            value = type_from_text(str(chosen["title"].value))
            if value:
                t = chosen["title"]
                chosen["type"] = Found("type", value, t.value, t.where, "dokumentnamnets första ord")  # type: ignore[arg-type]
    if "changelog" in chosen and "revision" not in chosen:
        latest = max(e["revision"] for e in chosen["changelog"].value)  # type: ignore[attr-defined]
        chosen["revision"] = Found("revision", latest, str(latest), WHERE_TABLE, "Revisionshistorik (senaste raden)")

    top, promoted = promote_numbered_paragraphs(top)
    if promoted:
        notes.append("1 numrerat stycke blev rubrik" if promoted == 1 else f"{promoted} numrerade stycken blev rubriker")
    top = demote_headings(top)
    images, dropped = rewrite_images(top, source.media)
    if dropped:
        notes.append("bilder som webbläsare inte kan visa lämnades utanför: " + ", ".join(sorted(set(dropped))))
    suggested = _suggestions(source, top, chosen, extraction, catalog)

    return Converted(
        source=source,
        found=chosen,
        others=others,
        unused=_dedupe(extraction.unused),
        blocks=top,
        images=images,
        notes=notes,
        suggested=suggested,
    )


def _letter(top: list[dict], chosen: dict[str, Found], others: list[Found], extraction: _Extraction, notes: list[str]) -> list[dict]:
    """A letter: its subject line (or first heading) names it, not a letterhead label such as 'Kontaktperson'.

    Applies when the title is such a label, or when there is no title and the opening has a
    subject line ('Svar på …'). The letterhead above the subject (lines or a small table)
    leaves the body and is listed in the report.
    """
    title = chosen.get("title")
    label_title = title is not None and findings.is_label_title(str(title.value))
    if title is not None and not label_title:
        return top
    first_heading = next((i for i, b in enumerate(top) if b.get("t") == "Header"), len(top))
    opening = [(i, b) for i, b in enumerate(top[:20]) if b.get("t") in ("Para", "Plain", "Header")]
    # Without a title, only a subject line above every heading is taken: the text's own 'Beslut om …' stays.
    subject = next(((i, b) for i, b in opening if findings.is_subject(ast.text(_content(b))) and (label_title or i < first_heading)), None)
    if subject is None and label_title:
        subject = next(((i, b) for i, b in opening if b.get("t") == "Header"), None)
    if title is not None:
        del chosen["title"]
        others.append(title)
    if subject is None:
        if title is not None:
            notes.append(f"'{title.value}' ({title.label}) ser ut som en rubrik i ett brevhuvud och blev inte dokumentnamn; skriv dokumentnamnet själv")
        return top
    index, block = subject
    text = ast.text(_content(block))
    chosen["title"] = Found("title", text, text, WHERE_BODY, "ämnesraden" if block.get("t") != "Header" else "första rubriken")
    instead = f" framför '{title.value}' ({title.label})" if title is not None else ""
    notes.append(f"osäkert dokumentnamn: '{text}' valdes{instead}; kontrollera title")
    head = [line for b in top[:index] for line in _lines_of(b)]
    if index and head and findings.letterhead_prefix(head) == len(head):
        notes.append("brevhuvudet togs bort ur texten: " + " · ".join(head))
        for line in head:
            extraction.unused.append(Unused("brevhuvud", line, WHERE_BODY, "uppgift i brevhuvudet, inte en del av texten"))
        return top[index + 1 :]
    return top[:index] + top[index + 1 :]


def _lines_of(block: dict) -> list[str]:
    """A letterhead block's lines: a paragraph's lines, or a table's filled cells."""
    if block.get("t") == "Table":
        return [line for _, _, cells in pandoc.table_rows(block) for c in cells for line in pandoc.cell_text(c).split("\n") if line.strip()]
    if block.get("t") in ("Para", "Plain"):
        return [t for line in ast.lines(block["c"]) if (t := ast.text(line))]
    return ["\u2029"]  # anything else is no letterhead (and matches no letterhead line)


def _content(block: dict) -> list:
    return block["c"][2] if block.get("t") == "Header" else block["c"]


def _laws(top: list[dict], chosen: dict[str, Found], extraction: _Extraction, catalog: Catalog) -> None:
    """SFS numbers in the text or a references table become law references, when the register knows them."""
    cited = findings.laws(ast.texts(top))
    known = [sfs for sfs in cited if sfs in catalog.laws]
    for sfs in cited:
        if sfs not in catalog.laws:
            extraction.unused.append(Unused("SFS-nummer", sfs, WHERE_BODY, "lagen finns inte i lagregistret roles/laws.yml; lägg till den där först"))
    if known and "references" not in chosen:
        chosen["references"] = Found("references", [{"law": sfs} for sfs in known], ", ".join(known), WHERE_BODY, "SFS-nummer i texten")


def _suggestions(source: Source, top: list[dict], chosen: dict[str, Found], extraction: _Extraction, catalog: Catalog) -> list[Suggestion]:
    """What the running text suggests for fields not found: decisions, authors, contact, last update."""
    out: list[Suggestion] = []
    lines = ast.texts(top)
    margin_lines = [" ".join(row) for margin in source.margins for row in margin.rows]
    if "decision" not in chosen:
        for text in lines:
            if len(text) <= 300:
                out.extend(s for s in findings.decisions(text, catalog.forums) if s.field == "decision" or "approved_by" not in chosen)
    for text in [*margin_lines, *lines]:
        day = findings.updated(text)
        if day:
            out.append(Suggestion("changelog", {"date": day}, text))
            break
    owner = chosen.get("owner")
    if not (owner and isinstance(owner.value, dict) and "contact" in owner.value):
        letterhead = [u.text for u in extraction.unused if u.label == "brevhuvud"]
        out.extend(Suggestion("owner.contact", address, address) for address in findings.emails([*letterhead, *margin_lines, *lines]))
    if "authors" not in chosen:
        for block in top:
            if block.get("t") == "Header":
                break
            text = ast.text(block["c"]) if block.get("t") in ("Para", "Plain") else ""
            people = split_people(text) if 0 < len(text) <= 120 else []
            if people and all(findings.person(p["name"]) and "title" not in p for p in people):
                out.append(Suggestion("authors", people, text))
        for n, block in enumerate(top[:-1]):
            following = top[n + 1]
            if block.get("t") in ("Para", "Plain") and following.get("t") == "BulletList" and findings.introduces_authors(ast.text(block["c"])):
                people = [findings.person(ast.text(item)) for item in following["c"]]
                if people and all(people):
                    out.append(Suggestion("authors", people, ast.text(block["c"])))
    return _unique(out)


def _unique(items: list[Suggestion]) -> list[Suggestion]:
    out: list[Suggestion] = []
    for item in items:
        if not any(o.field == item.field and o.value == item.value for o in out):
            out.append(item)
    return out


def _choose(found: list[Found]) -> tuple[dict[str, Found], list[Found]]:
    """One value per field: the best place wins (page header before tables before text)."""
    chosen: dict[str, Found] = {}
    others: list[Found] = []
    for item in sorted(found, key=lambda f: PRIORITY.get(f.where, 9)):
        current = chosen.get(item.field)
        if current is None:
            chosen[item.field] = item
        elif item.field in ("owner", "decision") and isinstance(current.value, dict) and isinstance(item.value, dict):
            merged = {**item.value, **current.value}  # fill in what the better source left out
            if merged != current.value:
                chosen[item.field] = Found(current.field, merged, current.text, current.where, current.label)
            elif item.value != current.value:
                others.append(item)
        elif item.value != current.value:
            others.append(item)
    return chosen, others


def _dedupe(items: list[Unused]) -> list[Unused]:
    out: list[Unused] = []
    for item in items:
        if not any(o.label == item.label and o.text == item.text for o in out):
            out.append(item)
    return out


