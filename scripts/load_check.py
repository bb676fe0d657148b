#!/usr/bin/env python3
"""Load civex's CSV and TSV tables into sqlite and check them against the JSON Lines.

CI runs it on the fixtures (issue 14): for events and for mentions it writes
the JSON Lines records and the CSV and TSV tables of the same input, loads
each table into an in-memory sqlite database (Python's standard library:
`csv` reads, `sqlite3` stores) and checks

  * one row per record: the row count equals the number of JSON Lines;
  * the same records in the same order: event ids (events) and offsets
    (mentions) row by row;
  * the same values: for every row, the columns that have a JSON field of
    their own (type, modality, date, country, targets, trigger...) agree.

Usage: load_check.py --civex target/release/civex INPUT...
The last line says what was checked, or what failed (exit 1).
"""

import argparse
import csv
import io
import json
import sqlite3
import subprocess
import sys


def run(civex, args, inputs):
    out = subprocess.run([civex, *args, "-q", *inputs], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def load(table_text, delimiter):
    """The table in a fresh sqlite database: (connection, column names)."""
    db = sqlite3.connect(":memory:")
    if delimiter == "\t":
        # TSV is never quoted: every line is one row.
        rows = [line.split("\t") for line in table_text.splitlines()]
    else:
        rows = list(csv.reader(io.StringIO(table_text, newline="")))
    header, body = rows[0], rows[1:]
    columns = ", ".join(f'"{c}" TEXT' for c in header)
    db.execute(f"CREATE TABLE t (row INTEGER PRIMARY KEY, {columns})")
    marks = ", ".join("?" for _ in range(len(header) + 1))
    for i, row in enumerate(body):
        if len(row) != len(header):
            raise SystemExit(f"row {i + 1} has {len(row)} fields, the header {len(header)}")
        db.execute(f"INSERT INTO t VALUES ({marks})", [i, *row])
    return db, header


def text(value):
    """A JSON value as the table writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def event_expectations(record):
    date = record.get("date") or {}
    place = (record.get("locations") or [{}])[0]
    penalty = record.get("penalty") or {}
    categories = record.get("categories") or {}
    return {
        "event_id": record["event_id"],
        "doc_id": record["doc_id"],
        "type": record["type"],
        "modality": record["modality"],
        "confidence": text(record["confidence"]),
        "date": text(date.get("day")),
        "date_precision": text(date.get("precision")),
        "timex": text(date.get("value")),
        "date_text": text(date.get("text")),
        "country": text(place.get("country")),
        "location": text(place.get("name")),
        "admin1": text(place.get("admin1")),
        "targets": "; ".join(t["name"] for t in record["targets"]),
        "target_count": text(record.get("target_count")),
        "agents": "; ".join(a["name"] for a in record["agents"]),
        "penalty_kind": text(penalty.get("kind")),
        "amount": text(penalty.get("amount")),
        "currency": text(penalty.get("currency")),
        "duration": text(penalty.get("duration")),
        "acled_event_type": text(categories.get("acled_event_type")),
        "civicus_category": text(categories.get("civicus")),
        "trigger": record["trigger"]["text"],
        "trigger_start": text(record["trigger"]["start"]),
        "sentence_index": text(record["sentence"]["index"]),
        "rule": record["rule"],
    }


def mention_expectations(record):
    return {
        "doc_id": record["doc_id"],
        "kind": record["kind"],
        "text": record["text"],
        "start": text(record["start"]),
        "end": text(record["end"]),
        "value": text(record.get("value")),
        "rule": record["rule"],
        "country": text(record.get("country")),
    }


def check(kind, records, table_text, delimiter, expectations):
    db, header = load(table_text, delimiter)
    (count,) = db.execute("SELECT COUNT(*) FROM t").fetchone()
    if count != len(records):
        return [f"{kind}: {count} rows in sqlite, {len(records)} JSON Lines"]
    problems = []
    for i, record in enumerate(records):
        expected = expectations(record)
        names = [c for c in expected if c in header]
        got = db.execute(
            "SELECT " + ", ".join(f'"{c}"' for c in names) + " FROM t WHERE row = ?", (i,)
        ).fetchone()
        for name, value in zip(names, got):
            want = expected[name]
            if delimiter == "\t":
                want = want.replace("\t", " ").replace("\n", " ").replace("\r", " ")
            if value != want:
                problems.append(f"{kind} row {i + 1}, column {name}: {value!r} != {want!r}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--civex", required=True)
    parser.add_argument("inputs", nargs="+")
    args = parser.parse_args()
    problems, summary = [], []
    for emit, expectations in (("events", event_expectations), ("mentions", mention_expectations)):
        lines = run(args.civex, ["extract", "--emit", emit], args.inputs).splitlines()
        records = [json.loads(line) for line in lines]
        for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
            table = run(args.civex, ["extract", "--emit", emit, "--format", fmt], args.inputs)
            found = check(f"{emit} {fmt}", records, table, delimiter, expectations)
            problems += found
            summary.append(f"{emit} {fmt}: {len(records)} rows")
    for problem in problems[:20]:
        print(problem)
    if problems:
        print(f"load check: FAILED, {len(problems)} differences")
        sys.exit(1)
    print("load check: sqlite holds one row per record, values equal: " + "; ".join(summary))


if __name__ == "__main__":
    main()
