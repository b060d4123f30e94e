"""Rules for a change compared with the base of a pull request (``samverkan check --base REF``).

A document owner changes a routine; these rules keep the change honest: the revision is
raised by exactly one with a changelog entry for it, ids stay put, documents are withdrawn
rather than deleted, a change in substance to an approved document has a decision dated
on or after the change, and nobody moves a validity date back into the past.
Pure: the base texts, the current texts and today are arguments.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from samverkan.core.problems import Problem, error
from samverkan.core.yamlsource import Source, parse_front_matter

DECISION_FIELDS = frozenset({"status", "approved_by", "decision"})
"""Recording a decision changes only these; it is not a new revision of the text."""


@dataclass(frozen=True)
class _Version:
    data: dict
    source: Source
    body: str

    @property
    def substance(self) -> tuple[dict, str]:
        """Everything but the decision fields: what a revision is about."""
        return {k: v for k, v in self.data.items() if k not in DECISION_FIELDS}, self.body

    def get(self, key: str) -> object:
        return self.data.get(key)

    def date(self, value: object) -> dt.date | None:
        try:
            return dt.date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            return None

    @property
    def changelog(self) -> list[dict]:
        entries = self.data.get("changelog")
        return [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []


def _id_of(version: _Version) -> str:
    """The document's id, for a command to copy (the placeholder when the file has none)."""
    found = version.get("id")
    return found if isinstance(found, str) and found.strip() else "<id>"


def _parse(text: str, path: str) -> _Version | None:
    parsed = parse_front_matter(text, path)
    if parsed.problems or not isinstance(parsed.data, dict):
        return None  # unreadable: plain `check` reports why
    return _Version(parsed.data, parsed.source, parsed.body)


def check_against_base(
    base_texts: Mapping[str, str],
    renames: Mapping[str, str],
    current_texts: Mapping[str, str],
    today: dt.date,
) -> Iterator[Problem]:
    current_by_id: dict[str, str] = {}
    parsed_current: dict[str, _Version | None] = {}
    for path, text in current_texts.items():
        version = parsed_current[path] = _parse(text, path)
        if version and isinstance(version.get("id"), str):
            current_by_id.setdefault(version.get("id"), path)  # type: ignore[arg-type]
    for old_path, old_text in sorted(base_texts.items()):
        old = _parse(old_text, old_path)
        new_path = _find(old_path, old, renames, current_texts, current_by_id)
        if new_path is None:
            title = old.get("title") if old else None
            what = f"'{title}' ({old.get('id')})" if old else old_path
            yield error(
                old_path,
                1,
                "E-DELETED",
                f"dokumentet {what} har tagits bort",
                hint="ta inte bort dokument: sätt status: withdrawn och skriv i changelog varför, så finns det kvar i arkivet",
            )
            continue
        new_text = current_texts[new_path]
        new = parsed_current[new_path]
        if new_text == old_text or old is None or new is None:
            continue
        yield from _changed(old, new, today)


def _find(
    old_path: str,
    old: _Version | None,
    renames: Mapping[str, str],
    current_texts: Mapping[str, str],
    current_by_id: Mapping[str, str],
) -> str | None:
    """Where the document lives now: same path, a rename git saw, or a file with the same id."""
    for candidate in (old_path, renames.get(old_path)):
        if candidate and candidate in current_texts:
            return candidate
    old_id = old.get("id") if old else None
    return current_by_id.get(old_id) if isinstance(old_id, str) else None


