"""The web editor at redigera/ in real Chromium, saving through decap-server to a copy of the content.

The example site (built once per session) serves the editor; decap-server runs in git mode
on a free port of 127.0.0.1 against a fresh git repository holding a copy of routines/,
roles/ and schema/, never against this worktree. Each saved form becomes a branch
``cms/<collection>/<slug>`` with one commit there, as a pull request would on GitHub or GitLab.
The browser's clock is set to the pinned test date, so "today" in the forms is 2026-12-01.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from samverkan.authoring.layout import restore_layout
from samverkan.external.decap_server import DecapServer, DecapServerMissing, find_server

from .conftest import REPO, TODAY, in_ci, open_context
from .test_site_in_browser import AXE_TAGS, _describe_violations

pytestmark = pytest.mark.browser

SERVER_INSTALL = REPO / ".cache" / "vendor" / "decap-server"
GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_AUTHOR_DATE": "2026-12-01T09:00:00+01:00",
    "GIT_COMMITTER_DATE": "2026-12-01T09:00:00+01:00",
}
BROWSER_NOW = dt.datetime.combine(TODAY, dt.time(10, 0))
APPROVED_PATH = "routines/utskrivning/riktlinje-fast-vardkontakt.md"
"""An approved example document (EXL-UTS-004) whose key order differs from the form's."""


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, env=GIT_ENV, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def content_repo(tmp_path_factory) -> Path:
    """A git repository with a copy of the example content, one commit on main."""
    repo = tmp_path_factory.mktemp("editor") / "repo"
    for folder in ("routines", "roles", "schema"):
        shutil.copytree(REPO / folder, repo / folder)
    git(repo.parent, "init", "-q", "-b", "main", str(repo))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Exempelinnehållet")
    return repo


@pytest.fixture(scope="module")
def decap(content_repo: Path) -> Iterator[DecapServer]:
    try:
        find_server(SERVER_INSTALL)
    except DecapServerMissing as exc:
        if in_ci():
            pytest.fail(f"{exc} Under CI=true the editor tests must run.", pytrace=False)
        pytest.skip(str(exc))
    with DecapServer(content_repo, install=SERVER_INSTALL) as server:
        yield server


@pytest.fixture(scope="module")
def signed_in(browser, site_url: str, site_dir: Path, decap: DecapServer):
    """One signed-in editor page (local backend) for the module: loading Decap takes seconds."""
    if not (site_dir / "redigera" / "index.html").is_file():
        message = "the site was built without redigera/ (Decap CMS missing: run `make install`, which needs npm)"
        pytest.fail(message, pytrace=False) if in_ci() else pytest.skip(message)
    context = open_context(browser, {"width": 1280, "height": 900})
    page = context.new_page()
    # Fake timers keep running: Decap's debounced searches need time to pass.
    page.clock.install(time=BROWSER_NOW)
    page.on("dialog", lambda dialog: dialog.accept())  # "leave the unsaved form?" – yes
    base = f"{site_url}/redigera/?lokal={decap.port}"
    page.goto(base + "#/", wait_until="load")
    page.get_by_role("button", name="Logga in").click()
    page.get_by_text("Samlingar").wait_for()
    yield page, base
    context.close()


@pytest.fixture
def editor(signed_in):
    """``editor(fragment)``: the signed-in editor page opened at ``#<fragment>``."""
    page, base = signed_in

    def open_at(fragment: str):
        # A fresh load per test (the sign-in is kept): Decap carries a form's state over to
        # the next entry when only the #fragment changes.
        page.goto("about:blank")
        page.goto(f"{base}#{fragment}", wait_until="load")
        return page

    return open_at


def pick(page, label: str, text: str) -> None:
    """Choose ``text`` in a Decap select or relation field: type part of it, click the option."""
    box = page.get_by_label(label, exact=True)
    box.click()
    box.fill(text)
    page.locator("[class*='option']").filter(has_text=text).first.click()


def save(page, repo: Path, branch: str) -> str:
    """Press Spara and wait for the branch decap-server makes; its commit's message."""
    unsaved = page.get_by_text("Osparade ändringar", exact=True)
    unsaved.wait_for()
    page.get_by_role("button", name="Spara", exact=True).click()
    unsaved.wait_for(state="detached")
    # decap-server answers after its commit; poll until the branch is there (at most 20 s).
    for _ in range(100):
        found = subprocess.run(["git", "rev-parse", "--verify", "--quiet", branch], cwd=repo, capture_output=True)
        if found.returncode == 0:
            return git(repo, "log", "-1", "--format=%s", branch)
        page.wait_for_timeout(200)
    raise AssertionError(f"saving made no branch {branch}; branches: {git(repo, 'branch', '--list')}")


