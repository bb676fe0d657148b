#!/usr/bin/env bash
# Runs scale/spark_extract.py on Spark local[2] and checks it against
# `civex extract` on the same input.
#
#   scale/test_spark.sh            (from anywhere; needs java 17, python3 >= 3.10,
#                                   network or pip's cache, and cargo unless CIVEX_BIN is set)
#
# Environment: CIVEX_BIN (the civex binary; default: cargo build --release),
# CIVEX_SHARED (the shared folder; default: the repository's ../shared),
# CIVEX_PACKAGE (what pip installs as the civex package: a folder or a
# wheel; default: the repository's python/),
# PYTHON (default python3), KEEP=1 (keep the temporary folder).
#
# It builds a throwaway venv (pyspark 3.5 with pyarrow and pandas, and the
# civex package from ./python), takes fixtures/*.jsonl and the first 2,000
# documents of shared/corpus/news.jsonl.gz with a few lines civex rejects or
# repairs put among them, and
#  1. runs the job (JSON lines) and `civex extract --threads 2`: the sorted
#     event lines must be byte-identical, the error records equal (file,
#     line, doc_id, message);
#  2. runs it with --no-events-only --format parquet on 1 MiB splits: events,
#     mentions and sentences must be the lines of `civex extract`,
#     `civex extract --emit mentions` and `civex sentences`, and the error
#     records' lines right across splits;
#  3. runs it with a gazetteer folder civex refuses, checked on the driver
#     (exit 2) and on the executors (--no-driver-check: a task failure,
#     exit 3): both must show civex's message and write no events;
#  4. runs it on one document, for the fixed cost.
# Its last line gives the result and the time of run 1 against
# `civex extract --threads 2`.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=${CIVEX_SHARED:-$REPO/../shared}
CORPUS=$SHARED/corpus/news.jsonl.gz
PY=${PYTHON:-python3}

fail() { echo "spark: FAILED: $*"; exit 1; }

command -v java >/dev/null || fail "java is not installed (Spark 3.5 needs Java 8, 11 or 17)"
[ -f "$CORPUS" ] || fail "no corpus at $CORPUS (set CIVEX_SHARED)"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/civex-spark.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then echo "keeping $TMP"; else trap 'rm -rf "$TMP"' EXIT; fi

if [ -n "${CIVEX_BIN:-}" ]; then
  BIN=$CIVEX_BIN
else
  (cd "$REPO" && cargo build --release --quiet)
  BIN=$REPO/target/release/civex
fi
[ -x "$BIN" ] || fail "no civex binary at $BIN"

# Nothing from outside the venv but java: no SPARK_HOME, Hadoop or Python
# settings of this machine.
unset SPARK_HOME HADOOP_HOME HADOOP_CONF_DIR YARN_CONF_DIR PYTHONPATH PYSPARK_SUBMIT_ARGS PYTHONHOME
echo "building a venv with pyspark 3.5 and the civex package (pip's cache is reused)..."
"$PY" -m venv "$TMP/venv"
VPY=$TMP/venv/bin/python
"$VPY" -m pip install --quiet --disable-pip-version-check 'pyspark[sql]>=3.5,<3.6' 'pyarrow>=11,<18' 'pandas>=1.5,<2.3' "${CIVEX_PACKAGE:-$REPO/python}"
"$VPY" -c 'import civex, pyspark; print("civex", civex.__version__, "pyspark", pyspark.__version__)'

export PYSPARK_PYTHON=$VPY PYSPARK_DRIVER_PYTHON=$VPY SPARK_LOCAL_IP=127.0.0.1
export SPARK_CONF_DIR=$TMP/conf
mkdir -p "$SPARK_CONF_DIR"
# Spark's console at WARN from the first line (setLogLevel comes later).
cat > "$SPARK_CONF_DIR/log4j2.properties" <<'EOF'
rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n%ex
logger.nativecode.name = org.apache.hadoop.util.NativeCodeLoader
logger.nativecode.level = error
EOF
SUBMIT=("$TMP/venv/bin/spark-submit" --master 'local[2]' --conf spark.ui.enabled=false)
JOB=$REPO/scale/spark_extract.py

