"""Checks across the whole corpus: references, duplicates, dates, revisions, decisions, expiry.

Each checker is a generator of ``Problem`` values; ``check_corpus`` chains them all, so one
run reports everything. Nothing here reads files or the clock: ``today`` is an argument.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial

from samverkan.core import drafts
from samverkan.core import model as m
from samverkan.core.cycles import reporting_cycles
from samverkan.core import thesaurus
from samverkan.core.dates import add_months
from samverkan.core.dead_links import links_to_unpublished_files
from samverkan.core.html_checks import markup
from samverkan.core.problems import WHOLE_FILE, Problem, error, json_path, warning
from samverkan.core.reserved_ids import reserved_ids
from samverkan.core.suggest import closest
from samverkan.core.yamlsource import Source


@dataclass(frozen=True)
class CheckOptions:
    """What a check run depends on besides the content."""

    today: dt.date
    """The date every computation uses."""
    window_days: int = 90
    """A document expiring within this many days gets a warning."""
    strict: bool = False
    """Turn expiry warnings into errors."""


EXPIRY_CODES = frozenset({"W-EXPIRED", "W-EXPIRING"})


def check_corpus(corpus: m.Corpus, options: CheckOptions) -> Iterator[Problem]:
    checkers = (
        duplicate_ids,
        references,
        document_dates,
        review_interval,
        revisions,
        decisions,
        repealed_laws,
        expiry,
        markup,
        reporting_cycles,
        reserved_ids,
        expired_originals,
        thesaurus.repeated_terms,
        links_to_unpublished_files,
    )
    for checker in checkers:
        for problem in checker(corpus, options):
            yield problem.as_error() if options.strict and problem.code in EXPIRY_CODES else problem


def duplicate_ids(corpus: m.Corpus, options: CheckOptions) -> Iterator[Problem]:
    # Lines are looked up only for a duplicate: a document's key lines are found on first use.
    groups: tuple[tuple[str, str, Iterable[tuple[str, str, Callable[[], int]]]], ...] = (
        ("ett annat dokument", "id", ((d.id, d.source.path, partial(d.source.line, "id")) for d in corpus.documents)),
        ("en annan roll", "id", ((r.id, r.source.path, partial(r.source.line, "id")) for r in corpus.roles)),
        ("ett annat forum", "id", ((f.id, f.source.path, partial(f.source.line, "id")) for f in corpus.forums)),
        ("en annan part", "id", ((p.id, p.source.path, partial(p.source.line, "id")) for p in corpus.parties)),
        ("en annan lag", "SFS-nummer", ((law.sfs, law.source.path, partial(int, law.line)) for law in corpus.laws)),
    )
    for noun, field, items in groups:
        first: dict[str, tuple[str, Callable[[], int]]] = {}
        for key, path, line in items:
            if key in first:
                first_path, first_line = first[key]
                yield error(
                    path,
                    line(),
                    "E-DUPLICATE-ID",
                    f"samma {field} '{key}' finns redan för {noun} ({first_path}:{first_line()})",
                    "$.id" if field == "id" else "$",
                    f"{field} måste vara unikt; byt {field} på den ena",
                )
            else:
                first[key] = (path, line)


class _Resolver:
    """Looks up ids of one kind and words the problem when one is missing."""

    def __init__(self, corpus: m.Corpus) -> None:
        self.corpus = corpus
        self.known = {
            "role": (corpus.roles_by_id, "okänd roll", "ingen roll har det id:t; rätta stavningen, eller lägg till rollen i mappen roles/"),
            "forum": (corpus.forums_by_id, "okänt forum", "inget forum har det id:t; rätta stavningen, eller lägg till forumet i mappen roles/forums/"),
            "party": (corpus.parties_by_id, "okänd part", "ingen part har det id:t; rätta stavningen, eller lägg till parten i mappen roles/parties/"),
            "document": (corpus.documents_by_id, "okänt dokument", "inget dokument har det id:t; id:t står överst i dokumentet du vill hänvisa till"),
            "law": (corpus.laws_by_sfs, "okänd lag", "lagen finns inte i lagregistret (roles/laws.yml); rätta SFS-numret, eller lägg till lagen där"),
        }

    def check(self, kind: str, value: str | None, source: Source, *keys: str | int) -> tuple[Problem, ...]:
        # A tuple, not a generator: called for every reference of every document, and nearly always empty.
        words = self.unknown(kind, value)
        return (_located(error, source, keys, "E-REF", *words),) if words else ()

    def unknown(self, kind: str, value: str | None) -> tuple[str, str] | None:
        """The message and the tip for ``value`` when no ``kind`` has that id, else None."""
        if value is None:
            return None
        table, what, where = self.known[kind]
        if value in table or (kind, value) in self.corpus.unusable_ids:
            return None
        close = closest(value, list(table))
        return f"{what} '{value}'", f"menade du '{close}'?" if close else where


def references(corpus: m.Corpus, options: CheckOptions) -> Iterator[Problem]:
    r = _Resolver(corpus)
    cites_laws = any(isinstance(ref, m.LawRef) for d in corpus.documents for ref in d.references) or any(
        ref.kind == "law" for d in corpus.invalid_documents for ref in d.references
    )
    register_missing = not corpus.laws and not any(kind == "law" for kind, _ in corpus.unusable_ids)
    if cites_laws and register_missing:
        # One problem for the missing register, not one per citation.
        yield error(
            "roles/laws.yml",
            WHOLE_FILE,
            "E-FILE",
            "lagregistret saknas, så hänvisningarna till lagar kan inte kontrolleras",
            hint="lägg tillbaka roles/laws.yml med de lagar dokumenten hänvisar till",
        )
    # Nearly every reference is to something known: the look-up here spares a call for each of them.
    roles, forums, parties, laws = corpus.roles_by_id, corpus.forums_by_id, corpus.parties_by_id, corpus.laws_by_sfs
    for d in corpus.documents:
        s = d.source
        if d.owner.role not in roles:
            yield from r.check("role", d.owner.role, s, "owner", "role")
        if d.approved_by not in forums:
            yield from r.check("forum", d.approved_by, s, "approved_by")
        for i, party in enumerate(d.applies_to):
            if party not in parties:
                yield from r.check("party", party, s, "applies_to", i)
        for i, role in enumerate(d.roles):
            if role not in roles:
                yield from r.check("role", role, s, "roles", i)
        for i, author in enumerate(d.authors):
            if author.party not in parties:
                yield from r.check("party", author.party, s, "authors", i, "party")
        for i, ref in enumerate(d.references):
            if isinstance(ref, m.LawRef):
                if not register_missing and ref.sfs not in laws:
                    yield from r.check("law", ref.sfs, s, "references", i, "law")
            elif isinstance(ref, m.DocumentRef):
                yield from r.check("document", ref.id, s, "references", i, "document")
                yield from _withdrawn_reference(corpus, d, ref, i)
    for invalid in corpus.invalid_documents:  # what of a refused document could be read
        for ref in invalid.references:
            if ref.kind != "law" or not register_missing:
                yield from r.check(ref.kind, ref.id, invalid.source, *ref.keys)
    yield from _draft_references(corpus, r, register_missing)
    for role in corpus.roles:
        s = role.source
        if role.reports_to:
            yield from r.check("role", role.reports_to.role, s, "reports_to", "role")
            yield from r.check("forum", role.reports_to.forum, s, "reports_to", "forum")
        for i, assignment in enumerate(role.assignments):
            yield from r.check("party", assignment.party, s, "assignments", i, "party")
    for forum in corpus.forums:
        s = forum.source
        yield from r.check("role", forum.chair, s, "chair")
        yield from r.check("forum", forum.reports_to, s, "reports_to")
        for i, member in enumerate(forum.members):
            yield from r.check("role", member.role, s, "members", i, "role")
            yield from r.check("party", member.party, s, "members", i, "party")
    for index, law in enumerate(corpus.laws):
        if law.repealed:
            yield from r.check("law", law.repealed.replaced_by, law.source, "laws", index, "repealed", "replaced_by")


def _draft_references(corpus: m.Corpus, r: _Resolver, register_missing: bool) -> Iterator[Problem]:
    """An unfinished draft's references, as warnings: such a draft is not published and may be merged
    unfinished (see core/drafts.py), so a wrong id must not stop that; but the owner hears of it now, not
    only when the completed draft is approved and the same reference becomes an E-REF error."""
    for u in corpus.unfinished:
        for ref in u.references:
            words = None if ref.kind == "law" and register_missing else r.unknown(ref.kind, ref.id)
            if words:
                message, hint = words
                yield warning(
                    u.path, ref.line, "W-DRAFT-REF", message, json_path(ref.keys),
                    f"{hint} (en varning så länge utkastet inte är färdigt; när det fastställs blir det ett fel)",
                )


def _located(make: Callable[..., Problem], source: Source, keys: tuple[str | int, ...], code: str, message: str, hint: str) -> Problem:
    """An ``error`` or ``warning`` at ``keys`` in ``source``: the line and the JSON path both from the same keys."""
    return make(source.path, source.line(*keys), code, message, json_path(keys), hint)


def _withdrawn_reference(corpus: m.Corpus, d: m.Document, ref: m.DocumentRef, i: int) -> Iterator[Problem]:
    target = corpus.documents_by_id.get(ref.id)
    if target and target.status is m.Status.WITHDRAWN and d.status is not m.Status.WITHDRAWN:
        yield _located(
            warning, d.source, ("references", i, "document"),
            "W-WITHDRAWN-REF",
            f"hänvisar till '{target.title}' ({target.id}), som är upphävt",
            "hänvisa till dokumentet som ersatte det, eller ta bort hänvisningen",
        )


def document_dates(corpus: m.Corpus, options: CheckOptions) -> Iterator[Problem]:
    for d in corpus.documents:
        if d.valid_until < d.valid_from:
            yield _located(
                error, d.source, ("valid_until",),
                "E-VALIDITY-ORDER",
                f"Giltigt t.o.m. ({d.valid_until}) är före Giltigt fr.o.m. ({d.valid_from})",
                "kontrollera datumen; det första datumet ska komma före det sista",
            )


def review_interval(corpus: m.Corpus, options: CheckOptions) -> Iterator[Problem]:
    """A document in force may not run longer than its review interval past its last review.

    The last review is the latest of the start of validity, the newest revision and the
    decision: a revision that extends the validity restarts the interval.
    """
    for d in corpus.documents:
        reviewed = max(d.valid_from, d.latest_change.date, d.decision.date if d.decision else d.valid_from)
        latest = add_months(reviewed, d.review_interval_months)
        if d.status.is_in_force and d.valid_from <= d.valid_until and d.valid_until > latest:
            yield _located(
                warning, d.source, ("valid_until",),
                "W-REVIEW-INTERVAL",
                f"dokumentet gäller t.o.m. {d.valid_until}, längre än översynsintervallet på "
                f"{d.review_interval_months} månader från den senaste översynen {reviewed}",
                f"sätt Giltigt t.o.m. till senast {latest}, eller ändra review_interval_months om forumet har "
                "beslutat om ett längre intervall",
            )


def revisions(corpus: m.Corpus, options: CheckOptions) -> Iterator[Problem]:
    for d in corpus.documents:
        seen: dict[int, int] = {}
        for i, entry in enumerate(d.changelog):
            if entry.revision in seen:
                yield _located(
                    error, d.source, ("changelog", i, "revision"),
                    "E-REVISION",
                    f"ändringshistoriken har två rader för revision {entry.revision}",
                    "varje revision ska ha en egen rad med eget nummer",
                )
            seen.setdefault(entry.revision, i)
        newest = d.latest_change.revision
        if d.revision != newest:
            yield _located(
                error, d.source, ("revision",),
                "E-REVISION",
                f"revisionsnumret är {d.revision}, men den senaste raden i ändringshistoriken gäller revision {newest}",
                "höj revisionsnumret och skriv en rad i ändringshistoriken (changelog) för den nya revisionen"
                if d.revision > newest
                else "rätta revisionsnumret så att det stämmer med ändringshistoriken",
            )


def decisions(corpus: m.Corpus, options: CheckOptions) -> Iterator[Problem]:
    for d in corpus.documents:
        if d.status is not m.Status.APPROVED:
            continue
        missing = [name for name, value in (("approved_by", d.approved_by), ("decision", d.decision)) if value is None]
        if missing:
            yield _located(
                error, d.source, ("status",),
                "E-DECISION",
                "dokumentet är markerat som fastställt, men det står inte vem som beslutade det och när",
                "fyll i " + " och ".join(missing) + " (forum, beslutsdatum och protokollsparagraf), "
                "eller sätt status: draft tills beslutet är fattat",
            )


def repealed_laws(corpus: m.Corpus, options: CheckOptions) -> Iterator[Problem]:
    for d in corpus.documents:
        if d.status is m.Status.WITHDRAWN:
            continue
        for i, ref in enumerate(d.references):
            if isinstance(ref, m.LawRef) and _is_repealed(corpus, ref.sfs):
                yield from _repealed(corpus, ref.sfs, d.source.path, d.source.line("references", i, "law"), ("references", i, "law"), options)
    for u in corpus.unfinished:  # an import's law references count at once, before the draft is finished
        for i, (sfs, line) in enumerate(u.laws):
            if _is_repealed(corpus, sfs):
                yield from _repealed(corpus, sfs, u.path, line, ("references", i, "law"), options)


def _is_repealed(corpus: m.Corpus, sfs: str) -> bool:
    # Asked first, so that the line of a reference is looked up only for one that is reported.
    law = corpus.laws_by_sfs.get(sfs)
    return law is not None and law.repealed is not None


def _repealed(corpus: m.Corpus, sfs: str, path: str, line: int, keys: tuple, options: CheckOptions) -> Iterator[Problem]:
    law = corpus.laws_by_sfs[sfs]
    assert law.repealed is not None
    replacement = corpus.laws_by_sfs.get(law.repealed.replaced_by or "")
    verb = "upphävdes" if law.is_repealed(options.today) else "upphävs"
    message = f"hänvisar till {law.title}, som {verb} {law.repealed.date}"
    if replacement:
        message += f" och ersattes av {replacement.title}" if verb == "upphävdes" else f" och ersätts av {replacement.title}"
    yield warning(path, line, "W-REPEALED-LAW", message, json_path(keys), law.repealed.note or "hänvisa till den lag som gäller nu")


def expiry(corpus: m.Corpus, options: CheckOptions) -> Iterator[Problem]:
    for d in corpus.documents:
        if not d.status.is_in_force:
            continue
        validity = d.validity(options.today, options.window_days)
        days = (d.valid_until - options.today).days
        if validity.is_expired:
            yield _located(
                warning, d.source, ("valid_until",),
                "W-EXPIRED",
                f"giltighetstiden har gått ut: dokumentet gällde t.o.m. {d.valid_until} ({_days(-days)} sedan)",
                "dokumentägaren behöver revidera dokumentet, förlänga det genom nytt beslut eller upphäva det",
            )
        elif validity.is_expiring:
            yield _located(
                warning, d.source, ("valid_until",),
                "W-EXPIRING",
                f"giltighetstiden går ut {d.valid_until} ({'i dag' if days == 0 else 'om ' + _days(days)})",
                "börja översynen nu så att ett nytt beslut hinner fattas",
            )


def expired_originals(corpus: m.Corpus, options: CheckOptions) -> Iterator[Problem]:
    """Imported drafts whose printed validity has passed (see core/drafts.py)."""
    yield from drafts.expired_originals(corpus, options.today)


def _days(n: int) -> str:
    return "1 dag" if n == 1 else f"{n} dagar"
