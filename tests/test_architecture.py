"""The core stays free of MkDocs and of the clock, so other front ends can reuse it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import samverkan

PACKAGE = Path(samverkan.__file__).parent
# The adapters: everything else is renderer-free and clock-free.
ADAPTERS = ("renderers", "cli")
CORE = sorted(p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE).parts[0] not in ADAPTERS)


def test_core_imports_without_mkdocs():
    modules = [
        "samverkan." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts) for p in CORE if p.stem != "__init__"
    ]
    assert {"samverkan.core.model", "samverkan.site.document", "samverkan.transfer.export"} <= set(modules)
    code = "import sys\n" + "".join(f"import {m}\n" for m in modules) + "print(sorted(m for m in sys.modules if m.startswith('mkdocs')))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def _calls(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute | ast.Name):
            base = node.value.attr if isinstance(node.value, ast.Attribute) else node.value.id
            names.add(f"{base}.{node.attr}")
    return names


def test_core_never_reads_the_clock():
    offenders = {p.name: _calls(p) & {"date.today", "datetime.now", "datetime.today", "datetime.utcnow", "time.time"} for p in CORE}
    assert {name: calls for name, calls in offenders.items() if calls} == {}


def test_the_folders_show_the_architecture():
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders == {"core", "external", "site", "renderers", "authoring", "transfer", "cli"}
    assert sorted(p.name for p in PACKAGE.glob("*.py")) == ["__init__.py"]


def test_no_module_imports_another_modules_private_names():
    """A name with a leading underscore may change without notice; what modules share is public."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("samverkan"):
                offenders += [f"{path.relative_to(PACKAGE)}: {a.name}" for a in node.names if a.name.startswith("_") and a.name != "__version__"]
    assert offenders == []
