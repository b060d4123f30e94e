"""Drafts that are not finished yet, and imported documents whose printed validity has passed.

The rule: a draft may lack the fields that only approval needs (title, type, revision,
validity, owner, parties, changelog, the parts of a decision). Such a draft is reported
once, as a warning naming what is missing, and is left out of the site, the expiry report
and exports, each of which names it. It never stops work on other documents. Approving it
(status: approved) makes every missing field a schema error again, so `check` fails the
pull request that would approve it.

Its references to roles, forums, parties, documents and laws are checked all the same, as
warnings (W-DRAFT-REF, in core/checks.py): a wrong id is best fixed while the draft is written,
but it must not stop an unfinished draft from being saved, which the rule above allows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import replace

from jsonschema.protocols import Validator

from samverkan.core import model as m
from samverkan.core.invalid_documents import readable_references
from samverkan.core.problems import Problem, warning
from samverkan.core.yamlsource import Parsed

MAY_LACK = frozenset(
    {"title", "type", "revision", "valid_from", "valid_until", "owner", "owner.role", "owner.contact", "applies_to", "changelog",
     "decision.date", "decision.reference"}
)
"""Fields a draft may lack: those that only approval needs. id, status and areas it must have."""
_PARTS = frozenset({(), ("owner",), ("decision",)})


def unfinished(parsed: Parsed, validator: Validator) -> m.UnfinishedDraft | None:
    """The draft as unfinished when every schema error is a field it may lack, else None."""
    data = parsed.data
    if not isinstance(data, dict) or data.get("status") != "draft" or not isinstance(data.get("id"), str):
        return None
    missing: list[str] = []
    for err in validator.iter_errors(data):
        path = tuple(err.absolute_path)
        if err.validator != "required" or path not in _PARTS or not isinstance(err.instance, dict):
            return None
        prefix = "".join(f"{key}." for key in path)
        missing.extend(prefix + key for key in err.validator_value if key not in err.instance and prefix + key not in missing)
    if not missing or not set(missing) <= MAY_LACK:
        return None
    until = data.get("valid_until")
    title = data.get("title")
    return m.UnfinishedDraft(
        id=data["id"],
        path=parsed.source.path,
        line=parsed.source.line("id"),
        title=title if isinstance(title, str) else None,
        missing=tuple(missing),
        valid_until=dt.date.fromisoformat(until) if isinstance(until, str) else None,
        valid_until_line=parsed.source.line("valid_until") if until else parsed.source.line("id"),
        imported=isinstance(data.get("imported"), dict),
        laws=tuple(
            (m.LawRef.parse(ref["law"]).sfs, parsed.source.line("references", i, "law"))
            for i, ref in enumerate(data.get("references") or ())
            if isinstance(ref, dict) and isinstance(ref.get("law"), str) and ref["law"].strip()
        ),
        references=tuple(replace(ref, line=parsed.source.line(*ref.keys)) for ref in readable_references(data)),
    )


def field_label(key: str, schema: Mapping) -> str:
    """'Dokumentägare – Kontakt (owner.contact)': the schema's Swedish titles beside the key."""
    spec: Mapping = {"properties": schema.get("properties", {})}
    titles = []
    for part in key.split("."):
        spec = spec.get("properties", {}).get(part, {})
        titles.append(spec.get("title", part))
    return f"{' – '.join(titles)} ({key})"


def incomplete_warning(draft: m.UnfinishedDraft, schema: Mapping) -> Problem:
    return warning(
        draft.path,
        draft.line,
        "W-DRAFT-INCOMPLETE",
        "utkastet är inte färdigt och visas inte på webbplatsen än; uppgift saknas: "
        + ", ".join(field_label(key, schema) for key in draft.missing),
        "$",
        "fyll i uppgifterna; dokumentet kan fastställas (status: approved) först när alla finns",
    )


def expired_originals(corpus: m.Corpus, today: dt.date) -> Iterator[Problem]:
    """An imported draft whose printed 'Giltigt t.o.m.' has passed: the original had expired."""
    items = [
        (d.source.path, d.source.line("valid_until"), d.valid_until)
        for d in corpus.documents
        if d.imported is not None and d.status is m.Status.DRAFT
    ] + [(u.path, u.valid_until_line, u.valid_until) for u in corpus.unfinished if u.imported and u.valid_until]
    for path, line, until in items:
        if until is not None and until < today:
            yield warning(
                path,
                line,
                "W-ORIGINAL-EXPIRED",
                f"giltighetstiden i originalet gick ut {until.isoformat()}",
                "$.valid_until",
                "revidera dokumentet och skriv ett nytt datum, eller förläng det genom ett nytt beslut",
            )
