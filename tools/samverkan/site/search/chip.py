"""A document's status as the search results show it: a key, a Swedish label and dates."""

from __future__ import annotations

import datetime as dt
import enum

from samverkan.core import model as m


class Chip(enum.Enum):
    """The status chip of a result card (class ``sv-status--<value>``), best first."""

    IN_FORCE = "in-force"
    EXPIRING = "expiring"
    NOT_YET_VALID = "not-yet-valid"
    DRAFT = "draft"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def rank(self) -> int:
        """1 for what applies now; higher numbers rank lower in the results."""
        return _RANKS[self]

    @classmethod
    def of(cls, doc: m.Document, today: dt.date, window_days: int) -> Chip:
        if doc.status is m.Status.WITHDRAWN:
            return cls.WITHDRAWN
        if doc.status is m.Status.DRAFT:
            return cls.DRAFT
        validity = doc.validity(today, window_days)
        return {
            m.Validity.VALID: cls.IN_FORCE,
            m.Validity.EXPIRING: cls.EXPIRING,
            m.Validity.NOT_YET_VALID: cls.NOT_YET_VALID,
            m.Validity.EXPIRED: cls.EXPIRED,
        }[validity]


_LABELS = {
    Chip.IN_FORCE: "Gäller",
    Chip.EXPIRING: "Går snart ut",
    Chip.NOT_YET_VALID: "Gäller ännu inte",
    Chip.EXPIRED: "Giltighetstiden har gått ut",
    Chip.DRAFT: "Utkast",
    Chip.WITHDRAWN: "Upphävd",
}
_RANKS = {Chip.IN_FORCE: 1, Chip.EXPIRING: 1, Chip.NOT_YET_VALID: 3, Chip.DRAFT: 4, Chip.EXPIRED: 5, Chip.WITHDRAWN: 5}

PAGE_RANK = 2
"""Role, forum and party pages: below documents in force, above the rest."""
