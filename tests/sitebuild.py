"""Building sites in tests: the example site once per session, and small sites from fixture trees."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES, REPO, TODAY

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SAMVERKAN_TODAY": TODAY.isoformat()}


def build(config: Path, site: Path, strict: bool = True) -> subprocess.CompletedProcess:
    """``mkdocs build``; ``strict=False`` for a tree with content errors that must still publish safely."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict" if strict else "--no-strict", "--config-file", str(config), "--site-dir", str(site)],
        capture_output=True,
        text=True,
        env=ENV,
    )


def mini_tree(tmp_path: Path, fixture: str = "valid") -> Path:
    """A fixture tree (the valid one unless named) with a minimal mkdocs.yml, docs/ and the project's schemas."""
    tree = tmp_path / "tree"
    shutil.copytree(FIXTURES / fixture, tree)
    shutil.copytree(REPO / "schema", tree / "schema")
    shutil.copytree(REPO / "docs", tree / "docs")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    # PDF copies are tested on the example site; here they would only add seconds per build.
    config = config.replace("      content_dir: .\n", "      content_dir: .\n      downloads: false\n", 1)
    assert "downloads: false" in config
    (tree / "mkdocs.yml").write_text(config, encoding="utf-8")
    return tree
