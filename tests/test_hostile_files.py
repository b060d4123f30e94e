"""Content from a careless or hostile contributor: check names each problem at its file and line,
and nothing outside the content folder, and no personal number, is ever read into the site.

The tree is tests/fixtures/valid with tests/fixtures/hostile_files laid over it. Symbolic links
and file names with control characters are made here in tmp_path, never committed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO
from samverkan.core.checks_files import inside
from samverkan.core.cycles import rings
from samverkan.core.loader import load
from samverkan.core.reserved_ids import reason
from samverkan.core.schemas import SchemaSet
from samverkan.site.pages import attachments
from sitebuild import ENV, mini_tree
from test_check_command import _golden

HOSTILE = FIXTURES / "hostile_files"
SECRET = "root:x:0:0:hemlig rad från byggdatorn"
FULL_NUMBERS = ("811218-9801", "19811218-9801", "8112189801", "811218+9801", "198112189801")


@pytest.fixture
def hostile(tmp_path) -> Path:
    tree = tmp_path / "innehall"
    shutil.copytree(FIXTURES / "valid", tree)
    shutil.copytree(HOSTILE / "routines", tree / "routines", dirs_exist_ok=True)
    shutil.copytree(HOSTILE / "roles", tree / "roles", dirs_exist_ok=True)
    return tree


@pytest.fixture
def outside(tmp_path) -> Path:
    """A file and a folder beside the content folder, standing in for /etc/passwd and /etc."""
    folder = tmp_path / "utanfor"
    folder.mkdir()
    (folder / "passwd").write_text(SECRET + "\n", encoding="utf-8")
    (folder / "bild.png").write_text(SECRET + "\n", encoding="utf-8")
    return folder


def problems(tree: Path) -> list[tuple[str, int, str]]:
    loaded = load(tree, SchemaSet.load(REPO / "schema"))
    return [(p.path, p.line, p.code) for p in loaded.problems]


def test_check_names_every_hostile_file_at_its_line(run_check, hostile):
    status, out, err = run_check(root=hostile)
    assert status == 1 and err == ""
    _golden("check-hostile.txt", out)


def test_check_never_prints_a_personal_number_in_full(run_check, hostile):
    status, out, _ = run_check("--format", "json", root=hostile)
    assert out.count("E-PERSONNUMMER") == 6  # five spellings in the document, one in a role's assignment
    assert not [number for number in FULL_NUMBERS if number in out]


def test_a_file_that_is_not_utf8_gives_one_error_and_no_unknown_references(run_check, hostile):
    status, out, _ = run_check(root=hostile)
    assert "latin1.md:6: E-FILE filen är sparad med en äldre teckenkodning, inte UTF-8" in out and "tecken 2 på raden" in out  # the å of "Vårdplanering"
    assert "TST-004" not in out  # patientfall.md refers to it: not an 'okänt dokument'
    assert out.count("latin1.md") == 1


def test_reporting_rings_are_found_once_each_whatever_their_length():
    assert list(rings({"a": "a"})) == [("a",)]
    assert sorted(rings({"a": "b", "b": "c", "c": "a", "d": "a", "e": "f"})) == [("a", "b", "c")]
    assert list(rings({"a": "b", "b": "c"})) == []


@pytest.mark.parametrize(
    "item_id, refused",
    [
        ("index", True),
        ("INDEX", True),
        ("EXL-UTS-001.pdf", True),
        ("feed.xml", True),
        ("con", True),
        ("nul.txt", True),
        ("slutar-med-punkt.", True),
        ("EXL-UTS-001", False),
        ("processledare", False),
        ("v2.1-rutin", False),
        ("indexering", False),
    ],
)
def test_ids_that_would_replace_a_generated_page_or_break_a_checkout_are_reserved(item_id, refused):
    assert (reason(item_id) is not None) is refused


def test_a_document_that_is_a_link_out_of_the_content_folder_is_neither_read_nor_published(hostile, outside):
    link = hostile / "routines" / "utskrivning" / "lankad.md"
    link.symlink_to(outside / "passwd")
    found = problems(hostile)
    assert ("routines/utskrivning/lankad.md", 0, "E-OUTSIDE") in found
    assert not [p for p in found if p[0] == "routines/utskrivning/lankad.md" and p[2] != "E-OUTSIDE"]
    loaded = load(hostile, SchemaSet.load(REPO / "schema"))
    assert "routines/utskrivning/lankad.md" not in loaded.document_texts


def test_attachments_that_lead_out_are_reported_and_never_copied(hostile, outside):
    folder = hostile / "routines" / "utskrivning" / "rutin"
    folder.mkdir()
    (folder / "bilaga.pdf").symlink_to(outside / "passwd")
    (folder / "flodesschema.png").write_bytes(b"\x89PNG\r\n")
    (hostile / "routines" / "utskrivning" / "utkast").symlink_to(outside, target_is_directory=True)
    # A link that stays inside the content folder is fine.
    (folder / "samma-bild.png").symlink_to(folder / "flodesschema.png")

    found = problems(hostile)
    assert ("routines/utskrivning/rutin/bilaga.pdf", 0, "E-OUTSIDE") in found
    assert ("routines/utskrivning/utkast", 0, "E-OUTSIDE") in found
    assert not [p for p in found if "flodesschema" in p[0] or "samma-bild" in p[0]]

    corpus = load(hostile, SchemaSet.load(REPO / "schema")).corpus
    published = list(attachments(hostile, corpus.documents))
    copied = sorted(item[1] for item in published if isinstance(item, tuple))
    assert copied == ["dokument/rutin/flodesschema.png", "dokument/rutin/samma-bild.png"]
    assert [item for item in published if isinstance(item, str)] == []  # the loader has reported them
    assert inside(hostile, folder / "samma-bild.png") and not inside(hostile, folder / "bilaga.pdf")


def test_a_link_out_is_reported_by_its_path_alone_since_it_has_no_lines(run_check, hostile, outside):
    (hostile / "routines" / "utskrivning" / "bilaga.pdf").symlink_to(outside / "passwd")
    _, out, _ = run_check(root=hostile)
    assert "\nroutines/utskrivning/bilaga.pdf: E-OUTSIDE filen är en länk till något utanför arkivet" in out
    _, out, _ = run_check("--format", "github", root=hostile)
    assert "::error file=routines/utskrivning/bilaga.pdf,title=E-OUTSIDE::filen är en länk" in out


def test_a_content_folder_that_is_itself_a_link_out_gives_one_error(tmp_path, outside):
    tree = tmp_path / "kort"
    (tree / "roles").mkdir(parents=True)
    (tree / "routines").symlink_to(outside, target_is_directory=True)
    assert problems(tree) == [("routines", 0, "E-OUTSIDE")]


def test_a_line_break_in_a_file_name_is_refused_on_one_output_line(run_check, hostile):
    (hostile / "routines" / "utskrivning" / "ny\nrad.md").write_text("---\nid: TST-009\n---\n", encoding="utf-8")
    (hostile / "routines" / "utskrivning" / "tabb\tbild.png").write_bytes(b"\x89PNG\r\n")
    status, out, _ = run_check(root=hostile)
    assert "routines/utskrivning/ny\\nrad.md: E-FILENAME filnamnet innehåller ett osynligt tecken, till exempel en radbrytning" in out
    assert "routines/utskrivning/tabb\\tbild.png: E-FILENAME" in out
    assert "TST-009" not in out  # not read at all


def test_a_file_named_with_a_personal_number_is_reported_masked_and_not_read(run_check, hostile):
    folder = hostile / "routines" / "utskrivning" / "rutin"
    folder.mkdir()
    (folder / "remiss-811218-9801.pdf").write_bytes(b"%PDF-1.4\n")
    status, out, _ = run_check(root=hostile)
    assert "routines/utskrivning/rutin/remiss-81xxxx-xxxx.pdf: E-PERSONNUMMER filnamnet innehåller" in out
    assert "9801" not in out
    corpus = load(hostile, SchemaSet.load(REPO / "schema")).corpus
    assert [item for item in attachments(hostile, corpus.documents) if isinstance(item, tuple)] == []


def test_a_build_that_ignores_errors_still_publishes_no_outside_file_and_no_personal_number(tmp_path, outside):
    tree = mini_tree(tmp_path)
    shutil.copy(HOSTILE / "routines" / "utskrivning" / "patientfall.md", tree / "routines" / "utskrivning")
    shutil.copy(HOSTILE / "roles" / "samordnare.yml", tree / "roles")
    folder = tree / "routines" / "utskrivning" / "rutin"
    folder.mkdir()
    (folder / "bilaga.pdf").symlink_to(outside / "passwd")
    routine = tree / "routines" / "utskrivning" / "rutin.md"
    routine.write_text(routine.read_text(encoding="utf-8") + "\nSe [bilagan](rutin/bilaga.pdf).\n", encoding="utf-8")
    (tree / "docs" / "assets" / "hemlig.txt").symlink_to(outside / "passwd")  # the hand-written pages too
    guide = tree / "docs" / "for-dokumentagare.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\nExempel: 19811218-9801.\n", encoding="utf-8")
    # patientfall.md refers to the Latin-1 document, which is not part of this tree.
    text = (tree / "routines/utskrivning/patientfall.md").read_text(encoding="utf-8")
    (tree / "routines/utskrivning/patientfall.md").write_text(text.replace("  - document: TST-004\n", ""), encoding="utf-8")
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--no-strict", "--config-file", str(tree / "mkdocs.yml"), "--site-dir", str(site)],
        capture_output=True,
        text=True,
        env=ENV,
    )
    assert result.returncode == 0, result.stderr
    assert "E-PERSONNUMMER" in result.stderr and "E-OUTSIDE" in result.stderr
    assert (site / "dokument" / "TST-003" / "index.html").is_file()
    assert not (site / "dokument" / "rutin" / "bilaga.pdf").exists()
    assert "docs/assets/hemlig.txt: E-OUTSIDE" in result.stderr and not (site / "assets" / "hemlig.txt").exists()
    # The link to the refused attachment: one Swedish error, no English warning, no dead link on the page.
    assert "E-LINK länken 'rutin/bilaga.pdf'" in result.stderr and "bilaga.pdf', but" not in result.stderr
    assert "bilaga.pdf" not in (site / "dokument" / "TST-001" / "index.html").read_text(encoding="utf-8")
    leaks = []
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            leaks += [f"{path}: {n}" for n in FULL_NUMBERS if n.encode() in data]
            leaks += [str(path)] if SECRET.encode() in data else []
    assert leaks == []
    page = (site / "dokument" / "TST-003" / "index.html").read_text(encoding="utf-8")
    assert "81xxxx-xxxx" in page and "010-123 45 67" in page  # masked, and the phone number left alone


def test_the_example_content_has_no_personal_numbers_and_no_reserved_ids(check_json):
    status, report = check_json(root=REPO)
    codes = {p["code"] for p in report["problems"]}
    assert status == 0 and not codes & {"E-PERSONNUMMER", "E-RESERVED-ID", "E-CYCLE", "E-OUTSIDE", "E-FILENAME"}
