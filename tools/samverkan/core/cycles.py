"""Reporting lines that go round in a circle (``reports_to``).

The organisation chart and the reporting lines on role and forum pages follow
``reports_to`` upwards; a role that reports to itself, or roles (or forums) that report to
each other in a ring, have no top and draw a chart that means nothing. Each ring is reported
once, at the file of its first member in path order, naming every step.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from samverkan.core import model as m
from samverkan.core.problems import Problem, error

if TYPE_CHECKING:
    from samverkan.core.checks import CheckOptions

CODE = "E-CYCLE"


def rings(edges: Mapping[str, str]) -> Iterator[tuple[str, ...]]:
    """Every cycle in a graph where each node has at most one successor, each cycle once."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in sorted(edges):
        path: list[str] = []
        node: str | None = start
        while node is not None and node in edges and state.get(node) is None:
            state[node] = 1
            path.append(node)
            node = edges[node]
        if node is not None and state.get(node) == 1:
            yield tuple(path[path.index(node) :])
        for visited in path:
            state[visited] = 2


def reporting_cycles(corpus: m.Corpus, options: CheckOptions) -> Iterator[Problem]:
    roles = {r.id: r for r in corpus.roles}
    forums = {f.id: f for f in corpus.forums}
    groups = (
        ("rollen", {r.id: r.reports_to.role for r in roles.values() if r.reports_to and r.reports_to.role}, roles, ("reports_to", "role")),
        ("forumet", {f.id: f.reports_to for f in forums.values() if f.reports_to}, forums, ("reports_to",)),
    )
    for noun, edges, items, keys in groups:
        for ring in rings(edges):
            first = min(ring, key=lambda key: items[key].source.path)
            order = ring[ring.index(first) :] + ring[: ring.index(first)]
            source = items[first].source
            if len(order) == 1:
                message = f"{noun} '{first}' rapporterar till sig själv (reports_to)"
            else:
                message = "rapporteringen går runt i en cirkel: " + " → ".join((*order, first))
            yield error(
                source.path,
                source.line(*keys),
                CODE,
                message,
                "$." + ".".join(keys),
                "ange under reports_to den roll eller det forum som står över, så att kedjan slutar högst upp",
            )
