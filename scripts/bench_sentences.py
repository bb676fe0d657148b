#!/usr/bin/env python3
"""Sentence-splitting throughput of civex beside its peers, in one run.

    scripts/bench_sentences.py [--venv /tmp/peers-venv] [--input FILE]
                               [--peers blingfire,pysbd] [--rounds 3]

Measures `civex sentences --threads 1` (release build) and the peers of
../shared/bench/peers.py on the same JSON Lines input, alternating the runs
(civex, peer, civex, peer ...) on a shared, noisy machine. It prints for each
tool the median MB/s (bytes of input JSON Lines per wall second, the unit of
../shared/bench/PEERS.md) and sentences per second, then civex's ratio to each
peer. civex writes every sentence record (with offsets and text) to
/dev/null; the peers compute offsets but write nothing. Peers need the venv
made by ../shared/bench/setup.sh.

The default input is the 5 MiB slice of the news corpus (make_big.sh 5): pySBD
needs about a minute for it.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import time


def run_civex(binary, path):
    size = os.path.getsize(path)
    start = time.perf_counter()
    proc = subprocess.run([binary, "sentences", "--threads", "1", path],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)
    seconds = time.perf_counter() - start
    match = re.search(rb"(\d+) sentences written", proc.stderr)
    items = int(match.group(1)) if match else 0
    return size / 1e6 / seconds, items / seconds


def run_peer(python, peers_py, path, peer):
    proc = subprocess.run([python, peers_py, "--input", path, "--task", "sentences", "--peer", peer],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True, text=True)
    last = proc.stdout.strip().splitlines()[-1]
    fields = dict(kv.split("=", 1) for kv in last.split() if "=" in kv)
    seconds = float(fields["seconds"])
    return float(fields["MBps"]), int(fields["items"]) / seconds


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    shared = os.path.join(root, "..", "shared")
    ap = argparse.ArgumentParser()
    ap.add_argument("--venv", default="/tmp/peers-venv")
    ap.add_argument("--input", default=None)
    ap.add_argument("--peers", default="blingfire,pysbd")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--bin", default=os.path.join(root, "target", "release", "civex"))
    args = ap.parse_args()
    path = args.input
    if path is None:
        path = "/tmp/civex-slice5.jsonl"
        if not os.path.exists(path):
            with open(path, "wb") as out:
                subprocess.run(["bash", os.path.join(shared, "corpus", "make_big.sh"), "5"], stdout=out, check=True)
    python = os.path.join(args.venv, "bin", "python")
    peers_py = os.path.join(shared, "bench", "peers.py")
    peers = [p for p in args.peers.split(",") if p]
    results = {"civex": []}
    for peer in peers:
        results[peer] = []
    for round_ in range(args.rounds):
        for peer in peers:
            results["civex"].append(run_civex(args.bin, path))
            # pySBD is slow: one run of it is enough.
            if peer == "pysbd" and results[peer]:
                continue
            results[peer].append(run_peer(python, peers_py, path, peer))
        if not peers:
            results["civex"].append(run_civex(args.bin, path))
    size = os.path.getsize(path)
    print(f"input: {path} ({size / 1e6:.2f} MB of JSON Lines)")
    medians = {}
    for tool, runs in results.items():
        mbps = statistics.median(r[0] for r in runs)
        sps = statistics.median(r[1] for r in runs)
        medians[tool] = mbps
        print(f"{tool:12} {mbps:10.2f} MB/s {sps:14,.0f} sentences/s  (median of {len(runs)} runs)")
    for peer in peers:
        print(f"civex / {peer}: {medians['civex'] / medians[peer]:.0f}x")


if __name__ == "__main__":
    sys.exit(main())
