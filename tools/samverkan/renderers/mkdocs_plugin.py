"""MkDocs adapter: the only module that imports mkdocs.

Each event handler is a few lines that call the core: load and check the content once
per build, then hand the generated pages to MkDocs as virtual files (nothing is written
into the repository). Content errors are logged as warnings so that ``--strict`` fails the
build with the file and line; expiry and other content warnings are logged as info,
because an expired routine must still be published, with its banner.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from samverkan.authoring.cms import Backend, editor_files
from samverkan.core.checks import CheckOptions
from samverkan.core.checks_files import outside_pages
from samverkan.core.fileread import read_files
from samverkan.core.html_policy import clean
from samverkan.core.list_cleaning import ListCleaner
from samverkan.core.personnummer import mask_personal_numbers
from samverkan.core.runner import default_schema_dir, run_check
from samverkan.core.schemas import SchemaError, SchemaSet
from samverkan.external.pagefind import PagefindFailed, PagefindUnavailable
from samverkan.renderers.mkdocs_serve import ServeState, nav_titles
from samverkan.site.context import Accessibility, HtmlLinks, SiteContext
from samverkan.site.build import MERMAID_TARGET, read_git, site_files
from samverkan.site.downloads import BackgroundCopies, available_formats
from samverkan.site.pages import WIDGET_PAGES, start_page
from samverkan.site.rawhtml import lift_lists
from samverkan.renderers.options import DEFAULTS
from samverkan.site.problem_banner import problem_banner, published_with_errors
from samverkan.site.search.hunspell import DictionaryMissing
from samverkan.site.search.indexing import index_site

log = logging.getLogger("mkdocs.plugins.samverkan")
THEME_DIR = Path(__file__).parent / "mkdocs_theme"


class AccessibilityConfig(Config):
    organisation = c.Type(str, default=Accessibility.organisation)
    contact = c.Type(str, default=Accessibility.contact)
    compliance = c.Choice(("full", "partial", "none"), default=Accessibility.compliance)
    known_issues = c.ListOfItems(c.Type(str), default=[])
    assessed = c.Optional(c.Type((str, dt.date)))
    assessment_method = c.Type(str, default=Accessibility.assessment_method)
    statement_updated = c.Optional(c.Type((str, dt.date)))
    published = c.Optional(c.Type((str, dt.date)))


class EditorConfig(Config):
    enabled = c.Type(bool, default=True)
    app_id = c.Optional(c.Type(str))
    """GitLab: id of the OAuth application that signs owners in to the editor at redigera/."""
    auth_url = c.Optional(c.Type(str))
    """GitHub: address of the OAuth client that signs owners in."""
    bundle = c.Type(str, default=".cache/vendor/decap-cms")
    """Local copy of Decap CMS (tools/fetch-decap.sh); without it there is no redigera/."""


class SamverkanConfig(Config):
    content_dir = c.Type(str, default=DEFAULTS.content_dir)
    """Folder holding routines/, roles/ and schema/, relative to mkdocs.yml."""
    expiry_window_days = c.Type(int, default=DEFAULTS.expiry_window_days)
    confirm_months = c.Type(int, default=DEFAULTS.confirm_months)
    today = c.Optional(c.Type(str))
    """Pin the build date (YYYY-MM-DD); the env var SAMVERKAN_TODAY does the same."""
    edit_url = c.Optional(c.Type(str))
    """Prefix that, followed by a file path, edits the file on the hosting platform."""
    mermaid_js = c.Type(str, default=DEFAULTS.mermaid_js)
    """Local copy of Mermaid; without it the organisation chart is shown as text only."""
    accessibility = c.SubConfig(AccessibilityConfig)
    downloads = c.Type(bool, default=DEFAULTS.downloads)
    """Offer each document as PDF (needs Chromium) and Word (pandoc) for download."""
    download_cache = c.Type(str, default=DEFAULTS.download_cache)
    """Where made copies are kept between builds, relative to mkdocs.yml."""
    search_index = c.Type(bool, default=True)
    """Index the built site with Pagefind for the search page sok/."""
    editor = c.SubConfig(EditorConfig)
    """The web editor at redigera/, saving to the repository behind edit_url."""


def _date(value: str | dt.date | None) -> dt.date | None:
    """mkdocs.yml dates arrive as dates (PyYAML) or strings (quoted, or from the environment)."""
    if isinstance(value, dt.date) or value is None:
        return value
    return dt.date.fromisoformat(value) if value else None


def _not_the_dirty_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("A 'dirty' build is being performed")


# While serving, the PDF and Word copies are made in the background and join the site as they
# come (failures are told in Swedish), so a link to one not made yet is no broken link.
_PENDING_COPY = re.compile(r"but the target 'dokument/[^/']+\.(?:pdf|docx)' is not found")


def _not_a_pending_copy(record: logging.LogRecord) -> bool:
    return _PENDING_COPY.search(record.getMessage()) is None


class SamverkanPlugin(BasePlugin[SamverkanConfig]):
    serving = False
    """True under `mkdocs serve`: content errors become a box on every page instead of stopping the build."""
    serve: ServeState | None = None
    """Under `mkdocs serve`, what is kept from one rebuild to the next."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this instance across the rebuilds of `mkdocs serve`.
        self.serving = command == "serve"
        self.dirty = dirty
        if self.serving and not dirty:
            log.info("samverkan: utan --dirty byggs hela webbplatsen om vid varje ändring (make serve använder --dirty)")
        elif self.serving:
            # MkDocs warns that a dirty build leaves navigation and links stale; this plugin rebuilds
            # every page whose text changed, so the warning is not true here (and would stop --strict).
            logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_warning)
        if self.serving:
            logging.getLogger("mkdocs.structure.pages").addFilter(_not_a_pending_copy)

    def on_shutdown(self) -> None:
        if self.serve is not None:
            self.serve.indexer.stop()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if getattr(self, "list_cleaner", None) is None:  # kept while serving: most rows stay the same from save to save
            self.list_cleaner = ListCleaner()
        base = Path(config.config_file_path).parent
        self.root = (base / self.config.content_dir).resolve()
        try:
            self.today = _date(self.config.today or os.environ.get("SAMVERKAN_TODAY")) or dt.date.today()
        except ValueError as exc:
            raise PluginError(f"samverkan: datumet i today / SAMVERKAN_TODAY ska skrivas ÅÅÅÅ-MM-DD ({exc})") from exc
        self.mermaid = base / self.config.mermaid_js
        self.download_cache = base / self.config.download_cache
        self.formats: tuple[str, ...] = ()
        if self.serving and self.serve is None:
            self.serve = ServeState(base, self.root, default_schema_dir(self.root))
        if self.config.downloads:
            self.formats, reason = available_formats()
            if reason:
                log.info(f"samverkan: {'inga PDF-kopior' if self.formats else 'inga kopior att ladda ner'}: {reason}")
        try:
            self.schemas = self.serve.schemas.get() if self.serve else SchemaSet.load(default_schema_dir(self.root))
        except SchemaError as exc:
            raise PluginError(str(exc)) from exc
        config.theme.dirs.insert(0, str(THEME_DIR))
        if self.serve:
            self.serve.keep_theme_listing(config.theme)
        if self.mermaid.is_file():
            # Not extra_javascript: the theme's main.html loads it only on pages flagged `mermaid: true`.
            config.extra["samverkan_mermaid"] = MERMAID_TARGET
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        read = self.serve.reader() if self.serve else read_files
        report = run_check(self.root, CheckOptions(self.today, self.config.expiry_window_days), self.schemas, read=read)
        self.errors: list[str] = []
        self.published_with_errors = published_with_errors(report.problems)
        for problem in report.problems:
            hint = f" (tips: {problem.hint})" if problem.hint else ""
            self._problem(f"{problem.location}: {problem.code} {problem.message}{hint}", problem.is_error)
        by_source = {Path(f.abs_src_path): f for f in files if f.abs_src_path and not f.generated_by}
        for source, line in outside_pages(Path(config.config_file_path).parent, Path(config.docs_dir), by_source):
            files.remove(by_source[source])
            self._problem(line)
        self.corpus = report.corpus
        self.context = self._context(config)
        # While serving, copies missing from the cache are made in the background: no page waits for them.
        later = self._copies_later(config) if self.serving else None
        pages = self.serve.generated.pages(self.corpus, self.context) if self.serve else None
        for item in site_files(self.root, self.corpus, self.context, report.document_texts, self.download_cache, self.mermaid, later, pages):
            if isinstance(item, str):
                self._problem(item)
            elif item.source is not None and self.serve:
                files.append(self.serve.copy(config, item.path, item.source))
            elif item.source is not None:
                files.append(File.generated(config, item.path, abs_src_path=str(item.source)))
            elif self.serve:
                files.append(self.serve.file(config, item.path, item.content))  # type: ignore[arg-type]
            else:
                files.append(File.generated(config, item.path, content=item.content))
        self._add_editor(files, config)
        if self.serve:
            self.serve.end_files(files, config, self.errors, lambda text: start_page(text, self.corpus, self.context, self.serve.generated.index), self.dirty)
        return files

    def _copies_later(self, config: MkDocsConfig) -> BackgroundCopies:
        if getattr(self, "_later", None) is None:  # one for every rebuild: this instance outlives them
            self._later = BackgroundCopies(Path(config.site_dir), log.warning)
        return self._later

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        if self.serve and self.dirty:
            nav_titles(nav)
        return nav

    def _problem(self, line: str, is_error: bool = True) -> None:
        """Log a content problem; an error fails a strict build, except while serving, where it goes in the box."""
        if is_error and self.serving:
            self.errors.append(line)
            log.info(f"fel: {line}")
        else:
            (log.warning if is_error else log.info)(line)

    def _add_editor(self, files: Files, config: MkDocsConfig) -> None:
        e = self.config.editor
        backend = Backend.from_edit_url(self.config.edit_url or "", app_id=e.app_id, auth_url=e.auth_url)
        if not e.enabled or backend is None:
            return
        base = Path(config.config_file_path).parent
        made = editor_files(self.root, self.schemas.directory, backend, base / e.bundle, site_name=config.site_name, site_url=config.site_url)
        for path, content in made:
            if isinstance(content, Path):
                files.append(File.generated(config, path, abs_src_path=str(content)))
            else:
                files.append(File.generated(config, path, content=content))

    def on_env(self, env, config: MkDocsConfig, files: Files):  # type: ignore[no-untyped-def]
        if self.serve:
            env.bytecode_cache = self.serve.templates
        return env

    def on_serve(self, server, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
        # `mkdocs serve` watches docs/ only; owners edit routines/ and roles/.
        for folder in ("routines", "roles", "schema"):
            if (self.root / folder).is_dir():
                server.watch(str(self.root / folder))
        return server

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        # The lists are masked row by row as they are put back (ListCleaner), the rest of the page here.
        self._lifted = lift_lists(start_page(markdown, self.corpus, self.context))
        return mask_personal_numbers(self._lifted.markdown)

    @event_priority(-100)  # last: whatever Markdown or another plugin made, only the allow-list is published
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        # The lists go back cleaned row by row (each row once per build); the error box is ours and escapes what it quotes.
        cleaned = clean(html, widgets=page.file.src_uri in WIDGET_PAGES)
        return problem_banner(self.errors) + self._lifted.restore(cleaned, self.list_cleaner.clean)

    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav):  # type: ignore[no-untyped-def]
        # Documents, roles and the like are reached through lists, not the nav; highlight the
        # nav entry of the list they belong to (same first folder), so the header tab and the
        # side column show where the reader is.
        self._lit = None
        if page.parent is None and page not in nav.pages:
            folder = page.url.split("/", 1)[0]
            home = next((p for p in nav.pages if folder and p.url.split("/", 1)[0] == folder), None)
            if home is not None:
                self._lit = home.parent or home
                self._lit.active = True
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if getattr(self, "_lit", None) is not None:
            self._lit.active = False
            self._lit = None
        return output

    def on_post_build(self, config: MkDocsConfig) -> None:
        # A strict build has already failed on the errors; any other one says, last, that it published them.
        if self.published_with_errors and not config.strict:
            log.warning(self.published_with_errors)
        if self.serve:
            self.serve.settle()
        if not self.config.search_index:
            return
        if self.serve:
            self.serve.indexer.start(Path(config.site_dir), self.root, self.schemas.directory, self.today, self.config.expiry_window_days)
            return
        try:
            report = index_site(Path(config.site_dir), self.corpus, self.today, self.config.expiry_window_days)
        except (PagefindUnavailable, PagefindFailed, DictionaryMissing) as exc:
            log.warning(f"samverkan: ingen sökning: {exc}")
            return
        for path in report.missing:
            log.warning(f"samverkan: sidan {path} saknas i den byggda webbplatsen och kommer inte med i sökningen")

    def _context(self, config: MkDocsConfig) -> SiteContext:
        # Old revisions are read as whole documents only for their PDF and Word copies.
        schemas = self.schemas if self.formats else None
        git = self.serve.git_source(self.corpus, schemas) if self.serve else read_git(self.root, self.corpus.documents, schemas)
        if git.unavailable:
            log.info(f"samverkan: ingen versionshistorik: {git.unavailable}")
        a = self.config.accessibility
        return SiteContext(
            today=self.today,
            window_days=self.config.expiry_window_days,
            confirm_months=self.config.confirm_months,
            edit_base=self.config.edit_url,
            site_url=config.site_url,
            site_name=config.site_name,
            history=git.history,
            archive=git.archive,
            accessibility=Accessibility(
                organisation=a.organisation,
                contact=a.contact,
                compliance=a.compliance,
                known_issues=tuple(a.known_issues),
                assessed=_date(a.assessed),
                assessment_method=a.assessment_method,
                statement_updated=_date(a.statement_updated),
                published=_date(a.published),
            ),
            mermaid=self.mermaid.is_file(),
            downloads=self.formats,
            html_links=HtmlLinks.final(config.use_directory_urls),
            rows=self.serve.rows if self.serve else None,
        )
