"""`check` keeps what it found in each file in .cache/check/: a second run reads only what changed,
and finds exactly what a run without the cache finds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import samverkan
from conftest import REPO, TODAY
from samverkan.core import checkcache, fileread
from samverkan.core.checks import CheckOptions
from samverkan.core.runner import run_check
from samverkan.core.schemas import SchemaSet

BROKEN = "---\nid: TST-BROKEN\ntitle: [öppen lista\n---\n\nText.\n"
FLOW = "---\nid: TST-FLOW\nstatus: draft\nareas: [utskrivning]\n---\n\nText.\n"
PERSONAL = "\nPatienten 811218-9801 skrevs ut.\n"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """The example content, plus a file libyaml cannot read, one in flow style and a personal number."""
    for folder in ("routines", "roles", "schema"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    (tmp_path / "routines" / "sip" / "trasig.md").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "routines" / "sip" / "flode.md").write_text(FLOW, encoding="utf-8")
    first = next((tmp_path / "routines").rglob("*.md"))
    first.write_text(first.read_text(encoding="utf-8") + PERSONAL, encoding="utf-8")
    return tmp_path


def personal(root: Path) -> str:
    """The file with a personal number, which is never kept in the cache."""
    return next((root / "routines").rglob("*.md")).relative_to(root).as_posix()


@pytest.fixture
def analysed(monkeypatch) -> list[str]:
    """The files analysed (not taken from the cache), in order."""
    seen: list[str] = []
    real = fileread.analyse

    def counting(rel, kind, data, schemas):  # type: ignore[no-untyped-def]
        seen.append(rel)
        return real(rel, kind, data, schemas)

    monkeypatch.setattr(fileread, "analyse", counting)
    return seen


def check(root: Path, cache: bool = True):  # type: ignore[no-untyped-def]
    return run_check(root, CheckOptions(TODAY), SchemaSet.load(root / "schema"), cache=root / ".cache" / "check" if cache else None)


def same(a, b) -> None:  # type: ignore[no-untyped-def]
    """Everything a report holds, down to the line of every key and the text of every body."""
    assert a.problems == b.problems
    assert a.corpus == b.corpus and a.document_texts == b.document_texts and a.counts == b.counts
    for x, y in zip(a.corpus.documents, b.corpus.documents, strict=True):
        assert (x.body, x.body_line, dict(x.source.lines)) == (y.body, y.body_line, dict(y.source.lines))


def test_a_second_run_reads_no_file_again_and_finds_the_same(tree, analysed):
    cold = check(tree, cache=False)
    count = len(analysed)
    first = check(tree)
    assert len(analysed) == 2 * count and (tree / ".cache" / "check" / checkcache.FILE_NAME).is_file()
    analysed.clear()
    second = check(tree)
    # Only what is never kept is read again: the file with a personal number (its text is masked).
    assert analysed == [personal(tree)] and "811218-9801" not in second.document_texts[analysed[0]]
    assert {p.code for p in cold.problems} >= {"E-YAML", "E-PERSONNUMMER", "W-DRAFT-INCOMPLETE"}
    same(first, cold)
    same(second, cold)


def test_an_edited_file_is_read_again(tree, analysed):
    check(tree)
    edited = tree / "routines" / "sip" / "flode.md"
    edited.write_text(FLOW.replace("areas: [utskrivning]", "areas: [utskrivning, sip]"), encoding="utf-8")
    analysed.clear()
    warm = check(tree)
    assert sorted(analysed) == sorted(["routines/sip/flode.md", personal(tree)])  # and the one never kept
    same(warm, check(tree, cache=False))


def test_another_version_of_the_package_or_the_schemas_trusts_nothing(tree, analysed, monkeypatch):
    check(tree)
    count = len(analysed)
    analysed.clear()
    monkeypatch.setattr(samverkan, "__version__", samverkan.__version__ + ".dev1")
    check(tree)
    assert len(analysed) == count
    analysed.clear()
    schema = tree / "schema" / "document.schema.json"
    schema.write_text(schema.read_text(encoding="utf-8").replace('"title"', '"title" ', 1), encoding="utf-8")
    check(tree)
    assert len(analysed) == count


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: "not a cache\n" + text,
        lambda text: text[: len(text) // 2],
        lambda text: text.replace('"routines/', '["routines/', 1),
        lambda text: text.replace("[true,", "[true, {", 1),
        lambda text: "\ud800".join(text.split("\t", 1)),
    ],
    ids=["foreign header", "cut short", "damaged key", "damaged entry", "not text"],
)
def test_a_damaged_cache_costs_a_reading_never_a_wrong_answer(tree, analysed, damage):
    cold = check(tree, cache=False)
    check(tree)
    cache = tree / ".cache" / "check" / checkcache.FILE_NAME
    cache.write_bytes(damage(cache.read_text(encoding="utf-8")).encode("utf-8", "surrogatepass"))
    analysed.clear()
    same(check(tree), cold)
    assert analysed  # something was read again
    analysed.clear()
    check(tree)
    assert len(analysed) == 1  # and the cache is whole again


def test_a_run_replaces_the_cache_whole_and_leaves_no_temporary_file(tree):
    check(tree)
    (tree / "routines" / "sip" / "flode.md").unlink()
    check(tree)
    folder = tree / ".cache" / "check"
    assert [p.name for p in folder.iterdir()] == [checkcache.FILE_NAME]
    assert "flode.md" not in (folder / checkcache.FILE_NAME).read_text(encoding="utf-8")


def test_a_tree_that_cannot_be_written_is_still_checked(tree, monkeypatch):
    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(checkcache.tempfile, "mkstemp", refuse)
    same(check(tree), check(tree, cache=False))
    assert not (tree / ".cache" / "check" / checkcache.FILE_NAME).exists()


def test_no_cache_leaves_no_cache(tree, run_check):
    status, out, _ = run_check("--no-cache", "--no-base", root=tree)
    assert "Kontrollerade" in out and not (tree / ".cache").exists()
    status_cached, out_cached, _ = run_check("--no-base", root=tree)
    assert (tree / ".cache" / "check" / checkcache.FILE_NAME).is_file()
    assert (status_cached, out_cached) == (status, out) == (status, run_check("--no-base", root=tree)[1])


def test_the_pool_writes_and_reads_the_same_cache(tree, monkeypatch):
    cold = check(tree, cache=False)
    monkeypatch.setattr(fileread, "PARALLEL_FROM", 1)
    same(check(tree), cold)  # the workers write it
    same(check(tree), cold)  # and read it


def test_a_new_version_of_the_markdown_library_reads_every_file_again(monkeypatch):
    before = checkcache.fingerprint(REPO / "schema")
    real = checkcache.metadata.version
    monkeypatch.setattr(checkcache.metadata, "version", lambda name: "99.0" if name == "markdown" else real(name))
    assert checkcache.fingerprint(REPO / "schema") != before
