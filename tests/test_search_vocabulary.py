"""The search page's word list: words with the number of pages using them, one small file per first letter."""

from __future__ import annotations

import json

from samverkan.site.search import vocabulary


def test_each_word_counts_the_pages_that_use_it_and_short_words_are_left_out():
    counts = vocabulary.count([{"vårdplanering", "sip", "av"}, {"vårdplanering", "kallelse"}])
    assert counts == {"vårdplanering": 2, "sip": 1, "kallelse": 1}


def test_words_go_to_the_file_of_their_plain_first_letter(tmp_path):
    counts = vocabulary.count([{"överrapportering", "osäker", "ändring", "2017:612", "äldre"}, {"äldre"}])
    assert vocabulary.write(tmp_path, counts) == 5
    assert json.loads((tmp_path / "o.json").read_text(encoding="utf-8")) == {"osäker": 1, "överrapportering": 1}
    assert json.loads((tmp_path / "a.json").read_text(encoding="utf-8")) == {"äldre": 2, "ändring": 1}
    assert json.loads((tmp_path / "2.json").read_text(encoding="utf-8")) == {"2017:612": 1}


def test_every_letter_has_a_file_so_the_page_never_asks_for_a_missing_one(tmp_path):
    (tmp_path / "gammal.json").write_text("{}", encoding="utf-8")
    vocabulary.write(tmp_path, vocabulary.count([{"sip"}]))
    assert sorted(p.stem for p in tmp_path.iterdir()) == sorted(vocabulary.KEYS)
    assert json.loads((tmp_path / "q.json").read_text(encoding="utf-8")) == {}
