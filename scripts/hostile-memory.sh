#!/usr/bin/env bash
# Measures the peak RSS of `wiretrace add` over WARCs of 16 hostile pages
# (scripts/hostilewarc) with several --workers, as docs/reliability.md
# reports it. KINDS and WORKERS override the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
kinds="${KINDS:-attributes near-limits unclosed}"
workers="${WORKERS:-1 2 4 8 16}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/wiretrace" ./cmd/wiretrace
uptime
echo "| pages | --workers | peak RSS | wall time | summary |"
echo "|---|---|---|---|---|"
for kind in $kinds; do
	go run ./scripts/hostilewarc -kind "$kind" -pages 16 -o "$tmp/$kind.warc.gz"
	for w in $workers; do
		rm -rf "$tmp/db"
		/usr/bin/time -v "$tmp/wiretrace" --db "$tmp/db" add -q --workers "$w" "$tmp/$kind.warc.gz" \
			>/dev/null 2>"$tmp/err" || true
		rss=$(awk -F': ' '/Maximum resident/ {printf "%.0f MiB", $2/1024}' "$tmp/err")
		wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$tmp/err")
		summary=$(grep -m1 'added,' "$tmp/err" || true)
		echo "| $kind | $w | $rss | $wall | $summary |"
	done
done
