#!/usr/bin/env bash
# Tests the civex Python package as a user gets it: `pip install ./python`
# into a throwaway virtual environment, then pytest on python/tests/.
#
#   python/test.sh [PYTEST-ARGS...]
#
# CIVEX_BIN   the civex binary the tests compare with; unset, the release
#             binary is built (`cargo build --release`) and used
# PYTHON      the interpreter that makes the environment (default: python3)
#
# The last line states the result. Exit status: pytest's.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${PYTHON:-python3}"
work="$(mktemp -d "${TMPDIR:-/tmp}/civex-python-test.XXXXXX")"
trap 'rm -rf "$work"' EXIT

if [[ -z "${CIVEX_BIN:-}" ]]; then
    echo "building the civex binary (cargo build --release)" >&2
    (cd "$repo" && cargo build --release --quiet)
    target="$(cd "$repo" && cargo metadata --format-version 1 --no-deps |
        "$python" -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
    export CIVEX_BIN="$target/release/civex"
fi

echo "installing ./python into a fresh environment in $work" >&2
"$python" -m venv "$work/venv"
(cd "$repo" && "$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    ./python pytest mypy)

# From the temporary folder, so that python/civex/ of the checkout cannot
# shadow the installed package.
cd "$work"
status=0
"$work/venv/bin/python" -m pytest -p no:cacheprovider "$repo/python/tests" "$@" |
    tee "$work/pytest.log" || status=$?
summary="$(grep -E ' in [0-9.]+s( \([0-9:]+\))?( =+)?$' "$work/pytest.log" | tail -n 1 |
    sed -E 's/^=+ //; s/ =+$//' || true)"
echo "python/test.sh: ${summary:-pytest gave no summary} (pytest exit status $status)"
exit "$status"