def _changed(old: _Version, new: _Version, today: dt.date) -> Iterator[Problem]:
    s = new.source
    if old.get("id") != new.get("id"):
        yield error(
            s.path,
            s.line("id"),
            "E-ID-CHANGED",
            f"dokumentets id har ändrats från '{old.get('id')}' till '{new.get('id')}'",
            "$.id",
            "ett id ändras aldrig, eftersom andra dokument och länkar hänvisar till det; ändra tillbaka",
        )
    r0, r1 = old.get("revision"), new.get("revision")
    if not (isinstance(r0, int) and isinstance(r1, int)):
        return
    if old.substance == new.substance:
        yield from _decision_only(new)
        return
    if r1 == r0:
        yield error(
            s.path,
            s.line("revision"),
            "E-REVISION-NOT-RAISED",
            f"dokumentet har ändrats men revisionsnumret är fortfarande {r0}",
            "$.revision",
            f"kör samverkan revise {_id_of(new)} -m \"vad som ändrats\": det höjer revision till {r0 + 1} och skriver "
            "raden i ändringshistoriken (changelog); rättar du bara stavning eller länkar, lägg till --editorial",
        )
    elif r1 != r0 + 1:
        yield error(
            s.path,
            s.line("revision"),
            "E-REVISION-STEP",
            f"revisionsnumret har ändrats från {r0} till {r1}; det ska höjas med ett per ändring",
            "$.revision",
            f"sätt revision till {r0 + 1}",
        )
    old_revisions = {e.get("revision") for e in old.changelog}
    fresh = [(i, e) for i, e in enumerate(new.changelog) if e.get("revision") == r1 and r1 not in old_revisions]
    if r1 > r0 and not fresh:
        yield error(
            s.path,
            s.line("changelog"),
            "E-CHANGELOG-MISSING",
            f"revisionsnumret är höjt till {r1} men ändringshistoriken saknar en ny rad för revision {r1}",
            "$.changelog",
            f"lägg till en rad med revision: {r1}, dagens datum och vad som ändrats",
        )
    entry = fresh[0][1] if fresh else {}
    until0, until1 = old.date(old.get("valid_until")), new.date(new.get("valid_until"))
    extended = bool(until0 and until1 and until1 > until0)
    # Extending the validity is a decision in itself, whatever the changelog calls the change.
    editorial = entry.get("editorial") is True and not extended
    changed_on = new.date(entry.get("date")) or today
    # Without its changelog entry a raised revision has no date to judge a decision by;
    # the missing entry is reported above and is the thing to fix first.
    if new.get("status") == "approved" and not editorial and (fresh or r1 == r0):
        decision = new.get("decision")
        decided = new.date(decision.get("date")) if isinstance(decision, dict) else None
        if decided is None or decided < changed_on:
            yield error(
                s.path,
                s.line("decision") if decision else s.line("status"),
                "E-DECISION-STALE",
                f"dokumentet är fastställt och har ändrats {changed_on}, men beslutet är från {decided or 'ett tidigare datum'}",
                "$.decision",
                "när innehållet ändras behöver forumet besluta om dokumentet igen; skriv in det nya beslutet "
                "(datum och protokollsparagraf) med kommandot samverkan approve. Rättar ändringen bara stavfel eller "
                "länkar behövs inget nytt beslut: skriv då editorial: true på ändringens rad i ändringshistoriken (changelog)",
            )
    yield from _validity_moved_back(old, new, today)


def _decision_only(new: _Version) -> Iterator[Problem]:
    """Only the decision was recorded (``samverkan approve``): it must not predate the text it approves."""
    if new.get("status") != "approved":
        return
    substantive = [new.date(e.get("date")) for e in new.changelog if e.get("editorial") is not True]
    last_change = max((d for d in substantive if d), default=None)
    decision = new.get("decision")
    decided = new.date(decision.get("date")) if isinstance(decision, dict) else None
    if last_change and decided and decided < last_change:
        yield error(
            new.source.path,
            new.source.line("decision"),
            "E-DECISION-STALE",
            f"beslutet är från {decided}, men innehållet ändrades senast {last_change}",
            "$.decision",
            "ett beslut kan bara gälla en text som fanns när beslutet fattades; kontrollera beslutsdatumet, det ska vara "
            f"samma dag som ändringen eller senare (till exempel date: {last_change})",
        )


def _validity_moved_back(old: _Version, new: _Version, today: dt.date) -> Iterator[Problem]:
    s = new.source
    until0, until1 = old.date(old.get("valid_until")), new.date(new.get("valid_until"))
    if until0 and until1 and until1 < until0 and until1 < today:
        yield error(
            s.path,
            s.line("valid_until"),
            "E-VALIDITY-PAST",
            f"Giltigt t.o.m. har flyttats bakåt från {until0} till {until1}, som redan har passerat",
            "$.valid_until",
            f"skriv tillbaka det tidigare datumet (valid_until: {until0}) eller ett senare; ska dokumentet sluta "
            "gälla, skriv i stället status: withdrawn och en rad i ändringshistoriken om varför",
        )
