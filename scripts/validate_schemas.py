#!/usr/bin/env python3
"""Validate civex's output against the record schemas in schemas/.

For each INPUT (a JSON Lines file or a folder of documents) this runs the
civex binary once per record kind -- `sentences`, `extract` (events),
`extract --emit mentions`, `extract --emit documents`, and `incidents` over
the events output when the binary has that command -- and validates every
record against its kind's schema (JSON Schema draft 2020-12, formats
checked). A record with an `error` field, on any stream, is validated
against errors.schema.json. One case is built in: a file with a broken JSON
line, an object without `text` and a good document, which must give two
error records.

    python3 scripts/validate_schemas.py --civex target/release/civex \\
        --schemas schemas/ fixtures/

is what CI runs after the release build. `--schema-from-binary` takes each
schema from `civex schema KIND` (the copies embedded in the binary) instead
of the folder. `--self-test` also checks that the schemas are not vacuous:
mutated copies of valid records (no event_id, type "parade", start -1,
modality "maybe", mention kind "weather", published "14 March") must be
rejected.

Prints, per kind, the records checked and the failures (the first 5 with
doc_id, JSON path and message). Exit status: 0 when every record is valid,
1 when some record is invalid, 2 when civex could not be run as expected.
"""
import argparse
import copy
import json
import os
import subprocess
import sys
import tempfile

# Fields of a record that a document record holds once for all its events
# and mentions (they are left out of its nested records).
DOCUMENT_FIELDS = ("doc_id", "meta", "published")

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import SchemaError, best_match

KINDS = ["sentences", "events", "mentions", "documents", "incidents", "errors"]
COMMANDS = {
    "sentences": ["sentences"],
    "events": ["extract"],
    "mentions": ["extract", "--emit", "mentions"],
    "documents": ["extract", "--emit", "documents"],
}
BAD_INPUT = (
    '{"id": "broken-1", "text": "truncated\n'
    '{"id": "no-text-1"}\n'
    '{"id": "good-1", "published": "2021-04-02", "text": "On 14th March, journalist Dana Oralova '
    'was detained by police in Shymkent. Oralova was fined 200,000 tenge."}\n'
)
SHOWN = 5


class Failed(Exception):
    """civex could not be run as expected."""


def has_command(civex, name):
    run = subprocess.run([civex, name, "--help"], capture_output=True, text=True)
    return run.returncode == 0, run.stdout


def load_schemas(args):
    schemas = {}
    for kind in KINDS:
        path = os.path.join(args.schemas, f"{kind}.schema.json")
        with open(path, encoding="utf-8") as f:
            schemas[kind] = json.load(f)
    if args.schema_from_binary:
        if not has_command(args.civex, "schema")[0]:
            print(f"note: {args.civex} has no `schema` command; using the schemas of {args.schemas}")
        else:
            for kind in KINDS:
                run = subprocess.run([args.civex, "schema", kind], capture_output=True, text=True)
                if run.returncode != 0:
                    raise Failed(f"civex schema {kind}: exit {run.returncode}: {run.stderr.strip()}")
                embedded = json.loads(run.stdout)
                if embedded != schemas[kind]:
                    print(f"note: `civex schema {kind}` differs from {kind}.schema.json; checking the binary's")
                schemas[kind] = embedded
    for schema in schemas.values():
        Draft202012Validator.check_schema(schema)
    return schemas


def shared_definitions_differ(schemas):
    """The parts the schema files repeat, where one copy differs from another."""
    seen, problems = {}, []
    for kind, schema in schemas.items():
        for name, definition in schema.get("$defs", {}).items():
            if name in seen and seen[name][1] != definition:
                problems.append(f"$defs/{name} of {kind} differs from the one of {seen[name][0]}")
            seen.setdefault(name, (kind, definition))
    nested = schemas["documents"].get("$defs", {})
    for kind, name in [("events", "event"), ("mentions", "mention")]:
        top = {k: v for k, v in schemas[kind]["properties"].items() if k not in DOCUMENT_FIELDS}
        required = [k for k in schemas[kind]["required"] if k not in DOCUMENT_FIELDS]
        if nested.get(name, {}).get("properties") != top or nested[name].get("required") != required:
            problems.append(f"documents $defs/{name} differs from the record of {kind}")
    return problems


