"""The typed, immutable content model: documents, roles, forums, parties and laws.

Values are built by ``loader`` only after the JSON Schema has accepted the data, so the
constructors here trust their input. Swedish labels for enum values live beside the
values; a test checks that the enums and the schema's ``enum`` lists agree.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from functools import cached_property

from samverkan.core.dates import add_months
from samverkan.core.yamlsource import Source


class DocType(enum.Enum):
    """Kind of governing document."""

    ROUTINE = "routine"
    AGREEMENT = "agreement"
    GUIDELINE = "guideline"
    ASSIGNMENT = "assignment"
    STEERING = "steering"

    @property
    def label(self) -> str:
        return _DOC_TYPE_LABELS[self]


_DOC_TYPE_LABELS = {
    DocType.ROUTINE: "rutin",
    DocType.AGREEMENT: "överenskommelse",
    DocType.GUIDELINE: "riktlinje",
    DocType.ASSIGNMENT: "uppdragsbeskrivning",
    DocType.STEERING: "styrdokument",
}


class Status(enum.Enum):
    """Where a document stands in its decision process."""

    DRAFT = "draft"
    APPROVED = "approved"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return {"draft": "utkast", "approved": "fastställd", "withdrawn": "upphävd"}[self.value]

    @property
    def is_in_force(self) -> bool:
        """Only approved documents bind anyone; drafts and withdrawn ones are for reference."""
        return self is Status.APPROVED


class Validity(enum.Enum):
    """Where ``today`` falls relative to a document's validity period."""

    NOT_YET_VALID = "not_yet_valid"
    VALID = "valid"
    EXPIRING = "expiring"
    EXPIRED = "expired"

    @classmethod
    def of(cls, valid_from: dt.date, valid_until: dt.date, today: dt.date, window_days: int) -> Validity:
        """Classify; ``valid_until`` is the last day in force, so it is still valid on that day."""
        if today > valid_until:
            return cls.EXPIRED
        if today < valid_from:
            return cls.NOT_YET_VALID
        if (valid_until - today).days <= window_days:
            return cls.EXPIRING
        return cls.VALID

    @property
    def is_expired(self) -> bool:
        return self is Validity.EXPIRED

    @property
    def is_expiring(self) -> bool:
        return self is Validity.EXPIRING

    @property
    def is_current(self) -> bool:
        """In its validity period today (expiring documents still apply)."""
        return self in (Validity.VALID, Validity.EXPIRING)


class Frequency(enum.Enum):
    """How often a role reports or a forum meets."""

    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    TWICE_A_YEAR = "twice_a_year"
    YEARLY = "yearly"
    AS_NEEDED = "as_needed"

    @property
    def label(self) -> str:
        return {
            "weekly": "varje vecka",
            "monthly": "varje månad",
            "quarterly": "varje kvartal",
            "twice_a_year": "två gånger per år",
            "yearly": "varje år",
            "as_needed": "vid behov",
        }[self.value]


class PartyKind(enum.Enum):
    """What kind of organisation a party is."""

    REGION = "region"
    MUNICIPALITY = "municipality"
    PRIVATE_PROVIDER = "private_provider"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "region": "region",
            "municipality": "kommun",
            "private_provider": "privat vårdgivare",
            "other": "annan aktör",
        }[self.value]


@dataclass(frozen=True)
class Owner:
    """Who owns a document."""

    role: str
    """Id of the owning role."""
    contact: str
    """Functional mailbox for questions about the document."""


@dataclass(frozen=True)
class Decision:
    """The decision that approved the current revision."""

    date: dt.date
    """Date of the decision."""
    reference: str
    """Where the decision is recorded, e.g. a minutes paragraph."""


@dataclass(frozen=True)
class Author:
    """A person who wrote the document."""

    name: str
    """The person's name."""
    title: str | None = None
    """Job title, e.g. MAS."""
    party: str | None = None
    """Id of the party the person works for."""


@dataclass(frozen=True)
class LawRef:
    """A reference to a law by SFS number, optionally to a chapter and section."""

    sfs: str
    """SFS number, ``year:number``."""
    provision: str | None = None
    """Chapter and section as written, e.g. ``16 kap. 4 §``."""

    @classmethod
    def parse(cls, text: str) -> LawRef:
        sfs, _, provision = text.strip().partition(" ")
        return cls(sfs, provision.strip() or None)


@dataclass(frozen=True)
class DocumentRef:
    """A reference to another document by id."""

    id: str
    """Id of the referenced document."""


@dataclass(frozen=True)
class UrlRef:
    """A reference to a web page."""

    url: str
    """Address of the page."""
    title: str
    """Text shown for the link."""


Reference = LawRef | DocumentRef | UrlRef


@dataclass(frozen=True)
class ChangelogEntry:
    """What changed in one revision."""

    revision: int
    """Revision number."""
    date: dt.date
    """Date of the change."""
    summary: str
    """What changed."""
    editorial: bool = False
    """True when the change needs no new decision (spelling, links)."""


