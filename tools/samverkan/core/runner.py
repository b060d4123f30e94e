"""One check run over a content tree: load, validate, cross-check, sort."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from samverkan.core.checkcache import CheckCache
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


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while a tree is read and checked.

    Reading makes millions of objects that all live on, so each full collection walks them
    all again, for nothing: they hold no cycles to free. On a large tree that was a sixth of
    the time. Collection resumes afterwards (or stays off if the caller had turned it off).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def run_check(
    root: Path,
    options: CheckOptions,
    schemas: SchemaSet,
    base: BaseSnapshot | None = None,
    read: Read = read_files,
    cache: Path | None = None,
    problems_only: bool = False,
) -> CheckReport:
    """Check the content; with ``base``, also the rules for a change since that base (``read``: see ``load``);
    with ``cache`` (a folder), ``read_files`` reads again only files changed since the last run
    (see ``core/checkcache.py``). ``problems_only``: the report's problems and counts are all that is
    used, so its corpus may lack the documents' texts, which then stay in the processes that read them."""
    texts = not problems_only or base is not None  # a comparison with the base needs every text
    if cache is not None:
        read = partial(read_files, cache=CheckCache(cache, schemas.directory), texts=texts)
    elif not texts and read is read_files:
        read = partial(read_files, texts=False)
    with _no_cycle_collection():
        loaded = load(root, schemas, read)
        corpus = loaded.corpus
        found = [*loaded.problems, *check_corpus(corpus, options)]
    if base is not None:
        # The loader masks personal numbers; the base is masked the same way so an unchanged one is no change.
        # A file still there but not read (say, saved in another encoding) has its own error; it is not deleted.
        gone_or_read = (path for path in base.texts if path in loaded.document_texts or not (root / path).exists())
        base_texts = {path: mask_personal_numbers(base.texts[path]) for path in gone_or_read}
        found += check_against_base(base_texts, base.renames, loaded.document_texts, options.today)
    problems = sorted(found, key=lambda p: (p.path, p.line, p.code, p.message))
    files = loaded.files_by_kind
    counts = {
        # Every file read: also those left out for their problems, which are named above.
        "documents": files.get("document", 0),
        "roles": files.get("role", 0),
        "forums": files.get("forum", 0),
        "parties": files.get("party", 0),
        "laws": len(corpus.laws),
        "law_files": files.get("laws", 0),
        "synonym_files": files.get("synonyms", 0),
    }
    return CheckReport(tuple(problems), options.today, loaded.files_read, counts, corpus, loaded.document_texts)
