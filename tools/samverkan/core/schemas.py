"""The JSON Schemas in ``schema/``: loaded and compiled once, errors told in Swedish.

The schemas are the single source of truth for field names, types and allowed values;
this module only knows how to run them and how to word their complaints.
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import jsonschema_rs
from referencing import Registry, Resource

from samverkan.core.problems import Problem, error, json_path
from samverkan.core.suggest import closest
from samverkan.core.yamlsource import Source

KINDS = ("document", "role", "forum", "party", "laws", "synonyms")

_Validator = jsonschema.validators.extend(
    jsonschema.Draft202012Validator,
    # JSON Schema counts 1.0 as an integer; a revision written 1.0 would then reach the model as a float.
    type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda _, value: isinstance(value, int) and not isinstance(value, bool)
    ),
)
"""Each kind of content file has a schema ``schema/<kind>.schema.json``."""


class SchemaError(Exception):
    """The schema directory is missing or holds an invalid schema (a set-up error, not a content error)."""


@dataclass(frozen=True)
class SchemaSet:
    """Compiled validators for every content kind."""

    directory: Path
    validators: dict[str, jsonschema.protocols.Validator]
    """The reference validators: every problem is worded from what they report."""
    fast: dict[str, jsonschema_rs.Validator]
    """Compiled (Rust) validators of the same schemas: a valid file, nearly every file, costs microseconds."""

    @classmethod
    def load(cls, directory: Path) -> SchemaSet:
        if not directory.is_dir():
            raise SchemaError(f"hittar inte mappen med scheman: {directory}")
        resources = {}
        for path in sorted(directory.glob("*.schema.json")):
            try:
                contents = json.loads(path.read_text(encoding="utf-8"))
                jsonschema.Draft202012Validator.check_schema(contents)
            except (ValueError, jsonschema.SchemaError) as exc:
                raise SchemaError(f"{path}: schemat är trasigt: {exc}") from exc
            resources[path.name.removesuffix(".schema.json")] = contents
        missing = [kind for kind in KINDS if kind not in resources]
        if missing:
            raise SchemaError(f"{directory}: schema saknas för {', '.join(missing)}")
        registry = Registry().with_resources(
            (contents["$id"], Resource.from_contents(contents)) for contents in resources.values()
        )
        validators = {
            kind: _Validator(
                resources[kind], registry=registry, format_checker=_Validator.FORMAT_CHECKER
            )
            for kind in KINDS
        }
        fast_registry = jsonschema_rs.Registry([(contents["$id"], contents) for contents in resources.values()])
        fast = {
            kind: jsonschema_rs.Draft202012Validator(resources[kind], registry=fast_registry, validate_formats=True)
            for kind in KINDS
        }
        return cls(directory, validators, fast)

    def default(self, kind: str, field: str) -> object:
        """The ``default`` the schema declares for a top-level field."""
        return self.validators[kind].schema["properties"][field]["default"]

    def validate(self, kind: str, data: object, source: Source, *, has_float: bool = True) -> Iterator[Problem]:
        """Yield one Swedish problem per schema violation, located at the offending key.

        ``has_float=False`` (known from the YAML reader) spares a walk through the data.
        """
        if self.fast[kind].is_valid(data) and not (has_float and _integral_float(data)):
            return
        # Where the two disagree (the fast one checks URI formats, the reference one does
        # not), the reference validator decides, so results never depend on the fast path.
        seen: set[tuple[tuple[str | int, ...], str]] = set()
        errors = sorted(self.validators[kind].iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.validator))
        misplaced = _misplaced(errors)
        for err in errors:
            keys = tuple(err.absolute_path)
            if err.validator == "required" and (keys, _missing(err)) in misplaced.values():
                continue  # said once, at the line that is not indented: see _misplaced
            for problem in _describe(err, keys, source, self.validators[kind].schema, misplaced):
                marker = (keys, problem.code)
                if problem.code == "E-DATE" and marker in seen:
                    continue  # a malformed date fails both pattern and format: say it once
                seen.add(marker)
                yield problem


def _integral_float(data: object) -> bool:
    """A float such as 1.0 anywhere: JSON Schema counts it as an integer, we do not (see ``_Validator``)."""
    if isinstance(data, float):
        return data.is_integer()
    if isinstance(data, dict):
        return any(_integral_float(value) for value in data.values())
    if isinstance(data, list):
        return any(_integral_float(value) for value in data)
    return False


_DATE_SHAPE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")

_TYPE_NAMES = {
    "string": "text",
    "integer": "ett heltal",
    "number": "ett tal",
    "boolean": "true eller false",
    "array": "en lista",
    "object": "en grupp av fält",
    "null": "tomt",
}


def _type_of(value: object) -> str:
    if value is None:
        return "tomt"
    if isinstance(value, bool):
        return "true eller false"
    if isinstance(value, int):
        return "ett heltal"
    if isinstance(value, float):
        return "ett tal"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "en lista"
    return "en grupp av fält"


def _label(schema: dict, key: str | int | None) -> str:
    """'Giltigt t.o.m. (valid_until)': the schema's Swedish title with the key as locator."""
    title = schema.get("title") if isinstance(schema, dict) else None
    if isinstance(key, str):
        return f"{title} ({key})" if title and title != key else f"'{key}'"
    return title or "värdet"


