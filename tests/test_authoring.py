"""`samverkan new`, `revise` and `approve`: edits keep every byte they do not concern.

Round-trip edits are checked hunk by hunk against the original file: everything outside
the listed hunks must be identical, and the hunks must be exactly the lines listed. The
fixtures in tests/fixtures/authoring/ have comments, 'single', "double" and plain quoting,
flow and block lists at both indentations, keys in unusual order and bodies with --- lines.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, REPO, TODAY
from samverkan.authoring import operations as authoring
from samverkan.authoring.frontmatter_edit import FrontMatterEditor, FrontMatterError
from samverkan.authoring.operations import AuthoringError
from samverkan.cli import main
from samverkan.core.yamlsource import parse_front_matter

AUTHORING = FIXTURES / "authoring"
VALID = FIXTURES / "valid"


def fixture(name: str) -> str:
    return (AUTHORING / name).read_bytes().decode("utf-8")


def hunks(before: str, after: str) -> list[tuple[int, list[str], list[str]]]:
    """(line, removed lines, added lines) for each change; ``line`` is the 1-based line of the
    original where the change starts (an insertion goes before it); lines keep their endings."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    return [(i1 + 1, old[i1:i2], new[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


# Front matter editing


def test_no_edits_gives_the_same_bytes():
    for path in [*AUTHORING.glob("*.md"), *REPO.glob("routines/*/*.md")]:
        text = path.read_bytes().decode("utf-8")
        assert FrontMatterEditor(text, path.name).text() == text, path


def test_revise_keeps_comments_and_inserts_at_the_top_when_newest_is_first():
    before = fixture("kommentarer.md")
    result = authoring.revise(before, summary="Ändrat: nytt avsnitt om kallelser.", today=TODAY, valid_months=12)
    assert hunks(before, result.text) == [
        (6, ["revision: 3                     # revisionsnummer\n"], ["revision: 4                     # revisionsnummer\n"]),
        (9, ["valid_until: 2028-02-29         # giltigt t.o.m.\n"], ["valid_until: 2027-11-30         # giltigt t.o.m.\n"]),
        # after the comment that heads the list (line 27), before the old newest entry
        (28, [], lines("  - revision: 4\n    date: 2026-12-01\n    summary: 'Ändrat: nytt avsnitt om kallelser.'\n")),
    ]
    assert before.index("  # nyaste först\n  - revision: 3\n") > 0
    assert "  # nyaste först\n  - revision: 4\n" in result.text
    assert result.revision == 4 and result.needs_decision and result.valid_until_changed


def test_editorial_flag_is_written_only_when_asked():
    before = fixture("kommentarer.md")
    editorial = authoring.revise(before, summary="Rättade en länk.", today=TODAY, editorial=True)
    assert hunks(before, editorial.text) == [
        (6, ["revision: 3                     # revisionsnummer\n"], ["revision: 4                     # revisionsnummer\n"]),
        (28, [], lines("  - revision: 4\n    date: 2026-12-01\n    summary: Rättade en länk.\n    editorial: true\n")),
    ]
    assert not editorial.needs_decision and not editorial.valid_until_changed
    plain = authoring.revise(before, summary="Rättade en länk.", today=TODAY)
    assert "editorial" not in "".join(added for _, _, new in hunks(before, plain.text) for added in new)
    assert parse_front_matter(plain.text, "x").data["changelog"][0] == {"revision": 4, "date": "2026-12-01", "summary": "Rättade en länk."}


def test_quoting_unusual_key_order_and_dash_at_key_indent():
    before = fixture("citattecken.md")
    result = authoring.revise(before, summary="Nytt avsnitt.", today=TODAY, valid_months=12)
    assert hunks(before, result.text) == [
        # oldest first, so at the bottom: after the last entry, before the blank line and the
        # comment that head the next field; keys in the order of the first entry, dash at column 0
        (10, [], lines("- revision: 3\n  date: 2026-12-01\n  summary: Nytt avsnitt.\n")),
        (15, ["revision: 2\n"], ["revision: 3\n"]),
        (23, ['valid_until: "2027-12-31"\n'], ['valid_until: "2027-11-30"\n']),  # stays "double"
    ]


