"""Document health at a glance: counts, the expiry chart (inline SVG made here), owners, stale assignments."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Mapping

from samverkan.core import model as m
from samverkan.core.dates import add_months
from samverkan.core.followup import COLUMNS, FollowUp, StateRow, follow_up, to_markdown
from samverkan.site import rawhtml
from samverkan.site.context import SiteContext
from samverkan.site.index import SiteIndex
from samverkan.site.status_markup import status_chip
from samverkan.site.text import (
    MONTHS,
    area_label,
    area_path,
    document_path,
    escape,
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


FOLLOW_UP_CSV = "status/uppfoljning.csv"
"""The dated follow-up report as CSV, published beside the status page."""


def _state_table(first: str, rows: tuple[StateRow, ...], name: Callable[[StateRow], str]) -> str:
    headers = (first, *(f'<span class="sv-legend sv-status--{s.value}">{s.label}</span>' for s in COLUMNS))
    rows_out = [(name(r), *(rawhtml.strong(str(n)) if n and s.needs_action else str(n) for s, n in zip(COLUMNS, r.counts))) for r in rows]
    return rawhtml.labelled_cards(headers, rows_out, (first, *(s.label for s in COLUMNS)))


def status_page(corpus: m.Corpus, index: SiteIndex, ctx: SiteContext, report: FollowUp) -> str:
    """The status page, from the follow-up ``report`` of the same corpus (the CSV beside it is made from it too)."""
    here = "status/index.md"

    def link(label: str, target: str) -> str:
        return rawhtml.link(label, target, here, ctx.html_links)

    def name_link(items_by_id: Mapping[str, object], key: str | None, path: Callable[[str], str]) -> str:
        return rawhtml.name_link(items_by_id, key, path, here, ctx.html_links)

    summary = to_markdown(report).split("\n\n", 2)[1]  # the report's one-paragraph answer
    out = [
        "# Status för dokumenten\n",
        "För ledningsgrupper, revisorer och dem som förvaltar webbplatsen: har vi kontroll på våra gemensamma "
        "styrdokument? " + summary + "\n",  # numbers and dates only, no metadata
        f"Samma uppgifter som daterad uppföljningsrapport att bifoga protokollet: [ladda ner som CSV](uppfoljning.csv) "
        "(PDF och Markdown med kommandot `samverkan uppfoljning`).\n",
    ]
    out.append("## Per område\n\n" + _state_table("Område", report.by_area, lambda r: link(area_label(r.key), area_path(r.key))))
    out.append(
        "## Per dokumentägare\n\n"
        + _state_table("Dokumentägare", report.by_owner, lambda r: name_link(corpus.roles_by_id, r.key, role_path))
    )

    expired, months = expiry_by_month(corpus, ctx.today)
    out.append("## Giltighet de kommande tolv månaderna\n\nFastställda dokument vars giltighetstid har gått ut, och hur många som går ut varje månad framöver.\n")
    out.append('<figure class="sv-figure">\n' + expiry_chart(expired, months) + "</figure>\n")
    out.append(table(("Månad", "Går ut"), [("Redan utgångna", str(expired))] + [(f"{MONTHS[d.month - 1]} {d.year}", str(n)) for d, n in months]))

    out.append(f"## Uppgifter om roller som behöver bekräftas, per part\n\nUppgifter som inte har bekräftats på {ctx.confirm_months} månader.\n")
    if report.confirmations:
        rows = [
            (
                name_link(corpus.parties_by_id, c.party, party_path),
                name_link(corpus.roles_by_id, c.role, role_path),
                rawhtml.text(c.holder),
                c.confirmed.isoformat(),
            )
            for c in report.confirmations
        ]
        out.append(rawhtml.labelled_cards(("Part", "Roll", "Vem", "Senast bekräftad"), rows))
    else:
        out.append("Alla uppgifter är bekräftade.\n")

    out.append("## Dokument som har passerat översynsintervallet\n\nFastställda dokument vars senaste beslut är äldre än dokumentets översynsintervall (normalt 24 månader).\n")
    if report.review_due:
        rows = [(link(r.document.title, document_path(r.document)), r.reviewed.isoformat(), r.due.isoformat()) for r in report.review_due]
        out.append(rawhtml.labelled_cards(("Dokument", "Senaste beslut", "Översyn senast"), rows))
    else:
        out.append("Inga dokument har passerat sitt översynsintervall.\n")

    due = sorted(
        (d for d in corpus.documents if d.status.is_in_force and d.validity(ctx.today, ctx.window_days) in (m.Validity.EXPIRED, m.Validity.EXPIRING)),
        key=lambda d: d.valid_until,
    )
    if due:
        rows = [
            (
                link(d.title, document_path(d)),
                d.valid_until.isoformat(),
                status_chip(d, ctx.today, ctx.window_days),
                name_link(corpus.roles_by_id, d.owner.role, role_path),
            )
            for d in due
        ]
        out.append(f"## Utgångna och snart utgående dokument\n\nFastställda dokument som har gått ut eller går ut inom {ctx.window_days} dagar.\n\n" + rawhtml.labelled_cards(("Dokument", "Giltigt t.o.m.", "Läge", "Dokumentägare"), rows))
    return "\n".join(out)


def follow_up_report(corpus: m.Corpus, ctx: SiteContext) -> FollowUp:
    return follow_up(corpus, ctx.today, ctx.window_days, ctx.confirm_months)