@dataclass(frozen=True)
class Imported:
    """Where an imported document came from (provenance, not a revision)."""

    source: str
    """The imported file's name."""
    sha256: str
    """SHA-256 of the imported file."""
    date: dt.date
    """Day of the import."""
    tool: str | None = None
    """The importing tool and its version."""


@dataclass(frozen=True)
class Document:
    """A governing document: front matter plus Markdown body."""

    id: str
    """Stable unique id."""
    title: str
    """Document name."""
    type: DocType
    """Kind of document."""
    revision: int
    """Current revision number."""
    status: Status
    """Decision status."""
    valid_from: dt.date
    """First day in force."""
    valid_until: dt.date
    """Last day in force ("Giltigt t.o.m.")."""
    owner: Owner
    """Owning role and contact."""
    applies_to: tuple[str, ...]
    """Ids of the parties the document applies to."""
    areas: tuple[str, ...]
    """Collaboration areas."""
    changelog: tuple[ChangelogEntry, ...]
    """One entry per revision."""
    body: str
    """Markdown text after the front matter."""
    source: Source
    """File and line of every key."""
    approved_by: str | None = None
    """Id of the forum that approved it."""
    decision: Decision | None = None
    """The approving decision."""
    authors: tuple[Author, ...] = ()
    """Who wrote it."""
    roles: tuple[str, ...] = ()
    """Ids of roles the text gives responsibilities."""
    references: tuple[Reference, ...] = ()
    """Laws, documents and web pages referred to."""
    keywords: tuple[str, ...] = ()
    """Extra search words."""
    audience: tuple[str, ...] = ()
    """Who the document is written for."""
    case_number: str | None = None
    """Registry case number (diarienummer)."""
    review_interval_months: int = 24
    """Months allowed between reviews."""
    body_line: int = 1
    """Line where the body starts in the file."""
    imported: Imported | None = None
    """Set when the document was imported from a Word or PDF file."""

    def validity(self, today: dt.date, window_days: int) -> Validity:
        return Validity.of(self.valid_from, self.valid_until, today, window_days)

    @property
    def latest_change(self) -> ChangelogEntry:
        return max(self.changelog, key=lambda entry: entry.revision)


@dataclass(frozen=True)
class ReportsTo:
    """Where a role reports, and how often."""

    role: str | None = None
    """Id of the receiving role."""
    forum: str | None = None
    """Id of the receiving forum."""
    frequency: Frequency | None = None
    """How often."""


@dataclass(frozen=True)
class Assignment:
    """Who holds a role at one party, as last confirmed."""

    party: str
    """Id of the appointing party."""
    confirmed: dt.date
    """When the party last confirmed it."""
    unit: str | None = None
    """Unit within the party."""
    name: str | None = None
    """Name of the person."""
    contact: str | None = None
    """Mailbox of the person or function."""

    def needs_confirmation(self, today: dt.date, months: int) -> bool:
        """Not confirmed for longer than ``months``: the person may well have moved on."""
        return add_months(self.confirmed, months) < today


@dataclass(frozen=True)
class Role:
    """A role in the collaboration, such as processledare or nyckelperson."""

    id: str
    """Stable id, equal to the file name."""
    name: str
    """Display name."""
    description: str
    """What the role is for."""
    responsibilities: tuple[str, ...]
    """What it is responsible for."""
    source: Source
    """File and line of every key."""
    reports_to: ReportsTo | None = None
    """Where it reports."""
    appointed_by: str | None = None
    """Who appoints the holder."""
    assignments: tuple[Assignment, ...] = ()
    """Holders per party."""
    reviewers: tuple[str, ...] = ()
    """Handles on the hosting platform that review changes to the role's documents (CODEOWNERS, mentions)."""


@dataclass(frozen=True)
class Member:
    """A seat in a forum: a role, a party, or a role from a party."""

    role: str | None = None
    """Id of the role."""
    party: str | None = None
    """Id of the party."""
    count: int = 1
    """Number of seats."""


@dataclass(frozen=True)
class Forum:
    """A group that meets and decides, such as a chefsgrupp or an arbetsutskott."""

    id: str
    """Stable id, equal to the file name."""
    name: str
    """Display name."""
    members: tuple[Member, ...]
    """Who sits in it."""
    cadence: Frequency
    """How often it meets."""
    decides: tuple[str, ...]
    """What it decides on."""
    source: Source
    """File and line of every key."""
    description: str | None = None
    """What the forum is for."""
    chair: str | None = None
    """Id of the chairing role."""
    reports_to: str | None = None
    """Id of the forum it reports to."""


@dataclass(frozen=True)
class Party:
    """A principal covered by the documents: the region, a municipality, a private provider."""

    id: str
    """Stable id, equal to the file name."""
    name: str
    """Display name."""
    kind: PartyKind
    """Region, municipality, private provider or other."""
    source: Source
    """File and line of every key."""
    short_name: str | None = None
    """Shorter name for tables."""
    website: str | None = None
    """Web address."""
    contact: str | None = None
    """Functional mailbox."""


@dataclass(frozen=True)
class Repeal:
    """When a law stopped applying and what replaced it."""

    date: dt.date
    """First day the law no longer applied."""
    replaced_by: str | None = None
    """SFS number of the replacing law."""
    note: str | None = None
    """Where the provisions are now."""


