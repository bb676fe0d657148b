"""Run civex over JSON Lines with Apache Spark.

    spark-submit [SPARK OPTIONS] scale/spark_extract.py --out DIR [OPTIONS] INPUT...

INPUT is any path Spark reads: a file, a folder (searched recursively for
*.jsonl, *.ndjson and *.json files and their .gz forms, see --glob), or a
glob, on a local disk, HDFS or S3. Each line is one document, as for
`civex extract`. The job writes

    DIR/events    the event records, one JSON object per line, as
                  `civex extract` writes them (--format json), or a Parquet
                  table whose column `record` holds that line (--format parquet)
    DIR/errors    one error record per document that failed, as civex writes
                  them to its errors stream: {"error", "file", "line", "doc_id"}
                  (written only when some document failed)

and, with --no-events-only, DIR/mentions and DIR/sentences as well.

How it works
------------
Spark reads the input as text (`spark.read.text`), so each line arrives as
written: a line that is not valid JSON becomes an error record, as in the
CLI, instead of being dropped or nulled by Spark's JSON reader. Each
partition goes through `mapInArrow`, in Arrow batches of --batch-size
lines. The Python worker hands the raw lines to
`Extractor.extract_lines`, which runs civex in the worker process: civex
reads each line as `civex extract` reads a line of a file (the same error
records, word for word) and returns each record as the line the command
writes; only an event's id and type (and, with --no-events-only, a
mention's kind) are read back here, for their columns. Each worker builds one `civex.Extractor` and keeps it at
module level (keyed by gazetteer folder, minimum confidence and
events-only), so the word lists are loaded once per worker, not once per
task or batch.

Why the package in `mapInArrow` rather than `RDD.pipe` with the binary:

* Failures surface. An exception of the package (the gazetteers do not
  load on an executor, the package is missing) fails the task with civex's
  message, and the job stops before writing anything. `RDD.pipe` ignores the
  child's exit code unless asked (checkCode=True): with a gazetteer folder
  civex refuses, every piped `civex extract` exits with 2 and the job
  succeeds with empty output (tried on local[2]). Checking the exit code
  instead makes one unreadable document (exit 1) fail the whole job.
* Error records come back as data. The package returns them in place of
  the document's results; they are written to DIR/errors with the file and
  line. A piped binary writes them to its stderr, that is to an executor log.
* In process, one thing to deploy. No child process per partition; the
  package is one abi3 wheel in the executors' Python environment, which a
  PySpark job ships anyway, where the binary would be a second artefact to
  ship (--files) and keep in step with the job.

Speed is not among the reasons. On 100 MiB of news (80,627 articles) on
local[2] this job took 12.2-13.2 s and a minimal `RDD.pipe` job 8.7-8.9 s,
against 2.0-2.1 s for `civex extract --threads 2` (three runs each, load
5-8 on a shared 2-core machine); Spark alone (a mapInArrow that only
counts the lines) took 6.4-6.6 s at load 1-2. See the README's "Running
at scale" for more.

Line numbers of error records are exact. Spark reads a file in splits and
does not number lines, so every task also reports how many lines each split
it read holds; the line of a failed document is the lines of the earlier
splits of its file plus its place in its own split.

Spark's console is at WARN (CIVEX_SPARK_LOG_LEVEL=INFO for more) once the
session is up; for quiet start-up lines too, give Spark a log4j2.properties
(scale/test_spark.sh shows one).

Exit codes: 0 every document was processed; 1 some documents failed
(their error records are in DIR/errors, everything else was written);
2 usage or configuration error (a bad flag, a gazetteer folder civex
refuses, no input file); 3 the Spark job failed (a task failed, with the
message printed, or the output could not be written).
"""

import argparse
import functools
import hashlib
import json
import os
import sys
import time

# The kinds of rows the per-partition function emits (column `kind`).
EVENTS, MENTIONS, SENTENCES, ERRORS, SPLITS = "events", "mentions", "sentences", "errors", "splits"

