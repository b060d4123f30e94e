"""How the site search reads Swedish: the dictionary, compounds, synonyms, and what is indexed.

The browser test (tests/browser/test_search_sv.py) measures the search as a whole; these
tests pin down each piece with small inputs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, TODAY
from samverkan.core import model as m
from samverkan.core.followup import DocState
from samverkan.core.yamlsource import Source
from samverkan.external import pagefind
from samverkan.site.search.compounds import Splitter
from samverkan.site.search.entries import SearchEntry, entries, html_path, summary
from samverkan.site.search.hunspell import Lexicon, swedish
from samverkan.site.search.prepare import TERMS_MARKER, page_terms, prepare
from samverkan.site.search.ranking import RANKS
from samverkan.site.search.synonyms import Thesaurus

MINI = FIXTURES / "search" / "mini.dic"


@pytest.fixture(scope="module")
def mini() -> Splitter:
    return Splitter(Lexicon.read(MINI))


@pytest.fixture(scope="module")
def sv() -> Splitter:
    """The installed Swedish dictionary (hunspell-sv), read once."""
    return Splitter(swedish())


# --- the dictionary reader ------------------------------------------------------------------


def test_the_reader_knows_base_forms_through_the_suffix_rules():
    lexicon = Lexicon.read(MINI)
    assert lexicon.base_forms("processen") == ["process"]
    assert lexicon.base_forms("listor") == ["lista"]
    assert lexicon.is_word("planeringar") and not lexicon.is_word("planeringor")


def test_a_joining_s_makes_a_first_part_and_the_compound_flags_decide_the_places():
    lexicon = Lexicon.read(MINI)
    assert lexicon.can_begin("utskrivnings") == "utskrivning"
    assert lexicon.can_begin("utskrivning") is None  # only with its joining s
    assert lexicon.can_end("processen") == "process"
    assert lexicon.can_end("med") is None


def test_compounds_split_into_the_fewest_parts_with_their_base_forms(mini):
    split = mini.split("utskrivningsprocessen")
    assert split is not None
    assert split.parts == ("utskrivnings", "processen")
    assert split.bases == ("utskrivning", "process")
    assert mini.parts("utskrivningsprocessen") == ["utskrivning", "process", "processen"]


def test_words_that_are_not_compounds_stay_whole(mini):
    assert mini.split("processen") is None
    assert mini.split("meddelande") is None  # "med" may not begin a compound
    assert mini.parts("planering") == []


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("utskrivningsplanering", {"utskrivning", "planering"}),
        ("hemsjukvårdsansvaret", {"hem", "sjukvård", "ansvar", "ansvaret"}),
        ("läkemedelsgenomgång", {"läkemedel", "genomgång"}),
        ("inskrivningsmeddelande", {"inskrivning", "meddelande"}),
        ("vårdcentralen", {"vård", "central", "centralen"}),
        ("ventilatorbehandling", {"ventilator", "behandling"}),
    ],
)
def test_the_swedish_dictionary_splits_real_compounds(sv, word, parts):
    assert parts <= set(sv.parts(word)), sv.parts(word)


@pytest.mark.parametrize("word", ["processen", "meddelande", "planering", "samordning", "information"])
def test_the_swedish_dictionary_leaves_plain_words_alone(sv, word):
    assert sv.parts(word) == []


# --- synonyms -----------------------------------------------------------------------------------


def _thesaurus(*groups: tuple[str, ...]) -> Thesaurus:
    source = Source("roles/synonymer.yml", {})
    return Thesaurus.of(m.SynonymGroup(terms=g, source=source) for g in groups)


def test_a_page_using_one_term_of_a_group_is_also_found_by_the_others():
    thesaurus = _thesaurus(("apodos", "dosdispensering"), ("självmord", "suicid"))
    assert thesaurus.additions({"dosdispensering", "lista"}, "Dosdispensering och lista") == ["apodos"]


def test_phrases_match_words_in_order_only():
    thesaurus = _thesaurus(("trygg hemgång", "hemgång efter sjukhus"))
    assert thesaurus.additions(set(), "En trygg hemgång för patienten") == ["hemgång efter sjukhus"]
    assert thesaurus.additions(set(), "Hemgång som känns trygg") == []


def test_a_broken_thesaurus_is_reported_with_file_and_line(tmp_path, run_check):
    tree = tmp_path / "tree"
    shutil.copytree(FIXTURES / "valid", tree)
    shutil.copytree(REPO / "schema", tree / "schema")
    shutil.copy(FIXTURES / "search" / "bad-synonymer.yml", tree / "roles" / "synonymer.yml")
    status, out, _ = run_check(root=tree)
    assert status == 1
    assert "roles/synonymer.yml:3: E-SCHEMA" in out  # a group of one
    assert "roles/synonymer.yml:4: E-SCHEMA" in out  # capitals
    assert "roles/synonymer.yml:2:" not in out


def test_a_term_in_two_groups_is_a_warning_at_the_second_group(tmp_path, run_check):
    tree = tmp_path / "tree"
    shutil.copytree(FIXTURES / "valid", tree)
    shutil.copytree(REPO / "schema", tree / "schema")
    shutil.copy(FIXTURES / "search" / "repeated-synonymer.yml", tree / "roles" / "synonymer.yml")
    status, out, _ = run_check(root=tree)
    assert "roles/synonymer.yml:4: W-SYNONYM-REPEATED 'dosdispensering' finns redan i gruppen på rad 2" in out
    assert status == 0


def test_the_example_thesaurus_is_valid_and_loaded(check_json):
    status, report = check_json()
    assert not [p for p in report["problems"] if p["path"] == "roles/synonymer.yml"]
    assert status == 0


# --- what is indexed ------------------------------------------------------------------------------


def test_pages_land_where_directory_urls_put_them():
    assert html_path("dokument/EXL-UTS-001.md") == "dokument/EXL-UTS-001/index.html"
    assert html_path("sok/index.md") == "sok/index.html"


def test_the_summary_is_the_first_plain_paragraph():
    body = "## Syfte\n\nRutinen **beskriver** hur [planen](x.md) görs.\n\n- en punkt\n"
    assert summary(body) == "Rutinen beskriver hur planen görs."


def test_documents_roles_forums_and_parties_are_indexed_and_lists_are_not(check_json):
    from samverkan.core.loader import load
    from samverkan.core.runner import default_schema_dir
    from samverkan.core.schemas import SchemaSet

    corpus = load(REPO, SchemaSet.load(default_schema_dir(REPO))).corpus
    found = {e.html_path: e for e in entries(corpus, TODAY, 90)}
    assert len(found) == len(corpus.documents) + len(corpus.roles) + len(corpus.forums) + len(corpus.parties)
    assert not [p for p in found if p.startswith(("typer/", "omraden/", "status/", "taggar/", "andringar/"))]
    draft = dict(found["dokument/EXL-UTS-005/index.html"].meta)
    assert (draft["status"], draft["statustext"]) == ("draft", "Utkast")
    withdrawn = dict(found["dokument/EXL-IT-003/index.html"].filters)
    assert withdrawn["status"] == "Upphävd" and withdrawn["rang"] == str(RANKS[DocState.WITHDRAWN])
    agreement = found["dokument/EXL-UTS-001/index.html"]
    assert dict(agreement.filters)["rang"] == "1"
    assert "EXL-UTS-001" in agreement.details and "HSL" in agreement.details  # id and a referred law


def _entry(**kw) -> SearchEntry:
    defaults = dict(
        html_path="dokument/X/index.html",
        title="Rutin för läkemedelsgenomgång",
        keywords=("dosdispensering",),
        body="Utskrivningsprocessen beskrivs här.",
        rank=1,
        filters=(("typ", "Rutin"), ("status", "Gäller")),
        meta=(("title", "Rutin för läkemedelsgenomgång"), ("agare", "MAS & co")),
        details=("EXL-X-001", "Hälso- och sjukvårdslag", "HSL"),
    )
    return SearchEntry(**{**defaults, **kw})


def test_a_prepared_page_indexes_its_article_only_and_carries_terms_after_the_marker(sv):
    html = '<html lang="sv"><body><nav>Meny</nav><article class="md-content__inner"><h1>T</h1><p>Text</p></article><footer>F</footer></body></html>'
    entry = _entry()
    prepared = prepare(html, entry, page_terms(entry, sv, _thesaurus(("apodos", "dosdispensering"))))
    assert prepared is not None
    assert '<article class="md-content__inner" data-pagefind-body>' in prepared
    article = prepared[prepared.index("<article") : prepared.index("</article>")]
    assert "<nav>" not in article
    assert article.index("<p>Text</p>") < article.index(TERMS_MARKER)
    terms = article[article.index(TERMS_MARKER) :]
    assert '<p data-pagefind-weight="8">dosdispensering.</p>' in terms
    assert "genomgång" in terms and "apodos" in terms  # a title part, a keyword's synonym
    assert "utskrivning" in terms and "processen" in terms  # parts of the text's compound
    assert "EXL-X-001. Hälso- och sjukvårdslag. HSL." in terms  # the panel's facts, after the marker
    assert '<span data-pagefind-meta="agare">MAS &amp; co</span>' in article  # escaped
    assert '<div data-pagefind-ignore hidden><span data-pagefind-filter="typ">Rutin</span>' in article


def test_a_page_without_an_article_or_main_element_is_not_indexed(sv):
    entry = _entry()
    assert prepare("<html><body><p>Bara text</p></body></html>", entry, page_terms(entry, sv, _thesaurus())) is None


# --- the external tool ------------------------------------------------------------------------------


def test_a_missing_pagefind_is_one_clear_swedish_error(monkeypatch, tmp_path):
    monkeypatch.setenv("PAGEFIND", str(tmp_path / "ingen-pagefind"))
    with pytest.raises(pagefind.PagefindUnavailable, match="finns inte"):
        pagefind.find_pagefind()


def test_the_installed_pagefind_is_version_one_point_five_or_later():
    major, minor = (int(x) for x in pagefind.version().split()[-1].split(".")[:2])
    assert (major, minor) >= (1, 5)


def test_search_index_refuses_a_folder_that_is_no_built_site(tmp_path, capsys):
    from samverkan.cli import main

    assert main(["search-index", str(tmp_path), "--root", str(REPO)]) == 2
    assert "ingen byggd webbplats" in capsys.readouterr().err


def test_search_index_help_says_what_the_window_and_the_date_decide(capsys):
    from samverkan.cli import main

    with pytest.raises(SystemExit):
        main(["search-index", "--help"])
    text = " ".join(capsys.readouterr().out.split())  # argparse wraps to the terminal's width
    assert "--within DAGAR hur många dagar innan giltighetstiden går ut som ett dokument står som ”Går snart ut”" in text
    assert "expiry_window_days i mkdocs.yml) (standard: 90)" in text
    assert "--today DATUM datum som alla beräkningar utgår från" in text


def _index_and_words(site: Path) -> dict[str, bytes]:
    """Pagefind's index chunks and page fragments (each named by its content; the chunks number the
    pages, which decides between results of equal score) and the search page's word list."""
    folders = [site / "pagefind" / "index", site / "pagefind" / "fragment", site / "sok" / "ordlista"]
    return {p.relative_to(site).as_posix(): p.read_bytes() for folder in folders for p in sorted(folder.iterdir())}


def test_search_index_indexes_a_built_site_folder(example_site, tmp_path, capsys):
    """The same indexing as the MkDocs build, for a site built any other way: the same index and
    word list, so every query ranks the pages in the same order as on the MkDocs build."""
    from samverkan.cli import main

    site = tmp_path / "site"
    shutil.copytree(example_site, site, ignore=shutil.ignore_patterns("pagefind", "*.pdf", "*.docx"))
    assert not (site / "pagefind").exists()
    assert main(["search-index", str(site), "--root", str(REPO), "--today", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert (site / "pagefind" / "pagefind.js").is_file() and (site / "sok" / "ordlista" / "index.json").is_file()
    pages = len(list((site / "pagefind" / "fragment").iterdir()))
    assert f"Sökningen omfattar {pages} sidor" in out and pages > 50
    assert _index_and_words(site) == _index_and_words(example_site)