# The input: the fixtures, and 2,000 news articles with, after the 1,500th,
# lines civex rejects or repairs (a blank line, a CRLF ending, invalid UTF-8).
IN=$TMP/input
mkdir -p "$IN"
cp "$REPO"/fixtures/*.jsonl "$IN/"
printf '%s\n' \
  '{"id":"odd-1","text":"Police detained the journalist Dana Oralova in Almaty on Monday."}' \
  '{"id":"odd-2"}' \
  '' \
  '{"id":"odd-3","text":"The court fined her.","published":"last Tuesday"}' \
  '{"id":4.5,"text":"Activists were arrested."}' \
  '["not", "an", "object"]' \
  '{"id":"odd-4","text":"the record ends early' \
  > "$TMP/odd.jsonl"
printf '{"id":"odd-5","text":"Police detained three activists in Minsk.","published":"2024-03-01"}\r\n' >> "$TMP/odd.jsonl"
printf '{"id":"odd-6","text":"Police detained the blogger Ana Mar\xeda Ruiz in Caracas on 2 May.","published":"2024-05-03"}\n' >> "$TMP/odd.jsonl"
"$VPY" - "$CORPUS" "$TMP/odd.jsonl" "$IN/news-2000.jsonl" <<'EOF'
import gzip, itertools, sys
with gzip.open(sys.argv[1], "rb") as src, open(sys.argv[2], "rb") as odd, open(sys.argv[3], "wb") as dst:
    news = list(itertools.islice(src, 2000))
    dst.writelines(news[:1500] + odd.readlines() + news[1500:])
EOF
DOCS=$(cat "$IN"/*.jsonl | grep -c '[^[:space:]]' || true)

# What civex extract writes: the reference.
echo "civex extract --threads 2 on $DOCS documents..."
t0=$(date +%s.%N)
set +e
"$BIN" extract --threads 2 -q --errors "$TMP/cli-errors.jsonl" "$IN"/*.jsonl > "$TMP/cli-events.jsonl"
rc=$?
set -e
t1=$(date +%s.%N)
[ "$rc" -le 1 ] || fail "civex extract exited with $rc"
"$BIN" extract -q --emit mentions "$IN"/*.jsonl > "$TMP/cli-mentions.jsonl" 2> /dev/null || [ $? = 1 ]
"$BIN" sentences -q "$IN"/*.jsonl > "$TMP/cli-sentences.jsonl" 2> /dev/null || [ $? = 1 ]

# Compares the job's output folder with civex's records: record lines byte
# for byte (sorted); error records as objects, Spark's file URI cut to the
# path civex was given. Prints "EVENTS ERRORS [MENTIONS SENTENCES]".
cat > "$TMP/compare.py" <<'EOF'
import glob, json, sys

tmp, out, fmt = sys.argv[1:4]
kinds = sys.argv[4:]


def cli_lines(name):
    with open(f"{tmp}/{name}", encoding="utf-8") as f:
        return [l.rstrip("\n") for l in f if l.strip()]


def spark_lines(kind):
    if fmt == "parquet":
        import pyarrow.parquet as pq
        return pq.read_table(f"{out}/{kind}").column("record").to_pylist()
    lines = []
    for path in glob.glob(f"{out}/{kind}/part-*"):
        with open(path, encoding="utf-8") as f:
            lines += [l.rstrip("\n") for l in f if l.strip()]
    return lines


problems, counts = [], {}
for kind in kinds:
    spark, cli = sorted(spark_lines(kind)), sorted(cli_lines(f"cli-{kind}.jsonl"))
    counts[kind] = len(spark)
    if spark != cli:
        s, c = set(spark), set(cli)
        problems.append(f"{kind}: {len(spark)} from Spark, {len(cli)} from civex, "
                        f"{len(s - c)} only in Spark, {len(c - s)} only in civex")
        problems += ["  only in Spark: " + l[:300] for l in sorted(s - c)[:2]]
        problems += ["  only in civex: " + l[:300] for l in sorted(c - s)[:2]]

key = lambda r: (r["file"], r["line"] or 0)
cli_errors = sorted((json.loads(l) for l in cli_lines("cli-errors.jsonl")), key=key)
cli_errors = [r for r in cli_errors if "error" in r]  # not the summary
spark_errors = []
for l in spark_lines("errors") if glob.glob(f"{out}/errors") else []:
    r = json.loads(l)
    if not r["file"].startswith("file:"):
        problems.append(f"error record without a file: URI: {l}")
    r["file"] = r["file"][len("file:"):]
    spark_errors.append(r)
spark_errors.sort(key=key)
if len(spark_errors) != len(cli_errors):
    problems.append(f"errors: {len(spark_errors)} from Spark, {len(cli_errors)} from civex")
for s, c in zip(spark_errors, cli_errors):
    if s == c:
        continue
    problems.append(f"  Spark: {json.dumps(s)}\n  civex: {json.dumps(c)}")

if problems:
    print("\n".join(problems), file=sys.stderr)
    sys.exit(1)
print(counts["events"], len(spark_errors), *[counts[k] for k in kinds if k != "events"])
EOF

# 1. The job as a user runs it first: events as JSON lines (timed).
echo "spark_extract.py on local[2]..."
t2=$(date +%s.%N)
set +e
"${SUBMIT[@]}" "$JOB" --out "$TMP/out" "$IN" > "$TMP/spark.log" 2>&1
src=$?
set -e
t3=$(date +%s.%N)
if [ "$src" -gt 1 ]; then tail -n 30 "$TMP/spark.log"; fail "the Spark job exited with $src"; fi
grep '^spark_extract:' "$TMP/spark.log" || true
[ "$src" = "$rc" ] || fail "the Spark job exited with $src, civex extract with $rc"
[ -f "$TMP/out/events/_SUCCESS" ] || fail "no $TMP/out/events/_SUCCESS"
RESULT=$("$VPY" "$TMP/compare.py" "$TMP" "$TMP/out" json events) \
  || fail "the Spark job's records differ from civex extract's (above)"
read -r NEVENTS NERRORS <<< "$RESULT"
echo "records: $NEVENTS event lines byte-identical to civex extract's; $NERRORS error records equal"

# 2. Every record kind, as Parquet, from files cut into 1 MiB splits (so the
# lines of error records are counted across splits): --no-events-only also
# writes mentions and sentences, which must be the lines of
# `civex extract --emit mentions` and `civex sentences`.
echo "spark_extract.py --no-events-only --format parquet, 1 MiB splits, on local[2]..."
set +e
"${SUBMIT[@]}" --conf spark.sql.files.maxPartitionBytes=1m \
  "$JOB" --out "$TMP/out-all" --no-events-only --format parquet "$IN" > "$TMP/spark-all.log" 2>&1
arc=$?
set -e
[ "$arc" = "$rc" ] || { tail -n 30 "$TMP/spark-all.log"; fail "the Spark job (--no-events-only --format parquet) exited with $arc"; }
ALL=$("$VPY" "$TMP/compare.py" "$TMP" "$TMP/out-all" parquet events mentions sentences) \
  || fail "the Parquet records differ from civex's (above)"
read -r _ _ NMENTIONS NSENTENCES <<< "$ALL"
echo "parquet: $NEVENTS events, $NMENTIONS mentions, $NSENTENCES sentences identical to civex's; $NERRORS error records equal"

# Negative checks: a gazetteer folder civex refuses.
mkdir -p "$TMP/bad-rules"
awk '!/^#/ { print; exit }' "$REPO/tests/rules/faulty/triggers.tsv" > "$TMP/bad-rules/triggers.tsv"
set +e
"$BIN" extract -q --gazetteers "$TMP/bad-rules" "$IN/01-almaty-land-picket.jsonl" > /dev/null 2> "$TMP/cli-bad.txt"
crc=$?
set -e
[ "$crc" = 2 ] || fail "civex extract accepted the broken gazetteers (exit $crc)"
# civex's message without the folder's path, which differs on an executor.
MSG=$(sed -n '1s/.*triggers\.tsv:1: //p' "$TMP/cli-bad.txt")
[ -n "$MSG" ] || fail "unexpected message from civex: $(cat "$TMP/cli-bad.txt")"
for where in driver executors; do
  extra=()
  want=2
  if [ "$where" = executors ]; then extra=(--no-driver-check); want=3; fi
  set +e
  "${SUBMIT[@]}" "$JOB" --out "$TMP/out-bad-$where" --gazetteers "$TMP/bad-rules" "${extra[@]}" "$IN" > "$TMP/bad-$where.log" 2>&1
  brc=$?
  set -e
  [ "$brc" = "$want" ] || { tail -n 20 "$TMP/bad-$where.log"; fail "broken gazetteers on the $where: exit $brc, expected $want"; }
  grep -qF -- "$MSG" "$TMP/bad-$where.log" || { tail -n 20 "$TMP/bad-$where.log"; fail "broken gazetteers on the $where: civex's message ($MSG) is not in the output"; }
  [ ! -e "$TMP/out-bad-$where/events/_SUCCESS" ] || fail "broken gazetteers on the $where: events were written"
  echo "broken gazetteers, checked on the $where: exit $brc, $(grep -m1 '^spark_extract:' "$TMP/bad-$where.log" | cut -c1-160)"
done

# The fixed cost: the same job on one document.
t4=$(date +%s.%N)
"${SUBMIT[@]}" "$JOB" --out "$TMP/out-one" "$IN/01-almaty-land-picket.jsonl" > "$TMP/spark-one.log" 2>&1 \
  || { tail -n 30 "$TMP/spark-one.log"; fail "the Spark job on one document failed"; }
t5=$(date +%s.%N)

"$VPY" - "$t0" "$t1" "$t2" "$t3" "$t4" "$t5" "$DOCS" "$NEVENTS" "$NERRORS" "$NMENTIONS" "$NSENTENCES" <<'EOF'
import sys
t0, t1, t2, t3, t4, t5 = map(float, sys.argv[1:7])
docs, events, errors, mentions, sentences = map(int, sys.argv[7:12])
cli, spark, one = t1 - t0, t3 - t2, t5 - t4
print(f"spark: OK, {docs:,} documents, {events:,} events and {errors:,} error records identical, "
      f"{mentions:,} mentions and {sentences:,} sentences identical; broken gazetteers fail with civex's message; "
      f"local[2] {spark:.1f} s vs civex --threads 2 {cli:.2f} s ({spark / cli:.0f}x; "
      f"the job takes {one:.1f} s on one document: JVM, Spark and Python start-up)")
EOF
