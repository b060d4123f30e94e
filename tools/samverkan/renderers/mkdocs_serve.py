"""`mkdocs serve --dirty`: what the plugin keeps between rebuilds so that a save costs only what it changed.

MkDocs with ``--dirty`` renders a page only when its source file is newer than the page it
wrote. This module gives every generated page such a source (``site/preview.py`` writes it
only when its text changed), reloads the content incrementally, and keeps everything that
would otherwise be redone per save (schemas, git history, the search index) out of the way.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import os
import shutil
import subprocess
import threading
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.theme import Theme
from mkdocs.utils import get_markdown_title

from samverkan.core import locks
from samverkan.core import model as m
from samverkan.core.reread import Rereader
from samverkan.core.schemas import SchemaSet
from samverkan.external import vcs
from samverkan.site import preview_search
from samverkan.site.build import GitSource, read_git
from samverkan.site.pages import START_MARKER
from samverkan.site.preview import GeneratedPages, Memo, PageFolder, SchemaCache, document_paths
from samverkan.site.rowmemo import RowMemo

log = logging.getLogger("mkdocs.plugins.samverkan")
CACHE = ".cache/serve"
"""Below mkdocs.yml: the generated pages' Markdown while serving (outside every watched folder), in a
numbered folder per running server."""


def own_folder(parent: Path) -> tuple[Path, object]:
    """A folder below ``parent`` that no other `mkdocs serve` running in the same place uses, and what
    holds it: the first numbered folder whose lock is free. The system lets go of the lock when the
    server ends, however it ends, so the folder of a stopped server is taken again, not left to pile up."""
    parent.mkdir(parents=True, exist_ok=True)
    if not locks.LOCKING:  # Windows
        return parent / str(os.getpid()), None
    number = 0
    while True:
        lock = (parent / f"{number}.lock").open("a")
        if not locks.try_exclusive(lock):
            lock.close()
            number += 1
            continue
        folder = parent / str(number)
        if folder.exists():  # the pages of a server that has stopped: this one writes its own
            shutil.rmtree(folder)
        return folder, lock


class ServeState:
    """Everything one `mkdocs serve` keeps from one rebuild to the next."""

    def __init__(self, base: Path, root: Path, schema_dir: Path) -> None:
        self.root = root
        folder, self._hold = own_folder(base / CACHE)  # kept open: the lock lasts as long as this server
        self.pages = PageFolder(folder)
        self.generated = GeneratedPages()
        """The generated pages, each made again only when the edit can change it."""
        self.schemas = SchemaCache(schema_dir)
        self._reader = Rereader()
        self._read_with: SchemaSet | None = None
        self.git = Memo()
        self._last: tuple[list[str], int] | None = None
        self.indexer = BackgroundIndex()
        self.templates = TemplateCache()
        self.rows = RowMemo()
        self._theme_files: dict[tuple, list[str]] = {}
        self._settled = False

    def settle(self) -> None:
        """After the first build: what it read and made, kept from save to save, is set aside from Python's
        cycle collection, which would otherwise walk all of it (millions of objects at 2,000 documents)
        once or more on every save. What a save makes is collected as before."""
        if not self._settled:
            gc.collect()
            gc.freeze()
            self._settled = True

    def reader(self) -> Rereader:
        """The reader of content files, which keeps what it read as long as the schemas stay the same."""
        schemas = self.schemas.get()
        if schemas is not self._read_with:  # what a file yields depends on the schemas too
            self._reader, self._read_with = Rereader(), schemas
        return self._reader

    def git_source(self, corpus: m.Corpus, schemas: SchemaSet | None) -> GitSource:
        """The history, read again only when a ref or a document's file changed (``schemas``: see ``read_git``)."""
        try:
            refs = vcs.refs_state(self.root)
        except vcs.GitUnavailable as exc:
            return GitSource({}, {}, str(exc))
        key = (refs, document_paths(corpus), schemas is not None)
        return self.git.get(key, lambda: read_git(self.root, corpus.documents, schemas))  # type: ignore[return-value]

    def keep_theme_listing(self, theme: Theme) -> None:
        """MkDocs lists the theme's files (Material's icons: some 14,000) on every build to find its
        static files; the list stays the same while serving, so it is made once."""
        make_env = theme.get_env

        def get_env() -> jinja2.Environment:
            env = make_env()
            list_templates = env.list_templates

            def listed(extensions=None, filter_func=None):  # type: ignore[no-untyped-def]
                key = (tuple(theme.dirs), tuple(theme.static_templates))
                if key not in self._theme_files:
                    self._theme_files[key] = list_templates(extensions, filter_func)
                return self._theme_files[key]

            env.list_templates = listed  # type: ignore[method-assign]
            return env

        theme.get_env = get_env  # type: ignore[method-assign]

    def must_render_all(self, errors: list[str], config: MkDocsConfig) -> bool:
        """Whether every page must be rendered again: the error box (on every page) or mkdocs.yml
        (the menu, the theme) changed since the last build."""
        now = (list(errors), os.stat(config.config_file_path).st_mtime_ns if config.config_file_path else 0)
        changed = self._last is not None and now != self._last
        self._last = now
        return changed

    def file(self, config: MkDocsConfig, path: str, content: str | bytes) -> File:
        source, written = self.pages.put(path, content)
        return _fresh(File.generated(config, path, abs_src_path=str(source)), written)

    def copy(self, config: MkDocsConfig, path: str, source: Path) -> File:
        """A file published as it is (an attachment, a PDF or Word copy from the cache): no need to read it."""
        return _fresh(File.generated(config, path, abs_src_path=str(source)), self.pages.copied(path, source))

    def end_files(self, files: Files, config: MkDocsConfig, errors: list[str], fill, dirty: bool) -> None:  # type: ignore[no-untyped-def]
        """After the generated files are in: the start page, what no longer exists, and a full render when needed."""
        filled_start_pages(files, config, self, fill)
        log.info(f"samverkan: {self.pages.written} genererade filer har ändrats sedan förra bygget")
        self._remove_gone(config)
        if self.must_render_all(errors, config) and dirty:
            clean_site(config)

    def _remove_gone(self, config: MkDocsConfig) -> None:
        """Remove what this rebuild made no more (a deleted or renamed document) from the served site."""
        for path in self.pages.end_round():
            dest = Path(File.generated(config, path, content="").abs_dest_path)
            dest.unlink(missing_ok=True)
            if dest.name == "index.html" and dest.parent != Path(config.site_dir) and not any(dest.parent.iterdir()):
                dest.parent.rmdir()


