#!/usr/bin/env python3
"""Gate: the mentions civex finds in the seed article (issue 2 acceptance).

Reads `civex extract --emit mentions` output for ../shared/seed/seed.jsonl on
stdin and checks it against the seed's gold persons, organisations and dates
(read from ../shared/seed/gold.jsonl, not written here), the 180 EUR fine and
the P10Y prison term. Exits 1 with the list of what is missing.
"""
import json
import sys

gold_path = sys.argv[1]
gold = json.loads(open(gold_path, encoding="utf-8").readline())
mentions = [json.loads(line) for line in sys.stdin if line.strip()]

problems = []
persons = {m["value"] for m in mentions if m["kind"] == "person"}
for name in gold["persons"]:
    if name not in persons:
        problems.append(f"person {name!r} not found (persons: {sorted(persons)})")
# every surname-only mention must resolve to a full name
for m in mentions:
    if m["kind"] == "person" and " " not in (m["value"] or ""):
        problems.append(f"person mention {m['text']!r} at {m['start']} has no full name")
orgs = {m["value"] for m in mentions if m["kind"] == "organisation"}
for org in gold["organisations"]:
    if org not in orgs:
        problems.append(f"organisation {org!r} not found (organisations: {sorted(orgs)})")
dates = {(m["start"], m["end"], m["value"]) for m in mentions if m["kind"] == "date"}
for d in gold["dates"]:
    if (d["start"], d["end"], d["value"]) not in dates:
        problems.append(f"date {d['text']!r} [{d['start']},{d['end']}) = {d['value']} not found")
if not any(m["kind"] == "money" and m["value"] == "180 EUR" for m in mentions):
    problems.append("money 180 EUR not found")
if not any(m["kind"] == "duration" and m["value"] == "P10Y" for m in mentions):
    problems.append("duration P10Y not found")

total = len(gold["persons"]) + len(gold["organisations"]) + len(gold["dates"]) + 2
print(f"seed mentions: {total - len([p for p in problems if 'full name' not in p])}/{total} expected mentions found"
      + ("" if not problems else f"; problems: {len(problems)}"))
for p in problems:
    print("  " + p)
sys.exit(1 if problems else 0)
