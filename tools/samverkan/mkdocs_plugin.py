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
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .checks import CheckOptions
from .render import RenderContext, site_pages
from .runner import default_schema_dir, run_check
from .schemas import SchemaError, SchemaSet

log = logging.getLogger("mkdocs.plugins.samverkan")


class SamverkanConfig(Config):
    content_dir = c.Type(str, default=".")
    """Folder holding routines/, roles/ and schema/, relative to mkdocs.yml."""
    expiry_window_days = c.Type(int, default=90)
    """Documents expiring within this many days get a warning banner."""
    today = c.Optional(c.Type(str))
    """Pin the build date (YYYY-MM-DD) for reproducible builds; default is the build day."""


class SamverkanPlugin(BasePlugin[SamverkanConfig]):
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = (Path(config.config_file_path).parent / self.config.content_dir).resolve()
        self.today = dt.date.fromisoformat(self.config.today) if self.config.today else dt.date.today()
        try:
            self.schemas = SchemaSet.load(default_schema_dir(self.root))
        except SchemaError as exc:
            raise PluginError(str(exc)) from exc
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        options = CheckOptions(today=self.today, window_days=self.config.expiry_window_days)
        report = run_check(self.root, options, self.schemas)
        for problem in report.problems:
            (log.warning if problem.is_error else log.info)(f"{problem.path}:{problem.line}: {problem.code} {problem.message}")
        context = RenderContext(today=self.today, window_days=self.config.expiry_window_days)
        for page in site_pages(report.corpus, context):
            files.append(File.generated(config, page.path, content=page.markdown))
        return files
