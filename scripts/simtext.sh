#!/usr/bin/env bash
# All pairs of Reuters-21578 stories: wiretrace (add, then families) and
# Debian's sim_text (similarity-tester) side by side, timed, with how far
# they agree on the pairs they find.
#
#   scripts/simtext.sh [DATA]    (DATA defaults to ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared/data}"
command -v sim_text >/dev/null || { echo "sim_text not found: apt-get install similarity-tester" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
go build -o "$work/wiretrace" ./cmd/wiretrace
go run ./scripts/simtext write "$data" "$work"

echo "== sim_text -p (runs of 8 words or more, files sharing 20% or more)"
ls "$work/texts" | sed "s|^|$work/texts/|" > "$work/files"
/usr/bin/time -f "sim_text: %e s wall, %U s user, %M KB peak" sim_text -p -i < "$work/files" > "$work/sim.txt"

echo "== wiretrace add + families"
/usr/bin/time -f "wiretrace add: %e s wall, %U s user, %M KB peak" "$work/wiretrace" add -q --db "$work/db" "$work/articles.jsonl"
/usr/bin/time -f "wiretrace families: %e s wall, %U s user, %M KB peak" "$work/wiretrace" families --db "$work/db" --json > "$work/families.jsonl"

go run ./scripts/simtext compare "$work/sim.txt" "$work/families.jsonl"
