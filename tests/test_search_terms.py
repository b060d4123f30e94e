"""Swedish compound splitting for the search index (pure Python, no browser)."""

from __future__ import annotations

import copy
import json
import time

import pytest
from samverkan.site.search_terms import (
    PARTS_BOOST,
    PARTS_FIELD,
    Splitter,
    add_compound_parts,
    compound_parts,
    split_compound,
    vocabulary,
    words,
)

# A vocabulary as the site would give it: words used on their own somewhere in the text.
SITE_TEXT = """
Utskrivning från slutenvården. Processen beskrivs i rutinen. Samordning och ansvar.
Hemsjukvård och insatser. Metod för handledare. Nyckelpersoner och personer.
Behörighet och administration. Meddelande om inskrivning. Planering av vård.
Verksamheten, överenskommelsen och rutinerna. Kommunerna. Dessutom utom.
Läkare, medverkan. Arbete i grupp. Gemensamma. Hälsa och problem. Planeringen. Rapportering. Ring.
"""
KNOWN = vocabulary([SITE_TEXT])


@pytest.fixture(scope="module")
def splitter() -> Splitter:
    return Splitter(KNOWN)


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("utskrivningsprocessen", ["utskrivning", "processen"]),  # linking s, inflected final part
        ("samordningsansvar", ["samordning", "ansvar"]),
        ("hemsjukvårdsinsatser", ["hemsjukvård", "insatser"]),  # fewest parts: not hem|sjukvård|insatser
        ("nyckelpersonerna", ["nyckel", "personerna"]),
        ("metodhandledaren", ["metod", "handledaren"]),
        ("behörighetsadministrationen", ["behörighet", "administrationen"]),
        ("inskrivningsmeddelandet", ["inskrivning", "meddelandet"]),
        ("läkarmedverkan", ["läkare", "medverkan"]),  # dropped final vowel, reported as the word
        ("arbetsgruppen", ["arbete", "gruppen"]),  # dropped vowel + linking s
        ("hälsoproblem", ["hälsa", "problem"]),  # a → o
        ("processledarna", ["process", "ledarna"]),  # ledare → ledarna
        ("länsgemensamma", ["län", "gemensamma"]),  # three-letter part from the short list
        ("Utskrivningsprocessen", ["utskrivning", "processen"]),  # case does not matter
    ],
)
def test_compounds_are_split_into_known_parts(splitter, word, parts):
    assert list(splitter.split(word.lower())) == parts


@pytest.mark.parametrize(
    "word",
    [
        "verksamheten",  # verksam + het + en: suffixes, not words
        "överenskommelsen",
        "rutinerna",  # an inflected form is not a compound
        "kommunerna",
        "planeringen",  # plane|ringen: 'ring' is not taken as a final part; planering is a unit
        "rapportering",
        "dessutom",  # dess|utom: function words are not parts
        "sjukvård",  # a lexicon word is a unit
        "process",  # too short to be a compound
        "xyzzyplugh",  # unknown
        "a" * 200,  # absurdly long tokens are left alone
    ],
)
def test_non_compounds_are_left_alone(splitter, word):
    assert splitter.split(word) == ()


def test_split_compound_convenience_function():
    assert split_compound("utskrivningsprocessen", {"utskrivning", "process"}) == ["utskrivning", "processen"]
    assert split_compound("processen", {"utskrivning", "process"}) == []


def test_parts_include_the_parts_of_parts(splitter):
    assert splitter.parts("hemsjukvårdsinsatser") == ["hemsjukvård", "insatser", "hem", "sjukvård"]


def test_words_strip_markup_digits_and_hyphens():
    assert list(words('<p class="x">SIP-samordnare, 24 timmar</p> <li>Hälso- och')) == [
        "sip", "samordnare", "timmar", "hälso", "och",
    ]


def test_compound_parts_of_a_text_in_order_without_repeats(splitter):
    text = "<p>Utskrivningsprocessen och samordningsansvar.</p> Utskrivningsprocessen igen; rutinerna."
    assert compound_parts(text, splitter) == ["utskrivning", "processen", "samordning", "ansvar"]


def _index() -> dict:
    return {
        "config": {
            "lang": ["sv"],
            "separator": "[\\s\\-]+",
            "pipeline": ["stopWordFilter"],
            "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}},
        },
        "docs": [
            {"location": "", "title": "Start", "text": "<p>Processen för utskrivning.</p>"},
            {"location": "dokument/A/", "title": "Rutin för utskrivningsprocessen", "text": "<p>Samordningsansvar.</p>"},
            {"location": "dokument/A/#syfte", "title": "Syfte", "text": "<p>Ansvar och samordning.</p>", "tags": ["x"]},
        ],
    }


def test_add_compound_parts_adds_a_field_to_every_doc_and_to_the_config():
    index = _index()
    before = copy.deepcopy(index)
    result = add_compound_parts(index)
    assert index == before  # the input is not changed
    assert [d[PARTS_FIELD] for d in result["docs"]] == ["", "utskrivning processen samordning ansvar", ""]
    assert result["config"]["fields"][PARTS_FIELD] == {"boost": PARTS_BOOST}
    assert {k: v for k, v in result["config"]["fields"].items() if k != PARTS_FIELD} == before["config"]["fields"]
    for new, old in zip(result["docs"], before["docs"]):
        assert {k: v for k, v in new.items() if k != PARTS_FIELD} == old
    json.dumps(result)  # still plain JSON


def test_a_boost_set_in_mkdocs_yml_is_kept():
    index = _index()
    index["config"]["fields"][PARTS_FIELD] = {"boost": 7.0}
    assert add_compound_parts(index)["config"]["fields"][PARTS_FIELD] == {"boost": 7.0}


def test_add_compound_parts_is_deterministic():
    assert json.dumps(add_compound_parts(_index())) == json.dumps(add_compound_parts(_index()))


def test_time_grows_linearly_with_the_text():
    base = SITE_TEXT + " utskrivningsprocessen hemsjukvårdsinsatser samordningsansvar läkarmedverkan"

    def run(copies: int) -> float:
        index = {"config": {}, "docs": [{"location": f"d{i}/", "title": "Titel", "text": base} for i in range(copies)]}
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            add_compound_parts(index)
            best = min(best, time.perf_counter() - start)
        return best

    small, large = run(200), run(2000)
    assert large < 10 * small * 3  # 10× the text: about 10× the time (quadratic would be 100×)


# That the module imports no MkDocs and reads no clock is checked for every core module in
# test_architecture.py.


def test_the_built_site_search_index_carries_compound_parts(example_site):
    """The plugin runs add_compound_parts on search/search_index.json after Material wrote it."""
    index = json.loads((example_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert PARTS_FIELD in index["config"]["fields"], "mkdocs.yml's search block should list the field"
    with_parts = [doc["location"] for doc in index["docs"] if doc.get(PARTS_FIELD)]
    assert with_parts, (
        "no entry of search_index.json has compound parts: the samverkan plugin's on_post_build "
        "should rewrite the index with samverkan.search_terms.add_compound_parts"
    )
    uts = " ".join(doc.get(PARTS_FIELD, "") for doc in index["docs"] if doc["location"].startswith("dokument/EXL-UTS-001/"))
    assert "processen" in uts.split()  # from "utskrivningsprocessen"
