"""The accessibility statement (tillgänglighetsredogörelse) required by Lag (2018:1937), following DIGG's structure."""

from __future__ import annotations

from samverkan.site.context import SiteContext
from samverkan.site.text import escape, mail, swedish_date

_COMPLIANCE = {
    "full": "Webbplatsen är helt förenlig med lagen om tillgänglighet till digital offentlig service.",
    "partial": "Webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig service, på grund av de brister som beskrivs nedan.",
    "none": "Webbplatsen är inte förenlig med lagen om tillgänglighet till digital offentlig service.",
}


def statement(ctx: SiteContext) -> str:
    a = ctx.accessibility
    contact = mail(a.contact) if a.contact else "webbplatsens kontaktadress"
    known = "".join(f"- {escape(issue)}\n" for issue in a.known_issues) or "Vi känner inte till några brister just nu.\n"
    assessed = (
        f"Vi har gjort en {escape(a.assessment_method)} av webbplatsen, senast den {swedish_date(a.assessed)}."
        if a.assessed
        else "Vi har ännu inte gjort någon fullständig bedömning av webbplatsen."
    )
    parts = [
        "# Tillgänglighet för samverkanswebben\n",
        f"{escape(a.organisation)} står bakom den här webbplatsen. Vi vill att så många som möjligt ska kunna använda den. "
        "Här beskriver vi hur webbplatsen uppfyller lagen om tillgänglighet till digital offentlig service, "
        "kända brister och hur du kan rapportera problem så att vi kan åtgärda dem.\n",
        "## Hur tillgänglig är webbplatsen?\n\n" + _COMPLIANCE.get(a.compliance, _COMPLIANCE["partial"]) + "\n",
        "## Vad kan du göra om du inte kan använda delar av webbplatsen?\n\n"
        f"Om du behöver innehåll i ett annat format, till exempel ett dokument som fungerar med skärmläsare eller i lättläst form, kontakta oss på {contact}.\n",
        "## Rapportera brister i webbplatsens tillgänglighet\n\n"
        f"Vi strävar hela tiden efter att förbättra tillgängligheten. Om du upptäcker problem som inte beskrivs här, "
        f"eller om du tycker att vi inte uppfyller lagens krav, skriv till {contact} så att vi får veta att problemet finns.\n",
        "## Tillsyn\n\n"
        "Myndigheten för digital förvaltning (Digg) har ansvar för tillsyn av lagen om tillgänglighet till digital offentlig service. "
        "Om du inte är nöjd med hur vi hanterar dina synpunkter kan du "
        "[kontakta Digg och påtala det](https://www.digg.se/tdosanmalan).\n",
        "## Teknisk information om webbplatsens tillgänglighet\n\n" + _COMPLIANCE.get(a.compliance, _COMPLIANCE["partial"])
        + " Kraven kommer från Lag (2018:1937) om tillgänglighet till digital offentlig service och motsvarar WCAG 2.1 nivå AA.\n",
        "### Innehåll som inte är tillgängligt\n\n" + known,
        "## Hur vi testat webbplatsen\n\n"
        f"{assessed} "
        "Varje sidtyp kontrolleras dessutom automatiskt med verktyget axe-core i en riktig webbläsare varje gång någon föreslår en ändring av webbplatsen.\n",
    ]
    dates = []
    if a.published:
        dates.append(f"Webbplatsen publicerades den {swedish_date(a.published)}.")
    if a.statement_updated:
        dates.append(f"Redogörelsen uppdaterades senast den {swedish_date(a.statement_updated)}.")
    if dates:
        parts.append(" ".join(dates) + "\n")
    return "\n".join(parts)
