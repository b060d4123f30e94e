"""Pages for roles, forums and parties, with their indexes and the organisation chart."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from samverkan.core import model as m
from samverkan.core.collation import sort_key
from samverkan.site import rawhtml
from samverkan.site.context import SiteContext
from samverkan.site.index import SiteIndex
from samverkan.site.lists import document_table
from samverkan.site.text import (
    escape,
    forum_path,
    href,
    link,
    mail,
    name_link,
    party_path,
    role_path,
)

CONFIRM_LABEL = "Behöver bekräftas"


def _documents_table(docs: list[m.Document], ctx: SiteContext, here: str) -> str:
    return document_table(docs, ctx, here)


def _holder(a: m.Assignment) -> str:
    name = rawhtml.text(a.name) if a.name else ""
    contact = rawhtml.mail_breakable(a.contact) if a.contact else ""
    return " ".join(x for x in (name, contact) if x) or "–"


def _confirmation(a: m.Assignment, ctx: SiteContext) -> str:
    # sv-nobr: a date never breaks at its hyphens on a phone.
    if a.needs_confirmation(ctx.today, ctx.confirm_months):
        return f'{rawhtml.strong(CONFIRM_LABEL)} <span class="sv-nobr">(senast {a.confirmed.isoformat()})</span>'
    return f'<span class="sv-nobr">{a.confirmed.isoformat()}</span>'


def role_page(role: m.Role, corpus: m.Corpus, index: SiteIndex, ctx: SiteContext) -> str:
    # Who holds the role comes first: that is what a reader looking up a key person needs.
    here = role_path(role.id)
    out = [f"# {escape(role.name)}\n", role.description.strip() + "\n"]
    out += _holders(role, corpus, ctx, here)
    out.append("## Ansvar\n")
    out.append("".join(f"- {escape(r)}\n" for r in role.responsibilities))
    if role.reports_to:
        target = role.reports_to
        if target.forum:
            to = name_link(corpus.forums_by_id, target.forum, forum_path, here)
        else:
            to = name_link(corpus.roles_by_id, target.role, role_path, here)
        how_often = f", {target.frequency.label}" if target.frequency else ""
        out.append(f"## Rapporterar till\n\n{to}{how_often}.\n")
    if role.appointed_by:
        out.append(f"**Utses av:** {escape(role.appointed_by)}\n")
    forums = index.forums_by_role.get(role.id, [])
    if forums:
        out.append("## Forum där rollen ingår\n\n" + "".join(f"- {link(f.name, forum_path(f.id), here)}\n" for f in forums))
    docs = index.documents_by_role.get(role.id, [])
    if docs:
        out.append("## Dokument som nämner rollen\n\n" + _documents_table(docs, ctx, here))
    return "\n".join(out)


def _holders(role: m.Role, corpus: m.Corpus, ctx: SiteContext, here: str) -> list[str]:
    out = ["## Vem har rollen\n"]
    if not role.assignments:
        return out + ["Ingen är registrerad för rollen ännu.\n"]
    stale = sum(a.needs_confirmation(ctx.today, ctx.confirm_months) for a in role.assignments)
    if stale:
        out.append(
            f'<p class="sv-stale">{stale} av uppgifterna har inte bekräftats på {ctx.confirm_months} månader. '
            "Stämmer de inte: meddela dokumentägaren eller parten.</p>\n"
        )
    rows = (
        (rawhtml.link(_party_name(corpus, a.party), party_path(a.party), here, ctx.html_links), rawhtml.text(a.unit or "–"), _holder(a), _confirmation(a, ctx))
        for a in sorted(role.assignments, key=lambda a: sort_key(_party_name(corpus, a.party)))
    )
    out.append(_holders_table("Part", rows))
    held = {a.party for a in role.assignments}
    if len(held) * 2 > len(corpus.parties):  # a role most parties have: a missing one is a gap, not a choice
        gaps = [p for p in sorted(corpus.parties, key=lambda p: sort_key(p.name)) if p.id not in held]
        if gaps:
            out.append("**Ingen registrerad hos:** " + ", ".join(link(p.name, party_path(p.id), here) for p in gaps) + ".\n")
    return out


def _holders_table(first: str, rows: Iterable[tuple[str, ...]]) -> str:
    return rawhtml.cards(rawhtml.table((first, "Enhet", "Namn och kontakt", "Senast bekräftad"), rows), "holders")


def _party_name(corpus: m.Corpus, party_id: str) -> str:
    party = corpus.parties_by_id.get(party_id)
    return party.name if party else party_id


def roles_index(corpus: m.Corpus, index: SiteIndex, ctx: SiteContext) -> str:
    here = "roller/index.md"
    rows = []
    for role in sorted(corpus.roles, key=lambda r: sort_key(r.name)):
        stale = sum(a.needs_confirmation(ctx.today, ctx.confirm_months) for a in role.assignments)
        rows.append(
            (
                rawhtml.link(role.name, role_path(role.id), here, ctx.html_links),
                rawhtml.text(role.description.split(". ")[0].rstrip(".")),
                str(len({a.party for a in role.assignments})),
                f"{stale} {CONFIRM_LABEL.lower()}" if stale else "–",
            )
        )
    intro = "Rollerna i samverkan: vad de ansvarar för och vem som har dem hos varje part.\n"
    # Cards on a phone: four columns of prose do not fit 360 px side by side.
    table = rawhtml.labelled_cards(("Roll", "Kort om rollen", "Antal parter", "Att bekräfta"), rows, ("Roll", "", "Antal parter", ""))
    return "# Roller\n\n" + intro + "\n" + table


def forum_page(forum: m.Forum, corpus: m.Corpus, index: SiteIndex, ctx: SiteContext) -> str:
    here = forum_path(forum.id)
    out = [f"# {escape(forum.name)}\n"]
    if forum.description:
        out.append(forum.description.strip() + "\n")
    facts = [f"**Möts:** {forum.cadence.label}"]
    if forum.chair:
        facts.append("**Ordförande:** " + name_link(corpus.roles_by_id, forum.chair, role_path, here))
    if forum.reports_to:
        facts.append("**Rapporterar till:** " + name_link(corpus.forums_by_id, forum.reports_to, forum_path, here))
    out.append("\n".join(f"- {f}" for f in facts) + "\n")
    out.append("## Ledamöter\n")
    out.append("".join(f"- {_member(x, corpus, here)}\n" for x in forum.members))
    out.append("## Beslutar om\n\n" + "".join(f"- {escape(d)}\n" for d in forum.decides))
    reporting = index.roles_reporting_to_forum.get(forum.id, [])
    if reporting:
        out.append("## Roller som rapporterar hit\n\n" + "".join(f"- {link(r.name, role_path(r.id), here)}\n" for r in reporting))
    decided = index.documents_by_forum.get(forum.id, [])
    if decided:
        out.append("## Dokument som forumet har fastställt\n\n" + _documents_table(decided, ctx, here))
    return "\n".join(out)


def _member(member: m.Member, corpus: m.Corpus, here: str) -> str:
    parts = []
    if member.role:
        parts.append(name_link(corpus.roles_by_id, member.role, role_path, here))
    if member.party:
        parts.append(("från " if parts else "") + name_link(corpus.parties_by_id, member.party, party_path, here))
    count = f"{member.count} × " if member.count > 1 else ""
    return count + " ".join(parts)


def organisation_chart(corpus: m.Corpus, ctx: SiteContext, here: str = "forum/index.md") -> str:
    """Forums and who reports where: first as a text tree anyone can read at any width, then,
    when Mermaid is served locally, as a chart at its natural size in a scroll container
    (shrunk to the column its labels were 4–6 px)."""
    children: dict[str, list[m.Forum]] = defaultdict(list)
    roots = []
    for forum in sorted(corpus.forums, key=lambda f: sort_key(f.name)):
        if forum.reports_to in corpus.forums_by_id:
            children[forum.reports_to or ""].append(forum)
        else:
            roots.append(forum)
    reporting: dict[str, list[m.Role]] = defaultdict(list)
    for role in sorted(corpus.roles, key=lambda r: sort_key(r.name)):
        if role.reports_to and role.reports_to.forum in corpus.forums_by_id:
            reporting[role.reports_to.forum or ""].append(role)

    def tree(forum: m.Forum, depth: int) -> list[str]:
        pad = "    " * depth
        lines = [f"{pad}- {link(forum.name, forum_path(forum.id), here)}"]
        lines += [f"{pad}    - {link(r.name, role_path(r.id), here)} *(roll, rapporterar hit)*" for r in reporting[forum.id]]
        for child in children[forum.id]:
            lines += tree(child, depth + 1)
        return lines

    text = "\n".join(line for forum in roots for line in tree(forum, 0)) + "\n"
    intro = "## Organisation\n\nVarje forum står under det forum det rapporterar till, med rollerna som rapporterar dit.\n\n"
    if not ctx.mermaid:
        return intro + text
    # useMaxWidth false: the chart keeps its natural size and the container scrolls instead.
    graph = ['%%{init: {"flowchart": {"useMaxWidth": false}}}%%', "flowchart BT"]  # bottom to top: the highest forum on top
    for forum in corpus.forums:
        graph.append(f'    F_{_node(forum.id)}["{_label(forum.name)}"]')
    for forum in corpus.forums:
        if forum.reports_to in corpus.forums_by_id:
            graph.append(f"    F_{_node(forum.id)} --> F_{_node(forum.reports_to or '')}")
    for role in corpus.roles:
        if role.reports_to and role.reports_to.forum in corpus.forums_by_id:
            graph.append(f'    R_{_node(role.id)}(["{_label(role.name)}"]) -.-> F_{_node(role.reports_to.forum or "")}')
    chart = "```mermaid\n" + "\n".join(graph) + "\n```\n"
    return (
        intro
        + text
        + "\n### Som diagram\n\nPilarna visar vem som rapporterar till vem. Är diagrammet bredare än skärmen kan du dra i sidled.\n\n"
        + '<div class="sv-orgchart" tabindex="0" role="region" aria-label="Organisationsdiagram" markdown>\n\n'
        + chart
        + "\n</div>\n"
    )


def _node(identifier: str) -> str:
    return identifier.replace("-", "_")


def _label(text: str) -> str:
    """A name as a Mermaid label: one line (a newline or backtick could end the code block), and
    Mermaid's own entity codes for the characters that are markup to it."""
    return " ".join(text.split()).translate({ord('"'): "#quot;", ord("<"): "#lt;", ord(">"): "#gt;", ord("`"): "#96;"})