class Checker:
    def __init__(self, schemas):
        self.validators = {
            kind: Draft202012Validator(schema, format_checker=FormatChecker())
            for kind, schema in schemas.items()
        }
        self.checked = {kind: 0 for kind in KINDS}
        self.failures = {kind: [] for kind in KINDS}
        self.samples = {}  # the first valid record of each kind, for --self-test

    def check(self, kind, record, where):
        if isinstance(record, dict) and "error" in record:
            kind = "errors"
        self.checked[kind] += 1
        error = best_match(self.validators[kind].iter_errors(record))
        if error is None:
            self.samples.setdefault(kind, record)
            return
        name = "doc_id"
        if isinstance(record, dict) and "incident_id" in record and "doc_id" not in record:
            name = "incident_id"
        key = record.get(name) if isinstance(record, dict) else None
        self.failures[kind].append(f"{where}: {name} {key!r}: {error.json_path}: {error.message}")

    def check_file(self, kind, path, label):
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as e:
                    self.checked[kind] += 1
                    self.failures[kind].append(f"{label}:{number}: not JSON: {e}")
                    continue
                self.check(kind, record, f"{label}:{number}")

    def rejects(self, kind, record):
        return next(self.validators[kind].iter_errors(record), None) is not None


def civex(args, command, inputs, out, errors):
    """Runs civex; exit 1 (some documents failed, error records written) is expected."""
    run = subprocess.run([args.civex, *command, *inputs], stdout=out, stderr=errors)
    if run.returncode not in (0, 1):
        raise Failed(f"civex {' '.join(command)} {' '.join(inputs)}: exit {run.returncode}")


def check_input(args, checker, path, tmp, incidents, label=None):
    name, label = os.path.basename(os.path.normpath(path)), label or path
    events_out = None
    for kind, command in COMMANDS.items():
        out, err = os.path.join(tmp, f"{name}.{kind}.jsonl"), os.path.join(tmp, f"{name}.{kind}.errors")
        with open(out, "wb") as o:
            civex(args, [*command, "-q", "--errors", err], [path], o, subprocess.DEVNULL)
        checker.check_file(kind, out, f"{label} [{kind}]")
        if os.path.exists(err):
            checker.check_file("errors", err, f"{label} [{kind} errors]")
        if kind == "events":
            events_out = out
    if incidents is not None:
        flags = ["-q"] if "--quiet" in incidents else []
        out, err = os.path.join(tmp, f"{name}.incidents.jsonl"), os.path.join(tmp, f"{name}.incidents.err")
        with open(out, "wb") as o, open(err, "wb") as e:
            civex(args, ["incidents", *flags], [events_out], o, e)
        checker.check_file("incidents", out, f"{label} [incidents]")
        with open(err, encoding="utf-8", errors="replace") as e:
            for number, line in enumerate(e, 1):
                if line.startswith("{") and '"error"' in line:
                    checker.check("errors", json.loads(line), f"{label} [incidents stderr]:{number}")


