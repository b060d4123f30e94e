"""The site's PDF and Word copies: made several at once and kept by content."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import FIXTURES, REPO, TODAY
from samverkan.core.loader import load
from samverkan.core.schemas import SchemaSet
from samverkan.external import pandoc
from samverkan.site.build import site_files
from samverkan.site.context import SiteContext
from samverkan.site.downloads import PRUNE_LOCK, BackgroundCopies, DownloadCache


@pytest.fixture(scope="module")
def loaded():
    return load(FIXTURES / "valid", SchemaSet.load(REPO / "schema"))


def _cache(loaded, tmp_path) -> DownloadCache:
    return DownloadCache(loaded.corpus, TODAY, 90, loaded.document_texts, FIXTURES / "valid", tmp_path / "cache")


def test_without_making_missing_copies_only_cached_ones_are_published_and_the_rest_are_listed(loaded, tmp_path):
    cache = _cache(loaded, tmp_path)
    assert list(cache.files(("docx",), make_missing=False)) == []
    assert sorted(name for _, name, _, _ in cache.missing(("docx",))) == sorted(d.id for d in loaded.corpus.documents)


def test_copies_made_together_are_all_published_and_a_second_build_makes_none(loaded, tmp_path, monkeypatch):
    try:
        pandoc.pandoc_path()
    except pandoc.PandocMissing as exc:
        pytest.skip(str(exc))
    cache = _cache(loaded, tmp_path)
    made = dict(cache.files(("docx",)))  # type: ignore[arg-type]
    assert sorted(made) == sorted(f"dokument/{d.id}.docx" for d in loaded.corpus.documents)
    assert all(copy.read_bytes().startswith(b"PK") for copy in made.values())
    assert cache.missing(("docx",)) == []

    def no_pandoc(*args, **kwargs):
        raise AssertionError("a cached copy was made again")

    monkeypatch.setattr(pandoc, "from_ast", no_pandoc)
    assert dict(_cache(loaded, tmp_path).files(("docx",))) == made  # type: ignore[arg-type]


def _stale_files(folder) -> list:
    folder.mkdir(parents=True, exist_ok=True)
    stale = [folder / "GONE-001-0123456789abcdef01234567.docx", folder / ".GONE-001.docx.a1B2c3D4.tmp"]
    for path in stale:
        path.write_bytes(b"old")
    return stale


def test_a_build_prunes_the_copies_it_did_not_ask_for_and_keeps_what_it_does_not_own(loaded, tmp_path):
    try:
        pandoc.pandoc_path()
    except pandoc.PandocMissing as exc:
        pytest.skip(str(exc))
    stale = _stale_files(tmp_path / "cache")
    unknown = tmp_path / "cache" / "LÄSMIG.txt"
    unknown.write_text("en fil som inte är en kopia\n", encoding="utf-8")
    pdf = tmp_path / "cache" / "GONE-001-0123456789abcdef01234567.pdf"  # a format this build cannot make here
    pdf.write_bytes(b"%PDF")
    cache = _cache(loaded, tmp_path)
    made = dict(cache.files(("docx",)))  # type: ignore[arg-type]
    assert cache.prune() == sorted(stale)
    assert not any(path.exists() for path in stale) and unknown.exists() and pdf.exists()
    assert dict(_cache(loaded, tmp_path).files(("docx",), make_missing=False)) == made  # type: ignore[arg-type]


def test_while_another_process_uses_the_cache_a_build_prunes_nothing(loaded, tmp_path):
    stale = _stale_files(tmp_path / "cache")
    # Another process (a preview, say) holding the cache folder as every user of the cache does.
    preview = subprocess.Popen(
        [sys.executable, "-c", HOLD_SHARED, str(tmp_path / "cache")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert preview.stdout.readline() == "held\n"  # type: ignore[union-attr]
        cache = _cache(loaded, tmp_path)
        assert cache.missing(("docx",))  # asked for nothing the cache holds: all of it is stale
        assert cache.prune() == []
        assert all(path.exists() for path in stale)
    finally:
        preview.communicate("")
    assert cache.prune() == sorted(stale)  # the preview has stopped


HOLD_SHARED = "import fcntl, os, sys; fcntl.flock(os.open(sys.argv[1], os.O_RDONLY), fcntl.LOCK_SH); print('held', flush=True); sys.stdin.read()"
HOLD_GATE = "import fcntl, sys; gate = open(sys.argv[1], 'a'); fcntl.flock(gate, fcntl.LOCK_EX); print('held', flush=True); sys.stdin.read()"
TRY_EXCLUSIVE = "import fcntl, os, sys; fcntl.flock(os.open(sys.argv[1], os.O_RDONLY), fcntl.LOCK_EX | fcntl.LOCK_NB)"


def test_while_another_build_prunes_a_build_prunes_nothing_and_stays_a_user(loaded, tmp_path):
    stale = _stale_files(tmp_path / "cache")
    # Another build in the middle of its prune: it holds the gate, and has let go of its shared lock
    # on the folder for a moment. Were this build to prune now, it would remove that build's copies.
    other = subprocess.Popen(
        [sys.executable, "-c", HOLD_GATE, str(tmp_path / "cache" / PRUNE_LOCK)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert other.stdout.readline() == "held\n"  # type: ignore[union-attr]
        cache = _cache(loaded, tmp_path)
        assert cache.missing(("docx",))
        assert cache.prune() == []
        assert all(path.exists() for path in stale)
    finally:
        other.communicate("")
    # Refused or done, the prune leaves this build holding the folder as a user: no other build
    # can take it exclusively.
    assert subprocess.run([sys.executable, "-c", TRY_EXCLUSIVE, str(tmp_path / "cache")], capture_output=True).returncode != 0
    assert cache.prune() == sorted(stale)
    assert subprocess.run([sys.executable, "-c", TRY_EXCLUSIVE, str(tmp_path / "cache")], capture_output=True).returncode != 0


def test_the_site_build_prunes_the_cache_and_the_preview_does_not(loaded, tmp_path):
    try:
        pandoc.pandoc_path()
    except pandoc.PandocMissing as exc:
        pytest.skip(str(exc))
    ctx = SiteContext(today=TODAY, downloads=("docx",))
    stale = _stale_files(tmp_path / "cache")
    later = BackgroundCopies(tmp_path / "site", lambda message: None)
    list(site_files(FIXTURES / "valid", loaded.corpus, ctx, loaded.document_texts, tmp_path / "cache", None, later))
    later.wait()
    assert all(path.exists() for path in stale)
    list(site_files(FIXTURES / "valid", loaded.corpus, ctx, loaded.document_texts, tmp_path / "cache", None))
    assert not any(path.exists() for path in stale)
    assert len(list((tmp_path / "cache").glob("*.docx"))) == len(loaded.corpus.documents)