def forums_index(corpus: m.Corpus, index: SiteIndex, ctx: SiteContext) -> str:
    here = "forum/index.md"
    rows = [
        (rawhtml.link(f.name, forum_path(f.id), here, ctx.html_links), f.cadence.label, rawhtml.text("; ".join(d.rstrip(".") for d in f.decides[:2])))
        for f in sorted(corpus.forums, key=lambda f: sort_key(f.name))
    ]
    # mermaid: the page flag that makes the theme load the 2.7 MB Mermaid script here and nowhere else.
    flag = "---\nmermaid: true\n---\n" if ctx.mermaid else ""
    return (
        flag
        + "# Forum\n\nGrupperna där samverkan sker och där besluten om de gemensamma dokumenten fattas.\n\n"
        + rawhtml.labelled_cards(("Forum", "Möts", "Beslutar bland annat om"), rows)
        + "\n"
        + organisation_chart(corpus, ctx)
    )


def party_page(party: m.Party, corpus: m.Corpus, index: SiteIndex, ctx: SiteContext) -> str:
    here = party_path(party.id)
    out = [f"# {escape(party.name)}\n", f"- **Typ av part:** {party.kind.label}"]
    if party.contact:
        out.append(f"- **Kontakt för samverkan:** {mail(party.contact)}")
    if party.website:
        out.append(f"- **Webbplats:** [{escape(party.website)}]({href(party.website)})")
    out.append("\n## Roller hos parten\n")
    held = index.assignments_by_party.get(party.id, [])
    if held:
        rows = (
            (rawhtml.link(role.name, role_path(role.id), here, ctx.html_links), rawhtml.text(a.unit or "–"), _holder(a), _confirmation(a, ctx))
            for role, a in sorted(held, key=lambda x: sort_key(x[0].name))
        )
        out.append(_holders_table("Roll", rows))
    else:
        out.append("Inga roller är registrerade för parten ännu.\n")
    docs = [d for d in index.documents_by_party.get(party.id, []) if d.status is not m.Status.WITHDRAWN]
    out.append("## Dokument som gäller för parten\n")
    out.append(_documents_table(docs, ctx, here) if docs else "Inga dokument gäller för parten just nu.\n")
    return "\n".join(out)


def parties_index(corpus: m.Corpus, index: SiteIndex, ctx: SiteContext) -> str:
    here = "parter/index.md"
    groups: dict[m.PartyKind, list[m.Party]] = defaultdict(list)
    for party in sorted(corpus.parties, key=lambda p: sort_key(p.name)):
        groups[party.kind].append(party)
    out = ["# Parter\n", "Regionen, kommunerna och de privata vårdgivare som de gemensamma dokumenten gäller för.\n"]
    headings = {
        m.PartyKind.REGION: "Region",
        m.PartyKind.MUNICIPALITY: "Kommuner",
        m.PartyKind.PRIVATE_PROVIDER: "Privata vårdgivare",
        m.PartyKind.OTHER: "Andra aktörer",
    }
    for kind in m.PartyKind:
        if groups.get(kind):
            out.append(f"## {headings[kind]}\n")
            out.append(
                "".join(
                    f"- {link(p.name, party_path(p.id), here)} ({sum(d.status is not m.Status.WITHDRAWN for d in index.documents_by_party.get(p.id, []))} dokument)\n"
                    for p in groups[kind]
                )
            )
    return "\n".join(out)
