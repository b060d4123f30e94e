"""Validity is computed from dates passed in, never from the clock."""

import datetime as dt

import pytest
from samverkan.core.model import Validity

FROM, UNTIL = dt.date(2026, 1, 1), dt.date(2026, 12, 31)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2025, 12, 31), Validity.NOT_YET_VALID),
        (dt.date(2026, 1, 1), Validity.VALID),
        (dt.date(2026, 10, 1), Validity.VALID),
        (dt.date(2026, 10, 2), Validity.EXPIRING),  # 90 days left
        (dt.date(2026, 12, 31), Validity.EXPIRING),  # the last day still applies
        (dt.date(2027, 1, 1), Validity.EXPIRED),
    ],
)
def test_validity_boundaries(today, expected):
    assert Validity.of(FROM, UNTIL, today, window_days=90) is expected


def test_predicates():
    assert Validity.EXPIRED.is_expired and not Validity.EXPIRED.is_current
    assert Validity.EXPIRING.is_expiring and Validity.EXPIRING.is_current
    assert Validity.VALID.is_current and not Validity.VALID.is_expiring
    assert not Validity.NOT_YET_VALID.is_current


def test_swedish_order_puts_word_ends_first_and_aao_last():
    from samverkan.core.collation import sort_key

    titles = ["Älvnäs", "Rutiner för alla", "SIPA", "Rutin för SIP", "SIP-samordnare", "Åtgärd", "Öppenvård", "Zon"]
    assert sorted(titles, key=sort_key) == ["Rutin för SIP", "Rutiner för alla", "SIP-samordnare", "SIPA", "Zon", "Åtgärd", "Älvnäs", "Öppenvård"]
