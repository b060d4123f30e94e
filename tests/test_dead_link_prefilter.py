"""The quick look that spares most texts the line-by-line search for dead links never misses one."""

from __future__ import annotations

from unittest.mock import patch

from hypothesis import example, given, settings
from hypothesis import strategies as st

from samverkan.core import dead_links as module
from samverkan.core.dead_links import dead_links, may_link_to_a_file

PIECES = ["[", "]", "(", ")", "<", ">", "`", "```", "\n", " ", "#", "/", "../", "x.pdf", "https:", "a", "](", "~~~", "    ",
          "[a](x.pdf)", "[a](<x.pdf>)", "[a]( ../../../x.pdf 'titel')", "![b](<https://x>)", "[a](mailto:a)", "[a](#x)",
          "[r]: x.pdf", "[r]: <../../../x.pdf>", "[r]: https://x", "[a][r]", "[r]", "]:"]


@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
@settings(max_examples=500, deadline=None)
@example("Se [protokollet][p].\n\n[p]: ../../../protokoll.pdf\n")
@example("Se [protokollet](<../bilaga.pdf>).")
def test_a_text_the_quick_look_passes_has_no_dead_link(text):
    # Everything refused: any link that reaches a file at all counts as dead.
    everything = frozenset({"routines", "x.pdf", "a"})
    if not may_link_to_a_file(text):
        with patch.object(module, "may_link_to_a_file", lambda body: True):  # the full search, without the quick look
            assert not list(dead_links("routines/a/doc.md", text, everything))
