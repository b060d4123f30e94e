"""One check run over a content tree: load, validate, cross-check, sort."""

from __future__ import annotations

from pathlib import Path

from .checks import CheckOptions, check_corpus
from .loader import load
from .report import CheckReport
from .schemas import SchemaSet


def default_schema_dir(root: Path) -> Path:
    """The content tree's own ``schema/``, else the one beside this package's source tree."""
    own = root / "schema"
    return own if own.is_dir() else Path(__file__).resolve().parents[2] / "schema"


def run_check(root: Path, options: CheckOptions, schemas: SchemaSet) -> CheckReport:
    loaded = load(root, schemas)
    corpus = loaded.corpus
    problems = sorted((*loaded.problems, *check_corpus(corpus, options)), key=lambda p: (p.path, p.line, p.code, p.message))
    counts = {
        "documents": len(corpus.documents),
        "roles": len(corpus.roles),
        "forums": len(corpus.forums),
        "parties": len(corpus.parties),
        "laws": len(corpus.laws),
    }
    return CheckReport(tuple(problems), options.today, loaded.files_read, counts, corpus)