def test_approve_keeps_single_quotes_and_places_new_fields_after_owner():
    before = fixture("citattecken.md")
    result = authoring.approve(before, forum="chefsgrupp", date=TODAY, reference="Protokoll 2026-12-01 § 3")
    assert hunks(before, result.text) == [
        (14, ["status: 'draft'\n"], ["status: 'approved'\n"]),
        (23, [], lines("approved_by: chefsgrupp\ndecision:\n  date: 2026-12-01\n  reference: Protokoll 2026-12-01 § 3\n")),
    ]
    assert result.text.index("approved_by:") > result.text.index("owner: {role: processledare")
    assert result.decision_before_change is None


def test_approve_changes_only_the_decision_lines_and_keeps_their_comments():
    before = fixture("kommentarer.md")
    result = authoring.approve(before, forum="chefsgrupp", date=dt.date(2026, 12, 10), reference="Protokoll 2026-12-10 § 4")
    assert hunks(before, result.text) == [
        (
            15,
            lines("  date: 2026-02-12              # beslutsdatum\n  reference: Protokoll 2026-02-12 § 6\n"),
            lines("  date: 2026-12-10              # beslutsdatum\n  reference: Protokoll 2026-12-10 § 4\n"),
        )
    ]


def test_flow_sequences_keep_their_spacing_unless_edited():
    before = fixture("flodeslista.md")
    result = authoring.revise(before, summary="Förlängd.", today=TODAY)
    assert hunks(before, result.text) == [
        (5, ["revision: 1\n"], ["revision: 2\n"]),
        # expires within 90 days: review_interval_months (12) from today
        (8, ["valid_until: 2026-12-31\n"], ["valid_until: 2027-11-30\n"]),
        (
            17,
            ["changelog: [{revision: 1, date: 2026-05-01, summary: Första utkastet.}]\n"],
            ["changelog: [{revision: 1, date: 2026-05-01, summary: Första utkastet.}, {revision: 2, date: 2026-12-01, summary: Förlängd.}]\n"],
        ),
    ]
    assert "applies_to: [ region-test,kommun-test ]\n" in result.text
    assert "references:\n  -\n    document: TST-001\n" in result.text


def test_crlf_line_endings_are_kept_on_old_and_new_lines():
    before = fixture("kommentarer.md").replace("\n", "\r\n")
    result = authoring.revise(before, summary="Nytt.", today=TODAY, valid_months=24)
    after = result.text
    assert after.count("\n") == after.count("\r\n")
    assert hunks(before, after) == [
        (6, ["revision: 3                     # revisionsnummer\r\n"], ["revision: 4                     # revisionsnummer\r\n"]),
        (9, ["valid_until: 2028-02-29         # giltigt t.o.m.\r\n"], ["valid_until: 2028-11-30         # giltigt t.o.m.\r\n"]),
        (28, [], ["  - revision: 4\r\n", "    date: 2026-12-01\r\n", "    summary: Nytt.\r\n"]),
    ]
    approved = authoring.approve(before, forum="chefsgrupp", date=TODAY, reference="P § 1").text
    assert approved.count("\n") == approved.count("\r\n")


def test_body_with_dashes_is_untouched():
    before = fixture("kommentarer.md")
    body = before[before.index("## Syfte") :]
    assert "\n---\n" in body and "\n...\n" in body
    after = authoring.revise(before, summary="Nytt.", today=TODAY).text
    assert after.endswith(body)
    before = fixture("citattecken.md")
    body = before[before.index("Text med en rad") :]
    assert authoring.approve(before, forum="chefsgrupp", date=TODAY, reference="P § 1").text.endswith(body)


def test_dash_on_its_own_line_falls_back_to_rendering_the_list():
    before = "---\nid: A-1\nrevision: 1\nvalid_until: 2028-01-01\nchangelog:\n  -\n    revision: 1\n    date: 2026-01-01\n    summary: Ett.\ntitle: T\n---\nText.\n"
    after = authoring.revise(before, summary="Två.", today=TODAY).text
    data = parse_front_matter(after, "x").data
    assert data["changelog"][-1] == {"revision": 2, "date": "2026-12-01", "summary": "Två."}
    assert data["changelog"][0] == {"revision": 1, "date": "2026-01-01", "summary": "Ett."}
    assert after.startswith("---\nid: A-1\nrevision: 2\nvalid_until: 2028-01-01\nchangelog:\n") and after.endswith("title: T\n---\nText.\n")


