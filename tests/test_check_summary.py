"""The last line of `samverkan check`: how many files were read, of which kinds, in plain Swedish.

Every file read is counted once, also a role, forum or party the schema refuses (as a refused
document is), so the numbers in the parenthesis add up to the number of files.
"""

from __future__ import annotations

import shutil

from conftest import FIXTURES


def test_the_example_content_is_summed_up_in_words_that_add_up(run_check, check_json):
    _, out, _ = run_check("--no-base", "--no-cache")
    assert out.splitlines()[-1].startswith(
        "Kontrollerade 57 filer den 2026-12-01: 24 dokument, 14 roller, 6 forum, 11 parter, "
        "lagregistret med 13 lagar och synonymlistan. Utan jämförelse med huvudgrenen (--no-base)."
    )
    _, report = check_json("--no-base", "--no-cache")
    s = report["summary"]
    assert s["files"] == s["documents"] + s["roles"] + s["forums"] + s["parties"] + s["law_files"] + s["synonym_files"]


def test_a_role_forum_or_party_the_schema_refuses_is_still_counted(tmp_path, check_json, run_check):
    tree = tmp_path / "innehall"
    shutil.copytree(FIXTURES / "valid", tree)
    (tree / "roles" / "utan-namn.yml").write_text("id: utan-namn\ndescription: Namnet saknas.\n", encoding="utf-8")
    (tree / "roles" / "forums" / "trasigt.yml").write_text("id: trasigt\nname: Forum\n  cadence: monthly\n", encoding="utf-8")
    (tree / "roles" / "parties" / "fel-typ.yml").write_text("id: fel-typ\nname: Part\nkind: foretag\n", encoding="utf-8")
    _, report = check_json("--no-base", root=tree)
    s = report["summary"]
    assert (s["roles"], s["forums"], s["parties"]) == (2, 2, 3)
    assert s["files"] == s["documents"] + s["roles"] + s["forums"] + s["parties"] + s["law_files"] + s["synonym_files"]
    _, out, _ = run_check("--no-base", root=tree)
    assert ": 2 dokument, 2 roller, 2 forum, 3 parter och lagregistret med 3 lagar. Utan" in out.splitlines()[-1]
