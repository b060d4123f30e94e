"""Plain Swedish for what the HTML policy refuses, so that an owner who never wrote HTML knows what to remove.

Each message says what the thing is or does in words a reader of the document would use
("bilden", "ett formulär"), and keeps the tag or attribute as written beside it, in brackets,
so that the owner can find it in the text.
"""

from __future__ import annotations

_NOUNS = {
    "a": "länken",
    "img": "bilden",
    "svg": "bilden",
    "figure": "bilden",
    "p": "stycket",
    "details": "den utfällbara rutan",
    "summary": "den utfällbara rutans rubrik",
    "table": "tabellen",
    "tr": "tabellraden",
    "td": "tabellcellen",
    "th": "tabellens rubrikcell",
    "col": "tabellkolumnen",
    "ul": "listan",
    "ol": "listan",
    "li": "listpunkten",
    "h1": "rubriken", "h2": "rubriken", "h3": "rubriken", "h4": "rubriken", "h5": "rubriken", "h6": "rubriken",
    "blockquote": "citatet",
    "q": "citatet",
    "input": "inmatningsfältet",
    "button": "knappen",
    "form": "formuläret",
    "body": "sidan",
}  # fmt: skip
"""What a reader would call the element; anything else is just "texten"."""

_KINDS = (
    (frozenset({"script", "noscript", "template"}), "ett inbyggt program som skulle köras hos den som läser"),
    (frozenset({"iframe", "object", "embed", "frame", "frameset", "portal", "applet"}), "en inbäddad sida eller fil från en annan plats"),
    (frozenset({"form", "input", "button", "textarea", "select", "option", "label", "fieldset"}), "ett formulär eller en knapp"),
    (frozenset({"meta", "link", "base", "style", "title", "head", "html", "body"}), "en dold inställning för hela sidan"),
    (frozenset({"svg", "math", "canvas"}), "en bild eller formel skriven som kod"),
    (frozenset({"audio", "video", "source", "track"}), "ljud eller film"),
)
"""The kinds of refused tags an owner meets, by what they would do on the page."""


def noun(tag: str) -> str:
    """The element as a reader would name it, with the definite article ("bilden", "texten")."""
    return _NOUNS.get(tag, "texten")


def where(tag: str, name: str) -> str:
    """The attribute as typed, to find it: ``onerror på <img>``, or ``{: onclick=…}`` written after the text."""
    return f"{{: {name}=…}}" if tag == "*" else f"{name} på <{tag}>"


def handler(tag: str, name: str) -> str:
    return f"{noun(tag)} har inbyggd kod som skulle köras hos den som läser ({where(tag, name)}); webbplatsen tar bort koden"


def unknown_attribute(tag: str, name: str) -> str:
    if name == "style":
        return own_style(tag)
    return f"{noun(tag)} har ett tillägg som webbplatsen inte använder ({where(tag, name)}); webbplatsen tar bort det"


def refused_scheme(tag: str, name: str, scheme: str) -> str:
    if (tag, name) == ("a", "href"):
        return f"länken börjar med '{scheme}:', men bara länkar till webbsidor, e-post och telefon fungerar; på webbplatsen blir den vanlig text"
    return (
        f"{noun(tag)} har en adress som börjar med '{scheme}:' ({where(tag, name)}), men bara webbadresser och "
        "filer bredvid dokumentet fungerar; webbplatsen tar bort adressen"
    )


def site_id(tag: str, value: str) -> str:
    written = "skrivet som {: …}" if tag == "*" else f"på <{tag}>"
    return f"{noun(tag)} har ett namn som webbplatsen själv använder (id '{value}' {written}; sådana börjar med __); webbplatsen tar bort namnet"


def own_style(tag: str) -> str:
    return f"{noun(tag)} har egen formatering ({where(tag, 'style')}); webbplatsen sköter utseendet själv, utom justering i tabeller, och tar bort den"


def refused_tag(tag: str) -> str:
    kind = next((words for tags, words in _KINDS if tag in tags), "formatering som webbplatsen inte använder")
    return f"texten har {kind} (<{tag}>); webbplatsen tar bort koden"
