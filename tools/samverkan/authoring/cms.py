"""The web editor (Decap CMS at ``redigera/``): its configuration generated from ``schema/*.json``, and its page.

The forms are never written by hand, so they cannot drift from the model: every field, its
Swedish label (``title``), hint (``description``), whether it is required, its pattern, its
allowed values and its default come from the JSON Schemas. What the schemas cannot say is kept
in the small tables below: which id fields point at a role, forum, party or document (they
become lists to pick from), the defaults of a new document, and the guidance shown when an
approved document is edited.

Nothing here reads the clock; the only files read are the schemas and the first lines of the
registers in ``roles/`` (to find which file a register schema describes).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from samverkan.authoring.operations import BODY_SKELETON, FIRST_VERSION
from samverkan.core.slugs import slugify

FOLDER_KINDS = ("document", "role", "forum", "party")
"""Schemas of content kept one item per file; every other schema but ``common`` describes a register file."""

COLLECTION_FOLDERS = {"role": "roles", "forum": "roles/forums", "party": "roles/parties"}

RELATIONS = {
    "role": "roller",
    "roles": "roller",
    "chair": "roller",
    "forum": "forum",
    "approved_by": "forum",
    "reports_to": "forum",
    "party": "parter",
    "applies_to": "parter",
    "document": "alla-dokument",
}
"""Id fields (by name) and the collection whose ids they hold. Applied only where the schema
declares an id (a slug or a document id), so ``reports_to`` of a role, which is a group of
fields, stays a group."""

RELATION_DISPLAY = {
    "roller": ("{{name}} ({{id}})", ["name", "id"]),
    "forum": ("{{name}} ({{id}})", ["name", "id"]),
    "parter": ("{{name}} ({{id}})", ["name", "id", "short_name"]),
    "alla-dokument": ("{{title}} ({{id}})", ["title", "id"]),
}

NEW_DOCUMENT_DEFAULTS: Mapping[str, object] = {
    "revision": 1,
    "status": "draft",
    "changelog": [{"revision": 1, "date": "{{now}}", "summary": FIRST_VERSION}],
}
"""A new document starts as a draft of revision 1 with one changelog line; Decap's date field
replaces ``{{now}}`` with the day the form is opened."""

TODAY_DEFAULT = frozenset({"valid_from", "changelog.date"})
"""Date fields a new form fills in with today's date; every other date starts empty."""

APPROVED_GUIDANCE = (
    "Ändrar du ett fastställt dokument (status approved)? Höj revisionsnumret med ett, lägg till en rad "
    "i ändringshistoriken med samma nummer, dagens datum och vad du ändrade, och kryssa i Redaktionell "
    "ändring om du bara rättar stavning, länkar eller liknande. Annars behöver dokumentet ett nytt beslut. "
    "Ändringen sparas som ett förslag (en pull/merge request) och kontrolleras innan den publiceras."
)

_CHOICE = re.compile(r"(\w+) \(([^()]+)\)")
"""``routine (rutin)`` in a description: an enum value and its Swedish name."""

_SCHEMA_COMMENT = re.compile(r"\$schema=\S*?/schema/([\w-]+)\.schema\.json")


@dataclass(frozen=True)
class Backend:
    """Where the editor saves: the hosting platform and repository (see README, the web editor)."""

    name: str
    """``github`` or ``gitlab``."""
    repo: str
    """``owner/name`` (GitHub) or ``group/project`` (GitLab)."""
    branch: str = "main"
    host: str | None = None
    """A GitLab instance of the organisation's own, e.g. ``https://git.exempellan.example``."""
    app_id: str | None = None
    """GitLab: the OAuth application's id (sign-in with PKCE, no server needed)."""
    auth_url: str | None = None
    """GitHub: the address of the OAuth client that signs owners in (GitHub needs one)."""

    @classmethod
    def from_edit_url(cls, edit_url: str, *, app_id: str | None = None, auth_url: str | None = None) -> Backend | None:
        """The platform, repository and branch behind the site's "Föreslå ändring" links.

        ``https://github.com/<owner>/<repo>/edit/<branch>/`` is GitHub; ``<host>/<group>/<project>/-/edit/<branch>/``
        is GitLab (gitlab.com or an own instance). Anything else: None (no editor).
        """
        parts = urlsplit(edit_url)
        segments = [s for s in parts.path.split("/") if s]
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return None
        if "-" in segments and segments[segments.index("-") + 1 : segments.index("-") + 2] == ["edit"]:
            at = segments.index("-")
            branch = segments[at + 2] if len(segments) > at + 2 else "main"
            host = None if parts.netloc == "gitlab.com" else f"{parts.scheme}://{parts.netloc}"
            return cls("gitlab", "/".join(segments[:at]), branch, host, app_id, auth_url)
        if parts.netloc == "github.com" and len(segments) >= 3 and segments[2] == "edit":
            branch = segments[3] if len(segments) > 3 else "main"
            return cls("github", "/".join(segments[:2]), branch, None, app_id, auth_url)
        return None

    def as_config(self) -> dict[str, object]:
        config: dict[str, object] = {"name": self.name, "repo": self.repo, "branch": self.branch}
        if self.name == "gitlab":
            if self.host:
                config["base_url"] = self.host
                config["api_root"] = f"{self.host}/api/v4"
            if self.app_id:
                config["auth_type"] = "pkce"
                config["app_id"] = self.app_id
        elif self.auth_url:
            config["base_url"] = self.auth_url
        return config


