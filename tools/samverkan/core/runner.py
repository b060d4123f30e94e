"""One check run over a content tree: load, validate, cross-check, sort."""

from __future__ import annotations

from pathlib import Path

from samverkan.core.checks import CheckOptions, check_corpus
from samverkan.core.fileread import read_files
from samverkan.core.loader import Read, load
from samverkan.core.personnummer import mask_personal_numbers
from samverkan.core.report import CheckReport
from samverkan.core.revision_rules import check_against_base
from samverkan.core.schemas import SchemaSet
from samverkan.external.vcs import BaseSnapshot


def default_schema_dir(root: Path) -> Path:
    """The content tree's own ``schema/``, else the one beside this package's source tree."""
    own = root / "schema"
    return own if own.is_dir() else Path(__file__).resolve().parents[3] / "schema"


def run_check(
    root: Path, options: CheckOptions, schemas: SchemaSet, base: BaseSnapshot | None = None, read: Read = read_files
) -> CheckReport:
    """Check the content; with ``base``, also the rules for a change since that base (``read``: see ``load``)."""
    loaded = load(root, schemas, read)
    corpus = loaded.corpus
    found = [*loaded.problems, *check_corpus(corpus, options)]
    if base is not None:
        # The loader masks personal numbers; the base is masked the same way so an unchanged one is no change.
        base_texts = {path: mask_personal_numbers(text) for path, text in base.texts.items()}
        found += check_against_base(base_texts, base.renames, loaded.document_texts, options.today)
    problems = sorted(found, key=lambda p: (p.path, p.line, p.code, p.message))
    counts = {
        "documents": len(corpus.documents),
        "roles": len(corpus.roles),
        "forums": len(corpus.forums),
        "parties": len(corpus.parties),
        "laws": len(corpus.laws),
    }
    return CheckReport(tuple(problems), options.today, loaded.files_read, counts, corpus, loaded.document_texts)
