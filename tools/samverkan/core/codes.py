"""Every code `samverkan check` can report, with what it means and what to do, in Swedish.

The owners' page renders this table (``site/codes.py``), so the explanation a document
owner reads can never drift from the codes the check emits; a test finds every code in
the package and asserts it is listed here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    """One problem code."""

    code: str
    """As printed after the line number, e.g. ``E-REF``."""
    meaning: str
    """What it means, in plain Swedish."""
    todo: str
    """What the owner does about it."""
    base: bool = False
    """Reported only when a change is compared with the main branch (a plain `check` does that when there is git history)."""

    @property
    def is_error(self) -> bool:
        return self.code.startswith("E-")


CODES: tuple[Code, ...] = (
    Code("E-FILE", "Filen är inget dokument: fel filtyp, eller uppgifterna överst saknas.",
         "Lägg bara dokument (.md med uppgifterna mellan två rader med tre bindestreck) i routines/; flytta andra filer till dokumentets bilagemapp."),
    Code("E-YAML", "Uppgifterna överst går inte att läsa: fel indrag, ett kolon för mycket, ett fält två gånger.",
         "Rätta raden som anges: vid fel indrag mellanslagen i början av raden, så att den står rakt under raden ovanför; "
         "en text med kolon skrivs inom citattecken. Jämför gärna med ett dokument som fungerar."),
    Code("E-SCHEMA", "Ett fält saknas, är felstavat eller har ett värde som inte är tillåtet.",
         "Läs tipset under meddelandet: det förklarar fältet och säger vilka värden som gäller."),
    Code("E-DATE", "Ett datum är fel skrivet eller finns inte (till exempel 30 februari).",
         "Skriv datum som ÅÅÅÅ-MM-DD, utan citattecken, till exempel valid_until: 2027-06-30, och kontrollera månad och dag."),
    Code("E-VALIDITY-ORDER", "Giltigt t.o.m. kommer före giltigt fr.o.m.",
         "Byt plats på datumen eller rätta det som är fel."),
    Code("E-DUPLICATE-ID", "Två dokument (eller roller, forum, parter) har samma id.",
         "Ge det nya dokumentet ett eget id; ett befintligt id ändras aldrig."),
    Code("E-REF", "Hänvisning till en roll, ett forum, en part, ett dokument eller en lag som inte finns.",
         "Rätta stavningen (tipset föreslår det närmaste id:t) eller lägg till rollen, forumet, parten eller lagen."),
    Code("E-REVISION", "Revisionsnumret stämmer inte med ändringshistoriken.",
         "Se till att changelog har en rad för varje revision, och att den högsta är dokumentets revision."),
    Code("E-DECISION", "Dokumentet är fastställt men beslutet saknas.",
         "Skriv in beslutet med samverkan approve (forum, datum och protokollsparagraf), eller sätt status: draft."),
    Code("E-TEMPLATE-TEXT", "Mallens instruktion (”Beskriv …”) står kvar i ett dokument som inte är ett utkast.",
         "Skriv dokumentets egen text i avsnittet, eller ta bort avsnittet om det inte behövs."),
    Code("E-HTML", "Texten har kod som webbplatsen tar bort: till exempel ett inbyggt program (<script>), kod som körs när någon "
         "klickar (onclick) eller en länk som inte leder till en webbsida, e-post eller telefon (javascript:). Eller så har ett fält "
         "som ska vara vanlig text, som dokumentnamnet, sådan kod; där visas den tecken för tecken.",
         "Ta bort koden och skriv texten som i mallen, med rubriker, listor, tabeller och länkar som börjar med https://, "
         "mailto: eller tel:. Av koden går bara radbrytning (<br>), upphöjd och nedsänkt text (<sup>, <sub>), "
         "förkortning (<abbr>) och utfällbar ruta (<details>) bra."),
    Code("E-PERSONNUMMER", "Texten innehåller ett personnummer eller samordningsnummer. Meddelandet citerar orden runt numret, med numret maskerat (81xxxx-xxxx).",
         "Ta bort numret: ett personnummer publiceras aldrig. Skriv till exempel ”patientens personnummer” i stället."),
    Code("E-OUTSIDE", "Filen är en länk till något utanför arkivet; den läses inte och publiceras inte.",
         "Lägg in filen själv i arkivet i stället för en länk."),
    Code("E-LINK", "En länk i texten leder till något som inte finns på webbplatsen: en fil som saknas, en mapp, en plats utanför "
         "arkivet, en fil med otillåtet namn eller en fil som inte ligger i mappen bredvid dokumentet. "
         "En länk skriven som [text][namn], med adressen på en egen rad [namn]: adress, anges på raden med adressen.",
         "Kontrollera filnamnet, lägg filen i mappen bredvid dokumentet och länka dit, eller ta bort länken."),
    Code("E-FILENAME", "Filnamnet innehåller ett osynligt tecken, till exempel en radbrytning eller en tabb.",
         "Byt namn på filen till bokstäver, siffror och bindestreck."),
    Code("E-CYCLE", "En roll eller ett forum rapporterar till sig själv, eller flera rapporterar till varandra i en cirkel (reports_to).",
         "Rätta reports_to så att rapporteringen går uppåt till ett forum som inte rapporterar tillbaka."),
    Code("E-RESERVED-ID", "Id:t är namnet på en sida som webbplatsen själv skapar (index) eller inget säkert filnamn.",
         "Välj ett annat id, med bokstäver, siffror och bindestreck."),
    Code("W-EXPIRED", "Giltighetstiden har gått ut (varning).",
         "Revidera dokumentet och förläng det genom ett nytt beslut, eller upphäv det."),
    Code("W-EXPIRING", "Giltighetstiden går snart ut (varning, normalt inom 90 dagar).",
         "Börja översynen nu så att forumet hinner fatta ett nytt beslut."),
    Code("W-REPEALED-LAW", "Dokumentet hänvisar till en upphävd lag, till exempel gamla socialtjänstlagen (varning).",
         "Hänvisa till lagen som ersatte den; tipset säger vilken."),
    Code("W-WITHDRAWN-REF", "Dokumentet hänvisar till ett upphävt dokument (varning).",
         "Hänvisa till dokumentet som ersatte det, eller ta bort hänvisningen."),
    Code("W-FILENAME", "Filnamnet stämmer inte med id (varning).",
         "Byt namn på filen så att den hittas lätt; id:t ändras inte."),
    Code("W-SYNONYM-REPEATED", "Ett ord står i två grupper i roles/synonymer.yml (varning).",
         "Slå ihop grupperna eller ta bort ordet från den ena; annars räknas alla deras ord som synonymer."),
    Code("W-REVIEW-INTERVAL", "Giltighetstiden är längre än översynsintervallet (review_interval_months, normalt 24 månader) (varning).",
         "Korta giltighetstiden, eller ange ett längre översynsintervall om forumet har beslutat det."),
    Code("W-DRAFT-INCOMPLETE", "Ett utkast saknar uppgifter som behövs först när det fastställs; det visas inte på webbplatsen än (varning).",
         "Fyll i det som meddelandet räknar upp (till exempel dokumentägare, giltighet eller område) innan utkastet ska synas."),
    Code("W-DRAFT-REF", "Ett ofärdigt utkast hänvisar till en roll, ett forum, en part, ett dokument eller en lag som inte finns "
         "(varning; när utkastet fastställs blir det felet E-REF).",
         "Rätta stavningen (tipset föreslår det närmaste id:t) eller lägg till rollen, forumet, parten eller lagen."),
    Code("W-ORIGINAL-EXPIRED", "Ett importerat utkast: giltighetstiden i originalet har gått ut (varning).",
         "Se över texten och sätt nya datum för giltigheten innan dokumentet fastställs."),
    Code("W-LARGE", "Texten är längre än 1 MB (varning): sidan och PDF- och Word-kopiorna blir tunga att göra och att läsa.",
         "Dela upp texten i flera dokument som hänvisar till varandra, eller lägg långa bilagor som PDF i mappen bredvid dokumentet."),
    Code("E-REVISION-NOT-RAISED", "Dokumentet har ändrats men revisionsnumret är inte höjt.",
         "Kör samverkan revise med en mening om vad som ändrats.", base=True),
    Code("E-REVISION-STEP", "Revisionsnumret har höjts med mer än ett.",
         "Sätt revisionen till den förra plus ett.", base=True),
    Code("E-CHANGELOG-MISSING", "Ny revision men ingen ny rad i ändringshistoriken.",
         "Lägg till en rad i changelog med revisionen, dagens datum och vad som ändrats (samverkan revise gör det).", base=True),
    Code("E-DECISION-STALE", "Innehållet i ett fastställt dokument har ändrats, men beslutet är äldre än ändringen.",
         "Låt forumet besluta om dokumentet igen och skriv in det nya beslutet med samverkan approve. Rättar ändringen bara "
         "stavfel eller länkar behövs inget nytt beslut: gör ändringen med samverkan revise --editorial.", base=True),
    Code("E-ID-CHANGED", "Dokumentets id har ändrats.",
         "Ändra tillbaka: andra dokument och länkar hänvisar till id:t.", base=True),
    Code("E-DELETED", "Ett dokument har tagits bort i stället för att upphävas.",
         "Lägg tillbaka filen, sätt status: withdrawn och skriv i changelog varför.", base=True),
    Code("E-VALIDITY-PAST", "Giltigt t.o.m. har flyttats bakåt till ett datum som redan har passerat.",
         "Skriv tillbaka det tidigare datumet. Ska dokumentet sluta gälla: sätt status: withdrawn i stället.", base=True),
)

CODES_BY_NAME = {c.code: c for c in CODES}
