"""The follow-up for those who govern: the same answer on the status page and in the dated report."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from conftest import FIXTURES, REPO, TODAY
from samverkan.cli import main
from samverkan.core.followup import COLUMNS, DocState, follow_up, to_csv, to_markdown
from samverkan.core.loader import load
from samverkan.core.schemas import SchemaSet

LATER = dt.date(2028, 1, 10)
"""After the fixture routine's valid_until (2027-12-31) and its review (decision 2025-12-10 + 24 months)."""


@pytest.fixture(scope="module")
def corpus():
    loaded = load(FIXTURES / "valid", SchemaSet.load(REPO / "schema"))
    assert not [p for p in loaded.problems if p.is_error]
    return loaded.corpus


def _counts(row) -> dict[str, int]:
    return {s.value: n for s, n in zip(COLUMNS, row.counts) if n}


def test_state_per_area_owner_and_party_on_two_dates(corpus):
    now = follow_up(corpus, TODAY)
    assert {r.name: _counts(r) for r in now.by_area} == {"SIP": {"draft": 1}, "Utskrivning": {"in-force": 1}}
    assert [(r.key, _counts(r)) for r in now.by_owner] == [("processledare", {"in-force": 1, "draft": 1})]
    assert {r.name: _counts(r) for r in now.by_party} == {"Region Testlän": {"in-force": 1, "draft": 1}, "Testby kommun": {"in-force": 1}}
    later = follow_up(corpus, LATER)
    assert {r.name: _counts(r) for r in later.by_area}["Utskrivning"] == {"expired": 1}
    assert DocState.of(corpus.documents_by_id["TST-001"], dt.date(2027, 11, 1), 90) is DocState.EXPIRING


def test_confirmations_per_party_and_documents_past_review(corpus):
    now = follow_up(corpus, TODAY)
    assert now.confirmations == () and now.review_due == ()
    later = follow_up(corpus, LATER, confirm_months=12)
    assert [(c.party_name, c.role_name, c.holder, c.confirmed) for c in later.confirmations] == [
        ("Region Testlän", "Processledare", "Alva Ek", dt.date(2026, 5, 1))
    ]
    assert [(r.document.id, r.reviewed, r.due) for r in later.review_due] == [("TST-001", dt.date(2025, 12, 10), dt.date(2027, 12, 10))]


def test_the_report_is_dated_and_says_it_in_one_paragraph(corpus):
    text = to_markdown(follow_up(corpus, LATER))
    assert "Per 2028-01-10. 0 fastställda dokument gäller" in text
    assert "1 har gått ut" in text and "1 dokument har passerat sitt översynsintervall" in text
    assert "| Utskrivning | 0 | 0 | 1 | 0 | 0 | 0 |" in text
    rows = list(csv.DictReader(io.StringIO(to_csv(follow_up(corpus, LATER)))))
    assert {r["datum"] for r in rows} == {"2028-01-10"}
    assert [r["id"] for r in rows if r["avsnitt"] == "översyn"] == ["TST-001"]
    assert [r["Giltighetstiden har gått ut"] for r in rows if r["avsnitt"] == "område" and r["namn"] == "Utskrivning"] == ["1"]


def test_the_command_writes_csv_and_a_pdf(tmp_path, capsys):
    root = ["--root", str(FIXTURES / "valid"), "--schemas", str(REPO / "schema"), "--today", LATER.isoformat()]
    assert main(["uppfoljning", "--format", "csv", *root]) == 0
    assert capsys.readouterr().out.startswith("datum,avsnitt,namn,id,Gäller,")
    from samverkan.external.browser import unavailable

    if unavailable():
        pytest.skip(unavailable())
    out = tmp_path / "uppfoljning.pdf"
    assert main(["uppfoljning", "--format", "pdf", "--output", str(out), *root]) == 0
    assert out.read_bytes().startswith(b"%PDF")


def test_the_browser_script_words_each_state_as_the_build_does():
    script = (REPO / "docs" / "assets" / "status.js").read_text(encoding="utf-8")
    labels = dict(re.findall(r'^\s*"([a-z-]+)": "([^"]+)"', script.split("var LABELS = {", 1)[1].split("};", 1)[0], re.M))
    assert labels == {state.value: state.label for state in DocState}