def test_dates_stay_unquoted_and_never_become_anchors():
    before = "---\nid: A-1\nrevision: 1\nvalid_from: 2026-12-01\nvalid_until: 2027-01-01\nchangelog:\n  - revision: 1\n    date: 2026-12-01\n    summary: Ett.\n---\n"
    after = authoring.revise(before, summary="Två.", today=TODAY).text
    assert "&" not in after and "*" not in after
    assert "valid_until: 2028-11-30\n" in after and "    date: 2026-12-01\n    summary: Två.\n" in after


@pytest.mark.parametrize(
    "text, words",
    [
        ("---\nid: A\n  title: [\n---\n", "går inte att läsa"),
        ("---\nid: A\nid: B\n---\n", "står två gånger"),
        ("id: A\n", "---"),
        ("---\nid: A\n", "avslutas aldrig"),
    ],
)
def test_unreadable_front_matter_is_refused(text, words):
    with pytest.raises(AuthoringError, match=words):
        authoring.revise(text, summary="x", today=TODAY)


def test_verification_stops_an_edit_that_would_read_back_wrong(monkeypatch):
    # Simulate a rendering bug: every piece ruamel renders loses its last line.
    original = FrontMatterEditor._dump
    monkeypatch.setattr(FrontMatterEditor, "_dump", lambda self, value: "".join(original(self, value).splitlines(True)[:-1]))
    with pytest.raises(AuthoringError, match="kan inte göras säkert"):
        authoring.revise(fixture("kommentarer.md"), summary="Nytt.", today=TODAY)
    with pytest.raises(FrontMatterError, match="Filen har inte ändrats"):
        editor = FrontMatterEditor(fixture("kommentarer.md"))
        editor.add_item("changelog", {"revision": 4, "date": TODAY, "summary": "x"}, at_start=True)
        editor.text()


def test_a_list_that_text_splicing_cannot_extend_is_rendered_by_ruamel():
    # The last entry keeps its trailing blank line (|+): appending after the last non-blank
    # line would move that blank line out of the summary, so the whole list is re-rendered.
    before = "---\nid: A-1\nrevision: 1\nvalid_until: 2028-01-01\nchangelog:\n  - revision: 1\n    date: 2026-01-01\n    summary: |+\n      Ett.\n\ntitle: T\n---\nText.\n"
    after = authoring.revise(before, summary="Två.", today=TODAY).text
    assert parse_front_matter(after, "x").data["changelog"] == [
        {"revision": 1, "date": "2026-01-01", "summary": "Ett.\n\n"},
        {"revision": 2, "date": "2026-12-01", "summary": "Två."},
    ]
    assert after.endswith("title: T\n---\nText.\n")


def test_every_example_document_revises_with_only_the_expected_lines(tmp_path):
    for path in sorted(REPO.glob("routines/*/*.md")):
        before = path.read_text(encoding="utf-8")
        data = parse_front_matter(before, path.name).data
        result = authoring.revise(before, summary="Ny kontaktväg.", today=TODAY, valid_months=24)
        changes = hunks(before, result.text)
        revision = data["revision"]
        closing_fence = before.splitlines().index("---", 1) + 1  # changelog is the last field
        assert changes[0] == (6, [f"revision: {revision}\n"], [f"revision: {revision + 1}\n"]), path
        assert changes[1] == (9, [f"valid_until: {data['valid_until']}\n"], ["valid_until: 2028-11-30\n"]), path
        assert changes[2] == (closing_fence, [], lines(f"  - revision: {revision + 1}\n    date: 2026-12-01\n    summary: Ny kontaktväg.\n")), path
        assert len(changes) == 3, path


# Pure helpers


def test_field_order_is_the_schema_order():
    schema = json.loads((REPO / "schema" / "document.schema.json").read_text(encoding="utf-8"))
    assert authoring.FIELD_ORDER == tuple(schema["properties"])


def test_slugs_and_area_folders():
    assert authoring.area_folder("psykisk hälsa") == "psykisk-halsa"
    assert authoring.area_folder("IT-stöd") == "it-stod"
    assert authoring.area_folder("äldre") == "aldre"
    assert authoring.slugify("Rutin för samordnad individuell plan (SIP)") == "rutin-for-samordnad-individuell-plan-sip"
    long = authoring.slugify("Överenskommelse " * 10)
    assert len(long) <= 80 and not long.endswith("-") and long.startswith("overenskommelse-overenskommelse")
    assert list(zip(range(3), authoring.file_names("a"), strict=False)) == [(0, "a.md"), (1, "a-2.md"), (2, "a-3.md")]