LOCAL_BACKEND_URL = "http://127.0.0.1:8081/api/v1"
"""decap-server's own default address; ``make edit`` and the tests pick a free port and pass it as
``?lokal=<port>``. Decap uses a local backend only when the page is opened on 127.0.0.1/localhost."""


def load_schemas(directory: Path) -> dict[str, dict]:
    """Every ``<name>.schema.json`` in ``directory``, by name, in name order."""
    return {
        path.name.removesuffix(".schema.json"): json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(directory.glob("*.schema.json"))
    }


def register_files(content_root: Path, schema_names: list[str]) -> dict[str, str]:
    """Register schema name → file (``laws`` → ``roles/laws.yml``), from the files' schema comment.

    Each register in ``roles/`` names its schema on its first line
    (``# yaml-language-server: $schema=../schema/laws.schema.json``); a register schema without
    such a file gets no collection.
    """
    found: dict[str, str] = {}
    roles = content_root / "roles"
    for path in sorted(roles.glob("*.yml")) if roles.is_dir() else ():
        with path.open(encoding="utf-8") as handle:
            first = handle.readline()
        match = _SCHEMA_COMMENT.search(first)
        if match and match.group(1) in schema_names and match.group(1) not in FOLDER_KINDS:
            found.setdefault(match.group(1), path.relative_to(content_root).as_posix())
    return found


class _Fields:
    """Turns JSON Schema properties into Decap fields, resolving ``$ref`` into common.schema.json."""

    def __init__(self, schemas: Mapping[str, dict]) -> None:
        self.schemas = schemas
        defs = schemas["common"]["$defs"]
        self.id_patterns = frozenset(defs[name]["pattern"] for name in ("slug", "documentId"))
        self.required_paths: set[str] = set()

    def is_id(self, node: dict) -> bool:
        """A role, forum, party or document id: a string of common.schema.json's id shapes."""
        return node.get("pattern") in self.id_patterns

    def resolve(self, node: dict) -> dict:
        """The node with its ``$ref`` merged in; the node's own title and description win."""
        ref = node.get("$ref")
        if not ref:
            return node
        file, _, pointer = ref.partition("#")
        target: object = self.schemas[file.removesuffix(".schema.json")]
        for step in pointer.strip("/").split("/"):
            target = target[step]  # type: ignore[index]
        merged = {**self.resolve(target), **{k: v for k, v in node.items() if k != "$ref"}}  # type: ignore[arg-type]
        return merged

    def fields(self, schema: dict, path: str = "", new_document: bool = False) -> list[dict]:
        required = set(schema.get("required", ()))
        self.required_paths.update(f"{path}{name}" for name in required)
        return [
            self.field(name, prop, name in required, f"{path}{name}", new_document)
            for name, prop in schema.get("properties", {}).items()
        ]

    def field(self, name: str, node: dict, required: bool, path: str, new_document: bool) -> dict:
        node = self.resolve(node)
        field: dict[str, object] = {"label": node.get("title", name), "name": name}
        if node.get("description"):
            field["hint"] = node["description"]
        field.update(self.widget(name, node, path, new_document))
        if not required:
            field["required"] = False
        # A schema's own ``default`` is what the reader assumes when the field is absent, so
        # the form leaves such a field empty rather than writing the default into every file.
        if new_document and path in NEW_DOCUMENT_DEFAULTS:
            field["default"] = NEW_DOCUMENT_DEFAULTS[path]
        return field

    def widget(self, name: str, node: dict, path: str, new_document: bool) -> dict[str, object]:
        kind = node.get("type")
        if "enum" in node:
            return {"widget": "select", "options": _options(node)}
        if kind == "array":
            return self.list_widget(name, node, path, new_document)
        if kind == "object":
            fields = self.fields(node, f"{path}.", new_document)
            if path not in self.required_paths:
                # Decap checks the fields of an optional group even when it is left empty;
                # samverkan check still says which field a filled-in group lacks.
                for sub in fields:
                    sub["required"] = False
            return {"widget": "object", "collapsed": False, "fields": fields}
        if kind == "integer":
            spec: dict[str, object] = {"widget": "number", "value_type": "int"}
            spec.update({key: node[key] for key in ("minimum", "maximum") if key in node})
            return {k.replace("minimum", "min").replace("maximum", "max"): v for k, v in spec.items()}
        if kind == "boolean":
            return {"widget": "boolean"}
        if node.get("format") == "date":
            spec = {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False}
            if path in TODAY_DEFAULT:
                spec["default"] = "{{now}}"
            return spec
        relation = RELATIONS.get(name)
        if relation and self.is_id(node):
            return _relation(relation, multiple=False)
        spec = {"widget": "text" if name == "description" else "string"}
        if "pattern" in node and node["pattern"] != r"\S":
            spec["pattern"] = [node["pattern"], f"Fel form. {node.get('description', '')}".strip()]
        return spec

    def list_widget(self, name: str, node: dict, path: str, new_document: bool) -> dict[str, object]:
        items = self.resolve(node.get("items", {}))
        spec: dict[str, object]
        if "enum" in items:
            spec = {"widget": "select", "multiple": True, "options": _options(items)}
        elif RELATIONS.get(name) and self.is_id(items):
            spec = _relation(RELATIONS[name], multiple=True)
        elif items.get("type") == "object":
            fields = self.fields(items, f"{path}.", new_document)
            spec = {"widget": "list", "collapsed": False, "fields": fields, "summary": _summary(fields)}
            spec["label_singular"] = str(items.get("title", name)).lower()
        else:
            item = self.field(name, items, True, f"{path}.", new_document)
            item.pop("required", None)
            spec = {"widget": "list", "field": item}
        if node.get("minItems"):
            spec["min"] = node["minItems"]
        return spec


