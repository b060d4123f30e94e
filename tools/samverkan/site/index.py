"""Lookups the pages need, computed once per build so every page costs only its own size."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from samverkan.core import model as m
from samverkan.core.collation import sort_key
from samverkan.site.context import SiteContext
from samverkan.site.text import keyword_path


@dataclass(frozen=True)
class SiteIndex:
    """Reverse lookups over the corpus."""

    documents_by_role: dict[str, list[m.Document]]
    documents_by_party: dict[str, list[m.Document]]
    documents_by_area: dict[str, list[m.Document]]
    documents_by_type: dict[m.DocType, list[m.Document]]
    documents_by_keyword: dict[str, list[m.Document]]
    """By keyword page (``keyword_path``): keywords written alike but for case or signs share one."""
    keyword_names: dict[str, list[str]]
    """The keywords each keyword page stands for, as first written."""
    documents_by_forum: dict[str, list[m.Document]]
    forums_by_role: dict[str, list[m.Forum]]
    roles_reporting_to_forum: dict[str, list[m.Role]]
    assignments_by_party: dict[str, list[tuple[m.Role, m.Assignment]]]
    last_changed: dict[str, dt.date]
    """Newest change per document id, from its changelog (the owners' record, not the commit date)."""

    @classmethod
    def build(cls, corpus: m.Corpus, ctx: SiteContext) -> SiteIndex:
        by_role, by_party, by_area = defaultdict(list), defaultdict(list), defaultdict(list)
        by_type, by_keyword, by_forum = defaultdict(list), defaultdict(list), defaultdict(list)
        keyword_names: defaultdict[str, list[str]] = defaultdict(list)
        last_changed = {}
        for doc in sorted(corpus.documents, key=lambda d: sort_key(d.title)):
            for role in dict.fromkeys((doc.owner.role, *doc.roles)):
                by_role[role].append(doc)
            for party in doc.applies_to:
                by_party[party].append(doc)
            for area in doc.areas:
                by_area[area].append(doc)
            for keyword in doc.keywords:
                page = keyword_path(keyword)
                by_keyword[page].append(doc)
                names = keyword_names[page]
                if not any(n.casefold() == keyword.casefold() for n in names):
                    names.append(keyword)
            by_type[doc.type].append(doc)
            if doc.approved_by:
                by_forum[doc.approved_by].append(doc)
            last_changed[doc.id] = doc.latest_change.date
        forums_by_role, reporting = defaultdict(list), defaultdict(list)
        for forum in corpus.forums:
            for role in dict.fromkeys([x.role for x in forum.members if x.role] + ([forum.chair] if forum.chair else [])):
                forums_by_role[role].append(forum)
        assignments = defaultdict(list)
        for role in corpus.roles:
            if role.reports_to and role.reports_to.forum:
                reporting[role.reports_to.forum].append(role)
            for assignment in role.assignments:
                assignments[assignment.party].append((role, assignment))
        return cls(
            dict(by_role), dict(by_party), dict(by_area), dict(by_type), dict(by_keyword), dict(keyword_names), dict(by_forum),
            dict(forums_by_role), dict(reporting), dict(assignments), last_changed,
        )