Keys = tuple[str | int, ...]


def _missing(err: jsonschema.ValidationError) -> str:
    return err.message.split("'")[1] if "'" in err.message else err.message


def _misplaced(errors: list[jsonschema.ValidationError]) -> dict[tuple[Keys, str], tuple[Keys, str]]:
    """Fields written one indent too far left: unknown where they stand, and missing in a group above them
    (``contact:`` at the start of the line instead of under ``owner:``). By (where it stands, name): the group
    that misses it."""
    missing = {(tuple(e.absolute_path), _missing(e)) for e in errors if e.validator == "required"}
    found: dict[tuple[Keys, str], tuple[Keys, str]] = {}
    for err in errors:
        if err.validator != "additionalProperties" or not isinstance(err.instance, dict):
            continue
        outer = tuple(err.absolute_path)
        for group, name in missing:
            if name in err.instance and len(group) > len(outer) and group[: len(outer)] == outer:
                found[(outer, name)] = (group, name)
    return found


def _describe(err: jsonschema.ValidationError, keys: Keys, source: Source, root: dict, misplaced: dict) -> list[Problem]:
    if err.validator == "additionalProperties" and isinstance(err.instance, dict):
        known = sorted(err.schema.get("properties", {}))
        return [
            _not_indented(name, misplaced[(keys, name)][0], keys, source) if (keys, name) in misplaced else _unknown_field(name, known, keys, source)
            for name in sorted(set(err.instance) - set(known))
        ]
    return [_describe_one(err, keys, source, root)]


def _not_indented(name: str, group: Keys, keys: Keys, source: Source) -> Problem:
    at = keys + (name,)
    parent = str(group[-1])
    return error(
        source.path,
        source.line(*at),
        "E-SCHEMA",
        f"fältet '{name}' hör till '{parent}' men står inte indraget under det",
        json_path(at),
        f"flytta in raden så att '{name}:' börjar exakt under de andra fälten i '{parent}' (oftast två mellanslag in)",
    )


def _unknown_field(name: str, known: list[str], keys: tuple[str | int, ...], source: Source) -> Problem:
    close = closest(name, known)
    advice = f"menade du '{close}'?" if close else "tillåtna fält här: " + ", ".join(known)
    at = keys + (name,)
    return error(source.path, source.line(*at), "E-SCHEMA", f"okänt fält '{name}'", json_path(at), advice)


def _field_schema(err: jsonschema.ValidationError, root: dict) -> dict:
    """The schema of the field as its parent declares it, where its Swedish title is.

    For a field declared as ``{"$ref": ..., "title": ...}`` the error's own schema is the
    shared definition (title "Datum"); the field's title ("Giltigt t.o.m.") sits beside the
    ``$ref`` in the parent, so walk the schema path from the root as far as it goes.
    """
    node: object = root
    found = err.schema if isinstance(err.schema, dict) else {}
    for step in (*err.absolute_schema_path, None):
        if isinstance(node, dict) and "title" in node:
            found = node
        if isinstance(node, dict) and step in node:
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and step < len(node):
            node = node[step]
        else:
            break  # the path went on through a $ref into a shared definition
    return found