def test_validity_end_is_the_last_day_in_force():
    assert authoring.validity_end(dt.date(2026, 3, 1), 24) == dt.date(2028, 2, 29)
    assert authoring.validity_end(TODAY, 24) == dt.date(2028, 11, 30)
    assert authoring.validity_end(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 27)


EXAMPLE_IDS = [
    ("EXL-SIP-001", "sip"),
    ("EXL-SIP-003", "sip"),
    ("EXL-SIP-002", "barn-och-unga"),
    ("EXL-STR-001", "samverkansstruktur"),
    ("EXL-STR-002", "samverkansstruktur"),
    ("EXL-IT-001", "it-stod"),
    ("09-412377", "it-stod"),
    ("EXL-LAK-007", None),  # a document that fails validation: no folder known
]


@pytest.mark.parametrize(
    "folder, area, expected",
    [
        ("sip", "SIP", "EXL-SIP-004"),  # max in the series + 1
        ("barn-och-unga", "barn och unga", "EXL-SIP-004"),  # the folder's own series
        ("it-stod", "IT-stöd", "EXL-IT-002"),  # legacy ids are not a series
        ("lakemedel", "läkemedel", "EXL-LAK-008"),  # new folder: org prefix + area code; invalid docs count
        ("psykisk-halsa", "psykisk hälsa", "EXL-PSY-001"),
        ("stress", "stress", "EXL-STRE-001"),  # STR is samverkansstruktur's series
    ],
)
def test_next_id_follows_the_series(folder, area, expected):
    assert authoring.next_id(EXAMPLE_IDS, folder, area) == expected


def test_next_id_in_projects_without_area_codes_or_ids():
    assert authoring.next_id([("TST-001", "utskrivning"), ("TST-0041", "sip")], "aldre", "äldre") == "TST-0042"
    assert authoring.next_id([], "sip", "SIP") == "DOK-SIP-001"
    assert authoring.next_id([("EXL-SIP-009", "sip"), ("EXL-SIP-010", None)], "sip", "SIP") == "EXL-SIP-011"


def test_new_document_is_a_valid_draft():
    text = authoring.new_document(
        doc_id="TST-003",
        doc_type=authoring.parse_type("riktlinje"),
        title="Riktlinje: 'fast' vårdkontakt # 2",
        area="SIP",
        owner_role="processledare",
        owner_contact="a@b.example",
        applies_to=["region-test", "kommun-test"],
        today=TODAY,
        review_months=24,
    )
    assert text.startswith("---\n# yaml-language-server: $schema=../../schema/document.schema.json\nid: TST-003\n")
    data = parse_front_matter(text, "x").data
    assert data["title"] == "Riktlinje: 'fast' vårdkontakt # 2"
    assert data["type"] == "guideline" and data["status"] == "draft" and data["revision"] == 1
    assert (data["valid_from"], data["valid_until"]) == ("2026-12-01", "2028-11-30")
    assert data["changelog"] == [{"revision": 1, "date": "2026-12-01", "summary": "Första versionen."}]
    for heading in ("## Syfte", "## Ansvar", "## Arbetsgång", "## Uppföljning"):
        assert f"\n{heading}\n" in text


def test_revise_refuses_what_it_cannot_number():
    text = fixture("kommentarer.md")
    with pytest.raises(AuthoringError, match="redan en rad för revision 3"):
        authoring.revise(text.replace("revision: 3    ", "revision: 2    ", 1), summary="x", today=TODAY)
    with pytest.raises(AuthoringError, match="mellan 1 och 120"):
        authoring.revise(text, summary="x", today=TODAY, valid_months=0)
    with pytest.raises(AuthoringError, match="får inte vara tom"):
        authoring.revise(text, summary="  ", today=TODAY)