def _relation(collection: str, *, multiple: bool) -> dict[str, object]:
    display, search = RELATION_DISPLAY[collection]
    return {
        "widget": "relation",
        "collection": collection,
        "value_field": "id",
        "search_fields": search,
        "display_fields": [display],
        "multiple": multiple,
        "options_length": 500,
    }


def _options(node: dict) -> list[dict[str, str]]:
    """Select options: Swedish names from the description (``routine (rutin)``), else the value itself."""
    names = dict(_CHOICE.findall(node.get("description", "")))
    return [{"label": f"{names[v]} ({v})" if v in names else str(v), "value": v} for v in node["enum"]]


def _summary(fields: list[dict]) -> str:
    """What a collapsed list item shows: its first few plain values."""
    names = [str(f["name"]) for f in fields if f.get("widget") in ("string", "number", "datetime", "relation", "select")]
    return " – ".join(f"{{{{fields.{name}}}}}" for name in names[:3])


def _document_collections(fields: list[dict], areas: list[str]) -> Iterator[dict]:
    description = "Gemensamma dokument i området. " + APPROVED_GUIDANCE
    for area in areas:
        folder = slugify(area)
        yield {
            "name": f"dokument-{folder}",
            "label": f"Dokument: {area[0].upper()}{area[1:]}",
            "label_singular": "dokument",
            "description": description,
            "folder": f"routines/{folder}",
            "extension": "md",
            "format": "frontmatter",
            "create": True,
            "slug": "{{title}}",
            "identifier_field": "title",
            "summary": "{{title}} ({{id}})",
            "sortable_fields": ["title", "id", "valid_until"],
            # Images go beside the document, where the site publishes a document's attachments.
            "media_folder": "",
            "public_folder": "",
            "fields": [*fields, {**_BODY, "default": BODY_SKELETON}],
        }


_BODY = {
    "label": "Text",
    "name": "body",
    "widget": "markdown",
    "hint": "Dokumentets text med rubriker (##), punktlistor och tabeller.",
    "modes": ["raw", "rich_text"],
}


