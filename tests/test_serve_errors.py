"""`make serve` with a content error: the browser gets the site with a box naming file and line,
and the box goes away by itself once the file is fixed.

A real `mkdocs serve` on 127.0.0.1 and a free port, on a small fixture tree; the polling waits
for the server and its rebuild (generous limits, no timing assertions).
"""

from __future__ import annotations

import pytest
from samverkan.site.problem_banner import BANNER_CLASS, problem_banner
from serving import serving, wait_for
from sitebuild import mini_tree


def test_the_box_escapes_every_line_and_is_empty_without_errors():
    box = problem_banner(["routines/a.md:3: E-REF okänd roll '<script>'"])
    assert 'role="alert"' in box and "Innehållet har 1 fel" in box and "&lt;script&gt;" in box and "<script>" not in box
    assert problem_banner([]) == ""


@pytest.mark.slow
def test_serve_shows_content_errors_on_the_page_and_recovers_when_fixed(tmp_path):
    tree = mini_tree(tmp_path)
    doc = tree / "routines" / "utskrivning" / "rutin.md"
    good = doc.read_text(encoding="utf-8")
    doc.write_text(good.replace("roles: [processledare]", "roles: [metodhandldare]"), encoding="utf-8")
    with serving(tree / "mkdocs.yml") as (server, url):
        page = url + "dokument/TST-001/"
        broken = wait_for(server, page, lambda text: BANNER_CLASS in text)
        assert "routines/utskrivning/rutin.md:18: E-REF okänd roll &#x27;metodhandldare&#x27;" in broken
        assert "Rutin för utskrivning" in broken  # the page itself is there too
        start = wait_for(server, url, lambda text: BANNER_CLASS in text)
        assert "Innehållet har 1 fel" in start

        doc.write_text(good, encoding="utf-8")
        fixed = wait_for(server, page, lambda text: BANNER_CLASS not in text)
        assert "Rutin för utskrivning" in fixed
    # The terminal says it too.
    assert "fel: routines/utskrivning/rutin.md:18: E-REF" in server.stderr_text  # type: ignore[attr-defined]


def test_the_warning_after_a_build_with_errors_counts_documents_and_other_files():
    from samverkan.core.problems import error, warning
    from samverkan.site.problem_banner import published_with_errors

    problems = [
        error("routines/a/x.md", 3, "E-REF", "okänd roll 'r'"),
        error("routines/a/x.md", 9, "E-DATE", "fel datum"),
        error("routines/b/y.md", 2, "E-SCHEMA", "uppgift saknas"),
        error("roles/r.yml", 1, "E-SCHEMA", "uppgift saknas"),
        warning("routines/c/z.md", 8, "W-EXPIRED", "utgången"),
    ]
    assert "trots fel i innehållet: 2 dokument och 1 annan fil har fel" in published_with_errors(problems)
    assert published_with_errors(problems[-1:]) is None  # warnings publish as they should
