"""'menade du …?' suggests what the owner most likely meant."""

import pytest
from samverkan.core.suggest import closest

FORUMS = ["arbetsgrupp-utskrivning", "chefsgrupp-vard-omsorg", "grupp-3-3", "sip-grupp"]


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("chefsgrupp", "chefsgrupp-vard-omsorg"),  # the start of a longer id
        ("sip-gruppen", "sip-grupp"),  # a spelling close enough
        ("xyz", None),  # nothing alike: no guess
        ("gr", None),  # too short to be a start worth trusting
    ],
)
def test_closest(written, meant):
    assert closest(written, FORUMS) == meant