def test_approve_refuses_withdrawn_and_flags_an_old_decision():
    text = fixture("kommentarer.md")
    with pytest.raises(AuthoringError, match="upphävt"):
        authoring.approve(text.replace("status: approved ", "status: withdrawn", 1), forum="chefsgrupp", date=TODAY, reference="P")
    revised = authoring.revise(text, summary="Sakändring.", today=TODAY).text
    late = authoring.approve(revised, forum="chefsgrupp", date=dt.date(2026, 11, 1), reference="P § 1")
    assert late.decision_before_change == TODAY


# The commands


@pytest.fixture
def tree(tmp_path) -> Path:
    """A copy of tests/fixtures/valid with the authoring fixtures as documents."""
    root = tmp_path / "innehall"
    shutil.copytree(VALID, root)
    (root / "routines" / "sip").mkdir()
    for name in ("kommentarer.md", "citattecken.md", "flodeslista.md"):
        shutil.copyfile(AUTHORING / name, root / "routines" / "sip" / name)
    return root


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run ``samverkan`` in-process with stdin that is not a terminal; returns (status, out, err)."""
    monkeypatch.setattr("sys.stdin", io.StringIO(""))

    def run(*argv: str, root: Path) -> tuple[int, str, str]:
        try:
            status = main([*argv, "--root", str(root), "--today", TODAY.isoformat()])
        except SystemExit as exc:
            status = int(exc.code or 0)
        out, err = capsys.readouterr()
        return status, out, err

    return run


def check_is_clean(run_check, root: Path) -> None:
    status, out, _ = run_check(root=root)
    assert status == 0, out
    assert "Inga problem hittades." in out, out


def test_new_creates_a_draft_that_passes_check(tree, cli, run_check):
    status, out, err = cli("new", "rutin", "Rutin för trygg hemgång", "--area", "utskrivning", "--owner", "processledare", "--contact", "ut@region-test.example", root=tree)
    assert (status, err) == (0, "")
    path = tree / "routines" / "utskrivning" / "rutin-for-trygg-hemgang.md"
    # the utskrivning folder's series is TST-; TST-012 (in sip/) is the highest in it
    assert out.startswith("Skapade utkastet routines/utskrivning/rutin-for-trygg-hemgang.md med id TST-013.")
    data = parse_front_matter(path.read_text(encoding="utf-8"), "x").data
    assert data["id"] == "TST-013" and data["applies_to"] == ["region-test", "kommun-test"]  # region first
    assert data["owner"] == {"role": "processledare", "contact": "ut@region-test.example"}
    check_is_clean(run_check, tree)


def test_new_never_overwrites_and_gives_unique_ids(tree, cli, run_check):
    existing = tree / "routines" / "utskrivning" / "rutin-for-trygg-hemgang.md"
    existing.write_text("en annan fil\n", encoding="utf-8")
    args = ("new", "routine", "Rutin för trygg hemgång", "--area", "utskrivning", "--owner", "processledare", "--contact", "a@b.example")
    status, out, _ = cli(*args, root=tree)
    assert status == 0 and "rutin-for-trygg-hemgang-2.md med id TST-013" in out
    status, out, _ = cli(*args, root=tree)
    assert status == 0 and "rutin-for-trygg-hemgang-3.md med id TST-014" in out
    assert existing.read_text(encoding="utf-8") == "en annan fil\n"
    ids = [parse_front_matter(p.read_text(encoding="utf-8"), "x").data["id"] for p in existing.parent.glob("rutin-for-trygg-hemgang-*.md")]
    assert sorted(ids) == ["TST-013", "TST-014"]
    assert not list(tree.rglob(".*.tmp"))
    existing.unlink()
    check_is_clean(run_check, tree)


def test_new_asks_for_the_owner_on_a_terminal(tree, capsys, monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal("processledare\nsip@region-test.example\n"))
    status = main(["new", "rutin", "Rutin för SIP-möten", "--area", "SIP", "--root", str(tree), "--today", TODAY.isoformat()])
    out = capsys.readouterr().out
    assert status == 0
    assert "Dokumentägarens roll" in out and "Funktionsbrevlåda" in out
    data = parse_front_matter((tree / "routines" / "sip" / "rutin-for-sip-moten.md").read_text(encoding="utf-8"), "x").data
    assert data["owner"] == {"role": "processledare", "contact": "sip@region-test.example"}
    assert data["id"] == "TST-013"  # the sip folder's series is TST-, highest there is TST-012


@pytest.mark.parametrize(
    "argv, message",
    [
        (("new", "rutin", "X", "--area", "SIP"), "uppgift saknas: ange dokumentägarens roll med --owner och en funktionsbrevlåda för frågor om dokumentet med --contact"),
        (("new", "rutin", "X", "--area", "SIP", "--owner", "processledare"), "ange en funktionsbrevlåda för frågor om dokumentet med --contact"),
        (("new", "rutin", "X", "--owner", "processledare", "--contact", "a@b.example"), "ange dokumentets område med --area"),
        (("new", "rutinen", "X", "--area", "SIP", "--owner", "processledare", "--contact", "a@b.example"), "okänd dokumenttyp 'rutinen'"),
        (("new", "rutin", "X", "--area", "psykiatri", "--owner", "processledare", "--contact", "a@b.example"), "okänt område 'psykiatri'"),
        (("new", "rutin", "X", "--area", "SIP", "--owner", "processledar", "--contact", "a@b.example"), "okänd roll 'processledar'; menade du 'processledare'?"),
        (("new", "rutin", "X", "--area", "SIP", "--owner", "processledare", "--contact", "inte-en-adress"), "har fel form"),
        (("new", "rutin", "!!!", "--area", "SIP", "--owner", "processledare", "--contact", "a@b.example"), "behöver innehålla bokstäver"),
        (("revise", "TST-010"), "beskriv ändringen med -m"),
        (("revise", "TST-010", "-m", "x", "--valid-months", "tolv"), "'tolv' är inget antal månader"),
        (("revise", "TST-01", "-m", "x"), "hittar inget dokument med id TST-01; menade du"),
        (("approve", "TST-011", "--date", "2026-12-01", "--ref", "P"), "ange forumet som fattade beslutet med --by"),
        (("approve", "TST-011", "--by", "chefsgrupp", "--ref", "P"), "ange beslutsdatum med --date"),
        (("approve", "TST-011", "--by", "chefsgrupp", "--date", "2026-12-01"), "ange var beslutet finns med --ref"),
        (("approve", "TST-011", "--by", "chefsgrupp", "--date", "1 dec", "--ref", "P"), "'1 dec' är inget datum"),
    ],
)
def test_usage_errors_exit_2_in_swedish(tree, cli, argv, message):
    before = {p: p.read_bytes() for p in tree.rglob("*") if p.is_file()}
    status, out, err = cli(*argv, root=tree)
    assert status == 2
    assert message in err
    assert {p: p.read_bytes() for p in tree.rglob("*") if p.is_file()} == before


def test_revise_command_passes_check_and_reminds_of_a_decision(tree, cli, run_check):
    status, out, err = cli("revise", "TST-010", "-m", "Nytt avsnitt om kallelser.", root=tree)
    assert (status, err) == (0, "")
    assert "TST-010 (routines/sip/kommentarer.md): revision 4 har lagts till i ändringshistoriken." in out
    assert "behöver ett nytt beslut" in out and "samverkan approve TST-010 --by" in out
    check_is_clean(run_check, tree)
    status, out, _ = cli("revise", "TST-010", "-m", "Stavfel.", "--editorial", root=tree)
    assert status == 0 and "redaktionell revision 5" in out and "nytt beslut" not in out
    data = parse_front_matter((tree / "routines/sip/kommentarer.md").read_text(encoding="utf-8"), "x").data
    assert [e["revision"] for e in data["changelog"]] == [5, 4, 3, 2, 1]
    assert data["changelog"][0]["editorial"] is True and "editorial" not in data["changelog"][1]
    check_is_clean(run_check, tree)


def test_revise_extends_an_expiring_document(tree, cli, run_check):
    status, out, _ = cli("revise", "TST-001", "-m", "Översyn utan ändringar i sak.", root=tree)
    assert status == 0 and "Giltigt t.o.m." not in out  # 2027-12-31 is far enough away
    status, out, _ = cli("revise", "TST-012", "-m", "Förlängd.", root=tree)
    assert status == 0 and "Giltigt t.o.m. är nu 2027-11-30." in out  # within 90 days: 12 months
    status, out, _ = cli("revise", "TST-011", "-m", "Förlängd.", "--valid-months", "36", root=tree)
    assert status == 0 and "Giltigt t.o.m. är nu 2029-11-30." in out
    check_is_clean(run_check, tree)


def test_approve_command_records_the_decision(tree, cli, run_check):
    status, out, err = cli("approve", "TST-011", "--by", "chefsgrupp", "--date", "2026-11-28", "--ref", "Protokoll 2026-11-28 § 9", root=tree)
    assert (status, err) == (0, "")
    assert out == "TST-011 (routines/sip/citattecken.md) är fastställt av chefsgrupp 2026-11-28, Protokoll 2026-11-28 § 9.\n"
    data = parse_front_matter((tree / "routines/sip/citattecken.md").read_text(encoding="utf-8"), "x").data
    assert data["status"] == "approved" and data["approved_by"] == "chefsgrupp"
    assert data["decision"] == {"date": "2026-11-28", "reference": "Protokoll 2026-11-28 § 9"}
    check_is_clean(run_check, tree)


def test_approve_rejects_an_unknown_forum(tree, cli):
    before = (tree / "routines/sip/citattecken.md").read_bytes()
    status, _, err = cli("approve", "TST-011", "--by", "chefsgrupen", "--date", "2026-12-01", "--ref", "P", root=tree)
    assert status == 2 and "okänt forum 'chefsgrupen'; menade du 'chefsgrupp'?" in err
    assert (tree / "routines/sip/citattecken.md").read_bytes() == before


def test_unreadable_and_duplicate_documents_are_refused(tree, cli):
    broken = tree / "routines" / "sip" / "trasig.md"
    broken.write_text("---\nid: TST-020\nid: TST-021\ntitle: Trasig\n---\n", encoding="utf-8")
    status, _, err = cli("revise", "TST-020", "-m", "x", root=tree)
    assert status == 2 and "routines/sip/trasig.md kan inte ändras säkert" in err and "står två gånger" in err
    broken.write_text("---\nid: TST-020\ntitle: [Trasig\n---\n", encoding="utf-8")
    status, _, err = cli("revise", "TST-020", "-m", "x", root=tree)
    # The id still reads on its own line: the file is named as broken, not as missing.
    assert status == 2 and "routines/sip/trasig.md kan inte ändras säkert" in err and "rätta det först" in err
    assert "hittar inget dokument" not in err
    assert broken.read_text(encoding="utf-8") == "---\nid: TST-020\ntitle: [Trasig\n---\n"
    broken.unlink()
    shutil.copyfile(tree / "routines/sip/citattecken.md", tree / "routines/sip/kopia.md")
    status, _, err = cli("approve", "TST-011", "--by", "chefsgrupp", "--date", "2026-12-01", "--ref", "P", root=tree)
    assert status == 2 and "flera dokument har id TST-011" in err


def test_a_document_with_schema_errors_can_still_be_revised(tree, cli):
    path = tree / "routines/sip/citattecken.md"
    path.write_text(path.read_text(encoding="utf-8").replace("type: guideline", "type: riktlinje"), encoding="utf-8")
    status, out, err = cli("revise", "TST-011", "-m", "Rättad typ följer.", root=tree)
    assert (status, err) == (0, "") and "revision 3" in out


# Pre-commit


def test_pre_commit_hook_runs_check_on_content_changes():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "samverkan-check")
    assert hook["entry"] == "samverkan check" and hook["language"] == "python" and hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert files.search("routines/sip/rutin.md") and files.search("roles/mas.yml") and files.search("schema/document.schema.json")
    assert not files.search("docs/index.md") and not files.search("tests/fixtures/valid/routines/x.md")


def test_an_editorial_revision_never_extends_the_validity_on_its_own(tmp_path, capsys):
    import shutil

    from conftest import REPO
    from samverkan.cli import main as cli_main

    tree = tmp_path / "tree"
    for folder in ("routines", "roles", "schema"):
        shutil.copytree(REPO / folder, tree / folder)
    path = next((tree / "routines").rglob("overenskommelse-hemsjukvard.md"))
    assert "valid_until: 2027-01-31" in path.read_text(encoding="utf-8")  # expires within 90 days of 2026-12-01
    status = cli_main(["revise", "EXL-HSV-001", "-m", "Stavfel rättat", "--editorial", "--root", str(tree), "--today", "2026-12-01"])
    assert status == 0
    assert "valid_until: 2027-01-31" in path.read_text(encoding="utf-8")
    capsys.readouterr()