def cms_config(
    schemas: Mapping[str, dict],
    registers: Mapping[str, str],
    backend: Backend,
    *,
    site_url: str | None = None,
) -> dict[str, object]:
    """The whole Decap CMS configuration as plain data (``render_config`` writes it)."""
    make = _Fields(schemas)
    document = schemas["document"]
    areas = list(make.resolve(document["properties"]["areas"]["items"])["enum"])
    new_fields = make.fields(document, new_document=True)
    _add_guidance(new_fields)
    collections: list[dict[str, object]] = list(_document_collections(new_fields, areas))
    collections.append(
        {
            # Every document in one list, for the fields that pick a document by id; hidden from the menu.
            "name": "alla-dokument",
            "label": "Alla dokument",
            "label_singular": "dokument",
            "folder": "routines",
            "extension": "md",
            "format": "frontmatter",
            "create": False,
            "hide": True,
            "nested": {"depth": 3},
            "identifier_field": "title",
            "summary": "{{title}} ({{id}})",
            "fields": [*make.fields(document), _BODY],
        }
    )
    for kind, name, label, singular in (
        ("role", "roller", "Roller", "roll"),
        ("forum", "forum", "Forum", "forum"),
        ("party", "parter", "Parter", "part"),
    ):
        schema = schemas[kind]
        collections.append(
            {
                "name": name,
                "label": label,
                "label_singular": singular,
                "description": schema.get("description", ""),
                "folder": COLLECTION_FOLDERS[kind],
                "extension": "yml",
                "format": "yml",
                "create": True,
                "slug": "{{id}}",
                "identifier_field": "id",
                "summary": "{{name}} ({{id}})",
                "fields": make.fields(schema),
            }
        )
    registers_collection = [
        {
            "name": name,
            "label": schemas[name].get("title", name),
            "file": registers[name],
            "description": schemas[name].get("description", ""),
            "fields": make.fields(schemas[name]),
        }
        for name in schemas
        if name in registers
    ]
    if registers_collection:
        collections.append(
            {"name": "register", "label": "Register", "format": "yml", "files": registers_collection}
        )
    config: dict[str, object] = {
        "locale": "sv",
        "backend": backend.as_config(),
        "publish_mode": "editorial_workflow",
        "local_backend": {"url": LOCAL_BACKEND_URL, "allowed_hosts": ["127.0.0.1", "localhost"]},
        "media_folder": "routines/bilder",
        "public_folder": "bilder",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "editor": {"preview": False},
        "collections": collections,
    }
    if site_url:
        config["site_url"] = site_url
        config["display_url"] = site_url
    return config


def _add_guidance(fields: list[dict]) -> None:
    """The revision and changelog fields say, in Swedish, what an edit of an approved document needs."""
    for field in fields:
        if field["name"] in ("revision", "changelog"):
            field["hint"] = f"{field.get('hint', '')} {APPROVED_GUIDANCE}".strip()


def render_config(config: Mapping[str, object]) -> str:
    """``redigera/config.js``: the configuration as one JSON object, stable byte for byte.

    JavaScript rather than ``config.yml``: Decap ignores a YAML file that the web server does
    not label as YAML, and many servers (GitLab Pages, plain nginx) label .yml files as bytes.
    """
    data = json.dumps(dict(config), ensure_ascii=False, indent=1)
    return f"// Generated from schema/*.json by samverkan.authoring.cms; do not edit.\nwindow.SAMVERKAN_CMS_CONFIG = {data};\n"


_ACCESSIBILITY_CSS = """
    /* Decap's grey texts and red badge fall below WCAG's 4.5:1 on white: darker shades of the same colours. */
    [class*="AppHeaderButton"]:not([aria-current]), [class*="SidebarNavLink"]:not([aria-current]),
    [class*="AppHeaderSiteLink"], [class*="TopDescription"], [class*="ColumnCount"],
    [class*="StyledDropdownButton"][class*="grayText"] { color: #4a515e !important; }
    [class*="BackStatusChanged"] { color: #b8002b !important; }
    .samverkan-statement { position: fixed; left: 0; bottom: 0; z-index: 1000; margin: 0; padding: 2px 8px;
      font: 12px/1.5 sans-serif; background: #fff; }
    .samverkan-statement a { color: #1f4fb8 !important; text-decoration: underline !important; }
    [class*="WorkflowTop"] [class*="StyledDropdownButton"] { background-color: #4a515e !important; }
"""

