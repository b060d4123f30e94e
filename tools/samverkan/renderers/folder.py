"""Folder writer: the whole site as plain Markdown and assets, for any MkDocs-compatible renderer.

``samverkan pages --out DIR`` writes ``DIR/docs/`` (the hand-written pages with the start
page filled in, every generated page, attachments, copies and scripts), ``DIR/overrides/``
(the theme templates the plugin adds) and ``DIR/mkdocs.yml``: the project's configuration
without the samverkan plugin. Zensical, MkDocs or ProperDocs then build DIR as it is.
Nothing here imports a renderer: the same core (``samverkan.site.build``) feeds the plugin.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML

from samverkan.core.checks import CheckOptions
from samverkan.core.checks_files import outside_pages
from samverkan.core.personnummer import mask_personal_numbers
from samverkan.core.problems import Problem
from samverkan.core.runner import default_schema_dir, run_check
from samverkan.core.schemas import SchemaSet
from samverkan.core.writing import write_atomically
from samverkan.renderers.options import DEFAULTS
from samverkan.site.build import MERMAID_TARGET, read_git, site_files
from samverkan.site.context import Accessibility, HtmlLinks, SiteContext
from samverkan.site.downloads import available_formats
from samverkan.site.pages import start_page

THEME_DIR = Path(__file__).parent / "mkdocs_theme"
PLUGIN = "samverkan"
HOOK = Path(__file__).parent / "pages_hook.py"
"""Copied beside the written mkdocs.yml: MkDocs warns when it builds a folder written for Zensical."""
HOOK_NAME = "samverkan_pages_hook.py"


@dataclass(frozen=True)
class Written:
    """What a run of the folder writer did."""

    files: int
    """Files written below DIR/docs."""
    problems: tuple[Problem, ...]
    """Everything ``samverkan check`` found in the content."""
    notes: tuple[str, ...]
    """Swedish lines about what is missing but does not stop the site (a copy, the history)."""
    errors: tuple[str, ...] = ()
    """Located Swedish lines about files that were not published (as the plugin's strict build fails on them)."""

    @property
    def failed(self) -> bool:
        return bool(self.errors) or any(p.is_error for p in self.problems)


class UnsafeOutput(Exception):
    """The output folder would overwrite the project's own files."""


def _yaml() -> YAML:
    yaml = YAML()  # round trip: keeps !!python/name tags, comments and key order
    yaml.preserve_quotes = True
    return yaml


def _plugin_options(config: dict) -> dict:
    for entry in config.get("plugins") or ():
        if entry == PLUGIN:
            return {}
        if isinstance(entry, dict) and PLUGIN in entry:
            return dict(entry[PLUGIN] or {})
    return {}


def _date(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) or value is None else dt.date.fromisoformat(str(value))


def _accessibility(options: dict) -> Accessibility:
    a = dict(options.get("accessibility") or {})
    return Accessibility(
        organisation=a.get("organisation", Accessibility.organisation),
        contact=a.get("contact", Accessibility.contact),
        compliance=a.get("compliance", Accessibility.compliance),
        known_issues=tuple(a.get("known_issues") or ()),
        assessed=_date(a.get("assessed")),
        assessment_method=a.get("assessment_method", Accessibility.assessment_method),
        statement_updated=_date(a.get("statement_updated")),
        published=_date(a.get("published")),
    )


def write_pages(config_file: Path, out: Path, today: dt.date, downloads: bool = True, final_links: bool = False) -> Written:
    """Write the site below ``out`` as the project's mkdocs.yml and content describe it.

    Links in the lists' HTML are source paths, which Zensical resolves as in Markdown links;
    ``final_links`` writes them as URLs for a renderer that publishes HTML as it is (MkDocs).
    """
    yaml = _yaml()
    config = yaml.load(config_file.read_text(encoding="utf-8"))
    base = config_file.parent
    if out.resolve() in (base.resolve(), *base.resolve().parents):
        # DIR/docs and DIR/mkdocs.yml are replaced: here they would be the project's own.
        raise UnsafeOutput(f"{out} är projektets egen mapp; välj en ny mapp, till exempel build/zensical")
    options = _plugin_options(config)
    root = (base / options.get("content_dir", DEFAULTS.content_dir)).resolve()
    window = int(options.get("expiry_window_days", DEFAULTS.expiry_window_days))
    schemas = SchemaSet.load(default_schema_dir(root))
    report = run_check(root, CheckOptions(today, window), schemas)
    notes: list[str] = []
    formats: tuple[str, ...] = ()
    if downloads and options.get("downloads", DEFAULTS.downloads):
        formats, reason = available_formats()
        if reason:
            notes.append(f"inga PDF-kopior: {reason}" if formats else f"inga kopior att ladda ner: {reason}")
    git = read_git(root, report.corpus.documents, schemas)
    if git.unavailable:
        notes.append(f"ingen versionshistorik: {git.unavailable}")
    mermaid = base / options.get("mermaid_js", DEFAULTS.mermaid_js)
    ctx = SiteContext(
        today=today,
        window_days=window,
        confirm_months=int(options.get("confirm_months", DEFAULTS.confirm_months)),
        edit_base=options.get("edit_url"),
        site_url=config.get("site_url"),
        site_name=config.get("site_name", SiteContext.site_name),
        history=git.history,
        archive=git.archive,
        accessibility=_accessibility(options),
        mermaid=mermaid.is_file(),
        downloads=formats,
        html_links=HtmlLinks.final(bool(config.get("use_directory_urls", True))) if final_links else HtmlLinks.SOURCE,
    )
    docs = out / "docs"
    if out.exists():
        shutil.rmtree(docs, ignore_errors=True)
        shutil.rmtree(out / "overrides", ignore_errors=True)
    count = 0
    docs_dir = base / config.get("docs_dir", "docs")
    hand_written = _hand_written(docs_dir)
    refused = dict(outside_pages(base, docs_dir, hand_written))
    errors = list(refused.values())
    for source in hand_written:
        if source in refused:
            continue
        content = source.read_bytes()
        if source.suffix == ".md":  # as the plugin's on_page_markdown does
            content = mask_personal_numbers(start_page(content.decode("utf-8"), report.corpus, ctx)).encode("utf-8")
        write_atomically(docs / source.relative_to(docs_dir), content)
        count += 1
    download_cache = base / options.get("download_cache", DEFAULTS.download_cache)
    for item in site_files(root, report.corpus, ctx, report.document_texts, download_cache, mermaid):
        if isinstance(item, str):
            errors.append(item)
            continue
        content = item.source.read_bytes() if item.source is not None else item.content
        if isinstance(content, str):
            content = (mask_personal_numbers(content) if item.path.endswith(".md") else content).encode("utf-8")
        write_atomically(docs / item.path, content or b"")
        count += 1
    shutil.copytree(THEME_DIR, out / "overrides")
    shutil.copyfile(HOOK, out / HOOK_NAME)
    _write_config(yaml, config, out / "mkdocs.yml", mermaid.is_file(), "mkdocs" if final_links else "zensical")
    return Written(count, report.problems, tuple(notes), tuple(errors))


def _hand_written(docs_dir: Path) -> list[Path]:
    return [
        path
        for path in sorted(docs_dir.rglob("*"))
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(docs_dir).parts)
    ]


def _write_config(yaml: YAML, config: dict, target: Path, mermaid: bool, renderer: str) -> None:
    """The project's configuration, pointed at the written folder, with the plugin's work already done,
    naming the renderer the folder is for (its list links differ; see pages_hook.py)."""
    config.yaml_set_start_comment(
        f"Skriven av `samverkan pages --for {renderer}`: bygg mappen med {renderer}; "
        f"för ett annat byggverktyg, skriv den igen med --for."
    )
    config.setdefault("extra", {})["samverkan_pages_for"] = renderer
    config["hooks"] = [*(h for h in config.get("hooks") or () if h != HOOK_NAME), HOOK_NAME]  # Zensical ignores hooks
    config["docs_dir"] = "docs"
    config.pop("site_dir", None)
    config["plugins"] = [p for p in config.get("plugins") or () if p != PLUGIN and not (isinstance(p, dict) and PLUGIN in p)]
    config.setdefault("theme", {})["custom_dir"] = "overrides"
    if mermaid:
        # As the plugin does: the theme's main.html loads it only on pages flagged `mermaid: true`.
        config.setdefault("extra", {})["samverkan_mermaid"] = MERMAID_TARGET
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8") as stream:
        yaml.dump(config, stream)
