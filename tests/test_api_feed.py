"""The machine-readable feed: api/documents.json and api/roles.json, each valid against its schema in schema/."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import subprocess
import sys

import jsonschema
import pytest
from conftest import FIXTURES, REPO, TODAY
from samverkan.core.loader import load
from samverkan.core.reread import Rereader
from samverkan.core.schemas import SchemaSet
from samverkan.site.api import documents_feed
from samverkan.site.context import SiteContext
from samverkan.site.rowmemo import RowMemo

SCHEMAS = REPO / "schema"


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def documents(example_site) -> dict:
    return json.loads((example_site / "api" / "documents.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def roles(example_site) -> dict:
    return json.loads((example_site / "api" / "roles.json").read_text(encoding="utf-8"))


def test_the_documents_feed_is_valid_against_its_schema(documents):
    assert list(_validator("api-documents").iter_errors(documents)) == []
    assert len(documents["documents"]) == len(list(REPO.glob("routines/**/*.md")))


def test_the_roles_feed_is_valid_against_its_schema(roles):
    assert list(_validator("api-roles").iter_errors(roles)) == []
    assert len(roles["roles"]) == len([p for p in (REPO / "roles").glob("*.yml") if p.stem not in {"laws", "synonymer"}])


def test_the_schema_catches_a_state_it_does_not_know(documents):
    broken = json.loads(json.dumps(documents))
    broken["documents"][0]["state"] = "gäller"
    assert [e.validator for e in _validator("api-documents").iter_errors(broken)] == ["enum"]


def test_a_document_entry_carries_state_owner_decision_links_and_last_change(documents):
    doc = {d["id"]: d for d in documents["documents"]}["EXL-ALD-001"]
    assert documents["generated"] == TODAY.isoformat()
    assert (doc["status"], doc["state"]) == ("approved", "expired")
    assert doc["url"] == "https://samverkan.exempellan.example/dokument/EXL-ALD-001/"
    assert doc["owner"]["contact"] and doc["owner"]["role_name"]
    assert doc["decision"]["date"] and doc["last_change"]["summary"]
    assert set(doc["downloads"]) <= {"pdf", "docx"}


def test_a_role_entry_says_when_each_assignment_was_confirmed(roles):
    assignments = [a for r in roles["roles"] for a in r["assignments"]]
    assert assignments and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", a["confirmed"]) for a in assignments)
    assert any(a["needs_confirmation"] for a in assignments) and not all(a["needs_confirmation"] for a in assignments)


def test_the_readme_script_lists_what_expires_next_month(example_site, tmp_path):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    script = re.search(r"<!-- feed-example -->\n```python\n(.*?)```", readme, re.S)
    assert script and len(script.group(1).strip().splitlines()) <= 10
    (tmp_path / "next_month.py").write_text(script.group(1), encoding="utf-8")
    feed = (example_site / "api" / "documents.json").as_uri()
    result = subprocess.run([sys.executable, str(tmp_path / "next_month.py"), feed, TODAY.isoformat()], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    expected = [d for d in json.loads((example_site / "api" / "documents.json").read_text(encoding="utf-8"))["documents"]
                if d["status"] == "approved" and d["valid_until"].startswith("2027-01")]
    assert expected and sorted(line.split()[1] for line in result.stdout.splitlines()) == sorted(d["id"] for d in expected)


def test_the_feed_carries_text_as_typed_and_the_readme_says_to_escape_it():
    corpus = load(FIXTURES / "hostile_html", SchemaSet.load(SCHEMAS)).corpus
    titles = [d["title"] for d in json.loads(documents_feed(corpus, SiteContext(today=TODAY)))["documents"]]
    assert any("<script>" in t for t in titles)  # raw: escaping is the displaying side's job
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    feed_section = readme[readme.index("### Feed:") : readme.index("### Renderers")]
    assert "raw text" in feed_section and "must escape" in feed_section


def test_the_feed_made_with_kept_entries_is_the_feed_made_afresh(tmp_path):
    """Under `mkdocs serve` each document's entry is kept until something it shows changes."""
    tree = tmp_path / "tree"
    shutil.copytree(FIXTURES / "valid", tree)
    schemas = SchemaSet.load(SCHEMAS)
    ctx, reader = SiteContext(today=TODAY, rows=RowMemo()), Rereader()
    for edit in (None, ("title: Utkast till riktlinje", "title: Ny riktlinje"), ("name: ", "name: Ny ")):
        if edit:
            path = tree / ("roles/processledare.yml" if edit[0] == "name: " else "routines/utskrivning/utkast.md")
            path.write_text(path.read_text(encoding="utf-8").replace(*edit, 1), encoding="utf-8")
        corpus = load(tree, schemas, reader).corpus
        ctx.rows.start(corpus.documents)
        fresh = documents_feed(corpus, dataclasses.replace(ctx, rows=None))
        assert documents_feed(corpus, ctx) == fresh and json.loads(fresh)["documents"]