START_JS = """// Generated by samverkan.authoring.cms: starts Decap CMS with the generated configuration.
// Decap leaves a few controls without a name for screen readers; name them in Swedish as they appear.
(function () {
  var names = [
    ["[data-slate-editor][role=textbox]", function (el) {
      var label = el.closest("[aria-label='markdown field']");
      label = label && label.querySelector("label");
      return label ? label.textContent : "Text";
    }],
    ["[role=button][aria-roledescription=sortable]", function () { return "Flytta"; }],
    ["button[role=switch]", function () { return "Visa texten som formaterad text"; }],
    ["button", function (el) { return el.textContent.trim() ? null : (el.title || "Visa eller dölj"); }]
  ];
  function name() {
    names.forEach(function (pair) {
      document.querySelectorAll(pair[0] + ":not([aria-label])").forEach(function (el) {
        var text = pair[1](el);
        if (text) el.setAttribute("aria-label", text);
      });
    });
  }
  new MutationObserver(name).observe(document.documentElement, { childList: true, subtree: true });
})();

(function () {
  var config = Object.assign({ load_config_file: false }, window.SAMVERKAN_CMS_CONFIG);
  // The body opens as plain Markdown: the rich-text view rewrites tables and lists on save.
  if (!window.localStorage.getItem("cms.md-mode")) window.localStorage.setItem("cms.md-mode", "raw");
  // ?lokal=<port>: a decap-server on this machine (make edit, the tests). Decap uses a local
  // backend only when the page is opened on 127.0.0.1 or localhost.
  var port = new URLSearchParams(window.location.search).get("lokal");
  if (port && /^[0-9]{2,5}$/.test(port)) {
    config.local_backend = Object.assign({}, config.local_backend, {
      url: "http://" + window.location.hostname + ":" + port + "/api/v1"
    });
  }
  window.CMS.init({ config: config });
})();
"""


def editor_csp(backend: Backend) -> str:
    """The editor's Content-Security-Policy: the site's, plus the hosts Decap must talk to.

    Scripts still come only from the site itself, but Decap compiles its configuration schema
    with AJV at start-up (``new Function``), which needs ``'unsafe-eval'``; this page alone
    allows it. ``connect-src`` adds the platform's API (and a GitHub sign-in client) and
    decap-server on this machine, ``img-src`` the signed-in owner's picture.
    """
    if backend.name == "gitlab":
        hosts = [backend.host or "https://gitlab.com"]
    else:
        hosts = ["https://api.github.com", "https://avatars.githubusercontent.com"]
        if backend.auth_url:
            parts = urlsplit(backend.auth_url)
            hosts.append(f"{parts.scheme}://{parts.netloc}")
    local = "http://127.0.0.1:* http://localhost:*"
    return (
        f"default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: {' '.join(hosts)}; "
        f"connect-src 'self' blob: {' '.join(hosts)} {local}; object-src 'none'; frame-src 'none'; base-uri 'self'; form-action 'self'"
    )


def editor_page(site_name: str, csp: str) -> str:
    """``redigera/index.html``: the bundled Decap CMS, the generated configuration and ``start.js``.

    No inline script, so the Content-Security-Policy can forbid it as on every other page.
    """
    return f"""<!doctype html>
<html lang="sv">
<head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="{escape(csp, quote=False)}">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>Redigera – {escape(site_name)}</title>
  <style>{_ACCESSIBILITY_CSS}  </style>
  <script src="config.js"></script>
  <script src="manual-init.js"></script>
  <script src="vendor/decap-cms.js"></script>
</head>
<body>
  <p class="samverkan-statement"><a href="../tillganglighet/">Tillgänglighetsredogörelse</a></p>
  <script src="start.js"></script>
</body>
</html>
"""


EDITOR_DIR = "redigera"


def editor_files(
    content_root: Path, schema_dir: Path, backend: Backend, vendor: Path, *, site_name: str, site_url: str | None
) -> list[tuple[str, str | Path]]:
    """The files of ``redigera/`` as (site path, text or file to copy); empty without the bundle.

    The bundle (``tools/fetch-decap.sh``) is the main script and the chunks it loads from
    beside itself; nothing else from the npm package is published.
    """
    if not (vendor / "decap-cms.js").is_file():
        return []
    schemas = load_schemas(schema_dir)
    config = cms_config(schemas, register_files(content_root, list(schemas)), backend, site_url=site_url)
    files: list[tuple[str, str | Path]] = [
        (f"{EDITOR_DIR}/index.html", editor_page(site_name, editor_csp(backend))),
        (f"{EDITOR_DIR}/config.js", render_config(config)),
        (f"{EDITOR_DIR}/manual-init.js", "window.CMS_MANUAL_INIT = true;\n"),
        (f"{EDITOR_DIR}/start.js", START_JS),
    ]
    for path in sorted(vendor.iterdir()):
        if path.name.endswith((".js", ".wasm", ".LICENSE.txt")):
            files.append((f"{EDITOR_DIR}/vendor/{path.name}", path))
    return files