# The per-partition output: records (kind events, mentions, sentences: the
# CLI's JSON line with a few columns to select; errors: the problem, with
# what places it in its file), and one row per file split the task read
# (kind splits) with its counts.
COUNTS = ["lines", "documents", ERRORS, EVENTS, MENTIONS, SENTENCES]
ROW_COLUMNS = [
    ("kind", "string"),
    ("doc_id", "string"),
    ("event_id", "string"),
    ("type", "string"),
    ("record", "string"),
    ("file", "string"),
    ("block", "long"),
    ("rid", "long"),
] + [(name, "long") for name in COUNTS]
ROW_SCHEMA = ", ".join(f"{name} {type_}" for name, type_ in ROW_COLUMNS)

DEFAULT_GLOB = "*.{jsonl,ndjson,json,jsonl.gz,ndjson.gz,json.gz}"


def source_digest():
    """A digest of this file, to tell that the executors run the driver's version of it."""
    with open(__file__, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


# --------------------------------------------------------------------------
# Executor side
# --------------------------------------------------------------------------

# One Extractor per Python worker process. Spark reuses Python workers
# between tasks (spark.python.worker.reuse, on by default), so this holds
# for the life of the executor.
_EXTRACTORS = {}


def extractor(gazetteers, min_confidence, events_only):
    """The worker's Extractor for these settings, built on first use.

    `gazetteers` is the name under which the folder was shipped with
    SparkContext.addFile (resolved here with SparkFiles.get), or None.
    """
    key = (gazetteers, min_confidence, events_only)
    found = _EXTRACTORS.get(key)
    if found is not None:
        return found
    try:
        import civex
    except ImportError as e:
        raise RuntimeError(
            f"civex: the civex Python package cannot be imported by {sys.executable} "
            f"on this executor ({e}); install the wheel in the executors' Python "
            "or ship a packed environment with --archives (README: Running at scale)"
        ) from e
    folder = None
    if gazetteers is not None:
        from pyspark import SparkFiles

        folder = SparkFiles.get(gazetteers)
        if not os.path.isdir(folder):
            raise RuntimeError(f"civex: the gazetteer folder {gazetteers!r} did not reach this executor ({folder})")
    found = civex.Extractor(gazetteers=folder, min_confidence=min_confidence, events_only=events_only)
    _EXTRACTORS[key] = found
    return found


def extract_partition(settings, batches):
    """mapInArrow function: Arrow batches of input lines to rows of ROW_SCHEMA.

    Input columns: line (binary), file (string), block (long: the offset
    of the file split), rid (long: monotonically_increasing_id, consecutive
    within a split). Every exception leaves this function and fails the
    task: nothing is swallowed.
    """
    import pyarrow as pa

    digest, gazetteers, min_confidence, events_only, threads = settings
    if digest != source_digest():
        raise RuntimeError(
            f"spark_extract: this executor imported {__file__}, which is not the driver's spark_extract.py "
            "(another module of that name comes first on its sys.path)"
        )
    ex = extractor(gazetteers, min_confidence, events_only)
    arrow = {"string": pa.string(), "long": pa.int64()}
    schema = pa.schema([(name, arrow[type_]) for name, type_ in ROW_COLUMNS])
    # (file, block) -> {"rid": the split's first rid, and the COUNTS}
    splits = {}

    for batch in batches:
        out = {name: [] for name in schema.names}

        def emit(kind, record, split, doc_id=None, event_id=None, type_=None, file=None, block=None, rid=None):
            split[kind] += 1
            for name, value in (
                ("kind", kind), ("doc_id", doc_id), ("event_id", event_id), ("type", type_),
                ("record", record), ("file", file), ("block", block), ("rid", rid),
            ):
                out[name].append(value)
            for name in COUNTS:
                out[name].append(None)

        lines, where = [], []
        columns = (batch.column(name).to_pylist() for name in ("line", "file", "block", "rid"))
        for raw, file, block, rid in zip(*columns):
            split = splits.get((file, block))
            if split is None:
                split = splits[(file, block)] = dict.fromkeys(COUNTS, 0)
                split["rid"] = rid
            split["lines"] += 1
            split["rid"] = min(split["rid"], rid)
            lines.append(raw)
            where.append((split, file, block, rid))
        # civex reads each line as `civex extract` does and returns each
        # record as the line it writes: no JSON is parsed or written here
        # but an event's id and type (and a mention's kind), read back for
        # their columns.
        results = ex.extract_lines(lines, threads=threads, errors="record") if lines else []
        if len(results) != len(lines):
            raise RuntimeError(f"civex: extract_lines returned {len(results)} results for {len(lines)} lines")
        for result, (split, file, block, rid) in zip(results, where):
            if result is None:
                continue  # a blank line, skipped as the CLI skips it
            split["documents"] += 1
            if "error" in result:
                emit(ERRORS, result["error"], split, doc_id=result["doc_id"], file=file, block=block, rid=rid)
                continue
            doc_id = result["doc_id"]
            for line in result["events"]:
                event = json.loads(line)
                emit(EVENTS, line, split, doc_id=doc_id, event_id=event["event_id"], type_=event["type"])
            if not events_only:
                for line in result["mentions"]:
                    emit(MENTIONS, line, split, doc_id=doc_id, type_=json.loads(line)["kind"])
                for line in result["sentences"]:
                    emit(SENTENCES, line, split, doc_id=doc_id)
        if out["kind"]:
            yield pa.RecordBatch.from_pydict(out, schema=schema)

    if splits:
        keys = list(splits)
        none = [None] * len(keys)
        columns = {name: none for name in schema.names}
        columns.update(
            kind=[SPLITS] * len(keys),
            file=[file for file, _ in keys],
            block=[block for _, block in keys],
            rid=[splits[k]["rid"] for k in keys],
        )
        columns.update({name: [splits[k][name] for k in keys] for name in COUNTS})
        yield pa.RecordBatch.from_pydict(columns, schema=schema)


def dumps(record):
    """A record as civex's CLI writes it: compact, non-ASCII unescaped."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def error_records(batches):
    """mapInArrow function: error rows with their line to error records (the CLI's shape)."""
    import pyarrow as pa

    for batch in batches:
        problems = batch.column("record").to_pylist()
        files = batch.column("file").to_pylist()
        lines = batch.column("line").to_pylist()
        doc_ids = batch.column("doc_id").to_pylist()
        records = [
            dumps({"error": p, "file": f, "line": n, "doc_id": d})
            for p, f, n, d in zip(problems, files, lines, doc_ids)
        ]
        yield pa.RecordBatch.from_pydict(
            {"file": files, "line": lines, "doc_id": doc_ids, "error": problems, "record": records},
            schema=pa.schema(
                [
                    ("file", pa.string()),
                    ("line", pa.int64()),
                    ("doc_id", pa.string()),
                    ("error", pa.string()),
                    ("record", pa.string()),
                ]
            ),
        )


# --------------------------------------------------------------------------
# Driver side
# --------------------------------------------------------------------------


class UsageError(Exception):
    pass


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="spark_extract.py",
        description="civex extract on Apache Spark: JSON Lines in, event records and error records out.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders or globs Spark can read (local, HDFS, S3)")
    p.add_argument("--out", required=True, metavar="DIR", help="output folder: DIR/events, DIR/errors")
    p.add_argument("--format", choices=["json", "parquet"], default="json", help="json: the CLI's lines (default); parquet: a table with the line in column `record`")
    p.add_argument("--gazetteers", metavar="DIR", help="a folder of gazetteer files layered over the built-in ones (shipped to the executors)")
    p.add_argument("--events-only", action=argparse.BooleanOptionalAction, default=True, help="tag only articles with a trigger word (default); --no-events-only tags every article and also writes DIR/mentions and DIR/sentences")
    p.add_argument("--threads", type=int, default=1, metavar="N", help="civex threads per Spark task (default 1: Spark runs one task per core; with N > 1 set spark.task.cpus=N too)")
    p.add_argument("--min-confidence", type=float, metavar="X", help="write only events of confidence X or more (civex's default: 0.5)")
    p.add_argument("--batch-size", type=int, default=1000, metavar="N", help="input lines per Arrow batch, that is per call into civex (default 1000)")
    p.add_argument("--repartition", type=int, metavar="N", help="spread the input lines over N partitions first (for few large or gzipped files, which Spark cannot split)")
    p.add_argument("--glob", default=DEFAULT_GLOB, help=f"file names read inside folders and globs (default {DEFAULT_GLOB!r}; '*' reads every file)")
    p.add_argument("--overwrite", action="store_true", help="replace the output folders of an earlier run (by default the job refuses to start when one exists)")
    p.add_argument("--no-driver-check", action="store_true", help="do not load the gazetteers on the driver first (their problems then fail the tasks)")
    a = p.parse_args(argv)
    if a.threads < 1:
        p.error("--threads must be 1 or more")
    if a.batch_size < 1:
        p.error("--batch-size must be 1 or more")
    if a.repartition is not None and a.repartition < 1:
        p.error("--repartition must be 1 or more")
    if a.min_confidence is not None and not 0.0 <= a.min_confidence <= 1.0:
        p.error("--min-confidence must be between 0 and 1")
    return a


def _is_local(path):
    return "://" not in path or path.startswith("file:")


def check_gazetteers_on_driver(folder, min_confidence):
    """Load the gazetteers once on the driver, so a bad folder stops the job before it starts."""
    try:
        import civex
    except ImportError:
        print(
            "spark_extract: civex is not installed for the driver's Python; the gazetteers will be checked on the executors",
            file=sys.stderr,
        )
        return
    try:
        civex.Extractor(gazetteers=folder, min_confidence=min_confidence, events_only=True)
    except civex.CivexError as e:
        raise UsageError(str(e)) from e


def task_failure_message(exc):
    """The Python error at the bottom of a failed task's traceback, or the exception's first line."""
    text = str(exc)
    found = None
    for line in text.splitlines():
        s = line.strip()
        head = s.split(":", 1)[0]
        if ": " in s and (head.endswith("Error") or head.endswith("Exception")) and " " not in head:
            if head.startswith(("org.apache", "java.", "py4j", "scala.")):
                continue
            found = s
    if found:
        return found
    return text.strip().splitlines()[0] if text.strip() else repr(exc)


def run(args):
    from pyspark import StorageLevel
    from pyspark.sql import SparkSession, functions as F

    gazetteers_name = None
    if args.gazetteers is not None:
        if _is_local(args.gazetteers):
            local = args.gazetteers[len("file:"):] if args.gazetteers.startswith("file:") else args.gazetteers
            if not os.path.isdir(local):
                raise UsageError(f"--gazetteers {args.gazetteers}: not a folder")
            if not args.no_driver_check:
                check_gazetteers_on_driver(local, args.min_confidence)
            args.gazetteers = os.path.abspath(local)
        gazetteers_name = os.path.basename(args.gazetteers.rstrip("/"))

    started = time.monotonic()
    spark = SparkSession.builder.appName("civex extract").getOrCreate()
    session = time.monotonic() - started
    sc = spark.sparkContext
    sc.setLogLevel(os.environ.get("CIVEX_SPARK_LOG_LEVEL", "WARN"))
    # This file is the module the executors import extract_partition from:
    # its module-level cache of Extractors then lives as long as the worker.
    sc.addPyFile(os.path.abspath(__file__))
    here = os.path.dirname(os.path.abspath(__file__))
    if here not in sys.path:
        sys.path.insert(0, here)
    import spark_extract as job  # the same file, as an importable module (not __main__)

    if gazetteers_name is not None:
        sc.addFile(args.gazetteers, recursive=True)
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", str(args.batch_size))

    # Lines end at "\n" only, as civex reads them (Spark's default also ends
    # one at a lone "\r"); a "\r" before the "\n" stays, and JSON reads it
    # as white space.
    reader = spark.read.option("lineSep", "\n").option("recursiveFileLookup", "true")
    if args.glob != "*":
        reader = reader.option("pathGlobFilter", args.glob)
    try:
        lines = reader.text(args.inputs)
    except Exception as e:  # AnalysisException: a path that does not exist
        raise UsageError(task_failure_message(e)) from e
    lines = lines.select(
        F.col("value").cast("binary").alias("line"),
        F.col("_metadata.file_path").alias("file"),
        F.col("_metadata.file_block_start").alias("block"),
        F.monotonically_increasing_id().alias("rid"),
    )
    if args.repartition:
        lines = lines.repartition(args.repartition)

    # Refuse existing output folders before the work, not after it.
    out = args.out.rstrip("/")
    hadoop = sc._jvm.org.apache.hadoop.fs

    def jpath(name):
        return hadoop.Path(f"{out}/{name}")

    fs = jpath(EVENTS).getFileSystem(sc._jsc.hadoopConfiguration())
    outputs = [EVENTS, ERRORS, MENTIONS, SENTENCES]
    if not args.overwrite:
        existing = [f"{out}/{name}" for name in outputs if fs.exists(jpath(name))]
        if existing:
            raise UsageError(f"{existing[0]} exists: remove it, or pass --overwrite")

    settings = (source_digest(), gazetteers_name, args.min_confidence, args.events_only, args.threads)

    rows = lines.mapInArrow(functools.partial(job.extract_partition, settings), ROW_SCHEMA)
    rows = rows.persist(StorageLevel.MEMORY_AND_DISK)

    # The first action: runs civex over everything (a failing task stops it
    # here) and fills the cache the writes below read from.
    splits = (
        rows.where(F.col("kind") == SPLITS)
        .groupBy("file", "block")
        .agg(F.min("rid").alias("first_rid"), *[F.sum(name).alias(name) for name in COUNTS])
        .collect()
    )
    if not splits:
        raise UsageError(f"no input lines in {' '.join(args.inputs)} (files named {args.glob})")
    counts = {name: sum(s[name] for s in splits) for name in COUNTS}

    # The first line of each split: the lines of the earlier splits of its file, plus one.
    first_line = []
    by_file = {}
    for s in sorted(splits, key=lambda s: (s["file"], s["block"])):
        before = by_file.get(s["file"], 0)
        first_line.append((s["file"], s["block"], before + 1, s["first_rid"]))
        by_file[s["file"]] = before + s["lines"]

    # Folders of an earlier run are removed only now that this run's
    # records exist, all of them: a stale DIR/errors must not outlive a run
    # without errors.
    if args.overwrite:
        for name in outputs:
            fs.delete(jpath(name), True)

    def write(df, name, columns):
        if args.format == "json":
            df.select("record").write.mode("errorifexists").text(f"{out}/{name}")
        else:
            df.select(*columns).write.mode("errorifexists").parquet(f"{out}/{name}")

    write(rows.where(F.col("kind") == EVENTS), EVENTS, ["doc_id", "event_id", "type", "record"])
    if not args.events_only:
        write(rows.where(F.col("kind") == MENTIONS), MENTIONS, ["doc_id", F.col("type").alias("kind"), "record"])
        write(rows.where(F.col("kind") == SENTENCES), SENTENCES, ["doc_id", "record"])
    failed = counts[ERRORS]
    if failed:
        starts = spark.createDataFrame(first_line, "file string, block long, first_line long, first_rid long")
        errors = (
            rows.where(F.col("kind") == ERRORS)
            .join(F.broadcast(starts), ["file", "block"])
            .select(
                "record",
                "file",
                (F.col("first_line") + F.col("rid") - F.col("first_rid")).alias("line"),
                "doc_id",
            )
            .coalesce(max(1, min(rows.rdd.getNumPartitions(), failed // 200_000 + 1)))
            .mapInArrow(job.error_records, "file string, line long, doc_id string, error string, record string")
        )
        write(errors, ERRORS, ["file", "line", "doc_id", "error", "record"])
    rows.unpersist()

    files = len(by_file)
    extra = "" if args.events_only else f", {counts[MENTIONS]:,} mentions, {counts[SENTENCES]:,} sentences"
    print(
        f"spark_extract: {files:,} file{'' if files == 1 else 's'}, {counts['documents']:,} documents read, "
        f"{counts['documents'] - failed:,} succeeded, {failed:,} failed; {counts[EVENTS]:,} events{extra} "
        f"written to {out} ({args.format}) in {time.monotonic() - started:.1f} s (Spark session {session:.1f} s)",
        file=sys.stderr,
    )
    spark.stop()
    return 1 if failed else 0


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        return run(args)
    except UsageError as e:
        print(f"spark_extract: {e}", file=sys.stderr)
        return 2
    except Exception as e:
        # A task failure arrives as a Py4JJavaError or PythonException whose
        # text holds the executor's traceback; print its last Python error.
        print(f"spark_extract: the Spark job failed: {task_failure_message(e)}", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