def _describe_one(err: jsonschema.ValidationError, keys: tuple[str | int, ...], source: Source, root: dict) -> Problem:
    key = keys[-1] if keys else None
    schema = err.schema if isinstance(err.schema, dict) else {}
    field = _field_schema(err, root)
    label = _label(field, key)
    value = err.instance
    hint = field.get("description")

    def problem(message: str, code: str = "E-SCHEMA", advice: str | None = hint, at: tuple = keys) -> Problem:
        return error(source.path, source.line(*at), code, message, json_path(at), advice)

    match err.validator:
        case "required":
            missing = err.message.split("'")[1] if "'" in err.message else err.message
            props = schema.get("properties", {})
            sub = props.get(missing, {})
            return problem(
                f"uppgift saknas: {_label(sub, missing)}",
                advice=_with_example(sub.get("description"), missing, _typed_example(sub)),
            )
        case "type" if not keys:
            return problem(
                f"uppgifterna ska vara rader med fält och värden, som 'id: …', men är {_type_of(value)}"
            )
        case "type":
            expected = schema.get("type")
            want = _TYPE_NAMES.get(expected, str(expected)) if isinstance(expected, str) else "rätt typ"
            advice = _with_example(hint, key, _typed_example(schema))
            if expected == "string" and value is None:
                advice = "fyll i ett värde efter kolonet, eller ta bort raden"
            elif expected == "string" and not isinstance(value, (list, dict)):
                advice = f"sätt citattecken runt värdet, till exempel \"{value}\""
            return problem(f"{label} ska vara {want}, men är {_type_of(value)}", advice=advice)
        case "enum":
            allowed = ", ".join(str(v) for v in schema["enum"])
            swedish = _swedish_words(schema)
            word = closest(str(value).casefold(), swedish) if isinstance(value, str) else None
            close = swedish[word] if word else closest(str(value), [str(v) for v in schema["enum"]])
            if word:  # the Swedish word was written: the file takes the English one
                advice = f"{word} skrivs '{close}' i filen. Tillåtna värden: {allowed}"
            else:
                advice = f"menade du '{close}'? Tillåtna värden: {allowed}" if close else f"tillåtna värden: {allowed}"
            advice = _with_example(advice, key, str(close or schema["enum"][0]))
            return problem(f"'{value}' är inget tillåtet värde för {label}", advice=advice)
        case "pattern" | "format" if schema.get("format") == "date":
            if err.validator == "format" and _DATE_SHAPE.match(str(value)):
                advice = _with_example("kontrollera månad och dag", key, _real_date(str(value)))
                return problem(f"{label}: '{value}' är inget riktigt datum", "E-DATE", advice)
            advice = _with_example(hint or "skriv datumet som ÅÅÅÅ-MM-DD, utan citattecken", key, EXAMPLE_DATE)
            return problem(f"{label}: '{value}' ska skrivas som ett datum ÅÅÅÅ-MM-DD", "E-DATE", advice)
        case "pattern" if isinstance(value, str) and not value.strip():
            return problem(f"{label} får inte vara tom")
        case "pattern" | "format":
            return problem(f"{label}: '{value}' har fel form")
        case "minLength":
            return problem(f"{label} får inte vara tom")
        case "minItems" | "minProperties":
            return problem(f"{label} får inte vara tom", advice=hint)
        case "uniqueItems":
            return problem(f"{label} innehåller samma värde mer än en gång")
        case "minimum":
            advice = _with_example(hint, key, str(schema["minimum"]))
            return problem(f"{label} ska vara minst {schema['minimum']}, men är {value}", advice=advice)
        case "maximum":
            advice = _with_example(hint, key, str(schema["maximum"]))
            return problem(f"{label} får vara högst {schema['maximum']}, men är {value}", advice=advice)
        case "oneOf" | "anyOf":
            options = [" och ".join(branch.get("required", [])) for branch in schema[err.validator]]
            how = "precis ett" if err.validator == "oneOf" else "minst ett"
            return problem(f"{label}: fyll i {how} av alternativen: " + " | ".join(options))
    # A keyword without Swedish words of its own: say what is expected, never jsonschema's English.
    return problem(f"{label}: värdet '{value}' följer inte reglerna för fältet")


_GLOSS = re.compile(r"(\w+) \(([^()]+)\)")


def _swedish_words(schema: dict) -> dict[str, str]:
    """The Swedish word for each allowed value, as the field's description gives it ("draft (utkast),
    approved (fastställd) …"): an owner often writes the word, not the value."""
    values = {str(v) for v in schema["enum"]}
    return {word.casefold(): value for value, word in _GLOSS.findall(schema.get("description", "")) if value in values}


EXAMPLE_DATE = "2027-06-30"
"""The date shown in a tip where no better one can be guessed from what was written."""


def _with_example(advice: str | None, key: str | int | None, value: str | None) -> str | None:
    """``advice`` followed by a correct line to copy ("Skriv till exempel valid_until: 2027-06-30"); a list
    item or a value without an example keeps the advice as it is."""
    if not isinstance(key, str) or value is None:
        return advice
    if not advice:
        return f"skriv till exempel {key}: {value}"
    return f"{advice} Skriv till exempel {key}: {value}" if advice.endswith(".") else f"{advice}; skriv till exempel {key}: {value}"


def _typed_example(schema: dict) -> str | None:
    if schema.get("type") == "integer":
        return str(schema.get("minimum", 1))
    if schema.get("type") == "boolean":
        return "true"
    if schema.get("format") == "date" or str(schema.get("$ref", "")).endswith("/date"):
        return EXAMPLE_DATE
    return None


def _real_date(value: str) -> str:
    """The last day of the month written, when only the day is too large ('2027-02-30' → '2027-02-28')."""
    year, month, day = (int(part) for part in value.split("-"))
    if 1 <= month <= 12 and year >= 1 and day > 28:
        return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
    return EXAMPLE_DATE
