#!/usr/bin/env python3
"""Throughput benchmark: runs a civex command over a JSONL(.gz) corpus and
prints MB of input text per second and the peak resident memory.

    scripts/throughput.py [--bin target/release/civex] [--corpus ../shared/corpus/news.jsonl.gz]
                          [--threads 1] [--repeat 3] -- extract --emit mentions

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


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(root, "target", "release", "civex"))
    ap.add_argument("--corpus", default=os.path.join(root, "..", "shared", "corpus", "news.jsonl.gz"))
    ap.add_argument("--threads", default="1")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--label", default=None)
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    command = [c for c in args.command if c != "--"] or ["extract", "--emit", "mentions"]
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
