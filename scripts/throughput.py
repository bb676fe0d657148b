#!/usr/bin/env python3
"""Throughput benchmark: runs a civex command over a JSONL(.gz) corpus and
prints MB of input text per second and the peak resident memory.

    scripts/throughput.py [--bin target/release/civex] [--corpus ../shared/corpus/news.jsonl.gz]
                          [--threads 1] [--repeat 3] -- extract --emit mentions

    scripts/throughput.py --long-doc 1,5,20 [-- extract --emit documents]

--long-doc SIZES (MB of text) measures how civex scales with document length:
for each size it joins corpus articles (cycling through the corpus when it is
smaller) into ONE document, writes the same articles as separate documents,
runs the command on both (best of --repeat) and prints the ratio
one-document / separate. Two checks, each exiting 1 when it fails:

- growth: the time per MB of the one document at the largest size against
  the next largest (20 MB against 5 MB), at most --max-growth (1.5). Rules
  read a bounded window around each candidate, so the time grows linearly
  with length and this stays near 1; a rule that rescans the text before a
  candidate would give about 4 here.
- ratio: one document against its articles apart, at most --max-ratio (2.0
  by default). Articles apart are analysed in groups, stage by stage, and an
  article without a trigger word skips the event stage's passes over its
  text, so the ratio sits above 1 without any growth with length (for
  `extract --emit documents`, 1.6-1.8 measured at 20 MB and 1.1-1.45 at 5 MB
  on 3 December 2026, on a shared machine): it is a looser check.

The default command of --long-doc is `extract --emit documents`, which tags
every article: `extract` writing events alone does not tag the articles
without a trigger candidate (most of them), so its ratio would measure that
saving, not how the work grows with a document's length.

The text size counted is the UTF-8 size of every document's "text" field (not
the JSON around it); the JSONL figure counts whole input lines, as
../shared/bench/PEERS.md does. The best of --repeat runs is reported; wall-clock time
includes reading and decompressing the input and writing output to /dev/null.
"""
import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time


def text_bytes(path):
    """(UTF-8 bytes of all "text" fields, bytes of JSONL input, documents)."""
    opener = gzip.open if path.endswith(".gz") else open
    total = jsonl = docs = 0
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            jsonl += len(line.encode("utf-8"))
            if line.strip():
                total += len(json.loads(line)["text"].encode("utf-8"))
                docs += 1
    return total, jsonl, docs


def write_long_doc_inputs(corpus, size_mb, folder):
    """Writes sep.jsonl (articles as documents) and one.jsonl (the same
    articles joined by blank lines into one document) of about size_mb MB of
    text; returns their paths and the text size in bytes."""
    opener = gzip.open if corpus.endswith(".gz") else open
    with opener(corpus, "rt", encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    texts, total, i = [], 0, 0
    while total < size_mb * 1e6 and docs:
        text = docs[i % len(docs)]["text"]
        texts.append(text)
        total += len(text.encode("utf-8"))
        i += 1
    sep = os.path.join(folder, f"sep-{size_mb}.jsonl")
    one = os.path.join(folder, f"one-{size_mb}.jsonl")
    # One anchor for both, so that both resolve the same dates.
    with open(sep, "w", encoding="utf-8") as f:
        for n, text in enumerate(texts):
            f.write(json.dumps({"id": f"doc-{n}", "text": text, "published": "2005-01-01"}) + "\n")
    with open(one, "w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "one", "text": "\n\n".join(texts), "published": "2005-01-01"}) + "\n")
    return sep, one, total


def best_time(argv, repeat):
    best = None
    for _ in range(repeat):
        start = time.perf_counter()
        with open(os.devnull, "wb") as sink:
            proc = subprocess.run(argv, stdout=sink, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - start
        if proc.returncode not in (0, 1):
            sys.stderr.write(proc.stderr.decode(errors="replace"))
            sys.exit(f"civex exited with {proc.returncode}")
        best = elapsed if best is None else min(best, elapsed)
    return best


def long_doc(args, command):
    worst = 0.0
    per_mb = []
    with tempfile.TemporaryDirectory() as folder:
        for size_mb in [float(s) for s in args.long_doc.split(",")]:
            size_mb = int(size_mb) if size_mb.is_integer() else size_mb
            sep, one, total = write_long_doc_inputs(args.corpus, size_mb, folder)
            base = [args.bin, *command, "--threads", args.threads, "-q"]
            limit = ["--max-doc-bytes", str(2 * total + 1024)]
            t_sep = best_time([*base, sep], args.repeat)
            t_one = best_time([*base, *limit, one], args.repeat)
            ratio = t_one / t_sep
            worst = max(worst, ratio)
            per_mb.append((total, t_one / total))
            print(f"long document, {' '.join(command)}: {total / 1e6:.1f} MB of text as one document "
                  f"{t_one:.2f} s, as separate documents {t_sep:.2f} s: ratio {ratio:.2f} "
                  f"(best of {args.repeat}, threads {args.threads})", flush=True)
    failures = []
    if len(per_mb) >= 2:
        (size_m, rate_m), (size_l, rate_l) = sorted(per_mb)[-2:]
        growth = rate_l / rate_m
        print(f"long document, growth: time per MB at {size_l / 1e6:.1f} MB is {growth:.2f}x "
              f"that at {size_m / 1e6:.1f} MB (linear: 1)", flush=True)
        if growth > args.max_growth:
            failures.append(f"the time per MB of one document grew {growth:.2f}x from "
                            f"{size_m / 1e6:.1f} to {size_l / 1e6:.1f} MB (more than {args.max_growth}x)")
    if worst > args.max_ratio:
        failures.append(f"a long document took {worst:.2f}x the time of its articles apart "
                        f"(more than {args.max_ratio}x)")
    if failures:
        sys.exit("; ".join(failures))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(root, "target", "release", "civex"))
    ap.add_argument("--corpus", default=os.path.join(root, "..", "shared", "corpus", "news.jsonl.gz"))
    ap.add_argument("--threads", default="1")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--label", default=None)
    ap.add_argument("--long-doc", default=None, metavar="SIZES",
                    help="comma-separated sizes in MB: time one long document against its articles apart")
    ap.add_argument("--max-ratio", type=float, default=2.0)
    ap.add_argument("--max-growth", type=float, default=1.5)
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    command = [c for c in args.command if c != "--"] or ["extract", "--emit", "mentions"]
    if args.long_doc:
        long_doc(args, [c for c in args.command if c != "--"] or ["extract", "--emit", "documents"])
        return
    size, jsonl, docs = text_bytes(args.corpus)
    best = None
    for _ in range(args.repeat):
        start = time.perf_counter()
        with open(os.devnull, "wb") as sink:
            proc = subprocess.run([args.bin, *command, "--threads", args.threads, "-q", args.corpus],
                                  stdout=sink, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - start
        if proc.returncode not in (0, 1):
            sys.stderr.write(proc.stderr.decode(errors="replace"))
            sys.exit(f"civex exited with {proc.returncode}")
        best = elapsed if best is None else min(best, elapsed)
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    label = args.label or " ".join(command)
    print(f"{label}: {docs} documents, {size / 1e6:.2f} MB of text, best of {args.repeat}: "
          f"{best:.3f} s = {size / 1e6 / best:.2f} MB/s of text ({jsonl / 1e6 / best:.2f} MB/s of JSONL, "
          f"the unit of shared/bench/PEERS.md), {docs / best:,.0f} docs/s "
          f"(threads {args.threads}), peak RSS {peak_kib / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
