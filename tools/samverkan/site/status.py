"""Document health at a glance: counts, the expiry chart (inline SVG made here), owners, stale assignments."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from samverkan.core import model as m
from samverkan.core.collation import sort_key
from samverkan.core.dates import add_months
from samverkan.site.context import SiteContext
from samverkan.site.index import SiteIndex
from samverkan.site.text import (
    MONTHS,
    area_label,
    area_path,
    document_path,
    escape,
    link,
    name_link,
    party_path,
    role_path,
    table,
)


def expiry_by_month(corpus: m.Corpus, today: dt.date, months: int = 12) -> tuple[int, list[tuple[dt.date, int]]]:
    """(already expired, [(first day of month, number expiring that month)]) for approved documents."""
    start = today.replace(day=1)
    buckets = [add_months(start, i) for i in range(months)]
    counts: Counter[dt.date] = Counter()
    expired = 0
    for doc in corpus.documents:
        if not doc.status.is_in_force:
            continue
        if doc.valid_until < today:
            expired += 1
        else:
            month = doc.valid_until.replace(day=1)
            if month in buckets:
                counts[month] += 1
    return expired, [(b, counts[b]) for b in buckets]


def _month(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1][:3]} {day.year % 100:02d}"


def expiry_chart(expired: int, months: list[tuple[dt.date, int]]) -> str:
    """A bar chart as inline SVG: no script, no third-party request, prints well."""
    bars = [("Utgångna", expired, True)] + [(_month(day), n, False) for day, n in months]
    top = max([n for _, n, _ in bars] + [1])
    width, height, left, bottom, step = 720, 240, 34, 40, 52
    scale = (height - bottom - 20) / top
    parts = [
        f'<svg class="sv-chart" viewBox="0 0 {width} {height}" role="img" aria-labelledby="sv-chart-title sv-chart-desc" xmlns="http://www.w3.org/2000/svg">',
        '<title id="sv-chart-title">Dokument som går ut per månad</title>',
        f'<desc id="sv-chart-desc">Stapeldiagram. {expired} dokument har redan gått ut. '
        + ", ".join(f"{_month(d)}: {n}" for d, n in months)
        + ". Samma siffror finns i tabellen under diagrammet.</desc>",
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 4}" y2="{height - bottom}" stroke="#595959"/>',
    ]
    for i, (label, n, alarm) in enumerate(bars):
        x = left + 8 + i * step
        h = n * scale
        y = height - bottom - h
        colour = "#b3261e" if alarm else "#1f5f99"
        parts.append(f'<rect x="{x}" y="{y:.1f}" width="36" height="{h:.1f}" fill="{colour}"/>')
        parts.append(f'<text x="{x + 18}" y="{y - 4:.1f}" text-anchor="middle" font-size="13" fill="#1a1a1a">{n}</text>')
        parts.append(f'<text x="{x + 18}" y="{height - bottom + 16}" text-anchor="middle" font-size="11" fill="#1a1a1a">{escape(label)}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def status_page(corpus: m.Corpus, index: SiteIndex, ctx: SiteContext) -> str:
    here = "status/index.md"
    out = ["# Status för dokumenten\n", "En översikt för dem som förvaltar webbplatsen: vad som gäller, vad som snart behöver ses över och vilka uppgifter om roller som behöver bekräftas.\n"]

    statuses = Counter(d.status for d in corpus.documents)
    out.append("## Dokument per status\n\n" + table(("Status", "Antal"), [(s.label.capitalize(), str(statuses[s])) for s in m.Status]))

    areas = sorted(index.documents_by_area, key=sort_key)
    rows = []
    for area in areas:
        per = Counter(d.status for d in index.documents_by_area[area])
        rows.append((link(area_label(area), area_path(area), here), *(str(per[s]) for s in m.Status)))
    out.append("## Dokument per område\n\n" + table(("Område", *(s.label.capitalize() for s in m.Status)), rows))

    expired, months = expiry_by_month(corpus, ctx.today)
    out.append("## Giltighet de kommande tolv månaderna\n\nFastställda dokument vars giltighetstid har gått ut, och hur många som går ut varje månad framöver.\n")
    out.append('<figure class="sv-figure">\n' + expiry_chart(expired, months) + "</figure>\n")
    out.append(table(("Månad", "Går ut"), [("Redan utgångna", str(expired))] + [(f"{MONTHS[d.month - 1]} {d.year}", str(n)) for d, n in months]))

    out.append("## Per dokumentägare\n")
    owners: dict[str, Counter] = {}
    for doc in corpus.documents:
        if doc.status.is_in_force:
            owners.setdefault(doc.owner.role, Counter())[doc.validity(ctx.today, ctx.window_days)] += 1
    rows = []
    for role_id in sorted(owners, key=lambda r: sort_key(corpus.roles_by_id[r].name if r in corpus.roles_by_id else r)):
        c = owners[role_id]
        rows.append(
            (
                name_link(corpus.roles_by_id, role_id, role_path, here),
                str(sum(c.values())),
                str(c[m.Validity.EXPIRED]),
                str(c[m.Validity.EXPIRING]),
            )
        )
    out.append(table(("Dokumentägare", "Fastställda dokument", "Utgångna", f"Går ut inom {ctx.window_days} dagar"), rows))

    out.append(f"## Uppgifter om roller som behöver bekräftas\n\nUppgifter som inte har bekräftats på {ctx.confirm_months} månader.\n")
    stale = [
        (role, a)
        for role in sorted(corpus.roles, key=lambda r: sort_key(r.name))
        for a in role.assignments
        if a.needs_confirmation(ctx.today, ctx.confirm_months)
    ]
    if stale:
        rows = [
            (
                link(role.name, role_path(role.id), here),
                name_link(corpus.parties_by_id, a.party, party_path, here),
                escape(a.name or a.contact or "–"),
                a.confirmed.isoformat(),
            )
            for role, a in stale
        ]
        out.append(table(("Roll", "Part", "Vem", "Senast bekräftad"), rows))
    else:
        out.append("Alla uppgifter är bekräftade.\n")
    due = sorted(
        (d for d in corpus.documents if d.status.is_in_force and d.validity(ctx.today, ctx.window_days) in (m.Validity.EXPIRED, m.Validity.EXPIRING)),
        key=lambda d: d.valid_until,
    )
    if due:
        rows = [
            (
                link(d.title, document_path(d), here),
                d.valid_until.isoformat(),
                "Har gått ut" if d.valid_until < ctx.today else "Går snart ut",
                name_link(corpus.roles_by_id, d.owner.role, role_path, here),
            )
            for d in due
        ]
        out.append(f"## Utgångna och snart utgående dokument\n\nFastställda dokument som har gått ut eller går ut inom {ctx.window_days} dagar.\n\n" + table(("Dokument", "Giltigt t.o.m.", "Läge", "Dokumentägare"), rows))
    return "\n".join(out)