@dataclass(frozen=True)
class Law:
    """A law in the register."""

    sfs: str
    """SFS number."""
    title: str
    """Full title."""
    url: str
    """Where its text can be read."""
    source: Source
    """The register file; ``line`` is this entry's line."""
    line: int = 1
    """Line of this entry in the register."""
    short: str | None = None
    """Common abbreviation."""
    repealed: Repeal | None = None
    """Set when the law has been repealed."""

    def is_repealed(self, today: dt.date) -> bool:
        return self.repealed is not None and self.repealed.date <= today


@dataclass(frozen=True)
class UnfinishedDraft:
    """A draft that still lacks fields only approval needs (typically just imported).

    It is kept out of the site and the reports, named wherever it is left out, and must be
    completed before it can be approved.
    """

    id: str
    """The draft's id."""
    path: str
    """File path relative to the content root."""
    line: int
    """Line of its id."""
    title: str | None
    """Its title, when it has one."""
    missing: tuple[str, ...]
    """The missing fields, as keys (owner.contact for a part)."""
    valid_until: dt.date | None = None
    """Its last day in force, when it states one."""
    valid_until_line: int = 1
    """Line of valid_until (of the id when it is missing)."""
    imported: bool = False
    """True when it came from samverkan import."""
    laws: tuple[tuple[str, int], ...] = ()
    """(SFS number, line) of its law references."""
    references: tuple[ReadableReference, ...] = ()
    """Its references to roles, forums, parties, documents and laws that have the right shape, each with its line."""

    @property
    def name(self) -> str:
        """How a report names it: the title, else the file."""
        return self.title or self.path


@dataclass(frozen=True)
class ReadableReference:
    """A reference in a document left out of the corpus that could still be read, with the right shape."""

    kind: str
    """What it names: role, forum, party, document or law."""
    id: str
    """The id (the SFS number for a law)."""
    keys: tuple[str | int, ...]
    """Where it stands in the front matter, e.g. ("roles", 0)."""
    line: int = 0
    """Its line, where no source is kept to find it by ``keys`` (an unfinished draft); else 0."""


@dataclass(frozen=True)
class InvalidDocument:
    """A document file left out of the corpus: its front matter could not be read, or the schema refused it.

    It is still counted, and what of it could be read is still checked: its text where it is
    read (``core/body_checks.py``), its links and references with the corpus's.
    """

    source: Source
    """The file, with the lines of the front matter when it could be read."""
    body: str = ""
    """Markdown after the front matter, when the front matter ends where it should."""
    body_line: int = 1
    """Line on which the body starts."""
    references: tuple[ReadableReference, ...] = ()
    """Its references that could be read and that the schema did not refuse."""


@dataclass(frozen=True)
class SynonymGroup:
    """Words and phrases that readers use for the same thing (``roles/synonymer.yml``)."""

    terms: tuple[str, ...]
    """Each term as the editors wrote it, e.g. ("apodos", "dosdispensering")."""
    source: Source
    """The thesaurus file; ``line`` is this group's line."""
    line: int = 1
    """Line of this group in the file."""


@dataclass(frozen=True)
class Corpus:
    """Everything loaded from one content tree."""

    documents: tuple[Document, ...] = ()
    roles: tuple[Role, ...] = ()
    forums: tuple[Forum, ...] = ()
    parties: tuple[Party, ...] = ()
    laws: tuple[Law, ...] = ()
    synonyms: tuple[SynonymGroup, ...] = ()
    """The editors' thesaurus for the site search, empty when there is none."""
    unusable_ids: frozenset[tuple[str, str]] = frozenset()
    """(kind, id) of files that exist but failed validation; references to them are not reported again."""
    unfinished: tuple[UnfinishedDraft, ...] = ()
    """Drafts that lack fields only approval needs; left out of the documents above."""
    refused_files: frozenset[str] = frozenset()
    """Paths of files and folders in the content folder that are neither read nor published (as reported)."""
    invalid_documents: tuple[InvalidDocument, ...] = ()
    """Document files that are not among the documents above, nor unfinished drafts; counted and checked as far as they read."""
    content_files: frozenset[str] = frozenset()
    """Paths of every file in routines/ and roles/ that is not refused: documents, attachments, anything else."""

    @cached_property
    def documents_by_id(self) -> dict[str, Document]:
        return _first_by(self.documents, lambda d: d.id)

    @cached_property
    def roles_by_id(self) -> dict[str, Role]:
        return _first_by(self.roles, lambda r: r.id)

    @cached_property
    def forums_by_id(self) -> dict[str, Forum]:
        return _first_by(self.forums, lambda f: f.id)

    @cached_property
    def parties_by_id(self) -> dict[str, Party]:
        return _first_by(self.parties, lambda p: p.id)

    @cached_property
    def laws_by_sfs(self) -> dict[str, Law]:
        return _first_by(self.laws, lambda law: law.sfs)


def _first_by(items, key):  # type: ignore[no-untyped-def]
    out = {}
    for item in items:
        out.setdefault(key(item), item)
    return out
