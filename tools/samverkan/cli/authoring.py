"""``samverkan new``, ``revise`` and ``approve``: the document lifecycle from the command line.

This adapter finds documents through the loader, asks for what is missing, and writes
atomically (a temporary file in the same folder, then a rename), so an interrupted command
never leaves half a document. The changes themselves are made by ``authoring``.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from samverkan.authoring import operations as authoring
from samverkan.cli.common import (
    UsageError,
    add_content_arguments,
    add_id_argument,
    load_schemas,
    parse_date,
    required_options,
    today,
)
from samverkan.core.content_lock import content_lock, remove_leftovers
from samverkan.core.loader import LoadResult, id_line, load
from samverkan.core.model import Corpus, PartyKind
from samverkan.core.os_reasons import os_reason
from samverkan.core.schemas import SchemaSet
from samverkan.core.suggest import closest
from samverkan.core.writing import FileChangedError, refuse_read_only, write_atomically
from samverkan.core.yamlsource import parse_front_matter

UNREADABLE_CODES = frozenset({"E-YAML", "E-FILE"})
"""Problems that mean the front matter cannot be read, so editing it would be guesswork."""

_PARTY_ORDER = {PartyKind.REGION: 0, PartyKind.MUNICIPALITY: 1, PartyKind.PRIVATE_PROVIDER: 2, PartyKind.OTHER: 3}


def register(commands: argparse._SubParsersAction) -> None:
    new = commands.add_parser(
        "new",
        help="skapa ett nytt dokument som utkast",
        description="Skapar ett utkast i routines/<område>/ med ett nytt id, dagens datum och en mall för texten.",
    )
    new.add_argument("type", metavar="TYP", help="routine (rutin), agreement (överenskommelse), guideline (riktlinje), assignment (uppdragsbeskrivning) eller steering (styrdokument)")
    new.add_argument("title", metavar="NAMN", help="dokumentets namn, inom citattecken")
    needed = required_options(new)
    needed.add_argument("--area", metavar="OMRÅDE", help="samverkansområde, till exempel utskrivning eller \"psykisk hälsa\" (krävs)")
    needed.add_argument("--owner", metavar="ROLL", help="id för rollen som äger dokumentet, se roles/ (krävs)")
    needed.add_argument("--contact", metavar="E-POST", help="funktionsbrevlåda för frågor om dokumentet (krävs)")
    add_content_arguments(new)
    new.set_defaults(handler=run_new)

    revise = commands.add_parser(
        "revise",
        help="höj revisionsnumret och skriv en rad i ändringshistoriken",
        description="Höjer revisionsnumret med ett och lägger till en rad i ändringshistoriken (changelog). "
        "Förlänger giltighetstiden med --valid-months, eller av sig själv om dokumentet går ut inom 90 dagar.",
    )
    add_id_argument(revise)
    required_options(revise).add_argument("-m", "--message", metavar="TEXT", help="kort om vad som ändrades (krävs)")
    revise.add_argument("--editorial", action="store_true", help="ändringen är redaktionell (stavning, länkar) och behöver inget nytt beslut")
    revise.add_argument("--valid-months", metavar="MÅNADER", help="gäller så här många månader från i dag")
    add_content_arguments(revise)
    revise.set_defaults(handler=run_revise)

    approve = commands.add_parser(
        "approve",
        help="skriv in beslutet som fastställde dokumentet",
        description="Sätter status: approved och fyller i approved_by och decision (datum och protokollsparagraf).",
    )
    add_id_argument(approve)
    needed = required_options(approve)
    needed.add_argument("--by", metavar="FORUM", help="id för forumet som fattade beslutet, se roles/forums/ (krävs)")
    needed.add_argument("--date", metavar="ÅÅÅÅ-MM-DD", type=parse_date, help="beslutsdatum (krävs)")
    needed.add_argument("--ref", metavar="TEXT", help="var beslutet finns, till exempel \"Protokoll 2026-12-01 § 7\" (krävs)")
    add_content_arguments(approve)
    approve.set_defaults(handler=run_approve)


# new


def run_new(args: argparse.Namespace) -> int:
    schemas = load_schemas(args)
    with _writing(args.root):
        return _new(args, schemas)


def _new(args: argparse.Namespace, schemas: SchemaSet) -> int:
    loaded = load(args.root, schemas)
    corpus = loaded.corpus
    day = today(args)
    try:
        doc_type = authoring.parse_type(args.type)
        areas = authoring.schema_areas(schemas)
        if not args.area:
            raise UsageError(f"ange dokumentets område med --area, ett av: {', '.join(areas)}")
        area = authoring.match_area(args.area, areas)
    except authoring.AuthoringError as exc:
        raise UsageError(str(exc)) from exc
    role, contact = _owner(args)
    _require_known("role", role.strip(), corpus, "okänd roll", "roles/<id>.yml")

    folder = authoring.area_folder(area)
    slug = authoring.slugify(args.title)
    if not slug:
        raise UsageError("dokumentnamnet behöver innehålla bokstäver eller siffror, de blir filens namn")
    doc_id = authoring.next_id(_known_ids(loaded), folder, area)
    review_months = int(schemas.default("document", "review_interval_months"))  # type: ignore[call-overload]
    try:
        text = authoring.new_document(
            doc_id=doc_id,
            doc_type=doc_type,
            title=args.title,
            area=area,
            owner_role=role,
            owner_contact=contact,
            applies_to=_default_parties(corpus),
            today=day,
            review_months=review_months,
        )
    except authoring.AuthoringError as exc:
        raise UsageError(str(exc)) from exc
    _validate_new(text, schemas)

    directory = args.root / "routines" / folder
    for attempt, name in enumerate(authoring.file_names(slug)):
        if attempt >= 100:
            raise UsageError(f"det finns redan många dokument som heter {slug} i {_rel(directory, args.root)}; välj ett annat namn")
        if _create(directory / name, text.encode("utf-8")):
            break
    print(f"Skapade utkastet {_rel(directory / name, args.root)} med id {doc_id}.")
    print("Skriv texten och kör sedan samverkan check. Dokumentet är ett utkast (status: draft) tills det fastställs med samverkan approve.")
    return 0


def _stdin_is_terminal() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError, OSError):
        return False


_OWNER_FIELDS = (
    ("owner", "--owner", "dokumentägarens roll", "Dokumentägarens roll (id i roles/, till exempel processledare): "),
    ("contact", "--contact", "en funktionsbrevlåda för frågor om dokumentet", "Funktionsbrevlåda för frågor om dokumentet (e-post): "),
)


def _owner(args: argparse.Namespace) -> tuple[str, str]:
    """Owner role and contact from the flags; asked for on a terminal, a usage error in scripts and CI."""
    missing = [(flag, what, prompt) for name, flag, what, prompt in _OWNER_FIELDS if not getattr(args, name)]
    if missing and not _stdin_is_terminal():
        raise UsageError("uppgift saknas: ange " + " och ".join(f"{what} med {flag}" for flag, what, _ in missing))
    for name, flag, what, prompt in _OWNER_FIELDS:
        if not getattr(args, name):
            try:
                answer = input(prompt).strip()
            except EOFError:
                answer = ""
            if not answer:
                raise UsageError(f"uppgift saknas: ange {what} med {flag}")
            setattr(args, name, answer)
    return args.owner, args.contact


def _require_known(kind: str, value: str, corpus: Corpus, what: str, where: str) -> None:
    table = {"role": corpus.roles_by_id, "forum": corpus.forums_by_id}[kind]
    if value in table or (kind, value) in corpus.unusable_ids:
        return
    close = closest(value, list(table))
    hint = f"menade du '{close}'?" if close else f"den finns inte i {where}"
    raise UsageError(f"{what} '{value}'; {hint}")


def _known_ids(loaded: LoadResult) -> list[tuple[str, str | None]]:
    known: list[tuple[str, str | None]] = []
    for document in loaded.corpus.documents:
        parts = Path(document.source.path).parts
        known.append((document.id, parts[1] if len(parts) >= 3 and parts[0] == "routines" else None))
    known += [(doc_id, None) for kind, doc_id in loaded.corpus.unusable_ids if kind == "document"]
    return known


def _default_parties(corpus: Corpus) -> list[str]:
    """Every party, region first, then municipalities, then private providers."""
    return [p.id for p in sorted(corpus.parties, key=lambda p: (_PARTY_ORDER[p.kind], p.id))]


def _validate_new(text: str, schemas: SchemaSet) -> None:
    """Flag values (a malformed --contact, say) are checked by the schema before a file exists."""
    parsed = parse_front_matter(text, "nytt dokument")
    problems = list(schemas.validate("document", parsed.data, parsed.source))
    if problems:
        raise UsageError("; ".join(p.message for p in problems))


# revise and approve


def run_revise(args: argparse.Namespace) -> int:
    if args.message is None:
        raise UsageError("beskriv ändringen med -m \"…\"")
    months = None
    if args.valid_months is not None:
        if not args.valid_months.isdigit():
            raise UsageError(f"'{args.valid_months}' är inget antal månader")
        months = int(args.valid_months)
    schemas = load_schemas(args)
    with _writing(args.root):
        return _revise(args, schemas, months)


def _revise(args: argparse.Namespace, schemas: SchemaSet, months: int | None) -> int:
    loaded = load(args.root, schemas)
    path, rel = _locate(loaded, args.root, args.id)
    original = _read(path, rel)
    try:
        result = authoring.revise(
            original.decode("utf-8"),
            summary=args.message,
            today=today(args),
            editorial=args.editorial,
            valid_months=months,
            default_interval=int(schemas.default("document", "review_interval_months")),  # type: ignore[call-overload]
            path=rel,
        )
    except authoring.AuthoringError as exc:
        raise UsageError(str(exc)) from exc
    _replace(path, rel, original, result.text.encode("utf-8"))
    kind = "redaktionell revision" if args.editorial else "revision"
    print(f"{result.doc_id} ({rel}): {kind} {result.revision} har lagts till i ändringshistoriken.")
    if result.valid_until_changed:
        print(f"Giltigt t.o.m. är nu {result.valid_until}.")
    if result.needs_decision:
        print(
            "Påminnelse: dokumentet är fastställt och ändringen är inte redaktionell, så den behöver ett nytt beslut. "
            f'När beslutet är fattat: samverkan approve {result.doc_id} --by <forum> --date ÅÅÅÅ-MM-DD --ref "Protokoll … § …"'
        )
    return 0


def run_approve(args: argparse.Namespace) -> int:
    for value, flag, what in ((args.by, "--by", "forumet som fattade beslutet"), (args.date, "--date", "beslutsdatum"), (args.ref, "--ref", "var beslutet finns")):
        if value is None:
            raise UsageError(f"uppgift saknas: ange {what} med {flag}")
    schemas = load_schemas(args)
    with _writing(args.root):
        return _approve(args, schemas)


def _approve(args: argparse.Namespace, schemas: SchemaSet) -> int:
    loaded = load(args.root, schemas)
    _require_known("forum", args.by, loaded.corpus, "okänt forum", "roles/forums/")
    path, rel = _locate(loaded, args.root, args.id)
    errors = [p for p in loaded.problems if p.path == rel and p.is_error]
    if errors:
        # A decision is recorded for the document as it stands; with errors in it, what was decided is unclear.
        first = errors[0]
        raise UsageError(
            f"{rel} har fel som måste rättas innan beslutet skrivs in (rad {first.line}: {first.code} {first.message}); "
            "rätta det först, kör samverkan check"
        )
    original = _read(path, rel)
    try:
        result = authoring.approve(original.decode("utf-8"), forum=args.by, date=args.date, reference=args.ref, path=rel)
    except authoring.AuthoringError as exc:
        raise UsageError(str(exc)) from exc
    _replace(path, rel, original, result.text.encode("utf-8"))
    print(f"{result.doc_id} ({rel}) är fastställt av {args.by} {args.date}, {args.ref.strip()}.")
    if result.decision_before_change:
        print(
            f"Obs: beslutet är daterat före den senaste ändringen i sak ({result.decision_before_change}). "
            "Kontrollera datumet; ett äldre beslut gäller inte den ändringen."
        )
    return 0


def _locate(loaded: LoadResult, root: Path, doc_id: str) -> tuple[Path, str]:
    """The one file whose id is ``doc_id``; refuses unknown and duplicate ids and unreadable files."""
    corpus = loaded.corpus
    matches = {d.source.path for d in corpus.documents if d.id == doc_id}
    unreadable: dict[str, str] = {}
    for problem in loaded.problems:
        if problem.path.startswith("routines/") and problem.code in UNREADABLE_CODES:
            unreadable.setdefault(problem.path, f"rad {problem.line}: {problem.message}")
    if ("document", doc_id) in corpus.unusable_ids or unreadable:
        # Documents that failed validation are not in the corpus; find them among the files
        # that have problems, the way the loader reads them.
        for rel in sorted({p.path for p in loaded.problems if p.path.startswith("routines/") and p.path.endswith(".md")}):
            try:
                text = (root / rel).read_bytes().decode("utf-8", errors="replace")
            except OSError:
                continue
            parsed = parse_front_matter(text, rel)
            found = parsed.data.get("id") if isinstance(parsed.data, dict) else id_line(text)
            if found == doc_id:
                matches.add(rel)
    if len(matches) > 1:
        raise UsageError(f"flera dokument har id {doc_id}: {', '.join(sorted(matches))}; rätta dubbletten först")
    if not matches:
        close = closest(doc_id, [d.id for d in corpus.documents])
        message = f"hittar inget dokument med id {doc_id}"
        if close:
            message += f"; menade du {close}?"
        if unreadable:
            message += f". Dessa filer går inte att läsa och kan vara dokumentet: {', '.join(sorted(unreadable))} (kör samverkan check)"
        raise UsageError(message)
    rel = matches.pop()
    if rel in unreadable:
        raise UsageError(f"{rel} kan inte ändras säkert eftersom uppgifterna inte går att läsa ({unreadable[rel]}); rätta det först, kör samverkan check")
    return root / rel, rel


@contextlib.contextmanager
def _writing(root: Path) -> Iterator[None]:
    """The lock every writing command holds, after refusing a write-protected folder and clearing
    what killed commands left behind (temporary files more than a minute old)."""
    refuse_read_only(root / "routines")
    with content_lock(root):
        for path in remove_leftovers(root, older_than=time.time() - 60):
            print(f"Tog bort {_rel(path, root)}, en halvskriven fil från ett avbrutet kommando.")
        yield


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


# Files


def _read(path: Path, rel: str) -> bytes:
    try:
        data = path.read_bytes()
        data.decode("utf-8")
    except OSError as exc:
        raise UsageError(f"{rel} går inte att läsa: {os_reason(exc)}") from exc
    except UnicodeDecodeError as exc:
        raise UsageError(f"{rel} är sparad med en äldre teckenkodning, inte UTF-8, så å, ä och ö blir fel; spara om den som UTF-8") from exc
    return data


def _create(path: Path, data: bytes) -> bool:
    """Write ``path`` complete or not at all; False if it already exists (never overwrites)."""
    try:
        write_atomically(path, data, exclusive=True)
    except FileExistsError:
        return False
    return True


def _replace(path: Path, rel: str, original: bytes, data: bytes) -> None:
    """Replace ``path`` atomically, unless someone changed it since it was read."""
    try:
        write_atomically(path, data, expect=original)
    except FileChangedError as exc:
        raise UsageError(f"{rel} ändrades medan kommandot kördes; inget har skrivits, försök igen") from exc
