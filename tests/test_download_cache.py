"""The site's PDF and Word copies: made several at once and kept by content."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, REPO, TODAY
from samverkan.core.loader import load
from samverkan.core.schemas import SchemaSet
from samverkan.external import pandoc
from samverkan.site.downloads import DownloadCache


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
    assert all(content.startswith(b"PK") for content in made.values())
    assert cache.missing(("docx",)) == []

    def no_pandoc(*args, **kwargs):
        raise AssertionError("a cached copy was made again")

    monkeypatch.setattr(pandoc, "from_ast", no_pandoc)
    assert dict(_cache(loaded, tmp_path).files(("docx",))) == made  # type: ignore[arg-type]