def changed_lines(old: str, new: str) -> int:
    """Lines removed plus lines added between two texts (as a diff counts them)."""
    import difflib

    return sum(
        1 for line in difflib.ndiff(old.splitlines(), new.splitlines()) if line[:2] in ("- ", "+ ")
    )


def test_a_new_document_made_in_the_form_is_a_branch_whose_file_passes_check(
    editor, content_repo, run_check, screenshot
):
    page = editor("/collections/dokument-sip/new")
    page.get_by_label("Dokument-id").fill("EXL-SIP-900")
    page.get_by_label("Dokumentnamn").fill("Rutin för SIP vid hemgång från sjukhus")
    pick(page, "Dokumenttyp", "rutin")
    page.get_by_label("Giltigt t.o.m.").fill("2028-11-30")
    pick(page, "Roll", "SIP-samordnare")
    page.get_by_label("Kontakt", exact=True).fill("sip@regionexempellan.example")
    pick(page, "Gäller för", "Solviks kommun")
    pick(page, "Gäller för", "Region Exempellän")
    pick(page, "Områden", "SIP")
    screenshot(page, "redigera-nytt-dokument")

    branch = "cms/dokument-sip/rutin-for-sip-vid-hemgang-fran-sjukhus"
    assert "rutin-for-sip-vid-hemgang-fran-sjukhus" in save(page, content_repo, branch)
    path = "routines/sip/rutin-for-sip-vid-hemgang-fran-sjukhus.md"
    written = git(content_repo, "show", f"{branch}:{path}")
    # What the form starts a new document with: revision 1, a draft, today's changelog line.
    assert "\nrevision: 1\nstatus: draft\nvalid_from: 2026-12-01\n" in written
    assert "changelog:\n  - revision: 1\n    date: 2026-12-01\n    summary: Första versionen.\n" in written
    assert "owner:\n  role: samordnare-sip\n" in written
    assert "applies_to:\n  - kommun-solvik\n  - region-exempellan\n" in written

    checkout = content_repo.parent / "new-document"
    git(content_repo, "worktree", "add", "-q", str(checkout), branch)
    status, out, _ = run_check(root=checkout)
    assert status == 0, out
    assert path not in out, out  # not even a warning


def test_a_one_field_edit_of_an_approved_document_changes_one_line_after_format(editor, content_repo):
    before = (content_repo / APPROVED_PATH).read_text(encoding="utf-8")
    assert "case_number: RS 2025/0688\n" in before and "status: approved\n" in before
    page = editor("/collections/dokument-utskrivning/entries/riktlinje-fast-vardkontakt")
    field = page.get_by_label("Diarienummer (frivillig)")
    field.fill("RS 2025/0999")
    save(page, content_repo, "cms/dokument-utskrivning/riktlinje-fast-vardkontakt")

    by_decap = git(content_repo, "show", f"cms/dokument-utskrivning/riktlinje-fast-vardkontakt:{APPROVED_PATH}")
    formatted = restore_layout(by_decap, before, APPROVED_PATH)
    # Decap writes the keys in the form's order, drops the schema comment and the quotes
    # around SFS numbers, and folds long lines; samverkan format puts all of that back.
    assert changed_lines(before, by_decap) > 2
    assert changed_lines(before, formatted) == 2, formatted  # one line out, one line in
    assert formatted == before.replace("case_number: RS 2025/0688\n", "case_number: RS 2025/0999\n")


EDITOR_VIEWS = {
    "/collections/dokument-utskrivning": "Riktlinje för fast vårdkontakt i primärvården vid utskrivning",
    "/collections/dokument-sip/new": "Dokument-id",
    "/collections/roller/entries/processledare": "Ansvar",
    "/workflow": "Under granskning",
}
"""The editor's main views, each with a text that shows it has finished loading."""


@pytest.mark.parametrize("view", EDITOR_VIEWS)
def test_the_editors_views_pass_axe(editor, view):
    from axe_playwright_python.sync_playwright import Axe

    page = editor(view)
    page.get_by_text(EDITOR_VIEWS[view]).first.wait_for()
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    violations = results.response["violations"]
    assert not violations, _describe_violations(f"redigera/#{view}", violations)