def check_bad_input(args, checker, tmp, incidents):
    """The built-in case: two unreadable lines and a good document."""
    path = os.path.join(tmp, "bad-input.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        f.write(BAD_INPUT)
    before = checker.checked["errors"]
    check_input(args, checker, path, tmp, incidents, "built-in bad input")
    # Four commands, two error records each.
    if checker.checked["errors"] - before != 8:
        checker.failures["errors"].append(
            f"built-in bad input: expected 8 error records from 4 runs, got {checker.checked['errors'] - before}")


def self_test(checker):
    """Mutated copies of valid records must be rejected. Returns the problems."""
    def drop(key):
        return lambda r: r.pop(key)

    def put(*path_and_value):
        *path, key, value = path_and_value

        def apply(record):
            for step in path:
                record = record[step]
            record[key] = value
        return apply

    cases = [
        ("events", "no event_id", drop("event_id")),
        ("events", "type parade", put("type", "parade")),
        ("events", "trigger start -1", put("trigger", "start", -1)),
        ("events", "modality maybe", put("modality", "maybe")),
        ("sentences", "start -1", put("start", -1)),
        ("mentions", "kind weather", put("kind", "weather")),
        ("mentions", "start -1", put("start", -1)),
        ("documents", "published 14 March", put("published", "14 March")),
        ("documents", "sentence start -1", put("sentences", 0, "start", -1)),
        ("errors", "no error", drop("error")),
        ("incidents", "events 0", put("events", 0)),
        ("incidents", "bad incident_id", put("incident_id", "inc-1")),
    ]
    problems = []
    for kind, what, mutate in cases:
        record = checker.samples.get(kind)
        if record is None:
            print(f"self-test: {kind:<10} {what:<20} skipped: no valid {kind} record")
            if kind != "incidents":  # absent when civex has no incidents command
                problems.append(f"{kind}: no valid record to mutate ({what})")
            continue
        mutated = copy.deepcopy(record)
        try:
            mutate(mutated)
        except (IndexError, KeyError):
            problems.append(f"{kind}: the sample record cannot take the mutation {what}")
            continue
        status = "rejected" if checker.rejects(kind, mutated) else "ACCEPTED"
        print(f"self-test: {kind:<10} {what:<20} {status}")
        if status == "ACCEPTED":
            problems.append(f"{kind}: a record with {what} is accepted")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--civex", required=True, help="the civex binary")
    parser.add_argument("--schemas", default="schemas", help="the folder of *.schema.json (default: schemas)")
    parser.add_argument("--schema-from-binary", action="store_true",
                        help="take each schema from `civex schema KIND`")
    parser.add_argument("--self-test", action="store_true",
                        help="also check that mutated valid records are rejected")
    parser.add_argument("inputs", nargs="*", metavar="INPUT", help="JSON Lines files or folders of documents")
    args = parser.parse_args()

    try:
        schemas = load_schemas(args)
        checker = Checker(schemas)
        supported, help_text = has_command(args.civex, "incidents")
        incidents = help_text if supported else None
        if not supported:
            print(f"note: {args.civex} has no `incidents` command; incidents records not checked")
        with tempfile.TemporaryDirectory(prefix="civex-schemas-") as tmp:
            check_bad_input(args, checker, tmp, incidents)
            for path in args.inputs:
                check_input(args, checker, path, tmp, incidents)
    except (Failed, OSError, ValueError) as e:  # ValueError: output of civex that is not JSON
        print(f"error: {e}", file=sys.stderr)
        return 2
    except SchemaError as e:
        print(f"error: a schema is not valid draft 2020-12: {e.message} at {e.json_path}", file=sys.stderr)
        return 2

    problems = shared_definitions_differ(schemas)
    if args.self_test:
        problems += self_test(checker)
    for problem in problems:
        print(f"schemas: {problem}")

    total = failed = kinds = 0
    for kind in KINDS:
        checked, failures = checker.checked[kind], checker.failures[kind]
        total, failed, kinds = total + checked, failed + len(failures), kinds + (checked > 0)
        print(f"{kind:<10} {checked:>7} records  {len(failures):>5} failures")
        for failure in failures[:SHOWN]:
            print(f"    {failure}")
    if failed or problems:
        print(f"schemas: {failed} of {total} records invalid, {len(problems)} other problems")
        return 1
    print(f"schemas: {total} records valid across {kinds} kinds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
