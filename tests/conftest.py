"""Shared paths and helpers. "Today" is always pinned: nothing here reads the clock."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from samverkan.cli import main

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"
TODAY = dt.date(2026, 12, 1)
"""The pinned date of every test; the example content's lifecycle cases are written against it."""


@pytest.fixture
def run_check(capsys):
    """Run ``samverkan check`` in-process; returns (exit status, stdout, stderr)."""

    def run(*args: str, root: Path = REPO, today: dt.date | None = TODAY) -> tuple[int, str, str]:
        argv = ["check", "--root", str(root), *args]
        if today is not None:
            argv += ["--today", today.isoformat()]
        try:
            status = main(argv)
        except SystemExit as exc:  # argparse exits on usage errors
            status = int(exc.code or 0)
        out, err = capsys.readouterr()
        return status, out, err

    return run


@pytest.fixture
def check_json(run_check):
    def run(*args: str, root: Path = REPO) -> tuple[int, dict]:
        status, out, _ = run_check("--format", "json", *args, root=root)
        return status, json.loads(out)

    return run


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The example content built once with `mkdocs build --strict`, today pinned."""
    from sitebuild import build

    site = tmp_path_factory.mktemp("example-site")
    result = build(REPO / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    """tests/fixtures/hostile_html built once, as a careless or hostile owner's tree would be.

    Not --strict: the point is that even a build that ignores check's errors publishes no
    script. With the local Mermaid when `make install` has fetched it (the organisation chart
    draws names too).
    """
    import shutil

    from sitebuild import build, mini_tree

    tree = mini_tree(tmp_path_factory.mktemp("hostile-tree"), "hostile_html")
    mermaid = REPO / ".cache" / "vendor" / "mermaid.min.js"
    if mermaid.is_file():
        (tree / ".cache" / "vendor").mkdir(parents=True)
        shutil.copy(mermaid, tree / ".cache" / "vendor" / "mermaid.min.js")
    site = tree.parent / "site"
    result = build(tree / "mkdocs.yml", site, strict=False)
    assert result.returncode == 0, result.stderr
    assert "E-HTML" in result.stderr  # the build says what it removed
    (tree.parent / "build.log").write_text(result.stderr, encoding="utf-8")  # for the tests of what the log says
    return site
