"""CODEOWNERS made from the content: a pull request touching a routine asks its owner for review.

GitHub and GitLab both read a ``CODEOWNERS`` file at the repository root; later lines win,
so the file lists the general rules first and the individual files after them.
"""

from __future__ import annotations

from samverkan.core import model as m

HEADER = """\
# Den här filen skapas av `samverkan codeowners` från dokumentens och rollernas ägare.
# Ändra inte här: ändra ägaren i dokumentet eller granskarna (reviewers) i roles/<id>.yml
# och kör `samverkan codeowners` igen.
"""


def _owners(role: m.Role | None, fallback: str) -> str:
    return " ".join(role.reviewers) if role and role.reviewers else fallback


def render(corpus: m.Corpus) -> str:
    lines = [HEADER]
    roles = sorted(corpus.roles, key=lambda r: r.source.path)
    if roles:
        lines.append("# Roller: rollens egna granskare")
        lines += [f"/{r.source.path} {_owners(r, '')}".rstrip() for r in roles if r.reviewers]
        lines.append("")
    lines.append("# Dokument: granskarna för den roll som äger dokumentet, annars dokumentets kontaktadress")
    for doc in sorted(corpus.documents, key=lambda d: d.source.path):
        lines.append(f"/{doc.source.path} {_owners(corpus.roles_by_id.get(doc.owner.role), doc.owner.contact)}")
    return "\n".join(lines) + "\n"
