"""The example county "Exempellän" is complete enough to show every feature, and check treats it right."""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import REPO, TODAY
from samverkan.core import model as m
from samverkan.core.loader import load
from samverkan.core.runner import default_schema_dir
from samverkan.core.schemas import SchemaSet


@pytest.fixture(scope="module")
def corpus() -> m.Corpus:
    return load(REPO, SchemaSet.load(default_schema_dir(REPO))).corpus


def test_check_on_the_example_content_warns_about_expiry_and_exits_zero(check_json):
    status, report = check_json()
    assert status == 0
    codes = Counter(p["code"] for p in report["problems"])
    assert codes == {"W-EXPIRED": 1, "W-EXPIRING": 2, "W-REPEALED-LAW": 1}


def test_strict_turns_the_expiry_warnings_into_errors(check_json):
    status, report = check_json("--strict")
    assert status == 1
    errors = sorted(p["code"] for p in report["problems"] if p["severity"] == "error")
    assert errors == ["W-EXPIRED", "W-EXPIRING", "W-EXPIRING"]


def test_the_county_has_a_region_and_at_least_six_municipalities(corpus):
    kinds = Counter(p.kind for p in corpus.parties)
    assert kinds[m.PartyKind.REGION] == 1
    assert kinds[m.PartyKind.MUNICIPALITY] >= 6
    assert kinds[m.PartyKind.PRIVATE_PROVIDER] >= 1


def test_enough_documents_roles_and_forums(corpus):
    assert len(corpus.documents) >= 15
    assert {d.type for d in corpus.documents} == set(m.DocType)
    assert len({a for d in corpus.documents for a in d.areas}) >= 5
    assert len(corpus.roles) >= 10
    assert len(corpus.forums) >= 4


def test_every_lifecycle_case_is_present(corpus):
    approved = [d for d in corpus.documents if d.status is m.Status.APPROVED]
    validity = Counter(d.validity(TODAY, 90) for d in approved)
    assert validity[m.Validity.EXPIRED] >= 1
    assert validity[m.Validity.EXPIRING] >= 1
    assert any(d.status is m.Status.DRAFT for d in corpus.documents)
    assert any(d.status is m.Status.WITHDRAWN for d in corpus.documents)


def test_documents_cite_the_laws_the_field_rests_on(corpus):
    cited = {ref.sfs for d in corpus.documents for ref in d.references if isinstance(ref, m.LawRef)}
    assert {"2017:612", "2017:30", "2025:400", "1991:1128", "1991:1129"} <= cited


def test_the_law_register_knows_the_new_social_services_act(corpus):
    old = corpus.laws_by_sfs["2001:453"]
    assert old.repealed is not None
    assert (old.repealed.replaced_by, old.repealed.date.isoformat()) == ("2025:400", "2025-07-01")
    assert "10 kap. 8–9 §§" in (old.repealed.note or "")


def test_an_imported_id_is_accepted(corpus):
    assert any(d.id[:2].isdigit() and "-" in d.id for d in corpus.documents)


def test_every_document_points_editors_to_its_schema():
    for path in REPO.glob("routines/**/*.md"):
        assert path.read_text(encoding="utf-8").splitlines()[1] == "# yaml-language-server: $schema=../../schema/document.schema.json", path