def _fresh(file: File, changed: bool) -> File:
    if changed:
        # MkDocs writes a file when its source is newer than its output; on a file system that keeps
        # whole seconds both can have the same time, and a copy from the cache can be older, so the output goes.
        Path(file.abs_dest_path).unlink(missing_ok=True)
    return file


class TemplateCache(jinja2.BytecodeCache):
    """The theme's templates compiled once: MkDocs makes a new Jinja environment, with an empty cache, per build."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


def filled_start_pages(files: Files, config: MkDocsConfig, state: ServeState, fill) -> None:  # type: ignore[no-untyped-def]
    """Hand-written pages that show lists (the start page) change with the content, not with their own file:
    under serve they are generated pages too, so that MkDocs sees when their text changes."""
    for file in list(files.documentation_pages()):
        if file.generated_by or not file.abs_src_path:
            continue
        text = Path(file.abs_src_path).read_text(encoding="utf-8")
        if START_MARKER in text:
            files.remove(file)
            files.append(state.file(config, file.src_uri, fill(text)))


def clean_site(config: MkDocsConfig) -> None:
    """Empty the served folder, so that the next steps of this build write every page again."""
    site = Path(config.site_dir)
    for child in site.iterdir():
        shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()


def nav_titles(nav: Navigation) -> None:
    """A dirty build reads only the pages it renders again; the others still need their titles in the menu."""
    for page in nav.pages:
        if page.title is None and page.file.abs_src_path and not page.file.is_modified():
            page.title = get_markdown_title(Path(page.file.abs_src_path).read_text(encoding="utf-8"))


class BackgroundIndex:
    """Pagefind indexes a whole site (it cannot add one page): under serve that is done after the
    page is served, by a process of its own (``site/preview_search.py``), and again once more when
    saves came meanwhile."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._child: subprocess.Popen | None = None
        self._again: list[str] | None = None

    def start(self, site: Path, root: Path, schemas: Path, today: dt.date, window: int) -> None:
        with self._lock:
            args = preview_search.command(site, root, schemas, today, window)
            if self._child is not None and self._child.poll() is None:
                self._again = args
                return
            self._spawn(args)

    def _spawn(self, args: list[str]) -> None:
        # A new interpreter, not a fork of this threaded one (Python 3.12 warns of forks of threaded processes).
        self._child = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        threading.Thread(target=self._wait, args=(self._child,), daemon=True).start()

    def _wait(self, child: subprocess.Popen) -> None:
        child.wait()
        with self._lock:
            if self._again is not None and child is self._child:
                args, self._again = self._again, None
                self._spawn(args)

    def stop(self) -> None:
        with self._lock:
            self._again = None
            if self._child is not None and self._child.poll() is None:
                self._child.terminate()
