"""The search page's word list: words with the number of pages using them, one small file per first two letters
and one per first and third letter."""

from __future__ import annotations

import json

from samverkan.site.search import vocabulary


def test_each_word_counts_the_pages_that_use_it_and_short_words_are_left_out():
    counts = vocabulary.count([{"vårdplanering", "sip", "av"}, {"vårdplanering", "kallelse"}])
    assert counts == {"vårdplanering": 2, "sip": 1, "kallelse": 1}


def test_words_go_to_the_file_of_their_folded_first_two_letters(tmp_path):
    counts = vocabulary.count([{"överrapportering", "oväntad", "ändring", "2017:612", "äldre", "e-tjänst"}, {"äldre"}])
    assert vocabulary.write(tmp_path, counts) == 6
    read = lambda name: json.loads((tmp_path / name).read_text(encoding="utf-8"))  # noqa: E731
    assert read("ov.json") == {"oväntad": 1, "överrapportering": 1}
    assert read("al.json") == {"äldre": 2}
    assert read("an.json") == {"ändring": 1}
    assert read("20.json") == {"2017:612": 1}
    assert read("e_.json") == {"e-tjänst": 1}


def test_an_index_lists_the_files_so_the_page_never_asks_for_a_missing_one(tmp_path):
    (tmp_path / "gammal.json").write_text("{}", encoding="utf-8")
    vocabulary.write(tmp_path, vocabulary.count([{"sip", "samtycke", "kallelse"}]))
    index = json.loads((tmp_path / vocabulary.INDEX).read_text(encoding="utf-8"))
    assert index == ["k-l", "ka", "s-m", "s-p", "sa", "si"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([vocabulary.INDEX, *(f"{k}.json" for k in index)])


def test_each_word_is_also_filed_by_its_first_and_third_letters_for_slips_in_the_second(tmp_path):
    """ "lkemedel" and "lökemedel" look in l-k.json, where "läkemedel" is; so does "lkäemedel"."""
    vocabulary.write(tmp_path, vocabulary.count([{"läkemedel", "lokal", "e-tjänst"}]))
    read = lambda name: json.loads((tmp_path / name).read_text(encoding="utf-8"))  # noqa: E731
    assert read("l-k.json") == {"läkemedel": 1, "lokal": 1}
    assert read("la.json") == {"läkemedel": 1}
    assert read("e-t.json") == {"e-tjänst": 1}
