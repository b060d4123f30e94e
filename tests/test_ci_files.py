"""The shipped CI pipelines are valid for their platforms and run what the project promises."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO

CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def _validate(schema: str, *files: Path) -> subprocess.CompletedProcess:
    # The builtin schemas ship inside check-jsonschema, so this works without network.
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", schema, *map(str, files)], capture_output=True, text=True
    )


def test_github_workflows_match_the_published_schema():
    assert WORKFLOWS
    result = _validate("vendor.github-workflows", *WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_gitlab_pipeline_matches_the_published_schema():
    result = _validate("vendor.gitlab-ci", REPO / ".gitlab-ci.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_broken_workflow_is_caught(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("name: x\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n", encoding="utf-8")
    assert _validate("vendor.github-workflows", broken).returncode != 0


def _steps(name: str) -> str:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    return "\n".join(str(step.get("run", "")) for job in workflow["jobs"].values() for step in job.get("steps", []))


@pytest.mark.parametrize(
    ("workflow", "commands"),
    [
        ("pull-request.yml", ["make test", "samverkan check --base", "mkdocs build --strict", "make zensical", "codeowners --check"]),
        ("weekly-expiry.yml", ["samverkan expiring --format markdown", "gh issue edit", "gh issue create"]),
        ("publish.yml", ["make build", "samverkan tag", "git push origin --tags"]),
    ],
)
def test_each_workflow_runs_what_it_promises(workflow, commands):
    steps = _steps(workflow)
    for command in commands:
        assert command in steps


def test_weekly_workflow_runs_on_a_schedule():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "weekly-expiry.yml").read_text(encoding="utf-8"))
    assert workflow[True]["schedule"][0]["cron"]  # PyYAML reads the key `on` as True


def test_the_site_is_rebuilt_and_published_daily_not_only_on_merge():
    publish = yaml.safe_load((REPO / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    crons = [entry["cron"] for entry in publish[True]["schedule"]]
    assert crons and all(cron.split()[2:] == ["*", "*", "*"] for cron in crons), crons  # every day
    gitlab = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert {"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"} in gitlab["pages"]["rules"]  # scheduled pipelines too
    assert "DAILY" in (REPO / ".gitlab-ci.yml").read_text(encoding="utf-8")


def test_pull_request_template_has_the_owners_checklist():
    for template in (REPO / ".github" / "pull_request_template.md", REPO / ".gitlab" / "merge_request_templates" / "Default.md"):
        text = template.read_text(encoding="utf-8")
        for item in ("Revisionsnumret", "Ändringshistoriken", "editorial: true", "valid_until", "status: withdrawn"):
            assert item in text, (template, item)


def test_gitlab_builds_with_both_renderers_and_tags_on_main():
    pipeline = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert {"mkdocs build --strict", "make zensical"} <= {line.removeprefix(".venv/bin/") for line in pipeline["test"]["script"]}
    assert "samverkan tag" in "\n".join(pipeline["pages"]["script"])


def test_both_pipelines_keep_the_pdf_and_word_copies_between_runs_keyed_on_the_version():
    for name in ("publish.yml", "pull-request.yml"):
        workflow = yaml.safe_load((REPO / ".github" / "workflows" / name).read_text(encoding="utf-8"))
        caches = [s["with"] for job in workflow["jobs"].values() for s in job.get("steps", []) if str(s.get("uses", "")).startswith("actions/cache@")]
        assert [c["path"] for c in caches] == [".cache/downloads"], name
        assert "tools/samverkan/__init__.py" in caches[0]["key"]
    gitlab = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert gitlab["default"]["cache"] == {
        "key": {"files": ["tools/samverkan/__init__.py"], "prefix": "samverkan-copies"},
        "paths": [".cache/downloads"],
    }
