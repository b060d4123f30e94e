"""The text template `samverkan new` writes, and the check that none of it is published.

``new`` followed by ``approve`` with no text written would publish "Fastställd – gäller"
above "Beskriv varför dokumentet finns …". The template lives here, in the core, so the
command that writes it and the check that finds it can never disagree.
"""

from __future__ import annotations

from samverkan.core.problems import Problem, error

BODY_SKELETON = """## Syfte

Beskriv varför dokumentet finns och vad det ska leda till.

## Ansvar

Beskriv vem som ansvarar för vad. Skriv rollernas id under `roles` i uppgifterna ovan.

## Arbetsgång

Beskriv steg för steg hur arbetet går till.

## Uppföljning

Beskriv hur, när och av vem dokumentet följs upp.
"""
"""The body of a new draft: headings to keep, instructions to replace."""

_FIRST_WORD = "Beskriv "
TEMPLATE_SENTENCES = frozenset(line for line in BODY_SKELETON.splitlines() if line.startswith(_FIRST_WORD))
"""The instructions of the template; a line that is still one of them was never written."""


def template_problems(path: str, body: str, body_line: int) -> list[Problem]:
    """E-TEMPLATE-TEXT for every instruction of the template left in ``body`` (of a document that is not a draft)."""
    if _FIRST_WORD not in body:
        return []  # every instruction starts with the same word: most bodies need no look line by line
    return [
        error(
            path,
            body_line + offset,
            "E-TEMPLATE-TEXT",
            f"mallens text står kvar: '{line.strip()}'",
            hint="skriv dokumentets egen text i stället för mallens instruktion, eller ta bort avsnittet",
        )
        for offset, line in enumerate(body.splitlines())
        if line.strip() in TEMPLATE_SENTENCES
    ]
