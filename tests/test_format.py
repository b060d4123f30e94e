"""`samverkan format`: after the web editor saved a document, its front matter gets back the layout it
had at the base, so the pull request shows only what the owner changed.

tests/fixtures/editor/saved-by-decap.md is what Decap CMS 3.16 wrote when the case number
(Diarienummer) of before.md was changed in the form and nothing else.
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, REPO
from samverkan.authoring.frontmatter_edit import FrontMatterError
from samverkan.authoring.layout import restore_layout, restore_yaml_layout
from samverkan.cli import main
from samverkan.cli.format import yaml_layouts
from test_git_history import _commit, _git

EDITOR = FIXTURES / "editor"
BEFORE = (EDITOR / "before.md").read_text(encoding="utf-8")
BY_DECAP = (EDITOR / "saved-by-decap.md").read_text(encoding="utf-8")
DOC = "routines/utskrivning/riktlinje-fast-vardkontakt.md"


def diff(old: str, new: str) -> list[str]:
    return [line for line in difflib.ndiff(old.splitlines(), new.splitlines()) if line[:2] in ("- ", "+ ")]


def test_decap_rewrites_far_more_than_the_field_that_was_changed():
    assert len(diff(BEFORE, BY_DECAP)) == 24
    assert "# yaml-language-server" not in BY_DECAP
    assert '  - law: 2017:612\n' in BY_DECAP


def test_format_leaves_only_the_changed_line():
    assert diff(BEFORE, restore_layout(BY_DECAP, BEFORE, DOC)) == [
        "- case_number: RS 2025/0688",
        "+ case_number: RS 2025/0999",
    ]


def test_a_new_changelog_line_is_added_in_the_files_own_layout():
    saved = BY_DECAP.replace("review_interval_months: 24\n", "review_interval_months: 24\n", 1).replace(
        "revision: 2\nstatus", "revision: 3\nstatus"
    ).replace(
        "      den fasta vårdkontakten ska synas i IT-stödet lades till.\n",
        "      den fasta vårdkontakten ska synas i IT-stödet lades till.\n"
        "  - revision: 3\n    date: 2026-12-01\n    summary: Nytt diarienummer.\n    editorial: true\n",
    )
    assert diff(BEFORE, restore_layout(saved, BEFORE, DOC)) == [
        "- revision: 2",
        "+ revision: 3",
        "- case_number: RS 2025/0688",
        "+ case_number: RS 2025/0999",
        "+   - revision: 3",
        "+     date: 2026-12-01",
        "+     summary: Nytt diarienummer.",
        "+     editorial: true",
    ]


def test_a_field_cleared_in_the_form_is_removed_and_nothing_else_moves():
    saved = BY_DECAP.replace("case_number: RS 2025/0999\n", "")
    assert diff(BEFORE, restore_layout(saved, BEFORE, DOC)) == ["- case_number: RS 2025/0688"]


def test_the_body_is_kept_as_the_editor_wrote_it():
    saved = BY_DECAP.replace("## Syfte\n", "## Syfte och mål\n")
    assert diff(BEFORE, restore_layout(saved, BEFORE, DOC)) == [
        "- case_number: RS 2025/0688",
        "+ case_number: RS 2025/0999",
        "- ## Syfte",
        "+ ## Syfte och mål",
    ]


def test_an_unchanged_file_stays_byte_for_byte():
    assert restore_layout(BEFORE, BEFORE, DOC) == BEFORE


def test_a_new_document_gets_the_layout_of_samverkan_new():
    new = (
        "---\nid: EXL-SIP-900\ntitle: Rutin för SIP\ntype: routine\nrevision: 1\nstatus: draft\n"
        "valid_from: 2026-12-01\nvalid_until: 2028-11-30\nowner:\n  role: samordnare-sip\n  contact: sip@x.example\n"
        "applies_to:\n  - kommun-solvik\nareas:\n  - SIP\nreferences:\n  - law: 2017:612\n"
        "changelog:\n  - revision: 1\n    date: 2026-12-01\n    summary: Första versionen.\n"
        "review_interval_months: 24\n---\n## Syfte\n"
    )
    formatted = restore_layout(new, None, "routines/sip/rutin.md")
    assert formatted.startswith("---\n# yaml-language-server: $schema=../../schema/document.schema.json\nid: EXL-SIP-900\n")
    assert '  - law: "2017:612"\n' in formatted
    assert formatted.endswith("review_interval_months: 24\n---\n## Syfte\n")
    assert restore_layout(formatted, formatted, "routines/sip/rutin.md") == formatted


def test_a_file_that_cannot_be_read_is_reported_not_rewritten():
    with pytest.raises(FrontMatterError, match="routines/x.md"):
        restore_layout("---\nid: [\n---\n", BEFORE, "routines/x.md")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    tree = tmp_path / "repo"
    (tree / "routines/utskrivning").mkdir(parents=True)
    (tree / DOC).write_text(BEFORE, encoding="utf-8")
    _git(tree, "init", "-q", "-b", "main")
    _commit(tree, "Startläge", "2026-11-01T10:00:00+01:00")
    _git(tree, "checkout", "-q", "-b", "cms/dokument-utskrivning/riktlinje-fast-vardkontakt")
    (tree / DOC).write_text(BY_DECAP, encoding="utf-8")
    _commit(tree, "Update dokument “riktlinje-fast-vardkontakt”", "2026-12-01T10:00:00+01:00")
    return tree


def test_the_command_checks_and_formats_against_the_base_branch(repo, capsys):
    assert main(["format", "--root", str(repo), "--base", "main", "--check"]) == 1
    out = capsys.readouterr().out
    assert f"{DOC}:1: F-FORMAT uppgiftsdelen har inte sin vanliga form" in out
    assert (repo / DOC).read_text(encoding="utf-8") == BY_DECAP  # --check writes nothing

    assert main(["format", "--root", str(repo), "--base", "main"]) == 0
    assert f"{DOC}: uppgiftsdelen har fått tillbaka sin vanliga form" in capsys.readouterr().out
    assert diff(BEFORE, (repo / DOC).read_text(encoding="utf-8")) == ["- case_number: RS 2025/0688", "+ case_number: RS 2025/0999"]
    assert main(["format", "--root", str(repo), "--base", "main", "--check"]) == 0


def test_the_command_formats_only_the_files_it_is_given(repo, capsys):
    other = repo / "routines/utskrivning/annan.md"
    shutil.copy(EDITOR / "saved-by-decap.md", other)
    assert main(["format", "--root", str(repo), "--base", "main", str(other)]) == 0
    capsys.readouterr()
    assert (repo / DOC).read_text(encoding="utf-8") == BY_DECAP
    assert other.read_text(encoding="utf-8").startswith("---\n# yaml-language-server:")


# --- roles, forums and parties: files that are all YAML ---------------------------------------------------

ROLE = "roles/mas.yml"
ROLE_BEFORE = (REPO / ROLE).read_text(encoding="utf-8")


def _rewritten_like_an_editor(text: str, **changes: object) -> str:
    """What a form-based editor writes: keys in another order, no comment, lines folded its own way."""
    data = {**yaml.safe_load(text), **changes}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=True, width=60)


def test_a_role_rewritten_by_an_editor_gets_its_layout_back_but_for_the_changed_line():
    saved = _rewritten_like_an_editor(ROLE_BEFORE, appointed_by="Socialnämnden")
    assert len(diff(ROLE_BEFORE, saved)) > 20
    fixed = restore_yaml_layout(saved, ROLE_BEFORE, ROLE, yaml_layouts(REPO)["role"])
    assert diff(ROLE_BEFORE, fixed) == [
        "- appointed_by: Socialnämnden eller motsvarande nämnd i kommunen",
        "+ appointed_by: Socialnämnden",
    ]


def test_a_new_forum_gets_the_schema_comment_and_the_schemas_order():
    forum = (REPO / "roles/forums/arbetsutskott-vard-omsorg.yml").read_text(encoding="utf-8")
    fixed = restore_yaml_layout(_rewritten_like_an_editor(forum), None, "roles/forums/nytt.yml", yaml_layouts(REPO)["forum"])
    assert fixed.startswith("# yaml-language-server: $schema=../../schema/forum.schema.json\nid: arbetsutskott-vard-omsorg\nname: ")
    assert yaml.safe_load(fixed) == yaml.safe_load(forum)


def test_the_command_formats_roles_too_and_leaves_the_registers_alone(repo, capsys):
    (repo / "roles").mkdir()
    (repo / ROLE).write_text(ROLE_BEFORE, encoding="utf-8")
    laws = "laws:\n  - sfs: '2017:612'\n    title: Lag\n"
    _commit(repo, "Roll", "2026-12-01T11:00:00+01:00")
    (repo / ROLE).write_text(_rewritten_like_an_editor(ROLE_BEFORE, appointed_by="Socialnämnden"), encoding="utf-8")
    (repo / "roles/laws.yml").write_text(laws, encoding="utf-8")  # a register: not for format
    assert main(["format", "--root", str(repo), "--base", "HEAD"]) == 0
    assert f"{ROLE}: filen har fått tillbaka sin vanliga form" in capsys.readouterr().out
    assert len(diff(ROLE_BEFORE, (repo / ROLE).read_text(encoding="utf-8"))) == 2
    assert (repo / "roles/laws.yml").read_text(encoding="utf-8") == laws
