#!/usr/bin/env bash
# The README's "Your own rules, step by step", run as written on fixture 04:
# accept a sample, change two rules (an NGO, a trigger pattern), check the
# folder, see the change in `civex explain`, see `civex test` fail with its
# diff, accept it, see it pass. Exits 1 at the first step that does not do
# what the README says. Usage: scripts/rules_walkthrough.sh [CIVEX]
set -uo pipefail
CIVEX=${1:-civex}
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cd "$W"
step() { echo "-- $1"; }
die() { echo "walkthrough FAIL: $1"; exit 1; }
expect() { # expect TEXT FILE
  grep -qF -- "$1" "$2" || { cat "$2"; die "expected: $1"; }
}

step "1. accept today's output of a sample"
mkdir my-samples my-rules
cp "$ROOT/fixtures/04-nairobi-cost-of-living-rally.jsonl" my-samples/
"$CIVEX" test my-samples --accept > out.txt || die "test --accept failed"
expect "1 accepted now" out.txt
"$CIVEX" test my-samples > out.txt || die "an accepted sample differs"

step "2. two one-line rules, checked"
printf "People's Cost of Living Alliance\t-\tngo\t-\n" > my-rules/organisations.tsv
printf 'firing tear gas and live rounds at {target}\tassault\tverb\tlemma=fire live rounds at\n' > my-rules/triggers.tsv
"$CIVEX" gazetteers check my-rules > out.txt || die "gazetteers check found problems"
expect "my-rules: 0 errors, 0 warnings, 0 notes" out.txt

step "3. explain shows the entry and the event"
"$CIVEX" explain my-samples/04-nairobi-cost-of-living-rally.jsonl --gazetteers my-rules > out.txt || die "explain failed"
expect "entry my-rules/organisations.tsv:1 \"People's Cost of Living Alliance\"" out.txt
expect "assault \"firing tear gas and live rounds at dozens of protesters\"" out.txt
expect "at my-rules/triggers.tsv:1" out.txt
expect "rejected by pattern.covered" out.txt

step "4. the snapshot test fails with its diff"
status=0
"$CIVEX" test my-samples --gazetteers my-rules > out.txt || status=$?
[ "$status" -eq 1 ] || die "civex test exited $status, not 1"
expect "~ mention organisation \"PCLA\" at 547-551: value: \"Living Alliance\" -> \"People's Cost of Living Alliance\"" out.txt
expect "+ event assault \"firing tear gas and live rounds at dozens of protesters\" at 189-244" out.txt
cat out.txt

step "5. accepted, it passes"
"$CIVEX" test my-samples --gazetteers my-rules --accept > out.txt || die "accept failed"
"$CIVEX" test my-samples --gazetteers my-rules > out.txt || die "the accepted change differs"
expect "1 sample: 1 as accepted, 0 differ" out.txt
echo "walkthrough ok: accept, check, explain, failing diff, accept again"
