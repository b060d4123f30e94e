"""Where a page lands in the search results: what applies now first."""

from __future__ import annotations

from samverkan.core.followup import DocState

RANKS = {
    DocState.IN_FORCE: 1,
    DocState.EXPIRING: 1,
    DocState.NOT_YET_VALID: 3,
    DocState.DRAFT: 4,
    DocState.EXPIRED: 5,
    DocState.WITHDRAWN: 5,
}
"""1 for what applies now; higher numbers rank lower."""

PAGE_RANK = 2
"""Role, forum and party pages: below documents in force, above the rest."""
