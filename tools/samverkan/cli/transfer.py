"""``samverkan import`` and ``samverkan export``: documents into and out of Word and PDF."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path

from samverkan import __version__
from samverkan.authoring import operations as authoring
from samverkan.cli.common import UsageError, add_content_arguments, add_id_argument, load_schemas, today
from samverkan.core.loader import LoadResult, load
from samverkan.core.personnummer import find_personal_numbers
from samverkan.core.schemas import SchemaSet
from samverkan.core.suggest import closest
from samverkan.core.writing import write_atomically
from samverkan.external.browser import ChromiumMissing, PrintFailed
from samverkan.external.pandoc import PandocFailed, PandocMissing
from samverkan.transfer import importing
from samverkan.transfer.importing import values, writer
from samverkan.transfer.export import FORMATS, Exporter, marker

PLURALS = {"importerad": "importerade", "uppdaterad": "uppdaterade", "konflikt": "konflikter"}


def register(commands: argparse._SubParsersAction) -> None:
    imp = commands.add_parser(
        "import",
        help="importera Word-dokument (.docx) och PDF-filer med deras uppgifter",
        description="Gör om Word-dokument och PDF-filer till dokument i routines/: texten blir Markdown och uppgifterna "
        "(dokument-id, giltighet, revision, beslut …) hämtas från tabeller, textrader, sidhuvud, sidfot och "
        "dokumentegenskaper. Det som saknas lämnas tomt och rapporteras; dokumentet importeras som utkast.",
    )
    imp.add_argument("source", type=Path, metavar="FIL_ELLER_MAPP", help="en .docx- eller .pdf-fil, eller en mapp med sådana filer")
    imp.add_argument("--area", metavar="OMRÅDE", help="dokumentets område, till exempel SIP eller utskrivning (standard: routines/importerade/)")
    imp.add_argument("--type", dest="doc_type", metavar="TYP", help="dokumenttyp: routine, agreement, guideline, assignment, steering (eller rutin, överenskommelse …)")
    imp.add_argument("--dry-run", action="store_true", help="visa vad som skulle hända utan att skriva något")
    imp.add_argument("--update", action="store_true", help="uppdatera ett dokument som redan finns: ny text, revisionen höjs och ändringshistoriken får en rad")
    add_content_arguments(imp)
    imp.set_defaults(handler=run_import)

    exp = commands.add_parser(
        "export",
        help="exportera ett dokument till PDF, Word eller HTML",
        description="Skriver ett dokument med dess uppgifter överst och revisionshistoriken sist. Utkast, upphävda "
        "och utgångna dokument märks på varje sida.",
    )
    add_id_argument(exp)
    exp.add_argument("--to", choices=FORMATS, required=True, help="format: pdf, docx eller html")
    exp.add_argument("-o", "--output", type=Path, metavar="FIL", help="fil eller mapp att skriva till (standard: <id>.<format> i aktuell mapp)")
    add_content_arguments(exp)
    exp.set_defaults(handler=run_export)


# --- import -------------------------------------------------------------------------------------------------


def _area(text: str | None, schemas: SchemaSet) -> str | None:
    if text is None:
        return None
    areas = authoring.schema_areas(schemas)
    try:
        return authoring.match_area(text, areas)
    except authoring.AuthoringError:
        raise UsageError(f"'{text}' är inget område; välj ett av: {', '.join(areas)}") from None


def _doc_type(text: str | None) -> str | None:
    if text is None:
        return None
    try:
        return authoring.parse_type(text).value
    except authoring.AuthoringError:
        raise UsageError(f"'{text}' är ingen dokumenttyp; välj en av: {authoring.TYPE_CHOICES}") from None


def catalog(loaded: LoadResult, schemas: SchemaSet) -> values.Catalog:
    """What the importer needs from the content tree: ids in use, roles, forums, parties, field titles."""
    documents: dict[str, str] = {}
    for rel, text in sorted(loaded.document_texts.items()):
        data = writer.read_existing(text)
        doc_id = data.get("id") if data else None
        if isinstance(doc_id, str):
            documents.setdefault(doc_id, rel)
    corpus = loaded.corpus
    properties = schemas.validators["document"].schema["properties"]
    return values.Catalog(
        documents=documents,
        roles={r.id: r.name for r in corpus.roles},
        forums={f.id: f.name for f in corpus.forums},
        parties={p.id: tuple(n for n in (p.name, p.short_name) if n) for p in corpus.parties},
        titles={key: spec.get("title", key) for key, spec in properties.items()},
        laws={law.sfs: law.title for law in corpus.laws},
    )


@dataclass
class Outcome:
    """What happened to one file."""

    source: Path
    result: str
    """importerad, uppdaterad, konflikt, fel – or with --dry-run: skulle importeras, skulle uppdateras."""
    message: str = ""
    planned: writer.Planned | None = None
    path: str | None = None
    doc_id: str | None = None
    images: int = 0
    lines: list[str] = field(default_factory=list)
    personal_numbers: int = 0
    """How many possible personal identity numbers the imported text holds."""

    @property
    def failed(self) -> bool:
        return self.result in ("fel", "konflikt")


def run_import(args: argparse.Namespace) -> int:
    schemas = load_schemas(args)
    day = today(args)
    options = writer.Options(today=day, area=_area(args.area, schemas), doc_type=_doc_type(args.doc_type), tool=f"samverkan {__version__}")
    source: Path = args.source
    if not source.exists():
        raise UsageError(f"hittar inte {source}")
    files = list(writer.iter_sources(source)) if source.is_dir() else [source]
    if not files:
        raise UsageError(f"det finns inga Word- eller PDF-filer (.docx, .pdf) i {source}")
    loaded = load(args.root, schemas)
    known = catalog(loaded, schemas)
    session = _Session(args.root, known, options, dry_run=args.dry_run, update=args.update)
    outcomes = []
    for number, path in enumerate(files, 1):
        if len(files) > 1:
            print(f"[{number}/{len(files)}] {path.name}", file=sys.stderr, flush=True)
        outcome = session.run(path)
        outcomes.append(outcome)
        sys.stdout.write(_describe(outcome, known, args.dry_run, day))
        sys.stdout.flush()
    sys.stdout.write(_summary(outcomes, args.dry_run, day))
    return 1 if any(o.failed for o in outcomes) else 0


class _Session:
    """Imports files one after another; remembers the ids and paths this run has used."""

    def __init__(
        self,
        root: Path,
        known: values.Catalog,
        options: writer.Options,
        *,
        dry_run: bool,
        update: bool,
    ) -> None:
        self.root = root
        self.known = known
        self.options = options
        self.dry_run = dry_run
        self.update = update
        self.taken_ids: set[str] = set()
        self.taken_paths: set[str] = set()

    def run(self, path: Path) -> Outcome:
        if path.suffix.lower() == ".doc":
            return Outcome(path, "fel", "det äldre Word-formatet .doc kan inte läsas; öppna filen i Word och spara den som Word-dokument (.docx)")
        try:
            converted = importing.convert(path, self.known)
        except values.ImportFailed as exc:
            return Outcome(path, "fel", str(exc))
        except PandocMissing as exc:
            raise UsageError(str(exc)) from exc
        except Exception as exc:  # a damaged file must not stop a folder import
            return Outcome(path, "fel", f"filen kunde inte läsas och kan vara skadad; öppna och spara om den i Word (teknisk orsak: {type(exc).__name__}: {exc})")
        planned = writer.plan(converted, self.known, self.options, self.taken_ids)
        try:
            outcome = self.place(path, planned)
        except OSError as exc:
            return Outcome(path, "fel", f"kunde inte skriva: {exc}", planned)
        # A routine must never carry a patient's identity: the same detector as `check`.
        outcome.personal_numbers = sum(1 for _ in find_personal_numbers(converted.body))
        return outcome

    def place(self, path: Path, planned: writer.Planned) -> Outcome:
        id_found = "id" in planned.converted.found
        existing: str | None = None
        if planned.id in self.taken_ids or planned.path in self.taken_paths:
            return Outcome(path, "konflikt", f"en annan fil i samma import gav redan {planned.id} eller {planned.path}; inget skrevs", planned, planned.path, planned.id)
        if id_found and planned.id in self.known.documents:
            existing = self.known.documents[planned.id]
        elif (self.root / planned.path).exists():
            other = writer.read_existing((self.root / planned.path).read_text(encoding="utf-8"))
            other_id = other.get("id") if other else None
            if id_found or not isinstance(other_id, str):
                return Outcome(
                    path, "konflikt",
                    f"{planned.path} finns redan och är ett annat dokument ({other_id or 'okänt id'}); inget skrevs över",
                    planned, planned.path, planned.id,
                )
            existing = planned.path  # the same Word file (same title) imported before
        if existing is not None:
            return self.replace(path, planned, existing)
        self.taken_ids.add(planned.id)
        self.taken_paths.add(planned.path)
        outcome = Outcome(path, "skulle importeras" if self.dry_run else "importerad", "", planned, planned.path, planned.id, len(planned.converted.images))
        if self.dry_run:
            return outcome
        for name, data in sorted(planned.converted.images.items()):
            write_atomically(self.root / planned.media_folder / name, data)
        try:
            write_atomically(self.root / planned.path, writer.render(planned, self.options.today), exclusive=True)
        except FileExistsError:
            return Outcome(path, "konflikt", f"{planned.path} skapades under tiden av någon annan; inget skrevs över", planned, planned.path, planned.id)
        return outcome

    def replace(self, path: Path, planned: writer.Planned, existing: str) -> Outcome:
        target = self.root / existing
        current = target.read_text(encoding="utf-8")
        data = writer.read_existing(current)
        doc_id = data.get("id") if data else planned.id
        if not self.update:
            return Outcome(
                path, "konflikt",
                f"dokumentet finns redan: {existing} (id {doc_id}); inget skrevs över. Kör med --update för att ersätta "
                "texten, höja revisionen och skriva en rad i ändringshistoriken",
                planned, existing, str(doc_id),
            )
        if data is None:
            return Outcome(path, "fel", f"{existing} finns men dess uppgifter går inte att läsa; rätta filen (samverkan check) och försök igen", planned, existing)
        new_data, changed = writer.updated(data, planned, self.options.today)
        planned.data = new_data
        planned.missing = [key for key in values.REQUIRED if key not in new_data]
        media_folder = existing.removesuffix(".md")
        prefix = Path(media_folder).name + "/"
        text = writer.front_matter(new_data, writer.comments_for(planned, self.options.today)) + "\n" + writer.body_with_media(planned.converted.body, prefix)
        self.taken_ids.add(str(doc_id))
        self.taken_paths.add(existing)
        outcome = Outcome(
            path, "skulle uppdateras" if self.dry_run else "uppdaterad",
            (f"revision {new_data['revision']}" if "revision" in new_data else "revisionsnumret saknas fortfarande, så ändringshistoriken fick ingen rad")
            + (f"; ändrade uppgifter: {', '.join(changed)}" if changed else ""),
            planned, existing, str(doc_id), len(planned.converted.images),
        )
        if self.dry_run:
            return outcome
        for name, blob in sorted(planned.converted.images.items()):
            write_atomically(self.root / media_folder / name, blob)
        write_atomically(target, text)
        return outcome


def _describe(outcome: Outcome, known: values.Catalog, dry_run: bool, day: dt.date) -> str:
    name = outcome.source.name
    if outcome.planned is None:
        return f"{name}: FEL – {outcome.message}\n\n"
    planned = outcome.planned
    converted = planned.converted
    lines = [f"{name} → {outcome.path or planned.path}"]
    if outcome.result in ("konflikt", "fel"):
        lines.append(f"  {outcome.result.upper()}: {outcome.message}")
    elif outcome.result in ("uppdaterad", "skulle uppdateras"):
        lines.append(f"  {'Skulle uppdatera' if dry_run else 'Uppdaterade'} {outcome.doc_id}: {outcome.message}; status: draft tills den nya texten är fastställd.")
    else:
        lines.append(f"  {'Skulle skapa' if dry_run else 'Nytt dokument'} {planned.id}, status: draft (utkast).")
    if converted.found:
        lines.append("  Hittade uppgifter:")
        for key in values.FIELD_ORDER:
            item = converted.found.get(key)
            if item is not None:
                lines.append(f"    {known.label(key)}: {_show(item.value)}  [{item.where}: {item.label}]")
    else:
        lines.append("  Hittade uppgifter: inga.")
    if planned.assigned and outcome.result not in ("uppdaterad", "skulle uppdateras"):
        lines.append("  Satt av importen:")
        lines.extend(f"    {known.label(key)}: {value} – {why}" for key, value, why in planned.assigned)
    if planned.missing:
        lines.append("  Saknas – fyll i (samverkan check visar raden):")
        lines.append("    " + ", ".join(known.label(key) for key in planned.missing))
    if planned.optional_missing and outcome.result not in ("uppdaterad", "skulle uppdateras"):
        lines.append("  Inte hittat (frivilligt): " + ", ".join(known.label(key) for key in planned.optional_missing))
    if converted.unused:
        lines.append("  Stod i Word-dokumentet men fördes inte över (står som kommentar överst i filen):")
        lines.extend(f"    {u.label} [{u.where}]: \"{u.text}\" – {u.reason}" for u in converted.unused)
    if converted.others:
        lines.append("  Andra värden för samma uppgift (användes inte):")
        lines.extend(f"    {known.label(o.field)}: {_show(o.value)}  [{o.where}: {o.label}]" for o in converted.others)
    if converted.suggested:
        lines.append("  Förslag ur texten – kontrollera och för in dem själv om de stämmer:")
        lines.extend(f"    {known.label(s.field)}: {_show(s.value)}  [\"{s.text}\"]" for s in converted.suggested)
    expired = _expired(planned, day)
    if expired:
        lines.append(f"  Utgånget: giltighetstiden i originalet gick ut {expired}.")
    notes = list(converted.notes)
    if outcome.personal_numbers:
        notes.append(
            f"texten innehåller {outcome.personal_numbers} {'möjligt personnummer' if outcome.personal_numbers == 1 else 'möjliga personnummer'}; "
            "ta bort dem innan dokumentet publiceras (samverkan check visar raden)"
        )
    if converted.images:
        count = len(converted.images)
        what = "1 bild" if count == 1 else f"{count} bilder"
        done = "skulle sparas" if dry_run else ("sparad" if count == 1 else "sparade")
        notes.append(f"{what} {done} i {_media(outcome)}/")
    if notes:
        lines.append("  Att känna till:")
        lines.extend(f"    - {note}" for note in notes)
    return "\n".join(lines) + "\n\n"


def _expired(planned: writer.Planned, day: dt.date) -> str | None:
    """The printed 'Giltigt t.o.m.' when it has passed."""
    until = planned.data.get("valid_until")
    return until if isinstance(until, str) and until < day.isoformat() else None


def _media(outcome: Outcome) -> str:
    return (outcome.path or outcome.planned.path).removesuffix(".md")  # type: ignore[union-attr]


def _show(value: object) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, list):
        if value and isinstance(value[0], dict) and "revision" in value[0]:
            return f"{len(value)} rader (revision {value[0]['revision']}–{value[-1]['revision']})"
        return "; ".join(_show(v) for v in value)
    return str(value)


def _summary(outcomes: list[Outcome], dry_run: bool, day: dt.date) -> str:
    rows = [("Fil", "Resultat", "Id", "Hittade", "Förslag", "Saknas", "Utgånget", "Dokument eller orsak")]
    for o in outcomes:
        planned = o.planned
        found = str(len(planned.converted.found)) if planned else "–"
        suggested = str(len(planned.converted.suggested)) if planned else "–"
        missing = str(len(planned.missing)) if planned and o.result not in ("fel",) else "–"
        expired = (_expired(planned, day) or "nej") if planned else "–"
        where = o.path if o.result not in ("fel", "konflikt") else o.message
        rows.append((o.source.name, o.result, o.doc_id or "–", found, suggested, missing, expired, where or ""))
    columns = len(rows[0]) - 1
    widths = [max(len(r[i]) for r in rows) for i in range(columns)]
    lines = ["Sammanfattning" + (" (provkörning: inget skrevs)" if dry_run else "") + ":"]
    for row in rows:
        lines.append("  " + "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:columns])) + "  " + row[columns])
    counts: dict[str, int] = {}
    for o in outcomes:
        counts[o.result] = counts.get(o.result, 0) + 1
    told = ", ".join(f"{n} {result if n == 1 else PLURALS.get(result, result)}" for result, n in counts.items())
    lines.append(f"{len(outcomes)} {'fil' if len(outcomes) == 1 else 'filer'}: {told}.")
    if any(o.result in ("importerad", "uppdaterad") for o in outcomes):
        lines.append("Kör samverkan check: den visar vilka uppgifter som ska fyllas i, med fil och rad.")
    return "\n".join(lines) + "\n"


# --- export -------------------------------------------------------------------------------------------------


def run_export(args: argparse.Namespace) -> int:
    schemas = load_schemas(args)
    day = today(args)
    loaded = load(args.root, schemas)
    corpus = loaded.corpus
    doc = corpus.documents_by_id.get(args.id)
    unfinished = {u.id: u for u in corpus.unfinished}
    if doc is None:
        if args.id in unfinished:
            raise UsageError(
                f"{args.id} ({unfinished[args.id].path}) är ett utkast som inte är färdigt och kan inte exporteras än; "
                f"fyll i: {', '.join(unfinished[args.id].missing)}"
            )
        if ("document", args.id) in corpus.unusable_ids:
            raise UsageError(f"dokumentet {args.id} har fel och kan inte exporteras; kör samverkan check och rätta felen först")
        close = closest(args.id, list(corpus.documents_by_id))
        raise UsageError(f"hittar inget dokument med id '{args.id}'" + (f"; menade du {close}?" if close else ""))
    target: Path = args.output or Path(f"{doc.id}.{args.to}")
    if target.is_dir():
        target = target / f"{doc.id}.{args.to}"
    try:
        with Exporter(corpus, day, root=args.root) as exporter:
            exporter.write(doc, args.to, target)
    except (ChromiumMissing, PandocMissing) as exc:
        raise UsageError(str(exc)) from exc
    except (PandocFailed, PrintFailed) as exc:
        print(f"samverkan: {doc.id} kunde inte exporteras: {exc}", file=sys.stderr)
        return 1
    if unfinished:
        print(
            f"Obs: {len(unfinished)} utkast är inte färdiga och kan inte exporteras än: "
            + "; ".join(f"{u.path} ({u.id})" for u in unfinished.values()),
            file=sys.stderr,
        )
    mark = marker(doc, day)
    print(f"Skrev {target} ({doc.id}, revision {doc.revision})." + (f" Märkt på varje sida: {mark}." if mark else ""))
    return 0
